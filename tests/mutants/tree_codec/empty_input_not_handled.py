"""deserialize has no case for the empty string, which is how this format writes the empty tree."""

EXPECT = "test_the_empty_tree_and_a_single_node_round_trip"
BASE = "alternatives/tree_codec/child_flags.py"
PATCH = [('    if data == "":\n        return None\n    holder = TreeNode(0)', "    holder = TreeNode(0)")]
