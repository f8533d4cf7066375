"""A few visible examples. Run them with `pytest katas/tree_codec`; `grade tree_codec` runs the hidden tests."""

from tree_codec import TreeNode, deserialize, serialize


def test_a_tree_comes_back_with_its_shape():
    t = TreeNode(1, TreeNode(2), TreeNode(3, None, TreeNode(-4)))  # 3 has a lone right child
    data = serialize(t)
    assert isinstance(data, str)
    assert deserialize(data) == t  # fine for small trees; a dataclass == recurses, so not on deep ones


def test_the_empty_tree_and_a_lone_left_child():
    assert deserialize(serialize(None)) is None
    lone_left = TreeNode(1, TreeNode(2))
    assert deserialize(serialize(lone_left)) == lone_left
    assert serialize(lone_left) != serialize(TreeNode(1, None, TreeNode(2)))


def test_deserialize_builds_new_nodes():
    t = TreeNode(5, TreeNode(5))
    back = deserialize(serialize(t))
    assert back is not t and back.left is not t.left


def test_a_deep_chain_needs_no_recursion():
    t = None
    for i in range(10_000):
        t = TreeNode(i, t)
    node = deserialize(serialize(t))
    for i in reversed(range(10_000)):
        assert node.val == i and node.right is None
        node = node.left
    assert node is None


def test_deserialize_rejects_what_serialize_cannot_produce():
    data = serialize(TreeNode(1, TreeNode(2), TreeNode(3)))
    for m in [data + data, data[:-1], data + " ", "not a tree"]:
        try:
            back = deserialize(m)
        except ValueError:
            continue  # rejected, as it should be
        assert serialize(back) == m, f"deserialize({m!r}) must raise ValueError"
