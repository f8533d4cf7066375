"""add() asks `if not self._parent.get(x)` instead of `x not in self._parent`: an element that is falsy (0, None,
False, "", an empty tuple) reads as absent, so re-adding it, which union does with both of its arguments, resets it
to a set of its own."""

EXPECT = "test_any_hashable_element_works"
PATCH = [("        if x not in self._parent:\n            self._parent[x] = x", "        if not self._parent.get(x):\n            self._parent[x] = x")]
SAYS = ["The same calls on the integers 1 to", "x in your_dict"]
