"""deserialize stops at the end of the tree and ignores whatever follows it."""

EXPECT = "test_an_encoding_with_anything_added_is_rejected"
PATCH = [('            raise ValueError(f"text after the end of the tree: {_short(data)}")', "            break")]
