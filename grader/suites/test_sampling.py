"""Hidden tests for the sampling kata: softmax, top-k and top-p filters, and the sampler built from them.

Expected values come from small models written from the statement (a definition of softmax, masks built
by sorting (-logit, index) pairs, the nucleus as a running sum). Draws are checked by a chi-square test
at significance 1e-6 on a fixed seed, so a correct sampler passes every time and a biased one fails by a
wide margin. Inputs go through `to_learner` and outputs through `from_learner`, so a learner who writes
the kata in PyTorch is checked on the same properties.
"""

from __future__ import annotations

import operator
import random

import numpy as np
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from grader.harness import SETTINGS, PropertyFailed, Script, UserCodeRaised, scored, short, solution
from grader.harness.arrays import describe, expect_close, from_learner, to_learner, uses_torch

SEEDS = st.integers(0, 2**16)
KINDS = st.sampled_from(["ties", "masked", "normal"])
SIGNIFICANCE = "1e-6"
# Chi-square critical values at significance 1e-6, by degrees of freedom (the 1 - 1e-6 quantiles).
CHI2_CRITICAL = {1: 23.93, 2: 27.63, 3: 30.66, 4: 33.38, 5: 35.89, 6: 38.26, 7: 40.52, 8: 42.70, 9: 44.81}


# -- inputs ----------------------------------------------------------------------------------------

@st.composite
def shapes(draw, max_vocab: int = 8):
    """(..., V): no batch axis, one or two, each short; a vocabulary of 1 to max_vocab tokens."""
    batch = draw(st.lists(st.integers(1, 3), max_size=2))
    return (*batch, draw(st.integers(1, max_vocab)))


def make_logits(seed: int, shape: tuple[int, ...], kind: str) -> tuple[np.ndarray, str]:
    """Logits from a seeded generator, and the Python that rebuilds them (for messages).

    "ties" draws from five values, so rows are full of equal logits; "masked" also turns the value -2 into
    -inf (never in a row's last token, so every row keeps a finite logit); "normal" has no ties.
    """
    rng = np.random.default_rng(seed)
    if kind == "normal":
        return rng.standard_normal(shape) * 3, (f"rng = np.random.default_rng({seed}); "
                                                f"logits = rng.standard_normal({shape}) * 3")
    logits = rng.integers(-2, 3, size=shape).astype(float)
    text = f"rng = np.random.default_rng({seed}); logits = rng.integers(-2, 3, size={shape}).astype(float)"
    if kind == "masked":
        head = logits[..., :-1]
        head[head == -2] = -np.inf
        text += "; logits[..., :-1][logits[..., :-1] == -2] = -np.inf"
    return logits, text


def literal(array: np.ndarray) -> str:
    """np.array([...]) as Python, -inf included, for arrays small enough to read."""
    def item(value):
        if isinstance(value, list):
            return "[" + ", ".join(item(v) for v in value) + "]"
        return "-np.inf" if value == -np.inf else repr(float(value))
    return f"np.array({item(np.asarray(array).tolist())})"


def setup(script: Script, line: str) -> None:
    """A line of the replay script that builds an input (it calls nothing of the learner's)."""
    script.run("setup", lambda: None, shown=line)


def shown_logits(script: Script, logits: np.ndarray, rebuild: str) -> str:
    """Put the line that builds `logits` in the script; returns the text to quote in messages.

    Small arrays of short values are written out; others (and any array with a `rebuild` line) are rebuilt.
    """
    short_values = all(value == -np.inf or float(value).is_integer() for value in logits.flat)
    line = f"logits = {literal(logits)}" if logits.size <= 16 and short_values or not rebuild else rebuild
    setup(script, line)
    return line


def compact(row: np.ndarray) -> str:
    """A row's values for a message (4 significant digits), not for rebuilding it."""
    return "[" + ", ".join("-inf" if v == -np.inf else f"{v:.4g}" for v in row) + "]"


# -- models, written from the statement --------------------------------------------------------------

def model_softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    scaled = logits / temperature
    weights = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True)


def ranked(row: np.ndarray) -> list[int]:
    """Token ids from the largest logit down; equal logits in index order."""
    return sorted(range(len(row)), key=lambda i: (-row[i], i))


def kept_by_top_k(row: np.ndarray, k: int) -> list[int]:
    return sorted(ranked(row)[:k])


def running_sums(row: np.ndarray) -> tuple[list[int], np.ndarray]:
    """The tokens from most to least probable, and the cumulative sums of their probabilities."""
    order = ranked(row)
    return order, np.cumsum(model_softmax(row)[order])


def kept_by_top_p(row: np.ndarray, p: float) -> list[int]:
    if p == 1:
        return list(range(len(row)))
    order, sums = running_sums(row)
    size = int(np.argmax(sums >= p)) + 1 if (sums >= p).any() else len(row)
    return sorted(order[:size])


def filtered(logits: np.ndarray, keep) -> np.ndarray:
    """`logits` with every entry not kept (keep(row) lists the kept ids of a row) set to -inf."""
    out = np.full_like(logits, -np.inf)
    for index in np.ndindex(logits.shape[:-1]):
        kept = keep(logits[index])
        out[index + (kept,)] = logits[index + (kept,)]
    return out


def target_distribution(logits: np.ndarray, temperature: float = 1.0, top_k: int | None = None,
                        top_p: float | None = None) -> np.ndarray:
    """What sample draws from, by the statement: temperature, then top-k, then top-p, then softmax (1-D)."""
    scaled = logits / temperature
    if top_k is not None:
        scaled = filtered(scaled, lambda row: kept_by_top_k(row, top_k))
    if top_p is not None:
        scaled = filtered(scaled, lambda row: kept_by_top_p(row, top_p))
    return model_softmax(scaled)


def finite_ids(row: np.ndarray) -> list[int]:
    return [int(i) for i in np.flatnonzero(np.isfinite(row))]


# -- checks ------------------------------------------------------------------------------------------

def as_array(script: Script, got, expected_shape: tuple[int, ...], what: str, rebuild: str) -> np.ndarray:
    """The learner's returned array as float64 NumPy, after checking it is an array of the right shape."""
    try:
        array = from_learner(got)
    except Exception:
        array = None
    if array is None or array.dtype == object or array.dtype.kind not in "fiu":
        script.fail(f"{what} returned {short(got)}; expected a float array of shape {expected_shape}. {rebuild}",
                    got=got)
    if array.shape != expected_shape:
        script.note(f"got {describe(array)}")
        raise PropertyFailed(f"{what} returned an array of shape {tuple(array.shape)}; expected shape {expected_shape}, "
                             f"the shape of the logits. {rebuild}", script.render())
    return array.astype(np.float64)


def check_filter(script: Script, got, logits: np.ndarray, expected: np.ndarray, what: str, rebuild: str,
                 advice) -> None:
    """`got` equals `expected` entry for entry (-inf where removed); a failure names the first wrong row.

    advice(row, got_ids, expected_ids) says what the difference suggests.
    """
    array = as_array(script, got, expected.shape, what, rebuild)
    for index in np.ndindex(expected.shape[:-1]):
        row, got_row, expected_row = logits[index], array[index], expected[index]
        where = f"row {index}" if index else "the row"
        shown_row = f" (logits {compact(row)})" if row.size <= 12 else ""
        removed_wrongly = [i for i in range(row.size) if expected_row[i] == -np.inf and got_row[i] != -np.inf
                           and not got_row[i] == row[i]]
        if removed_wrongly:
            i = removed_wrongly[0]
            script.fail(f"{what} set index {i} of {where}{shown_row} to {got_row[i]!r}; a removed token must be -inf "
                        "exactly (float('-inf')), not a large negative number or 0. " + rebuild, show_got=False)
        changed = [i for i in range(row.size) if expected_row[i] != -np.inf and got_row[i] != -np.inf
                   and not np.isclose(got_row[i], row[i], rtol=1e-6, atol=1e-9)]
        if changed:
            i = changed[0]
            script.fail(f"{what} returned {got_row[i]:.6g} at index {i} of {where}{shown_row}, whose logit is "
                        f"{row[i]:.6g}: kept entries keep their logit unchanged (a filter returns logits, not "
                        "probabilities, and does not rescale them). " + rebuild, show_got=False)
        got_ids, expected_ids = finite_ids(got_row), finite_ids(expected_row)
        if got_ids != expected_ids:
            script.fail(f"{what} kept indices {got_ids} of {where}{shown_row}; expected {expected_ids}. "
                        f"{advice(row, got_ids, expected_ids)} {rebuild}", show_got=False)


def as_token(value) -> int | None:
    """An integer scalar of any flavour (int, np.int64, a 0-d integer tensor) as an int; None otherwise."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def tokens_of(script: Script, got, shape: tuple[int, ...], vocab: int, what: str) -> np.ndarray:
    """The tokens a call returned, as an int array of `shape` (() for 1-D logits), each in range(vocab)."""
    if shape == ():
        token = as_token(got)
        if token is None:
            script.fail(f"{what} returned {short(got)} for 1-D logits; expected a token id, an int.", got=got)
        tokens = np.array(token)
    else:
        try:
            tokens = from_learner(got)
        except Exception:
            tokens = None
        if tokens is None or tokens.shape != shape or tokens.dtype.kind not in "iu":
            script.fail(f"{what} returned {describe(got) if tokens is not None else short(got)} for logits with "
                        f"batch shape {shape}; expected an integer array of shape {shape}, one token per row.",
                        got=got)
    outside = tokens[(tokens < 0) | (tokens >= vocab)]
    if outside.size:
        script.fail(f"{what} returned token {int(outside.flat[0])}, which is not a token id: ids run from 0 to "
                    f"{vocab - 1} (the last axis of the logits).", show_got=False)
    return tokens.astype(np.int64)


def chi_square(counts: np.ndarray, probabilities: np.ndarray) -> tuple[float, float]:
    """The statistic over the tokens of nonzero probability, and its critical value at significance 1e-6."""
    support = probabilities > 0
    expected = probabilities[support] * counts.sum()
    statistic = float((((counts[support] - expected) ** 2) / expected).sum())
    return statistic, CHI2_CRITICAL.get(int(support.sum()) - 1, float("inf"))


def fits(counts: np.ndarray, probabilities: np.ndarray) -> bool:
    if (counts[probabilities == 0] > 0).any():
        return False
    statistic, critical = chi_square(counts, probabilities)
    return statistic <= critical


def rounded(values) -> str:
    return "[" + ", ".join(f"{v:.3f}" for v in values) + "]"


def check_distribution(script: Script, tokens: np.ndarray, probabilities: np.ndarray, what: str, setting: str,
                       suspects: dict[str, np.ndarray]) -> None:
    """The tokens drawn fit `probabilities`: none of probability 0, and a chi-square test at 1e-6.

    `suspects` maps a likely mistake to the distribution it would draw from: the one the counts fit is named.
    """
    counts = np.bincount(tokens.ravel(), minlength=probabilities.size)
    draws = int(counts.sum())
    impossible = [i for i in range(probabilities.size) if probabilities[i] == 0 and counts[i] > 0]
    if impossible:
        head = (f"{what} drew token {impossible[0]} ({counts[impossible[0]]} times in {draws} draws), whose "
                f"probability is 0 {setting}.")
    else:
        statistic, critical = chi_square(counts, probabilities)
        if statistic <= critical:
            return
        head = (f"{what}: over {draws} draws the tokens came {list(map(int, counts))} times; the expected "
                f"probabilities {setting} are {rounded(probabilities)}, about {list(map(int, np.round(probabilities * draws)))} "
                f"times. A chi-square test rejects that at significance {SIGNIFICANCE} (statistic {statistic:.1f}, "
                f"critical value {critical:.1f}).")
    for mistake, distribution in suspects.items():
        if fits(counts, distribution):
            script.fail(f"{head} The counts fit {rounded(distribution)} instead, the distribution you get when "
                        f"{mistake} {FIX_FILTERS_FIRST}", show_got=False)
    script.fail(f"{head} Divide the logits by the temperature, filter (top-k, then top-p), take the softmax, and "
                f"draw token i with exactly that probability. {FIX_FILTERS_FIRST}", show_got=False)


FIX_FILTERS_FIRST = "(If softmax, top_k_filter or top_p_filter fails a test of its own, fix that first.)"


def call(script: Script, name: str, shown: str, *args, **kwargs):
    return script.run(name, getattr(solution(), name), *args, shown=shown, **kwargs)


# ---------------------------------------------------------------------------------------------------
# Level 1: softmax


@scored(points=10, level=1)
@settings(SETTINGS, max_examples=15)
@given(seed=SEEDS, shape=shapes(), kind=KINDS, temperature=st.sampled_from([1.0, 0.5, 2.0, 0.25, 5.0]))
@example(seed=0, shape=(4,), kind="normal", temperature=1.0)
@example(seed=1, shape=(3, 5), kind="normal", temperature=2.0)
@example(seed=2, shape=(2, 2, 3), kind="normal", temperature=0.5)
@example(seed=3, shape=(1,), kind="normal", temperature=1.0)
def test_softmax_matches_the_definition_on_any_batch_shape(seed, shape, kind, temperature):
    logits, rebuild = make_logits(seed, shape, kind)
    script = Script()
    text = shown_logits(script, logits, rebuild)
    shown = "softmax(logits)" if temperature == 1.0 else f"softmax(logits, {temperature})"
    # The default temperature is exercised by calling without it.
    args = (to_learner(logits),) if temperature == 1.0 else (to_learner(logits), temperature)
    got = call(script, "softmax", shown, *args)
    expected = model_softmax(logits, temperature)
    advice = softmax_advice(got, logits, temperature) or (
        f"Each row along the last axis is exp(logits / {temperature}) divided by the row's sum.")
    expect_close(script, got, expected, what=shown, rtol=1e-6, atol=1e-9, reproduce=f"{advice} Inputs: {text}.")


def softmax_advice(got, logits: np.ndarray, temperature: float) -> str:
    """What a wrong softmax output suggests, from the output itself."""
    try:
        array = from_learner(got).astype(np.float64)
    except Exception:
        return ""
    if array.shape != logits.shape:
        return ""
    for candidate, advice in ((logits * temperature, f"It matches softmax(logits * {temperature}): divide by the "
                               "temperature, do not multiply."),
                              (logits, "It matches softmax(logits): divide the logits by the temperature first.")):
        if temperature != 1.0 and np.allclose(array, model_softmax(candidate), rtol=1e-6, atol=1e-9):
            return advice
    if np.isfinite(array).all() and not np.allclose(array.sum(axis=-1), 1.0):  # NaN or inf: a stability bug
        return ("Its rows do not each sum to 1: normalise each row along the LAST axis "
                "(sum(axis=-1, keepdims=True)); every leading axis is a batch axis.")
    return ""


@scored(points=8, level=1)
def test_extreme_logits_give_finite_probabilities():
    cases = [
        (np.array([1e4, 1e4 - 1, -1e4]), 1.0),
        (np.array([-1e4, -1e4]), 1.0),
        (np.array([100.0, 99.0, 0.0]), 0.01),
        (np.array([[1e4, 1e4 - 2, 0.0], [-1e4, -1e4 + 1, -1e4 + 3]]), 1.0),
        (np.array([[5.0, 3.0], [-1e4, -1e4 - 1]]), 1.0),
    ]
    for logits, temperature in cases:
        script = Script()
        text = shown_logits(script, logits, "")
        shown = "softmax(logits)" if temperature == 1.0 else f"softmax(logits, {temperature})"
        got = call(script, "softmax", shown, to_learner(logits), temperature)
        if logits.ndim == 1:
            hint = (f"exp of {logits.max() / temperature:g} overflows (or exp of {logits.min() / temperature:g} "
                    "underflows to 0, then 0/0): subtract the row's maximum from the scaled logits before exp, "
                    "which changes nothing mathematically.")
        else:
            hint = ("The rows are on very different scales: subtract each row's OWN maximum "
                    "(max(axis=-1, keepdims=True)); one maximum for the whole batch underflows a row of smaller "
                    "logits to 0/0.")
        expect_close(script, got, model_softmax(logits, temperature), what=shown, rtol=1e-6, atol=1e-9,
                     reproduce=f"Inputs: {text}. {softmax_advice(got, logits, temperature) or hint}")


@scored(points=3, level=1)
def test_masked_logits_get_probability_zero():
    for logits in (np.array([0.0, -np.inf, 1.0, -np.inf]), np.array([[-np.inf, 2.0, 2.0], [5.0, -np.inf, -np.inf]])):
        script = Script()
        text = shown_logits(script, logits, "")
        got = call(script, "softmax", "softmax(logits)", to_learner(logits))
        array = as_array(script, got, logits.shape, "softmax(logits)", f"Inputs: {text}.")
        masked = np.isneginf(logits)
        if not (array[masked] == 0).all():
            index = tuple(int(i) for i in np.argwhere(masked & (array != 0))[0])
            script.fail(f"softmax(logits) gave {array[index]!r} at index {index}, whose logit is -inf; a masked "
                        f"token has probability exactly 0. Inputs: {text}.", show_got=False)
        expect_close(script, got, model_softmax(logits), what="softmax(logits)",
                     reproduce=f"The finite logits share the whole probability. Inputs: {text}.", rtol=1e-6, atol=1e-9)


@scored(points=4, level=1)
def test_softmax_rejects_a_temperature_of_zero_or_below():
    logits = np.array([1.0, 2.0, 3.0])
    for temperature in (0.0, 0, -1.0):
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        script.expect_raises(ValueError, lambda: call(script, "softmax", f"softmax(logits, {temperature!r})",
                                                      to_learner(logits), temperature),
                             f"softmax(logits, {temperature!r}) {{got}}; a temperature of 0 or below must raise "
                             "{expected} (dividing by it gives inf or flips the distribution).")


# ---------------------------------------------------------------------------------------------------
# Level 2: top-k and top-p filters


def top_k_advice(k: int):
    def advice(row, got_ids, expected_ids):
        if not expected_ids:
            return ""
        boundary = row[expected_ids].min()
        extra = sorted(set(got_ids) - set(expected_ids))
        if len(got_ids) > len(expected_ids) and all(row[i] == boundary for i in extra):
            return (f"It kept every logit equal to the k-th largest ({boundary:g}): keep exactly k = {k}, and among "
                    "equal logits the lower index first (`logits < kth_value` keeps all the ties).")
        if sorted(row[got_ids]) == sorted(row[expected_ids]):
            return ("The same values, at other indices: among equal logits the lower index is kept first (sort by "
                    "(-logit, index), or a stable sort of -logits; an ascending sort reversed, argpartition and "
                    "torch.topk do not promise that order).")
        return f"Keep the {k} largest logits of each row along the last axis, and set the others to -inf."
    return advice


@scored(points=10, level=2)
@settings(SETTINGS, max_examples=20)
@given(seed=SEEDS, shape=shapes(), kind=KINDS, k=st.integers(1, 8))
@example(seed=4, shape=(2, 40), kind="ties", k=5)
@example(seed=4, shape=(3, 1), kind="normal", k=1)
def test_top_k_keeps_exactly_the_k_largest_of_each_row(seed, shape, kind, k):
    k = min(k, shape[-1])  # k past the vocabulary has a test of its own
    logits, rebuild = make_logits(seed, shape, kind)
    script = Script()
    text = shown_logits(script, logits, rebuild)
    shown = f"top_k_filter(logits, {k})"
    got = call(script, "top_k_filter", shown, to_learner(logits), k)
    check_filter(script, got, logits, filtered(logits, lambda row: kept_by_top_k(row, k)), shown,
                 f"Inputs: {text}.", top_k_advice(k))


@scored(points=5, level=2)
def test_top_k_breaks_ties_by_the_lower_index():
    rng = np.random.default_rng(11)
    cases = [
        (np.array([1.0, 3.0, 3.0, 3.0]), 2, ""),
        (np.array([2.0, 2.0, 2.0, 2.0]), 1, ""),
        (np.array([0.0, 5.0, 0.0, 5.0, 0.0]), 3, ""),
        (np.array([[-np.inf, 1.0, 1.0], [4.0, 0.0, 4.0]]), 1, ""),
        (rng.integers(0, 3, size=(4, 40)).astype(float), 7,
         "rng = np.random.default_rng(11); logits = rng.integers(0, 3, size=(4, 40)).astype(float)"),
    ]
    for logits, k, rebuild in cases:
        script = Script()
        text = shown_logits(script, logits, rebuild)
        shown = f"top_k_filter(logits, {k})"
        got = call(script, "top_k_filter", shown, to_learner(logits), k)
        check_filter(script, got, logits, filtered(logits, lambda row: kept_by_top_k(row, k)), shown,
                     f"Inputs: {text}.", top_k_advice(k))


@scored(points=3, level=2)
def test_top_k_larger_than_the_vocabulary_keeps_every_token():
    for logits, k in ((np.array([0.5, -1.0, 2.0]), 4), (np.array([[1.0, 2.0], [3.0, -np.inf]]), 10)):
        script = Script()
        text = shown_logits(script, logits, "")
        shown = f"top_k_filter(logits, {k})"
        try:
            got = call(script, "top_k_filter", shown, to_learner(logits), k)
        except UserCodeRaised as exc:
            if isinstance(exc.original, NotImplementedError):
                raise
            raise PropertyFailed(f"{exc.message}. A k larger than the vocabulary ({logits.shape[-1]} tokens) keeps "
                                 f"the whole row: take min(k, V). Inputs: {text}.", exc.script) from None
        check_filter(script, got, logits, logits.copy(), shown, f"A k larger than the vocabulary keeps the whole "
                     f"row. Inputs: {text}.", lambda row, got_ids, expected_ids: "")


def top_p_advice(p: float):
    def advice(row, got_ids, expected_ids):
        order, sums = running_sums(row)
        size, size_expected = len(got_ids), len(expected_ids)
        if size == 0:
            return ("It removed every token, but the nucleus is never empty: keep a token when the tokens ranked "
                    "BEFORE it sum to less than p, which always keeps the most probable token, and keeps the token "
                    "whose probability makes the running sum reach p.")
        if got_ids == sorted(order[:size]):
            if size < size_expected:
                return (f"The tokens it kept sum to {sums[size - 1]:.6g}, less than p = {p!r}: keep "
                        "the token that makes the running sum reach p too (keep a token when the tokens BEFORE it "
                        "sum to less than p).")
            return (f"Keeping the {most_probable(size_expected)} already reaches {sums[size_expected - 1]:.6g} >= "
                    f"p = {p!r}: stop at the first token where the running sum reaches p (>= p, not > p).")
        probabilities = model_softmax(row)
        if sorted(probabilities[got_ids]) == sorted(probabilities[order[:size]]):
            return ("Among equal probabilities the lower index comes first (a stable descending sort, or sort by "
                    "(-probability, index)).")
        return ("The nucleus is made of the MOST PROBABLE tokens: sort the probabilities in descending order, then "
                "take the running sum in that order (not in token order).")
    return advice


def most_probable(count: int) -> str:
    return "most probable token" if count == 1 else f"{count} most probable tokens"


def near_a_running_sum(logits: np.ndarray, p: float) -> bool:
    """p within 1e-9 of a cumulative sum: the statement leaves such rounding cases out."""
    return any(np.min(np.abs(running_sums(logits[index])[1] - p)) < 1e-9 for index in np.ndindex(logits.shape[:-1]))


@scored(points=12, level=2)
@settings(SETTINGS, max_examples=25)
@given(seed=SEEDS, shape=shapes(), kind=KINDS,
       p=st.sampled_from([0.05, 0.3, 0.5, 0.7, 0.9, 0.99]) | st.floats(0.01, 0.999))
@example(seed=5, shape=(3, 6), kind="normal", p=0.05)
@example(seed=6, shape=(2, 30), kind="ties", p=0.6)
def test_top_p_keeps_the_shortest_run_of_most_probable_tokens_reaching_p(seed, shape, kind, p):
    logits, rebuild = make_logits(seed, shape, kind)
    assume(not near_a_running_sum(logits, p))
    script = Script()
    text = shown_logits(script, logits, rebuild)
    shown = f"top_p_filter(logits, {p!r})"
    got = call(script, "top_p_filter", shown, to_learner(logits), p)
    check_filter(script, got, logits, filtered(logits, lambda row: kept_by_top_p(row, p)), shown,
                 f"Inputs: {text}.", top_p_advice(p))


@scored(points=4, level=2)
def test_top_p_stops_at_the_token_whose_probability_reaches_p():
    # Powers of two of equal logits: the probabilities and their running sums are exact in floating point.
    cases = [
        (np.zeros(4), 0.5), (np.zeros(4), 0.25), (np.zeros(4), 0.75), (np.zeros(4), 0.5000001), (np.zeros(4), 0.4999),
        (np.array([3.0, 3.0, -np.inf, 3.0, 3.0]), 0.5),
        (np.array([[0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0], [2.0, 2.0, -np.inf, -np.inf]]), 0.5),
    ]
    for logits, p in cases:
        script = Script()
        text = shown_logits(script, logits, "")
        shown = f"top_p_filter(logits, {p!r})"
        got = call(script, "top_p_filter", shown, to_learner(logits), p)
        check_filter(script, got, logits, filtered(logits, lambda row: kept_by_top_p(row, p)), shown,
                     f"The probabilities here are exact powers of two. Inputs: {text}.", top_p_advice(p))


@scored(points=2, level=2)
def test_top_p_of_one_keeps_every_token():
    for logits in (np.array([0.0, -40.0, -45.0]), np.array([[5.0, 5.0, -50.0], [1.0, -np.inf, -60.0]])):
        script = Script()
        text = shown_logits(script, logits, "")
        got = call(script, "top_p_filter", "top_p_filter(logits, 1.0)", to_learner(logits), 1.0)
        check_filter(script, got, logits, logits.copy(), "top_p_filter(logits, 1.0)",
                     f"Inputs: {text}.", lambda row, got_ids, expected_ids: (
                         "p = 1 keeps every token: here the running sum reaches 1.0 before the last tokens, whose "
                         "probabilities round away, so return the logits unfiltered when p == 1."))


@scored(points=2, level=2)
def test_no_function_modifies_its_input():
    logits = np.array([[2.0, -1.0, 0.5, 3.0], [0.0, 0.0, 1.0, -np.inf]])
    for name, args in (("softmax", (0.5,)), ("top_k_filter", (2,)), ("top_p_filter", (0.6,))):
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        given_logits = to_learner(logits)
        shown = f"{name}(logits, {args[0]!r})"
        call(script, name, shown, given_logits, *args)
        after = from_learner(given_logits)
        if not np.array_equal(after, logits):
            script.fail(f"After {shown}, logits is {literal(after)}: the function wrote into its input. Work on a "
                        "copy (logits.copy(), or an out-of-place operation): the caller still needs its logits.",
                        show_got=False)


@scored(points=2, level=2)
def test_bad_k_or_p_is_rejected():
    logits = np.array([1.0, 2.0, 3.0])
    for k in (0, -1):
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        script.expect_raises(ValueError, lambda: call(script, "top_k_filter", f"top_k_filter(logits, {k})",
                                                      to_learner(logits), k),
                             f"top_k_filter(logits, {k}) {{got}}; k must be at least 1, so it must raise {{expected}}.")
    for p in (0.0, -0.5, 1.5, 1.0000001):
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        script.expect_raises(ValueError, lambda: call(script, "top_p_filter", f"top_p_filter(logits, {p!r})",
                                                      to_learner(logits), p),
                             f"top_p_filter(logits, {p!r}) {{got}}; p must satisfy 0 < p <= 1, so it must raise "
                             "{expected}.")


# ---------------------------------------------------------------------------------------------------
# Level 3: sampling


def options(**kwargs) -> str:
    return "".join(f", {name}={value!r}" for name, value in kwargs.items())


def draw_many(script: Script, logits: np.ndarray, draws: int, seed: int, **kwargs) -> np.ndarray:
    """`draws` calls of sample on 1-D logits with one generator: the tokens, as an int array."""
    rng = np.random.default_rng(seed)
    setup(script, f"rng = np.random.default_rng({seed})")
    given_logits = to_learner(logits)
    fn = solution().sample
    shown = f"sample(logits, rng{options(**kwargs)})"
    results = script.run("sample", lambda: [fn(given_logits, rng, **kwargs) for _ in range(draws)],
                         shown=f"tokens = [{shown} for _ in range({draws})]")
    tokens = np.array([int(tokens_of(script, result, (), logits.size, shown)) for result in results])
    after = from_learner(given_logits)
    if not np.array_equal(after, logits):
        script.fail(f"After {shown}, logits is {literal(after)}: sample wrote into its input (`logits /= temperature` "
                    "divides the caller's array in place). Work on a copy.", show_got=False)
    return tokens


@scored(points=6, level=3)
def test_temperature_zero_is_greedy_with_ties_to_the_lowest_index():
    cases = [
        (np.array([1.0, 3.0, 3.0, 0.0]), {}),
        (np.array([2.0, 2.0, 2.0]), {}),
        (np.array([-np.inf, 5.0, 5.0]), {"top_k": 1}),
        (np.array([0.0]), {}),
        (np.array([-1.0, 4.0, 4.0, 4.0, 0.0]), {"top_k": 2, "top_p": 0.5}),
    ]
    for logits, kwargs in cases:
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        tokens = draw_many(script, logits, 20, 0, temperature=0, **kwargs)
        expected = int(np.argmax(logits))
        if (tokens != expected).any():
            script.fail(f"With temperature=0{options(**kwargs)}, sample returned token {int(tokens[tokens != expected][0])} "
                        f"(of 20 calls, {int((tokens != expected).sum())} were not {expected}); temperature 0 is greedy: "
                        f"the largest logit, ties to the lowest index ({expected} here), every time: no draw, and no "
                        "tiny temperature standing in for 0.", show_got=False)
    logits = np.array([[0.0, 1.0, 1.0], [4.0, 4.0, 0.0], [-1.0, -1.0, -1.0]])
    script = Script()
    setup(script, f"logits = {literal(logits)}")
    setup(script, "rng = np.random.default_rng(0)")
    got = call(script, "sample", "sample(logits, rng, temperature=0)", to_learner(logits), np.random.default_rng(0),
               temperature=0)
    tokens = tokens_of(script, got, (3,), 3, "sample(logits, rng, temperature=0)")
    if tokens.tolist() != [1, 0, 0]:
        script.fail(f"sample(logits, rng, temperature=0) returned tokens {tokens.tolist()}; expected [1, 0, 0]: the "
                    "largest logit of each row, ties to the lowest index.", show_got=False)


DISTRIBUTION_CASES = [
    (np.array([1.0, 0.0, 0.5, -1.0, 2.0]), 1.0),
    (np.array([1.0, 0.0, 0.5, -1.0, 2.0]), 2.0),
    (np.array([0.6, 0.0, 1.2, -0.3]), 0.5),
]


@scored(points=8, level=3)
def test_samples_follow_the_softmax_distribution():
    for number, (logits, temperature) in enumerate(DISTRIBUTION_CASES):
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        kwargs = {} if temperature == 1.0 else {"temperature": temperature}
        tokens = draw_many(script, logits, 600, number, **kwargs)
        suspects = {} if temperature == 1.0 else {
            f"the logits are multiplied by the temperature: divide them by it (logits / {temperature}).":
                model_softmax(logits * temperature),
            "the temperature is ignored: divide the logits by it before the softmax.": model_softmax(logits),
        }
        suspects["every token is drawn with the same probability: draw token i with probability softmax(...)[i]."] = (
            np.full(logits.size, 1 / logits.size))
        check_distribution(script, tokens, target_distribution(logits, temperature),
                           f"sample(logits, rng{options(**kwargs)})",
                           f"(softmax(logits / {temperature}))", suspects)


@scored(points=8, level=3)
def test_filters_apply_after_temperature_in_the_order_top_k_then_top_p():
    cases = [
        (np.log(np.array([0.5, 0.3, 0.2])), "logits = np.log(np.array([0.5, 0.3, 0.2]))", {"top_k": 2, "top_p": 0.6}),
        (np.array([2.0, 1.0, 0.0, -1.0]), "", {"temperature": 2.0, "top_p": 0.75}),
        (np.array([0.0, 1.0, 2.0, 1.5, -3.0]), "", {"temperature": 0.5, "top_k": 3, "top_p": 0.9}),
        (np.array([0.3, 1.0, -0.5, 1.0, 0.2, 0.8]), "", {"temperature": 3.0, "top_k": 4}),
    ]
    for number, (logits, rebuild, kwargs) in enumerate(cases):
        script = Script()
        setup(script, rebuild or f"logits = {literal(logits)}")
        tokens = draw_many(script, logits, 400, 10 + number, **kwargs)
        temperature, top_k, top_p = kwargs.get("temperature", 1.0), kwargs.get("top_k"), kwargs.get("top_p")
        suspects = {}
        if top_k is not None and top_p is not None:
            suspects["top-p is applied before top-k: the order is top-k first, then top-p on the "
                     "temperature-scaled, top-k-filtered logits."] = model_softmax(
                filtered(filtered(logits / temperature, lambda row: kept_by_top_p(row, top_p)),
                         lambda row: kept_by_top_k(row, top_k)))
        if top_p is not None and temperature != 1.0:
            suspects["top-p chooses its tokens before the temperature is applied: divide by the temperature "
                     "first, then filter."] = (
                model_softmax(np.where(np.isfinite(filtered(logits, lambda row: kept_by_top_p(row, top_p))),
                                       logits / temperature, -np.inf)))
        if temperature != 1.0:
            suspects["the logits are multiplied by the temperature: divide them by it."] = target_distribution(
                logits * temperature * temperature, temperature, top_k, top_p)
        setting = f"(temperature {temperature:g}, then{f' top_k={top_k}' if top_k else ''}" \
                  f"{',' if top_k and top_p else ''}{f' top_p={top_p}' if top_p else ''}, then softmax)"
        check_distribution(script, tokens, target_distribution(logits, temperature, top_k, top_p),
                           f"sample(logits, rng{options(**kwargs)})", setting, suspects)


@scored(points=5, level=3)
def test_batched_rows_are_drawn_independently():
    rows = np.array([[0.0, 0.0, 0.0, 0.0], [2.0, 0.0, -1.0, -np.inf]])
    logits = np.broadcast_to(rows, (1000, 2, 4)).copy()
    script = Script()
    setup(script, f"logits = np.broadcast_to({literal(rows)}, (1000, 2, 4)).copy()")
    setup(script, "rng = np.random.default_rng(3)")
    got = call(script, "sample", "tokens = sample(logits, rng)", to_learner(logits), np.random.default_rng(3))
    tokens = tokens_of(script, got, (1000, 2), 4, "sample(logits, rng)")
    for column in range(2):
        drawn = tokens[:, column]
        if (drawn == drawn[0]).all():
            script.fail(f"All 1000 rows logits[:, {column}] drew token {int(drawn[0])}, in one call: the rows are not "
                        "drawn independently. Draw one random number per row (rng.random(batch_shape)), not one "
                        "for the whole batch.", show_got=False)
        check_distribution(script, drawn, model_softmax(rows[column]), f"sample(logits, rng)[:, {column}]",
                           f"(softmax of the row {literal(rows[column])[9:-1]})", {})


@scored(points=4, level=3)
def test_one_dimensional_logits_give_an_int_and_batches_an_array():
    logits = np.array([0.5, 2.0, -1.0, 1.0])
    for kwargs in ({}, {"temperature": 0}, {"top_k": 2, "top_p": 0.9}):
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        setup(script, "rng = np.random.default_rng(0)")
        shown = f"sample(logits, rng{options(**kwargs)})"
        got = call(script, "sample", shown, to_learner(logits), np.random.default_rng(0), **kwargs)
        if type(got) is not int:
            script.fail(f"{shown} returned {short(got)}, a {type(got).__module__}.{type(got).__qualname__}; 1-D logits "
                        "give a Python int (wrap the token in int(...); .item() on a tensor).", got=got)
    flavour = "a torch tensor or a NumPy array" if uses_torch() else "a NumPy array"
    for shape in ((1, 4), (3, 4), (2, 3, 4)):
        for kwargs in ({}, {"temperature": 0}):
            batch = np.broadcast_to(logits, shape).copy()
            script = Script()
            setup(script, f"logits = np.broadcast_to({literal(logits)}, {shape}).copy()")
            setup(script, "rng = np.random.default_rng(0)")
            shown = f"sample(logits, rng{options(**kwargs)})"
            got = call(script, "sample", shown, to_learner(batch), np.random.default_rng(0), **kwargs)
            if not (isinstance(got, np.ndarray) or (uses_torch() and type(got).__name__ == "Tensor")):
                script.fail(f"{shown} returned {short(got)} for logits of shape {shape}; batched logits give "
                            f"{flavour} of integers, of shape {shape[:-1]}.", got=got)
            tokens_of(script, got, shape[:-1], 4, shown)


@scored(points=2, level=3)
def test_draws_come_only_from_the_given_rng():
    logits = np.zeros(5)
    script = Script()  # one script for the three runs, so the replay shows the runs a failure compares
    setup(script, f"logits = {literal(logits)}")
    runs = []
    for seed, global_seed in ((123, 0), (123, 1), (7, 2)):
        # The global generators are set differently before each run: draws that depend on them differ.
        np.random.seed(global_seed)
        random.seed(global_seed)
        seeding = f"np.random.seed({global_seed}); random.seed({global_seed})"
        if uses_torch():
            import torch

            torch.manual_seed(global_seed)
            seeding += f"; torch.manual_seed({global_seed})"
        setup(script, seeding)
        runs.append(draw_many(script, logits, 30, seed))
        if len(runs) == 2 and not np.array_equal(runs[0], runs[1]):
            script.fail("Two generators made alike, np.random.default_rng(123), gave different tokens over the same "
                        "30 calls of sample(logits, rng): the draws depend on something besides rng (np.random.*, "
                        "the random module, torch's global generator, a generator made inside sample). Draw only "
                        "from rng.", show_got=False)
    if np.array_equal(runs[0], runs[2]):
        script.fail("np.random.default_rng(123) and np.random.default_rng(7) gave the same 30 tokens from uniform "
                    "logits: the draws ignore rng. Draw from the generator you are given.", show_got=False)


@scored(points=2, level=3)
def test_bad_sampling_arguments_are_rejected():
    logits = np.array([1.0, 2.0, 3.0])
    bad = [({"temperature": -0.5}, "temperature must be >= 0"),
           ({"top_k": 0}, "top_k must be None or at least 1"),
           ({"top_p": 0.0}, "top_p must be None or satisfy 0 < p <= 1"),
           ({"top_p": 1.5}, "top_p must be None or satisfy 0 < p <= 1"),
           ({"temperature": 0, "top_k": 0}, "every argument is checked first, even when temperature 0 means greedy"),
           ({"temperature": 0, "top_p": 2.0}, "every argument is checked first, even when temperature 0 means greedy")]
    for kwargs, rule in bad:
        script = Script()
        setup(script, f"logits = {literal(logits)}")
        setup(script, "rng = np.random.default_rng(0)")
        shown = f"sample(logits, rng{options(**kwargs)})"
        script.expect_raises(ValueError, lambda: call(script, "sample", shown, to_learner(logits),
                                                      np.random.default_rng(0), **kwargs),
                             f"{shown} {{got}}; {rule}, so it must raise {{expected}}.")
