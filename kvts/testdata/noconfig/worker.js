// Service-worker syntax, bindings set in the dashboard: LINKS is written and read.
addEventListener("fetch", (event) => event.respondWith(shorten(event.request)));

async function shorten(request) {
	const key = new URL(request.url).searchParams.get("k");
	const taken = await LINKS.get(key);
	if (taken == null) {
		await LINKS.put(key, request.url); // want: kvexists
		return new Response(key);
	}
	return new Response("taken", { status: 409 });
}

// COUNTERS is only read with get(id): a Durable Object namespace, not KV.
async function counter(request) {
	const stub = COUNTERS.get(COUNTERS.idFromName("a"));
	return stub.fetch(request);
}
