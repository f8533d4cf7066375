"""Hidden tests for the trie kata."""

from __future__ import annotations

import random
import tracemalloc

from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from grader.harness import (
    SETTINGS, STATEFUL_SETTINGS, Script, assert_as_fast_as_reference, fill, reference, replay, run_model_test, same,
    scored, solution, verbatim,
)

# A small alphabet makes shared prefixes common; the non-ASCII letters cover Unicode for free
# ("é" sorts after "b", "漢" after "é": Python's order is code-point order).
ALPHABET = "ab\u00e9\u6f22"
letters = st.sampled_from(ALPHABET)
words = st.text(ALPHABET, max_size=3)
prefixes = st.text(ALPHABET, max_size=2)
limits = st.none() | st.integers(-1, 4)
# Words that are prefixes of other words decide delete, counts and ordering, and random words rarely are:
# these pick a stored word (its index in sorted order, modulo the number stored) and cut or extend it.
picks = st.integers(0, 5)
cuts = st.integers(0, 3)


def _new_trie(script: Script):
    return script.new("trie", solution().Trie)


def _stored(model: set) -> str:
    return repr(sorted(model))


def _with_prefix(model, prefix: str) -> list:
    return sorted({word for word in model if word.startswith(prefix)})


def _words(found: list) -> str:
    return ", ".join(map(repr, found))


def _listing_difference(got: object, matching: list, prefix: str, limit: int | None) -> str:
    """What words_with_prefix(prefix, limit) got wrong, said as what was observed, given `matching`: the stored words
    starting with prefix, in sorted order. A cause is named only where the observation implies it."""
    expected = matching if limit is None else matching[: max(limit, 0)]
    if type(got) is not list or not all(type(word) is str for word in got):
        return "it must return a list of str"
    extra = [word for word in dict.fromkeys(got) if word not in matching]
    if extra:
        return (f"{_words(extra)} {'is' if len(extra) == 1 else 'are'} not among the stored words that start with "
                f"{prefix!r}")
    repeated = [word for word in dict.fromkeys(got) if got.count(word) > 1]
    if repeated:
        return f"it lists {_words(repeated)} more than once"
    if limit is not None and limit <= 0:
        return f"a limit of {limit} gives [], and it returned {len(got)} word{'s' * (len(got) != 1)}"
    for before, after in zip(got, got[1:]):
        if before > after:
            if before.startswith(after):
                return (f"{after!r} comes after its extension {before!r}, but a word sorts before its extensions: "
                        "emit a node's own word before visiting its children")
            return (f"{before!r} comes before {after!r}, but Python's string order (by code point) puts {after!r} "
                    "first: visit each node's children in sorted order")
    missing = [word for word in expected if word not in got]
    if limit is None or limit >= len(matching):
        return f"it left out {_words(missing)}"
    if len(got) > len(expected):
        return f"limit={limit} allows at most {limit} word{'s' * (limit != 1)}, and it returned {len(got)}"
    if got == expected[: len(got)]:
        return (f"it stopped after {len(got)} word{'s' * (len(got) != 1)}, but {len(matching)} stored words start "
                f"with {prefix!r}, so limit={limit} keeps {limit}")
    return (f"it left out {_words(missing)}, which sort{'s' * (len(missing) == 1)} before some of the words it "
            f"returned: with limit={limit} it returns the first {limit} of the {len(matching)} matching words in "
            "sorted order")


def _expect_listing(script: Script, got: object, model, prefix: str, limit: int | None, call: str,
                    context: str) -> None:
    matching = _with_prefix(model, prefix)
    expected = matching if limit is None else matching[: max(limit, 0)]
    if not same(got, expected):
        script.expect(got, expected, f"{call} returned {{got}}, expected {{expected}}: "
                      f"{_listing_difference(got, matching, prefix, limit)} ({context}).")


class TrieMatchesASetOfWords(RuleBasedStateMachine):
    """Level 1: insert, search, `in`, starts_with and len against a plain set of words."""

    @initialize()
    def new_trie(self):
        self.script = Script()
        self.trie = _new_trie(self.script)
        self.model: set = set()
        self.last = "no change yet"
        self.deleted: str | None = None  # the word of the last call, when that call was a delete

    def _pick(self, pick: int) -> str | None:
        stored = sorted(self.model)
        return stored[pick % len(stored)] if stored else None

    def _holds(self) -> str:
        return f"the trie holds {_stored(self.model)}"

    @rule(word=words)
    def insert(self, word):
        self.script.call(self.trie, "insert", word)
        self.model.add(word)
        self.last, self.deleted = f"insert({word!r})", None

    @rule(pick=picks, letter=letters)
    def insert_an_extension(self, pick, letter):
        word = self._pick(pick)
        self.insert(letter if word is None else word + letter)

    @rule(word=words)
    def search(self, word):
        got = self.script.call(self.trie, "search", word)
        self.script.expect(got, word in self.model,
                           f"search({word!r}) returned {{got}}, expected {{expected}}: search is True only for "
                           f"a whole stored word, and {self._holds()}.")

    @rule(pick=picks, cut=cuts)
    def search_a_prefix(self, pick, cut):
        word = self._pick(pick)
        self.search("" if word is None else word[:cut])

    @rule(word=words)
    def contains(self, word):
        got = self.script.contains(self.trie, word)
        self.script.expect(got, word in self.model,
                           f"`{word!r} in trie` gave {{got}}, expected {{expected}}: {self._holds()}.")

    @rule(prefix=prefixes)
    def starts_with(self, prefix):
        got = self.script.call(self.trie, "starts_with", prefix)
        expected = any(w.startswith(prefix) for w in self.model)
        why = ("every word starts with '', so it is True exactly when a word is stored" if prefix == "" else
               "it is True exactly when a stored word starts with the prefix")
        self.script.expect(got, expected,
                           f"starts_with({prefix!r}) returned {{got}}, expected {{expected}}: {why}, and "
                           f"{self._holds()}.")

    @rule(pick=picks, cut=cuts)
    def starts_with_a_prefix(self, pick, cut):
        word = self._pick(pick)
        self.starts_with("" if word is None else word[:cut])

    @invariant()
    def size_matches(self):
        with self.script.quietly():
            got = self.script.len(self.trie)
            self.script.expect(got, len(self.model),
                               f"len(trie) is {{got}} after {self.last}, expected {{expected}}: the trie holds the "
                               f"distinct words {_stored(self.model)}.")


class TrieWithDeleteMatchesASetOfWords(TrieMatchesASetOfWords):
    """Level 2: the whole API, delete included, against a plain set of words."""

    @rule(word=words)
    def delete(self, word):
        got = self.script.call(self.trie, "delete", word)
        was_there = word in self.model
        if was_there:
            why = "the word was stored"
        elif any(w.startswith(word) for w in self.model):
            why = f"{word!r} is only a prefix of a stored word, not a stored word itself"
        else:
            why = f"{word!r} was not stored"
        self.model.discard(word)
        self.last, self.deleted = f"delete({word!r})", word
        self.script.expect(got, was_there,
                           f"delete({word!r}) returned {{got}}, expected {{expected}}: {why} (the trie now holds "
                           f"{_stored(self.model)}).")

    @rule(pick=picks, cut=cuts)
    def delete_a_stored_word_or_its_prefix(self, pick, cut):
        word = self._pick(pick)
        self.delete("" if word is None else word if cut == 3 else word[:cut])

    @rule(prefix=prefixes)
    def count_prefix(self, prefix):
        got = self.script.call(self.trie, "count_prefix", prefix)
        self.script.expect(got, len(_with_prefix(self.model, prefix)),
                           f"count_prefix({prefix!r}) returned {{got}}, expected {{expected}}: it counts the "
                           f"stored words that start with the prefix, the prefix itself included if it is one "
                           f"({self._holds()}).")

    @rule(pick=picks, cut=cuts)
    def count_a_prefix(self, pick, cut):
        word = self._pick(pick)
        self.count_prefix("" if word is None else word[:cut])

    @rule(prefix=prefixes, limit=limits)
    def words_with_prefix(self, prefix, limit):
        shown = "" if limit is None else f", limit={limit!r}"
        got = self.script.call(self.trie, "words_with_prefix", prefix, **({} if limit is None else {"limit": limit}))
        _expect_listing(self.script, got, self.model, prefix, limit, f"words_with_prefix({prefix!r}{shown})",
                        self._holds())

    @rule(pick=picks, cut=cuts, limit=limits)
    def list_a_prefix(self, pick, cut, limit):
        word = self._pick(pick)
        self.words_with_prefix("" if word is None else word[:cut], limit)

    @invariant()
    def stored_words_are_found(self):
        # Checked after every step, so a delete that damages another word shows at the delete that did it.
        with self.script.quietly():
            for word in sorted(self.model):
                if not same(self.script.call(self.trie, "search", word), True):
                    deleted, why = self.deleted, ""
                    if deleted is not None and deleted.startswith(word):
                        why = (" A shorter word ends on the path of the deleted word: prune only the nodes that "
                               "neither end a word nor lead to one.")
                    elif deleted is not None and word.startswith(deleted):
                        why = (" A longer word goes through the deleted word's end node: unmark that node, and "
                               "keep the nodes that lead to other words.")
                    self.script.fail(f"search({word!r}) returned {{got}} after {self.last}, but {word!r} is still "
                                     f"stored ({self._holds()}).{why}", got=False)


# Runs that decide the rules: a trie that breaks one of them fails at every seed, whatever the random runs do.
# The first run of each pair is level 1 (the level-1 test replays those too).
LEVEL_1_RUNS = [
    [("new_trie",), ("search", ""), ("insert", ""), ("search", ""), ("contains", ""), ("insert", "a"),
     ("search", ""), ("search", "a")],                                                     # the empty word is a word
    [("new_trie",), ("insert", "ab"), ("insert", "ab"), ("insert", "a"), ("insert", "a")],  # a set: len counts once
    [("new_trie",), ("starts_with", ""), ("insert", "ab"), ("search", "a"), ("contains", "a"), ("starts_with", "a"),
     ("starts_with", ""), ("starts_with", "b")],                             # a prefix is not a word; '' needs a word
    [("new_trie",), ("insert", "\u6f22\u00e9"), ("insert", "b"), ("search", "\u6f22"), ("search", "\u6f22\u00e9"),
     ("starts_with", "\u6f22")],                                                            # any Unicode string
]
DECIDING_RUNS = LEVEL_1_RUNS + [
    [("new_trie",), ("insert", "ab"), ("count_prefix", ""), ("count_prefix", "a"), ("insert", "a"),
     ("count_prefix", "a"), ("count_prefix", "ab")],                                      # counts words, not nodes
    [("new_trie",), ("insert", "ab"), ("delete", "a"), ("delete", ""), ("delete", "abc"), ("delete", "ab"),
     ("delete", "ab")],                                                                 # True only for a stored word
    [("new_trie",), ("insert", "ab"), ("insert", "b"), ("delete", "ab"), ("starts_with", "a"), ("count_prefix", "a"),
     ("delete", "b"), ("starts_with", "")],                                       # no word below: starts_with False
    [("new_trie",), ("insert", "a"), ("insert", "ab"), ("insert", "abc"), ("delete", "ab")],   # keeps the longer word
    [("new_trie",), ("insert", ""), ("insert", "a"), ("insert", "ab"), ("delete", "ab"), ("delete", "a")],  # shorter
    [("new_trie",), ("insert", "b"), ("insert", "ab"), ("insert", "a"), ("words_with_prefix", "", None),
     ("insert", "\u00e9"), ("insert", "\u6f22"), ("words_with_prefix", "", None)],   # sorted, by code point
    [("new_trie",), ("insert", ""), ("insert", "b"), ("insert", "a"), ("words_with_prefix", "", 1),
     ("words_with_prefix", "", 2), ("words_with_prefix", "", 0), ("words_with_prefix", "", -1),
     ("words_with_prefix", "a", 3), ("words_with_prefix", "\u00e9", None)],                             # limits
]


# ---------------------------------------------------------------------------------------------
# Level 1: insert and search

_level_1_steps = st.lists(st.one_of(
    st.tuples(st.just("insert"), words), st.tuples(st.just("insert_an_extension"), picks, letters),
    st.tuples(st.just("search"), words), st.tuples(st.just("search_a_prefix"), picks, cuts),
    st.tuples(st.just("contains"), words), st.tuples(st.just("starts_with"), prefixes),
    st.tuples(st.just("starts_with_a_prefix"), picks, cuts),
), max_size=20)


@scored(points=10, level=1)
@settings(SETTINGS, max_examples=25)
@given(steps=_level_1_steps)
@example(steps=[])
def test_trie_behaves_like_a_set_of_words_under_inserts_and_searches(steps):
    # Level 1 only: the same model as the level-2 test below, driven through the level-1 API. The runs that
    # decide the level-1 rules come first, then random runs.
    for run in LEVEL_1_RUNS:
        replay(TrieMatchesASetOfWords, run)
    replay(TrieMatchesASetOfWords, [("new_trie",), *steps])


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
    run_model_test(TrieWithDeleteMatchesASetOfWords, DECIDING_RUNS,
                   settings(STATEFUL_SETTINGS, max_examples=25))


@scored(points=3, level=2)
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
    _expect_listing(script, script.call(trie, "words_with_prefix", ""), ["car"], "", None, "words_with_prefix('')",
                    "after delete('cart'), only 'car' is stored")


# Families of words on one path: a chain of words each the prefix of the next (nothing branches off, so only the
# end-of-word flags tell where a word ends), the same with branches, and the empty word below everything.
FAMILIES = (["a", "ab", "abc"], ["a", "ab", "abc", "abd", "b"], ["", "a", "ab"])


@scored(points=4, level=2)
def test_deleting_a_word_keeps_the_words_around_it():
    for family in FAMILIES:
        for doomed in family:
            script = Script()
            trie = _new_trie(script)
            for word in family:
                script.call(trie, "insert", word)
            script.call(trie, "delete", doomed)
            kept = [word for word in family if word != doomed]
            for word in kept:
                if doomed.startswith(word):
                    why = (f"{word!r} ends on the path of {doomed!r}: prune only the nodes that neither end a "
                           "word nor lead to one")
                elif word.startswith(doomed):
                    why = (f"{word!r} goes through the end node of {doomed!r}: unmark that node, and keep the "
                           "nodes that lead to other words")
                else:
                    why = f"{word!r} is off the path of {doomed!r}, and delete must not touch it"
                script.expect(script.call(trie, "search", word), True,
                              f"search({word!r}) returned {{got}} after delete({doomed!r}), but {word!r} is still "
                              f"stored: {why}.")
            _expect_listing(script, script.call(trie, "words_with_prefix", ""), kept, "", None,
                            "words_with_prefix('')", f"after delete({doomed!r}) the trie holds {kept!r}")


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
@given(stored=st.lists(st.text("ab\u00e9Z\u6f22", min_size=1, max_size=3), max_size=7))
@example(stored=["a", "ab"])
@example(stored=["b", "ab", "a"])
@example(stored=["\u6f22", "\u00e9", "b", "Z", "a"])
def test_words_with_prefix_come_in_lexicographic_order(stored):
    # The empty word is left out here: it has a test of its own, so that a trie which loses it is not told
    # that its order is wrong.
    script = Script()
    trie = _new_trie(script)
    for word in stored:
        script.call(trie, "insert", word)
    for prefix in ("", "a"):
        _expect_listing(script, script.call(trie, "words_with_prefix", prefix), stored, prefix, None,
                        f"words_with_prefix({prefix!r})",
                        f"the words were inserted in the order {stored!r}")


@scored(points=2, level=2)
def test_the_empty_word_is_listed_and_counted_first():
    script = Script()
    trie = _new_trie(script)
    for word in ("b", "", "a"):
        script.call(trie, "insert", word)
    stored = ["", "a", "b"]
    _expect_listing(script, script.call(trie, "words_with_prefix", ""), stored, "", None, "words_with_prefix('')",
                    "'', 'a' and 'b' are stored, and '' sorts before every other word")
    _expect_listing(script, script.call(trie, "words_with_prefix", "", limit=1), stored, "", 1,
                    "words_with_prefix('', limit=1)", "'' is stored and sorts first")
    script.expect(script.call(trie, "count_prefix", ""), 3,
                  "count_prefix('') returned {got}, expected {expected}: '', 'a' and 'b' are stored, and every "
                  "word starts with '', the empty word included.")


@scored(points=2, level=2)
def test_limit_caps_the_list():
    # Judged against the trie's own list without a limit, so that only the limit is tested here: the order of
    # that list is the lexicographic-order test's business.
    stored = ["b", "ba", "bab", "bb", "c"]
    script = Script()
    trie = _new_trie(script)
    for word in reversed(stored):
        script.call(trie, "insert", word)
    whole = script.call(trie, "words_with_prefix", "b")
    if type(whole) is not list or sorted(map(repr, whole)) != sorted(map(repr, stored[:4])):
        script.fail(f"words_with_prefix('b') returned {{got}}, but the stored words that start with 'b' are "
                    f"{stored[:4]!r}: without a limit it lists every one of them, once.", got=whole)
    for limit in (None, -2, -1, 0, 1, 2, 3, 4, 5):
        got = script.call(trie, "words_with_prefix", "b", limit=limit)
        expected = whole if limit is None else whole[: max(limit, 0)]
        if limit is None:
            rule = "limit=None means no limit"
        elif limit <= 0:
            rule = "a limit of 0 or less gives []"
        elif limit >= len(whole):
            rule = f"limit={limit} is at least the number of matching words, so it keeps them all"
        else:
            rule = f"limit={limit} keeps the first {limit} of those, in the same order"
        script.expect(got, expected,
                      f"words_with_prefix('b', limit={limit!r}) returned {{got}}, but words_with_prefix('b') "
                      f"returned {whole!r}: {rule}.")


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
