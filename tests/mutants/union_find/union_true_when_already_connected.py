"""union() returns True whenever it is called, even when a and b were already in one set."""

EXPECT = "test_union_returns_true_only_when_it_merges"
PATCH = [("        if root_a is root_b:\n            return False", "        if root_a is root_b:\n            return True")]
SAYS = ["returns True exactly when it merges"]
