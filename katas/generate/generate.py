"""Autoregressive generation with a KV cache. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np


class KVCache:
    """The keys and values of every position computed so far, oldest first.

    `keys` and `values` are arrays of shape (len(cache), d_model): row i belongs to position i.
    """

    def __init__(self, d_model: int) -> None:
        # TODO: a new cache holds no position: keys and values of shape (0, d_model).
        raise NotImplementedError

    def append(self, k: np.ndarray, v: np.ndarray) -> None:
        """Add the keys and values of n new positions: k and v have shape (n, d_model)."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError


def decode_step(token: int, cache: KVCache, weights: Any) -> np.ndarray:
    """Run one token through the model at position len(cache), appending its key and value to the cache.

    Returns the logits for the token that follows, shape (vocab,). ValueError if the cache is full
    (len(cache) == weights.max_len), before anything changes.
    """
    # TODO: embed the token at its position, project it, append k and v, then attend over the whole cache.
    raise NotImplementedError


def generate(prompt: list[int], weights: Any, *, max_new_tokens: int, eos: int | None = None,
             sampler: Callable[[np.ndarray], int] | None = None, use_cache: bool = True) -> list[int]:
    """Continue prompt by up to max_new_tokens tokens and return the new tokens only (eos included, if drawn).

    Each token is sampler(logits) or, without a sampler, the argmax of the logits (ties: the lowest id).
    ValueError, before the model runs, for an empty prompt, max_new_tokens < 0, or
    len(prompt) + max_new_tokens > weights.max_len.
    With the cache, the prompt is computed once (the prefill), then each new token but the last once;
    with use_cache=False, each step recomputes the whole sequence so far.
    """
    # TODO: check the arguments; prefill the prompt; then pick, append, stop on eos, feed the token.
    raise NotImplementedError
