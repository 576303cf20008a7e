export async function onRequest(context) {
	await context.env.KV.put("last-page", context.request.url); // want: kvhotkey
	return context.next();
}
