"""connected() goes straight to find(), so an unknown element raises KeyError instead of giving False."""

EXPECT = "test_connected_on_unknown_elements_is_false_and_adds_nothing"
PATCH = [("        if a not in self._parent or b not in self._parent:\n            return False\n", "")]
SAYS = ["must return False, not raise"]
