"""Expired grants keep counting in the balance: the credit they held when they expired is never taken off."""

EXPECT = "test_a_grant_stops_counting_exactly_at_expires_at"
BEYOND_THE_MODEL = "level 2: nothing expires in the level-1 model test (the level-2 tests catch it)"
SAYS = ["never takes an expired grant's credit off"]
NOT_SAYS = ["exclusive"]
PATCH = [
    ("                changes.append((expires_at, -left))\n", ""),
    ("        changes += [(expires_at, -left) for expires_at, _, _, left in active]\n", ""),
]
