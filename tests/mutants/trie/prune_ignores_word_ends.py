"""delete() prunes a node on the way back up as soon as it has no children left, forgetting that a shorter word
may end there: with "a", "ab" and "abc" stored, delete("abc") also removes "ab" and "a". A word list that branches
everywhere hides it (some other child always remains): it shows on a chain of words, each a prefix of the next."""

BASE = "alternatives/trie/recursive_nested_nodes.py"
EXPECT = "test_deleting_a_word_keeps_the_words_around_it"
PATCH = [
    (
        """                del node.children[word[i]]
        return node.words == 0
""",
        """                del node.children[word[i]]
        return not node.children
""",
    ),
]
SAYS = ["after delete('abc')", "ends on the path of 'abc'"]
NOT_SAYS = ["goes through the end node"]
