"""compact also drops the latest version before the point when a version at exactly `before` hides it
from every read: no read changes, but the statement keeps it, and the count and history differ."""

EXPECT = "test_compact_never_drops_versions_at_or_after_the_point"
PATCH = [("            drop = older - 1 if values[older - 1] is not None else older",
          "            hidden = older < len(times) and times[older] == before\n"
          "            drop = older - 1 if values[older - 1] is not None and not hidden else older")]
