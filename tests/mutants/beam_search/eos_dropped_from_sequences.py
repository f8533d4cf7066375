"""The returned sequences drop the eos that ended them."""

EXPECT = "test_hypotheses_include_bos_and_stop_at_eos_and_at_max_len"
PATCH = [("    scored = [(sequence, log_probability / (len(sequence) - 1) ** length_penalty)",
          "    scored = [(sequence[:-1] if sequence[-1] == eos else sequence,\n"
          "               log_probability / (len(sequence) - 1) ** length_penalty)")]
