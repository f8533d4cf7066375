"""Hidden tests for the union_find kata.

Representatives are the implementation's choice: the tests only rely on find(a) == find(b) exactly
when a and b are connected, and on find(x) being an element of x's own set.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from grader.harness import (
    SETTINGS, STATEFUL_SETTINGS, PropertyFailed, Script, UserCodeRaised, assert_as_fast_as_reference, reference,
    same, scored, solution,
)

elements = st.integers(0, 7)


def _show(value) -> str:
    if type(value).__repr__ is object.__repr__:
        return f"a {type(value).__name__} object"
    try:
        text = repr(value)
    except Exception:  # a user object whose __repr__ is broken
        return f"a {type(value).__name__} object"
    return text if len(text) <= 120 else text[:117] + "..."


def _set_text(component) -> str:
    return "{" + ", ".join(sorted(map(repr, component))) + "}"


def _is_member(value, component) -> bool:
    return any(same(value, member) for member in component)


def _merge(model: dict, a, b) -> None:
    merged = model[a] | model[b]
    for x in merged:
        model[x] = merged


def _expect_key_error(script: Script, uf, method: str, x, message: str) -> None:
    """Call uf.method(x) and fail with message unless it raises KeyError."""
    try:
        got = script.call(uf, method, x)
    except UserCodeRaised as exc:
        if isinstance(exc.original, KeyError):
            return
        if isinstance(exc.original, NotImplementedError):
            raise
        script.fail(f"{message} It raised {type(exc.original).__name__} instead.", show_got=False)
    script.fail(message, got=got)


def _check_representatives(script: Script, uf, model: dict, x) -> None:
    """find(x) must be a member of x's set, and the same object for every element of that set."""
    component = model[x]
    rep = script.call(uf, "find", x)
    if not _is_member(rep, component):
        script.fail(f"find({x!r}) returned {_show(rep)}, which is not in the set of {x!r}, "
                    f"{_set_text(component)}. The representative must be one of the set's own elements "
                    "(the root of its tree), not an index or a label of your own.", got=rep)
    for other in sorted(component - {x}, key=repr):
        script.expect(script.call(uf, "find", other), rep,
                f"find({other!r}) returned {{got}} but find({x!r}) returned {{expected}}; {x!r} and "
                f"{other!r} are in the same set {_set_text(component)}, so they must share one representative.")


class UnionFindMatchesModel(RuleBasedStateMachine):
    """The user's structure against a model that maps each element to its whole set (a frozenset)."""

    @initialize(initial=st.lists(elements, max_size=4, unique=True))
    def new_structure(self, initial):
        self.script = Script()
        self.uf = self.script.new("uf", solution().UnionFind, initial)
        self.model = {x: frozenset([x]) for x in initial}

    @rule(a=elements, b=elements)
    def union(self, a, b):
        got = self.script.call(self.uf, "union", a, b)
        for x in (a, b):
            self.model.setdefault(x, frozenset([x]))
        if self.model[a] != self.model[b]:
            before = f"{_set_text(self.model[a])} and {_set_text(self.model[b])}"
            _merge(self.model, a, b)
            self.script.expect(got, True,
                    f"union({a!r}, {b!r}) returned {{got}}, but it merged two different sets, {before}: "
                    "it must return True.")
        else:
            why = f"{a!r} is always in its own set" if a == b else f"both were already in {_set_text(self.model[a])}"
            self.script.expect(got, False,
                    f"union({a!r}, {b!r}) returned {{got}}, but {why}: nothing was merged, so it must return False.")

    @rule(a=elements, b=elements)
    def representatives_agree(self, a, b):
        for x in (a, b):
            if x in self.model:
                _check_representatives(self.script, self.uf, self.model, x)
            else:
                self.unknown_find(x)

    @rule(a=elements, b=elements)
    def connected(self, a, b):
        if a in self.model and b in self.model:
            expected = self.model[a] == self.model[b]
            if a == b:
                why = f"every element is connected to itself ({a!r} is in {_set_text(self.model[a])})"
            elif expected:
                why = f"both are in {_set_text(self.model[a])}"
            else:
                why = f"{a!r} is in {_set_text(self.model[a])} and {b!r} in {_set_text(self.model[b])}"
            self.script.expect(self.script.call(self.uf, "connected", a, b), expected,
                    f"connected({a!r}, {b!r}) returned {{got}}, expected {{expected}}: {why}.")
        else:
            self.unknown_connected(a, b)

    # Unknown elements are level 2: the level-1 machine does not ask about them.
    def unknown_find(self, x):
        pass

    def unknown_connected(self, a, b):
        pass


class UnionFindCountsMatchModel(UnionFindMatchesModel):
    """The same model, now with add, size, membership, the counts, and questions about unknown elements."""

    @rule(x=elements)
    def add(self, x):
        self.script.call(self.uf, "add", x)
        self.model.setdefault(x, frozenset([x]))

    @rule(x=elements)
    def size(self, x):
        if x in self.model:
            self.script.expect(self.script.call(self.uf, "size", x), len(self.model[x]),
                    f"size({x!r}) returned {{got}}, but the set of {x!r} is {_set_text(self.model[x])}: "
                    "size counts the whole set.")
        else:
            _expect_key_error(self.script, self.uf, "size", x,
                              f"size({x!r}) must raise KeyError: {x!r} was never added.")

    @rule(x=elements)
    def contains(self, x):
        self.script.expect(self.script.contains(self.uf, x), x in self.model,
                f"`{x!r} in uf` gave {{got}}; expected {{expected}} from the elements added so far.")

    def unknown_find(self, x):
        _expect_key_error(self.script, self.uf, "find", x,
                          f"find({x!r}) must raise KeyError: {x!r} was never added, and find does not add.")

    def unknown_connected(self, a, b):
        self.script.expect(self.script.call(self.uf, "connected", a, b), False,
                f"connected({a!r}, {b!r}) returned {{got}}; an element that was never added is "
                "connected to nothing, so it must return False.")

    @invariant()
    def counts_match(self):
        sets = len(set(self.model.values()))
        with self.script.quietly():
            self.script.expect(self.script.attr(self.uf, "components"), sets,
                    f"uf.components is {{got}}, but the elements form {sets} set{'s' * (sets != 1)}: "
                    f"{', '.join(sorted(map(_set_text, set(self.model.values())))) or 'none yet'}.")
            self.script.expect(self.script.len(self.uf), len(self.model),
                    "len(uf) is {got}, but {expected} elements were added (by the constructor, add or union).")


# ---------------------------------------------------------------------------------------------- level 1


@scored(points=25, level=1)
def test_union_find_agrees_with_a_model_under_random_operations():
    run_state_machine_as_test(UnionFindMatchesModel, settings=STATEFUL_SETTINGS)


# Where the inputs that matter are few, the tests below try all of them instead of sampling.


@scored(points=8, level=1)
def test_union_returns_true_only_when_it_merges():
    steps = [
        ((1, 2), True, "1 and 2 were in sets of their own"),
        ((2, 1), False, "1 and 2 are already in one set"),
        ((1, 2), False, "1 and 2 are already in one set"),
        ((3, 3), False, "an element is always in its own set: union(3, 3) only adds 3"),
        ((2, 3), True, "3 was in a set of its own"),
        ((3, 1), False, "1, 2 and 3 are already in one set"),
        ((4, 5), True, "4 and 5 were unknown, so each started in a set of its own"),
        ((5, 1), True, "{4, 5} and {1, 2, 3} were different sets"),
        ((4, 2), False, "everything is already in one set"),
    ]
    script = Script()
    uf = script.new("uf", solution().UnionFind)
    for (a, b), expected, why in steps:
        script.expect(script.call(uf, "union", a, b), expected,
                f"union({a}, {b}) returned {{got}}, expected {{expected}}: {why}. union returns True "
                "exactly when it merges two different sets.")


@scored(points=8, level=1)
def test_connected_follows_chains_of_unions():
    orders = [[(0, 1), (2, 3), (1, 3)], [(1, 0), (3, 2), (3, 1)], [(0, 1), (1, 2), (2, 3)],
              [(3, 2), (2, 1), (1, 0)], [(0, 1), (2, 3), (0, 2), (4, 3)]]
    for order in orders:
        script = Script()
        uf = script.new("uf", solution().UnionFind, range(6))
        model = {x: frozenset([x]) for x in range(6)}
        for a, b in order:
            script.call(uf, "union", a, b)
            joined = [(x, y) for x in sorted(model[a]) for y in sorted(model[b])]
            _merge(model, a, b)
            # Every pair across the two merged sets is connected now, not only a and b.
            for x, y in joined:
                script.expect(script.call(uf, "connected", x, y), True,
                        f"connected({x}, {y}) returned {{got}} after union({a}, {b}) joined {_set_text(model[a])} "
                        "into one set. Connection is transitive: union links the two ROOTS (find(a) and find(b)), "
                        "not a and b themselves, so nothing already linked is cut off.")
        for x in range(6):
            for y in range(6):
                if model[x] != model[y]:
                    script.expect(script.call(uf, "connected", x, y), False,
                            f"connected({x}, {y}) returned {{got}}, but {x} and {y} were never joined by a chain of "
                            f"unions: the sets are {', '.join(sorted(map(_set_text, set(model.values()))))}.")


@scored(points=6, level=1)
def test_find_returns_an_element_of_the_same_component():
    names = ["ann", "bob", "cy", "dee", "eve"]
    script = Script()
    uf = script.new("uf", solution().UnionFind, names)
    model = {x: frozenset([x]) for x in names}
    for x in names:
        _check_representatives(script, uf, model, x)
    for a, b in [("ann", "bob"), ("dee", "cy"), ("bob", "cy"), ("eve", "ann")]:
        script.call(uf, "union", a, b)
        _merge(model, a, b)
        for x in names:
            _check_representatives(script, uf, model, x)


# ---------------------------------------------------------------------------------------------- level 2


@scored(points=15, level=2)
def test_sizes_counts_and_unknown_elements_agree_with_a_model():
    run_state_machine_as_test(UnionFindCountsMatchModel, settings=STATEFUL_SETTINGS)


@scored(points=4, level=2)
def test_components_count_only_real_merges():
    steps = [
        ((0, 1), 3, "it merged two sets"),
        ((1, 0), 3, "0 and 1 were already connected, so nothing merged"),
        ((0, 0), 3, "nothing merged"),
        ((2, 3), 2, "it merged two sets"),
        ((0, 3), 1, "it merged two sets"),
        ((1, 2), 1, "everything was already connected, so nothing merged"),
        ((4, 5), 2, "4 and 5 were new: adding them made two sets, merging them one"),
        ((6, 6), 3, "6 was new: it is a set of its own"),
    ]
    script = Script()
    uf = script.new("uf", solution().UnionFind, range(4))
    script.expect(script.attr(uf, "components"), 4, "uf.components is {got} for 4 separate elements, expected 4.")
    for (a, b), expected, why in steps:
        script.call(uf, "union", a, b)
        script.expect(script.attr(uf, "components"), expected,
                f"uf.components is {{got}} after union({a}, {b}), expected {{expected}}: {why}. The count "
                "goes up by one per new element and down by one per union that returns True, and only then.")


@scored(points=4, level=2)
def test_size_is_the_size_of_the_whole_component():
    script = Script()
    uf = script.new("uf", solution().UnionFind, range(6))
    model = {x: frozenset([x]) for x in range(6)}
    for a, b in [(0, 1), (2, 3), (1, 3), (4, 0), (5, 5)]:
        script.call(uf, "union", a, b)
        _merge(model, a, b)
        for x in range(6):
            script.expect(script.call(uf, "size", x), len(model[x]),
                    f"size({x}) returned {{got}}, but the set of {x} is {_set_text(model[x])}, of size {{expected}}. "
                    "Keep the size on the root: add the two sizes together on each union, and read it "
                    "through find(x), since x itself may no longer be a root.")


@scored(points=3, level=2)
def test_len_counts_elements_not_components():
    script = Script()
    uf = script.new("uf", solution().UnionFind)
    expected = 0
    for verb, args, added in [("union", (0, 1), 2), ("union", (2, 3), 2), ("union", (1, 2), 0),
                              ("add", (7,), 1), ("add", (7,), 0), ("union", (8, 8), 1)]:
        script.call(uf, verb, *args)
        expected += added
        script.expect(script.len(uf), expected,
                "len(uf) is {got}, expected {expected}: len counts the elements, whatever sets they are in "
                "(uf.components counts the sets).")


@scored(points=3, level=2)
def test_find_and_size_of_an_unknown_element_raise_key_error():
    script = Script()
    uf = script.new("uf", solution().UnionFind, ["a"])
    script.call(uf, "union", "b", "c")
    for unknown in ("z", None, ("a",)):
        for method in ("find", "size"):
            _expect_key_error(script, uf, method, unknown,
                              f"{method}({unknown!r}) must raise KeyError: {unknown!r} was never added "
                              f"(only union and add add elements; {method} never does).")
    script.expect(script.len(uf), 3, "len(uf) is {got} after looking up unknown elements; expected {expected}: "
            "a failed lookup adds nothing.")


@scored(points=3, level=2)
def test_connected_on_unknown_elements_is_false_and_adds_nothing():
    script = Script()
    uf = script.new("uf", solution().UnionFind, ["a", "b"])
    script.call(uf, "union", "a", "b")
    for a, b in [("a", "z"), ("z", "a"), ("z", "y"), ("z", "z")]:
        script.expect(script.call(uf, "connected", a, b), False,
                f"connected({a!r}, {b!r}) returned {{got}}: an element that was never added is connected "
                "to nothing, not even to itself, so the answer is False (and no KeyError).")
    if script.contains(uf, "z"):
        script.fail("`'z' in uf` is True, but 'z' was only asked about in connected(): asking must not add it.",
                    show_got=False)
    script.expect(script.len(uf), 2, "len(uf) is {got}, expected {expected}: connected() must not add elements.")
    script.expect(script.attr(uf, "components"), 1,
            "uf.components is {got}, expected {expected}: connected() must not add elements.")


@scored(points=3, level=2)
def test_adding_an_existing_element_keeps_its_component():
    script = Script()
    uf = script.new("uf", solution().UnionFind)
    script.call(uf, "union", 1, 2)
    script.call(uf, "union", 2, 3)
    script.call(uf, "union", 4, 4)
    # 1, 2 and 3 are all re-added: whichever of them is the root, a root and two non-roots get re-added.
    for x in (2, 1, 3, 4):
        script.call(uf, "add", x)
        for a, b in [(1, 2), (2, 3), (1, 3)]:
            script.expect(script.call(uf, "connected", a, b), True,
                    f"connected({a}, {b}) returned {{got}} after add({x}): adding an element that is already "
                    "present must do nothing, but it reset the element to a set of its own.")
        script.expect(script.call(uf, "size", 1), 3, f"size(1) is {{got}} after add({x}), expected {{expected}}: "
                "adding an element that is already present must do nothing.")
        script.expect(script.attr(uf, "components"), 2,
                f"uf.components is {{got}} after add({x}), expected {{expected}} ({{1, 2, 3}} and {{4}}): "
                "adding an element that is already present must do nothing.")
        script.expect(script.len(uf), 4, f"len(uf) is {{got}} after add({x}), expected {{expected}}.")


class _Once:
    """An iterator over a list that shows itself as iter([...]), so the script line reads as Python."""

    def __init__(self, items):
        self._items = list(items)
        self._it = iter(self._items)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)

    def __repr__(self):
        return f"iter({self._items!r})"


@scored(points=3, level=2)
def test_the_constructor_takes_the_initial_elements():
    cases = [((), [], "no argument"), ((["a", "b", "c"],), ["a", "b", "c"], "a list"),
             ((_Once(["a", "b", "c"]),), ["a", "b", "c"], "an iterator"), ((range(3),), [0, 1, 2], "a range"),
             ((["a", "b", "a"],), ["a", "b"], "a list with a repeat")]
    for args, expected, kind in cases:
        script = Script()
        uf = script.new("uf", solution().UnionFind, *args)
        try:
            _check_fresh_structure(script, uf, expected, f"built from {kind}")
        except UserCodeRaised as exc:
            if kind != "an iterator" or isinstance(exc.original, NotImplementedError):
                raise
            raise PropertyFailed(f"{exc.message}, on a UnionFind built from an iterator. An iterator can be gone "
                                 "over only once: make a single pass over elements in the constructor, adding each.",
                                 exc.script, exc.replay) from None


def _check_fresh_structure(script: Script, uf, expected: list, how: str) -> None:
    script.expect(script.len(uf), len(expected),
            f"len(uf) is {{got}} for a UnionFind {how}, expected {{expected}}: each distinct element "
            "given to the constructor is added (go over the argument once: it may be an iterator).")
    script.expect(script.attr(uf, "components"), len(expected),
            f"uf.components is {{got}} for a UnionFind {how}, expected {{expected}}: each distinct "
            "element starts in a set of its own.")
    for x in expected:
        script.expect(script.contains(uf, x), True, f"`{x!r} in uf` gave {{got}} for a UnionFind {how}.")
        script.expect(script.call(uf, "find", x), x,
                f"find({x!r}) returned {{got}}; {x!r} is alone in its set, so it is its own representative.")
        script.expect(script.call(uf, "size", x), 1, f"size({x!r}) returned {{got}}; {x!r} is alone in its set.")


hashables = (st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, width=16)
             | st.text("aé", max_size=2) | st.tuples(st.integers(0, 2)) | st.frozensets(st.integers(0, 2), max_size=2))


@scored(points=3, level=2)
@settings(SETTINGS, max_examples=30)
@given(stored=st.lists(hashables, min_size=1, max_size=6, unique=True))
def test_any_hashable_element_works(stored):
    script = Script()
    try:
        _union_pairs_of_any_hashables(script, stored)
    except UserCodeRaised as exc:
        if isinstance(exc.original, NotImplementedError):
            raise
        raise PropertyFailed(f"{exc.message}. Elements may be any hashable value, None, False, 0.0, tuples and "
                             "frozensets included: test membership with `x in your_dict`, not with the truth of "
                             "`your_dict.get(x)`.", exc.script, exc.replay) from None


def _union_pairs_of_any_hashables(script: Script, stored: list) -> None:
    uf = script.new("uf", solution().UnionFind)
    model = {}
    # Pairs (0, 1), (2, 3), ... are merged, then (1, 2) so that one set spans more than two elements.
    pairs = [(i, i + 1) for i in range(0, len(stored) - 1, 2)] + ([(1, 2)] if len(stored) > 2 else [])
    if len(stored) % 2:
        script.call(uf, "add", stored[-1])
        model[stored[-1]] = frozenset([stored[-1]])
    for i, j in pairs:
        a, b = stored[i], stored[j]
        script.call(uf, "union", a, b)
        for x in (a, b):
            model.setdefault(x, frozenset([x]))
        _merge(model, a, b)
    for x in stored:
        _check_representatives(script, uf, model, x)
        script.expect(script.call(uf, "size", x), len(model[x]),
                f"size({x!r}) returned {{got}}, but the set of {x!r} is {_set_text(model[x])}: elements may be "
                "any hashable value, None, tuples and frozensets included.")
    script.expect(script.len(uf), len(stored), "len(uf) is {got}, expected {expected}: elements may be any "
                                                 "hashable value, None, tuples and frozensets included.")


# ---------------------------------------------------------------------------------------------- level 3

DEPTH = 7_000
CHAIN_A = f"for i in range({DEPTH}): uf.union(i, i + 1)"
CHAIN_B = f"for i in range({DEPTH + 1}, {2 * DEPTH + 1}): uf.union(i + 1, i)"
RECURSION_HINT = (
    "find recursed once per level of a tree thousands of levels deep and overflowed Python's stack "
    "(RecursionError). Linking one root under the other in a fixed direction turns these unions into a chain. "
    "Write find as loops (walk up to the root, then walk the path again pointing each node at the root), "
    "or keep every tree shallow with union by size or rank (then depth stays below log2(n))."
)


def _build_chains(uf) -> None:
    # A root linked under the other in a fixed direction degenerates on one of these two orders.
    union = uf.union
    for i in range(DEPTH):
        union(i, i + 1)
    for i in range(DEPTH + 1, 2 * DEPTH + 1):
        union(i + 1, i)


@scored(points=4, level=3, timeout=10)
def test_find_copes_with_a_chain_thousands_deep():
    script = Script()
    try:
        uf = script.new("uf", solution().UnionFind)
        script.run("for", _build_chains, uf, shown=f"{CHAIN_A}\n{CHAIN_B}")
        for first, last in [(0, DEPTH), (DEPTH + 1, 2 * DEPTH + 1)]:
            rep = script.call(uf, "find", first)
            if not (type(rep) is int and first <= rep <= last):
                script.fail(f"find({first}) returned {_show(rep)}; its set is every integer from {first} to {last}, "
                            "and the representative must be one of them.", got=rep)
            script.expect(script.call(uf, "find", last), rep,
                    f"find({last}) returned {{got}} but find({first}) returned {{expected}}: the unions chained "
                    f"{first}..{last} into one set.")
            script.expect(script.call(uf, "size", first), DEPTH + 1,
                    f"size({first}) returned {{got}}; the unions chained {first}..{last} into one set of "
                    f"{DEPTH + 1}.")
        script.expect(script.call(uf, "connected", 0, 2 * DEPTH + 1), False,
                f"connected(0, {2 * DEPTH + 1}) returned {{got}}: the two chains were never joined.")
        script.expect(script.attr(uf, "components"), 2, "uf.components is {got}, expected {expected} (two chains).")
    except UserCodeRaised as exc:
        if isinstance(exc.original, RecursionError):
            raise PropertyFailed(RECURSION_HINT, exc.script, exc.replay) from None
        raise


ROUNDS = 5_000


def _adversarial_workload(cls):
    def run():
        uf = cls()
        _build_chains(uf)
        find = uf.find
        for _ in range(ROUNDS):
            find(0)
            find(DEPTH + 1)

    return run


def _recursion_explained(run):
    def guarded():
        try:
            run()
        except RecursionError:
            replay = f"uf = UnionFind()\n{CHAIN_A}\n{CHAIN_B}\nuf.find(0)  # raises RecursionError"
            raise PropertyFailed(RECURSION_HINT, replay) from None

    return guarded


@scored(points=8, level=3, timeout=30)
def test_operations_stay_near_constant_time_on_adversarial_unions():
    assert_as_fast_as_reference(
        _recursion_explained(_adversarial_workload(solution().UnionFind)),
        _adversarial_workload(reference().UnionFind), limit=10,
        workload=f"two chains of {DEPTH:,} unions each, then {2 * ROUNDS:,} finds on their deepest elements",
        hint="Some call does work in proportion to the size of a set: usually find walking a chain thousands deep "
        "again and again (or union relabelling every element of a set). Two tricks keep trees flat, and either "
        "one fixes this: path compression (after a find, point every node on the path straight at the root) and "
        "union by size or rank (always hang the smaller tree under the larger root). Together they give "
        "near-constant amortized time.",
    )


# For `grade compare`: workloads timed on the user's module and the reference's, side by side.
BENCHMARKS = {
    f"two {DEPTH:,}-long chains of unions, then {2 * ROUNDS:,} deep finds":
        lambda module: _adversarial_workload(module.UnionFind),
}
