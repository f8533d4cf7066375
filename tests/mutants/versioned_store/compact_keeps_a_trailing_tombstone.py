"""compact always keeps the latest version before the point, even when it is a tombstone: reads are
unchanged, but the tombstone stays in the history and the count is one short."""

EXPECT = "test_compact_drops_a_tombstone_and_everything_it_hid"
BEYOND_THE_MODEL = "level 3: only the level-3 model test compacts (it catches this); levels 1-2's never do"
SAYS = ["tombstone, dropped too"]
PATCH = [("            drop = older - 1 if values[older - 1] is not None else older",
          "            drop = older - 1")]
