"""A charge larger than the active credit is rejected, but still draws whatever credit there is."""

EXPECT = "test_a_charge_is_all_or_nothing"
SAYS = ["not even the 10"]
PATCH = [
    (
        """            accepted[event_id] = amount <= credit
            if not accepted[event_id]:
                continue  # all or nothing: a rejected charge draws nothing
""",
        """            accepted[event_id] = amount <= credit
            amount = min(amount, credit)
""",
    )
]
