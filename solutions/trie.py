"""Trie: a prefix tree whose nodes count the words below them, plus a word search on a board."""

from __future__ import annotations

from typing import Iterable

# Up, down, left, right: diagonal cells are not neighbours.
_STEPS = ((-1, 0), (1, 0), (0, -1), (0, 1))


class _Node:
    __slots__ = ("children", "is_word", "count")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.is_word = False
        self.count = 0  # stored words that pass through (or end at) this node


class Trie:
    """A set of strings stored as a prefix tree: prefix queries cost O(len(prefix)), not O(words)."""

    def __init__(self) -> None:
        self._root = _Node()

    def insert(self, word: str) -> None:
        """Add word (the empty string is a word too); inserting a stored word again changes nothing."""
        if word in self:
            return
        node = self._root
        node.count += 1
        for char in word:
            child = node.children.get(char)
            if child is None:
                child = node.children[char] = _Node()
            child.count += 1
            node = child
        node.is_word = True

    def search(self, word: str) -> bool:
        """True if word itself is stored, not merely a prefix of a stored word."""
        node = self._walk(word)
        return node is not None and node.is_word

    def starts_with(self, prefix: str) -> bool:
        """True if some stored word begins with prefix; starts_with("") is True once any word is stored."""
        return self.count_prefix(prefix) > 0

    def delete(self, word: str) -> bool:
        """Remove word and the nodes that no longer lead to any word; True if word was stored."""
        if word not in self:
            return False
        node = self._root
        node.count -= 1
        for char in word:
            child = node.children[char]
            child.count -= 1
            if child.count == 0:
                # Nothing else passes through here, so the whole branch below served only `word`.
                del node.children[char]
                break
            node = child
        else:
            node.is_word = False
        return True

    def count_prefix(self, prefix: str) -> int:
        """How many stored words begin with prefix (every stored word begins with "")."""
        node = self._walk(prefix)
        return 0 if node is None else node.count

    def words_with_prefix(self, prefix: str, limit: int | None = None) -> list[str]:
        """The stored words beginning with prefix, in lexicographic order, at most limit of them."""
        start = self._walk(prefix)
        if start is None or (limit is not None and limit <= 0):
            return []
        found: list[str] = []
        # A word sorts before all of its extensions, so a pre-order walk that visits children in
        # character order meets the words already sorted, and can stop as soon as it has `limit`.
        stack = [(start, prefix)]
        while stack:
            node, word = stack.pop()
            if node.is_word:
                found.append(word)
                if len(found) == limit:
                    break
            for char in sorted(node.children, reverse=True):
                stack.append((node.children[char], word + char))
        return found

    def __len__(self) -> int:
        """The number of distinct words stored."""
        return self._root.count

    def __contains__(self, word: object) -> bool:
        """`word in trie` is the same as trie.search(word)."""
        return isinstance(word, str) and self.search(word)

    def _walk(self, prefix: str) -> _Node | None:
        node = self._root
        for char in prefix:
            node = node.children.get(char)
            if node is None:
                return None
        return node


def find_words(board: list[list[str]], words: Iterable[str]) -> set[str]:
    """The non-empty words that can be traced on board through up/down/left/right neighbours,
    using each cell at most once per word."""
    trie = Trie()
    for word in words:
        if word:
            trie.insert(word)
    found: set[str] = set()
    used = [[False] * len(row) for row in board]

    def trace(r: int, c: int, node: _Node, path: str) -> None:
        node = node.children.get(board[r][c])
        if node is None:
            return
        path += board[r][c]
        if node.is_word:
            found.add(path)
        used[r][c] = True
        for dr, dc in _STEPS:
            nr, nc = r + dr, c + dc
            if 0 <= nr < len(board) and 0 <= nc < len(board[nr]) and not used[nr][nc]:
                trace(nr, nc, node, path)
        used[r][c] = False

    for r, row in enumerate(board):
        for c in range(len(row)):
            trace(r, c, trie._root, "")
    return found
