"""unmerge() does not check the flag, so unmerging a layer that was never merged subtracts the update anyway."""

EXPECT = "test_merge_and_unmerge_do_nothing_when_repeated"
PATCH = [("        if not self.merged:\n            return\n        self.weight -= ", "        self.weight -= ")]
SAYS = ["unmerge on a layer that is not merged must do nothing"]
