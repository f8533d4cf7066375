"""words_with_prefix() walks the children in insertion order, stops at `limit` words, and sorts what it has:
without a limit the list is right, but with one it holds the first words inserted, not the smallest ones."""

EXPECT = "test_limit_caps_the_list"
PATCH = [
    (
        """            for char in sorted(node.children, reverse=True):
                stack.append((node.children[char], word + char))
        return found""",
        """            for char in reversed(node.children):
                stack.append((node.children[char], word + char))
        return sorted(found)""",
    )
]
SAYS = ["limit=2 keeps the first 2 of those"]
NOT_SAYS = ["code point", "extension"]
