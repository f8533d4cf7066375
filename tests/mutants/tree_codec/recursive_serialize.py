"""serialize calls itself once per level, so a chain 100,000 deep overflows the stack."""

EXPECT = "test_a_chain_of_100000_left_children_round_trips_without_recursion"
PATCH = [
    (
        """    tokens = []
    stack = [root]  # an explicit stack, not recursion: a tree may be 100,000 levels deep
    while stack:
        node = stack.pop()
        if node is None:
            tokens.append(NULL)
        else:
            tokens.append(str(node.val))
            stack.append(node.right)  # pushed first, so the whole left subtree is written before it
            stack.append(node.left)
    return SEPARATOR.join(tokens)""",
        """    tokens = []

    def write(node):
        if node is None:
            tokens.append(NULL)
            return
        tokens.append(str(node.val))
        write(node.left)
        write(node.right)

    write(root)
    return SEPARATOR.join(tokens)""",
    )
]
