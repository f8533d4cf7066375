"""max_len is compared with the whole tuple, bos included, so every hypothesis stops one token early."""

EXPECT = "test_hypotheses_include_bos_and_stop_at_eos_and_at_max_len"
PATCH = [("            if sequence[-1] == eos or length == max_len:", "            if sequence[-1] == eos or len(sequence) == max_len:")]
SAYS = ['max_len counts the tokens after bos']
