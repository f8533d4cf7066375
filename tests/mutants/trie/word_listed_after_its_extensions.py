"""words_with_prefix() collects a node's children before the node's own word (post-order), so "ab"
comes after "abc" although a prefix sorts first."""

BASE = "alternatives/trie/recursive_nested_nodes.py"
EXPECT = "test_words_with_prefix_come_in_lexicographic_order"
PATCH = [
    (
        """        def collect(n, path):
            if n.end:
""",
        """        def collect(n, path):
            for ch in sorted(n.children):
                if collect(n.children[ch], path + ch):
                    return True
            if n.end:
""",
    ),
    (
        """                    return True
            for ch in sorted(n.children):
                if collect(n.children[ch], path + ch):
""",
        """""",
    ),
]
SAYS = ["comes after its extension"]
NOT_SAYS = ["code point", "left out", "limit"]
