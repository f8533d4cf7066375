"""The mask multiplies the weights after the softmax, so the allowed weights no longer sum to 1."""

EXPECT = "test_a_key_the_mask_forbids_gets_no_weight"
PATCH = [("    weights = _masked_softmax(scores, mask)\n",
          "    weights = _masked_softmax(scores, None)\n"
          "    if mask is not None:\n"
          "        weights = weights * mask\n")]
SAYS = ["softmax taken before the mask", "-inf at the forbidden scores before the softmax"]
