"""len() returns the number of sets instead of the number of elements."""

EXPECT = "test_len_counts_elements_not_components"
PATCH = [("        return len(self._parent)", "        return self._components")]
SAYS = ["len counts the elements"]
