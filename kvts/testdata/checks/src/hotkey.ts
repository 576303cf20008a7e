// kvhotkey: one key written again and again.

export async function progress(env: Env, lines: string[]) {
	for (let i = 0; i < lines.length; i++) {
		await process(lines[i]);
		await env.KV.put("import:progress", String(i)); // want: kvhotkey
	}
}

export async function concurrent(env: Env, items: string[]) {
	await Promise.all(items.map(async (item) => {
		await process(item);
		await env.KV.put("last-item", item); // want: kvhotkey
	}));
}

export async function twice(env: Env, id: string) {
	await env.KV.put(`job:${id}`, "started");
	await run(id);
	await env.KV.put(`job:${id}`, "done"); // want: kvhotkey
}

export async function together(env: Env) {
	await Promise.all([env.KV.put("state", "a"), env.KV.put("state", "b")]); // want: kvhotkey
}

// Silent: a key per item.
export async function perItem(env: Env, items: { id: string; v: string }[]) {
	for (const it of items) {
		await env.KV.put(`item:${it.id}`, it.v);
	}
	await Promise.all(items.map((it) => env.KV.put("item:" + it.id, it.v)));
}

// Silent: written under a condition (how often it holds is unknown), or once then break.
export async function sometimes(env: Env, lines: string[]) {
	for (let i = 0; i < lines.length; i++) {
		if (i % 100 === 0) await env.KV.put("progress", String(i));
	}
	for (const l of lines) {
		if (!l) continue;
		await env.KV.put("seen-one", l);
	}
	for (const l of lines) {
		await env.KV.put("first", l);
		break;
	}
}

// Silent: the loop waits between writes (a heartbeat).
export async function heartbeat(env: Env) {
	while (true) {
		await env.KV.put("heartbeat", String(Date.now()));
		await new Promise((r) => setTimeout(r, 60_000));
	}
}

// Silent: one write on each side of an if; a retry only after a failed write.
export async function oneOfTwo(env: Env, ok: boolean) {
	if (ok) {
		await env.KV.put("result", "ok");
	} else {
		await env.KV.put("result", "failed");
	}
	try {
		await env.KV.put("x", "1");
	} catch {
		await env.KV.put("x", "1");
	}
}

declare function process(s: string): Promise<void>;
declare function run(s: string): Promise<void>;
