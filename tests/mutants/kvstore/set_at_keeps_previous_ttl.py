"""set_at updates the value of an existing field but keeps its old expiry: a plain set_at must clear the TTL."""

EXPECT = "test_setting_a_field_again_replaces_its_value_and_ttl"
PATCH = [
    (
        "        self._data.setdefault(key, {})[field] = (value, None)",
        """        fields = self._data.setdefault(key, {})
        expires_at = fields[field][1] if field in fields else None
        fields[field] = (value, expires_at)""",
    )
]
SAYS = ["set_at clears the TTL"]
