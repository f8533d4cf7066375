"""Elapsed time is the sum of the sleeps, not the clock: time spent inside the calls is forgotten."""

EXPECT = "test_the_deadline_counts_time_spent_in_calls"
PATCH = [
    ("        self._failures = 0\n", "        self._failures = 0\n        self._slept = 0.0\n"),
    ("        if policy.deadline is not None and self._clock() - self._start + delay > policy.deadline:\n"
     "            return None\n",
     "        if policy.deadline is not None and self._slept + delay > policy.deadline:\n"
     "            return None\n        self._slept += delay\n"),
]
