"""The textbook recursive find with path compression, but union links a's root under b's without sizes.

Right answers on small inputs; on a chain thousands of unions long, find recurses once per level and
overflows Python's stack (RecursionError) before it gets to compress anything."""

BASE = "alternatives/union_find/path_compression_only.py"
EXPECT = "test_find_copes_with_a_chain_thousands_deep"
PATCH = [
    (
        """        parent = self._parent
        path = []
        while parent[x] != x:
            path.append(x)
            x = parent[x]
        for node in path:
            parent[node] = x
        return x
""",
        """        if self._parent[x] != x:
            self._parent[x] = self.find(self._parent[x])
        return self._parent[x]
""",
    ),
]
BEYOND_THE_MODEL = "recursion depth: right answers on the model's few elements; it fails only on a chain thousands of levels deep"
