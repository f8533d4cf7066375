"""The concatenated heads are returned without the output projection w_o."""

EXPECT = "test_multi_head_attention_matches_the_definition"
PATCH = [("    return concatenated @ w_o", "    return concatenated")]
