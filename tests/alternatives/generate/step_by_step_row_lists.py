"""A correct solution built on decode_step alone: the prefill is one decode_step per prompt token.

The cache keeps Python lists of rows and stacks them when asked; without the cache, each step replays the
whole sequence through decode_step on a fresh cache. Greedy is a hand-written scan that keeps the first
maximum.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np


class KVCache:
    def __init__(self, d_model: int) -> None:
        self._d_model = d_model
        self._keys: list[np.ndarray] = []
        self._values: list[np.ndarray] = []

    def append(self, k: np.ndarray, v: np.ndarray) -> None:
        self._keys.extend(np.asarray(k, dtype=float).reshape(-1, self._d_model))
        self._values.extend(np.asarray(v, dtype=float).reshape(-1, self._d_model))

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> np.ndarray:
        return np.array(self._keys).reshape(len(self._keys), self._d_model)

    @property
    def values(self) -> np.ndarray:
        return np.array(self._values).reshape(len(self._values), self._d_model)


def decode_step(token: int, cache: KVCache, weights: Any) -> np.ndarray:
    position = len(cache)
    if position >= weights.max_len:
        raise ValueError(f"the cache is full: {position} positions, max_len={weights.max_len}")
    x = weights.embed(token, position)                       # (d_model,)
    cache.append((x @ weights.w_k)[None, :], (x @ weights.w_v)[None, :])
    scores = cache.keys @ (x @ weights.w_q) / math.sqrt(weights.d_model)
    weights_of_positions = np.exp(scores - scores.max())
    weights_of_positions /= weights_of_positions.sum()
    h = x + (weights_of_positions @ cache.values) @ weights.w_o
    return h @ weights.w_out


def _first_argmax(logits: np.ndarray) -> int:
    best = 0
    for index in range(1, len(logits)):
        if logits[index] > logits[best]:
            best = index
    return best


def generate(prompt: list[int], weights: Any, *, max_new_tokens: int, eos: int | None = None,
             sampler: Callable[[np.ndarray], int] | None = None, use_cache: bool = True) -> list[int]:
    if len(prompt) == 0:
        raise ValueError("empty prompt")
    if max_new_tokens < 0:
        raise ValueError("max_new_tokens < 0")
    if len(prompt) + max_new_tokens > weights.max_len:
        raise ValueError("the prompt and the new tokens do not fit the context")
    out: list[int] = []
    if max_new_tokens == 0:
        return out
    cache = KVCache(weights.d_model)
    for token in prompt:
        logits = decode_step(token, cache, weights)
    while True:
        token = int(sampler(logits)) if sampler else _first_argmax(logits)
        out.append(token)
        if token == eos or len(out) == max_new_tokens:
            return out
        if use_cache:
            logits = decode_step(token, cache, weights)
        else:
            fresh = KVCache(weights.d_model)
            for earlier in list(prompt) + out:
                logits = decode_step(earlier, fresh, weights)
