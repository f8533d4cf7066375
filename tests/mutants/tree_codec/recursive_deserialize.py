"""deserialize reads the tokens with a recursive helper, so a chain 100,000 deep overflows the stack."""

EXPECT = "test_a_chain_of_100000_right_children_round_trips_without_recursion"
PATCH = [
    (
        """    placeholder = TreeNode(0)
    waiting_left: TreeNode | None = placeholder
    waiting_right: list[TreeNode] = []  # the closest last
    for token in data.split(SEPARATOR):
        if token == NULL:
            child = None
        else:
            value = int(token)  # ValueError for anything that is not an integer
            if str(value) != token:  # int() also takes " 7", "+7", "07", "7_0", "-0": serialize never writes those
                raise ValueError(f"{token!r} is not written the way serialize writes {value}")
            child = TreeNode(value)
        if waiting_left is not None:
            waiting_left.left = child
        elif waiting_right:
            waiting_right.pop().right = child
        else:
            raise ValueError(f"text after the end of the tree: {_short(data)}")
        waiting_left = child  # None after a marker: the next token goes to a right slot
        if child is not None:
            waiting_right.append(child)
    if waiting_left is not None or waiting_right:
        raise ValueError(f"the input ends before the tree is complete: {_short(data)}")
    return placeholder.left""",
        """    tokens = iter(data.split(SEPARATOR))

    def read():
        token = next(tokens, None)
        if token is None:
            raise ValueError("the input ends before the tree is complete")
        if token == NULL:
            return None
        value = int(token)
        if str(value) != token:
            raise ValueError(f"{token!r} is not written the way serialize writes {value}")
        return TreeNode(value, read(), read())

    root = read()
    if next(tokens, None) is not None:
        raise ValueError("text after the end of the tree")
    return root""",
    )
]
