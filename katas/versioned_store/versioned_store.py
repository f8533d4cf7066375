"""Versioned key-value store, in four levels. Read README.md in this folder, then replace each
`raise NotImplementedError`, one level at a time.

Every method of every level is here from the start, so the grader can call them, but only level 1
is explained in README.md: the statement of each next level appears when `grade versioned_store`
sees the previous one pass (and stays in levels/).
"""

from __future__ import annotations

import os


class VersionedStore:
    """A key-value store that keeps every version of every key, by timestamp."""

    def __init__(self) -> None:
        # TODO: set up your storage. Each key will need its versions sorted by timestamp.
        raise NotImplementedError

    # Level 1: README.md

    def set(self, key: str, value: str, timestamp: int) -> None:
        """Level 1. Record value as the version of key at timestamp (replacing one already there)."""
        raise NotImplementedError

    def get(self, key: str, timestamp: int | None = None) -> str | None:
        """Level 1. The value of the latest version at or before timestamp (None: the latest of all), or None."""
        raise NotImplementedError

    # Level 2: levels/2.md, once level 1 passes

    def delete(self, key: str, timestamp: int) -> None:
        """Level 2. Record a tombstone for key at timestamp: reads from then on see None until a later set."""
        raise NotImplementedError

    def history(self, key: str) -> list[tuple[int, str | None]]:
        """Level 2. Every version of key as (timestamp, value or None for a tombstone), by timestamp."""
        raise NotImplementedError

    def keys_at(self, timestamp: int) -> list[str]:
        """Level 2. The keys with a value (not a tombstone, not nothing) at timestamp, sorted."""
        raise NotImplementedError

    # Level 3: levels/3.md, once level 2 passes

    def compact(self, before: int) -> int:
        """Level 3. Drop the versions no read at or after `before` can see; return how many were dropped."""
        raise NotImplementedError

    # Level 4: levels/4.md, once level 3 passes

    def dump(self, path: str | os.PathLike) -> None:
        """Level 4. Write the store to path atomically: the old file stays whole until the new one is."""
        raise NotImplementedError

    @classmethod
    def load(cls, path: str | os.PathLike) -> VersionedStore:
        """Level 4. The store dumped to path. ValueError if the file is not an intact dump."""
        raise NotImplementedError
