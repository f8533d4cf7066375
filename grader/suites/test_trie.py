"""Hidden tests for the trie kata."""

from __future__ import annotations

import random
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from grader.harness import (
    SETTINGS, STATEFUL_SETTINGS, Script, assert_as_fast_as_reference, fill, reference, same, scored, solution,
    verbatim,
)

# A small alphabet makes shared prefixes common; the non-ASCII letters cover Unicode for free
# ("é" sorts after "b", "漢" after "é": Python's order is code-point order).
ALPHABET = "ab\u00e9\u6f22"
words = st.text(ALPHABET, max_size=3)
prefixes = st.text(ALPHABET, max_size=2)
limits = st.none() | st.integers(-1, 4)


def _new_trie(script: Script):
    return script.new("trie", solution().Trie)


def _stored(model: set) -> str:
    return repr(sorted(model))


def _with_prefix(model: set, prefix: str) -> list:
    return sorted(word for word in model if word.startswith(prefix))


class TrieMatchesASetOfWords(RuleBasedStateMachine):
    """Level 1: insert, search, `in`, starts_with and len against a plain set of words."""

    @initialize()
    def new_trie(self):
        self.script = Script()
        self.trie = _new_trie(self.script)
        self.model: set = set()

    @rule(word=words)
    def insert(self, word):
        self.script.call(self.trie, "insert", word)
        self.model.add(word)

    @rule(word=words)
    def search(self, word):
        got = self.script.call(self.trie, "search", word)
        self.script.expect(got, word in self.model,
                           f"search({word!r}) returned {{got}}, expected {{expected}}: search is True only for "
                           f"a whole stored word, and the trie holds {_stored(self.model)}.")

    @rule(word=words)
    def contains(self, word):
        got = self.script.contains(self.trie, word)
        self.script.expect(got, word in self.model,
                           f"`{word!r} in trie` gave {{got}}, expected {{expected}}: the trie holds "
                           f"{_stored(self.model)}.")

    @rule(prefix=prefixes)
    def starts_with(self, prefix):
        got = self.script.call(self.trie, "starts_with", prefix)
        self.script.expect(got, any(w.startswith(prefix) for w in self.model),
                           f"starts_with({prefix!r}) returned {{got}}, expected {{expected}}: the trie holds "
                           f"{_stored(self.model)}.")

    @invariant()
    def size_matches(self):
        with self.script.quietly():
            got = self.script.len(self.trie)
            self.script.expect(got, len(self.model),
                               f"len(trie) is {{got}}, expected {{expected}}: the trie holds the distinct words "
                               f"{_stored(self.model)}.")


class TrieWithDeleteMatchesASetOfWords(TrieMatchesASetOfWords):
    """Level 2: the whole API, delete included, against a plain set of words."""

    @rule(word=words)
    def delete(self, word):
        got = self.script.call(self.trie, "delete", word)
        was_there = word in self.model
        self.model.discard(word)
        self.script.expect(got, was_there,
                           f"delete({word!r}) returned {{got}}, expected {{expected}}: it is True only when "
                           f"the word itself was stored (the trie now holds {_stored(self.model)}).")

    @rule(prefix=prefixes)
    def count_prefix(self, prefix):
        got = self.script.call(self.trie, "count_prefix", prefix)
        self.script.expect(got, len(_with_prefix(self.model, prefix)),
                           f"count_prefix({prefix!r}) returned {{got}}, expected {{expected}}: it counts the "
                           f"stored words that start with the prefix (the trie holds {_stored(self.model)}).")

    @rule(prefix=prefixes, limit=limits)
    def words_with_prefix(self, prefix, limit):
        matching = _with_prefix(self.model, prefix)
        expected = matching if limit is None else matching[: max(limit, 0)]
        shown = "" if limit is None else f", limit={limit!r}"
        got = self.script.call(self.trie, "words_with_prefix", prefix, **({} if limit is None else {"limit": limit}))
        self.script.expect(got, expected,
                           f"words_with_prefix({prefix!r}{shown}) returned {{got}}, expected {{expected}}: "
                           f"the stored words with that prefix, in sorted order, at most `limit` of them "
                           f"(the trie holds {_stored(self.model)}).")


# ---------------------------------------------------------------------------------------------
# Level 1: insert and search


@scored(points=10, level=1)
def test_trie_behaves_like_a_set_of_words_under_inserts_and_searches():
    run_state_machine_as_test(TrieMatchesASetOfWords, settings=settings(STATEFUL_SETTINGS, max_examples=15))


@scored(points=5, level=1)
def test_a_prefix_of_a_word_is_not_a_word():
    for longer in ("apple", "ab", "\u00e9t\u00e9"):
        for cut in range(1, len(longer)):
            prefix = longer[:cut]
            script = Script()
            trie = _new_trie(script)
            script.call(trie, "insert", longer)
            script.expect(script.call(trie, "search", prefix), False,
                          f"search({prefix!r}) returned {{got}} when only {longer!r} is stored: a node on the "
                          "path of a word is not a word unless a word ends there (keep an end-of-word flag).")
            script.expect(script.contains(trie, prefix), False,
                          f"`{prefix!r} in trie` gave {{got}} when only {longer!r} is stored.")
            script.expect(script.call(trie, "starts_with", prefix), True,
                          f"starts_with({prefix!r}) returned {{got}}, but the stored word {longer!r} starts "
                          "with it.")
            script.expect(script.call(trie, "search", longer), True,
                          f"search({longer!r}) returned {{got}} right after insert({longer!r}).")
            script.expect(script.call(trie, "starts_with", longer + "x"), False,
                          f"starts_with({longer + 'x'!r}) returned {{got}}: no stored word starts with it.")


@scored(points=4, level=1)
def test_inserting_a_word_twice_stores_it_once():
    script = Script()
    trie = _new_trie(script)
    for word in ("car", "car", "cart", "car", "cart"):
        script.call(trie, "insert", word)
    script.expect(script.len(trie), 2,
                  "len(trie) is {got} after inserting 'car' three times and 'cart' twice: a trie is a set, "
                  "so it holds {expected} distinct words. Check whether the word is new before counting it.")


@scored(points=3, level=1)
def test_the_empty_string_is_a_word():
    script = Script()
    trie = _new_trie(script)
    script.expect(script.call(trie, "search", ""), False, "search('') returned {got} on an empty trie.")
    script.call(trie, "insert", "")
    script.expect(script.call(trie, "search", ""), True,
                  "search('') returned {got} after insert(''): the empty string is a word like any other "
                  "(it ends at the root).")
    script.expect(script.contains(trie, ""), True, "`'' in trie` gave {got} after insert('').")
    script.expect(script.len(trie), 1, "len(trie) is {got} after insert(''): one word is stored.")
    script.call(trie, "insert", "a")
    script.expect(script.call(trie, "search", ""), True,
                  "search('') returned {got}: inserting 'a' must not unmark the empty word.")
    script.expect(script.len(trie), 2, "len(trie) is {got}; '' and 'a' are stored.")


@scored(points=3, level=1)
def test_starts_with_the_empty_prefix_needs_a_stored_word():
    script = Script()
    trie = _new_trie(script)
    script.expect(script.call(trie, "starts_with", ""), False,
                  "starts_with('') returned {got} on an empty trie: it is True exactly when the trie holds "
                  "at least one word (every word starts with '', but there is none).")
    script.call(trie, "insert", "a")
    script.expect(script.call(trie, "starts_with", ""), True,
                  "starts_with('') returned {got} although 'a' is stored: every word starts with ''.")
    script = Script()
    trie = _new_trie(script)
    script.call(trie, "insert", "")
    script.expect(script.call(trie, "starts_with", ""), True,
                  "starts_with('') returned {got} while the empty word is stored.")


@scored(points=3, level=1)
@settings(SETTINGS, max_examples=30)
@given(stored=st.lists(st.text("a\u00e9\u0301\U0001f600\x00 Z", max_size=4), max_size=5))
def test_any_unicode_string_is_a_word(stored):
    script = Script()
    trie = _new_trie(script)
    for word in stored:
        script.call(trie, "insert", word)
    for word in stored:
        script.expect(script.call(trie, "search", word), True,
                      f"search({word!r}) returned {{got}} after it was inserted: words are any Unicode "
                      "strings (accents, combining marks, emoji, NUL, spaces).")
    script.expect(script.len(trie), len(set(stored)),
                  f"len(trie) is {{got}}, expected {{expected}} distinct words from {stored!r}.")


# ---------------------------------------------------------------------------------------------
# Level 2: delete, count and list by prefix


@scored(points=10, level=2)
def test_trie_behaves_like_a_set_of_words_under_every_operation():
    run_state_machine_as_test(TrieWithDeleteMatchesASetOfWords, settings=settings(STATEFUL_SETTINGS, max_examples=25))


@scored(points=4, level=2)
def test_delete_reports_whether_the_word_was_stored():
    script = Script()
    trie = _new_trie(script)
    script.expect(script.call(trie, "delete", "car"), False, "delete('car') returned {got} on an empty trie.")
    for word in ("car", "cart"):
        script.call(trie, "insert", word)
    for absent in ("ca", "c", "", "carts", "dog"):
        script.expect(script.call(trie, "delete", absent), False,
                      f"delete({absent!r}) returned {{got}} with only 'car' and 'cart' stored: it is True only "
                      "for a stored word, not for a prefix of one, and it must change nothing otherwise.")
    script.expect(script.len(trie), 2, "len(trie) is {got}: deleting words that were never stored changed it.")
    script.expect(script.call(trie, "count_prefix", "c"), 2,
                  "count_prefix('c') returned {got}: deleting words that were never stored changed the counts.")
    script.expect(script.call(trie, "delete", "cart"), True, "delete('cart') returned {got}; 'cart' was stored.")
    script.expect(script.call(trie, "delete", "cart"), False,
                  "delete('cart') returned {got} the second time: the first call already removed it.")
    script.expect(script.call(trie, "words_with_prefix", ""), ["car"],
                  "words_with_prefix('') returned {got}; after deleting 'cart', only 'car' is stored.")


@scored(points=4, level=2)
def test_deleting_a_word_keeps_the_words_around_it():
    family = ["a", "ab", "abc", "abd", "b"]
    for doomed in family:
        script = Script()
        trie = _new_trie(script)
        for word in family:
            script.call(trie, "insert", word)
        script.call(trie, "delete", doomed)
        kept = [word for word in family if word != doomed]
        for word in kept:
            script.expect(script.call(trie, "search", word), True,
                          f"search({word!r}) returned {{got}} after delete({doomed!r}): deleting a word must "
                          "not remove or damage the words that share its path (a longer word goes through its "
                          "end node; a shorter word ends on its path).")
        script.expect(script.call(trie, "words_with_prefix", ""), kept,
                      f"words_with_prefix('') returned {{got}} after delete({doomed!r}), expected {{expected}}.")


@scored(points=3, level=2)
def test_starts_with_is_false_once_the_last_word_below_is_deleted():
    script = Script()
    trie = _new_trie(script)
    for word in ("abc", "abd", "x"):
        script.call(trie, "insert", word)
    script.call(trie, "delete", "abc")
    script.expect(script.call(trie, "starts_with", "abc"), False,
                  "starts_with('abc') returned {got} after delete('abc'): no stored word starts with 'abc' any "
                  "more. Delete must prune the nodes that no longer lead to a word.")
    script.expect(script.call(trie, "starts_with", "ab"), True,
                  "starts_with('ab') returned {got}: 'abd' is still stored.")
    script.call(trie, "delete", "abd")
    for prefix in ("ab", "a"):
        script.expect(script.call(trie, "starts_with", prefix), False,
                      f"starts_with({prefix!r}) returned {{got}} after both 'abc' and 'abd' were deleted: "
                      "the branch that led only to them must be cut off.")
    script.expect(script.call(trie, "count_prefix", "a"), 0,
                  "count_prefix('a') returned {got} after every word starting with 'a' was deleted.")
    script.call(trie, "delete", "x")
    script.expect(script.call(trie, "starts_with", ""), False,
                  "starts_with('') returned {got} after the last word was deleted: the trie is empty again.")


@scored(points=3, level=2)
def test_count_prefix_counts_words_not_nodes():
    script = Script()
    trie = _new_trie(script)
    for word in ("car", "cart", "care", "cat", "dog", "car"):
        script.call(trie, "insert", word)
    for prefix, expected in (("car", 3), ("ca", 4), ("", 5), ("cart", 1), ("carts", 0), ("d", 1), ("x", 0)):
        script.expect(script.call(trie, "count_prefix", prefix), expected,
                      f"count_prefix({prefix!r}) returned {{got}}, expected {{expected}}: it counts the stored "
                      "words that start with the prefix (the prefix itself included if it is a word), "
                      "each once however often it was inserted, and not the nodes below it.")


@scored(points=3, level=2)
@settings(SETTINGS, max_examples=30)
@given(stored=st.lists(st.text("ab\u00e9Z\u6f22", max_size=3), max_size=7))
def test_words_with_prefix_come_in_lexicographic_order(stored):
    script = Script()
    trie = _new_trie(script)
    for word in stored:
        script.call(trie, "insert", word)
    for prefix in ("", "a"):
        script.expect(script.call(trie, "words_with_prefix", prefix), _with_prefix(set(stored), prefix),
                      f"words_with_prefix({prefix!r}) returned {{got}}, expected {{expected}}: Python's string "
                      "order (by code point, a word before its extensions), whatever the insertion order. "
                      "Visit children in sorted order and emit a node's word before its children.")


@scored(points=3, level=2)
def test_limit_caps_the_list():
    stored = ["b", "ba", "bab", "bb", "c"]
    for limit in (None, -2, -1, 0, 1, 2, 3, 4, 5):
        script = Script()
        trie = _new_trie(script)
        for word in reversed(stored):
            script.call(trie, "insert", word)
        expected = stored[:4] if limit is None else stored[: max(limit, 0)][:4]
        script.expect(script.call(trie, "words_with_prefix", "b", limit=limit), expected,
                      f"words_with_prefix('b', limit={limit!r}) returned {{got}}, expected {{expected}}: at most "
                      "`limit` words, the smallest ones; None means no limit, and 0 or less gives [].")


# ---------------------------------------------------------------------------------------------
# Level 3: word search on a board


def _traceable(board: list, word: str) -> bool:
    """Brute force, no trie: can `word` be spelt along a path of side-sharing cells with no repeats?"""

    def extend(r, c, i, used):
        if board[r][c] != word[i]:
            return False
        if i == len(word) - 1:
            return True
        used = used | {(r, c)}
        return any(
            extend(nr, nc, i + 1, used)
            for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1))
            if 0 <= nr < len(board) and 0 <= nc < len(board[nr]) and (nr, nc) not in used
        )

    return bool(word) and any(extend(r, c, 0, frozenset()) for r in range(len(board)) for c in range(len(board[r])))


def _find(script: Script, board: list, word_list) -> object:
    return script.run("find_words", solution().find_words, board, word_list)


def _words_text(value: object) -> str:
    if type(value) is set and all(type(word) is str for word in value):
        return "{" + ", ".join(repr(word) for word in sorted(value)) + "}" if value else "set()"
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _expect_found(script: Script, got: object, expected: set, message: str) -> None:
    """Script.expect for sets of words, with the sets in the message shown sorted, so they are easy to compare."""
    if not same(got, expected):
        script.expect(got, expected, fill(message, got=verbatim(_words_text(got)),
                                          expected=verbatim(_words_text(expected))))


def _board_text(board: list) -> str:
    return " / ".join("".join(row) for row in board)


boards = st.integers(1, 3).flatmap(
    lambda rows: st.integers(1, 3).flatmap(
        lambda cols: st.lists(st.lists(st.sampled_from("ab\u00e9"), min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@scored(points=9, level=3)
@settings(SETTINGS, max_examples=40)
@given(board=boards, word_list=st.lists(st.text("ab\u00e9", max_size=5), max_size=6))
def test_find_words_agrees_with_a_brute_force_search(board, word_list):
    script = Script()
    original = [row[:] for row in board]
    got = _find(script, board, word_list)
    expected = {word for word in word_list if _traceable(original, word)}
    _expect_found(script, got, expected,
                  f"find_words returned {{got}}, expected {{expected}}. The board reads {_board_text(original)!r} "
                  "(rows separated by ' / '); a word is found when its letters lie on a path of cells that "
                  "share a side, each cell used at most once in that word.")
    if board != original:
        script.fail(f"find_words changed the board to {board!r}: if you mark cells in place, put every "
                    "letter back before returning.", show_got=False)


@scored(points=4, level=3)
def test_a_board_cell_is_used_at_most_once_per_word():
    for board, word in (([["a"]], "aa"), ([["a", "b"]], "aba"), ([["a", "b"], ["c", "d"]], "abdcab")):
        script = Script()
        got = _find(script, board, [word])
        _expect_found(script, got, set(),
                      f"find_words found {word!r} on {board!r}, but spelling it needs a cell twice: each cell "
                      "may be used at most once per word (mark it while it is on the path).")
    script = Script()
    _expect_found(script, _find(script, [["a", "a"]], ["aa"]), {"aa"},
                  "find_words returned {got} for 'aa' on [['a', 'a']]: two different cells may hold the same "
                  "letter.")


@scored(points=4, level=3)
def test_backtracking_frees_the_cells_of_an_abandoned_path():
    for board, word in (([["a", "b", "b"]], "bba"), ([["c", "a", "t"], ["a", "t", "x"]], "tac")):
        script = Script()
        got = _find(script, board, [word])
        _expect_found(script, got, {word},
                      f"find_words returned {{got}} for {word!r} on {board!r}. A path that starts or goes the "
                      "wrong way first must release its cells when it backs out, or a later path cannot use "
                      "them.")


@scored(points=4, level=3)
def test_only_cells_sharing_a_side_are_neighbours():
    board = [["a", "b"], ["c", "d"]]
    script = Script()
    got = _find(script, board, ["ad", "da", "bc", "cb", "ab", "ac", "bd", "cd", "abdc"])
    _expect_found(script, got, {"ab", "ac", "bd", "cd", "abdc"},
                  "find_words returned {got} on [['a', 'b'], ['c', 'd']], expected {expected}: neighbours are "
                  "the cells above, below, left and right; diagonal cells are not adjacent.")


@scored(points=3, level=3)
def test_find_words_finds_a_word_and_its_extensions():
    script = Script()
    got = _find(script, [["a", "b", "c"], ["x", "x", "d"]], ["a", "ab", "abc", "abcd", "bc"])
    _expect_found(script, got, {"a", "ab", "abc", "abcd", "bc"},
                  "find_words returned {got}, expected {expected}: after finding a word keep walking, a longer "
                  "word may extend it.")


@scored(points=2, level=3)
def test_find_words_never_reports_the_empty_word():
    for board in ([["a"]], [[]], []):
        script = Script()
        got = _find(script, board, ["", "a"])
        expected = {"a"} if board == [["a"]] else set()
        _expect_found(script, got, expected,
                      f"find_words({board!r}, ['', 'a']) returned {{got}}, expected {{expected}}: the empty word "
                      "is never reported (it covers no cell), and an empty board holds no word.")


@scored(points=2, level=3)
def test_find_words_reads_the_words_once():
    script = Script()
    board, word_list = [["h", "i"]], ["hi", "ih", "hih"]
    got = script.run("find_words", solution().find_words, board, iter(word_list),
                     shown=f"find_words({board!r}, iter({word_list!r}))")
    _expect_found(script, got, {"hi", "ih"},
                  "find_words with the words given as an iterator returned {got}, expected {expected}: `words` "
                  "is any iterable of strings, so read it only once (put the words in your trie).")


# ---------------------------------------------------------------------------------------------
# Level 4: prefix queries that do not scan, and real pruning


def _random_words(rng: random.Random, count: int, shortest: int, longest: int) -> list:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choices(letters, k=rng.randint(shortest, longest))) for _ in range(count)]


def _query_workload(cls, stored: list, queries: list):
    trie = cls()
    for word in stored:
        trie.insert(word)
    count_prefix, starts_with, words_with_prefix = trie.count_prefix, trie.starts_with, trie.words_with_prefix

    def run():
        for prefix in queries:
            count_prefix(prefix)
            starts_with(prefix)
            words_with_prefix(prefix, 3)

    return run


@scored(points=8, level=4, timeout=30)
def test_prefix_queries_do_not_scan_every_word():
    smoke = Script()
    _new_trie(smoke)  # the untouched stub stops here with a readable script
    rng = random.Random(11)
    stored = _random_words(rng, 5_000, 3, 10)
    # Short prefixes on purpose: they have the most words below them, so scanning costs the most.
    queries = _random_words(rng, 400, 1, 1) + _random_words(rng, 200, 2, 3) + [""] * 10
    assert_as_fast_as_reference(
        _query_workload(solution().Trie, stored, queries), _query_workload(reference().Trie, stored, queries),
        limit=10,
        workload="610 rounds of count_prefix, starts_with and words_with_prefix(prefix, 3) on 5,000 words",
        hint="A prefix query should cost about len(prefix) steps (plus the words it returns), not one per "
        "stored word: keep in each node the number of words below it, and let words_with_prefix stop "
        "walking as soon as it has `limit` words.",
    )


@scored(points=6, level=4)
def test_deleted_words_give_their_nodes_back():
    stored = sorted(set(_random_words(random.Random(5), 300, 6, 10)))
    script = Script()
    trie = _new_trie(script)
    tracemalloc.start()
    try:
        empty = tracemalloc.get_traced_memory()[0]
        with script.quietly():
            for word in stored:
                script.call(trie, "insert", word)
            full = tracemalloc.get_traced_memory()[0]
            for word in stored:
                script.call(trie, "delete", word)
        emptied = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    if emptied - empty > (full - empty) / 4:
        script.note(f"then insert {len(stored)} random words of 6 to 10 letters, and delete them all")
        script.fail(f"After inserting {len(stored)} words of 6 to 10 letters and deleting them all again, your "
                    "trie still holds most of the memory those words took: delete must remove the nodes that "
                    "no longer lead to any word, not just clear the end-of-word flag.", show_got=False)


def _benchmark_words():
    rng = random.Random(11)
    return _random_words(rng, 5_000, 3, 10), _random_words(rng, 400, 1, 1) + _random_words(rng, 200, 2, 3)


# For `grade compare`: workloads timed on the user's module and the reference's, side by side.
BENCHMARKS = {
    "insert 5,000 words": lambda module: (lambda: _query_workload(module.Trie, _benchmark_words()[0], [])),
    "600 prefix queries on 5,000 words": lambda module: _query_workload(module.Trie, *_benchmark_words()),
}
