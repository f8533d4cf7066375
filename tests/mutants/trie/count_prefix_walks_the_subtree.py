"""Correct answers, but count_prefix() counts the words below the prefix by walking the whole subtree
instead of keeping a count in each node: count_prefix("a") visits every word that starts with "a"."""

BASE = "alternatives/trie/recursive_nested_nodes.py"
EXPECT = "test_prefix_queries_do_not_scan_every_word"
PATCH = [
    (
        """        return node.words if node else 0
""",
        """        if node is None:
            return 0

        def words(n):
            return n.end + sum(words(c) for c in n.children.values())

        return words(node)
""",
    ),
]
BEYOND_THE_MODEL = "speed: every answer is right, only count_prefix costs O(words below the prefix)"
