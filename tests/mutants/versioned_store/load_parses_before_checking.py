"""load parses the JSON payload before it checks the checksum, and does not catch the parser's error, so
a truncated file raises json.JSONDecodeError instead of the load's own ValueError."""

EXPECT = "test_a_dump_cut_short_at_any_byte_is_rejected_with_value_error"
BEYOND_THE_MODEL = "damaged files: the model tests never dump or load"
SAYS = ["JSONDecodeError", "your own ValueError"]
PATCH = [("""        # The checksum comes first: a flipped byte inside a string can still be valid JSON.
        if hashlib.sha256(payload).hexdigest().encode("ascii") != fields[2]:""", """        content = json.loads(payload)
        if hashlib.sha256(payload).hexdigest().encode("ascii") != fields[2]:""")]
