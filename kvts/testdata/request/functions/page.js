// A route of its own: silent.
export async function onRequest(context) {
	await context.env.KV.put("page-hit", "1");
	return new Response("ok");
}
