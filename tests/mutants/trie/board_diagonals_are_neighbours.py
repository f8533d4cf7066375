"""find_words() steps to all 8 surrounding cells, diagonals included, instead of the 4 sharing a side."""

EXPECT = "test_only_cells_sharing_a_side_are_neighbours"
PATCH = [("_STEPS = ((-1, 0), (1, 0), (0, -1), (0, 1))", "_STEPS = ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))")]
BEYOND_THE_MODEL = "find_words is a function of its own: the model drives the Trie class, never the board search"
