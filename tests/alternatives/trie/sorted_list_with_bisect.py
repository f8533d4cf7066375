"""Not a tree at all: a sorted list of the words and binary search. The words with a given prefix form
one contiguous run of a sorted list, so every prefix query is two bisections (plus the slice), and
insert/delete are O(n) memmoves that stay cheap at this size. Correct and fast: it must score 100."""

from bisect import bisect_left, insort

_MAX = chr(0x10FFFF)


def _after_prefix(prefix):
    """The smallest string greater than every string that starts with prefix (None: no such bound)."""
    chars = list(prefix)
    while chars and chars[-1] == _MAX:
        chars.pop()
    if not chars:
        return None
    chars[-1] = chr(ord(chars[-1]) + 1)
    return "".join(chars)


class Trie:
    def __init__(self):
        self._words = []

    def _span(self, prefix):
        lo = bisect_left(self._words, prefix)
        bound = _after_prefix(prefix)
        hi = len(self._words) if bound is None else bisect_left(self._words, bound, lo)
        return lo, hi

    def insert(self, word):
        if word not in self:
            insort(self._words, word)

    def search(self, word):
        i = bisect_left(self._words, word)
        return i < len(self._words) and self._words[i] == word

    def starts_with(self, prefix):
        lo, hi = self._span(prefix)
        return hi > lo

    def delete(self, word):
        i = bisect_left(self._words, word)
        if i < len(self._words) and self._words[i] == word:
            del self._words[i]
            return True
        return False

    def count_prefix(self, prefix):
        lo, hi = self._span(prefix)
        return hi - lo

    def words_with_prefix(self, prefix, limit=None):
        lo, hi = self._span(prefix)
        if limit is not None:
            hi = min(hi, lo + max(limit, 0))
        return self._words[lo:hi]

    def __len__(self):
        return len(self._words)

    def __contains__(self, word):
        return isinstance(word, str) and self.search(word)


def find_words(board, words):
    wanted = {w for w in words if w}
    prefixes = {w[:i] for w in wanted for i in range(1, len(w) + 1)}
    found = set()
    rows = len(board)

    def walk(r, c, path, seen):
        path += board[r][c]
        if path not in prefixes:
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
