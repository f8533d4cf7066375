"""The key table is a class attribute, so every cache shares one (a classic Python slip)."""

EXPECT = "test_cache_behaves_like_a_model_under_random_operations"
PATCH = [
    ("        self._nodes: dict[Hashable, _Node] = {}\n", ""),
    ('    """A fixed-capacity map that evicts the least recently used key when it is full."""\n',
     '    """A fixed-capacity map that evicts the least recently used key when it is full."""\n\n'
     "    _nodes: dict = {}\n"),
]
