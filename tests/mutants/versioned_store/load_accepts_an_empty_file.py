"""load treats an empty file as the dump of an empty store instead of rejecting it."""

EXPECT = "test_an_empty_or_foreign_file_is_rejected_with_value_error"
BEYOND_THE_MODEL = "damaged files: the model tests never dump or load"
PATCH = [("""            data = file.read()
        header, newline, payload""", """            data = file.read()
        if not data:
            return cls()
        header, newline, payload""")]
