"""Correct answers, but every query replays the whole ledger: the stale mark is never consulted."""

EXPECT = "test_a_batch_of_calls_is_replayed_once_and_each_query_costs_log_n"
BEYOND_THE_MODEL = "speed: the answers are right, only the cost per query is wrong"
SAYS = ["replays the whole ledger on every call, or on every query"]
PATCH = [("        if not self._stale:\n            return\n", "")]
