"""insert() treats the empty string as "nothing to insert", so "" can never be stored."""

EXPECT = "test_the_empty_string_is_a_word"
PATCH = [("        if word in self:\n            return\n", "        if not word or word in self:\n            return\n")]
