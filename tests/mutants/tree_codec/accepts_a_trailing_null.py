"""LeetCode-style level order that trims trailing nulls, yet accepts them: '1,null' reads as the tree '1'."""

EXPECT = "test_an_encoding_cut_short_is_rejected"
BASE = "alternatives/tree_codec/level_order.py"
PATCH = [
    (
        """    if tokens[-1] == NULL:
        raise ValueError("serialize never ends with a null marker")
""",
        "",
    )
]
