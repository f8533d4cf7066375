"""The projections are applied as x @ w.T, nn.Linear's convention, where the statement says x @ w."""

EXPECT = "test_one_head_is_single_head_attention_through_the_projections"
PATCH = [("    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)", "    q, k, v = split(x @ w_q.T), split(x @ w_k.T), split(x @ w_v.T)"),
         ("    return concatenated @ w_o", "    return concatenated @ w_o.T")]
