"""A charge draws from the most recently granted credit first, not from the grant that expires soonest."""

EXPECT = "test_charges_draw_from_the_grant_that_expires_soonest"
BEYOND_THE_MODEL = "level 2: nothing expires in the level-1 model test, so which grant paid never shows"
SAYS = ["should have paid for charge 'c1'", "your ledger drew from 'b'", "'a' expired with 5 credits left unused"]
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
        """            for cheapest in sorted(active, key=lambda grant: grant[1], reverse=True):
                drawn = min(amount, cheapest[3])
                cheapest[3] -= drawn
                amount -= drawn
""",
    )
]
