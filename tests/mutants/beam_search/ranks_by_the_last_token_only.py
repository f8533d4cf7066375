"""Candidates are ranked by the log-probability of their last token, forgetting the parent's sum."""

EXPECT = "test_results_match_a_model_beam_search"
PATCH = [("                candidates.append((prefix + (token,), log_probability + float(next_log_probabilities[token])))",
          "                candidates.append((prefix + (token,), float(next_log_probabilities[token])))")]
SAYS = ["its parent's plus the token's"]
