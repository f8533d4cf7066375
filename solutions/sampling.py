"""Sampling: softmax with temperature, top-k and top-p filters, and a sampler built from them (NumPy)."""

from __future__ import annotations

import numpy as np


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Probabilities over the last axis: exp(logits / temperature), normalised per row.

    Stable for any finite logits; a -inf logit gets probability 0. ValueError unless temperature > 0.
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    scaled = np.asarray(logits, dtype=np.float64) / temperature
    # Subtracting each row's own max makes the largest exponent exp(0) = 1: nothing overflows, and the
    # sum is at least 1, so nothing divides by zero. The max must be per row (keepdims for broadcasting).
    shifted = scaled - scaled.max(axis=-1, keepdims=True)
    weights = np.exp(shifted)
    return weights / weights.sum(axis=-1, keepdims=True)


def _ranked(logits: np.ndarray) -> np.ndarray:
    """Token ids of each row from the largest logit down; a stable sort keeps equal logits in index order."""
    return np.argsort(-logits, axis=-1, kind="stable")


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    """The logits with all but the k largest of each row set to -inf; ties keep the lower index.

    A k larger than the vocabulary keeps every token. ValueError if k < 1.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    logits = np.asarray(logits, dtype=np.float64)
    filtered = logits.copy()
    # Slicing past the end is empty, so k > V removes nothing.
    np.put_along_axis(filtered, _ranked(logits)[..., k:], -np.inf, axis=-1)
    return filtered


def top_p_filter(logits: np.ndarray, p: float) -> np.ndarray:
    """The logits with all but the nucleus of each row set to -inf.

    The nucleus is the shortest run of most probable tokens (ties: lower index first) whose
    probabilities sum to >= p; it always holds the most probable token. p = 1 keeps every token.
    ValueError unless 0 < p <= 1.
    """
    if not 0 < p <= 1:
        raise ValueError(f"p must be in (0, 1], got {p}")
    logits = np.asarray(logits, dtype=np.float64)
    filtered = logits.copy()
    if p == 1:
        return filtered  # a cumulative sum may reach 1.0 before the last tiny probability: never rely on it
    order = _ranked(logits)  # softmax is monotonic: ranking logits ranks probabilities
    ranked = np.take_along_axis(softmax(logits), order, axis=-1)
    # A token belongs to the nucleus when the tokens ranked before it sum to less than p: that keeps the
    # first token always, and keeps the token whose probability makes the sum reach p.
    before = np.zeros_like(ranked)
    before[..., 1:] = np.cumsum(ranked, axis=-1)[..., :-1]
    kept = np.empty_like(before, dtype=bool)
    np.put_along_axis(kept, order, before < p, axis=-1)  # back from ranked order to token order
    filtered[~kept] = -np.inf
    return filtered


def sample(logits: np.ndarray, rng: np.random.Generator, *, temperature: float = 1.0, top_k: int | None = None,
           top_p: float | None = None) -> int | np.ndarray:
    """Draw one token id per row: temperature, then top-k, then top-p, then softmax, then one draw from rng.

    temperature == 0 is greedy (argmax, ties to the lowest index). 1-D logits give an int; logits of
    shape (..., V) give an integer array of shape logits.shape[:-1].
    """
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {top_k}")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {top_p}")
    logits = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        tokens = np.argmax(logits, axis=-1)  # the first maximum: ties go to the lowest index
    else:
        scaled = logits / temperature
        if top_k is not None:
            scaled = top_k_filter(scaled, top_k)
        if top_p is not None:
            scaled = top_p_filter(scaled, top_p)
        cumulative = np.cumsum(softmax(scaled), axis=-1)
        cumulative /= cumulative[..., -1:]  # x / x is exactly 1.0, so a uniform in [0, 1) always lands in a row
        uniform = rng.random(cumulative.shape[:-1] + (1,))  # one draw per row, never one shared by the batch
        # Inverse CDF: the first token whose cumulative probability exceeds the uniform. A removed token
        # adds nothing to the running sum, so it can never be the first to exceed it.
        tokens = (cumulative <= uniform).sum(axis=-1)
    return int(tokens) if logits.ndim == 1 else tokens
