"""A row whose scores are all -inf is not special-cased: -inf minus a maximum of -inf gives NaN weights."""

EXPECT = "test_a_query_with_nothing_to_attend_to_gets_zero_weights_and_zero_output"
PATCH = [("    top = np.where(np.isneginf(top), 0.0, top)\n", "")]
