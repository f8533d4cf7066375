"""A charge draws from the grants in the order they were granted (first in, first out), whatever their expiry."""

EXPECT = "test_charges_draw_from_the_grant_that_expires_soonest"
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
        """            for cheapest in sorted(active, key=lambda grant: grant[1]):
                drawn = min(amount, cheapest[3])
                cheapest[3] -= drawn
                amount -= drawn
""",
    )
]
