"""connected() adds both elements first (copied from union), so asking about a stranger adds it."""

EXPECT = "test_connected_on_unknown_elements_is_false_and_adds_nothing"
PATCH = [
    (
        "        if a not in self._parent or b not in self._parent:\n            return False\n",
        "        self.add(a)\n        self.add(b)\n",
    )
]
SAYS = ["never added"]
