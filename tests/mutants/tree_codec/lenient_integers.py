"""Values are parsed with int() alone, which also accepts ' 7', '+7', '07', '7_0' and '-0'."""

EXPECT = "test_an_integer_written_another_way_is_rejected"
PATCH = [
    (
        """            if str(value) != token:  # int() also takes " 7", "+7", "07", "7_0", "-0": serialize never writes those
                raise ValueError(f"{token!r} is not written the way serialize writes {value}")
""",
        "",
    )
]
