# An example of a team's own policy, added with `advisor --policy examples/policies`.
#
# Rule: no personal data in Workers KV. KV copies values to edge locations worldwide, and a
# delete reaches them only eventually ("you cannot force immediate global invalidation"),
# which does not square with erasure requests. This team marks such workloads by name.
#
# A policy lives in package storewise.user (or below) and may add:
#   eliminate contains {"product": ..., "text": ..., "source": ...}   (a product ruled out)
#   points contains {"product": ..., "points": n, "text": ..., "dimension": ..., "source": ...}
#   warnings contains "..."
# It reads the same input as the built-in policy: input.answers (every field of the answers
# file, defaults included), input.derived (write_ratio, cost per product, ...), input.facts
# (each fact's number, by product and key) and input.thresholds.
package storewise.user

personal_data if regex.match(`(?i)\b(personal|pii|profiles?|customers?|users?|accounts?|patients?)\b`, input.answers.workload)

eliminate contains {
	"product": "kv",
	"text": "Data policy: personal data is not stored in Workers KV, whose copies at the edge are deleted only eventually.",
	"source": "https://wiki.example.com/data-policy#workers-kv",
} if personal_data

points contains {
	"product": "d1",
	"dimension": "policy",
	"points": 5,
	"text": "Data policy: D1 is the approved store for personal data (deletes are immediate, backups are managed).",
	"source": "https://wiki.example.com/data-policy#d1",
} if personal_data

warnings contains "Personal data: record the retention period and the deletion path in the design review." if personal_data
