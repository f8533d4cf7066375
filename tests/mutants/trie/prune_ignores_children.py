"""delete() prunes a node on the way back up whenever it does not end a word, forgetting to check that
no other word goes through it: deleting "ab" also cuts "abc" off."""

BASE = "alternatives/trie/recursive_nested_nodes.py"
EXPECT = "test_deleting_a_word_keeps_the_words_around_it"
PATCH = [
    (
        """            if self._delete(child, word, i + 1):
""",
        """            self._delete(child, word, i + 1)
            if not child.end:
""",
    ),
]
SAYS = ["goes through the end node of"]
NOT_SAYS = ["ends on the path"]
