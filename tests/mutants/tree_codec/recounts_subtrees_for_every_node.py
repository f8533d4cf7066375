"""Each node is written with the sizes of its subtrees, counted afresh for every node: quadratic on a chain."""

from __future__ import annotations

from dataclasses import dataclass

EXPECT = "test_serialize_and_deserialize_take_linear_time"


@dataclass
class TreeNode:
    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


def _count(node: TreeNode | None) -> int:
    count, stack = 0, [node]
    while stack:
        node = stack.pop()
        if node is not None:
            count += 1
            stack.extend((node.left, node.right))
    return count


def serialize(root: TreeNode | None) -> str:
    words, stack = [], [root] if root is not None else []
    while stack:
        node = stack.pop()
        words.append(f"{node.val}:{_count(node.left)}:{_count(node.right)}")
        stack.extend(child for child in (node.right, node.left) if child is not None)
    return " ".join(words)


def deserialize(data: str) -> TreeNode | None:
    if data == "":
        return None
    holder = TreeNode(0)
    slots = [(holder, "left", None)]  # (parent, side, the size that subtree must have)
    sizes: dict[int, tuple[int, int]] = {}
    for word in data.split(" "):
        if not slots:
            raise ValueError("words left after the tree is complete")
        parts = word.split(":")
        if len(parts) != 3:
            raise ValueError(f"not val:left:right: {word!r}")
        value, left, right = (int(part) for part in parts)
        if any(str(number) != part for number, part in zip((value, left, right), parts)) or left < 0 or right < 0:
            raise ValueError(f"not written as serialize writes it: {word!r}")
        parent, side, _ = slots.pop()
        node = TreeNode(value)
        setattr(parent, side, node)
        sizes[id(node)] = (left, right)
        if right:
            slots.append((node, "right", right))
        if left:
            slots.append((node, "left", left))
    if slots:
        raise ValueError("the input ends before the tree is complete")
    root = holder.left
    if serialize(root) != data:  # sizes that do not add up
        raise ValueError("the subtree sizes do not match the tree")
    return root
