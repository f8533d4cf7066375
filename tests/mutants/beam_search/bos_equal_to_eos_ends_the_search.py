"""A hypothesis counts as finished when it contains eos anywhere, so bos == eos (as in GPT-2) finishes everything."""

EXPECT = "test_hypotheses_include_bos_and_stop_at_eos_and_at_max_len"
PATCH = [("            if sequence[-1] == eos or length == max_len:", "            if eos in sequence or length == max_len:")]
SAYS = ['GENERATED eos']
