"""top-k removes the logits below the k-th largest, so every logit tied with it is kept too (more than k)."""

EXPECT = "test_top_k_keeps_exactly_the_k_largest_of_each_row"
PATCH = [("    np.put_along_axis(filtered, _ranked(logits)[..., k:], -np.inf, axis=-1)\n",
          "    kth_largest = np.sort(logits, axis=-1)[..., -min(k, logits.shape[-1]), None]\n"
          "    filtered[logits < kth_largest] = -np.inf\n")]
SAYS = ['keep exactly k']
