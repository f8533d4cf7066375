"""Multi-head attention written inline divides every head's scores by sqrt(d_model) instead of sqrt(d_head)."""

EXPECT = "test_multi_head_attention_matches_the_definition"
PATCH = [("    heads, _ = scaled_dot_product_attention(q, k, v, allowed)",
          "    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(d_model)\n"
          "    heads = _masked_softmax(scores, allowed) @ v")]
SAYS = ["sqrt(d_model)", "divide by sqrt(d_head)"]
NOT_SAYS = ["mixes positions"]
