"""Versioned key-value store: every write is kept as a version, reads look back in time with bisect,
compaction forgets what no current read can see, and dumps are atomic and checksummed."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from bisect import bisect_left, bisect_right

# The first line of a dump: b"versioned-store 1 <sha256 of the rest of the file>\n".
_MAGIC = b"versioned-store"
_FORMAT_VERSION = b"1"


class VersionedStore:
    """A key-value store that keeps every version of every key, by timestamp."""

    def __init__(self) -> None:
        # Per key, two parallel lists: the timestamps in ascending order, and what was written at
        # each (None is a tombstone). Plain lists make `get` a bisect, and an in-order write an append.
        self._times: dict[str, list[int]] = {}
        self._values: dict[str, list[str | None]] = {}

    # Level 1

    def set(self, key: str, value: str, timestamp: int) -> None:
        """Level 1. Record value as the version of key at timestamp (replacing one already there)."""
        self._write(key, value, timestamp)

    def get(self, key: str, timestamp: int | None = None) -> str | None:
        """Level 1. The value of the latest version at or before timestamp (None: the latest of all), or None."""
        times = self._times.get(key)
        if times is None:
            return None
        if timestamp is None:  # not `if not timestamp`: 0 is a time like any other
            return self._values[key][-1]
        # bisect_right counts the versions at or before timestamp: a write at exactly timestamp is seen.
        index = bisect_right(times, timestamp) - 1
        return self._values[key][index] if index >= 0 else None

    # Level 2

    def delete(self, key: str, timestamp: int) -> None:
        """Level 2. Record a tombstone for key at timestamp: reads from then on see None until a later set."""
        self._write(key, None, timestamp)

    def history(self, key: str) -> list[tuple[int, str | None]]:
        """Level 2. Every version of key as (timestamp, value or None for a tombstone), by timestamp."""
        return list(zip(self._times.get(key, []), self._values.get(key, [])))

    def keys_at(self, timestamp: int) -> list[str]:
        """Level 2. The keys with a value (not a tombstone, not nothing) at timestamp, sorted."""
        return sorted(key for key in self._times if self.get(key, timestamp) is not None)

    # Level 3

    def compact(self, before: int) -> int:
        """Level 3. Drop the versions no read at or after `before` can see; return how many were dropped."""
        dropped = 0
        for key in list(self._times):
            times, values = self._times[key], self._values[key]
            older = bisect_left(times, before)  # times[:older] are the versions strictly before `before`
            if older == 0:
                continue
            # The latest of them answers the reads from `before` until the next version: keep it, unless it
            # is a tombstone, which reads the same as no version at all.
            drop = older - 1 if values[older - 1] is not None else older
            del times[:drop], values[:drop]
            dropped += drop
            if not times:
                del self._times[key], self._values[key]
        return dropped

    # Level 4

    def dump(self, path: str | os.PathLike) -> None:
        """Level 4. Write the store to path atomically: the old file stays whole until the new one is."""
        payload = json.dumps(
            {key: [[t, v] for t, v in zip(times, self._values[key])] for key, times in self._times.items()},
            sort_keys=True,  # ensure_ascii (the default) keeps the payload ASCII whatever the strings hold
        ).encode("ascii")
        header = b" ".join([_MAGIC, _FORMAT_VERSION, hashlib.sha256(payload).hexdigest().encode("ascii")])
        # The temporary file must be on the same file system as path, or os.replace cannot be atomic.
        directory = os.path.dirname(os.path.abspath(path))
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".versioned-store-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(header + b"\n" + payload)
                file.flush()
                os.fsync(file.fileno())  # on disk before it takes the old file's place, not just in a cache
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)  # a failed dump leaves nothing behind, and path untouched
            raise

    @classmethod
    def load(cls, path: str | os.PathLike) -> VersionedStore:
        """Level 4. The store dumped to path. ValueError if the file is not an intact dump."""
        with open(path, "rb") as file:
            data = file.read()
        header, newline, payload = data.partition(b"\n")
        fields = header.split(b" ")
        if not newline or len(fields) != 3 or fields[0] != _MAGIC:
            raise ValueError(f"{os.fspath(path)!r} is not a versioned-store dump (no valid header line)")
        if fields[1] != _FORMAT_VERSION:
            raise ValueError(f"{os.fspath(path)!r} has format version {fields[1]!r}; this code reads version 1")
        # The checksum comes first: a flipped byte inside a string can still be valid JSON.
        if hashlib.sha256(payload).hexdigest().encode("ascii") != fields[2]:
            raise ValueError(f"{os.fspath(path)!r} is truncated or corrupted (its checksum does not match)")
        try:
            content = json.loads(payload)
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError: say it in our own words
            raise ValueError(f"{os.fspath(path)!r} has a payload that is not valid JSON: {exc}") from None
        store = cls()
        if not isinstance(content, dict):
            raise ValueError(f"{os.fspath(path)!r} has a payload that is not an object of keys")
        for key, versions in content.items():
            if not isinstance(versions, list) or not versions:
                raise ValueError(f"{os.fspath(path)!r}: key {key!r} has no list of versions")
            for version in versions:
                if not (isinstance(version, list) and len(version) == 2 and type(version[0]) is int
                        and (version[1] is None or isinstance(version[1], str))):
                    raise ValueError(f"{os.fspath(path)!r}: key {key!r} has a malformed version {version!r}")
            times = [t for t, _ in versions]
            if any(a >= b for a, b in zip(times, times[1:])):
                raise ValueError(f"{os.fspath(path)!r}: the versions of key {key!r} are not in timestamp order")
            store._times[key] = times
            store._values[key] = [v for _, v in versions]
        return store

    def _write(self, key: str, value: str | None, timestamp: int) -> None:
        times = self._times.setdefault(key, [])
        values = self._values.setdefault(key, [])
        if not times or timestamp > times[-1]:  # writes mostly arrive in order: an append, O(1)
            times.append(timestamp)
            values.append(value)
            return
        index = bisect_left(times, timestamp)
        if times[index] == timestamp:  # index < len(times), since timestamp <= times[-1]
            values[index] = value  # one version per timestamp: the later call wins
        else:
            times.insert(index, timestamp)  # out of order: O(v) to make room, as the statement allows
            values.insert(index, value)
