"""Each node is written under its id() with the ids of its children, so equal trees built separately differ."""

from __future__ import annotations

from dataclasses import dataclass

EXPECT = "test_serialize_is_deterministic"


@dataclass
class TreeNode:
    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


def serialize(root: TreeNode | None) -> str:
    entries, stack = [], [root] if root is not None else []
    while stack:
        node = stack.pop()
        left, right = (id(child) if child is not None else 0 for child in (node.left, node.right))
        entries.append(f"{id(node)}:{node.val}:{left}:{right}")
        stack.extend(child for child in (node.right, node.left) if child is not None)
    return ";".join(entries)  # the first entry is the root


def deserialize(data: str) -> TreeNode | None:
    if data == "":
        return None
    nodes: dict[int, TreeNode] = {}
    links = []
    for entry in data.split(";"):
        parts = entry.split(":")
        if len(parts) != 4 or any(str(int(part)) != part for part in parts):
            raise ValueError(f"not an entry: {entry!r}")
        label, value, left, right = map(int, parts)
        if label in nodes or label == 0:
            raise ValueError(f"bad label: {entry!r}")
        nodes[label] = TreeNode(value)
        links.append((label, left, right))
    children = [child for _, left, right in links for child in (left, right) if child]
    if len(children) != len(set(children)) or not set(children) <= set(nodes) or links[0][0] in children:
        raise ValueError("the links do not form a tree")
    if len(children) != len(nodes) - 1:
        raise ValueError("the links do not form a tree")
    for label, left, right in links:
        nodes[label].left = nodes[left] if left else None
        nodes[label].right = nodes[right] if right else None
    return nodes[links[0][0]]
