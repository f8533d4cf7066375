"""words_with_prefix() walks the children in dict (insertion) order instead of character order."""

EXPECT = "test_words_with_prefix_come_in_lexicographic_order"
PATCH = [("            for char in sorted(node.children, reverse=True):", "            for char in reversed(node.children):")]
SAYS = ["code point"]
NOT_SAYS = ["left out", "limit", "extension"]
