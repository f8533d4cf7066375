"""Correct answers, but every grant and charge replays the whole ledger at once, O(n log n) per call."""

EXPECT = "test_a_batch_of_calls_is_replayed_once_and_each_query_costs_log_n"
BEYOND_THE_MODEL = "speed: the answers are right, only the cost per call is wrong"
SAYS = ["replays the whole ledger on every call, or on every query"]
PATCH = [
    ("        self._grants[grant_id] = (amount, timestamp, expires_at)\n        self._stale = True\n",
     "        self._grants[grant_id] = (amount, timestamp, expires_at)\n        self._stale = True\n"
     "        self._replay()\n"),
    ("        self._charges[charge_id] = (amount, timestamp)\n        self._stale = True\n",
     "        self._charges[charge_id] = (amount, timestamp)\n        self._stale = True\n        self._replay()\n"),
]
