"""restore() builds the restored state in a local variable and never assigns it to the store: it does
nothing at all (and a test that only reads a TTL field afterwards would blame the TTL arithmetic)."""

EXPECT = "test_a_restored_field_keeps_its_remaining_lifetime"
PATCH = [("        self._data = {\n            key: {field:", "        data = {\n            key: {field:")]
SAYS = ["changed nothing"]
NOT_SAYS = ["had left", "copy", "write the backup over"]
