"""find_words() marks cells as used but never frees them when it backtracks, so a later path from the
same start cannot go through a cell an abandoned path visited."""

EXPECT = "test_backtracking_frees_the_cells_of_an_abandoned_path"
PATCH = [("                trace(nr, nc, node, path)\n        used[r][c] = False\n", "                trace(nr, nc, node, path)\n")]
BEYOND_THE_MODEL = "find_words is a function of its own: the model drives the Trie class, never the board search"
