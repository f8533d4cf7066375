"""Hidden tests for the tree_codec kata.

The format is the learner's choice, so no test reads it. Level 1 checks round trips, level 2 sizes
and times them, and level 3 feeds deserialize strings made from the learner's own encodings (cut
short, extended, with a value spelled wrong) plus arbitrary text, and accepts exactly two outcomes:
ValueError, or a tree that serializes back to that very string.

Expected trees are `Spec` objects (the grader's own nodes) and the learner's trees are only ever
walked with explicit stacks: never `==` or `repr` on a TreeNode, whose dataclass methods recurse and
would overflow on the 100,000-deep chains. A tree that a counterexample must rebuild is shown as
Python: nested `TreeNode(...)` when it is small, else the loop that builds it.
"""

from __future__ import annotations

import gc
import re
import string
import sys
from typing import Any, Callable, Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from grader.harness import (
    SETTINGS, PropertyFailed, Script, UserCodeRaised, assert_as_fast_as_reference, reference, scored,
    short, solution,
)

# Taken when the suite is imported, before the learner's file is: level 2 checks nobody raised it.
RECURSION_LIMIT_AT_START = sys.getrecursionlimit()
# Hypothesis lifts the limit by about 2,000 while a @given test runs (and restores it after); a limit
# this far above the start is the learner's doing, and still far too low to recurse 100,000 deep.
RECURSION_LIMIT_SLACK = 10_000
DEPTH = 100_000
SHOWN_NODES = 15  # a tree is written as nested TreeNode(...) up to this size


# ---------------------------------------------------------------------------------------------- expected trees


class Spec:
    """A node of an expected tree: the grader's own, so walking it never runs the learner's code."""

    __slots__ = ("val", "left", "right")

    def __init__(self, val: int, left: Spec | None = None, right: Spec | None = None) -> None:
        self.val = val
        self.left = left
        self.right = right


def spec(tree: tuple | None) -> Spec | None:
    """(val, left, right) tuples, or None, as Spec nodes (small trees only: it recurses)."""
    if tree is None:
        return None
    val, left, right = tree
    return Spec(val, spec(left), spec(right))


def nodes_of(root: Any) -> Iterator[Any]:
    stack = [root]
    while stack:
        node = stack.pop()
        if node is not None:
            yield node
            stack.append(node.right)
            stack.append(node.left)


def size(root: Spec | None) -> int:
    return sum(1 for _ in nodes_of(root))


def build(expected: Spec | None) -> Any:
    """The same tree made of the learner's TreeNode, built without recursion."""
    make = solution().TreeNode
    if expected is None:
        return None
    root = make(expected.val)
    stack = [(root, expected)]
    while stack:
        node, model = stack.pop()
        if model.left is not None:
            node.left = make(model.left.val)
            stack.append((node.left, model.left))
        if model.right is not None:
            node.right = make(model.right.val)
            stack.append((node.right, model.right))
    return root


def int_text(value: int) -> str:
    """An int as a reader would write it: 2**63 - 1 rather than 9223372036854775807."""
    for power in (63, 53):
        for offset, suffix in ((-1, " - 1"), (0, ""), (1, " + 1")):
            text = f"2**{power}{suffix}"
            if value == 2**power + offset:
                return text
            if value == -(2**power + offset):
                return f"-{text}" if offset == 0 else f"-({text})"
    return repr(value)


def python(root: Spec | None) -> str:
    """Nested TreeNode(...) Python that rebuilds a small tree."""
    if root is None:
        return "None"
    args = [int_text(root.val)]
    if root.left is not None:
        args.append(python(root.left))
    if root.right is not None:
        args.append(("None, " if root.left is None else "") + python(root.right))
    return f"TreeNode({', '.join(args)})"


class Case:
    """An expected tree and the Python that builds it, as the counterexample shows it (assigning `t`)."""

    _UNBUILT = object()

    def __init__(self, code: str, title: str, *, expected: Any = _UNBUILT,
                 matches: Callable[[Any], bool] | None = None) -> None:
        self.code = code
        self.title = title
        self._expected = expected
        self.runs_code = expected is Case._UNBUILT
        self.matches = matches  # a fast check for big trees; the full walk then runs only to explain a failure

    @staticmethod
    def of(tree: tuple | None) -> Case:
        """A small tree given as (val, left, right) tuples."""
        expected = spec(tree)
        n = size(expected)
        code = f"t = {python(expected)}" if n <= SHOWN_NODES else f"t = ...  # a tree of {n} nodes, too big to show"
        title = {0: "the empty tree", 1: "a single node"}.get(n, f"a tree of {n} nodes")
        return Case(code, title, expected=expected)

    @property
    def expected(self) -> Spec | None:
        if self._expected is Case._UNBUILT:
            self._expected = run_builder(self.code, Spec)  # the code shown, run on the grader's own nodes
        return self._expected

    def make(self) -> Any:
        return run_builder(self.code, solution().TreeNode) if self.runs_code else build(self.expected)

    def difference(self, actual: Any) -> tuple[str, str] | None:
        if self.matches is not None and self.matches(actual):
            return None
        return first_difference(self.expected, actual)


def run_builder(code: str, make: Callable) -> Any:
    """Run the tree-building code shown in a counterexample, inside a function (fast locals)."""
    body = "\n".join("    " + line for line in code.splitlines())
    namespace: dict = {"TreeNode": make}
    exec(f"def _build():\n{body}\n    return t\n", namespace)
    return namespace["_build"]()


def chain_code(n: int, side: str) -> str:
    link = "t" if side == "left" else "None, t"
    return f"t = None\nfor i in range({n:_}):\n    t = TreeNode(i % 10, {link})"


def complete_code(n: int) -> str:
    return (f"nodes = [TreeNode(i % 10) for i in range({n:_})]\n"
            f"for i in range({n // 2:_}):\n    nodes[i].left, nodes[i].right = nodes[2 * i + 1], nodes[2 * i + 2]\n"
            "t = nodes[0]")


def zigzag_code(n: int) -> str:
    return (f"t = node = TreeNode(0)\nfor i in range(1, {n:_}):\n    child = TreeNode(i % 10)\n"
            "    if i % 2:\n        node.left = child\n    else:\n        node.right = child\n    node = child")


def is_chain(root: Any, n: int, side: str) -> bool:
    """Whether root is exactly the tree chain_code(n, side) builds: n nodes, values (n - 1 - depth) % 10."""
    tree_node, other = solution().TreeNode, "right" if side == "left" else "left"
    node = root
    for depth in range(n):
        if (not isinstance(node, tree_node) or type(getattr(node, "val", None)) is not int
                or node.val != (n - 1 - depth) % 10 or getattr(node, other, None) is not None):
            return False
        node = getattr(node, side, None)
    return node is None


def chain_left(n: int) -> Case:
    return Case(chain_code(n, "left"), f"a chain of {n:,} left children", matches=lambda t: is_chain(t, n, "left"))


def chain_right(n: int) -> Case:
    return Case(chain_code(n, "right"), f"a chain of {n:,} right children",
                matches=lambda t: is_chain(t, n, "right"))


def complete(n: int) -> Case:
    return Case(complete_code(n), f"a complete tree of {n:,} nodes")


def zigzag(n: int) -> Case:
    return Case(zigzag_code(n), f"a zigzag of {n:,} nodes")


# The shapes that decide correctness, as (val, left, right) tuples.
EMPTY = None
SINGLE = (7, None, None)
LONE_LEFT = (1, (2, None, None), None)
LONE_RIGHT = (1, None, (2, None, None))
ZIGZAG = (1, (2, None, (3, (4, None, None), None)), None)
LEFT_CHAIN = (4, (3, (2, (1, None, None), None), None), None)
RIGHT_CHAIN = (4, None, (3, None, (2, None, (1, None, None))))
COMPLETE = (1, (2, (4, None, None), (5, None, None)), (3, (6, None, None), (7, None, None)))
NEGATIVES = (-5, (-10, None, None), (0, None, (-123, None, None)))
EXTREMES = (2**63 - 1, (-(2**63), None, None), (2**53 + 1, (-(2**53 + 1), None, None), None))
SAME_VALUES = (0, (0, (0, None, None), (0, None, None)), (0, None, (0, (0, None, None), None)))
SAME_VALUES_MIRRORED = (1, (1, None, (1, None, None)), (1, (1, None, None), None))



def grow(steps: list[tuple[int, int]]) -> tuple | None:
    """A tree from (value, route) pairs: each value goes down from the root, turning left or right as the
    bits of its route say, to the first free slot. Hypothesis shrinks it to fewer nodes and leftward routes."""
    root: list | None = None
    for value, route in steps:
        if root is None:
            root = [value, None, None]
            continue
        node = root
        while True:
            side = 1 + (route & 1)
            route >>= 1
            if node[side] is None:
                node[side] = [value, None, None]
                break
            node = node[side]
    return freeze(root)


def freeze(node: list | None) -> tuple | None:
    return None if node is None else (node[0], freeze(node[1]), freeze(node[2]))


values = st.one_of(
    st.integers(-20, 20),
    st.sampled_from([2**63 - 1, -(2**63), 2**53 + 1, -(2**53 + 1), 10**18, -(10**18)]),
    st.integers(-(2**63), 2**63 - 1),
)
trees = st.lists(st.tuples(values, st.integers(0, 255)), max_size=20).map(grow)
small_trees = st.lists(st.tuples(st.integers(-20, 20), st.integers(0, 63)), max_size=8).map(grow)


# ---------------------------------------------------------------------------------------------- comparing trees


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def raised(error: BaseException, limit: int = 80) -> str:
    """'KeyError (3)': the error's type, and its text cut to `limit` characters."""
    text = str(error)
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return type(error).__name__ + (f" ({text})" if text else "")


def path_text(path: tuple) -> str:
    steps: list[str] = []
    while path:
        path, step = path
        steps.append(step)
    steps.reverse()
    if len(steps) <= 8:
        return "root" + "".join("." + s for s in steps)
    return f"root.{'.'.join(steps[:3])}. ... .{'.'.join(steps[-2:])} (depth {len(steps):,})"


def what(node: Any) -> str:
    if node is None:
        return "None"
    if isinstance(node, solution().TreeNode):
        return f"a node with val {short(getattr(node, 'val', None))}"
    return f"{short(node)} (not a TreeNode)"


def value_hint(expected: int, got: Any) -> str:
    if isinstance(got, str):
        return "Values must come back as int: convert each value with int()."
    if isinstance(got, float) or (isinstance(got, int) and got != expected and got == int(float(expected))):
        return ("The value went through a float, which holds integers exactly only up to 2**53: "
                "parse values with int(token), never float().")
    if isinstance(got, int) and expected < 0 and got == -expected:
        return "The minus sign was lost: is '-' your separator, or does your parser skip it?"
    return ""


def first_difference(expected: Spec | None, actual: Any) -> tuple[str, str] | None:
    """Where `actual` first differs from `expected`, in preorder: (what is wrong, its likely cause); else None."""
    tree_node = solution().TreeNode
    if (expected is None) != (actual is None):
        return (f"root should be None but is {what(actual)}." if expected is None
                else f"root should be a node with val {int_text(expected.val)} but is None."), ""
    stack: list[tuple[Spec, Any, tuple]] = [(expected, actual, ())] if expected is not None else []
    pop, push = stack.pop, stack.append
    while stack:
        model, node, path = pop()
        if not isinstance(node, tree_node):
            return f"{path_text(path)} should be a TreeNode with val {int_text(model.val)} but is {short(node)}.", ""
        val = getattr(node, "val", None)
        if type(val) is not int or val != model.val:
            shown = short(val) + (f" (a {type(val).__name__})" if type(val) is not int else "")
            return (f"{path_text(path)} should have val {int_text(model.val)} but has val {shown}.",
                    value_hint(model.val, val))
        left, right = getattr(node, "left", None), getattr(node, "right", None)
        mine_left, mine_right = model.left, model.right
        if (mine_left is None) != (left is None) or (mine_right is None) != (right is None):
            return shape_difference(model, left, right, path)
        if mine_right is not None:
            push((mine_right, right, (path, "right")))
        if mine_left is not None:
            push((mine_left, left, (path, "left")))
    return None


def shape_difference(model: Spec, left: Any, right: Any, path: tuple) -> tuple[str, str]:
    """The children of `model` and of the learner's node (left, right) differ in presence: say how."""
    where = path_text(path)
    for side, other, mine, theirs, their_other in (("left", "right", model.left, left, right),
                                                   ("right", "left", model.right, right, left)):
        if mine is not None and theirs is None and getattr(model, other) is None and their_other is not None:
            return (f"{where} has a lone {side} child (val {int_text(mine.val)}), but it came back as the "
                    f"{other} child.", "The encoding must say which child is missing: write a marker for "
                    "every None child, or a lone left child and a lone right child look the same.")
    for side, mine, theirs in (("left", model.left, left), ("right", model.right, right)):
        child = path_text((path, side))
        if mine is None and theirs is not None:
            return f"{child} should be None but is {what(theirs)}.", ""
        if mine is not None and theirs is None:
            return f"{child} should be a node with val {int_text(mine.val)} but is None.", ""
    raise AssertionError("the children differ in presence")


def reused_node(original: Any, expected: Spec | None, result: Any) -> str | None:
    """The path of the first node of `result` that is a node of `original`, walking only where it matches `expected`."""
    originals = {id(node) for node in nodes_of(original)}
    stack = [(expected, result, ())]
    while stack:
        model, node, path = stack.pop()
        if model is None or node is None:
            continue
        if id(node) in originals:
            return path_text(path)
        stack.append((model.right, getattr(node, "right", None), (path, "right")))
        stack.append((model.left, getattr(node, "left", None), (path, "left")))
    return None


# ---------------------------------------------------------------------------------------------- round trips


def serialize_case(script: Script, case: Case, *, check_input: bool = True) -> tuple[Any, str]:
    """Build the case's tree from the learner's TreeNode and serialize it: (t, data)."""
    tree = script.run("build", case.make, shown=case.code)
    data = script.run("serialize", solution().serialize, tree, shown="data = serialize(t)")
    if type(data) is not str:
        script.fail(f"serialize(t) returned {{got}}, a {type(data).__name__}: it must return a str.", got=data)
    script.note(short(data))
    changed = case.difference(tree) if check_input else None
    if changed:
        script.fail(f"serialize(t) changed t ({case.title}): afterwards {changed[0]} serialize must leave the tree "
                    "as it found it.", show_got=False)
    return tree, data


def round_trip(script: Script, case: Case, *, new_nodes: bool = False, check_input: bool = True,
               known_cause: str = "") -> None:
    """deserialize(serialize(t)) must be t again: same shape, same int values (and new nodes, if asked).

    `known_cause` replaces the explanation of a difference, when the test knows better.
    """
    tree, data = serialize_case(script, case, check_input=check_input)
    try:
        back = script.run("deserialize", solution().deserialize, data, shown="back = deserialize(data)")
    except UserCodeRaised as exc:
        if isinstance(exc.original, (NotImplementedError, RecursionError)):
            raise
        raise PropertyFailed(f"deserialize(data) raised {raised(exc.original)}, but data is what serialize(t) "
                             f"returned for {case.title}: deserialize must accept every string serialize produces.",
                             exc.script) from None
    difference = case.difference(back)
    if difference:
        wrong, cause = difference
        cause = known_cause or cause
        replay = ""
        if not case.runs_code and size(case.expected) <= SHOWN_NODES:
            replay = f"from tree_codec import TreeNode, deserialize, serialize\n{case.code}\n" \
                     "assert deserialize(serialize(t)) == t"
        raise PropertyFailed(f"deserialize(serialize(t)) is not a copy of t ({case.title}): {wrong} {cause}".rstrip(),
                             script.render(), replay)
    if new_nodes:
        reused = reused_node(tree, case.expected, back)
        if reused:
            script.fail(f"deserialize(serialize(t)) reuses the node of t at {reused}: the result must be made of "
                        "new TreeNode objects, built from the string alone. Does deserialize keep the trees "
                        "serialize saw (a cache, a module-level dict)?", show_got=False)


# ---------------------------------------------------------------------------------------------- level 1


@scored(points=12, level=1)
@settings(SETTINGS, max_examples=20)
@given(tree=trees)
@example(tree=EMPTY)
@example(tree=SINGLE)
@example(tree=LONE_LEFT)
@example(tree=LONE_RIGHT)
@example(tree=ZIGZAG)
@example(tree=COMPLETE)
@example(tree=NEGATIVES)
@example(tree=EXTREMES)
@example(tree=SAME_VALUES)
@example(tree=SAME_VALUES_MIRRORED)
def test_any_tree_survives_a_round_trip(tree):
    round_trip(Script(), Case.of(tree), new_nodes=True)


@scored(points=4, level=1)
def test_the_empty_tree_and_a_single_node_round_trip():
    for tree in (EMPTY, (0, None, None), SINGLE, (-1, None, None)):
        round_trip(Script(), Case.of(tree))


@scored(points=6, level=1)
def test_negative_and_64_bit_values_come_back_exactly():
    singles = [(v, None, None) for v in (-1, -7, -10, -123, 2**63 - 1, -(2**63), 2**53 + 1, -(2**53 + 1),
                                         10**18 + 1)]
    for tree in [*singles, NEGATIVES, EXTREMES]:
        round_trip(Script(), Case.of(tree))


@scored(points=6, level=1)
def test_a_lone_child_stays_on_its_side():
    shapes = [LONE_LEFT, LONE_RIGHT, ZIGZAG, (1, None, (2, (3, None, None), None)), LEFT_CHAIN, RIGHT_CHAIN,
              (1, (2, None, (3, None, None)), (4, (5, None, None), None)), COMPLETE]
    for tree in shapes:
        round_trip(Script(), Case.of(tree))


REPEATED_VALUES = ("The same shape with distinct values comes back right, so the repeated values are the problem. "
                   "Values do not identify nodes: a format that finds a node by its value (preorder plus "
                   "inorder, a dict from value to node) cannot rebuild such a tree.")


def numbered(tree: tuple | None, start: int = 1) -> tuple | None:
    """The same shape with the values 1, 2, 3... in preorder (small trees only: it recurses)."""
    if tree is None:
        return None
    left = numbered(tree[1], start + 1)
    return start, left, numbered(tree[2], start + 1 + size(spec(tree[1])))


@scored(points=6, level=1)
def test_duplicate_values_keep_their_places():
    shapes = [(5, (5, None, None), None), (5, None, (5, None, None)), SAME_VALUES, SAME_VALUES_MIRRORED,
              (2, (1, (2, None, None), None), (1, None, (2, None, None)))]
    for tree in shapes:
        round_trip(Script(), Case.of(numbered(tree)))
        round_trip(Script(), Case.of(tree), known_cause=REPEATED_VALUES)


@scored(points=6, level=1)
def test_deserialize_builds_new_nodes():
    for tree in (SINGLE, LONE_RIGHT, COMPLETE, ZIGZAG):
        round_trip(Script(), Case.of(tree), new_nodes=True)


# ---------------------------------------------------------------------------------------------- level 2


def recursion_hint(call: str, title: str) -> str:
    return (f"{call} raised RecursionError on {title}. Python allows about 1,000 nested calls, so a "
            "function that calls itself once per level cannot walk this tree. Use an explicit stack instead: "
            "a list you push to and pop from (serialize: pop a node, write it, push its children; deserialize: "
            "a stack of the nodes whose children are still to come).")


def check_recursion_limit(script: Script) -> None:
    limit = sys.getrecursionlimit()
    if limit > RECURSION_LIMIT_AT_START + RECURSION_LIMIT_SLACK:
        script.fail(f"sys.getrecursionlimit() is {limit:,}: your code raised Python's recursion limit (it was "
                    f"{RECURSION_LIMIT_AT_START:,} when grading started). Raising it only postpones the crash, and "
                    "can take the whole process down with a C stack overflow: walk the tree with an explicit "
                    "stack, and leave the limit alone.", show_got=False)


def deep_round_trip(case: Case) -> None:
    """A round trip of a 100,000-deep chain: RecursionError gets an explanation, a raised recursion limit fails."""
    # Trees are freed by reference counting; the cyclic collector would only rescan 100,000 live nodes
    # again and again while they are built. (Level 1 checks that serialize leaves its input alone.)
    collecting = gc.isenabled()
    gc.disable()
    script = Script()
    try:
        check_recursion_limit(script)
        round_trip(script, case, check_input=False)
        check_recursion_limit(script)
    except UserCodeRaised as exc:
        if isinstance(exc.original, RecursionError):
            call = "deserialize(data)" if "deserialize(" in exc.call else "serialize(t)"
            raise PropertyFailed(recursion_hint(call, case.title), exc.script) from None
        raise
    finally:
        if collecting:
            gc.enable()


@scored(points=7, level=2, timeout=10)
def test_a_chain_of_100000_left_children_round_trips_without_recursion():
    deep_round_trip(chain_left(DEPTH))


@scored(points=7, level=2, timeout=10)
def test_a_chain_of_100000_right_children_round_trips_without_recursion():
    deep_round_trip(chain_right(DEPTH))


LENGTH_FACTOR = 8


def preorder_length(root: Spec | None) -> int:
    """len() of the README's example format: values and '#' markers, comma-separated, in preorder."""
    nodes = list(nodes_of(root))
    return sum(len(str(node.val)) for node in nodes) + (len(nodes) + 1) + 2 * len(nodes)


@scored(points=6, level=2)
def test_the_encoding_grows_linearly_with_the_tree():
    # Smallest first, so a format that doubles with each level fails on 16 nodes, not on 1,000.
    cases = [chain_left(16), chain_right(16), zigzag(16), complete(31), chain_left(1_000), chain_right(1_000),
             zigzag(1_000), complete(1_023)]
    for case in cases:
        script = Script()
        _, data = serialize_case(script, case)
        n = size(case.expected)
        bound = LENGTH_FACTOR * preorder_length(case.expected)
        if len(data) > bound:
            script.fail(f"serialize(t) returned {len(data):,} characters for {case.title} with values 0-9; for "
                        f"n = {n:,} nodes the limit is 32n + 8 = {bound:,}, 8 times the preorder format with '#' "
                        "markers. The encoding must grow linearly with the number of nodes: writing each node's "
                        "position (a heap index, a path from the root) grows with its depth, and padding the "
                        "missing positions of each level doubles with every level.", show_got=False)


SPEED_TREES = [complete_code(4_095), chain_code(1_000, "left"), chain_code(1_000, "right"), zigzag_code(1_000)]


def round_trips(module: Any) -> Callable[[], None]:
    trees = [run_builder(code, module.TreeNode) for code in SPEED_TREES]
    serialize, deserialize = module.serialize, module.deserialize

    def run() -> None:
        for tree in trees:
            deserialize(serialize(tree))

    return run


def explained(run: Callable[[], None]) -> Callable[[], None]:
    def guarded() -> None:
        try:
            run()
        except NotImplementedError:
            raise
        except RecursionError:
            raise PropertyFailed(recursion_hint("serialize or deserialize", "a chain of 1,000 nodes")) from None
        except Exception as exc:
            raise PropertyFailed(f"A round trip of the timed trees (a complete tree of 4,095 nodes, chains of "
                                 f"1,000 and a zigzag) raised {type(exc).__name__}: {short(str(exc), 80)}") from None

    return guarded


@scored(points=10, level=2, timeout=30)
def test_serialize_and_deserialize_take_linear_time():
    assert_as_fast_as_reference(
        explained(round_trips(solution())), round_trips(reference()), limit=10,
        workload="round trips of a complete tree of 4,095 nodes, chains of 1,000 left and 1,000 right children, "
        "and a zigzag of 1,000 nodes",
        hint="Some step does work in proportion to the tree (or the string) for every node: recounting or "
        "re-walking a subtree per node, searching a list for the next parent, or rescanning the input. "
        "Each node should be written once and read once.",
    )


# ---------------------------------------------------------------------------------------------- level 3


@scored(points=4, level=3)
@settings(SETTINGS, max_examples=10)
@given(tree=trees)
@example(tree=EMPTY)
@example(tree=COMPLETE)
@example(tree=EXTREMES)
def test_serialize_is_deterministic(tree):
    case = Case.of(tree)
    script = Script()
    tree, first = serialize_case(script, case)
    again = script.run("serialize", solution().serialize, tree, shown="serialize(t)")
    script.note(short(again))
    if again != first:
        script.fail(f"Serializing the same tree twice gave {short(first)}, then {short(again)}: serialize must "
                    "depend only on the tree, not on anything that changes between calls (a counter, a cache, "
                    "the time, randomness).", show_got=False)
    rebuilt = script.run("build", case.make, shown=case.code)
    script.note("the same tree, built again")
    other = script.run("serialize", solution().serialize, rebuilt, shown="serialize(t)")
    script.note(short(other))
    if other != first:
        script.fail(f"Two equal trees built separately serialize to {short(first)} and {short(other)}: serialize "
                    "must depend only on the values and the shape, never on the node objects themselves (their "
                    "id(), their order in memory, a set of nodes).", show_got=False)


@scored(points=4, level=3)
@settings(SETTINGS, max_examples=10)
@given(tree=trees)
@example(tree=EMPTY)
@example(tree=COMPLETE)
@example(tree=NEGATIVES)
@example(tree=EXTREMES)
def test_the_encoding_is_one_line_of_printable_ascii(tree):
    script = Script()
    _, data = serialize_case(script, Case.of(tree))
    bad = [c for c in data if not (c.isascii() and c.isprintable())]
    if bad:
        script.fail(f"serialize(t) returned {short(data)}, which contains {bad[0]!r}: the encoding must be one line "
                    "of printable ASCII (s.isascii() and s.isprintable()), so no newline, tab or other control or "
                    "non-ASCII character.", show_got=False)


# Each candidate: (the string, how it was made from `data`, what a wrong acceptance suggests).
TRUNCATED_CAUSE = ("It looks like deserialize fills in what is missing: when the input ends, or a piece is "
                   "missing, while the tree still has open slots, raise ValueError.")
EXTRA_CAUSE = ("It looks like deserialize stops reading once it has a tree, or skips what it does not "
               "understand: after the tree is complete, anything left over is an error.")
NOT_INTEGER_CAUSE = ("Check every token: a value must be an integer exactly as serialize writes it, a marker must "
                     "be exactly your marker, and anything else is an error, not a missing child.")
SPELLING_CAUSE = ("int() accepts ' 7', '+7', '07', '7_0' and '-0', none of which str() writes: accept a value "
                  "only if str(int(token)) == token (or rebuild, serialize, and compare with the input).")
INTEGER = re.compile(r"-?[0-9]+")
JUNK = ("x", "1.5", "--1", "1e3", "nan", "inf", "None", "")


def positions(n: int, every: int = 48) -> list[int]:
    """0..n-1 for a short encoding; for a long one (a verbose format), both ends and evenly spaced points."""
    if n <= every:
        return list(range(n))
    return sorted({*range(8), *range(n - 8, n), *range(0, n, n // (every - 16))})


def truncations(data: str) -> Iterator[tuple[str, str]]:
    for k in positions(len(data)):
        yield data[:k], f"data cut after {plural(k, 'character')}"
    for length in (1, 2, 3, 4):
        for k in positions(len(data) - length):
            if k > 0:
                yield data[:k] + data[k + length:], f"data without the {plural(length, 'character')} from index {k}"


def extensions(data: str) -> Iterator[tuple[str, str]]:
    yield data + data, "data twice in a row"
    for k in range(1, min(len(data), 6) + 1):
        yield data + data[-k:], f"data with its last {plural(k, 'character')} repeated"
        yield data[:k] + data, f"data with its first {plural(k, 'character')} repeated"
    for extra in (" ", ",", "0", "1", "-", "#", "x", ";", "]", ")"):
        yield data + extra, f"data followed by {extra!r}"
        yield extra + data, f"data preceded by {extra!r}"
    step = max(1, len(data) // 6)
    for k in range(1, len(data), step):
        yield data[:k] + " " + data[k:], f"data with a space inserted at index {k}"
        yield data[:k] + data[k - 1:], f"data with the character at index {k - 1} doubled"


def integers_in(data: str) -> list[re.Match]:
    found = list(INTEGER.finditer(data))
    return found[:5] + found[-1:] if len(found) > 6 else found


def non_integers(data: str) -> Iterator[tuple[str, str]]:
    for k in positions(len(data)):
        yield data[:k] + "x" + data[k + 1:], f"data with the character at index {k} replaced by 'x'"
    for match in integers_in(data):
        for junk in JUNK:
            yield (data[:match.start()] + junk + data[match.end():],
                   f"data with its integer {match.group()!r} at index {match.start()} replaced by {junk!r}")


def respellings(data: str) -> Iterator[tuple[str, str]]:
    for match in integers_in(data):
        text = match.group()
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        variants = [f"{sign}0{digits}", f" {text}", f"{text} "]
        if not sign:
            variants.append(f"+{digits}")
        if len(digits) > 1:
            variants.append(f"{sign}{digits[0]}_{digits[1:]}")
        if text == "0":
            variants.append("-0")
        for variant in variants:
            yield (data[:match.start()] + variant + data[match.end():],
                   f"data with its integer {text!r} at index {match.start()} written as {variant!r}")


def must_reject(script: Script, m: str, made: str, cause: str) -> None:
    """deserialize(m) raises ValueError, or returns a tree that serializes back to m exactly."""
    try:
        back = script.run("deserialize", solution().deserialize, m, shown=f"back = deserialize({m!r})")
    except UserCodeRaised as exc:
        if isinstance(exc.original, ValueError):
            return
        if isinstance(exc.original, NotImplementedError):
            raise
        raise PropertyFailed(f"deserialize({short(m)}) raised {raised(exc.original)}. The input is "
                             f"{made}, which serialize never produces, and a malformed input must raise "
                             "ValueError, never another exception: check before you index, pop or convert.",
                             exc.script, replay(m)) from None
    try:
        again = script.run("serialize", solution().serialize, back, shown="serialize(back)")
    except UserCodeRaised as exc:
        if isinstance(exc.original, NotImplementedError):
            raise
        raise PropertyFailed(f"deserialize({short(m)}) returned {what(back)} instead of raising ValueError, and "
                             f"serialize cannot even encode that ({type(exc.original).__name__}). The input is "
                             f"{made}: serialize never produces it, so deserialize must raise ValueError.",
                             exc.script, replay(m)) from None
    if again != m:
        script.note(short(again))
        result = "None (the empty tree)" if back is None else "a tree"
        raise PropertyFailed(
            f"deserialize({short(m)}) returned {result} instead of raising ValueError; that tree serializes to "
            f"{short(again)}, not to the input. The input is {made}: serialize never produces it, so deserialize "
            f"must raise ValueError. {cause}", script.render(), replay(m))


def replay(m: str) -> str:
    return (f"from tree_codec import deserialize, serialize\nm = {m!r}\ntry:\n    back = deserialize(m)\n"
            "except ValueError:\n    pass  # rejected: fine\nelse:\n    assert serialize(back) == m, "
            "'deserialize accepted a string serialize cannot produce'")


def each_must_be_rejected(tree: tuple | None, candidates: Callable[[str], Iterator[tuple[str, str]]],
                          cause: str) -> None:
    case = Case.of(tree)
    tree, data = serialize_case(Script(), case)
    seen = {data}
    for m, made in candidates(data):
        if m in seen:
            continue
        seen.add(m)
        # A script of its own for each candidate, opening with the calls already made (their results
        # reused, not recomputed), so a failure shows exactly how its input was obtained.
        script = Script()
        script.run("build", lambda: tree, shown=case.code)
        script.run("serialize", lambda: data, shown="data = serialize(t)")
        script.note(short(data))
        must_reject(script, m, made.replace("data", f"the encoding of {case.title}", 1), cause)


@scored(points=6, level=3)
@settings(SETTINGS, max_examples=10)
@given(tree=small_trees)
@example(tree=EMPTY)
@example(tree=SINGLE)
@example(tree=LONE_RIGHT)
@example(tree=COMPLETE)
@example(tree=(10, (-3, None, None), None))
def test_an_encoding_cut_short_is_rejected(tree):
    each_must_be_rejected(tree, truncations, TRUNCATED_CAUSE)


@scored(points=5, level=3)
@settings(SETTINGS, max_examples=10)
@given(tree=small_trees)
@example(tree=EMPTY)
@example(tree=SINGLE)
@example(tree=LONE_LEFT)
@example(tree=COMPLETE)
def test_an_encoding_with_anything_added_is_rejected(tree):
    each_must_be_rejected(tree, extensions, EXTRA_CAUSE)


@scored(points=4, level=3)
@settings(SETTINGS, max_examples=10)
@given(tree=small_trees)
@example(tree=SINGLE)
@example(tree=LONE_RIGHT)
@example(tree=NEGATIVES)
def test_a_value_that_is_not_an_integer_is_rejected(tree):
    each_must_be_rejected(tree, non_integers, NOT_INTEGER_CAUSE)


@scored(points=3, level=3)
@settings(SETTINGS, max_examples=10)
@given(tree=small_trees)
@example(tree=SINGLE)
@example(tree=NEGATIVES)
@example(tree=(10, (0, None, None), (-25, None, None)))
def test_an_integer_written_another_way_is_rejected(tree):
    each_must_be_rejected(tree, respellings, SPELLING_CAUSE)


@scored(points=2, level=3)
def test_the_empty_string_is_rejected_unless_it_encodes_the_empty_tree():
    script = Script()
    empty = script.run("serialize", solution().serialize, None, shown="serialize(None)")
    script.note(short(empty))
    if empty == "":
        try:
            back = script.run("deserialize", solution().deserialize, "", shown="deserialize('')")
        except UserCodeRaised as exc:
            if isinstance(exc.original, NotImplementedError):
                raise
            raise PropertyFailed(f"deserialize('') raised {type(exc.original).__name__}, but serialize(None) is '': "
                                 "the empty string is how your format writes the empty tree, so deserialize('') "
                                 "must return None.", exc.script) from None
        if back is not None:
            script.fail(f"deserialize('') returned {what(back)}, but serialize(None) is '': it must return None.",
                        show_got=False)
        return
    must_reject(script, "", f"the empty string, while serialize writes the empty tree as {short(empty)}",
                "Check for the empty input before reading it as the empty tree.")


PRINTABLE = string.digits + string.ascii_letters + string.punctuation + " "


@scored(points=2, level=3)
@settings(SETTINGS, max_examples=20)
@given(text=st.text(PRINTABLE, max_size=16))
@example(text="")
@example(text=" ")
@example(text="#")
@example(text="-")
@example(text=",")
@example(text="[]")
@example(text="()")
@example(text="null")
@example(text="None")
@example(text="1,2")
@example(text="1 2 3")
def test_arbitrary_text_is_rejected_or_round_trips(text):
    must_reject(Script(), text, f"the text {short(text)}", NOT_INTEGER_CAUSE)


# For `grade compare`: workloads timed on the user's module and the reference's, side by side.
BENCHMARKS = {
    "round trips: a complete tree of 4,095 nodes, chains and a zigzag of 1,000": round_trips,
}
