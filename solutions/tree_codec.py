"""Binary tree codec: preorder with a marker for each missing child, written and read with explicit stacks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TreeNode:
    """A node of a binary tree. Given, complete: there is nothing to implement here."""

    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


NULL = "#"
SEPARATOR = ","


def serialize(root: TreeNode | None) -> str:
    """Encode the tree as one line of printable ASCII. Equal trees give equal strings."""
    tokens = []
    stack = [root]  # an explicit stack, not recursion: a tree may be 100,000 levels deep
    while stack:
        node = stack.pop()
        if node is None:
            tokens.append(NULL)
        else:
            tokens.append(str(node.val))
            stack.append(node.right)  # pushed first, so the whole left subtree is written before it
            stack.append(node.left)
    return SEPARATOR.join(tokens)


def deserialize(data: str) -> TreeNode | None:
    """Rebuild from new nodes the tree that serialize encoded as data. Any other string raises ValueError."""
    # In preorder, each token fills the first slot still open: the left slot of the node just read,
    # if that node is still waiting for it, else the right slot of the closest node still waiting
    # for one. The root goes in the left slot of a placeholder.
    placeholder = TreeNode(0)
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
    return placeholder.left


def _short(text: str, limit: int = 40) -> str:
    return repr(text) if len(text) <= limit else repr(text[: limit - 3]) + "..."
