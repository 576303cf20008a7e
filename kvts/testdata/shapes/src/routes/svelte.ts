// SvelteKit: platform.env; Astro: locals.runtime.env.
export const POST = async ({ platform }: { platform: App.Platform }) => {
	const v = await platform!.env.KV.get("votes");
	await platform!.env.KV.put("votes", String(Number(v) + 1)); // want: kvrmw
	return new Response("ok");
};

export async function astro({ locals }: { locals: App.Locals }) {
	const kv = locals.runtime.env.KV;
	const stars = Number((await kv.get("stars")) ?? 0);
	await kv.put("stars", String(stars + 1)); // want: kvrmw
}
