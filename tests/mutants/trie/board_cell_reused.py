"""find_words() never marks a cell as used, so a path may come back through a cell it already took."""

EXPECT = "test_a_board_cell_is_used_at_most_once_per_word"
PATCH = [("        used[r][c] = True\n", "")]
BEYOND_THE_MODEL = "find_words is a function of its own: the model drives the Trie class, never the board search"
