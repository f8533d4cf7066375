"""The search stops as soon as the best candidate of a step ends with eos, with fewer than beam_width finished."""

EXPECT = "test_results_match_a_model_beam_search"
PATCH = [("        live = []\n        for sequence, log_probability in candidates[: beam_width - len(finished)]:",
          "        if candidates[0][0][-1] == eos:\n            finished.append(candidates[0])\n            break\n"
          "        live = []\n        for sequence, log_probability in candidates[: beam_width - len(finished)]:")]
SAYS = ['keeps its slot']
