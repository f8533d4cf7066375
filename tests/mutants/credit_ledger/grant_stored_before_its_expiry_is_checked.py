"""grant() stores the grant, then checks expires_at: the ValueError comes too late to change nothing."""

EXPECT = "test_invalid_calls_raise_value_error_and_change_nothing"
SAYS = ["Check every argument before storing anything"]
PATCH = [
    (
        """        if expires_at <= timestamp:
            raise ValueError(f"a grant must expire after it starts: expires_at {expires_at} <= timestamp {timestamp}")
        if grant_id in self._grants:
            raise ValueError(f"there is already a grant {grant_id!r}")
        self._grants[grant_id] = (amount, timestamp, expires_at)
        self._stale = True""",
        """        if grant_id in self._grants:
            raise ValueError(f"there is already a grant {grant_id!r}")
        self._grants[grant_id] = (amount, timestamp, expires_at)
        self._stale = True
        if expires_at <= timestamp:
            raise ValueError(f"a grant must expire after it starts: expires_at {expires_at} <= timestamp {timestamp}")""",
    )
]
