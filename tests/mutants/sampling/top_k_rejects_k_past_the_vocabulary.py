"""top-k raises ValueError for a k larger than the vocabulary instead of keeping the whole row."""

EXPECT = "test_top_k_larger_than_the_vocabulary_keeps_every_token"
PATCH = [("    if k < 1:\n        raise ValueError(f\"k must be at least 1",
          "    if not 1 <= k <= np.shape(logits)[-1]:\n        raise ValueError(f\"k must be at least 1")]
