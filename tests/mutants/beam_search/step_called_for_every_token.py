"""step(prefix) is called again for each token instead of once per prefix."""

EXPECT = "test_no_prefix_is_passed_to_step_twice"
BEYOND_THE_MODEL = "calls: the results are right, only the number of step calls is wrong"
PATCH = [("            next_log_probabilities = step(prefix)  # once per live prefix: the model is the expensive part\n"
          "            for token in range(len(next_log_probabilities)):\n"
          "                candidates.append((prefix + (token,), log_probability + float(next_log_probabilities[token])))",
          "            for token in range(len(step(prefix))):\n"
          "                candidates.append((prefix + (token,), log_probability + float(step(prefix)[token])))")]
SAYS = ['once per live hypothesis']
