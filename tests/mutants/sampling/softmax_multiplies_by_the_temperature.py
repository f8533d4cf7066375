"""softmax multiplies the logits by the temperature instead of dividing, so a high temperature sharpens."""

EXPECT = "test_softmax_matches_the_definition_on_any_batch_shape"
PATCH = [("    scaled = np.asarray(logits, dtype=np.float64) / temperature\n",
          "    scaled = np.asarray(logits, dtype=np.float64) * temperature\n")]
SAYS = ['do not multiply']
