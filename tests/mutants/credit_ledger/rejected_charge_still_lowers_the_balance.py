"""The balance goes down by the amount of every charge, before the check that rejects it."""

EXPECT = "test_a_charge_is_all_or_nothing"
SAYS = ["never goes below 0"]
PATCH = [
    (
        """            accepted[event_id] = amount <= credit
            if not accepted[event_id]:
                continue""",
        """            accepted[event_id] = amount <= credit
            if not accepted[event_id]:
                changes.append((timestamp, -amount))
                continue""",
    )
]
