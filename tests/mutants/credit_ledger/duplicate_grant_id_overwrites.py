"""A grant with an id already used replaces the first grant instead of raising ValueError."""

EXPECT = "test_invalid_calls_raise_value_error_and_change_nothing"
PATCH = [
    (
        """        if grant_id in self._grants:
            raise ValueError(f"there is already a grant {grant_id!r}")
""",
        "",
    )
]
