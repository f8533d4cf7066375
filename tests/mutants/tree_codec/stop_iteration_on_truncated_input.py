"""deserialize takes each word with next() and never checks for the end, so a truncated input raises StopIteration."""

EXPECT = "test_an_encoding_cut_short_is_rejected"
BASE = "alternatives/tree_codec/child_flags.py"
PATCH = [
    (
        """    for word in data.split(" "):
        if not slots:
            raise ValueError("words left after the tree is complete")
        sides""",
        """    words = iter(data.split(" "))
    while slots:
        word = next(words)
        sides""",
    ),
    (
        """    if slots:
        raise ValueError("the input ends before the tree is complete")
    return holder.left""",
        """    if next(words, None) is not None:
        raise ValueError("words left after the tree is complete")
    return holder.left""",
    ),
]
