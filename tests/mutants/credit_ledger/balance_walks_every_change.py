"""Correct answers, but balance(t) walks the list of balance changes from the start instead of bisecting it."""

EXPECT = "test_a_batch_of_calls_is_replayed_once_and_each_query_costs_log_n"
BEYOND_THE_MODEL = "speed: the answers are right, only the cost per query is wrong"
SAYS = ["each query after it still walks the events"]
PATCH = [
    (
        """        index = bisect_right(self._times, timestamp)
        return self._balances[index - 1] if index else 0""",
        """        balance = 0
        for time, after in zip(self._times, self._balances):
            if time > timestamp:
                break
            balance = after
        return balance""",
    )
]
