"""A few visible examples. Run them with `pytest katas/generate`; `grade generate` runs the hidden tests.

`Weights` below is the grader's toy model as your code sees it (NumPy flavour): the same fields, the same
`embed`, and `Weights.random` draws exactly the weights a hidden test's failure message names.
"""

import numpy as np
import pytest

from generate import KVCache, decode_step, generate


class Weights:
    """A one-layer, one-head causal decoder: see "The model" in README.md."""

    def __init__(self, tok_emb, pos_emb, w_q, w_k, w_v, w_o, w_out):
        self.vocab, self.d_model = tok_emb.shape
        self.max_len = pos_emb.shape[0]
        self._tok_emb, self._pos_emb = tok_emb, pos_emb  # private: reach them through embed
        self.w_q, self.w_k, self.w_v, self.w_o, self.w_out = w_q, w_k, w_v, w_o, w_out
        self.embedded = []  # every (token, position) pair embedded: what the grader counts

    @classmethod
    def random(cls, seed, vocab, d_model, max_len):
        rng = np.random.default_rng(seed)
        tok_emb = rng.standard_normal((vocab, d_model))
        pos_emb = rng.standard_normal((max_len, d_model))
        scale = 1 / np.sqrt(d_model)
        w_q, w_k, w_v, w_o = (rng.standard_normal((d_model, d_model)) * scale for _ in range(4))
        w_out = rng.standard_normal((d_model, vocab)) * scale
        return cls(tok_emb, pos_emb, w_q, w_k, w_v, w_o, w_out)

    def embed(self, tokens, positions):
        """tok_emb[tokens] + pos_emb[positions]: two ints give (d_model,), two sequences of n ints (n, d_model)."""
        tokens, positions = np.asarray(tokens), np.asarray(positions)
        if tokens.shape != positions.shape or tokens.ndim > 1:
            raise ValueError("embed takes two ints or two 1-D sequences of the same length")
        if np.any(positions < 0) or np.any(positions >= self.max_len):
            raise ValueError(f"a position is outside the context 0..{self.max_len - 1}")
        if np.any(tokens < 0) or np.any(tokens >= self.vocab):
            raise ValueError(f"a token is not in the vocabulary 0..{self.vocab - 1}")
        self.embedded += zip(tokens.reshape(-1).tolist(), positions.reshape(-1).tolist())
        return self._tok_emb[tokens] + self._pos_emb[positions]


def forward(tokens, weights):
    """The model without a cache, as in README.md: forward(tokens, weights)[i] scores what follows tokens[:i + 1]."""
    n = len(tokens)
    x = weights.embed(list(tokens), list(range(n)))
    q, k, v = x @ weights.w_q, x @ weights.w_k, x @ weights.w_v
    scores = q @ k.T / np.sqrt(weights.d_model)
    scores[np.triu_indices(n, 1)] = -np.inf
    attention = np.exp(scores - scores.max(axis=1, keepdims=True))
    attention /= attention.sum(axis=1, keepdims=True)
    return (x + attention @ v @ weights.w_o) @ weights.w_out


def test_each_step_adds_one_position_and_matches_the_full_forward_pass():
    weights = Weights.random(seed=2, vocab=7, d_model=4, max_len=8)
    tokens = [3, 1, 4, 1]
    expected = forward(tokens, weights)
    cache = KVCache(weights.d_model)
    for position, token in enumerate(tokens):
        logits = decode_step(token, cache, weights)
        assert len(cache) == position + 1
        assert cache.keys.shape == cache.values.shape == (position + 1, 4)
        assert logits.shape == (7,)
        np.testing.assert_allclose(logits, expected[position], rtol=1e-6, atol=1e-9)


def test_greedy_generation_is_the_same_with_and_without_the_cache():
    weights = Weights.random(seed=2, vocab=7, d_model=4, max_len=8)
    assert generate([3, 1, 4], weights, max_new_tokens=5) == [1, 5, 2, 5, 0]
    assert generate([3, 1, 4], weights, max_new_tokens=5, use_cache=False) == [1, 5, 2, 5, 0]


def test_generation_stops_after_eos_and_returns_it():
    weights = Weights.random(seed=2, vocab=7, d_model=4, max_len=8)
    plan = iter([5, 2, 0, 6])
    assert generate([3, 1], weights, max_new_tokens=4, eos=2, sampler=lambda logits: next(plan)) == [5, 2]


def test_the_prompt_is_computed_once_and_the_last_new_token_never():
    weights = Weights.random(seed=2, vocab=7, d_model=4, max_len=8)
    plan = iter([5, 2, 6])
    generate([3, 1, 4], weights, max_new_tokens=3, sampler=lambda logits: next(plan))
    assert weights.embedded == [(3, 0), (1, 1), (4, 2), (5, 3), (2, 4)]


def test_bad_arguments_raise_value_error():
    weights = Weights.random(seed=2, vocab=7, d_model=4, max_len=8)
    with pytest.raises(ValueError):
        generate([], weights, max_new_tokens=1)
    with pytest.raises(ValueError):
        generate([3, 1, 4], weights, max_new_tokens=6)  # 3 + 6 > max_len = 8
