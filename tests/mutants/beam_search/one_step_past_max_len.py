"""The loop expands the hypotheses of max_len tokens once more before noticing they are too long."""

EXPECT = "test_step_is_called_only_for_the_live_hypotheses"
BEYOND_THE_MODEL = "calls: the results are right, only the extra step calls at max_len are wrong"
PATCH = [("    for length in range(1, max_len + 1):\n        candidates = []\n"
          "        for prefix, log_probability in live:\n"
          "            next_log_probabilities = step(prefix)  # once per live prefix: the model is the expensive part\n",
          "    for length in range(1, max_len + 2):\n        candidates = []\n"
          "        for prefix, log_probability in live:\n"
          "            next_log_probabilities = step(prefix)  # once per live prefix: the model is the expensive part\n"
          "            if length > max_len:\n                finished.append((prefix, log_probability))\n"
          "                continue\n"),
         ("            if sequence[-1] == eos or length == max_len:", "            if sequence[-1] == eos:"),
         ("        if len(finished) == beam_width or not live:", "        if length > max_len or len(finished) == beam_width or not live:")]
