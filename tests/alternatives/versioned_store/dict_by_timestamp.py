"""A correct store keeping, per key, a dict from timestamp to value and a sorted list of its timestamps
(bisect.insort on a new timestamp). Dumps are one JSON envelope whose payload is a JSON string with its
SHA-256 beside it, written through tempfile.NamedTemporaryFile and pathlib."""

import bisect
import hashlib
import json
import os
import tempfile
from pathlib import Path

FORMAT = "versioned-store/envelope"


class VersionedStore:
    def __init__(self):
        self.values = {}  # key -> {timestamp: value or None}
        self.stamps = {}  # key -> sorted timestamps

    def _put(self, key, value, timestamp):
        versions = self.values.setdefault(key, {})
        if timestamp not in versions:
            bisect.insort(self.stamps.setdefault(key, []), timestamp)
        versions[timestamp] = value

    def set(self, key, value, timestamp):
        self._put(key, value, timestamp)

    def delete(self, key, timestamp):
        self._put(key, None, timestamp)

    def get(self, key, timestamp=None):
        stamps = self.stamps.get(key)
        if not stamps:
            return None
        if timestamp is None:
            return self.values[key][stamps[-1]]
        position = bisect.bisect(stamps, timestamp)
        if position == 0:
            return None
        return self.values[key][stamps[position - 1]]

    def history(self, key):
        return [(t, self.values[key][t]) for t in self.stamps.get(key, [])]

    def keys_at(self, timestamp):
        return sorted(k for k in self.values if self.get(k, timestamp) is not None)

    def compact(self, before):
        dropped = 0
        for key in list(self.stamps):
            stamps = self.stamps[key]
            cut = bisect.bisect_left(stamps, before)
            if cut and self.values[key][stamps[cut - 1]] is not None:
                cut -= 1  # the value a read at `before` sees stays
            for t in stamps[:cut]:
                del self.values[key][t]
            del stamps[:cut]
            dropped += cut
            if not stamps:
                del self.stamps[key]
                del self.values[key]
        return dropped

    def dump(self, path):
        path = Path(path)
        data = json.dumps({k: self.history(k) for k in self.stamps}, ensure_ascii=False)
        envelope = {"format": FORMAT, "version": 1,
                    "sha256": hashlib.sha256(data.encode("utf-8")).hexdigest(), "data": data}
        temporary = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=path.name,
                                                suffix=".partial", delete=False)
        try:
            with temporary:
                json.dump(envelope, temporary, ensure_ascii=False)
                temporary.flush()
                os.fsync(temporary.fileno())
            Path(temporary.name).replace(path)
        except BaseException:
            Path(temporary.name).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path):
        try:
            envelope = json.loads(Path(path).read_bytes().decode("utf-8"))
        except ValueError as exc:
            raise ValueError(f"{path}: not a versioned-store file ({exc.__class__.__name__})") from None
        if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
            raise ValueError(f"{path}: not a versioned-store file")
        if envelope.get("version") != 1:
            raise ValueError(f"{path}: unknown version {envelope.get('version')!r}")
        data = envelope.get("data")
        if not isinstance(data, str) or hashlib.sha256(data.encode("utf-8")).hexdigest() != envelope.get("sha256"):
            raise ValueError(f"{path}: checksum mismatch, the file is damaged")
        store = cls()
        for key, versions in json.loads(data).items():
            for timestamp, value in versions:
                store._put(key, value, timestamp)
        return store
