"""A correct store keeping, per key, one sorted list of (timestamp, value) tuples, searched with
bisect's key= argument. Dumps are JSON lines: a header line with the format, the number of versions
and the SHA-256 of the lines after it, then one [key, timestamp, value] line per version, written to
"<path>.tmp" beside the target."""

import hashlib
import json
import os
from bisect import bisect_left, bisect_right
from pathlib import Path


def _stamp(version):
    return version[0]


class VersionedStore:
    def __init__(self):
        self._versions = {}

    def _write(self, key, value, timestamp):
        versions = self._versions.setdefault(key, [])
        i = bisect_left(versions, timestamp, key=_stamp)
        if i < len(versions) and versions[i][0] == timestamp:
            versions[i] = (timestamp, value)
        else:
            versions.insert(i, (timestamp, value))

    def set(self, key, value, timestamp):
        self._write(key, value, timestamp)

    def delete(self, key, timestamp):
        self._write(key, None, timestamp)

    def get(self, key, timestamp=None):
        versions = self._versions.get(key, [])
        if timestamp is not None:
            i = bisect_right(versions, timestamp, key=_stamp)
            return versions[i - 1][1] if i else None
        return versions[-1][1] if versions else None

    def history(self, key):
        return list(self._versions.get(key, ()))

    def keys_at(self, timestamp):
        live = [key for key in self._versions if self.get(key, timestamp) is not None]
        live.sort()
        return live

    def compact(self, before):
        total = 0
        for key, versions in list(self._versions.items()):
            older = bisect_left(versions, before, key=_stamp)
            keep_from = older - 1 if older and versions[older - 1][1] is not None else older
            total += keep_from
            if keep_from == len(versions):
                del self._versions[key]
            else:
                self._versions[key] = versions[keep_from:]
        return total

    def dump(self, path):
        path = Path(path)
        lines = [json.dumps([key, t, v]) + "\n" for key, versions in self._versions.items() for t, v in versions]
        body = "".join(lines).encode("utf-8")
        header = json.dumps({"format": "versioned-store-jsonl", "versions": len(lines),
                             "sha256": hashlib.sha256(body).hexdigest()})
        temporary = path.with_name(path.name + ".tmp")
        try:
            with open(temporary, "wb") as file:
                file.write(header.encode("utf-8") + b"\n")
                file.write(body)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path):
        raw = Path(path).read_bytes()
        first, newline, body = raw.partition(b"\n")
        try:
            header = json.loads(first)
        except ValueError:
            raise ValueError(f"{path} does not start with a versioned-store header") from None
        if not isinstance(header, dict) or header.get("format") != "versioned-store-jsonl" or not newline:
            raise ValueError(f"{path} is not a versioned-store file")
        if hashlib.sha256(body).hexdigest() != header.get("sha256"):
            raise ValueError(f"{path} is truncated or corrupted: checksum mismatch")
        store = cls()
        lines = body.decode("utf-8").splitlines()
        if len(lines) != header.get("versions"):
            raise ValueError(f"{path} holds {len(lines)} versions, its header says {header.get('versions')}")
        for line in lines:
            key, timestamp, value = json.loads(line)
            store._write(key, value, timestamp)
        return store
