"""Hidden tests for the beam_search kata.

The learner's search runs on toy models: a vocabulary of 3 to 5 tokens whose log-probabilities are a
function of the prefix, either drawn from a generator seeded by the prefix or read from a small table of
exact binary fractions (so that ties are exact whatever the order of the additions). Every call of the
model is recorded. Expected results come from three models written from the statement: the search as
the README spells it, greedy decoding, and the exhaustive list of every finished sequence.
"""

from __future__ import annotations

import math
import operator

import numpy as np
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from grader.harness import SETTINGS, Script, scored, short, solution
from grader.harness.arrays import to_learner

PENALTIES = st.sampled_from([0.0, 0.5, 1.0, 2.0, -0.5])
NEAR = 1e-9
"""Random models whose decisions hinge on a difference this small are left out (rounding could decide them)."""


# -- toy models -------------------------------------------------------------------------------------

class ToyModel:
    """The `step` handed to the learner: log-probabilities as a function of the prefix, every call recorded."""

    def __init__(self, vocab: int, log_probabilities, source: str):
        self.vocab = vocab
        self.function = log_probabilities
        self.source = source
        self.calls: list[tuple[int, ...]] = []
        self._known: dict[tuple[int, ...], np.ndarray] = {}

    def log_probabilities(self, prefix: tuple[int, ...]) -> np.ndarray:
        """The model's row for a prefix, computed once (the tests ask for the same rows many times)."""
        if prefix not in self._known:
            self._known[prefix] = self.function(prefix)
        return self._known[prefix]

    def __call__(self, prefix):
        if not isinstance(prefix, tuple):
            raise TypeError(f"step expects the prefix as a tuple of ints, got the {type(prefix).__name__} "
                            f"{short(prefix)}")
        try:
            key = tuple(operator.index(token) for token in prefix)
        except TypeError:
            raise TypeError(f"step expects the prefix as a tuple of ints, got {short(prefix)}") from None
        self.calls.append(key)
        return to_learner(self.log_probabilities(key))

    def __repr__(self) -> str:
        return "step"


def random_model(seed: int, vocab: int, eos: int, eos_bias: float = 0.0) -> ToyModel:
    """Log-softmax of seeded normal logits: the generator is seeded by the seed and the prefix itself."""
    bias = eos_bias * (np.arange(vocab) == eos)

    def log_probabilities(prefix):
        z = 2.0 * np.random.default_rng([seed, *prefix]).standard_normal(vocab) + bias
        return z - np.log(np.exp(z).sum())

    biased = f" + {eos_bias} * (np.arange({vocab}) == {eos})" if eos_bias else ""
    source = (f"step = lambda prefix: (lambda z: z - np.log(np.exp(z).sum()))(2.0 * np.random.default_rng([{seed}, "
              f"*prefix]).standard_normal({vocab}){biased})")
    return ToyModel(vocab, log_probabilities, source)


DYADIC = [-1.0, -2.0, -3.0]


def dyadic_model(seed: int, vocab: int) -> ToyModel:
    """Log-probabilities drawn from a few binary fractions: many exact ties, and sums that are exact in any order."""
    def log_probabilities(prefix):
        return np.random.default_rng([seed, *prefix]).choice(DYADIC, size=vocab)

    source = f"step = lambda prefix: np.random.default_rng([{seed}, *prefix]).choice({DYADIC}, size={vocab})"
    return ToyModel(vocab, log_probabilities, source)


def table_model(table: dict, default: list[float]) -> ToyModel:
    """Log-probabilities read from a table (exact binary fractions), `default` for the prefixes it omits."""
    source = f"TABLE = {table!r}\nstep = lambda prefix: np.array(TABLE.get(prefix, {default!r}))"
    return ToyModel(len(default), lambda prefix: np.array(table.get(prefix, default), dtype=np.float64), source)


# -- models of the statement --------------------------------------------------------------------------

def log_probability(model: ToyModel, sequence: tuple[int, ...]) -> float:
    total = 0.0
    for end in range(1, len(sequence)):
        total += float(model.log_probabilities(sequence[:end])[sequence[end]])
    return total


def score(model: ToyModel, sequence: tuple[int, ...], length_penalty: float) -> float:
    return log_probability(model, sequence) / (len(sequence) - 1) ** length_penalty


def best_first(hypotheses):
    return sorted(hypotheses, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))


class Search:
    """The search exactly as the README states it, with what it expands and how close its decisions were."""

    def __init__(self, model: ToyModel, bos: int, eos: int, beam_width: int, max_len: int, length_penalty: float):
        self.expanded: list[tuple[tuple[int, ...], int]] = []  # (prefix, step number)
        self.closest = math.inf  # the smallest score gap any decision depended on (exact ties excepted)
        live, finished = [((bos,), 0.0)], []
        for length in range(1, max_len + 1):
            candidates = []
            for prefix, total in live:
                self.expanded.append((prefix, length))
                row = model.log_probabilities(prefix)
                candidates += [(prefix + (token,), total + float(row[token])) for token in range(model.vocab)]
            candidates = best_first(candidates)
            slots = beam_width - len(finished)
            if slots < len(candidates):
                self.closest = min(self.closest, gap(candidates[slots - 1], candidates[slots], 0.0))
            live = []
            for sequence, total in candidates[:slots]:
                (finished if sequence[-1] == eos or length == max_len else live).append((sequence, total))
            if len(finished) == beam_width or not live:
                break
        self.result = best_first([(sequence, total / (len(sequence) - 1) ** length_penalty)
                                  for sequence, total in finished])
        gaps = [gap(a, b, length_penalty) for a, b in zip(self.result, self.result[1:])]
        self.closest = min([self.closest, *gaps])


def gap(better: tuple, worse: tuple, length_penalty: float) -> float:
    """How far apart two ranked hypotheses are; an exact tie counts as far (the tie rule decides it, robustly).

    A tie is exact when the log-probabilities are sums of binary fractions and the penalty divides both by
    the same number (same length, or no penalty): any order of additions, any way of dividing, agrees.
    """
    difference = better[1] - worse[1]
    robust = length_penalty == 0 or len(better[0]) == len(worse[0])
    return math.inf if difference == 0 and robust else difference


def every_finished_sequence(vocab: int, bos: int, eos: int, max_len: int) -> list[tuple[int, ...]]:
    """Every sequence the statement calls finished: ends with eos, or has max_len generated tokens."""
    found, frontier = [], [(bos,)]
    for length in range(1, max_len + 1):
        grown = [prefix + (token,) for prefix in frontier for token in range(vocab)]
        found += [sequence for sequence in grown if sequence[-1] == eos or length == max_len]
        frontier = [sequence for sequence in grown if sequence[-1] != eos]
    return found


def greedy(model: ToyModel, bos: int, eos: int, max_len: int) -> tuple[int, ...]:
    sequence = (bos,)
    while len(sequence) - 1 < max_len and (len(sequence) == 1 or sequence[-1] != eos):
        sequence += (int(np.argmax(model.log_probabilities(sequence))),)  # argmax: the first of equal maxima
    return sequence


# -- running the learner's search and reading what it returns ------------------------------------------

def arguments(bos: int, eos: int, beam_width: int, max_len: int, length_penalty: float | None) -> dict:
    given_ = {"bos": bos, "eos": eos, "beam_width": beam_width, "max_len": max_len}
    if length_penalty is not None:  # None: leave the default
        given_["length_penalty"] = length_penalty
    return given_


def run(script: Script, model: ToyModel, **kwargs):
    """Call the learner's beam_search on `model`; returns its result, read as [(tuple of ints, float)]."""
    script.run("setup", lambda: None, shown=model.source)
    got = script.run("beam_search", solution().beam_search, model, **kwargs)
    wrong_prefix = next((prefix for prefix in model.calls if not prefix or prefix[0] != kwargs["bos"]), None)
    if wrong_prefix is not None:
        script.fail(f"step was called with {wrong_prefix}, which does not start with bos={kwargs['bos']}: pass step "
                    "the whole hypothesis, bos included.", show_got=False)
    return read(script, got)


def read(script: Script, got) -> list[tuple[tuple[int, ...], float]]:
    if not isinstance(got, list):
        script.fail("beam_search returned {got}; expected a list of (sequence, score) tuples, best first.", got=got)
    hypotheses = []
    for item in got:
        if not (isinstance(item, tuple) and len(item) == 2):
            script.fail(f"beam_search returned a list holding {short(item)}; each item must be a (sequence, score) "
                        "tuple.", got=got)
        sequence, value = item
        if not isinstance(sequence, tuple):
            script.fail(f"beam_search returned the sequence {short(sequence)}, a {type(sequence).__name__}; each "
                        "sequence must be a tuple of ints.", got=got)
        try:
            tokens = tuple(operator.index(token) for token in sequence if not isinstance(token, bool))
        except TypeError:
            tokens = None
        if tokens is None or len(tokens) != len(sequence):
            script.fail(f"beam_search returned the sequence {short(sequence)}; each token must be an int "
                        "(int(token) on a NumPy integer or a tensor).", got=got)
        if isinstance(value, bool) or not isinstance(value, (float, int)):
            script.fail(f"beam_search returned the score {short(value)}, a {type(value).__name__}; each score must be "
                        "a float (float(score); .item() on a 0-d tensor).", got=got)
        hypotheses.append((tokens, float(value)))
    return hypotheses


def check_shapes(script: Script, hypotheses, bos: int, eos: int, max_len: int) -> None:
    """Every returned sequence is (bos, generated...), finished by eos or by max_len, and none twice."""
    for sequence, _ in hypotheses:
        generated = sequence[1:]
        if not sequence or sequence[0] != bos:
            script.fail(f"beam_search returned the sequence {sequence}, which does not start with bos={bos}: the "
                        "returned sequences include bos.", show_got=False)
        if not generated:
            script.fail(f"beam_search returned the sequence {sequence}, with no generated token: every hypothesis "
                        "has at least one token after bos (and one that ended with eos keeps it).", show_got=False)
        if eos in generated[:-1]:
            script.fail(f"beam_search returned the sequence {sequence}, which goes on after eos={eos}: a hypothesis "
                        "whose last token is eos is finished and is never extended.", show_got=False)
        if len(generated) > max_len:
            script.fail(f"beam_search returned the sequence {sequence}, with {len(generated)} generated tokens; "
                        f"max_len={max_len} is the most (bos does not count, eos does).", show_got=False)
        if generated[-1] != eos and len(generated) < max_len:
            same_id = (f" bos and eos are the same id here: only a GENERATED eos ends a hypothesis (look at "
                       "sequence[-1], not `eos in sequence`).") if bos == eos else ""
            script.fail(f"beam_search returned the sequence {sequence}, which stops after "
                        f"{count(len(generated), 'generated token')} without eos={eos}, before max_len={max_len}. A "
                        "hypothesis finishes only at eos (which stays in the returned sequence) or at max_len tokens "
                        f"after bos (bos does not count).{same_id}", show_got=False)
    sequences = [sequence for sequence, _ in hypotheses]
    repeated = next((sequence for sequence in sequences if sequences.count(sequence) > 1), None)
    if repeated is not None:
        script.fail(f"beam_search returned the sequence {repeated} more than once.", show_got=False)


def count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def penalty_advice(model: ToyModel, sequence: tuple[int, ...], got: float, length_penalty: float) -> str:
    """What a wrong score suggests: the raw sum, or a length that counts bos or leaves eos out."""
    total = log_probability(model, sequence)
    generated = len(sequence) - 1
    last = float(model.log_probabilities(sequence[:-1])[sequence[-1]])
    guesses = [(total, "the plain sum of log-probabilities, without the length penalty"),
               (last / generated ** length_penalty, "the log-probability of its last token alone: a candidate's "
                "log-probability is its parent's plus the token's")]
    if length_penalty:
        guesses += [(total / len(sequence) ** length_penalty, "a length that counts bos (n counts generated tokens "
                     "only)"),
                    (total / max(generated - 1, 1) ** length_penalty, "a length that leaves eos out (eos counts)"),
                    (total * generated ** length_penalty, "the sum multiplied by n ** length_penalty (divide)")]
    for value, what in guesses:
        if close(got, value):
            return f" It equals {what}."
    return ""


def check_results(script: Script, got, expected, model: ToyModel, length_penalty: float, beam_width: int,
                  context: str) -> None:
    """The learner's hypotheses are the expected ones: the same sequences in the same order, the same scores."""
    def listing(hypotheses):
        return "[" + ", ".join(f"({sequence}, {value:.6g})" for sequence, value in hypotheses[:6]) + (
            ", ...]" if len(hypotheses) > 6 else "]")

    head = f"beam_search returned {listing(got)}; expected {listing(expected)}."
    got_sequences, expected_sequences = [s for s, _ in got], [s for s, _ in expected]
    if got_sequences == expected_sequences:
        for (sequence, value), (_, expected_value) in zip(got, expected):
            if not close(value, expected_value):
                script.fail(f"beam_search gave {sequence} the score {value!r}; expected {expected_value!r}: its "
                            f"log-probability is {log_probability(model, sequence)!r}, divided by n ** "
                            f"length_penalty with n = {count(len(sequence) - 1, 'token')} after bos and length_penalty = "
                            f"{length_penalty}.{penalty_advice(model, sequence, value, length_penalty)}",
                            show_got=False)
        return
    got_values, expected_values = sorted(v for _, v in got), sorted(v for _, v in expected)
    if not got:
        why = ("It returned no hypothesis, but one always finishes: a hypothesis finishes at eos, or when it has "
               "max_len tokens after bos (bos does not count), and it is returned then.")
    elif len(got) > beam_width:
        why = (f"It returned {len(got)} hypotheses, more than beam_width={beam_width}: each finished hypothesis "
               "takes one slot of the beam, so at most beam_width finish.")
    elif sorted(got_sequences) == sorted(expected_sequences):
        # A wrong score reorders the right hypotheses: name the score, the order follows from it.
        wrong = next(((s, v) for s, v in got if not close(v, score(model, s, length_penalty))), None)
        if wrong is not None:
            sequence, value = wrong
            why = (f"The same hypotheses, in another order because {sequence} has the score {value:.6g}, not "
                   f"{score(model, sequence, length_penalty):.6g}."
                   + (penalty_advice(model, sequence, value, length_penalty) or
                      " The score is log-probability / n ** length_penalty: the log-probabilities of every generated "
                      "token summed, and n the tokens after bos (eos included)."))
        else:
            why = ("The same hypotheses in another order: sort the finished hypotheses by score (log-probability / "
                   "n ** length_penalty), larger first, ties to the smaller sequence.")
    elif len(got) == len(expected) and all(close(a, b) for a, b in zip(got_values, expected_values)):
        why = ("The same scores, on other sequences: a tie was broken the other way. Among candidates of equal "
               "log-probability keep the smaller sequence (tuple comparison), whichever hypothesis they come "
               "from: sort with key=lambda c: (-log_probability, sequence).")
    elif len(got) < len(expected):
        why = (f"It returned {count(len(got), 'hypothesis', 'hypotheses')}; {len(expected)} "
               "finish: the search goes on until beam_width "
               "hypotheses have finished or none is live, and a finished hypothesis leaves the beam but keeps "
               "its slot.")
    else:
        why = ("At each step keep the (beam_width - number finished) best candidates over ALL live hypotheses, "
               "ranked by their summed log-probability (the parent's sum plus the token's), ties to the smaller "
               "sequence; finished ones keep their slot.")
    script.fail(f"{head} {why} {context}", show_got=False)


# -- strategies -------------------------------------------------------------------------------------

@st.composite
def searches(draw, max_vocab: int = 5, max_len: int = 5, max_width: int = 6):
    """A toy model and the arguments of one search: (model, bos, eos, beam_width, max_len, length_penalty)."""
    vocab = draw(st.integers(3, max_vocab))
    eos = draw(st.integers(0, vocab - 1))
    bos = draw(st.sampled_from([vocab, eos, 0]))
    seed = draw(st.integers(0, 2**16))
    model = draw(st.sampled_from([
        random_model(seed, vocab, eos), random_model(seed, vocab, eos, 1.5), dyadic_model(seed, vocab)]))
    return model, bos, eos, draw(st.integers(1, max_width)), draw(st.integers(1, max_len)), draw(PENALTIES)


def model_of(search: tuple) -> tuple[ToyModel, int, int, int, int, float]:
    model, bos, eos, beam_width, max_len, length_penalty = search
    return ToyModel(model.vocab, model.function, model.source), bos, eos, beam_width, max_len, length_penalty


# ---------------------------------------------------------------------------------------------------
# Level 1: greedy and exhaustive


@scored(points=12, level=1)
@settings(SETTINGS, max_examples=20)
@given(search=searches(max_len=6))
def test_a_beam_of_width_one_is_greedy_decoding(search):
    model, bos, eos, _, max_len, length_penalty = model_of(search)
    assume(Search(model, bos, eos, 1, max_len, length_penalty).closest > NEAR)
    script = Script()
    got = run(script, model, **arguments(bos, eos, 1, max_len, length_penalty))
    check_shapes(script, got, bos, eos, max_len)
    sequence = greedy(model, bos, eos, max_len)
    expected = [(sequence, score(model, sequence, length_penalty))]
    check_results(script, got, expected, model, length_penalty, 1,
                  f"With beam_width=1 the search is greedy: the most likely token at each step, {sequence} here.")


@scored(points=12, level=1)
@settings(SETTINGS, max_examples=20)
@given(search=searches(max_vocab=4, max_len=3))
@example(search=(random_model(3, 3, 0), 3, 0, 1, 3, 0.0))
def test_a_beam_as_wide_as_every_sequence_finds_the_exhaustive_optimum(search):
    model, bos, eos, _, max_len, length_penalty = model_of(search)
    beam_width = model.vocab ** max_len
    expected = best_first([(sequence, score(model, sequence, length_penalty))
                           for sequence in every_finished_sequence(model.vocab, bos, eos, max_len)])
    assume(all(gap(a, b, length_penalty) > NEAR for a, b in zip(expected, expected[1:])))
    script = Script()
    got = run(script, model, **arguments(bos, eos, beam_width, max_len, length_penalty))
    check_shapes(script, got, bos, eos, max_len)
    if got and expected and got[0][0] != expected[0][0]:
        script.fail(f"beam_search returned {got[0][0]} first, with score {got[0][1]:.6g}; the exhaustive optimum is "
                    f"{expected[0][0]}, with score {expected[0][1]:.6g}. With beam_width={beam_width} = V ** max_len "
                    f"nothing is ever pruned, so the search must list all {len(expected)} finished sequences, best "
                    "first.", show_got=False)
    check_results(script, got, expected, model, length_penalty, beam_width,
                  f"With beam_width={beam_width} = V ** max_len nothing is pruned: the result is every one of the "
                  f"{len(expected)} finished sequences, best first.")


@scored(points=8, level=1)
@settings(SETTINGS, max_examples=20)
@given(search=searches(max_len=4))
@example(search=(random_model(8, 4, 1, 3.0), 1, 1, 3, 1, 0.0))
@example(search=(random_model(9, 3, 2, 3.0), 2, 2, 4, 3, 0.0))
def test_hypotheses_include_bos_and_stop_at_eos_and_at_max_len(search):
    model, bos, eos, beam_width, max_len, _ = model_of(search)
    expected = Search(model, bos, eos, beam_width, max_len, 0.0)
    assume(expected.closest > NEAR)
    script = Script()
    got = run(script, model, **arguments(bos, eos, beam_width, max_len, None))
    check_shapes(script, got, bos, eos, max_len)
    got_sequences = sorted(sequence for sequence, _ in got)
    expected_sequences = sorted(sequence for sequence, _ in expected.result)
    if got_sequences == expected_sequences:
        return
    cut = [sequence for sequence in expected_sequences if sequence[-1] != eos]
    if cut and not any(sequence[-1] != eos for sequence in got_sequences):
        script.fail(f"beam_search returned {got_sequences}; expected {expected_sequences}. The hypotheses that reach "
                    f"max_len={max_len} tokens without eos, like {cut[0]}, are finished too and come back with the "
                    "others (max_len counts the tokens after bos: eos counts, bos does not).", show_got=False)
    check_results(script, got, expected.result, model, 0.0, beam_width,
                  "(bos and eos may be the same id: only a GENERATED eos ends a hypothesis.)" if bos == eos else "")


# ---------------------------------------------------------------------------------------------------
# Level 2: the beam


# Two live prefixes, (4, 2) ahead of (4, 1); their children (4, 2, 1) and (4, 1, 2) tie for the last slot.
CROSSING_TIE = {(4,): [-8.0, -1.0, -0.5, -2.0], (4, 2): [-8.0, -2.5, -8.0, -0.5], (4, 1): [-8.0, -0.5, -2.0, -8.0],
                (4, 3): [-8.0, -8.0, -8.0, -8.0]}


@scored(points=20, level=2)
@settings(SETTINGS, max_examples=50)
@given(search=searches())
@example(search=(random_model(1, 4, 0, 1.5), 4, 0, 3, 4, 0.0))
@example(search=(random_model(2, 5, 4, 1.5), 5, 4, 4, 5, 1.0))
@example(search=(table_model(CROSSING_TIE, [-8.0] * 4), 4, 0, 3, 2, 0.0))
def test_results_match_a_model_beam_search(search):
    model, bos, eos, beam_width, max_len, length_penalty = model_of(search)
    expected = Search(model, bos, eos, beam_width, max_len, length_penalty)
    assume(expected.closest > NEAR)
    script = Script()
    got = run(script, model, **arguments(bos, eos, beam_width, max_len, length_penalty))
    check_shapes(script, got, bos, eos, max_len)
    check_results(script, got, expected.result, model, length_penalty, beam_width, "")


SCORE_TABLE = {
    (3,): [-1.5, -0.5, -1.0],
    (3, 1): [-3.0, -2.0, -2.5],
    (3, 2): [-0.125, -3.0, -3.5],
}


@scored(points=10, level=2)
def test_scores_divide_the_log_probability_by_the_length_to_the_penalty():
    # (3, 0): log-probability -1.5 over 1 token; (3, 2, 0): -1.125 over 2; (3, 1, 1): -2.5 over 2.
    cases = [
        (None, [((3, 2, 0), -1.125), ((3, 0), -1.5), ((3, 1, 1), -2.5)]),
        (0.0, [((3, 2, 0), -1.125), ((3, 0), -1.5), ((3, 1, 1), -2.5)]),
        (1.0, [((3, 2, 0), -0.5625), ((3, 1, 1), -1.25), ((3, 0), -1.5)]),
        (2.0, [((3, 2, 0), -0.28125), ((3, 1, 1), -0.625), ((3, 0), -1.5)]),
        (-1.0, [((3, 0), -1.5), ((3, 2, 0), -2.25), ((3, 1, 1), -5.0)]),
    ]
    for length_penalty, expected in cases:
        model = table_model(SCORE_TABLE, [-1.0, -1.0, -1.0])
        script = Script()
        got = run(script, model, **arguments(3, 0, 3, 2, length_penalty))
        check_shapes(script, got, 3, 0, 2)
        check_results(script, got, expected, model, length_penalty or 0.0, 3,
                      "The score is log-probability / n ** length_penalty, n = the tokens after bos (eos included); "
                      "the default length_penalty is 0.0 (the plain sum).")


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=20)
@given(search=searches())
@example(search=(random_model(4, 3, 0), 3, 0, 5, 1, 0.0))
@example(search=(random_model(5, 3, 0, 1.5), 3, 0, 6, 2, 1.0))
def test_at_most_beam_width_hypotheses_come_back_best_first(search):
    model, bos, eos, beam_width, max_len, length_penalty = model_of(search)
    expected = Search(model, bos, eos, beam_width, max_len, length_penalty)
    assume(expected.closest > NEAR)
    script = Script()
    got = run(script, model, **arguments(bos, eos, beam_width, max_len, length_penalty))
    if len(got) != len(expected.result):
        possible = len(every_finished_sequence(model.vocab, bos, eos, max_len))
        script.fail(f"beam_search returned {count(len(got), 'hypothesis', 'hypotheses')}; expected "
                    f"{len(expected.result)}: the search stops "
                    f"when beam_width={beam_width} hypotheses have finished, or when none is live"
                    + (f" (here only {possible} sequences can finish at all)." if possible < beam_width else "."),
                    show_got=False)
    for (first, a), (second, b) in zip(got, got[1:]):
        if a < b or (a == b and first > second):
            script.fail(f"beam_search returned {first} (score {a:.6g}) before {second} (score {b:.6g}): the "
                        "hypotheses come back best first, larger score first, ties to the smaller sequence.",
                        show_got=False)


@scored(points=6, level=2)
def test_ties_are_broken_by_the_smaller_sequence():
    cases = [
        # Every token -1.0: every candidate of a step ties, so the smaller sequences are kept.
        (table_model({}, [-1.0, -1.0, -1.0]), 3, 0, 2, 2,
         [((3, 0), -1.0), ((3, 1, 0), -2.0)]),
        # Two live prefixes, (4, 2) ahead of (4, 1); their children (4, 2, 1) and (4, 1, 2) tie for the last slot.
        (table_model(CROSSING_TIE, [-8.0] * 4), 4, 0, 3, 2, [((4, 2, 3), -1.0), ((4, 1, 1), -1.5), ((4, 1, 2), -3.0)]),
        # Two finished hypotheses with the same score: the smaller sequence comes first.
        (table_model({(3,): [-1.0, -0.5, -3.0], (3, 1): [-0.5, -4.0, -4.0]}, [-4.0] * 3), 3, 0, 2, 2,
         [((3, 0), -1.0), ((3, 1, 0), -1.0)]),
        # Greedy with a tie at each step: the lower token id.
        (table_model({}, [-2.0, -1.0, -1.0, -1.0]), 4, 0, 1, 3, [((4, 1, 1, 1), -3.0)]),
    ]
    for model, bos, eos, beam_width, max_len, expected in cases:
        script = Script()
        got = run(script, model, **arguments(bos, eos, beam_width, max_len, 0.0))
        check_shapes(script, got, bos, eos, max_len)
        check_results(script, got, expected, model, 0.0, beam_width,
                      "Every value here is an exact binary fraction, so these ties are exact: among candidates of "
                      "equal log-probability, and among finished hypotheses of equal score, the smaller sequence "
                      "(tuple comparison) comes first.")


# ---------------------------------------------------------------------------------------------------
# Level 3: calls and arguments


def expected_calls(search: Search) -> dict[tuple[int, ...], int]:
    return {prefix: length for prefix, length in search.expanded}


@scored(points=8, level=3)
@settings(SETTINGS, max_examples=20)
@given(search=searches())
@example(search=(random_model(6, 4, 0), 4, 0, 4, 4, 0.0))
def test_no_prefix_is_passed_to_step_twice(search):
    model, bos, eos, beam_width, max_len, length_penalty = model_of(search)
    script = Script()
    run(script, model, **arguments(bos, eos, beam_width, max_len, length_penalty))
    repeated = next((prefix for prefix in model.calls if model.calls.count(prefix) > 1), None)
    if repeated is not None:
        script.fail(f"step was called {model.calls.count(repeated)} times with {repeated} ({len(model.calls)} calls "
                    f"in all, {len(set(model.calls))} distinct prefixes): call step once per live hypothesis and "
                    "use the array it returns for every token.", show_got=False)


@scored(points=12, level=3)
@settings(SETTINGS, max_examples=25)
@given(search=searches())
@example(search=(random_model(7, 3, 0, 3.0), 3, 0, 3, 3, 0.0))
@example(search=(random_model(7, 4, 1), 4, 1, 2, 1, 0.0))
def test_step_is_called_only_for_the_live_hypotheses(search):
    model, bos, eos, beam_width, max_len, length_penalty = model_of(search)
    expected = Search(model, bos, eos, beam_width, max_len, length_penalty)
    assume(expected.closest > NEAR)
    script = Script()
    got = run(script, model, **arguments(bos, eos, beam_width, max_len, length_penalty))
    for prefix in model.calls:
        generated = prefix[1:]
        if generated and generated[-1] == eos:
            why = f"it ends with eos={eos}, so it is finished"
        elif len(generated) >= max_len:
            why = f"it already has max_len={max_len} tokens after bos, so it is finished"
        else:
            continue
        script.fail(f"step was called with {prefix}, but {why}: a finished hypothesis is never extended, so never "
                    "call step on it.", show_got=False)
    if [sequence for sequence, _ in got] != [sequence for sequence, _ in expected.result]:
        return  # a search that kept other hypotheses calls step on other prefixes: the other tests say why
    live = expected_calls(expected)
    extra = next((prefix for prefix in model.calls if prefix not in live), None)
    if extra is not None:
        script.fail(f"step was called with {extra}, which was never among the live hypotheses the beam kept: call "
                    f"step only on the live hypotheses of each step (here {len(live)} calls in all, "
                    f"{sorted(live)[:8]}{'...' if len(live) > 8 else ''}).", show_got=False)
    missing = sorted(set(live) - set(model.calls))
    if missing:
        script.fail(f"step was never called with {missing[0]}, a live hypothesis of step {live[missing[0]]}: every "
                    "live hypothesis is extended by every token.", show_got=False)


@scored(points=6, level=3)
def test_bad_arguments_raise_value_error_before_step_is_called():
    for beam_width, max_len in ((0, 3), (-1, 3), (2, 0), (2, -2)):
        model = table_model({}, [-1.0, -1.0, -1.0])
        script = Script()
        script.run("setup", lambda: None, shown=model.source)
        script.expect_raises(ValueError, lambda: script.run("beam_search", solution().beam_search, model, bos=3, eos=0,
                                                            beam_width=beam_width, max_len=max_len),
                             f"beam_search(step, bos=3, eos=0, beam_width={beam_width}, max_len={max_len}) {{got}}; "
                             "beam_width and max_len must be at least 1, so it must raise {expected}.")
        if model.calls:
            script.fail(f"beam_search raised ValueError for beam_width={beam_width}, max_len={max_len}, but only after "
                        f"calling step {len(model.calls)} time(s): check the arguments before calling the model.",
                        show_got=False)
