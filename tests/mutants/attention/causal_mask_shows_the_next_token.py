"""The causal mask is np.tril(..., k=1), so position i also attends to position i + 1."""

EXPECT = "test_causal_output_at_a_position_ignores_later_tokens"
PATCH = [("        allowed = np.tril(np.ones((seq, seq), dtype=bool))",
          "        allowed = np.tril(np.ones((seq, seq), dtype=bool), k=1)")]
