"""The length penalty divides by len(sequence), which counts bos."""

EXPECT = "test_scores_divide_the_log_probability_by_the_length_to_the_penalty"
PATCH = [("log_probability / (len(sequence) - 1) ** length_penalty)", "log_probability / len(sequence) ** length_penalty)")]
SAYS = ['counts bos']
NOT_SAYS = ['sort the finished hypotheses']
