"""get() returns None for a missing key, whatever default the caller passed."""

EXPECT = "test_a_missing_key_gives_the_default"
PATCH = [("        if node is None:\n            return default", "        if node is None:\n            return None")]
