"""top-k ranks with an ascending stable sort reversed, so among equal logits the higher index is kept."""

EXPECT = "test_top_k_breaks_ties_by_the_lower_index"
PATCH = [("    np.put_along_axis(filtered, _ranked(logits)[..., k:], -np.inf, axis=-1)\n",
          "    order = np.argsort(logits, axis=-1, kind=\"stable\")[..., ::-1]\n"
          "    np.put_along_axis(filtered, order[..., k:], -np.inf, axis=-1)\n")]
SAYS = ['lower index']
