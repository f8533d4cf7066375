"""top-k picks the k largest with np.argpartition, which puts equal logits in no promised order."""

EXPECT = "test_top_k_breaks_ties_by_the_lower_index"
PATCH = [("    np.put_along_axis(filtered, _ranked(logits)[..., k:], -np.inf, axis=-1)\n",
          "    if k < logits.shape[-1]:\n"
          "        order = np.argpartition(-logits, k - 1, axis=-1)\n"
          "        np.put_along_axis(filtered, order[..., k:], -np.inf, axis=-1)\n")]
