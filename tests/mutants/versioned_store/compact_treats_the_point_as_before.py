"""compact splits the versions with bisect_right, so a version at exactly `before` counts as before the
point: it can be dropped, or kept in place of the one that should stay."""

EXPECT = "test_compact_never_drops_versions_at_or_after_the_point"
PATCH = [("            older = bisect_left(times, before)  # times[:older] are the versions strictly before `before`",
          "            older = bisect_right(times, before)")]
