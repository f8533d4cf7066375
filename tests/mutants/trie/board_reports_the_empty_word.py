"""find_words() puts "" in the trie like any word, and reports it (the root is a word end, "found" before any cell)."""

EXPECT = "test_find_words_never_reports_the_empty_word"
PATCH = [
    ("        if word:\n            trie.insert(word)", "        trie.insert(word)"),
    ("    found: set[str] = set()\n", "    found: set[str] = {\"\"} if \"\" in trie else set()\n"),
]
BEYOND_THE_MODEL = "find_words is a function of its own: the model drives the Trie class, never the board search"
