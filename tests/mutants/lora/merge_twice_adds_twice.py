"""merge() does not check the flag, so a second merge adds the update to weight again."""

EXPECT = "test_merge_and_unmerge_do_nothing_when_repeated"
PATCH = [("        if self.merged:\n            return\n        self.weight += ", "        self.weight += ")]
SAYS = ["the update twice: merge on a merged layer must do nothing"]
