"""In-memory database, in four levels. Read README.md in this folder, then replace each
`raise NotImplementedError`, one level at a time.

Every method of every level is here from the start, so the grader can call them, but only level 1
is explained in README.md: the statement of each next level appears when `grade kvstore` sees the
previous one pass (and stays in levels/). Expect to rework your data model as the levels go.
"""

from __future__ import annotations


class KVStore:
    """An in-memory database: each key holds fields, each field holds a string value."""

    def __init__(self) -> None:
        # TODO: set up your storage.
        raise NotImplementedError

    # Level 1: README.md

    def set(self, key: str, field: str, value: str) -> None:
        """Level 1. Store value in field of key, replacing any previous value."""
        raise NotImplementedError

    def get(self, key: str, field: str) -> str | None:
        """Level 1. The value in field of key, or None if there is none."""
        raise NotImplementedError

    def delete(self, key: str, field: str) -> bool:
        """Level 1. Remove field from key; True if the field existed."""
        raise NotImplementedError

    # Level 2: levels/2.md, once level 1 passes

    def scan(self, key: str) -> list[str]:
        """Level 2. The fields of key as "field(value)" strings, sorted by field."""
        raise NotImplementedError

    def scan_by_prefix(self, key: str, prefix: str) -> list[str]:
        """Level 2. Like scan, for the fields that start with prefix."""
        raise NotImplementedError

    # Level 3: levels/3.md, once level 2 passes

    def set_at(self, key: str, field: str, value: str, timestamp: int) -> None:
        """Level 3. set, at timestamp; the field never expires."""
        raise NotImplementedError

    def set_at_with_ttl(self, key: str, field: str, value: str, timestamp: int, ttl: int) -> None:
        """Level 3. set, at timestamp; the field lives for ttl time units."""
        raise NotImplementedError

    def get_at(self, key: str, field: str, timestamp: int) -> str | None:
        """Level 3. get, at timestamp."""
        raise NotImplementedError

    def delete_at(self, key: str, field: str, timestamp: int) -> bool:
        """Level 3. delete, at timestamp."""
        raise NotImplementedError

    def scan_at(self, key: str, timestamp: int) -> list[str]:
        """Level 3. scan, at timestamp."""
        raise NotImplementedError

    def scan_by_prefix_at(self, key: str, prefix: str, timestamp: int) -> list[str]:
        """Level 3. scan_by_prefix, at timestamp."""
        raise NotImplementedError

    # Level 4: levels/4.md, once level 3 passes

    def backup(self, timestamp: int) -> int:
        """Level 4. Snapshot the live state; return the number of keys that hold a live field."""
        raise NotImplementedError

    def restore(self, timestamp: int, timestamp_to_restore: int) -> None:
        """Level 4. Bring back the latest backup taken at or before timestamp_to_restore."""
        raise NotImplementedError
