"""compact always keeps the latest version before the point, even when it is a tombstone: reads are
unchanged, but the tombstone stays in the history and the count is one short."""

EXPECT = "test_compact_drops_a_tombstone_and_everything_it_hid"
SAYS = ["tombstone, dropped too"]
PATCH = [("            drop = older - 1 if values[older - 1] is not None else older",
          "            drop = older - 1")]
