"""Level order as a heap array: a slot for every position down to the deepest node, so a chain doubles per level."""

EXPECT = "test_the_encoding_grows_linearly_with_the_tree"
BASE = "alternatives/tree_codec/level_order.py"
PATCH = [
    (
        """    tokens: list[str] = []
    queue = deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            tokens.append(NULL)
        else:
            tokens.append(str(node.val))
            queue.append(node.left)
            queue.append(node.right)
    while tokens and tokens[-1] == NULL:
        tokens.pop()
    return ",".join(tokens)""",
        """    positions: dict[int, int] = {}  # heap index -> value: the children of i are at 2i + 1 and 2i + 2
    queue = deque([(root, 0)] if root is not None else [])
    while queue:
        node, index = queue.popleft()
        positions[index] = node.val
        for child, child_index in ((node.left, 2 * index + 1), (node.right, 2 * index + 2)):
            if child is not None:
                queue.append((child, child_index))
    tokens = [NULL] * (max(positions) + 1 if positions else 0)
    for index, value in positions.items():
        tokens[index] = str(value)
    return ",".join(tokens)""",
    ),
    (
        """    root = TreeNode(_value(tokens[0]))
    parents = deque([root])
    index = 1
    while index < len(tokens):
        if not parents:
            raise ValueError("tokens left over after the last node")
        parent = parents.popleft()
        for side in ("left", "right"):
            if index == len(tokens):
                break  # the trimmed nulls
            token = tokens[index]
            index += 1
            if token != NULL:
                child = TreeNode(_value(token))
                setattr(parent, side, child)
                parents.append(child)
    return root""",
        """    nodes = [None if token == NULL else TreeNode(_value(token)) for token in tokens]
    for index, node in enumerate(nodes):
        if node is not None:
            if 2 * index + 1 < len(nodes):
                node.left = nodes[2 * index + 1]
            if 2 * index + 2 < len(nodes):
                node.right = nodes[2 * index + 2]
    return nodes[0]""",
    ),
]
