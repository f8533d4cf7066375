"""Binary tree codec: nested parentheses, `(val left right)` with `.` for None, checked by serializing back.

The parser is deliberately lenient about integers (int() takes '07'): instead of validating every
token, it rebuilds the tree, serializes it, and rejects the input unless the two strings match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class TreeNode:
    """A node of a binary tree. Given, complete: there is nothing to implement here."""

    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


_TOKENS = re.compile(r"\(-?[0-9]+|[.)]")


def serialize(root: TreeNode | None) -> str:
    """Encode the tree as one line of printable ASCII. Equal trees give equal strings."""
    parts: list[str] = []
    stack: list[TreeNode | str | None] = [root]
    while stack:
        item = stack.pop()
        if item is None:
            parts.append(".")
        elif isinstance(item, str):
            parts.append(item)
        else:
            parts.append(f"({item.val}")
            stack.extend((")", item.right, item.left))
    return "".join(parts)


def deserialize(data: str) -> TreeNode | None:
    """Rebuild from new nodes the tree that serialize encoded as data. Any other string raises ValueError."""
    tokens = _TOKENS.findall(data)
    if sum(map(len, tokens)) != len(data):
        raise ValueError(f"unexpected characters in {data[:40]!r}")
    done: list[TreeNode | None] = []  # the whole tree, once read
    open_nodes: list[list] = []  # [node, children read so far], innermost last

    def attach(child: TreeNode | None) -> None:
        if not open_nodes:
            if done:
                raise ValueError("text after the end of the tree")
            done.append(child)
            return
        frame = open_nodes[-1]
        if frame[1] == 2:
            raise ValueError("a node with more than two children")
        setattr(frame[0], "left" if frame[1] == 0 else "right", child)
        frame[1] += 1

    for token in tokens:
        if token == ".":
            attach(None)
        elif token == ")":
            if not open_nodes or open_nodes[-1][1] != 2:
                raise ValueError("')' before a node's two children")
            attach(open_nodes.pop()[0])
        else:
            open_nodes.append([TreeNode(int(token[1:])), 0])
    if open_nodes or not done:
        raise ValueError("the input ends before the tree is complete")
    root = done[0]
    if serialize(root) != data:  # catches every integer written another way, in one linear pass
        raise ValueError(f"not how serialize writes this tree: {data[:40]!r}")
    return root
