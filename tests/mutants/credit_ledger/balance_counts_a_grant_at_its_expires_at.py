"""balance(expires_at) still counts the grant: the window is taken as timestamp <= t <= expires_at."""

EXPECT = "test_a_grant_stops_counting_exactly_at_expires_at"
BEYOND_THE_MODEL = "level 2: nothing expires in the level-1 model test (the level-2 tests catch it)"
SAYS = ["the end is exclusive"]
NOT_SAYS = ["never takes"]
PATCH = [
    ("                changes.append((expires_at, -left))", "                changes.append((expires_at + 1, -left))"),
    ("        changes += [(expires_at, -left) for", "        changes += [(expires_at + 1, -left) for"),
]
