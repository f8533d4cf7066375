"""delete() checks that the path exists instead of that the word is stored, so deleting a prefix of
a stored word (or deleting a word twice while a longer one remains) "succeeds" and corrupts the counts."""

EXPECT = "test_delete_reports_whether_the_word_was_stored"
PATCH = [("        if word not in self:\n            return False", "        if self._walk(word) is None:\n            return False")]
