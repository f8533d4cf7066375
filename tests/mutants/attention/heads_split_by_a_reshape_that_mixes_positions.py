"""Heads are split by reshaping (batch, seq, d_model) straight to (batch, heads, seq, d_head), mixing positions."""

EXPECT = "test_multi_head_attention_matches_the_definition"
PATCH = [("        return t.reshape(batch, seq, num_heads, d_head).transpose(0, 2, 1, 3)",
          "        return t.reshape(batch, num_heads, seq, d_head)")]
SAYS = ["mixes positions", "reshape to (batch, seq, heads, d_head), then swap axes 1 and 2"]
NOT_SAYS = ["sqrt(d_model)"]
