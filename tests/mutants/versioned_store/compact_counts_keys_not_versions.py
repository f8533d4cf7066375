"""compact returns the number of keys it dropped versions from, not the number of versions dropped."""

EXPECT = "test_compact_counts_the_versions_dropped_over_all_keys"
PATCH = [("            dropped += drop\n", "            dropped += 1 if drop else 0\n")]
