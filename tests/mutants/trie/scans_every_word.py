"""Correct answers from a "trie" that is really a sorted list: every prefix query filters all the words
with str.startswith, O(words) per call however short the answer."""

EXPECT = "test_prefix_queries_do_not_scan_every_word"

from bisect import bisect_left, insort


class Trie:
    def __init__(self):
        self._words = []

    def insert(self, word):
        if not self.search(word):
            insort(self._words, word)

    def search(self, word):
        i = bisect_left(self._words, word)
        return i < len(self._words) and self._words[i] == word

    def starts_with(self, prefix):
        return any(w.startswith(prefix) for w in self._words)

    def delete(self, word):
        if self.search(word):
            self._words.remove(word)
            return True
        return False

    def count_prefix(self, prefix):
        return sum(1 for w in self._words if w.startswith(prefix))

    def words_with_prefix(self, prefix, limit=None):
        found = [w for w in self._words if w.startswith(prefix)]
        if limit is not None:
            found = found[: max(limit, 0)]
        return found

    def __len__(self):
        return len(self._words)

    def __contains__(self, word):
        return self.search(word)


def find_words(board, words):
    wanted = {w for w in words if w}
    found = set()
    rows = len(board)

    def walk(r, c, path, seen):
        path += board[r][c]
        if not any(w.startswith(path) for w in wanted):
            return
        if path in wanted:
            found.add(path)
        seen.add((r, c))
        for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
            if 0 <= nr < rows and 0 <= nc < len(board[nr]) and (nr, nc) not in seen:
                walk(nr, nc, path, seen)
        seen.discard((r, c))

    for r in range(rows):
        for c in range(len(board[r])):
            walk(r, c, "", set())
    return found
BEYOND_THE_MODEL = "speed: every answer is right, only each prefix query costs O(words)"
