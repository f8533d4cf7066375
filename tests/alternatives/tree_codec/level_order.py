"""Binary tree codec, LeetCode style: level order with 'null' markers, trailing nulls trimmed, read with a deque.

Trimming makes a prefix of an encoding (cut at a comma) the valid encoding of a smaller tree, so the
parser must be strict about the rest: no trailing 'null', no extra tokens, canonical integers.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass
class TreeNode:
    """A node of a binary tree. Given, complete: there is nothing to implement here."""

    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


NULL = "null"


def serialize(root: TreeNode | None) -> str:
    """Encode the tree as one line of printable ASCII. Equal trees give equal strings."""
    tokens: list[str] = []
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
    return ",".join(tokens)


def _value(token: str) -> int:
    try:
        value = int(token)
    except ValueError:
        raise ValueError(f"not an integer: {token!r}") from None
    if str(value) != token:
        raise ValueError(f"not written the way serialize writes integers: {token!r}")
    return value


def deserialize(data: str) -> TreeNode | None:
    """Rebuild from new nodes the tree that serialize encoded as data. Any other string raises ValueError."""
    if data == "":
        return None
    tokens = data.split(",")
    if tokens[-1] == NULL:
        raise ValueError("serialize never ends with a null marker")
    root = TreeNode(_value(tokens[0]))
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
    return root
