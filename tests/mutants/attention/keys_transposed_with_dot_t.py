"""k is transposed with k.T, which reverses every axis of a batched array, not just the last two."""

EXPECT = "test_attention_is_the_softmax_of_scaled_scores_applied_to_the_values"
PATCH = [("    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1])", "    scores = q @ k.T / math.sqrt(q.shape[-1])")]
