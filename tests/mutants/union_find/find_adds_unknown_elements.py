"""find() adds an unknown element (as a set of its own) instead of raising KeyError."""

EXPECT = "test_find_and_size_of_an_unknown_element_raise_key_error"
PATCH = [("        parent = self._parent\n        root = parent[x]\n", "        self.add(x)\n        parent = self._parent\n        root = parent[x]\n")]
SAYS = ["never added"]
