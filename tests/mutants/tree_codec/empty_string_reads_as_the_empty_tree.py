"""deserialize('') returns None, although serialize writes the empty tree as '#'."""

EXPECT = "test_the_empty_string_is_rejected_unless_it_encodes_the_empty_tree"
PATCH = [("    placeholder = TreeNode(0)\n", "    if not data:\n        return None\n    placeholder = TreeNode(0)\n")]
