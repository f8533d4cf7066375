"""The textbook first attempt at delete(): it clears the end-of-word flag and keeps every node (no pruning),
and starts_with() asks whether the path exists, so it stays True for the prefix of a deleted word."""

BASE = "alternatives/trie/recursive_nested_nodes.py"
EXPECT = "test_starts_with_is_false_once_the_last_word_below_is_deleted"
PATCH = [
    (
        """        node = self._find(prefix)
        return node is not None and node.words > 0
""",
        """        return self._find(prefix) is not None and (prefix != "" or len(self) > 0)
""",
    ),
    (
        """            child = node.children[word[i]]
            if self._delete(child, word, i + 1):
                del node.children[word[i]]
        return node.words == 0
""",
        """            self._delete(node.children[word[i]], word, i + 1)
        return False
""",
    ),
]
