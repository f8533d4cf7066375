"""The beam keeps beam_width candidates at every step however many have finished; the best beam_width are returned."""

EXPECT = "test_results_match_a_model_beam_search"
PATCH = [("        for sequence, log_probability in candidates[: beam_width - len(finished)]:",
          "        for sequence, log_probability in candidates[:beam_width]:"),
         ("        if len(finished) == beam_width or not live:\n            break",
          "        if len(finished) >= beam_width or not live:\n            break"),
         ("    return sorted(scored, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))",
          "    return sorted(scored, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))[:beam_width]")]
