"""count_prefix() walks the subtree below the prefix and counts every node, not only the nodes that end a word."""

BASE = "alternatives/trie/recursive_nested_nodes.py"
EXPECT = "test_count_prefix_counts_words_not_nodes"
PATCH = [
    (
        """        return node.words if node else 0
""",
        """        if node is None:
            return 0

        def size(n):
            return 1 + sum(size(c) for c in n.children.values())

        return size(node) if self.starts_with(prefix) else 0
""",
    ),
]
