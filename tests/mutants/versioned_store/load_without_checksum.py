"""load checks the header but never compares the checksum with the payload, so a byte changed inside a
string loads silently as a different store."""

EXPECT = "test_a_dump_with_one_byte_changed_is_rejected_with_value_error"
BEYOND_THE_MODEL = "damaged files: the model tests never dump or load"
SAYS = ["checksum"]
PATCH = [("""        if hashlib.sha256(payload).hexdigest().encode("ascii") != fields[2]:
            raise ValueError(f"{os.fspath(path)!r} is truncated or corrupted (its checksum does not match)")
""", "")]
