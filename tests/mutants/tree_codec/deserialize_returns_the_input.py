"""serialize remembers each tree it encoded, and deserialize hands back that very tree instead of building one."""

EXPECT = "test_deserialize_builds_new_nodes"
PATCH = [
    ('SEPARATOR = ","\n', 'SEPARATOR = ","\n_encoded: dict = {}  # string -> the tree it came from\n'),
    ("    return SEPARATOR.join(tokens)", "    data = SEPARATOR.join(tokens)\n    _encoded[data] = root\n    return data"),
    ("    placeholder = TreeNode(0)\n", "    if data in _encoded:\n        return _encoded[data]\n    placeholder = TreeNode(0)\n"),
]
