"""Hidden tests for the lora kata.

Expected values come from a model of the statement (the base weight, A, B, the scaling and the merged
flag), never from the reference. Each test records its whole case as a script, the random draws included
(`rng = np.random.default_rng(seed)`, then each array in order), so a failure can be pasted and replayed.
When an output is wrong in the way a classic bug makes it wrong (alpha instead of alpha / r, the update
added again after a merge...), the message names that bug.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from grader.harness import (
    SETTINGS, STATEFUL_SETTINGS, PropertyFailed, Script, UserCodeRaised, assert_as_fast_as_reference, reference,
    run_model_test, scored, solution, verbatim,
)
from grader.harness.arrays import describe, expect_close, from_learner, to_learner, uses_torch

RTOL, ATOL = 1e-5, 1e-6
SEEDS = st.integers(0, 2**16)
FEATURES = st.integers(1, 4)
ALPHAS = st.sampled_from([0.5, 1.0, 3.0, 8.0])
LEADING = st.lists(st.integers(1, 2), max_size=2)  # x's leading dimensions: none, one or two


def replay() -> str:
    """How to run the case printed below the message (its lines wrap the arrays in tensors for a torch solution)."""
    return "Paste the case below to replay it (after `import numpy as np`" + (" and `import torch`" if uses_torch()
                                                                            else "") + ")."


def shown_array(expression: str) -> str:
    """How the script shows an array the test passes: as a tensor when the learner's file uses torch."""
    return f"torch.from_numpy({expression})" if uses_torch() else expression


def learner(value):
    """to_learner, and torch on one thread: tiny tensors on a busy machine otherwise lose milliseconds per
    operation to thread hand-offs, which would make a torch solution many times slower to grade."""
    if uses_torch():
        import torch

        if torch.get_num_threads() != 1:
            torch.set_num_threads(1)
    return to_learner(value)


def learner_rng(seed: int) -> tuple[Any, str]:
    """The generator the constructor draws A from, in the learner's flavour, and how the script shows it."""
    if uses_torch():
        import torch

        return torch.Generator().manual_seed(seed), f"torch.Generator().manual_seed({seed})"
    return np.random.default_rng(seed), f"np.random.default_rng({seed})"


def learner_parameter(array: np.ndarray):
    """An array to assign to layer.A or layer.B: a frozen nn.Parameter in torch, so an nn.Module accepts it too."""
    value = learner(array)
    if uses_torch():
        import torch

        return torch.nn.Parameter(value, requires_grad=False)
    return value


class Case:
    """A Script, plus the random draws it needs, recorded in it as the lines that draw them again."""

    def __init__(self, seed: int) -> None:
        self.script = Script()
        self.rng = np.random.default_rng(seed)
        self.line(f"rng = np.random.default_rng({seed})")

    def line(self, text: str) -> None:
        self.script.run("line", lambda: None, shown=text)

    def normal(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        self.line(f"{name} = " + shown_array(f"rng.standard_normal({tuple(shape)})"))
        return self.rng.standard_normal(tuple(shape))

    def new_layer(self, weight: np.ndarray, bias: np.ndarray | None, r: int, alpha: float, layer_seed: int = 0,
                  name: str = "layer"):
        rng, shown = learner_rng(layer_seed)
        return self.script.run("LoRALinear", solution().LoRALinear, learner(weight), learner(bias), r=r,
                               alpha=alpha, rng=rng,
                               shown=f"{name} = LoRALinear(weight, {'bias' if bias is not None else None}, r={r}, "
                                     f"alpha={alpha}, rng={shown})")

    def assign(self, layer, attribute: str, array: np.ndarray, name: str = "layer") -> None:
        self.script.run("assign", setattr, layer, attribute, learner_parameter(array),
                        shown=f"{name}.{attribute} = " + (f"torch.nn.Parameter({attribute}, requires_grad=False)"
                                                          if uses_torch() else attribute))

    def forward(self, layer, x: np.ndarray, result: str = "y", name: str = "layer"):
        return self.script.run("forward", layer.forward, learner(x), shown=f"{result} = {name}.forward(x)")

    def call(self, layer, method: str, name: str = "layer"):
        return self.script.run(method, getattr(layer, method), shown=f"{name}.{method}()")

    def read(self, layer, attribute: str, name: str = "layer"):
        return self.script.run("read", getattr, layer, attribute, shown=f"{name}.{attribute}")

    def close(self, got, expected: np.ndarray, what: str, cause: Callable[[np.ndarray], str] = lambda got: "") -> np.ndarray:
        """`got` holds float64 values close to `expected`; a failure names the likely cause when one fits."""
        try:
            array = from_learner(got)
        except Exception:
            array = None
        if array is not None and array.dtype in (np.float16, np.float32):
            self.script.fail(f"{what} has dtype {array.dtype} although every input was float64: keep the dtype "
                             "you are given (float32 is not precise enough for the tolerance of 1e-6). " + replay(),
                             show_got=False)
        try:
            return expect_close(self.script, got, expected, what=what, reproduce=replay(), rtol=RTOL, atol=ATOL)
        except PropertyFailed as failed:
            reason = cause(array) if array is not None and array.shape == expected.shape else ""
            if not reason:
                raise
            raise PropertyFailed(f"{failed.message} {reason}", failed.script) from None


# -- the model: the statement's layer -----------------------------------------------------------------------


class Model:
    """What the layer must compute: the frozen weight and bias, A and B as last assigned, the merged flag."""

    def __init__(self, weight: np.ndarray, bias: np.ndarray | None, r: int, alpha: float) -> None:
        self.base, self.bias, self.r, self.alpha = weight.copy(), bias, r, alpha
        self.out_features, self.in_features = weight.shape
        self.A = np.zeros((r, self.in_features))  # unknown until assigned; with B = 0 it does not matter
        self.B = np.zeros((self.out_features, r))
        self.merged = False
        self.repeated = ""  # "merge" / "unmerge": the last call repeated one on a layer already in that state
        self.unmerged = False  # unmerge() has taken a merged update out of weight at least once

    @property
    def update(self) -> np.ndarray:
        return self.alpha / self.r * (self.B @ self.A)

    @property
    def weight(self) -> np.ndarray:
        return self.base + self.update if self.merged else self.base

    def forward(self, x: np.ndarray, *, scaling: float | None = None, adapter: bool = True) -> np.ndarray:
        """The output (scaling and adapter switch on classic bugs, to name them)."""
        y = x @ self.base.T + (0.0 if self.bias is None else self.bias)
        scale = self.alpha / self.r if scaling is None else scaling
        return y + scale * ((x @ self.A.T) @ self.B.T) if adapter else y

    def forward_bugs(self, x: np.ndarray) -> dict[str, np.ndarray]:
        bugs = {}
        # First, where the calls made allow it: with r = 2, the update counted twice looks like scaling by alpha.
        if self.merged:
            bugs["It matches the update counted twice: once merged into weight, the update must not be added "
                 "again in forward."] = self.forward(x, scaling=2 * self.alpha / self.r)
        elif self.unmerged:
            bugs["It matches the update counted twice: once in weight, once in forward. unmerge() must take the "
                 "update back out of weight."] = self.forward(x, scaling=2 * self.alpha / self.r)
        bugs |= {
            "It matches the update scaled by alpha instead of alpha / r.": self.forward(x, scaling=self.alpha),
            "It matches the update scaled by r / alpha instead of alpha / r.": self.forward(x, scaling=self.r / self.alpha),
            "It matches the update without its scaling: multiply it by alpha / r.": self.forward(x, scaling=1.0),
            "It matches the base layer alone: the adapter's update (alpha / r) * (x @ A.T) @ B.T is missing.":
                self.forward(x, adapter=False),
        }
        return bugs


def cause_from(bugs: Callable[[], dict[str, np.ndarray]], expected: np.ndarray) -> Callable[[np.ndarray], str]:
    """The sentence of the first classic bug whose result `got` matches (`bugs` is built only on a failure)."""

    def cause(got: np.ndarray) -> str:
        for sentence, wrong in bugs().items():
            if wrong.shape == expected.shape and not np.allclose(wrong, expected, rtol=RTOL, atol=ATOL) \
                    and np.allclose(got, wrong, rtol=RTOL, atol=ATOL):
                return sentence
        return ""

    return cause


def base_layer(case: Case, out_features: int, in_features: int, with_bias: bool):
    weight = case.normal("weight", (out_features, in_features))
    if with_bias:
        return weight, case.normal("bias", (out_features,))
    case.line("bias = None")
    return weight, None


def train(case: Case, layer, model: Model, name: str = "layer") -> None:
    """Stand in for training: new A and B, assigned to the layer (only ever while it is not merged)."""
    model.A = case.normal("A", (model.r, model.in_features))
    case.assign(layer, "A", model.A, name)
    model.B = case.normal("B", (model.out_features, model.r))
    case.assign(layer, "B", model.B, name)


def check_forward(case: Case, layer, model: Model, leading: tuple[int, ...], when: str) -> None:
    x = case.normal("x", leading + (model.in_features,))
    y = case.forward(layer, x)
    expected = model.forward(x)
    case.close(y, expected, what=f"y ({when})", cause=cause_from(lambda: model.forward_bugs(x), expected))


# ---------------------------------------------------------------------------------------------------------
# Level 1: the adapter


@scored(points=10, level=1)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, out_features=FEATURES, in_features=FEATURES, r=st.integers(1, 4), alpha=ALPHAS,
       with_bias=st.booleans(), leading=LEADING)
@example(seed=1, out_features=3, in_features=4, r=2, alpha=8.0, with_bias=True, leading=[2])
@example(seed=2, out_features=2, in_features=3, r=1, alpha=1.0, with_bias=False, leading=[])
@example(seed=3, out_features=4, in_features=2, r=2, alpha=3.0, with_bias=True, leading=[2, 1])
def test_a_fresh_adapter_equals_the_base_layer(seed, out_features, in_features, r, alpha, with_bias, leading):
    r = min(r, in_features, out_features)
    case = Case(seed)
    weight, bias = base_layer(case, out_features, in_features, with_bias)
    layer = case.new_layer(weight, bias, r, alpha)
    model = Model(weight, bias, r, alpha)
    x = case.normal("x", tuple(leading) + (in_features,))
    y = case.forward(layer, x)
    base = model.forward(x, adapter=False)
    def cause(got):
        if with_bias and np.allclose(got, x @ weight.T, rtol=RTOL, atol=ATOL):
            return "It matches x @ weight.T without the bias."
        if np.any(from_learner(layer.B) != 0):
            return ("layer.B is not zero on a fresh layer: B starts at zero, so that the update "
                    "(alpha / r) * (x @ A.T) @ B.T is 0 and a fresh adapter changes nothing.")
        return ""

    case.close(y, base, what="y (a fresh adapter: it must equal x @ weight.T" + (" + bias)" if with_bias else ")"),
               cause=cause)


@scored(points=8, level=1)
def test_a_starts_small_and_random_from_rng_and_b_starts_at_zero():
    for seed, out_features, in_features, r in ((4, 3, 5, 2), (5, 4, 2, 2), (6, 1, 1, 1)):
        case = Case(seed)
        weight, bias = base_layer(case, out_features, in_features, True)
        layer = case.new_layer(weight, bias, r, 2.0, layer_seed=seed)
        for attribute, shape in (("A", (r, in_features)), ("B", (out_features, r))):
            got = case.read(layer, attribute)
            try:
                array = from_learner(got)
            except Exception:
                array = None
            if array is None or array.shape != shape:
                case.script.fail(f"layer.{attribute} is {{got}}; it must have shape {shape} for out_features="
                                 f"{out_features}, in_features={in_features}, r={r}. " + replay(),
                                 got=verbatim(describe(got)))
            if array.dtype != np.float64:
                case.script.fail(f"layer.{attribute} has dtype {array.dtype}; A and B take the dtype of weight "
                                 f"(float64 here). " + replay(), show_got=False)
        merged = case.read(layer, "merged")
        case.script.expect(merged, False, "layer.merged is {got} on a fresh layer; it must be the bool False.")
        a, b = from_learner(case.read(layer, "A")), from_learner(case.read(layer, "B"))
        if np.any(b != 0):
            case.script.fail("layer.B is not all zeros on a fresh layer: B starts at zero, so that a fresh adapter "
                             "equals the base layer. " + replay(), show_got=False)
        if not np.any(a != 0):
            case.script.fail("layer.A is all zeros on a fresh layer: with A and B both zero, no gradient ever "
                             "reaches either, and the adapter can never learn. A starts small and random. " + replay(),
                             show_got=False)
        twin = case.new_layer(weight, bias, r, 2.0, layer_seed=seed, name="twin")
        twin_a = from_learner(case.read(twin, "A", name="twin"))
        if twin_a.shape != a.shape or not np.array_equal(twin_a, a):
            case.script.fail("twin.A differs from layer.A although both layers got a generator with the same seed: "
                             "draw A from the rng argument (not from a global or freshly made generator), so that "
                             "a seed reproduces the layer. " + replay(), show_got=False)
        other = case.new_layer(weight, bias, r, 2.0, layer_seed=seed + 100, name="other")
        if r * in_features > 1 and np.array_equal(from_learner(case.read(other, "A", name="other")), a):
            case.script.fail("other.A equals layer.A although the two generators had different seeds: A must be "
                             "drawn from the rng argument. " + replay(), show_got=False)


@scored(points=12, level=1)
@settings(SETTINGS, max_examples=15)
@given(seed=SEEDS, out_features=FEATURES, in_features=FEATURES, r=st.integers(1, 4), alpha=ALPHAS,
       with_bias=st.booleans(), leading=LEADING)
@example(seed=7, out_features=3, in_features=4, r=2, alpha=8.0, with_bias=True, leading=[2])
@example(seed=8, out_features=4, in_features=4, r=4, alpha=0.5, with_bias=False, leading=[])
@example(seed=9, out_features=2, in_features=3, r=2, alpha=3.0, with_bias=True, leading=[1, 2])
def test_forward_adds_the_update_scaled_by_alpha_over_r(seed, out_features, in_features, r, alpha, with_bias,
                                                         leading):
    r = min(r, in_features, out_features)
    case = Case(seed)
    weight, bias = base_layer(case, out_features, in_features, with_bias)
    layer = case.new_layer(weight, bias, r, alpha)
    model = Model(weight, bias, r, alpha)
    train(case, layer, model)
    check_forward(case, layer, model, tuple(leading),
                  "after assigning A and B: x @ weight.T + bias + (alpha / r) * (x @ A.T) @ B.T")


@scored(points=5, level=1)
def test_trainable_parameters_count_a_and_b_only():
    for out_features, in_features, r, with_bias in ((3, 5, 2, True), (6, 4, 4, False), (1, 1, 1, True)):
        case = Case(10)
        weight, bias = base_layer(case, out_features, in_features, with_bias)
        layer = case.new_layer(weight, bias, r, 1.0)
        got = case.call(layer, "trainable_parameters")
        expected = r * (in_features + out_features)
        if not isinstance(got, bool) and type(got) is not int and isinstance(got, (int, np.integer)) \
                and int(got) == expected:
            case.script.fail(f"trainable_parameters() returned {{got}}, of type {type(got).__name__}; return a "
                             "Python int (int(...) around a NumPy count).", got=got)
        case.script.expect(got, expected,
                           f"trainable_parameters() returned {{got}} for out_features={out_features}, in_features="
                           f"{in_features}, r={r}; expected {{expected}} = r * (in_features + out_features): the "
                           "values of A and B only (the frozen weight and bias do not count).")


@scored(points=5, level=1)
def test_r_must_be_between_one_and_the_smaller_dimension():
    for out_features, in_features, r in ((3, 5, 0), (3, 5, -1), (3, 5, 4), (5, 3, 4), (2, 2, 3)):
        case = Case(11)
        weight, bias = base_layer(case, out_features, in_features, False)
        case.script.expect_raises(
            ValueError, lambda: case.new_layer(weight, bias, r, 1.0),
            f"LoRALinear with a {out_features} x {in_features} weight and r={r} {{got}}; r must satisfy 0 < r <= "
            f"min(in_features, out_features) = {min(in_features, out_features)}, so it must raise {{expected}}.")
    for out_features, in_features, r in ((3, 5, 3), (5, 3, 3), (2, 2, 1)):
        case = Case(12)
        weight, bias = base_layer(case, out_features, in_features, False)
        try:
            case.new_layer(weight, bias, r, 1.0)
        except UserCodeRaised as raised:
            case.script.fail(f"LoRALinear with a {out_features} x {in_features} weight and r={r} raised "
                             f"{type(raised.original).__name__}; r = {r} is within 0 < r <= min(in_features, "
                             f"out_features) = {min(in_features, out_features)} (both bounds included: r may equal "
                             "the smaller dimension), so the layer must be built.", show_got=False)


# ---------------------------------------------------------------------------------------------------------
# Level 2: merge and unmerge


def trained_layer(seed, out_features, in_features, r, alpha, with_bias):
    r = min(r, in_features, out_features)
    case = Case(seed)
    weight, bias = base_layer(case, out_features, in_features, with_bias)
    layer = case.new_layer(weight, bias, r, alpha)
    model = Model(weight, bias, r, alpha)
    train(case, layer, model)
    return case, layer, model


def merge(case: Case, layer, model: Model) -> None:
    case.call(layer, "merge")
    model.repeated = "merge" if model.merged else ""
    model.merged = True


def unmerge(case: Case, layer, model: Model) -> None:
    case.call(layer, "unmerge")
    model.repeated = "unmerge" if not model.merged else ""
    model.unmerged |= model.merged
    model.merged = False


def check_weight(case: Case, layer, model: Model, when: str) -> None:
    """layer.weight is the model's; a wrong one is matched against the classic bugs that fit the calls made (with
    alpha / r = 2, the update twice is also the update scaled by alpha: only a repeated merge can mean the first)."""
    expected = model.weight

    def bugs() -> dict[str, np.ndarray]:
        base, product, found = model.base, model.B @ model.A, {}
        if model.merged:
            if model.repeated == "merge":
                found["It is the base weight plus the update twice: merge on a merged layer must do nothing."] = \
                    base + 2 * model.update
            found["It is the base weight: merge must add (alpha / r) * B @ A to weight."] = base
            found["It is the base weight plus B @ A scaled by alpha instead of alpha / r."] = base + model.alpha * product
            found["It is the base weight plus B @ A scaled by r / alpha instead of alpha / r."] = \
                base + model.r / model.alpha * product
            found["It is the base weight plus B @ A without the scaling alpha / r."] = base + product
        else:
            if model.repeated == "unmerge":
                found["It is the base weight minus the update: unmerge on a layer that is not merged must do "
                      "nothing."] = base - model.update
            found["It is the base weight plus the update: unmerge must subtract (alpha / r) * B @ A again."] = \
                base + model.update
        return found

    case.close(case.read(layer, "weight"), expected, what=f"layer.weight ({when})", cause=cause_from(bugs, expected))


def check_merged(case: Case, layer, model: Model, when: str) -> None:
    case.script.expect(case.read(layer, "merged"), model.merged,
                       f"layer.merged is {{got}} {when}; it must be the bool {{expected}}.")


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, out_features=FEATURES, in_features=FEATURES, r=st.integers(1, 4), alpha=ALPHAS,
       with_bias=st.booleans(), leading=LEADING)
@example(seed=13, out_features=3, in_features=4, r=2, alpha=8.0, with_bias=True, leading=[2])
@example(seed=14, out_features=2, in_features=2, r=1, alpha=0.5, with_bias=False, leading=[])
def test_merging_keeps_the_outputs(seed, out_features, in_features, r, alpha, with_bias, leading):
    case, layer, model = trained_layer(seed, out_features, in_features, r, alpha, with_bias)
    check_forward(case, layer, model, tuple(leading), "before merging")
    merge(case, layer, model)
    check_forward(case, layer, model, tuple(leading), "after merge(): the same function as before")
    unmerge(case, layer, model)
    check_forward(case, layer, model, tuple(leading), "after merge() then unmerge(): the same function again")


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, out_features=FEATURES, in_features=FEATURES, r=st.integers(1, 4), alpha=ALPHAS,
       with_bias=st.booleans())
@example(seed=15, out_features=3, in_features=4, r=2, alpha=8.0, with_bias=True)
def test_merge_folds_the_scaled_update_into_the_weight(seed, out_features, in_features, r, alpha, with_bias):
    case, layer, model = trained_layer(seed, out_features, in_features, r, alpha, with_bias)
    merge(case, layer, model)
    check_merged(case, layer, model, "after merge()")
    check_weight(case, layer, model, "after merge(): weight + (alpha / r) * B @ A")


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, out_features=FEATURES, in_features=FEATURES, r=st.integers(1, 4), alpha=ALPHAS,
       with_bias=st.booleans())
@example(seed=16, out_features=3, in_features=4, r=2, alpha=8.0, with_bias=True)
def test_unmerging_restores_the_weight(seed, out_features, in_features, r, alpha, with_bias):
    case, layer, model = trained_layer(seed, out_features, in_features, r, alpha, with_bias)
    merge(case, layer, model)
    unmerge(case, layer, model)
    check_merged(case, layer, model, "after merge() then unmerge()")
    check_weight(case, layer, model, "after merge() then unmerge(): the original weight")


@scored(points=6, level=2)
def test_merge_and_unmerge_do_nothing_when_repeated():
    for out_features, in_features, r, alpha in ((3, 4, 2, 8.0), (2, 2, 1, 0.5)):
        case, layer, model = trained_layer(17, out_features, in_features, r, alpha, True)
        unmerge(case, layer, model)
        check_merged(case, layer, model, "after unmerge() on a layer that was never merged")
        check_weight(case, layer, model, "after unmerge() on a layer that was never merged: unchanged")
        merge(case, layer, model)
        check_weight(case, layer, model, "after merge(): weight + (alpha / r) * B @ A")
        merge(case, layer, model)
        check_merged(case, layer, model, "after merge() twice")
        check_weight(case, layer, model, "after merge() twice: the update added once")
        check_forward(case, layer, model, (2,), "after merge() twice")
        unmerge(case, layer, model)
        unmerge(case, layer, model)
        check_merged(case, layer, model, "after unmerge() twice")
        check_weight(case, layer, model, "after unmerge() twice: the original weight")


@scored(points=5, level=2)
def test_the_callers_arrays_are_never_modified():
    for with_bias in (True, False):
        case = Case(18)
        weight, bias = base_layer(case, 3, 4, with_bias)
        passed_weight, passed_bias = learner(weight), learner(bias)
        # r = 3: every classic wrong scaling (alpha, r / alpha, 1, the update twice) differs from the others.
        layer = case.script.run("LoRALinear", solution().LoRALinear, passed_weight, passed_bias, r=3, alpha=4.0,
                                rng=learner_rng(0)[0], shown="layer = LoRALinear(weight, "
                                f"{'bias' if with_bias else None}, r=3, alpha=4.0, rng={learner_rng(0)[1]})")
        model = Model(weight, bias, 3, 4.0)
        train(case, layer, model)
        merge(case, layer, model)
        case.line("weight  # the caller's array")
        case.close(passed_weight, weight, what="weight, the caller's array, after layer.merge()",
                   cause=lambda got: "merge() changed the caller's array: the constructor must keep its own copy of "
                   "weight (np.array(weight, copy=True), or weight.clone() in torch).")
        if with_bias:
            check_forward(case, layer, model, (2,), "after merge()")
            case.line("bias  # the caller's array")
            case.close(passed_bias, bias, what="bias, the caller's array, after using the layer",
                       cause=lambda got: "The layer changed the caller's bias: keep your own copy of it.")


# Layers that tell the classic bugs apart: r > 1 and alpha != r (so alpha, r / alpha and 1 are all wrong
# scalings), r at its upper bound min(in, out) and below it, a 1 x 1 layer.
MODEL_LAYERS = st.sampled_from([(3, 4, 2, 8.0), (4, 2, 2, 3.0), (2, 3, 1, 0.5), (4, 4, 3, 16.0), (1, 1, 1, 2.0),
                                (3, 3, 3, 0.5)])


class LoRALayerMatchesModel(RuleBasedStateMachine):
    """The learner's layer against the model, under forward passes, new A and B, merges and unmerges."""

    @initialize(seed=SEEDS, shape=MODEL_LAYERS, with_bias=st.booleans())
    def new_layer(self, seed, shape, with_bias):
        out_features, in_features, r, alpha = shape
        self.case = Case(seed)
        weight, bias = base_layer(self.case, out_features, in_features, with_bias)
        self.passed = learner(weight)  # the caller's array: it must never change
        self.original = weight
        self.layer = self.case.script.run(
            "LoRALinear", solution().LoRALinear, self.passed, learner(bias), r=r, alpha=alpha,
            rng=learner_rng(seed)[0], shown=f"layer = LoRALinear(weight, {'bias' if with_bias else None}, r={r}, "
            f"alpha={alpha}, rng={learner_rng(seed)[1]})")
        self.model = Model(weight, bias, r, alpha)
        check_forward(self.case, self.layer, self.model, (2,), "a fresh adapter: the base layer")
        train(self.case, self.layer, self.model)  # from here on the update is not zero, so every slip shows
        self.checks = 0

    @rule(leading=LEADING)
    def forward(self, leading):
        check_forward(self.case, self.layer, self.model, tuple(leading),
                      "merged" if self.model.merged else "not merged")

    @precondition(lambda self: not self.model.merged)
    @rule()
    def assign_new_a_and_b(self):
        train(self.case, self.layer, self.model)

    @rule(times=st.integers(1, 2))
    def merge(self, times):
        for time in range(times):  # twice in a row as often as once: a second merge must change nothing
            if time:
                self.state_agrees()  # the first call's result, before the second can hide or double it
            merge(self.case, self.layer, self.model)

    @rule(times=st.integers(1, 2))
    def unmerge(self, times):
        for time in range(times):
            if time:
                self.state_agrees()
            unmerge(self.case, self.layer, self.model)

    @invariant()
    def layer_agrees(self):
        # The state first: a weight merged twice also gives wrong outputs, and the weight names the cause.
        self.state_agrees()
        self.outputs_agree()

    def outputs_agree(self):
        # Its own generator, seeded in the line shown, so the replay does not depend on checks that passed.
        self.checks += 1
        x = np.random.default_rng(self.checks).standard_normal((2, self.model.in_features))
        with self.case.script.quietly():
            self.case.line("x = " + shown_array(f"np.random.default_rng({self.checks}).standard_normal({x.shape})"))
            y = self.case.forward(self.layer, x)
            self.case.close(y, self.model.forward(x), what="y (" + ("merged" if self.model.merged else "not merged")
                            + ")", cause=cause_from(lambda: self.model.forward_bugs(x), self.model.forward(x)))

    def state_agrees(self):
        with self.case.script.quietly():
            check_merged(self.case, self.layer, self.model, "at this point")
            check_weight(self.case, self.layer, self.model, "merged" if self.model.merged else "not merged")
            expected = self.model.r * (self.model.in_features + self.model.out_features)
            self.case.script.expect(self.case.call(self.layer, "trainable_parameters"), expected,
                                    "trainable_parameters() returned {got}; expected {expected} = "
                                    "r * (in_features + out_features).")
            self.case.line("weight  # the caller's array")
            self.case.close(self.passed, self.original, what="weight, the caller's array",
                            cause=lambda got: "The layer changed the caller's array: keep your own copy of weight.")


# The runs that decide the rules, replayed at every seed before the random ones: no bias, r below its bound and
# alpha != r (each wrong scaling shows), merge and unmerge twice in a row; then r at its bound min(in, out), an
# unmerge before any merge, and new A and B after a merge-unmerge round trip.
DECIDING_RUNS = [
    [("new_layer", 1, (3, 4, 2, 8.0), False), ("forward", [2]), ("merge", 2), ("forward", []), ("unmerge", 2),
     ("forward", [1, 2])],
    [("new_layer", 2, (4, 2, 2, 3.0), True), ("unmerge", 1), ("merge", 1), ("unmerge", 1),
     ("assign_new_a_and_b",), ("forward", [2])],
]


@scored(points=16, level=2)
def test_the_layer_agrees_with_a_model_under_random_operations():
    run_model_test(LoRALayerMatchesModel, DECIDING_RUNS,
                   settings(STATEFUL_SETTINGS, max_examples=15, stateful_step_count=8))


# ---------------------------------------------------------------------------------------------------------
# Level 3: a forward pass that stays low-rank


def _forward_workload(cls, learners: bool, features: int = 512, r: int = 256, calls: int = 100):
    """`calls` forward passes of one row through a trained, unmerged layer, in the learner's flavour or NumPy."""
    array, parameter = (learner, learner_parameter) if learners else (np.asarray, np.asarray)
    rng = learner_rng(0)[0] if learners else np.random.default_rng(0)
    data = np.random.default_rng(19)
    layer = cls(array(data.standard_normal((features, features))), array(data.standard_normal(features)), r=r,
                alpha=16.0, rng=rng)
    layer.A = parameter(data.standard_normal((r, features)) / np.sqrt(features))
    layer.B = parameter(data.standard_normal((features, r)) / np.sqrt(r))
    x = array(data.standard_normal((1, features)))
    forward = layer.forward

    def run():
        for _ in range(calls):
            forward(x)

    return run


@scored(points=15, level=3, timeout=30)
def test_the_unmerged_forward_never_builds_the_out_by_in_update():
    user = _forward_workload(solution().LoRALinear, learners=True)
    ref = _forward_workload(reference().LoRALinear, learners=False)
    assert_as_fast_as_reference(
        user, ref, limit=20,
        workload="100 unmerged forward passes of one row through a 512 x 512 layer with r = 256",
        hint="Something builds an out x in matrix on each call (B @ A, or A.T @ B.T, or weight + the update): "
        "compute (x @ A.T) @ B.T, two thin products, in that order.",
    )


def _benchmark(module, features=1024, r=64, rows=8):
    learners = module is solution()
    array = learner if learners else np.asarray
    data = np.random.default_rng(20)
    layer = module.LoRALinear(array(data.standard_normal((features, features))), None, r=r, alpha=16.0,
                              rng=learner_rng(0)[0] if learners else np.random.default_rng(0))
    x = array(data.standard_normal((rows, features)))
    return lambda: [layer.forward(x) for _ in range(20)]


# For `grade compare`: workloads timed on the user's module and the reference's, side by side.
BENCHMARKS = {
    "20 unmerged forward passes, 8 rows, 1024 x 1024, r = 64": _benchmark,
    "20 unmerged forward passes, 1 row, 2048 x 2048, r = 16": lambda module: _benchmark(module, 2048, 16, 1),
}
