"""In-memory database: records of fields, then scans, then timestamps with TTLs, then backups."""

from __future__ import annotations

from bisect import bisect_right

# A stored field is (value, expires_at); expires_at is None when the field never expires.
_Record = tuple[str, "int | None"]


def _alive(expires_at: int | None, now: int) -> bool:
    # The end is exclusive: a field set at t with ttl d is visible for t <= now < t + d.
    return expires_at is None or now < expires_at


class KVStore:
    """An in-memory database: each key holds fields, each field holds a string value."""

    def __init__(self) -> None:
        self._data: dict[str, dict[str, _Record]] = {}
        # (taken_at, snapshot), in the order taken, so in timestamp order. A snapshot keeps each
        # field's *remaining* lifetime instead of its expiry time: a restore re-bases it.
        self._backups: list[tuple[int, dict[str, dict[str, _Record]]]] = []

    # Level 1. The plain operations never set a TTL, so every field they see is live at any time:
    # they are the timestamped operations at an arbitrary timestamp.

    def set(self, key: str, field: str, value: str) -> None:
        """Level 1. Store value in field of key, replacing any previous value."""
        self.set_at(key, field, value, 0)

    def get(self, key: str, field: str) -> str | None:
        """Level 1. The value in field of key, or None if there is none."""
        return self.get_at(key, field, 0)

    def delete(self, key: str, field: str) -> bool:
        """Level 1. Remove field from key; True if the field existed."""
        return self.delete_at(key, field, 0)

    # Level 2

    def scan(self, key: str) -> list[str]:
        """Level 2. The fields of key as "field(value)" strings, sorted by field."""
        return self.scan_at(key, 0)

    def scan_by_prefix(self, key: str, prefix: str) -> list[str]:
        """Level 2. Like scan, for the fields that start with prefix."""
        return self.scan_by_prefix_at(key, prefix, 0)

    # Level 3

    def set_at(self, key: str, field: str, value: str, timestamp: int) -> None:
        """Level 3. set, at timestamp; the field never expires."""
        self._data.setdefault(key, {})[field] = (value, None)

    def set_at_with_ttl(self, key: str, field: str, value: str, timestamp: int, ttl: int) -> None:
        """Level 3. set, at timestamp; the field lives for ttl time units."""
        self._data.setdefault(key, {})[field] = (value, timestamp + ttl)

    def get_at(self, key: str, field: str, timestamp: int) -> str | None:
        """Level 3. get, at timestamp."""
        record = self._data.get(key, {}).get(field)
        if record is None or not _alive(record[1], timestamp):
            return None
        return record[0]

    def delete_at(self, key: str, field: str, timestamp: int) -> bool:
        """Level 3. delete, at timestamp."""
        fields = self._data.get(key, {})
        record = fields.get(field)
        if record is None or not _alive(record[1], timestamp):
            return False
        del fields[field]
        if not fields:
            del self._data[key]
        return True

    def scan_at(self, key: str, timestamp: int) -> list[str]:
        """Level 3. scan, at timestamp."""
        return self.scan_by_prefix_at(key, "", timestamp)

    def scan_by_prefix_at(self, key: str, prefix: str, timestamp: int) -> list[str]:
        """Level 3. scan_by_prefix, at timestamp."""
        live = {field: value for field, (value, expires_at) in self._data.get(key, {}).items()
                if _alive(expires_at, timestamp)}
        return [f"{field}({live[field]})" for field in sorted(live) if field.startswith(prefix)]

    # Level 4

    def backup(self, timestamp: int) -> int:
        """Level 4. Snapshot the live state; return the number of keys that hold a live field."""
        snapshot: dict[str, dict[str, _Record]] = {}
        for key, fields in self._data.items():
            live = {field: (value, None if expires_at is None else expires_at - timestamp)
                    for field, (value, expires_at) in fields.items() if _alive(expires_at, timestamp)}
            if live:
                snapshot[key] = live
        self._backups.append((timestamp, snapshot))
        return len(snapshot)

    def restore(self, timestamp: int, timestamp_to_restore: int) -> None:
        """Level 4. Bring back the latest backup taken at or before timestamp_to_restore."""
        index = bisect_right(self._backups, timestamp_to_restore, key=lambda backup: backup[0]) - 1
        if index < 0:
            raise ValueError(f"no backup was taken at or before {timestamp_to_restore}")
        snapshot = self._backups[index][1]
        # Fresh dicts: writes after the restore must not reach the backup, which may be restored again.
        self._data = {
            key: {field: (value, None if remaining is None else timestamp + remaining)
                  for field, (value, remaining) in fields.items()}
            for key, fields in snapshot.items()
        }
