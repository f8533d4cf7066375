"""Values are parsed with int(float(token)), so integers above 2**53 come back with their last digits changed."""

EXPECT = "test_negative_and_64_bit_values_come_back_exactly"
PATCH = [
    (
        """            value = int(token)  # ValueError for anything that is not an integer
            if str(value) != token:  # int() also takes " 7", "+7", "07", "7_0", "-0": serialize never writes those
                raise ValueError(f"{token!r} is not written the way serialize writes {value}")
            child = TreeNode(value)""",
        """            child = TreeNode(int(float(token)))""",
    )
]
