"""The finished hypotheses are sorted by their raw log-probability, though the scores returned are penalised."""

EXPECT = "test_scores_divide_the_log_probability_by_the_length_to_the_penalty"
PATCH = [("""    scored = [(sequence, log_probability / (len(sequence) - 1) ** length_penalty)
              for sequence, log_probability in finished]
    return sorted(scored, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))""",
          """    finished.sort(key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))
    return [(sequence, log_probability / (len(sequence) - 1) ** length_penalty)
            for sequence, log_probability in finished]""")]
SAYS = ['sort the finished hypotheses by score']
