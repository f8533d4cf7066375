"""get() treats a stored None as a missing key and returns the default."""

EXPECT = "test_a_stored_none_is_a_value"
PATCH = [("        if node is None:\n            return default", "        if node is None or node.value is None:\n            return default")]
