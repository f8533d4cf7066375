"""Correct answers, but each charge sorts every unexpired grant to find where to draw: O(n log n) per charge."""

EXPECT = "test_a_batch_of_calls_is_replayed_once_and_each_query_costs_log_n"
BEYOND_THE_MODEL = "speed: the answers are right, only the cost of the replay is wrong"
SAYS = ["heap"]
PATCH = [
    (
        """            while amount:
                cheapest = active[0]
                drawn = min(amount, cheapest[3])
                cheapest[3] -= drawn
                amount -= drawn
                if not cheapest[3]:
                    heappop(active)  # used up: it leaves nothing behind when it expires
""",
        """            for cheapest in sorted(active):
                drawn = min(amount, cheapest[3])
                cheapest[3] -= drawn
                amount -= drawn
""",
    )
]
