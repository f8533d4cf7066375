"""Trie. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

from typing import Iterable


class Trie:
    """A set of strings stored as a prefix tree: prefix queries cost O(len(prefix)), not O(words)."""

    def __init__(self) -> None:
        # TODO: set up the root node. What does a node need to hold so that count_prefix
        # does not have to visit every word below it?
        raise NotImplementedError

    def insert(self, word: str) -> None:
        """Add word (the empty string is a word too); inserting a stored word again changes nothing."""
        raise NotImplementedError

    def search(self, word: str) -> bool:
        """True if word itself is stored, not merely a prefix of a stored word."""
        raise NotImplementedError

    def starts_with(self, prefix: str) -> bool:
        """True if some stored word begins with prefix; starts_with("") is True once any word is stored."""
        raise NotImplementedError

    def delete(self, word: str) -> bool:
        """Remove word and the nodes that no longer lead to any word; True if word was stored."""
        raise NotImplementedError

    def count_prefix(self, prefix: str) -> int:
        """How many stored words begin with prefix (every stored word begins with "")."""
        raise NotImplementedError

    def words_with_prefix(self, prefix: str, limit: int | None = None) -> list[str]:
        """The stored words beginning with prefix, in lexicographic order, at most limit of them."""
        raise NotImplementedError

    def __len__(self) -> int:
        """The number of distinct words stored."""
        raise NotImplementedError

    def __contains__(self, word: object) -> bool:
        """`word in trie` is the same as trie.search(word)."""
        raise NotImplementedError


def find_words(board: list[list[str]], words: Iterable[str]) -> set[str]:
    """The non-empty words that can be traced on board through up/down/left/right neighbours,
    using each cell at most once per word."""
    # TODO: put the words in a trie, then walk the board from every cell, following the trie.
    raise NotImplementedError
