"""The finished hypotheses come back in the order they finished, not best first."""

EXPECT = "test_at_most_beam_width_hypotheses_come_back_best_first"
PATCH = [("    return sorted(scored, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))", "    return scored")]
