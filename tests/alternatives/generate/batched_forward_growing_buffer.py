"""A correct solution around one batched forward pass: the prefill embeds the whole prompt in one call.

The cache is a buffer that doubles when full (keys and values are views of its filled rows); without the
cache, each step is the README's forward() over the whole sequence.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np


class KVCache:
    def __init__(self, d_model: int) -> None:
        self._k = np.empty((4, d_model))
        self._v = np.empty((4, d_model))
        self._n = 0

    def append(self, k: np.ndarray, v: np.ndarray) -> None:
        k, v = np.atleast_2d(k), np.atleast_2d(v)
        while self._n + len(k) > len(self._k):
            self._k = np.concatenate([self._k, np.empty_like(self._k)])
            self._v = np.concatenate([self._v, np.empty_like(self._v)])
        self._k[self._n:self._n + len(k)] = k
        self._v[self._n:self._n + len(v)] = v
        self._n += len(k)

    def __len__(self) -> int:
        return self._n

    @property
    def keys(self) -> np.ndarray:
        return self._k[:self._n]

    @property
    def values(self) -> np.ndarray:
        return self._v[:self._n]


def _run(tokens: list[int], cache: KVCache, weights: Any) -> np.ndarray:
    """The logits of `tokens`, placed after the cached positions; (len(tokens), vocab)."""
    offset, n = len(cache), len(tokens)
    if offset + n > weights.max_len:
        raise ValueError("past the context")
    x = weights.embed(np.asarray(tokens), np.arange(offset, offset + n))
    cache.append(x @ weights.w_k, x @ weights.w_v)
    scores = (x @ weights.w_q) @ cache.keys.T / np.sqrt(weights.d_model)
    future = np.arange(offset + n)[None, :] > np.arange(offset, offset + n)[:, None]
    scores[future] = -np.inf
    probabilities = np.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return (x + probabilities @ cache.values @ weights.w_o) @ weights.w_out


def decode_step(token: int, cache: KVCache, weights: Any) -> np.ndarray:
    return _run([token], cache, weights)[-1]


def generate(prompt: list[int], weights: Any, *, max_new_tokens: int, eos: int | None = None,
             sampler: Callable[[np.ndarray], int] | None = None, use_cache: bool = True) -> list[int]:
    if not prompt or max_new_tokens < 0 or len(prompt) + max_new_tokens > weights.max_len:
        raise ValueError("bad arguments")
    choose = (lambda logits: int(sampler(logits))) if sampler is not None else (lambda logits: int(logits.argmax()))
    sequence = list(prompt)
    cache = KVCache(weights.d_model)
    for i in range(max_new_tokens):
        if not use_cache:
            logits = _run(sequence, KVCache(weights.d_model), weights)[-1]
        elif i == 0:
            logits = _run(sequence, cache, weights)[-1]
        else:
            logits = decode_step(sequence[-1], cache, weights)
        sequence.append(choose(logits))
        if sequence[-1] == eos:
            break
    return sequence[len(prompt):]
