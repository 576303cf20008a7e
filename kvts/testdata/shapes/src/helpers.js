// A helper in JavaScript: no type says `ns` is a namespace, every caller hands it one.
export async function bumpUntyped(ns, key) {
	const value = await ns.get(key);
	await ns.put(key, String((parseInt(value) || 0) + 1)); // want: kvrmw
}

// A helper typed in JSDoc, called from nowhere: the KVNamespace type says enough.
/** @param {KVNamespace} kv */
export async function touch(kv, key) {
	const v = await kv.get(key);
	await kv.put(key, v + "!"); // want: kvrmw
}

/**
 * Not a namespace: the JSDoc names another type.
 * @param {R2Bucket} bucket
 */
export async function appendObject(bucket, key) {
	const o = await bucket.get(key);
	await bucket.put(key, (await o.text()) + "!");
}
