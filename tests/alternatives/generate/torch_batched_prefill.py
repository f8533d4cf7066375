"""A correct solution in PyTorch: float64 tensors throughout, a batched prefill with a causal mask."""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

REQUIRES_MODULES = ("torch",)


class KVCache:
    def __init__(self, d_model: int) -> None:
        self.keys = torch.zeros((0, d_model), dtype=torch.float64)
        self.values = torch.zeros((0, d_model), dtype=torch.float64)

    def append(self, k: torch.Tensor, v: torch.Tensor) -> None:
        self.keys = torch.cat([self.keys, torch.as_tensor(k, dtype=torch.float64)])
        self.values = torch.cat([self.values, torch.as_tensor(v, dtype=torch.float64)])

    def __len__(self) -> int:
        return self.keys.shape[0]


def _forward(tokens: list[int], cache: KVCache, weights: Any) -> torch.Tensor:
    start, n = len(cache), len(tokens)
    if start + n > weights.max_len:
        raise ValueError(f"positions up to {start + n - 1} do not fit max_len={weights.max_len}")
    x = weights.embed(torch.tensor(tokens), torch.arange(start, start + n))
    q = x @ weights.w_q
    cache.append(x @ weights.w_k, x @ weights.w_v)
    scores = q @ cache.keys.T / math.sqrt(weights.d_model)
    mask = torch.ones(n, start + n, dtype=torch.bool).triu(start + 1)   # position start + i sees 0 .. start + i
    attention = torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)
    return (x + attention @ cache.values @ weights.w_o) @ weights.w_out


def decode_step(token: int, cache: KVCache, weights: Any) -> torch.Tensor:
    return _forward([token], cache, weights)[0]


def generate(prompt: list[int], weights: Any, *, max_new_tokens: int, eos: int | None = None,
             sampler: Callable[[torch.Tensor], int] | None = None, use_cache: bool = True) -> list[int]:
    if not prompt:
        raise ValueError("the prompt is empty")
    if max_new_tokens < 0:
        raise ValueError("max_new_tokens is negative")
    if len(prompt) + max_new_tokens > weights.max_len:
        raise ValueError("the prompt and the new tokens do not fit the context")
    new: list[int] = []
    cache = KVCache(weights.d_model)
    feed = list(prompt)
    while len(new) < max_new_tokens:
        if use_cache:
            logits = _forward(feed, cache, weights)[-1]
        else:
            logits = _forward(list(prompt) + new, KVCache(weights.d_model), weights)[-1]
        token = int(sampler(logits)) if sampler is not None else int(torch.argmax(logits).item())
        new.append(token)
        if token == eos:
            break
        feed = [token]
    return new
