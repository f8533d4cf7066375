"""compact drops every version before the point, including the latest one, which holds the value a read
at the point sees."""

EXPECT = "test_compact_keeps_the_latest_value_before_the_point"
PATCH = [("            drop = older - 1 if values[older - 1] is not None else older",
          "            drop = older")]
