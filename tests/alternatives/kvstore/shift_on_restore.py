"""A correct store of another design: values and expiry times in separate dicts, backups as deep
copies with absolute expiry times, and a restore that shifts every expiry by (restore time - backup
time). A field already expired at backup time stays expired after the shift, so nothing is filtered."""

from __future__ import annotations

import copy


class KVStore:
    def __init__(self) -> None:
        self.values: dict[str, dict[str, str]] = {}
        self.expiry: dict[tuple[str, str], int] = {}
        self.backups: list[tuple[int, dict[str, dict[str, str]], dict[tuple[str, str], int]]] = []

    def _alive(self, key, field, now):
        if field not in self.values.get(key, {}):
            return False
        expires = self.expiry.get((key, field))
        return expires is None or now < expires

    def set(self, key, field, value):
        self.values.setdefault(key, {})[field] = value

    def get(self, key, field):
        return self.values.get(key, {}).get(field)

    def delete(self, key, field):
        fields = self.values.get(key, {})
        if field not in fields:
            return False
        del fields[field]
        return True

    def scan(self, key):
        fields = self.values.get(key, {})
        return [f"{field}({fields[field]})" for field in sorted(fields)]

    def scan_by_prefix(self, key, prefix):
        fields = self.values.get(key, {})
        return [f"{field}({fields[field]})" for field in sorted(fields) if field.startswith(prefix)]

    def set_at(self, key, field, value, timestamp):
        self.set(key, field, value)
        self.expiry.pop((key, field), None)

    def set_at_with_ttl(self, key, field, value, timestamp, ttl):
        self.set(key, field, value)
        self.expiry[(key, field)] = timestamp + ttl

    def get_at(self, key, field, timestamp):
        return self.values[key][field] if self._alive(key, field, timestamp) else None

    def delete_at(self, key, field, timestamp):
        if not self._alive(key, field, timestamp):
            return False
        del self.values[key][field]
        self.expiry.pop((key, field), None)
        return True

    def scan_at(self, key, timestamp):
        return self.scan_by_prefix_at(key, "", timestamp)

    def scan_by_prefix_at(self, key, prefix, timestamp):
        fields = self.values.get(key, {})
        return [f"{field}({fields[field]})" for field in sorted(fields)
                if field.startswith(prefix) and self._alive(key, field, timestamp)]

    def backup(self, timestamp):
        self.backups.append((timestamp, copy.deepcopy(self.values), dict(self.expiry)))
        return sum(any(self._alive(key, field, timestamp) for field in fields) for key, fields in self.values.items())

    def restore(self, timestamp, timestamp_to_restore):
        for taken_at, values, expiry in reversed(self.backups):
            if taken_at <= timestamp_to_restore:
                break
        else:
            raise ValueError("no backup to restore")
        self.values = copy.deepcopy(values)
        self.expiry = {where: expires + (timestamp - taken_at) for where, expires in expiry.items()}
