"""Autoregressive generation with a KV cache: the reference solution.

One private function runs n new tokens through the model at the positions that follow the cache; a step
is that function with n = 1, and the prefill is that function with the whole prompt.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np


class KVCache:
    """The keys and values of every position computed so far, oldest first.

    `keys` and `values` are arrays of shape (len(cache), d_model): row i belongs to position i.
    """

    def __init__(self, d_model: int) -> None:
        # Growing by concatenation copies the cache on each append: fine at this size. A production cache
        # preallocates max_len rows and keeps a length.
        self.keys = np.zeros((0, d_model))
        self.values = np.zeros((0, d_model))

    def append(self, k: np.ndarray, v: np.ndarray) -> None:
        """Add the keys and values of n new positions: k and v have shape (n, d_model)."""
        self.keys = np.concatenate([self.keys, k])
        self.values = np.concatenate([self.values, v])

    def __len__(self) -> int:
        return len(self.keys)


def _forward(tokens: list[int], cache: KVCache, weights: Any) -> np.ndarray:
    """Run tokens through the model at positions len(cache), len(cache) + 1, ...; their logits, (n, vocab)."""
    start, n = len(cache), len(tokens)
    if start + n > weights.max_len:
        raise ValueError(f"positions {start}..{start + n - 1} do not fit a context of max_len={weights.max_len}")
    x = weights.embed(tokens, np.arange(start, start + n))                       # (n, d)
    q = x @ weights.w_q
    # Into the cache first: each new token attends to every earlier position and to itself.
    cache.append(x @ weights.w_k, x @ weights.w_v)
    scores = q @ cache.keys.T / np.sqrt(weights.d_model)                         # (n, start + n)
    # Causal: the token at position start + i sees positions 0 .. start + i, not the ones after it.
    visible = np.arange(start + n)[None, :] <= np.arange(start, start + n)[:, None]
    scores = np.where(visible, scores, -np.inf)
    scores -= scores.max(axis=-1, keepdims=True)                                 # stable softmax
    attention = np.exp(scores)
    attention /= attention.sum(axis=-1, keepdims=True)
    h = x + attention @ cache.values @ weights.w_o
    return h @ weights.w_out


def decode_step(token: int, cache: KVCache, weights: Any) -> np.ndarray:
    """Run one token through the model at position len(cache), appending its key and value to the cache.

    Returns the logits for the token that follows, shape (vocab,). ValueError if the cache is full
    (len(cache) == weights.max_len), before anything changes.
    """
    return _forward([token], cache, weights)[0]


def generate(prompt: list[int], weights: Any, *, max_new_tokens: int, eos: int | None = None,
             sampler: Callable[[np.ndarray], int] | None = None, use_cache: bool = True) -> list[int]:
    """Continue prompt by up to max_new_tokens tokens and return the new tokens only (eos included, if drawn).

    Each token is sampler(logits) or, without a sampler, the argmax of the logits (ties: the lowest id).
    ValueError, before the model runs, for an empty prompt, max_new_tokens < 0, or
    len(prompt) + max_new_tokens > weights.max_len.
    With the cache, the prompt is computed once (the prefill), then each new token but the last once;
    with use_cache=False, each step recomputes the whole sequence so far.
    """
    if not prompt:
        raise ValueError("the prompt must hold at least one token")
    if max_new_tokens < 0:
        raise ValueError(f"max_new_tokens must be at least 0, got {max_new_tokens}")
    if len(prompt) + max_new_tokens > weights.max_len:
        raise ValueError(f"{len(prompt)} prompt tokens + {max_new_tokens} new tokens do not fit a context of "
                         f"max_len={weights.max_len}")
    new: list[int] = []
    cache = KVCache(weights.d_model)
    pending = list(prompt)  # what the model has not seen yet: the whole prompt at first (the prefill)
    for _ in range(max_new_tokens):
        if use_cache:
            logits = _forward(pending, cache, weights)
        else:
            logits = _forward(list(prompt) + new, KVCache(weights.d_model), weights)
        token = int(sampler(logits[-1])) if sampler is not None else int(np.argmax(logits[-1]))  # argmax: first max
        new.append(token)
        if token == eos:
            break
        # Fed at the next turn only: the last new token is returned, never run through the model.
        pending = [token]
    return new
