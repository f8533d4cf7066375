"""softmax subtracts one maximum for the whole batch, so a row of much smaller logits underflows to 0 / 0."""

EXPECT = "test_extreme_logits_give_finite_probabilities"
PATCH = [("    shifted = scaled - scaled.max(axis=-1, keepdims=True)\n", "    shifted = scaled - scaled.max()\n")]
SAYS = ["each row's OWN maximum"]
NOT_SAYS = ['sum to 1']
