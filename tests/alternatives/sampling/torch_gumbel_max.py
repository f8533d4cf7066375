"""A correct solution in PyTorch: tensors in and out, and the draw by the Gumbel-max trick.

argmax(logits / T + Gumbel noise) is distributed as softmax(logits / T); a removed token's -inf logit
stays -inf whatever the noise, so it is never drawn. The noise comes from the numpy rng it is given.
"""

from __future__ import annotations

import numpy as np
import torch

REQUIRES_MODULES = ("torch",)


def softmax(logits: torch.Tensor, temperature: float = 1.0) -> torch.Tensor:
    if temperature <= 0:
        raise ValueError("temperature must be > 0")
    return torch.softmax(logits / temperature, dim=-1)  # torch subtracts the row max itself


def _descending(logits: torch.Tensor) -> torch.Tensor:
    return torch.sort(logits, dim=-1, descending=True, stable=True).indices


def top_k_filter(logits: torch.Tensor, k: int) -> torch.Tensor:
    if k < 1:
        raise ValueError("k must be at least 1")
    drop = _descending(logits)[..., k:]
    return logits.scatter(-1, drop, float("-inf"))


def top_p_filter(logits: torch.Tensor, p: float) -> torch.Tensor:
    if not 0 < p <= 1:
        raise ValueError("p must be in (0, 1]")
    if p == 1:
        return logits.clone()
    order = _descending(logits)
    ranked = torch.softmax(logits, dim=-1).gather(-1, order)
    before = torch.cumsum(ranked, dim=-1)
    before = torch.cat([torch.zeros_like(before[..., :1]), before[..., :-1]], dim=-1)
    drop_ranked = before >= p
    drop = torch.zeros_like(drop_ranked).scatter(-1, order, drop_ranked)
    return logits.masked_fill(drop, float("-inf"))


def sample(logits: torch.Tensor, rng: np.random.Generator, *, temperature: float = 1.0, top_k: int | None = None,
           top_p: float | None = None) -> int | torch.Tensor:
    if temperature < 0 or (top_k is not None and top_k < 1) or (top_p is not None and not 0 < top_p <= 1):
        raise ValueError("bad temperature, top_k or top_p")
    if temperature == 0:
        tokens = torch.argmax(logits, dim=-1)
    else:
        scaled = logits / temperature
        if top_k is not None:
            scaled = top_k_filter(scaled, top_k)
        if top_p is not None:
            scaled = top_p_filter(scaled, top_p)
        noise = torch.from_numpy(rng.gumbel(size=tuple(scaled.shape))).to(scaled.dtype)
        tokens = torch.argmax(scaled + noise, dim=-1)
    return int(tokens.item()) if logits.dim() == 1 else tokens
