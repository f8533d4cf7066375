"""forward() always adds the adapter's update, even after merge() has folded it into weight."""

EXPECT = "test_merging_keeps_the_outputs"
PATCH = [("        if not self.merged:\n            # Two thin", "        if True:\n            # Two thin")]
SAYS = ["the update counted twice", "must not be added again in forward"]
