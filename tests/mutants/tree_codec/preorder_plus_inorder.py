"""The tree is sent as its preorder and inorder values and rebuilt by matching values, which repeated values confuse."""

from __future__ import annotations

from dataclasses import dataclass

EXPECT = "test_duplicate_values_keep_their_places"


@dataclass
class TreeNode:
    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


def serialize(root: TreeNode | None) -> str:
    preorder, stack = [], [root] if root is not None else []
    while stack:
        node = stack.pop()
        preorder.append(str(node.val))
        stack.extend(child for child in (node.right, node.left) if child is not None)
    inorder, stack, node = [], [], root
    while stack or node is not None:
        while node is not None:
            stack.append(node)
            node = node.left
        node = stack.pop()
        inorder.append(str(node.val))
        node = node.right
    return ",".join(preorder) + "|" + ",".join(inorder)


def deserialize(data: str) -> TreeNode | None:
    first, bar, second = data.partition("|")
    if not bar:
        raise ValueError("no '|' between the preorder and the inorder")
    preorder = [int(token) for token in first.split(",")] if first else []
    inorder = [int(token) for token in second.split(",")] if second else []
    if len(preorder) != len(inorder):
        raise ValueError("the two traversals differ in length")
    if not preorder:
        return None
    # The classic stack construction: a value equal to the next inorder value closes a left spine.
    root = TreeNode(preorder[0])
    stack, j = [root], 0
    for value in preorder[1:]:
        node, parent = TreeNode(value), None
        while stack and j < len(inorder) and stack[-1].val == inorder[j]:
            parent = stack.pop()
            j += 1
        if parent is not None:
            parent.right = node
        else:
            stack[-1].left = node
        stack.append(node)
    return root
