"""Greedy takes the last entry of an ascending argsort, so among equal top logits the highest index wins."""

EXPECT = "test_temperature_zero_is_greedy_with_ties_to_the_lowest_index"
PATCH = [("        tokens = np.argmax(logits, axis=-1)", "        tokens = np.argsort(logits, axis=-1, kind=\"stable\")[..., -1]")]
