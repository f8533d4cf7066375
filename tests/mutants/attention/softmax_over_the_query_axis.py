"""The softmax normalises over axis -2 (the queries) instead of the last axis (the keys)."""

EXPECT = "test_attention_is_the_softmax_of_scaled_scores_applied_to_the_values"
PATCH = [("    top = scores.max(axis=-1, keepdims=True)", "    top = scores.max(axis=-2, keepdims=True)"),
         ("    totals = exps.sum(axis=-1, keepdims=True)", "    totals = exps.sum(axis=-2, keepdims=True)")]
SAYS = ["softmax over the queries", "the last axis"]
