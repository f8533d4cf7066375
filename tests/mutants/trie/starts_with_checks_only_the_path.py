"""starts_with() returns whether the path exists. With pruning that is right for every prefix but "":
the root always exists, so starts_with("") is True on an empty trie."""

EXPECT = "test_starts_with_the_empty_prefix_needs_a_stored_word"
PATCH = [("        return self.count_prefix(prefix) > 0", "        return self._walk(prefix) is not None")]
