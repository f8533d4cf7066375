"""Candidates are sorted by log-probability alone: equal ones stay in the order they were generated."""

EXPECT = "test_ties_are_broken_by_the_smaller_sequence"
PATCH = [("        candidates.sort(key=lambda candidate: (-candidate[1], candidate[0]))",
          "        candidates.sort(key=lambda candidate: -candidate[1])")]
SAYS = ['smaller sequence']
