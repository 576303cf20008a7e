// Service-worker syntax: bindings are globals.
addEventListener("fetch", (event) => {
	event.respondWith(handle(event.request));
});

async function handle(request) {
	const raw = await GLOBAL_KV.get("queue");
	const queue = raw ? JSON.parse(raw) : [];
	queue.push(request.url);
	await GLOBAL_KV.put("queue", JSON.stringify(queue)); // want: kvrmw
	return new Response("queued");
}
