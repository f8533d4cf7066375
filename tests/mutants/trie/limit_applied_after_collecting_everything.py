"""Correct answers, but words_with_prefix() collects every word under the prefix, then sorts and slices:
a limit of 3 on a prefix shared by 20,000 words still visits all 20,000."""

EXPECT = "test_prefix_queries_do_not_scan_every_word"
PATCH = [
    (
        """            if node.is_word:
                found.append(word)
                if len(found) == limit:
                    break
            for char in sorted(node.children, reverse=True):
                stack.append((node.children[char], word + char))
        return found""",
        """            if node.is_word:
                found.append(word)
            for char in node.children:
                stack.append((node.children[char], word + char))
        return sorted(found)[:limit]""",
    )
]
BEYOND_THE_MODEL = "speed: every answer is right, only a small limit no longer stops the walk early"
