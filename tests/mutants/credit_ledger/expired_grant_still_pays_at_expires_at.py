"""A charge at exactly expires_at can still draw from the grant: expiry checked with `<` instead of `<=`."""

EXPECT = "test_a_grant_stops_counting_exactly_at_expires_at"
BEYOND_THE_MODEL = "level 2: nothing expires in the level-1 model test (the level-2 tests catch it)"
PATCH = [
    ("            while active and active[0][0] <= timestamp:",
     "            while active and active[0][0] < timestamp:"),
]
