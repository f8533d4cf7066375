"""Sampling: temperature, top-k and top-p. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

import numpy as np


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Probabilities over the last axis: exp(logits / temperature), normalised per row.

    Stable for any finite logits; a -inf logit gets probability 0. ValueError unless temperature > 0.
    """
    # TODO: subtract each row's max before exp.
    raise NotImplementedError


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    """The logits with all but the k largest of each row set to -inf; ties keep the lower index.

    A k larger than the vocabulary keeps every token. ValueError if k < 1.
    """
    raise NotImplementedError


def top_p_filter(logits: np.ndarray, p: float) -> np.ndarray:
    """The logits with all but the nucleus of each row set to -inf.

    The nucleus is the shortest run of most probable tokens (ties: lower index first) whose
    probabilities sum to >= p; it always holds the most probable token. p = 1 keeps every token.
    ValueError unless 0 < p <= 1.
    """
    raise NotImplementedError


def sample(logits: np.ndarray, rng: np.random.Generator, *, temperature: float = 1.0, top_k: int | None = None,
           top_p: float | None = None) -> int | np.ndarray:
    """Draw one token id per row: temperature, then top-k, then top-p, then softmax, then one draw from rng.

    temperature == 0 is greedy (argmax, ties to the lowest index). 1-D logits give an int; logits of
    shape (..., V) give an integer array of shape logits.shape[:-1].
    """
    raise NotImplementedError
