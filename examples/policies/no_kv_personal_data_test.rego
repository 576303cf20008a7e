package storewise.user_test

import data.storewise.user

test_profiles_are_personal_data if {
	user.personal_data with input as {"answers": {"workload": "User profiles cache"}}
}

test_feature_flags_are_not if {
	not user.personal_data with input as {"answers": {"workload": "storefront feature flags"}}
}

test_personal_data_rules_out_kv if {
	some e in user.eliminate with input as {"answers": {"workload": "customer accounts"}}
	e.product == "kv"
}
