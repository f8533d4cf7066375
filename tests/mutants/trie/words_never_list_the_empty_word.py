"""words_with_prefix() tests `if node.is_word and word:`, using the path as "have I got a word", so the empty
word is stored and counted but never listed."""

EXPECT = "test_the_empty_word_is_listed_and_counted_first"
PATCH = [("            if node.is_word:\n                found.append(word)", "            if node.is_word and word:\n                found.append(word)")]
SAYS = ["left out ''"]
NOT_SAYS = ["code point", "extension", "limit=1 allows"]
