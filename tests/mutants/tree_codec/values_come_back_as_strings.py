"""deserialize validates each value but stores the token itself, so every val comes back as a str."""

EXPECT = "test_the_empty_tree_and_a_single_node_round_trip"
PATCH = [("            child = TreeNode(value)", "            child = TreeNode(token)")]
