"""softmax exponentiates the scaled logits as they are: exp(1e4) overflows to inf, and inf / inf is NaN."""

EXPECT = "test_extreme_logits_give_finite_probabilities"
PATCH = [("    shifted = scaled - scaled.max(axis=-1, keepdims=True)\n", "    shifted = scaled\n")]
SAYS = ["subtract the row's maximum"]
NOT_SAYS = ['sum to 1']
