"""Temperature 0 is replaced by a tiny temperature, so it samples: equal top logits are drawn at random."""

EXPECT = "test_temperature_zero_is_greedy_with_ties_to_the_lowest_index"
PATCH = [("    if temperature == 0:\n        tokens = np.argmax", "    if False:\n        tokens = np.argmax"),
         ("        scaled = logits / temperature\n", "        scaled = logits / max(temperature, 1e-6)\n")]
SAYS = ['greedy']
