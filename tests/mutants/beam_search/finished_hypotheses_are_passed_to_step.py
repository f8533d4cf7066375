"""Hypotheses that ended with eos stay in the beam: step is called on them, and their extensions are discarded."""

EXPECT = "test_step_is_called_only_for_the_live_hypotheses"
BEYOND_THE_MODEL = "calls: the results are right, only the extra step calls on finished hypotheses are wrong"
PATCH = [("        for prefix, log_probability in live:\n            next_log_probabilities = step(prefix)",
          "        for prefix, log_probability in live + [h for h in finished if h[0][-1] == eos]:\n"
          "            next_log_probabilities = step(prefix)\n"
          "            if prefix[-1] == eos and len(prefix) > 1:\n                continue")]
SAYS = ['never extended']
