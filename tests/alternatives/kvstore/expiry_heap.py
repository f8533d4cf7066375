"""A correct store that forgets expired fields eagerly: a heap of expiry times is drained on every
timestamped call, so the stored state is always the live state. Backups are kept in a dict by time."""

import heapq
from dataclasses import dataclass, replace


@dataclass
class Entry:
    value: str
    expires: float = float("inf")


class KVStore:
    def __init__(self):
        self.db = {}
        self.heap = []
        self.snapshots = {}

    def _purge(self, now):
        while self.heap and self.heap[0][0] <= now:
            expires, key, field = heapq.heappop(self.heap)
            entry = self.db.get(key, {}).get(field)
            if entry is not None and entry.expires == expires:
                del self.db[key][field]
                if not self.db[key]:
                    del self.db[key]

    def _write(self, key, field, entry):
        self.db.setdefault(key, {})[field] = entry
        if entry.expires != float("inf"):
            heapq.heappush(self.heap, (entry.expires, key, field))

    def _listing(self, key, prefix):
        fields = self.db.get(key, {})
        return [f"{name}({fields[name].value})" for name in sorted(fields) if name[:len(prefix)] == prefix]

    def set(self, key, field, value):
        self._write(key, field, Entry(value))

    def get(self, key, field):
        entry = self.db.get(key, {}).get(field)
        return None if entry is None else entry.value

    def delete(self, key, field):
        if field not in self.db.get(key, {}):
            return False
        del self.db[key][field]
        if not self.db[key]:
            del self.db[key]
        return True

    def scan(self, key):
        return self._listing(key, "")

    def scan_by_prefix(self, key, prefix):
        return self._listing(key, prefix)

    def set_at(self, key, field, value, timestamp):
        self._purge(timestamp)
        self._write(key, field, Entry(value))

    def set_at_with_ttl(self, key, field, value, timestamp, ttl):
        self._purge(timestamp)
        self._write(key, field, Entry(value, timestamp + ttl))

    def get_at(self, key, field, timestamp):
        self._purge(timestamp)
        return self.get(key, field)

    def delete_at(self, key, field, timestamp):
        self._purge(timestamp)
        return self.delete(key, field)

    def scan_at(self, key, timestamp):
        self._purge(timestamp)
        return self.scan(key)

    def scan_by_prefix_at(self, key, prefix, timestamp):
        self._purge(timestamp)
        return self.scan_by_prefix(key, prefix)

    def backup(self, timestamp):
        self._purge(timestamp)
        self.snapshots[timestamp] = {
            key: {field: replace(entry, expires=entry.expires - timestamp) for field, entry in fields.items()}
            for key, fields in self.db.items()
        }
        return len(self.db)

    def restore(self, timestamp, timestamp_to_restore):
        self._purge(timestamp)
        candidates = [taken for taken in self.snapshots if taken <= timestamp_to_restore]
        if not candidates:
            raise ValueError(f"nothing to restore at or before {timestamp_to_restore}")
        self.db, self.heap = {}, []
        for key, fields in self.snapshots[max(candidates)].items():
            for field, entry in fields.items():
                self._write(key, field, replace(entry, expires=timestamp + entry.expires))
