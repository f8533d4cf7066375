"""Binary tree codec: preorder tokens, each written as `<length>:<token>` with no separator ('1:72:-31:#...').

A netstring-like format: the reader never searches for a separator, it is told how far each token goes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TreeNode:
    """A node of a binary tree. Given, complete: there is nothing to implement here."""

    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


def serialize(root: TreeNode | None) -> str:
    """Encode the tree as one line of printable ASCII. Equal trees give equal strings."""
    parts: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        token = "#" if node is None else str(node.val)
        parts.append(f"{len(token)}:{token}")
        if node is not None:
            stack.extend((node.right, node.left))
    return "".join(parts)


def _tokens(data: str):
    """Each token of data in turn; ValueError as soon as the framing is broken."""
    at = 0
    while at < len(data):
        colon = data.find(":", at)
        if colon == -1:
            raise ValueError(f"a length without ':' at index {at}")
        length_text = data[at:colon]
        if not (length_text.isascii() and length_text.isdigit()) or length_text.startswith("0"):
            raise ValueError(f"not a length: {length_text!r}")
        end = colon + 1 + int(length_text)
        if end > len(data):
            raise ValueError("the input ends inside a token")
        yield data[colon + 1:end]
        at = end


def deserialize(data: str) -> TreeNode | None:
    """Rebuild from new nodes the tree that serialize encoded as data. Any other string raises ValueError."""
    holder = TreeNode(0)
    slots: list[tuple[TreeNode, str]] = [(holder, "left")]  # the slots still to fill, next one last
    for token in _tokens(data):
        if not slots:
            raise ValueError("tokens left after the tree is complete")
        parent, side = slots.pop()
        if token == "#":
            continue
        value = int(token)
        if str(value) != token:
            raise ValueError(f"not an integer as serialize writes it: {token!r}")
        node = TreeNode(value)
        setattr(parent, side, node)
        slots.extend(((node, "right"), (node, "left")))
    if slots:
        raise ValueError("the input ends before the tree is complete")
    return holder.left
