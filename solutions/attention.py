"""Multi-head attention: softmax(q k^T / sqrt(d_k)) v, heads split by a reshape, causal and padding masks."""

from __future__ import annotations

import math

import numpy as np


def _masked_softmax(scores: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
    """Softmax over the last axis, where `allowed` (broadcastable) is False the weight is exactly 0."""
    if allowed is not None:
        # -inf, not a large negative number: exp(-inf) is exactly 0 however large the other scores are.
        scores = np.where(allowed, scores, -np.inf)
    top = scores.max(axis=-1, keepdims=True)
    # Subtracting the row maximum keeps exp() in range: exp(1e4) overflows to inf, and inf / inf is NaN.
    # A row with no allowed key has maximum -inf; subtracting 0 there keeps all its exps at 0 (not NaN).
    top = np.where(np.isneginf(top), 0.0, top)
    exps = np.exp(scores - top)
    totals = exps.sum(axis=-1, keepdims=True)
    # A row of zeros (no allowed key) stays zeros: the statement's rule, instead of 0 / 0.
    return exps / np.where(totals == 0.0, 1.0, totals)


def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray,
                                 mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Attention of each query over the keys: returns (output, weights).

    q (..., Lq, d_k), k (..., Lk, d_k), v (..., Lk, d_v), with the same leading (batch) dimensions.
    mask: None, or booleans broadcastable to (..., Lq, Lk); True = the query may attend to that key.
    weights = softmax(q @ k^T / sqrt(d_k)) over the keys, 0 where the mask is False, and a row with no
    allowed key is all zeros. output = weights @ v, shape (..., Lq, d_v); weights (..., Lq, Lk).
    """
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1])  # swapaxes, not .T: .T reverses batch axes too
    weights = _masked_softmax(scores, mask)
    return weights @ v, weights


def multi_head_attention(x: np.ndarray, w_q: np.ndarray, w_k: np.ndarray, w_v: np.ndarray, w_o: np.ndarray,
                         num_heads: int, *, causal: bool = False,
                         key_padding_mask: np.ndarray | None = None) -> np.ndarray:
    """Multi-head self-attention of x (batch, seq, d_model); returns (batch, seq, d_model).

    Projections are applied as x @ w (each w is (d_model, d_model)). Head h uses columns
    h*d_head:(h+1)*d_head of the projections, d_head = d_model // num_heads; the heads' outputs are
    concatenated in head order and projected by w_o. causal: position i attends only to j <= i.
    key_padding_mask (batch, seq), True = padding: no query attends to that key. ValueError unless
    num_heads is a positive divisor of d_model.
    """
    batch, seq, d_model = x.shape
    if num_heads < 1 or d_model % num_heads != 0:
        raise ValueError(f"num_heads must be a positive divisor of d_model={d_model}, got {num_heads}")
    d_head = d_model // num_heads

    def split(t: np.ndarray) -> np.ndarray:
        # (batch, seq, d_model) -> (batch, seq, heads, d_head) keeps each position's row together; only then
        # swap seq and heads. Reshaping straight to (batch, heads, seq, d_head) would mix positions.
        return t.reshape(batch, seq, num_heads, d_head).transpose(0, 2, 1, 3)

    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)
    allowed = None
    if causal:
        allowed = np.tril(np.ones((seq, seq), dtype=bool))                     # (seq, seq): key j <= query i
    if key_padding_mask is not None:
        keys = ~np.asarray(key_padding_mask, dtype=bool)[:, None, None, :]     # (batch, 1, 1, seq)
        allowed = keys if allowed is None else allowed & keys                  # both rules hold at once
    heads, _ = scaled_dot_product_attention(q, k, v, allowed)                  # (batch, heads, seq, d_head)
    concatenated = heads.transpose(0, 2, 1, 3).reshape(batch, seq, d_model)   # undo the split, in reverse
    return concatenated @ w_o
