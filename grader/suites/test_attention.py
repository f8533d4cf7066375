"""Hidden tests for the attention kata.

Expected values come from a model of the statement written here with explicit loops, one query row at
a time (never from the reference). Every input is drawn from `np.random.default_rng(seed)`, the seed and
the shapes chosen by hypothesis, and a failure prints the lines that rebuild it. When a result is wrong
in the way a classic bug makes it wrong (no scaling, the softmax over the wrong axis, a reshape that mixes
positions...), the message names that bug.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from grader.harness import SETTINGS, PropertyFailed, Script, scored, solution, verbatim
from grader.harness.arrays import describe, expect_close, expect_finite, from_learner, to_learner, uses_torch

RTOL, ATOL = 1e-5, 1e-6
SEEDS = st.integers(0, 2**16)
BATCH = st.lists(st.integers(1, 3), max_size=2)  # leading dimensions: none, one or two
MASK_SHAPES = st.sampled_from(["(Lq, Lk)", "(..., Lq, Lk)", "(..., 1, Lk)"])


class Inputs:
    """Arrays drawn from one seeded generator, with the Python lines that draw them again."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.lines = [f"rng = np.random.default_rng({seed})"]

    def normal(self, name: str, shape: tuple[int, ...], scale: float = 1.0) -> np.ndarray:
        self.lines.append(f"{name} = rng.standard_normal({tuple(shape)})" + (f" * {scale:g}" if scale != 1 else ""))
        return self.rng.standard_normal(tuple(shape)) * scale

    def weight(self, name: str, d_model: int) -> np.ndarray:
        self.lines.append(f"{name} = rng.standard_normal({(d_model, d_model)}) / np.sqrt({d_model})")
        return self.rng.standard_normal((d_model, d_model)) / np.sqrt(d_model)

    def bools(self, name: str, shape: tuple[int, ...], p_true: float) -> np.ndarray:
        self.lines.append(f"{name} = rng.random({tuple(shape)}) < {p_true}")
        return self.rng.random(tuple(shape)) < p_true

    def permutation(self, name: str, n: int) -> np.ndarray:
        self.lines.append(f"{name} = rng.permutation({n})")
        return self.rng.permutation(n)

    def then(self, line: str) -> None:
        """A statement applied to the arrays drawn so far (the caller applies it too)."""
        self.lines.append(line)

    @property
    def reproduce(self) -> str:
        return "To rebuild the inputs: " + "; ".join(self.lines) + "."


# -- the model: the statement, one query row at a time ------------------------------------------------


def model_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None):
    """(out, weights) as the statement defines them."""
    batch, lq, lk = q.shape[:-2], q.shape[-2], k.shape[-2]
    allowed = np.broadcast_to(True if mask is None else mask, batch + (lq, lk))
    out = np.zeros(batch + (lq, v.shape[-1]))
    weights = np.zeros(batch + (lq, lk))
    for b in np.ndindex(*batch):
        for i in range(lq):
            keys = [j for j in range(lk) if allowed[b + (i, j)]]
            if not keys:
                continue  # nothing to attend to: zero weights, zero output
            scores = [float(q[b + (i,)] @ k[b + (j,)]) / math.sqrt(q.shape[-1]) for j in keys]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            for j, e in zip(keys, exps):
                weights[b + (i, j)] = e / sum(exps)
            out[b + (i,)] = weights[b + (i,)] @ v[b]
    return out, weights


def model_allowed(batch: int, seq: int, causal: bool, padding: np.ndarray | None) -> np.ndarray:
    """(batch, seq, seq): may query i attend to key j?"""
    allowed = np.ones((batch, seq, seq), dtype=bool)
    if causal:
        allowed &= np.arange(seq)[:, None] >= np.arange(seq)[None, :]
    if padding is not None:
        allowed &= ~padding[:, None, :]
    return allowed


def model_mha(x, w_q, w_k, w_v, w_o, num_heads, causal=False, padding=None):
    batch, seq, d_model = x.shape
    d_head = d_model // num_heads
    allowed = model_allowed(batch, seq, causal, padding)
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    heads = []
    for h in range(num_heads):
        columns = slice(h * d_head, (h + 1) * d_head)
        heads.append(model_attention(q[..., columns], k[..., columns], v[..., columns], allowed)[0])
    return np.concatenate(heads, axis=-1) @ w_o


# -- the classic bugs, to name the likely cause of a wrong result ---------------------------------------


def _softmax(scores: np.ndarray, allowed, axis: int = -1) -> np.ndarray:
    scores = np.where(allowed, scores, -np.inf)
    top = scores.max(axis=axis, keepdims=True)
    exps = np.exp(scores - np.where(np.isneginf(top), 0.0, top))
    totals = exps.sum(axis=axis, keepdims=True)
    return exps / np.where(totals == 0, 1.0, totals)


def _attention_bugs(q, k, v, mask) -> dict[str, np.ndarray]:
    """The weights each classic bug would give, by the sentence that explains it."""
    allowed = True if mask is None else mask
    raw = q @ np.swapaxes(k, -1, -2)
    d_k = q.shape[-1]
    bugs = {
        "The weights match scores that were not divided by sqrt(d_k): scale q @ k^T by 1 / sqrt(d_k).":
            _softmax(raw, allowed),
        "The weights match scores divided by d_k: divide by sqrt(d_k), the square root.":
            _softmax(raw / d_k, allowed),
        "The weights match a softmax over the queries (axis -2): the softmax runs over the keys, the last axis, "
        "so that each query's row sums to 1.": _softmax(raw / math.sqrt(d_k), allowed, axis=-2),
    }
    if mask is not None:
        bugs["The weights match a softmax taken before the mask was applied, so the allowed weights no longer "
             "sum to 1: put -inf at the forbidden scores before the softmax."] = _softmax(raw / math.sqrt(d_k), True) * mask
        bugs["The weights match the mask read the wrong way round: True means the query MAY attend to that "
             "key."] = _softmax(raw / math.sqrt(d_k), ~np.asarray(mask))
        bugs["The weights match a softmax that gave masked keys a score of 0 instead of -inf."] = _softmax(
            np.where(mask, raw / math.sqrt(d_k), 0.0), True)
    return bugs


def _mha(x, w_q, w_k, w_v, w_o, num_heads, allowed, *, scale_by=None, split="seq first", merge="transpose",
         project=True, transposed=False):
    """Multi-head attention with one classic bug switched on (vectorised; used to name causes only)."""
    batch, seq, d_model = x.shape
    d_head = d_model // num_heads
    w = (lambda m: m.T) if transposed else (lambda m: m)

    def heads(t):
        if split == "seq first":
            return t.reshape(batch, seq, num_heads, d_head).transpose(0, 2, 1, 3)
        return t.reshape(batch, num_heads, seq, d_head)

    q, k, v = heads(x @ w(w_q)), heads(x @ w(w_k)), heads(x @ w(w_v))
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(scale_by or d_head)
    out = _softmax(scores, allowed[:, None]) @ v
    out = out.transpose(0, 2, 1, 3).reshape(batch, seq, d_model) if merge == "transpose" else out.reshape(
        batch, seq, d_model)
    return out @ w(w_o) if project else out


def _mha_bugs(x, w_q, w_k, w_v, w_o, num_heads, allowed) -> dict[str, np.ndarray]:
    d_model = x.shape[-1]
    args = (x, w_q, w_k, w_v, w_o, num_heads, allowed)
    return {
        "It matches scores divided by sqrt(d_model): each head dots vectors of length d_head, so divide by "
        "sqrt(d_head).": _mha(*args, scale_by=d_model),
        "It matches heads split by reshaping straight to (batch, heads, seq, d_head), which mixes positions "
        "between heads: reshape to (batch, seq, heads, d_head), then swap axes 1 and 2.":
            _mha(*args, split="heads first"),
        "It matches heads merged by a reshape without first swapping the axes back, which mixes positions: "
        "transpose (batch, heads, seq, d_head) to (batch, seq, heads, d_head), then reshape to "
        "(batch, seq, d_model).": _mha(*args, merge="reshape only"),
        "It matches the concatenated heads without the output projection: multiply by w_o last.":
            _mha(*args, project=False),
        "It matches the projections applied as x @ w.T (nn.Linear's convention): here they are x @ w.":
            _mha(*args, transposed=True),
    }


def _cause(got: np.ndarray, expected: np.ndarray, bugs: dict[str, np.ndarray]) -> str:
    for sentence, wrong in bugs.items():
        if wrong.shape == expected.shape and not np.allclose(wrong, expected, rtol=RTOL, atol=ATOL) \
                and np.allclose(got, wrong, rtol=RTOL, atol=ATOL):
            return sentence
    return ""


def weights_cause(q, k, v, mask, expected: np.ndarray, first: Callable[[np.ndarray], str] = lambda got: ""):
    """What wrong weights say about their cause: `first` (the test's own reading), a classic bug, or the rule
    they break."""

    def cause(got: np.ndarray) -> str:
        reason = first(got) or _cause(got, expected, _attention_bugs(q, k, v, mask))
        if reason or not np.isfinite(got).all():
            return reason
        if mask is not None and (np.abs(got[~np.broadcast_to(mask, got.shape)]) > ATOL).any():
            return ("A key where the mask is False got weight; it must get exactly 0 (put -inf at its score before "
                    "the softmax: a finite fill such as -1e4 is not enough when the scores are large).")
        if not np.allclose(got.sum(axis=-1), expected.sum(axis=-1), rtol=RTOL, atol=ATOL):
            return ("Some rows of weights do not sum to 1: each query's weights over the keys it may attend to "
                    "sum to 1 (and are all 0 for a query with no such key).")
        return ""

    return cause


# -- calling the learner's code and checking what comes back ---------------------------------------------


def learner(value):
    """to_learner, and torch on one thread: tiny tensors on a busy machine otherwise lose milliseconds per
    operation to thread hand-offs, which would make a torch solution many times slower to grade."""
    if uses_torch():
        import torch

        if torch.get_num_threads() != 1:
            torch.set_num_threads(1)
    return to_learner(value)



def close(script: Script, got, expected: np.ndarray, *, what: str, reproduce: str,
          cause: Callable[[np.ndarray], str] = lambda got: "") -> np.ndarray:
    """`got` has float64 values close to `expected`; a failure names the likely cause when one fits."""
    try:
        array = from_learner(got)
    except Exception:
        array = None
    if array is not None and array.dtype in (np.float16, np.float32):
        script.fail(f"{what} has dtype {array.dtype} although every input was float64: keep the dtype you are "
                    "given (float32 is not precise enough for the tolerance of 1e-6). " + reproduce, show_got=False)
    try:
        return expect_close(script, got, expected, what=what, reproduce=reproduce, rtol=RTOL, atol=ATOL)
    except PropertyFailed as failed:
        reason = cause(array) if array is not None and array.shape == expected.shape else ""
        if not reason:
            raise
        raise PropertyFailed(f"{failed.message} {reason}", failed.script) from None


def call_attention(script: Script, inputs: Inputs, q, k, v, mask=None):
    """The learner's scaled_dot_product_attention, called with the mask only when there is one."""
    fn = solution().scaled_dot_product_attention
    arrays = learner((q, k, v))
    if mask is None:
        result = script.run("scaled_dot_product_attention", fn, *arrays,
                            shown="out, weights = scaled_dot_product_attention(q, k, v)")
    else:
        result = script.run("scaled_dot_product_attention", fn, *arrays, mask=learner(mask),
                            shown="out, weights = scaled_dot_product_attention(q, k, v, mask=mask)")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        script.fail("scaled_dot_product_attention returned {got}; it must return a pair (out, weights). "
                    + inputs.reproduce, got=verbatim(describe(result)))
    return result


def call_mha(script: Script, x, weights, num_heads, *, name="y", shown_x="x", **options):
    """The learner's multi_head_attention; options are passed only when given (the defaults are tested too)."""
    fn = solution().multi_head_attention
    shown_options = "".join(f", {key}={'padding' if key == 'key_padding_mask' and value is not None else value}"
                            for key, value in options.items())
    result = script.run("multi_head_attention", fn, learner(x), *learner(tuple(weights)), num_heads,
                        **{key: learner(value) for key, value in options.items()},
                        shown=f"{name} = multi_head_attention({shown_x}, w_q, w_k, w_v, w_o, {num_heads}"
                              f"{shown_options})")
    if isinstance(result, (tuple, list)):
        script.fail("multi_head_attention returned a " + type(result).__name__ + " ({got}); it returns the "
                    "output array alone, shape (batch, seq, d_model).", got=verbatim(
                        ", ".join(describe(item) for item in result)))
    return result


def mask_of(inputs: Inputs, kind: str, batch: tuple[int, ...], lq: int, lk: int) -> np.ndarray:
    """A random mask of the given broadcast shape in which every query may attend to key 0."""
    shape = {"(Lq, Lk)": (lq, lk), "(..., Lq, Lk)": batch + (lq, lk), "(..., 1, Lk)": batch + (1, lk)}[kind]
    mask = inputs.bools("mask", shape, 0.6)
    inputs.then("mask[..., 0] = True")
    mask[..., 0] = True
    return mask


def sdpa_inputs(seed, batch, lq, lk, d_k, d_v, scale=1.0):
    inputs = Inputs(seed)
    batch = tuple(batch)
    q = inputs.normal("q", batch + (lq, d_k), scale)
    k = inputs.normal("k", batch + (lk, d_k), scale)
    v = inputs.normal("v", batch + (lk, d_v))
    return inputs, batch, q, k, v


def mha_inputs(seed, batch, seq, d_model):
    inputs = Inputs(seed)
    x = inputs.normal("x", (batch, seq, d_model))
    weights = tuple(inputs.weight(name, d_model) for name in ("w_q", "w_k", "w_v", "w_o"))
    return inputs, x, weights


# ---------------------------------------------------------------------------------------------------------
# Level 1: scaled dot-product attention


@scored(points=12, level=1)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, batch=BATCH, lq=st.integers(1, 4), lk=st.integers(1, 5), d_k=st.integers(1, 6),
       d_v=st.integers(1, 5))
@example(seed=0, batch=[2], lq=3, lk=4, d_k=5, d_v=2)
@example(seed=1, batch=[], lq=1, lk=1, d_k=1, d_v=1)
def test_attention_is_the_softmax_of_scaled_scores_applied_to_the_values(seed, batch, lq, lk, d_k, d_v):
    inputs, batch, q, k, v = sdpa_inputs(seed, batch, lq, lk, d_k, d_v)
    script = Script()
    out, weights = call_attention(script, inputs, q, k, v)
    expected_out, expected_weights = model_attention(q, k, v)
    close(script, weights, expected_weights, what="weights", reproduce=inputs.reproduce,
          cause=weights_cause(q, k, v, None, expected_weights))
    close(script, out, expected_out, what="out", reproduce=inputs.reproduce,
          cause=lambda got: "The weights are right, so out is not weights @ v.")


@scored(points=5, level=1)
@settings(SETTINGS, max_examples=8)
@given(seed=SEEDS, batch=BATCH, lq=st.integers(1, 4), lk=st.integers(2, 5), d_k=st.integers(1, 4),
       masked=st.booleans())
@example(seed=2, batch=[2], lq=3, lk=4, d_k=3, masked=True)
@example(seed=3, batch=[], lq=3, lk=3, d_k=2, masked=False)
def test_each_row_of_weights_sums_to_one(seed, batch, lq, lk, d_k, masked):
    inputs, batch, q, k, v = sdpa_inputs(seed, batch, lq, lk, d_k, 2)
    mask = mask_of(inputs, "(..., Lq, Lk)", batch, lq, lk) if masked else None
    script = Script()
    _, weights = call_attention(script, inputs, q, k, v, mask)
    got = from_learner(weights)
    expected = model_attention(q, k, v, mask)[1]
    if got.shape != expected.shape:
        close(script, weights, expected, what="weights", reproduce=inputs.reproduce)
    if (got < -ATOL).any():
        script.fail("weights has negative entries; each row is a probability distribution over the keys. "
                    + inputs.reproduce, show_got=False)
    close(script, got.sum(axis=-1), np.ones(batch + (lq,)), what="weights.sum(axis=-1)",
          reproduce=inputs.reproduce,
          cause=lambda sums: weights_cause(q, k, v, mask, expected)(got) or (
              "Each row (one query) must sum to 1: the softmax runs over the keys, the last axis."))


@scored(points=10, level=1)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, batch=BATCH, lq=st.integers(1, 4), lk=st.integers(2, 5), d_k=st.integers(1, 4),
       kind=MASK_SHAPES)
@example(seed=4, batch=[2], lq=3, lk=4, d_k=3, kind="(Lq, Lk)")
@example(seed=5, batch=[2, 1], lq=2, lk=3, d_k=2, kind="(..., 1, Lk)")
@example(seed=6, batch=[], lq=3, lk=5, d_k=2, kind="(..., Lq, Lk)")
def test_a_key_the_mask_forbids_gets_no_weight(seed, batch, lq, lk, d_k, kind):
    inputs, batch, q, k, v = sdpa_inputs(seed, batch, lq, lk, d_k, 3)
    mask = mask_of(inputs, kind, batch, lq, lk)
    script = Script()
    out, weights = call_attention(script, inputs, q, k, v, mask)
    expected_out, expected_weights = model_attention(q, k, v, mask)
    close(script, weights, expected_weights, what=f"weights (mask of shape {kind})", reproduce=inputs.reproduce,
          cause=weights_cause(q, k, v, mask, expected_weights))
    close(script, out, expected_out, what=f"out (mask of shape {kind})", reproduce=inputs.reproduce)


@scored(points=8, level=1)
@settings(SETTINGS, max_examples=8)
@given(seed=SEEDS, batch=BATCH, lq=st.integers(1, 4), lk=st.integers(2, 5), d_k=st.integers(1, 4),
       masked=st.booleans())
@example(seed=7, batch=[2], lq=3, lk=4, d_k=4, masked=False)
@example(seed=8, batch=[], lq=2, lk=3, d_k=2, masked=True)
def test_scores_of_ten_thousand_give_no_nan(seed, batch, lq, lk, d_k, masked):
    inputs, batch, q, k, v = sdpa_inputs(seed, batch, lq, lk, d_k, 2, scale=100.0)
    mask = mask_of(inputs, "(..., Lq, Lk)", batch, lq, lk) if masked else None
    script = Script()
    out, weights = call_attention(script, inputs, q, k, v, mask)
    expected_out, expected_weights = model_attention(q, k, v, mask)
    overflow = ("Scores here are of order 1e4 and exp(1e4) overflows to inf (inf / inf is NaN): subtract each "
                "row's maximum score before exp; the softmax is unchanged.")
    close(script, weights, expected_weights, what="weights (q and k scaled by 100)", reproduce=inputs.reproduce,
          cause=weights_cause(q, k, v, mask, expected_weights,
                              first=lambda got: overflow if not np.isfinite(got).all() else ""))
    close(script, out, expected_out, what="out (q and k scaled by 100)", reproduce=inputs.reproduce,
          cause=lambda got: overflow if not np.isfinite(got).all() else "")


@scored(points=10, level=1)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, batch=BATCH, lq=st.integers(2, 4), lk=st.integers(1, 4), d_k=st.integers(1, 4))
@example(seed=9, batch=[2], lq=3, lk=3, d_k=2)
@example(seed=10, batch=[], lq=2, lk=1, d_k=1)
def test_a_query_with_nothing_to_attend_to_gets_zero_weights_and_zero_output(seed, batch, lq, lk, d_k):
    inputs, batch, q, k, v = sdpa_inputs(seed, batch, lq, lk, d_k, 3)
    mask = mask_of(inputs, "(Lq, Lk)", batch, lq, lk)
    inputs.then("mask[0, :] = False")
    mask[0, :] = False
    script = Script()
    out, weights = call_attention(script, inputs, q, k, v, mask)
    expected_out, expected_weights = model_attention(q, k, v, mask)

    def cause(got):
        row = got[..., 0, :]
        if not np.isfinite(row).all():
            return ("Row 0 of the mask is all False, and a row of -inf scores gives NaN (-inf minus a max of -inf): "
                    "a query with no allowed key gets all-zero weights and a zero output.")
        if (np.abs(row) > ATOL).any():
            return ("Row 0 of the mask is all False, so query 0 has nothing to attend to: its weights and its output "
                    "are zeros by the statement's rule (a finite fill such as -1e9 spreads the weight evenly "
                    "instead).")
        return ""

    close(script, weights, expected_weights, what="weights (row 0 of the mask all False)",
          reproduce=inputs.reproduce, cause=weights_cause(q, k, v, mask, expected_weights, first=cause))
    close(script, out, expected_out, what="out (row 0 of the mask all False)", reproduce=inputs.reproduce,
          cause=cause)


# ---------------------------------------------------------------------------------------------------------
# Level 2: multi-head attention


@scored(points=12, level=2)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, batch=st.integers(1, 2), seq=st.integers(1, 5), num_heads=st.integers(1, 4),
       d_head=st.integers(1, 3))
@example(seed=11, batch=2, seq=3, num_heads=2, d_head=2)
@example(seed=12, batch=1, seq=4, num_heads=4, d_head=3)
def test_multi_head_attention_matches_the_definition(seed, batch, seq, num_heads, d_head):
    inputs, x, weights = mha_inputs(seed, batch, seq, num_heads * d_head)
    script = Script()
    y = call_mha(script, x, weights, num_heads)
    expected = model_mha(x, *weights, num_heads)
    allowed = model_allowed(batch, seq, False, None)
    close(script, y, expected, what="y", reproduce=inputs.reproduce,
          cause=lambda got: _cause(got, expected, _mha_bugs(x, *weights, num_heads, allowed)))


@scored(points=5, level=2)
@settings(SETTINGS, max_examples=8)
@given(seed=SEEDS, batch=st.integers(1, 2), seq=st.integers(1, 5), d_model=st.integers(1, 6))
@example(seed=13, batch=2, seq=3, d_model=4)
def test_one_head_is_single_head_attention_through_the_projections(seed, batch, seq, d_model):
    inputs, x, (w_q, w_k, w_v, w_o) = mha_inputs(seed, batch, seq, d_model)
    script = Script()
    y = call_mha(script, x, (w_q, w_k, w_v, w_o), 1)
    expected = model_attention(x @ w_q, x @ w_k, x @ w_v)[0] @ w_o
    allowed = model_allowed(batch, seq, False, None)
    close(script, y, expected, what="y (one head: softmax((x @ w_q) (x @ w_k)^T / sqrt(d_model)) (x @ w_v) @ w_o)",
          reproduce=inputs.reproduce, cause=lambda got: _cause(got, expected, _mha_bugs(x, w_q, w_k, w_v, w_o, 1,
                                                                                        allowed)))


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=8)
@given(seed=SEEDS, batch=st.integers(1, 2), seq=st.integers(2, 5), num_heads=st.integers(1, 3),
       d_head=st.integers(1, 3))
@example(seed=14, batch=2, seq=4, num_heads=2, d_head=2)
def test_without_a_mask_permuting_the_positions_permutes_the_output(seed, batch, seq, num_heads, d_head):
    inputs, x, weights = mha_inputs(seed, batch, seq, num_heads * d_head)
    order = inputs.permutation("order", seq)
    if (order == np.arange(seq)).all():
        order = np.roll(order, 1)
        inputs.then("order = np.roll(order, 1)")
    script = Script()
    y = from_learner(call_mha(script, x, weights, num_heads))
    if y.shape != x.shape:
        close(script, y, model_mha(x, *weights, num_heads), what="y", reproduce=inputs.reproduce)
    expect_finite(script, y, "y", inputs.reproduce)  # y is the yardstick below: it must be numbers first
    shuffled = call_mha(script, x[:, order], weights, num_heads, name="y_shuffled", shown_x="x[:, order]")
    close(script, shuffled, y[:, order],
          what="y_shuffled (the output for x[:, order], compared with y[:, order])", reproduce=inputs.reproduce,
          cause=lambda got: "Without a mask, each position's output depends on the others only through "
          "attention, which ignores order: something in your code mixes positions (most often a reshape that "
          "splits or merges heads without the transpose).")


@scored(points=7, level=2)
def test_num_heads_must_be_a_positive_divisor_of_d_model():
    for d_model, num_heads in ((6, 4), (4, 8), (6, 0), (6, -3)):
        inputs, x, weights = mha_inputs(15, 1, 2, d_model)
        script = Script()
        script.expect_raises(
            ValueError, lambda: call_mha(script, x, weights, num_heads),
            f"multi_head_attention with d_model={d_model} and num_heads={num_heads} {{got}}; num_heads must be a "
            "positive divisor of d_model, so it must raise {expected} (raise it yourself, before any reshape).")


# ---------------------------------------------------------------------------------------------------------
# Level 3: causal and padding masks


@scored(points=7, level=3)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, batch=st.integers(1, 2), seq=st.integers(2, 5), num_heads=st.integers(1, 3),
       d_head=st.integers(1, 2), pick=st.integers(0, 3))
@example(seed=16, batch=1, seq=4, num_heads=2, d_head=2, pick=1)
@example(seed=21, batch=2, seq=2, num_heads=1, d_head=2, pick=0)
def test_causal_output_at_a_position_ignores_later_tokens(seed, batch, seq, num_heads, d_head, pick):
    position = pick % (seq - 1)  # the last position that keeps at least one later token to change
    inputs, x, weights = mha_inputs(seed, batch, seq, num_heads * d_head)
    changed = x.copy()
    changed[:, position + 1:] = inputs.normal("later", (batch, seq - position - 1, num_heads * d_head))
    inputs.then(f"changed = x.copy(); changed[:, {position + 1}:] = later")
    script = Script()
    y = from_learner(call_mha(script, x, weights, num_heads, causal=True))
    y_changed = from_learner(call_mha(script, changed, weights, num_heads, name="y_changed", shown_x="changed",
                                      causal=True))
    upto = slice(0, position + 1)
    expected = model_mha(x, *weights, num_heads, causal=True)
    if y.shape != expected.shape:
        close(script, y, expected, what="y", reproduce=inputs.reproduce)
    expect_finite(script, y, "y (causal=True)", inputs.reproduce)  # the yardstick below: numbers first
    close(script, y_changed[:, upto] if y_changed.shape == y.shape else y_changed, y[:, upto],
          what=f"y_changed[:, :{position + 1}] (only tokens after position {position} changed)",
          reproduce=inputs.reproduce,
          cause=lambda got: f"With causal=True, the output at positions 0..{position} must not depend on the tokens "
          f"after position {position}: position i attends only to positions j <= i.")


@scored(points=7, level=3)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, batch=st.integers(1, 3), seq=st.integers(2, 5), num_heads=st.integers(1, 3),
       d_head=st.integers(1, 2))
@example(seed=17, batch=2, seq=4, num_heads=2, d_head=2)
def test_padded_keys_do_not_change_the_output(seed, batch, seq, num_heads, d_head):
    d_model = num_heads * d_head
    inputs, x, weights = mha_inputs(seed, batch, seq, d_model)
    padding = inputs.bools("padding", (batch, seq), 0.4)
    inputs.then("padding[:, 0] = False")
    padding[:, 0] = False
    changed = x.copy()
    changed[padding] = inputs.normal("noise", (int(padding.sum()), d_model))
    inputs.then("changed = x.copy(); changed[padding] = noise")
    script = Script()
    expected = model_mha(x, *weights, num_heads, padding=padding)
    y = from_learner(call_mha(script, x, weights, num_heads, key_padding_mask=padding))
    if y.shape != expected.shape:
        close(script, y, expected, what="y", reproduce=inputs.reproduce)
    expect_finite(script, y, "y (with key_padding_mask=padding)", inputs.reproduce)  # the yardstick below
    y_changed = from_learner(call_mha(script, changed, weights, num_heads, name="y_changed", shown_x="changed",
                                      key_padding_mask=padding))
    if y_changed.shape != expected.shape:
        close(script, y_changed, model_mha(changed, *weights, num_heads, padding=padding), what="y_changed",
              reproduce=inputs.reproduce)
    close(script, y_changed[~padding], y[~padding], what="y_changed[~padding] (only padded tokens changed)",
          reproduce=inputs.reproduce,
          cause=lambda got: "Changing only the padded tokens changed the output of real ones: where padding is True "
          "the token is padding, and no query may attend to it.")
    close(script, y, expected, what="y (with key_padding_mask=padding)", reproduce=inputs.reproduce,
          cause=lambda got: "Where padding is True the token is padding: no query may attend to it."
          if not np.allclose(got[~padding], expected[~padding], rtol=RTOL, atol=ATOL) else
          "The rows of real tokens are right, the rows of padded positions are not: padded positions are queries "
          "like any other, and their rows are computed too (attending to the real tokens).")


@scored(points=6, level=3)
@settings(SETTINGS, max_examples=10)
@given(seed=SEEDS, batch=st.integers(1, 3), seq=st.integers(1, 5), num_heads=st.integers(1, 3),
       d_head=st.integers(1, 2), causal=st.booleans(), padded=st.booleans())
@example(seed=18, batch=2, seq=4, num_heads=2, d_head=2, causal=True, padded=True)
@example(seed=19, batch=2, seq=3, num_heads=1, d_head=2, causal=True, padded=False)
def test_causal_and_padding_masks_combine(seed, batch, seq, num_heads, d_head, causal, padded):
    inputs, x, weights = mha_inputs(seed, batch, seq, num_heads * d_head)
    padding = inputs.bools("padding", (batch, seq), 0.4) if padded else None
    script = Script()
    y = call_mha(script, x, weights, num_heads, causal=causal, key_padding_mask=padding)
    expected = model_mha(x, *weights, num_heads, causal=causal, padding=padding)
    rules = {"causal": model_mha(x, *weights, num_heads, causal=causal), "padding": model_mha(
        x, *weights, num_heads, padding=padding)}

    def cause(got):
        if causal and padded:
            for rule, other in (("causal", "padding"), ("padding", "causal")):
                if not np.allclose(rules[rule], expected) and np.allclose(got, rules[rule], rtol=RTOL, atol=ATOL):
                    return (f"It matches the {rule} mask alone: with both, a query attends to a key only if both "
                            f"rules allow it (combine them with a logical and).")
        return ""

    close(script, y, expected, what=f"y (causal={causal}, key_padding_mask={'padding' if padded else None})",
          reproduce=inputs.reproduce, cause=cause)


@scored(points=5, level=3)
def test_a_query_with_no_key_to_attend_to_outputs_zeros():
    cases = [  # (causal, padding): every key of batch row 1 padded; causal with the first tokens padded
        (False, np.array([[False, True, False], [True, True, True]])),
        (True, np.array([[True, False, False], [True, True, False]])),
    ]
    for causal, padding in cases:
        inputs, x, weights = mha_inputs(20, 2, 3, 4)
        inputs.then(f"padding = np.array({padding.tolist()})")
        script = Script()
        y = call_mha(script, x, weights, 2, causal=causal, key_padding_mask=padding)
        expected = model_mha(x, *weights, 2, causal=causal, padding=padding)
        nothing = ~model_allowed(2, 3, causal, padding).any(axis=-1)  # (batch, seq): queries with no key

        def cause(got, nothing=nothing):
            rows = got[nothing]
            if not np.isfinite(rows).all():
                return ("The NaN rows are queries with no key to attend to; their output is zeros by the "
                        "statement's rule.")
            if (np.abs(rows) > ATOL).any():
                return ("The wrong rows are queries with no key to attend to; their output is zeros by the "
                        "statement's rule (a finite fill such as -1e9 averages the values instead).")
            return ""

        where = ", ".join(f"y[{b}, {i}]" for b, i in zip(*np.nonzero(nothing)))
        close(script, y, expected, what=f"y (causal={causal}; {where} ha{'ve' if nothing.sum() > 1 else 's'} "
              "no key to attend to)", reproduce=inputs.reproduce, cause=cause)


def _benchmark(module, batch=8, seq=128, d_model=256, num_heads=8):
    rng = np.random.default_rng(0)
    arrays = [rng.standard_normal((batch, seq, d_model))] + [
        rng.standard_normal((d_model, d_model)) / np.sqrt(d_model) for _ in range(4)]
    if module is solution() and uses_torch():
        import torch

        arrays = [torch.from_numpy(a) for a in arrays]
    return lambda: module.multi_head_attention(*arrays, num_heads, causal=True)


# For `grade compare`: workloads timed on the user's module and the reference's, side by side.
BENCHMARKS = {
    "causal multi-head attention, batch 8, seq 128, d_model 256, 8 heads": _benchmark,
    "causal multi-head attention, batch 2, seq 512, d_model 512, 8 heads":
        lambda module: _benchmark(module, 2, 512, 512, 8),
}
