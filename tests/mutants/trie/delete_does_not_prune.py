"""delete() decrements the counts and unmarks the word but never cuts the dead branch, so every
deleted word leaves its nodes behind (answers stay right, memory only grows)."""

EXPECT = "test_deleted_words_give_their_nodes_back"
PATCH = [
    (
        """            child.count -= 1
            if child.count == 0:
                # Nothing else passes through here, so the whole branch below served only `word`.
                del node.children[char]
                break
            node = child""",
        """            child.count -= 1
            node = child""",
    )
]
BEYOND_THE_MODEL = "memory: every answer is right, only the dead nodes stay allocated"
