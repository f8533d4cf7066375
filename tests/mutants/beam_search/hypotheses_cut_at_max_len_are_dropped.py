"""Only hypotheses that end with eos are returned: those stopped by max_len are thrown away."""

EXPECT = "test_hypotheses_include_bos_and_stop_at_eos_and_at_max_len"
PATCH = [("            if sequence[-1] == eos or length == max_len:\n                finished.append((sequence, log_probability))",
          "            if sequence[-1] == eos:\n                finished.append((sequence, log_probability))\n"
          "            elif length == max_len:\n                pass")]
