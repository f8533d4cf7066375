"""The amount check lets a charge of 0 through (`< 0` where it must be `<= 0`)."""

EXPECT = "test_invalid_calls_raise_value_error_and_change_nothing"
PATCH = [
    (
        """        if amount <= 0:
            raise ValueError(f"a charge's amount must be positive, got {amount}")""",
        """        if amount < 0:
            raise ValueError(f"a charge's amount must be positive, got {amount}")""",
    )
]
