"""The softmax exponentiates the raw scores: exp(1e4) overflows to inf and the weights become NaN."""

EXPECT = "test_scores_of_ten_thousand_give_no_nan"
PATCH = [("    top = np.where(np.isneginf(top), 0.0, top)\n", "    top = np.zeros_like(top)\n")]
