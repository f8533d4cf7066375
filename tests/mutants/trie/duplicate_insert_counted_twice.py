"""insert() does not check whether the word is already stored, so a second insert bumps every count
on its path again: len() and count_prefix() count the word twice."""

EXPECT = "test_inserting_a_word_twice_stores_it_once"
PATCH = [("        if word in self:\n            return\n        node = self._root\n        node.count += 1", "        node = self._root\n        node.count += 1")]
