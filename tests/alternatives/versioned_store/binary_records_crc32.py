"""A correct store with a small class per key (two parallel lists, bisect) and a binary dump format:
a magic number, the payload's length and CRC-32 (struct), then length-prefixed UTF-8 records. It imports
fsync and replace by name (`from os import ...`), and writes its temporary file with os.open."""

import struct
import zlib
from bisect import bisect_left, bisect_right
from os import O_CREAT, O_EXCL, O_WRONLY, close, fsync, getpid, open as os_open, replace, unlink, write
from os.path import abspath, dirname, join

MAGIC = b"VSTORE\x00\x01"
HEADER = struct.Struct(">8sQI")  # magic, payload length, crc32 of the payload
TOMBSTONE = 0xFFFFFFFF


class _Versions:
    __slots__ = ("stamps", "values")

    def __init__(self):
        self.stamps = []
        self.values = []

    def put(self, timestamp, value):
        i = bisect_left(self.stamps, timestamp)
        if i < len(self.stamps) and self.stamps[i] == timestamp:
            self.values[i] = value
            return
        self.stamps.insert(i, timestamp)
        self.values.insert(i, value)

    def at(self, timestamp):
        i = bisect_right(self.stamps, timestamp)
        return self.values[i - 1] if i > 0 else None


def _string(text):
    data = text.encode("utf-8")
    return struct.pack(">I", len(data)) + data


class VersionedStore:
    def __init__(self):
        self.keys = {}

    def set(self, key, value, timestamp):
        self.keys.setdefault(key, _Versions()).put(timestamp, value)

    def delete(self, key, timestamp):
        self.keys.setdefault(key, _Versions()).put(timestamp, None)

    def get(self, key, timestamp=None):
        versions = self.keys.get(key)
        if versions is None:
            return None
        return versions.values[-1] if timestamp is None else versions.at(timestamp)

    def history(self, key):
        versions = self.keys.get(key)
        return [] if versions is None else list(zip(versions.stamps, versions.values))

    def keys_at(self, timestamp):
        return sorted(key for key, versions in self.keys.items() if versions.at(timestamp) is not None)

    def compact(self, before):
        dropped = 0
        for key in list(self.keys):
            versions = self.keys[key]
            n = bisect_left(versions.stamps, before)
            if n and versions.values[n - 1] is not None:
                n -= 1
            del versions.stamps[:n]
            del versions.values[:n]
            dropped += n
            if not versions.stamps:
                del self.keys[key]
        return dropped

    def dump(self, path):
        records = []
        for key, versions in self.keys.items():
            for timestamp, value in zip(versions.stamps, versions.values):
                value_part = struct.pack(">I", TOMBSTONE) if value is None else _string(value)
                records.append(_string(key) + struct.pack(">q", timestamp) + value_part)
        payload = struct.pack(">I", len(records)) + b"".join(records)
        content = HEADER.pack(MAGIC, len(payload), zlib.crc32(payload)) + payload
        temporary = join(dirname(abspath(path)), f".store-{getpid()}-{id(self)}.tmp")
        fd = os_open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        try:
            try:
                view = memoryview(content)
                while view:
                    view = view[write(fd, view):]
                fsync(fd)
            finally:
                close(fd)
            replace(temporary, path)
        except BaseException:
            unlink(temporary)
            raise

    @classmethod
    def load(cls, path):
        with open(path, "rb") as file:
            content = file.read()
        if len(content) < HEADER.size:
            raise ValueError(f"{path}: too short to be a versioned-store dump")
        magic, length, crc = HEADER.unpack_from(content)
        payload = content[HEADER.size:]
        if magic != MAGIC:
            raise ValueError(f"{path}: not a versioned-store dump (bad magic number)")
        if length != len(payload) or zlib.crc32(payload) != crc:
            raise ValueError(f"{path}: damaged dump (length or CRC-32 mismatch)")
        try:
            return cls._parse(payload)
        except (struct.error, UnicodeDecodeError, IndexError) as exc:
            raise ValueError(f"{path}: malformed records ({exc})") from None

    @classmethod
    def _parse(cls, payload):
        store = cls()
        (count,), offset = struct.unpack_from(">I", payload), 4

        def text():
            nonlocal offset
            (size,) = struct.unpack_from(">I", payload, offset)
            offset += 4
            if size == TOMBSTONE:
                return None
            offset += size
            if offset > len(payload):
                raise IndexError("a string runs past the end")
            return payload[offset - size:offset].decode("utf-8")

        for _ in range(count):
            key = text()
            (timestamp,) = struct.unpack_from(">q", payload, offset)
            offset += 8
            store.keys.setdefault(key, _Versions()).put(timestamp, text())  # text() is None for a tombstone
        if offset != len(payload):
            raise ValueError("trailing bytes after the last record")
        return store
