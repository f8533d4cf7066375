"""Softmax as exp(scores - logsumexp(scores)), masks as an additive bias of 0 / -inf, heads stacked by slicing."""

from __future__ import annotations

import math

import numpy as np


def _log_softmax(scores):
    top = np.max(scores, axis=-1, keepdims=True)
    finite_top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):  # log(0) = -inf for a row with no allowed key, handled below
        log_total = np.log(np.sum(np.exp(scores - finite_top), axis=-1, keepdims=True)) + finite_top
    return scores - log_total, np.isfinite(log_total)


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = np.matmul(q, np.moveaxis(k, -1, -2)) * (1.0 / math.sqrt(k.shape[-1]))
    if mask is not None:
        bias = np.where(np.asarray(mask), 0.0, -np.inf)
        scores = scores + bias
    log_weights, defined = _log_softmax(scores)
    with np.errstate(invalid="ignore"):
        weights = np.where(defined, np.exp(np.where(defined, log_weights, 0.0)), 0.0)
    return np.matmul(weights, v), weights


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, *, causal=False, key_padding_mask=None):
    d_model = x.shape[-1]
    if num_heads <= 0 or d_model % num_heads != 0:
        raise ValueError(f"{d_model} is not divisible into {num_heads} heads")
    size = d_model // num_heads
    seq = x.shape[1]

    def stack(t):  # (batch, seq, d_model) -> (heads, batch, seq, size), by slicing the columns
        return np.stack([t[..., h * size:(h + 1) * size] for h in range(num_heads)])

    mask = None
    if causal:
        mask = np.arange(seq)[None, :] <= np.arange(seq)[:, None]
    if key_padding_mask is not None:
        keys = np.logical_not(key_padding_mask)[:, None, :]  # (batch, 1, seq): broadcast over heads too
        mask = keys if mask is None else np.logical_and(mask, keys)
    heads, _ = scaled_dot_product_attention(stack(x @ w_q), stack(x @ w_k), stack(x @ w_v), mask)
    return np.concatenate(list(heads), axis=-1) @ w_o
