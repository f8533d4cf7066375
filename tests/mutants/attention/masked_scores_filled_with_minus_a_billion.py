"""Forbidden scores are set to -1e9 instead of -inf, so a query with nothing to attend to averages all the values."""

EXPECT = "test_a_query_with_nothing_to_attend_to_gets_zero_weights_and_zero_output"
PATCH = [("        scores = np.where(allowed, scores, -np.inf)", "        scores = np.where(allowed, scores, -1e9)")]
