"""The returned sequences leave bos out (only the generated tokens)."""

EXPECT = "test_hypotheses_include_bos_and_stop_at_eos_and_at_max_len"
PATCH = [("    scored = [(sequence, log_probability / (len(sequence) - 1) ** length_penalty)",
          "    scored = [(sequence[1:], log_probability / (len(sequence) - 1) ** length_penalty)")]
SAYS = ['include bos']
