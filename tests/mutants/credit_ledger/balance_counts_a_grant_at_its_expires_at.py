"""balance(expires_at) still counts the grant: the window is taken as timestamp <= t <= expires_at."""

EXPECT = "test_a_grant_stops_counting_exactly_at_expires_at"
PATCH = [
    ("                changes.append((expires_at, -left))", "                changes.append((expires_at + 1, -left))"),
    ("        changes += [(expires_at, -left) for", "        changes += [(expires_at + 1, -left) for"),
]
