"""find_words() returns as soon as a path spells a word, so a longer word that extends it ("ab", "abc") is never found."""

EXPECT = "test_find_words_finds_a_word_and_its_extensions"
PATCH = [("        if node.is_word:\n            found.add(path)\n", "        if node.is_word:\n            found.add(path)\n            return\n")]
BEYOND_THE_MODEL = "find_words is a function of its own: the model drives the Trie class, never the board search"
