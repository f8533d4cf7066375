"""Hidden tests for the generate kata.

The learner's code runs on the grader's toy model, a one-layer, one-head causal decoder (README.md states it
in full). Its `embed(tokens, positions)` is the only way to the embeddings, and it records every (token,
position) pair it embeds: that record is how the tests count the positions the learner's code computes,
without timing anything. Expected logits come from the forward pass written here from the statement, in
NumPy, whichever flavour (NumPy or PyTorch) the learner's file uses. Tokens are chosen either by greedy
decoding on models whose top two logits are never close, or by a scripted sampler whose choices do not
depend on the logits at all, so that no rounding difference can change a path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from grader.harness import (
    SETTINGS, STATEFUL_SETTINGS, PropertyFailed, Script, UserCodeRaised, run_model_test, scored, short, solution,
)
from grader.harness.arrays import expect_close, from_learner, to_learner

RTOL, ATOL = 1e-5, 1e-6
"""Logits and cache rows are compared within these (float64 throughout; float32 in torch still fits)."""
NEAR = 1e-3
"""Greedy tests use models whose two best logits are at least this far apart at every step."""


# -- the model handed to the learner ----------------------------------------------------------------

class Arrays(NamedTuple):
    """The model's parameters, in NumPy: what the expected values are computed from."""

    tok_emb: np.ndarray  # (vocab, d_model)
    pos_emb: np.ndarray  # (max_len, d_model)
    w_q: np.ndarray      # (d_model, d_model)
    w_k: np.ndarray
    w_v: np.ndarray
    w_o: np.ndarray
    w_out: np.ndarray    # (d_model, vocab)


@dataclass(frozen=True)
class Model:
    seed: int
    vocab: int
    d_model: int
    max_len: int

    def arrays(self) -> Arrays:
        return _draw(self)

    @property
    def source(self) -> str:
        return (f"weights = Weights.random(seed={self.seed}, vocab={self.vocab}, d_model={self.d_model}, "
                f"max_len={self.max_len})  # Weights: see katas/generate/test_examples.py")


@lru_cache(maxsize=64)
def _draw(model: Model) -> Arrays:
    """Exactly what Weights.random in katas/generate/test_examples.py draws, in the same order (read-only:
    the learner gets copies)."""
    rng = np.random.default_rng(model.seed)
    tok_emb = rng.standard_normal((model.vocab, model.d_model))
    pos_emb = rng.standard_normal((model.max_len, model.d_model))
    scale = 1 / np.sqrt(model.d_model)
    w_q, w_k, w_v, w_o = (rng.standard_normal((model.d_model, model.d_model)) * scale for _ in range(4))
    w_out = rng.standard_normal((model.d_model, model.vocab)) * scale
    arrays = Arrays(tok_emb, pos_emb, w_q, w_k, w_v, w_o, w_out)
    for array in arrays:
        array.flags.writeable = False
    return arrays


class Weights:
    """What the learner's code receives: the matrices (NumPy arrays, or tensors for a PyTorch file) and
    `embed`, which returns tok_emb[tokens] + pos_emb[positions] and records each pair it embeds."""

    def __init__(self, arrays: Arrays, source: str):
        self.vocab = int(arrays.tok_emb.shape[0])
        self.d_model = int(arrays.tok_emb.shape[1])
        self.max_len = int(arrays.pos_emb.shape[0])
        self.w_q, self.w_k, self.w_v, self.w_o, self.w_out = (
            to_learner(a) for a in (arrays.w_q, arrays.w_k, arrays.w_v, arrays.w_o, arrays.w_out))
        self._arrays = arrays
        self._source = source
        self._computed: list[tuple[int, int]] = []  # (token, position), in the order embedded
        self._calls: list[list[int]] = []           # the positions of each call

    def embed(self, tokens: Any, positions: Any) -> Any:
        """tok_emb[tokens] + pos_emb[positions]: two ints give (d_model,), two 1-D sequences of n ints (n, d_model)."""
        token_ids, position_ids = _ids(tokens, "tokens"), _ids(positions, "positions")
        if token_ids.shape != position_ids.shape:
            raise ValueError(f"weights.embed(tokens, positions) takes two ints or two 1-D sequences of the same "
                             f"length; got tokens {short(tokens)} and positions {short(positions)}")
        for token in token_ids.reshape(-1).tolist():
            if not 0 <= token < self.vocab:
                raise ValueError(f"weights.embed: token {token} is not in the vocabulary 0..{self.vocab - 1}")
        for position in position_ids.reshape(-1).tolist():
            if not 0 <= position < self.max_len:
                raise ValueError(f"weights.embed: position {position} is outside the context 0..{self.max_len - 1} "
                                 f"(max_len={self.max_len})")
        self._computed += zip(token_ids.reshape(-1).tolist(), position_ids.reshape(-1).tolist())
        if position_ids.size:
            self._calls.append(position_ids.reshape(-1).tolist())
        return to_learner(self._arrays.tok_emb[token_ids] + self._arrays.pos_emb[position_ids])

    def __repr__(self) -> str:
        return "weights"


def _ids(value: Any, what: str) -> np.ndarray:
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor
        value = value.detach().cpu().numpy()
    array = np.asarray(value)
    if array.ndim > 1:
        raise ValueError(f"weights.embed: {what} must be an int or a 1-D sequence of ints, got shape {array.shape}")
    if array.size == 0:
        return array.astype(np.int64)
    if array.dtype.kind not in "iu":
        raise TypeError(f"weights.embed: {what} must be ints, got {short(value)}")
    return array.astype(np.int64)


def start(model: Model) -> tuple[Script, Weights]:
    script = Script()
    script.run("setup", lambda: None, shown=model.source)
    return script, Weights(model.arrays(), model.source)


# -- the model, from the statement ------------------------------------------------------------------

def embeddings(arrays: Arrays, tokens: list[int], positions: np.ndarray) -> np.ndarray:
    return arrays.tok_emb[list(tokens)] + arrays.pos_emb[positions]


def forward(arrays: Arrays, tokens: list[int], variant: str = "") -> np.ndarray | None:
    """The logits of every position, (n, vocab), as README.md states the model; a `variant` is a known bug,
    used to say what a wrong answer matches. None when the variant needs a position outside the context."""
    n, d = len(tokens), arrays.w_q.shape[0]
    positions = np.arange(n)
    if variant == "positions from 1":
        positions = positions + 1
    elif variant == "last position + 1":
        positions[-1] += 1
    elif variant == "last position - 1":
        positions[-1] -= 1
    if positions.min() < 0 or positions.max() >= arrays.pos_emb.shape[0]:
        return None
    x = embeddings(arrays, tokens, positions)
    q, k, v = x @ arrays.w_q, x @ arrays.w_k, x @ arrays.w_v
    if variant == "values are keys":
        v = k
    scores = q @ k.T
    if variant != "unscaled":
        scores = scores / np.sqrt(d)
    rows, columns = np.indices((n, n))
    visible = columns < rows if variant == "no self-attention" else columns <= rows
    scores = np.where(visible, scores, -np.inf)
    top = np.where(visible.any(axis=1, keepdims=True), scores.max(axis=1, keepdims=True), 0.0)
    e = np.exp(scores - top)
    total = e.sum(axis=1, keepdims=True)
    attention = np.divide(e, total, out=np.zeros_like(e), where=total > 0)  # a row that sees nothing gets 0
    h = attention @ v @ arrays.w_o
    if variant != "no residual":
        h = x + h
    return h @ arrays.w_out


def next_logits(arrays: Arrays, tokens: list[int]) -> np.ndarray:
    """The logits that follow `tokens` (forward's last row), computed for the last position only."""
    x = embeddings(arrays, tokens, np.arange(len(tokens)))
    keys, values = x @ arrays.w_k, x @ arrays.w_v
    scores = keys @ (x[-1] @ arrays.w_q) / np.sqrt(arrays.w_q.shape[0])
    e = np.exp(scores - scores.max())
    return (x[-1] + e / e.sum() @ values @ arrays.w_o) @ arrays.w_out


def keys_and_values(arrays: Arrays, tokens: list[int], start_at: int = 0) -> tuple[np.ndarray, np.ndarray]:
    x = embeddings(arrays, tokens, np.arange(start_at, start_at + len(tokens)))
    return x @ arrays.w_k, x @ arrays.w_v


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max())
    return e / e.sum()


CAUSES = {
    "no self-attention": "They match the model's logits when the new token does not attend to itself: append the "
                         "new key and value to the cache before computing attention, so that the new token sees "
                         "every cached position and its own.",
    "unscaled": "They match the model's logits without the 1/sqrt(d_model) scaling: the attention scores are "
                "q @ K.T / sqrt(d_model).",
    "positions from 1": "They match the model's logits with every position one too high: positions count from 0, "
                        "and a token's position is the number of positions before it (len(cache) before its step).",
    "last position + 1": "They match the model's logits with the new token at position len(cache) + 1: its "
                         "position is len(cache), the number of positions already cached (counted from 0).",
    "last position - 1": "They match the model's logits with the new token at position len(cache) - 1: its "
                         "position is len(cache), the number of positions already cached (counted from 0).",
    "values are keys": "They match the model's logits with the keys used as values: the values are x @ w_v.",
    "no residual": "They match the model's logits without the residual: h = x + attention @ V @ w_o, x included.",
}


def _close(got: np.ndarray, expected: np.ndarray) -> bool:
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=1e-4, atol=1e-5))


def expect_logits(script: Script, got: Any, arrays: Arrays, tokens: list[int], what: str,
                  sampler: bool = False, expected: np.ndarray | None = None) -> None:
    """`got` is the model's logits after `tokens` (`expected`, if known); otherwise say which known bug they match."""
    if expected is None:
        expected = next_logits(arrays, tokens)
    reproduce = f"Expected: forward({list(tokens)}, weights)[-1], with forward() from README.md."
    try:
        expect_close(script, got, expected, what=what, reproduce=reproduce, rtol=RTOL, atol=ATOL)
    except PropertyFailed as failed:
        try:
            array = np.asarray(from_learner(got), dtype=np.float64)
        except Exception:  # not numbers at all: expect_close's words say it
            raise failed from None
        cause = ""
        if sampler and _close(array, softmax(expected)):
            cause = ("They are the probabilities (the softmax of the logits): the sampler receives the logits "
                     "themselves, and what it does with them (temperature, top-k, a softmax) is its business.")
        for variant, sentence in CAUSES.items():
            other = forward(arrays, tokens, variant)
            if not cause and other is not None and _close(array, other[-1]):
                cause = sentence
        if cause:
            raise PropertyFailed(f"{failed.message} {cause}", failed.script, failed.replay) from None
        raise


# -- calling the learner's code ---------------------------------------------------------------------

EMPTY_CACHE_HINT = ("The cache was empty before this step. If the error comes from attention over an empty "
                    "cache: the new token attends to itself, so append its key and value to the cache before "
                    "computing attention, and the cache is never empty then.")


def call_step(script: Script, cache: Any, weights: Weights, token: int, position: int) -> Any:
    """decode_step(token, cache, weights), checked to compute exactly one position: `token` at `position`."""
    mark = len(weights._computed)
    try:
        logits = script.run("decode_step", solution().decode_step, token, cache, weights,
                            shown=f"logits = decode_step({token}, cache, weights)")
    except UserCodeRaised as raised:
        if position > 0 or isinstance(raised.original, NotImplementedError):
            raise
        raise PropertyFailed(f"{raised.message.rstrip('.')}. {EMPTY_CACHE_HINT}", raised.script, raised.replay) from None
    computed = weights._computed[mark:]
    call = f"decode_step({token}, cache, weights) on a cache of {position} position(s)"
    if computed == [(token, position)]:
        return logits
    if not computed:
        script.fail(f"{call} never called weights.embed: a step embeds its token with weights.embed([token], "
                    "[position]), and that call is also how the grader counts the positions computed.", show_got=False)
    if len(computed) > 1:
        script.fail(f"{call} computed {len(computed)} positions ({[p for _, p in computed]}); a step computes one, "
                    f"its own token's at position len(cache) = {position}: the earlier positions are in the cache.",
                    show_got=False)
    (embedded, at), = computed
    if at != position:
        script.fail(f"{call} computed its token at position {at}; the new token's position is len(cache) = "
                    f"{position} (positions count from 0).", show_got=False)
    script.fail(f"{call} embedded token {embedded}; it must embed the token it was given, {token}.", show_got=False)


def check_length(script: Script, cache: Any, expected: int, after: str) -> None:
    with script.quietly():
        got = script.len(cache)
        if got == expected:
            return
        why = ""
        if isinstance(got, int) and got == expected - 1:
            why = " The last step appended nothing: decode_step appends its token's key and value to the cache."
        elif isinstance(got, int) and got > expected:
            why = " Each step appends exactly one position (its key and value): not two, and not the whole prefix."
        elif isinstance(got, int) and got == 1 and expected > 1:
            why = " The cache holds only the last position: append to it, do not replace it."
        script.expect(got, expected, f"len(cache) is {{got}} after {after}; expected {{expected}}.{why}")


def check_keys_and_values(script: Script, cache: Any, arrays: Arrays, tokens: list[int]) -> None:
    """cache.keys and cache.values hold x_i @ w_k and x_i @ w_v for every position i, in order."""
    expected_keys, expected_values = keys_and_values(arrays, tokens)
    reproduce = (f"Row i is x_i @ weights.w_k (keys) or x_i @ weights.w_v (values), where x_i = "
                 f"weights.embed(tokens[i], i) and tokens = {list(tokens)}.")
    with script.quietly():
        keys = script.attr(cache, "keys")
        expect_close(script, keys, expected_keys, what=f"cache.keys after {len(tokens)} position(s)",
                     reproduce=reproduce, rtol=RTOL, atol=ATOL)
        values = script.attr(cache, "values")
        try:
            got = np.asarray(from_learner(values), dtype=np.float64)
        except Exception:
            got = None
        if got is not None and len(tokens) and _close(got, expected_keys) and not _close(got, expected_values):
            script.fail("cache.values holds the keys (x @ w_k), not the values (x @ w_v): append(k, v) must be given "
                        "each position's key and its value.", show_got=False)
        expect_close(script, values, expected_values, what=f"cache.values after {len(tokens)} position(s)",
                     reproduce=reproduce, rtol=RTOL, atol=ATOL)


def append_to(script: Script, cache: Any, arrays: Arrays, tokens: list[int], start_at: int) -> None:
    """The grader appends the keys and values of `tokens` at positions start_at.. itself, as a prefill would."""
    k, v = keys_and_values(arrays, tokens, start_at)
    positions = list(range(start_at, start_at + len(tokens)))
    script.run("append", lambda: cache.append(to_learner(k), to_learner(v)),
               shown=f"x = weights.embed({list(tokens)}, {positions})  # the grader's own, not counted\n"
                     "cache.append(x @ weights.w_k, x @ weights.w_v)")


class Sampler:
    """Returns the tokens of a plan in turn, whatever the logits; keeps a copy of the logits it receives."""

    def __init__(self, plan: list[int]):
        self.plan = list(plan)
        self.received: list[Any] = []

    def __call__(self, logits: Any) -> int:
        try:
            self.received.append(np.array(from_learner(logits), copy=True))
        except Exception:  # not an array: kept as it is, reported after generate returns
            self.received.append(logits)
        index = len(self.received) - 1
        return self.plan[min(index, len(self.plan) - 1)] if self.plan else 0

    def __repr__(self) -> str:
        return "sampler"

    @property
    def source(self) -> str:
        return f"plan = iter({self.plan}); sampler = lambda logits: next(plan)"


def run_generate(script: Script, weights: Weights, prompt: list[int], sampler: Sampler | None = None,
                 **kwargs: Any) -> list[int]:
    """Call the learner's generate; return its tokens, checked to be a list of ints."""
    if sampler is not None:
        script.run("setup", lambda: None, shown=sampler.source)
        kwargs["sampler"] = sampler
    got = script.run("generate", solution().generate, list(prompt), weights, **kwargs)
    if not isinstance(got, list):
        script.fail("generate returned {got}; expected a list of the new token ids, each a Python int.", got=got)
    wrong = [token for token in got if type(token) is not int]
    if wrong:
        script.fail(f"generate returned a list holding {short(wrong[0])}, of type {type(wrong[0]).__name__}: each token "
                    "must be a Python int (int(np.argmax(logits)), or .item() on a tensor).", got=got)
    return got


def expect_tokens(script: Script, got: list[int], expected: list[int], prompt: list[int], *, max_new_tokens: int,
                  eos: int | None = None, chosen_by: str = "greedy") -> None:
    """`got` is `expected`; otherwise say how they differ: the prompt returned, eos, max_new_tokens, a token."""
    if got == expected:
        return
    n = len(expected)
    if got == list(prompt) + expected:
        why = "it returned the prompt followed by the new tokens; generate returns the new tokens only."
    elif len(got) > n and got[:n] == expected:
        if n and expected[-1] == eos:
            why = (f"it went on after eos={eos} (new token {n - 1}): generation stops once eos is generated, and "
                   "eos is the last token returned.")
        else:
            why = f"it returned {count(len(got), 'token')}, but max_new_tokens={max_new_tokens} is the most."
    elif len(got) < n and expected[:len(got)] == got:
        if len(got) == n - 1 and expected[-1] == eos:
            why = (f"the eos token {eos} is missing at the end: generation stops after eos is generated, and eos "
                   "itself is returned, as the last new token.")
        elif eos is not None and eos in prompt:
            why = (f"it stopped after {count(len(got), 'token')}, but no eos was generated: eos={eos} appears in the prompt, "
                   "and only a generated eos stops generation.")
        else:
            why = (f"it stopped after {count(len(got), 'token')}; without a generated eos it makes max_new_tokens="
                   f"{max_new_tokens}.")
    else:
        index = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b)
        if chosen_by == "greedy":
            after = list(prompt) + expected[:index]
            why = (f"new token {index} is {got[index]}, expected {expected[index]}: the argmax of the model's logits "
                   f"after {after}, forward({after}, weights)[-1] with forward() from README.md. If decode_step's "
                   "logits pass their own tests, look at how the loop picks and feeds tokens.")
        else:
            why = (f"new token {index} is {got[index]}, but the sampler returned {expected[index]}: each new token "
                   "is what the sampler returns, unchanged.")
    script.fail(f"generate returned {{got}}; expected {short(expected)}: {why}", got=got)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def greedy(arrays: Arrays, prompt: list[int], max_new_tokens: int) -> tuple[list[int], float]:
    """Greedy decoding on the model, and the smallest gap between the two best logits along the way."""
    tokens, new, gap = list(prompt), [], np.inf
    for _ in range(max_new_tokens):
        logits = next_logits(arrays, tokens)
        best, second = np.sort(logits)[::-1][:2]
        gap = min(gap, best - second)
        new.append(int(np.argmax(logits)))
        tokens.append(new[-1])
    return new, float(gap)


def clear_winners(model: Model, prompt: list[int], max_new_tokens: int) -> tuple[Model, list[int]]:
    """The model, or the first one with the next seeds, whose greedy run never hinges on a near tie."""
    for offset in range(50):
        candidate = Model(model.seed + offset, model.vocab, model.d_model, model.max_len)
        tokens, gap = greedy(candidate.arrays(), prompt, max_new_tokens)
        if gap >= NEAR:
            return candidate, tokens
    raise AssertionError("no model without near ties")  # never: near ties are rare


# -- strategies ---------------------------------------------------------------------------------------

seeds = st.integers(0, 2**16)
models = st.builds(Model, seed=seeds, vocab=st.integers(5, 11), d_model=st.integers(4, 8),
                   max_len=st.integers(4, 12))


@dataclass(frozen=True)
class Case:
    model: Model
    prompt: list[int]
    max_new_tokens: int
    plan: list[int]


@st.composite
def cases(draw: Any, min_new: int = 0) -> Case:
    """A model, a prompt, max_new_tokens that fits the context, and a sampler's plan of that many tokens."""
    model = draw(models)
    size = draw(st.integers(1, model.max_len - min_new))
    prompt = draw(st.lists(st.integers(0, model.vocab - 1), min_size=size, max_size=size))
    max_new_tokens = draw(st.integers(min_new, model.max_len - size))
    plan = draw(st.lists(st.integers(0, model.vocab - 1), min_size=max_new_tokens, max_size=max_new_tokens))
    return Case(model, prompt, max_new_tokens, plan)


def avoiding(tokens: list[int], banned: int, vocab: int) -> list[int]:
    """The tokens, with each `banned` one moved to the next id."""
    return [(token + 1) % vocab if token == banned else token for token in tokens]


SMALL = Model(seed=3, vocab=7, d_model=4, max_len=8)
WIDE = Model(seed=11, vocab=11, d_model=8, max_len=12)


# -- level 1: one step ----------------------------------------------------------------------------------

class DecodingMatchesModel(RuleBasedStateMachine):
    """Steps and appends on the learner's cache, against the model: lengths, keys, values and every logit."""

    @initialize(model=st.builds(Model, seed=seeds, vocab=st.integers(5, 9), d_model=st.integers(4, 6),
                                max_len=st.integers(3, 7)))
    def new_cache(self, model):
        self.script, self.weights = start(model)
        self.arrays = model.arrays()
        self.max_len = model.max_len
        self.cache = self.script.new("cache", solution().KVCache, model.d_model)
        self.tokens: list[int] = []

    @precondition(lambda self: len(self.tokens) < self.max_len)
    @rule(token=st.integers(0, 8))
    def step(self, token):
        token %= self.weights.vocab
        position = len(self.tokens)
        logits = call_step(self.script, self.cache, self.weights, token, position)
        self.tokens.append(token)
        check_length(self.script, self.cache, len(self.tokens), f"decode_step({token}, cache, weights)")
        expect_logits(self.script, logits, self.arrays, self.tokens,
                      what=f"The vector of logits returned by decode_step({token}, cache, weights) at position {position}")

    @precondition(lambda self: len(self.tokens) < self.max_len)
    @rule(tokens=st.lists(st.integers(0, 8), min_size=1, max_size=3))
    def append(self, tokens):
        tokens = [token % self.weights.vocab for token in tokens][: self.max_len - len(self.tokens)]
        append_to(self.script, self.cache, self.arrays, tokens, len(self.tokens))
        self.tokens += tokens
        check_length(self.script, self.cache, len(self.tokens), f"cache.append of {len(tokens)} row(s)")

    @precondition(lambda self: len(self.tokens) == self.max_len)
    @rule(token=st.integers(0, 8))
    def step_past_the_context(self, token):
        token %= self.weights.vocab
        self.script.expect_raises(
            ValueError, lambda: self.script.run("decode_step", solution().decode_step, token, self.cache, self.weights,
                                                shown=f"logits = decode_step({token}, cache, weights)"),
            f"decode_step({token}, cache, weights) on a full cache (max_len={self.max_len} positions) {{got}}; "
            "there is no position left for the token, so it must raise {expected}.")
        check_length(self.script, self.cache, len(self.tokens), "a step refused on a full cache")

    @invariant()
    def keys_and_values_match(self):
        check_keys_and_values(self.script, self.cache, self.arrays, self.tokens)


DECIDING_RUNS = [
    # steps from an empty cache, then appended rows (a prefill), then steps after them, up to a full cache
    [("new_cache", Model(seed=3, vocab=7, d_model=4, max_len=5)), ("step", 2), ("step", 5), ("append", [1, 3]),
     ("step", 6), ("step_past_the_context", 4)],
    # a prefill first, then steps
    [("new_cache", Model(seed=8, vocab=6, d_model=5, max_len=6)), ("append", [4, 0, 1]), ("step", 3), ("step", 3)],
]


@scored(points=12, level=1)
def test_decoding_step_by_step_matches_the_model():
    run_model_test(DecodingMatchesModel, DECIDING_RUNS,
                   settings(STATEFUL_SETTINGS, max_examples=8, stateful_step_count=8))


@scored(points=3, level=1)
def test_a_new_cache_holds_no_position():
    for d_model in (4, 6):
        script = Script()
        cache = script.new("cache", solution().KVCache, d_model)
        script.expect(script.len(cache), 0, "len(cache) is {got} for a new cache; expected 0.")
        for name in ("keys", "values"):
            expect_close(script, script.attr(cache, name), np.zeros((0, d_model)), what=f"cache.{name} of a new cache",
                         reproduce=f"An empty cache has no rows, and d_model={d_model} columns.")


@scored(points=5, level=1)
@settings(SETTINGS, max_examples=8)
@given(d_model=st.integers(4, 8), sizes=st.lists(st.integers(1, 3), min_size=1, max_size=4), seed=seeds)
@example(d_model=4, sizes=[1, 1], seed=0)
@example(d_model=5, sizes=[3, 1, 2], seed=1)
def test_append_adds_rows_in_order(d_model, sizes, seed):
    rng = np.random.default_rng(seed)
    script = Script()
    cache = script.new("cache", solution().KVCache, d_model)
    keys, values = np.zeros((0, d_model)), np.zeros((0, d_model))
    reproduce = (f"cache = KVCache({d_model}), then append(k, v) with blocks of {sizes} rows drawn from "
                 f"np.random.default_rng({seed}).standard_normal (k, then v, for each block).")
    for count, size in enumerate(sizes, 1):
        k, v = rng.standard_normal((size, d_model)), rng.standard_normal((size, d_model))
        script.run("append", lambda: cache.append(to_learner(k), to_learner(v)),
                   shown=f"cache.append(k, v)  # k, v: arrays of shape ({size}, {d_model})")
        keys, values = np.concatenate([keys, k]), np.concatenate([values, v])
        script.expect(script.len(cache), len(keys),
                      f"len(cache) is {{got}} after appending blocks of {sizes[:count]} rows; "
                      "expected {expected}: append(k, v) adds one position per row of k.")
        expect_close(script, script.attr(cache, "keys"), keys, what="cache.keys", reproduce=reproduce)
        expect_close(script, script.attr(cache, "values"), values, what="cache.values", reproduce=reproduce)


@scored(points=6, level=1)
def test_each_step_adds_exactly_one_position_to_the_cache():
    for model, tokens in ((SMALL, [3, 1, 4, 1, 5, 2, 6, 0]), (WIDE, [10, 0, 7, 7, 2, 9])):
        script, weights = start(model)
        arrays = model.arrays()
        cache = script.new("cache", solution().KVCache, model.d_model)
        for position, token in enumerate(tokens):
            call_step(script, cache, weights, token, position)
            check_length(script, cache, position + 1, f"{position + 1} step(s)")
            check_keys_and_values(script, cache, arrays, tokens[:position + 1])


@st.composite
def prefixed(draw: Any) -> tuple[Model, list[int], int]:
    model = draw(models)
    size = draw(st.integers(0, min(4, model.max_len - 1)))
    prefix = draw(st.lists(st.integers(0, model.vocab - 1), min_size=size, max_size=size))
    return model, prefix, draw(st.integers(0, model.vocab - 1))


@scored(points=6, level=1)
@settings(SETTINGS, max_examples=10)
@given(case=prefixed())
@example(case=(SMALL, [], 2))
@example(case=(SMALL, [5], 2))
@example(case=(WIDE, [1, 9, 4], 6))
def test_a_new_token_attends_to_itself_and_to_every_cached_position(case):
    model, prefix, token = case
    script, weights = start(model)
    arrays = model.arrays()
    cache = script.new("cache", solution().KVCache, model.d_model)
    if prefix:
        append_to(script, cache, arrays, prefix, 0)
    logits = call_step(script, cache, weights, token, len(prefix))
    expect_logits(script, logits, arrays, prefix + [token],
                  what=f"The vector of logits returned by decode_step({token}, cache, weights) after the cache was given "
                       f"{len(prefix)} position(s)")


@scored(points=8, level=1)
@settings(SETTINGS, max_examples=10)
@given(model=models, data=st.data())
@example(model=SMALL, data=None)
def test_step_logits_match_the_full_forward_pass(model, data):
    if data is None:
        tokens = [3, 1, 4, 1, 5, 0]
    else:
        tokens = data.draw(st.lists(st.integers(0, model.vocab - 1), min_size=2, max_size=model.max_len))
    script, weights = start(model)
    arrays = model.arrays()
    cache = script.new("cache", solution().KVCache, model.d_model)
    for position, token in enumerate(tokens):
        logits = script.run("decode_step", solution().decode_step, token, cache, weights,
                            shown=f"logits = decode_step({token}, cache, weights)")
        expect_logits(script, logits, arrays, tokens[:position + 1],
                      what=f"The vector of logits returned by decode_step({token}, cache, weights) at position {position}")


# -- level 2: the generation loop -------------------------------------------------------------------------

@scored(points=8, level=2)
@settings(SETTINGS, max_examples=10)
@given(case=cases(min_new=1))
@example(case=Case(SMALL, [3, 1, 4], 5, []))
@example(case=Case(WIDE, [2], 11, []))
def test_greedy_generation_takes_the_argmax_at_every_step(case):
    model, expected = clear_winners(case.model, case.prompt, case.max_new_tokens)
    script, weights = start(model)
    got = run_generate(script, weights, case.prompt, max_new_tokens=case.max_new_tokens)
    expect_tokens(script, got, expected, case.prompt, max_new_tokens=case.max_new_tokens)


def tied_model(vocab: int, d_model: int, tied: list[int], seed: int) -> tuple[Arrays, str]:
    """A model whose logits tie exactly between the `tied` tokens (0.0), every other logit being negative.

    w_o = 0 (attention adds nothing), every embedding's first coordinate is positive, and w_out's columns are 0
    for the tied tokens and a negative multiple of the first unit vector for the others: exact in any order."""
    rng = np.random.default_rng(seed)
    tok_emb, pos_emb = rng.standard_normal((vocab, d_model)), rng.standard_normal((8, d_model))
    tok_emb[:, 0], pos_emb[:, 0] = 1 + rng.random(vocab), 1 + rng.random(8)
    w_q, w_k, w_v = (rng.standard_normal((d_model, d_model)) / np.sqrt(d_model) for _ in range(3))
    w_out = np.zeros((d_model, vocab))
    w_out[0] = -(1 + rng.random(vocab))
    w_out[:, tied] = 0.0
    arrays = Arrays(tok_emb, pos_emb, w_q, w_k, w_v, np.zeros((d_model, d_model)), w_out)
    return arrays, (f"# weights: a model whose logits tie exactly at 0.0 between tokens {tied} at every step "
                    "(their columns of w_out are 0), every other logit being negative")


@scored(points=4, level=2)
def test_greedy_ties_go_to_the_lowest_token_id():
    for vocab, tied, prompt in ((6, [2, 4], [0, 5]), (7, [1, 3, 6], [3]), (5, [0, 4], [4, 4, 1]), (9, [5, 8], [8])):
        arrays, source = tied_model(vocab, 4, tied, seed=vocab)
        script = Script()
        script.run("setup", lambda: None, shown=source)
        weights = Weights(arrays, source)
        max_new_tokens = 8 - len(prompt)
        got = run_generate(script, weights, prompt, max_new_tokens=max_new_tokens)
        expected = [min(tied)] * max_new_tokens
        if len(got) == len(expected) and got != expected and set(got) <= set(tied):
            script.fail(f"generate returned {{got}}; expected {expected}: tokens {tied} tie for the largest logit at "
                        f"every step, and greedy decoding breaks a tie with the lowest id, {min(tied)} "
                        "(np.argmax and torch.argmax return the first maximum; sorting may not).", got=got)
        expect_tokens(script, got, expected, prompt, max_new_tokens=max_new_tokens)


@scored(points=7, level=2)
@settings(SETTINGS, max_examples=10)
@given(case=cases(min_new=1))
@example(case=Case(SMALL, [3, 1, 4], 4, [6, 6, 0, 2]))
def test_the_sampler_receives_each_steps_logits_and_chooses_the_token(case):
    script, weights = start(case.model)
    sampler = Sampler(case.plan)
    got = run_generate(script, weights, case.prompt, sampler, max_new_tokens=case.max_new_tokens)
    expect_tokens(script, got, case.plan, case.prompt, max_new_tokens=case.max_new_tokens, chosen_by="sampler")
    check_sampler(script, sampler, case.model.arrays(), case.prompt, got)


def check_sampler(script: Script, sampler: Sampler, arrays: Arrays, prompt: list[int], got: list[int]) -> None:
    if len(sampler.received) != len(got):
        script.fail(f"The sampler was called {len(sampler.received)} times for {len(got)} new tokens: call it once "
                    "per new token, with that step's logits, and keep the token it returns.", show_got=False)
    rows = forward(arrays, list(prompt) + got)  # causal: row i holds the logits that follow the first i + 1 tokens
    for index, logits in enumerate(sampler.received):
        before = list(prompt) + got[:index]
        expect_logits(script, logits, arrays, before, sampler=True, expected=rows[len(before) - 1],
                      what=f"The vector of logits given to the sampler for new token {index} (after {before})")


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=10)
@given(case=cases(min_new=2), data=st.data())
@example(case=Case(SMALL, [3, 1], 5, [4, 2, 0, 5, 1]), data=None)
def test_generation_stops_after_eos_and_returns_it(case, data):
    if data is None:
        eos, at = 0, 2
    else:
        eos = data.draw(st.integers(0, case.model.vocab - 1), label="eos")
        at = data.draw(st.integers(0, case.max_new_tokens - 2), label="eos_at")
    plan = avoiding(case.plan, eos, case.model.vocab)
    plan[at] = eos
    plan[at + 1] = (eos + 1) % case.model.vocab
    script, weights = start(case.model)
    sampler = Sampler(plan)
    got = run_generate(script, weights, case.prompt, sampler, max_new_tokens=case.max_new_tokens, eos=eos)
    expect_tokens(script, got, plan[:at + 1], case.prompt, max_new_tokens=case.max_new_tokens, eos=eos,
                  chosen_by="sampler")
    if len(sampler.received) != at + 1:
        script.fail(f"The sampler was called {len(sampler.received)} times for {at + 1} new tokens: once eos is "
                    "generated, nothing more is sampled.", show_got=False)


@scored(points=3, level=2)
@settings(SETTINGS, max_examples=8)
@given(case=cases(min_new=1), data=st.data())
@example(case=Case(SMALL, [3, 0], 3, [1, 2, 3]), data=None)
def test_eos_in_the_prompt_does_not_stop_generation(case, data):
    if data is None:
        eos, prompt = 0, case.prompt
    else:
        eos = data.draw(st.integers(0, case.model.vocab - 1), label="eos")
        prompt = list(case.prompt)
        prompt[data.draw(st.integers(0, len(prompt) - 1), label="eos_in_prompt_at")] = eos
    plan = avoiding(case.plan, eos, case.model.vocab)
    script, weights = start(case.model)
    got = run_generate(script, weights, prompt, Sampler(plan), max_new_tokens=case.max_new_tokens, eos=eos)
    expect_tokens(script, got, plan, prompt, max_new_tokens=case.max_new_tokens, eos=eos, chosen_by="sampler")


@scored(points=4, level=2)
@settings(SETTINGS, max_examples=8)
@given(case=cases())
@example(case=Case(SMALL, [3, 1, 4], 0, []))
@example(case=Case(SMALL, [3], 1, [5]))
@example(case=Case(SMALL, [3, 1], 6, [5, 4, 3, 2, 1, 0]))
def test_max_new_tokens_is_the_number_of_tokens_without_eos(case):
    script, weights = start(case.model)
    sampler = Sampler(case.plan)
    got = run_generate(script, weights, case.prompt, sampler, max_new_tokens=case.max_new_tokens)
    expect_tokens(script, got, case.plan, case.prompt, max_new_tokens=case.max_new_tokens, chosen_by="sampler")
    if case.max_new_tokens == 0 and sampler.received:
        script.fail("With max_new_tokens=0 the sampler was called: nothing is generated, so nothing is sampled.",
                    show_got=False)


@scored(points=4, level=2)
@settings(SETTINGS, max_examples=8)
@given(case=cases(min_new=1))
@example(case=Case(SMALL, [3, 1, 4], 4, [6, 6, 0, 2]))
def test_without_the_cache_the_tokens_and_logits_are_the_same(case):
    model, expected = clear_winners(case.model, case.prompt, case.max_new_tokens)
    script, weights = start(model)
    got = run_generate(script, weights, case.prompt, max_new_tokens=case.max_new_tokens, use_cache=False)
    expect_tokens(script, got, expected, case.prompt, max_new_tokens=case.max_new_tokens)
    script, weights = start(case.model)
    sampler = Sampler(case.plan)
    got = run_generate(script, weights, case.prompt, sampler, max_new_tokens=case.max_new_tokens, use_cache=False)
    expect_tokens(script, got, case.plan, case.prompt, max_new_tokens=case.max_new_tokens, chosen_by="sampler")
    check_sampler(script, sampler, case.model.arrays(), case.prompt, got)


@scored(points=4, level=2)
def test_arguments_are_checked_before_the_model_runs():
    model = Model(seed=5, vocab=6, d_model=4, max_len=6)
    rejected = [
        ([], 0, "an empty prompt"),
        ([], 2, "an empty prompt"),
        ([1, 2], -1, "max_new_tokens=-1"),
        ([1, 2, 3], 4, "3 prompt tokens + 4 new tokens > max_len=6"),
        ([1, 2, 3, 4, 5, 0], 1, "6 prompt tokens + 1 new token > max_len=6"),
        ([1, 2, 3, 4, 5, 0, 1], 0, "a prompt of 7 tokens > max_len=6"),
    ]
    for prompt, max_new_tokens, what in rejected:
        script, weights = start(model)
        script.expect_raises(ValueError, lambda: script.run("generate", solution().generate, prompt, weights,
                                                            max_new_tokens=max_new_tokens),
                             f"generate({prompt}, weights, max_new_tokens={max_new_tokens}) {{got}}; {what} must "
                             "raise {expected}.")
        if weights._computed:
            script.fail(f"generate raised ValueError for {what}, but only after computing positions "
                        f"{sorted({p for _, p in weights._computed})}: check the arguments before running the model.",
                        show_got=False)
    for prompt, plan in (([1, 2], [3, 4, 5, 0]), ([1, 2, 3, 4, 5, 0], [])):
        script, weights = start(model)
        try:
            got = run_generate(script, weights, prompt, Sampler(plan), max_new_tokens=len(plan))
        except UserCodeRaised as raised:
            if isinstance(raised.original, NotImplementedError):
                raise
            raise PropertyFailed(f"{raised.message.rstrip('.')}. {len(prompt)} prompt tokens + {len(plan)} new tokens "
                                 f"fill max_len={model.max_len} exactly, which is allowed: only len(prompt) + "
                                 "max_new_tokens > max_len is refused.", raised.script, raised.replay) from None
        expect_tokens(script, got, plan, prompt, max_new_tokens=len(plan), chosen_by="sampler")


# -- level 3: the cache pays: positions computed, counted through weights.embed --------------------------------

def calls(weights: Weights) -> str:
    shown = [str(positions) for positions in weights._calls[:8]]
    more = f", and {len(weights._calls) - 8} more" if len(weights._calls) > 8 else ""
    return f"weights.embed was called for positions {', '.join(shown)}{more}"


def cached_run(case: Case) -> tuple[Script, Weights, list[int]]:
    """generate with the cache and a sampler whose first token differs from the prompt's last."""
    plan = list(case.plan)
    if plan and plan[0] == case.prompt[-1]:
        plan[0] = (plan[0] + 1) % case.model.vocab
    script, weights = start(case.model)
    got = run_generate(script, weights, case.prompt, Sampler(plan), max_new_tokens=case.max_new_tokens)
    return script, weights, got


@scored(points=7, level=3)
@settings(SETTINGS, max_examples=10)
@given(case=cases())
@example(case=Case(SMALL, [3, 1, 4], 3, [5, 2, 6]))
@example(case=Case(SMALL, [6], 1, [2]))
@example(case=Case(SMALL, [3, 1, 4], 0, []))
def test_the_prompt_is_computed_once(case):
    script, weights, got = cached_run(case)
    prompt, size = case.prompt, len(case.prompt)
    if case.max_new_tokens == 0:
        if weights._computed:
            script.fail(f"generate(..., max_new_tokens=0) ran the model ({calls(weights)}): with no token to "
                        "generate it returns [] without computing anything.", show_got=False)
        return
    counts = Counter(position for _, position in weights._computed if position < size)
    if len(got) > 1 and all(counts[p] == len(got) for p in range(size)):
        script.fail(f"The prompt's positions were each computed {len(got)} times, once per new token ({calls(weights)})"
                    ": with use_cache=True the prompt runs through the model once, in the prefill, and each later "
                    "step runs only the token it feeds, reading the rest from the cache.", show_got=False)
    for position in range(size):
        if counts[position] != 1:
            script.fail(f"Prompt position {position} (token {prompt[position]}) was computed {counts[position]} times "
                        f"({calls(weights)}); with the cache, each prompt position is computed exactly once, in the "
                        "prefill.", show_got=False)
    for token, position in weights._computed:
        if position < size and token != prompt[position]:
            script.fail(f"Position {position} was computed with token {token}, but the prompt's token there is "
                        f"{prompt[position]}.", show_got=False)
    after = [(token, position) for token, position in weights._computed if position >= size]
    if after and after[0] == (prompt[-1], size) and got and got[0] != prompt[-1]:
        script.fail(f"After the prefill, the last prompt token {prompt[-1]} was computed again, at position {size} "
                    f"({calls(weights)}): the prefill already gives the logits of the first new token, so the first "
                    "step feeds the first new token, at position len(prompt).", show_got=False)


@scored(points=7, level=3)
@settings(SETTINGS, max_examples=10)
@given(case=cases(min_new=1))
@example(case=Case(SMALL, [3, 1, 4], 3, [5, 2, 6]))
@example(case=Case(SMALL, [3, 1], 1, [5]))
def test_each_new_token_but_the_last_is_computed_once(case):
    script, weights, got = cached_run(case)
    size = len(case.prompt)
    after = [(token, position) for token, position in weights._computed if position >= size]
    expected = [(token, size + index) for index, token in enumerate(got[:-1])]
    if Counter(after) == Counter(expected):
        return
    if got and Counter(after) == Counter(expected + [(got[-1], size + len(got) - 1)]):
        script.fail(f"The last new token ({got[-1]}, at position {size + len(got) - 1}) was run through the model "
                    f"too ({calls(weights)}), but nothing uses its logits: the loop stops as soon as the last token is "
                    "appended, so the model runs for every new token except the last.", show_got=False)
    counts = Counter(position for _, position in after)
    for index, token in enumerate(got[:-1]):
        position = size + index
        if counts[position] > 1:
            script.fail(f"Position {position} (new token {index}, {token}) was computed {counts[position]} times "
                        f"({calls(weights)}): with the cache, each step computes only the token it feeds.",
                        show_got=False)
        if (token, position) not in after:
            found = [p for t, p in after if t == token]
            where = f"at position {found[0]}" if found else "never"
            script.fail(f"New token {index} ({token}) was computed {where} ({calls(weights)}); its position is "
                        f"len(prompt) + {index} = {position}: each new token is fed once, at the position after the "
                        "previous one.", show_got=False)
    extra = sorted(set(after) - set(expected))
    script.fail(f"With the cache, the model computed {extra} after the prompt ({calls(weights)}); it computes each "
                "new token but the last once, new token i at position len(prompt) + i.", show_got=False)


@scored(points=6, level=3)
@settings(SETTINGS, max_examples=8)
@given(case=cases(min_new=1))
@example(case=Case(SMALL, [3, 1, 4], 3, [5, 2, 6]))
@example(case=Case(SMALL, [3], 1, [2]))
def test_without_the_cache_each_step_recomputes_the_whole_sequence(case):
    script, weights = start(case.model)
    got = run_generate(script, weights, case.prompt, Sampler(case.plan), max_new_tokens=case.max_new_tokens,
                       use_cache=False)
    sequence = list(case.prompt) + got
    expected = Counter((sequence[p], p) for index in range(len(got)) for p in range(len(case.prompt) + index))
    found = Counter(weights._computed)
    if found == expected:
        return
    if len(got) > 1 and found == Counter((sequence[p], p) for p in range(len(sequence) - 1)):
        script.fail(f"With use_cache=False, each position was computed once, as with the cache ({calls(weights)}): "
                    "without the cache, every step runs the whole sequence so far through the model (len(prompt) + i "
                    "positions for new token i), keeping nothing between steps.", show_got=False)
    wrong = next(pair for pair in sorted(set(found) | set(expected)) if found[pair] != expected[pair])
    script.fail(f"With use_cache=False, token {wrong[0]} at position {wrong[1]} was computed {found[wrong]} times; "
                f"expected {expected[wrong]} ({calls(weights)}): new token i needs positions 0 .. len(prompt) + i - 1, "
                "all recomputed at its step.", show_got=False)
