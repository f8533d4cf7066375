"""deserialize never checks that the tree is complete, so a truncated encoding reads as a smaller tree."""

EXPECT = "test_an_encoding_cut_short_is_rejected"
PATCH = [
    (
        """    if waiting_left is not None or waiting_right:
        raise ValueError(f"the input ends before the tree is complete: {_short(data)}")
""",
        "",
    )
]
