"""Candidates are picked with heapq.nlargest on (log-probability, sequence) pairs, so ties keep the larger sequence."""

EXPECT = "test_ties_are_broken_by_the_smaller_sequence"
PATCH = [("from typing import Callable, Sequence", "import heapq\nfrom typing import Callable, Sequence"),
         ("        candidates.sort(key=lambda candidate: (-candidate[1], candidate[0]))",
          "        best = heapq.nlargest(beam_width - len(finished), [(p, s) for s, p in candidates])\n"
          "        candidates = [(s, p) for p, s in best]")]
