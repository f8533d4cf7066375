"""The deadline clock starts at the first failure instead of just before the first call."""

EXPECT = "test_the_deadline_counts_time_spent_in_calls"
PATCH = [
    ("        self._start = clock()  # read just before the first call: the deadline counts from here\n",
     "        self._start: float | None = None\n"),
    ("        self._failures += 1\n", "        self._failures += 1\n        if self._start is None:\n"
     "            self._start = self._clock()\n"),
]
