package storewise.rank_test

import data.storewise.fixtures
import data.storewise.rank

test_flags_rank_kv_first if {
	rank.primary == "kv" with input as fixtures.with_answers({})
}

test_eliminated_products_score_zero_and_never_lead if {
	r := rank.ranking with input as fixtures.with_answers({"consistency": "strong"})
	some e in r
	e.product == "kv"
	e.eliminated
	e.score == 0
	rank.primary != "kv" with input as fixtures.with_answers({"consistency": "strong"})
}

test_ties_break_by_product_order if {
	# Every product with the same points: the canonical order decides.
	same := {{"product": p, "points": 10, "text": "t"} | some p in data.storewise.order}
	rank.order == data.storewise.order with input as fixtures.with_answers({}) with data.storewise.score.shares as set() with data.storewise.user.points as same
}

test_no_primary_when_everything_is_eliminated if {
	all := {{"product": p, "text": "t"} | some p in data.storewise.order}
	not rank.primary with input as fixtures.with_answers({}) with data.storewise.user.eliminate as all
}

test_scores_never_go_below_zero if {
	neg := {{"product": "r2", "points": -500, "text": "t"}}
	rank.scores.r2 == 0 with input as fixtures.with_answers({}) with data.storewise.user.points as neg
}
