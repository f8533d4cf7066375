"""Binary tree codec. Read README.md in this folder, then replace each `raise NotImplementedError`."""

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
    # TODO: the format is yours. Walk the tree with an explicit stack or queue: it may be 100,000 levels deep.
    raise NotImplementedError


def deserialize(data: str) -> TreeNode | None:
    """Rebuild from new nodes the tree that serialize encoded as data. Any other string raises ValueError."""
    raise NotImplementedError
