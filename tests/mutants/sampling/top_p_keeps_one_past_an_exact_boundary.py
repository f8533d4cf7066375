"""top-p keeps a token while the tokens before it sum to <= p, so a sum that reaches p exactly keeps one more."""

EXPECT = "test_top_p_stops_at_the_token_whose_probability_reaches_p"
PATCH = [("    np.put_along_axis(kept, order, before < p, axis=-1)", "    np.put_along_axis(kept, order, before <= p, axis=-1)")]
SAYS = ['>= p, not > p']
