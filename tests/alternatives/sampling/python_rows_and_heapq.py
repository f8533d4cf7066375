"""A correct solution row by row in plain Python: math.exp, heapq.nlargest for top-k, rng.choice per row."""

from __future__ import annotations

import heapq
import math

import numpy as np


def _softmax_row(row: list[float]) -> list[float]:
    top = max(row)
    weights = [math.exp(x - top) for x in row]  # exp(-inf) is 0.0
    total = sum(weights)
    return [w / total for w in weights]


def _rows(logits) -> tuple[np.ndarray, list[list[float]]]:
    array = np.asarray(logits, dtype=float)
    return array, array.reshape(-1, array.shape[-1]).tolist()


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    if not temperature > 0:
        raise ValueError("temperature must be > 0")
    array, rows = _rows(logits)
    return np.array([_softmax_row([x / temperature for x in row]) for row in rows]).reshape(array.shape)


def _top_k_row(row: list[float], k: int) -> list[float]:
    # Larger logit first, then lower index: nlargest on (logit, -index).
    kept = {-negated for _, negated in heapq.nlargest(k, ((x, -i) for i, x in enumerate(row)))}
    return [x if i in kept else -math.inf for i, x in enumerate(row)]


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    if k < 1:
        raise ValueError("k must be at least 1")
    array, rows = _rows(logits)
    return np.array([_top_k_row(row, k) for row in rows]).reshape(array.shape)


def _top_p_row(row: list[float], p: float) -> list[float]:
    probabilities = _softmax_row(row)
    kept, total = set(), 0.0
    for i in sorted(range(len(row)), key=lambda i: (-probabilities[i], i)):
        if total >= p:
            break
        kept.add(i)
        total += probabilities[i]
    return [x if i in kept else -math.inf for i, x in enumerate(row)]


def top_p_filter(logits: np.ndarray, p: float) -> np.ndarray:
    if not (0 < p <= 1):
        raise ValueError("p must be in (0, 1]")
    array, rows = _rows(logits)
    if p == 1:
        return array.copy()
    return np.array([_top_p_row(row, p) for row in rows]).reshape(array.shape)


def sample(logits: np.ndarray, rng: np.random.Generator, *, temperature: float = 1.0, top_k: int | None = None,
           top_p: float | None = None) -> int | np.ndarray:
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    if top_k is not None and top_k < 1:
        raise ValueError("top_k must be at least 1")
    if top_p is not None and not (0 < top_p <= 1):
        raise ValueError("top_p must be in (0, 1]")
    array, rows = _rows(logits)
    tokens = []
    for row in rows:
        if temperature == 0:
            tokens.append(row.index(max(row)))  # the first maximum
            continue
        row = [x / temperature for x in row]
        if top_k is not None:
            row = _top_k_row(row, top_k)
        if top_p is not None and top_p < 1:
            row = _top_p_row(row, top_p)
        tokens.append(int(rng.choice(len(row), p=_softmax_row(row))))
    if array.ndim == 1:
        return tokens[0]
    return np.array(tokens, dtype=np.int64).reshape(array.shape[:-1])
