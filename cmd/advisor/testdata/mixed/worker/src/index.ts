// The TypeScript half: a visit counter on Workers KV.
export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		const path = new URL(request.url).pathname;
		const n = Number((await env.VISITS.get(`visits:${path}`)) ?? 0) + 1;
		await env.VISITS.put(`visits:${path}`, String(n));
		return new Response(`${n} visits`);
	},
};
