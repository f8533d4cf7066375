"""load reads the version lines until one does not parse and returns what it has, without checking the
header's checksum or count: a truncated file loads as a store missing its last versions."""

EXPECT = "test_a_dump_cut_short_at_any_byte_is_rejected_with_value_error"
BEYOND_THE_MODEL = "damaged files: the model tests never dump or load"
SAYS = ["instead of raising ValueError"]
BASE = "alternatives/versioned_store/tuples_and_json_lines.py"
PATCH = [("""        if hashlib.sha256(body).hexdigest() != header.get("sha256"):
            raise ValueError(f"{path} is truncated or corrupted: checksum mismatch")
        store = cls()
        lines = body.decode("utf-8").splitlines()
        if len(lines) != header.get("versions"):
            raise ValueError(f"{path} holds {len(lines)} versions, its header says {header.get('versions')}")
        for line in lines:
            key, timestamp, value = json.loads(line)
            store._write(key, value, timestamp)""", """        store = cls()
        for line in body.decode("utf-8", "replace").splitlines():
            try:
                key, timestamp, value = json.loads(line)
            except ValueError:
                break  # the rest is damaged: keep what was read
            store._write(key, value, timestamp)""")]
