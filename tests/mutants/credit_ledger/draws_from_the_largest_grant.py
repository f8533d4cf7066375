"""A charge draws from the grant holding the most credit first, not from the one that expires soonest."""

EXPECT = "test_charges_draw_from_the_grant_that_expires_soonest"
BEYOND_THE_MODEL = "level 2: nothing expires in the level-1 model test, so which grant paid never shows"
SAYS = ["your ledger drew from", "credits left unused"]
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
        """            for cheapest in sorted(active, key=lambda grant: grant[3], reverse=True):
                drawn = min(amount, cheapest[3])
                cheapest[3] -= drawn
                amount -= drawn
""",
    )
]
