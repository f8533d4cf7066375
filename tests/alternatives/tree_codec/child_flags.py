"""Binary tree codec: preorder, each node prefixed by a letter saying which children follow; '' is the empty tree.

'b' both children, 'l' only a left one, 'r' only a right one, 'n' none: TreeNode(1, TreeNode(2)) is
'l1 n2'. No null markers at all, and the empty string is a valid encoding here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TreeNode:
    """A node of a binary tree. Given, complete: there is nothing to implement here."""

    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


_FLAGS = {(False, False): "n", (True, False): "l", (False, True): "r", (True, True): "b"}
_CHILDREN = {flag: sides for sides, flag in _FLAGS.items()}


def serialize(root: TreeNode | None) -> str:
    """Encode the tree as one line of printable ASCII. Equal trees give equal strings."""
    words: list[str] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        words.append(_FLAGS[node.left is not None, node.right is not None] + str(node.val))
        for child in (node.right, node.left):
            if child is not None:
                stack.append(child)
    return " ".join(words)


def deserialize(data: str) -> TreeNode | None:
    """Rebuild from new nodes the tree that serialize encoded as data. Any other string raises ValueError."""
    if data == "":
        return None
    holder = TreeNode(0)
    slots: list[tuple[TreeNode, str]] = [(holder, "left")]  # the slots still to fill, next one last
    for word in data.split(" "):
        if not slots:
            raise ValueError("words left after the tree is complete")
        sides = _CHILDREN.get(word[:1])
        if sides is None:
            raise ValueError(f"a word must start with one of 'nlrb': {word!r}")
        digits = word[1:]
        if not _canonical(digits):
            raise ValueError(f"not an integer as serialize writes it: {digits!r}")
        node = TreeNode(int(digits))
        parent, side = slots.pop()
        setattr(parent, side, node)
        has_left, has_right = sides
        if has_right:
            slots.append((node, "right"))
        if has_left:
            slots.append((node, "left"))
    if slots:
        raise ValueError("the input ends before the tree is complete")
    return holder.left


def _canonical(text: str) -> bool:
    """Whether str(int(text)) == text: ASCII digits, an optional '-', no leading zero, and no '-0'."""
    body = text[1:] if text.startswith("-") else text
    if not (body.isascii() and body.isdigit()):
        return False
    return text == "0" or not body.startswith("0")
