"""Attention with einsum, and multi-head attention as a loop over column slices, one head at a time."""

from __future__ import annotations

import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.shape[-1]
    scores = np.einsum("...qd,...kd->...qk", q, k) / np.sqrt(d_k)
    if mask is None:
        allowed = np.ones(scores.shape, dtype=bool)
    else:
        allowed = np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape)
    # Only allowed scores take part in the maximum; rows with no allowed key get a harmless maximum of 0.
    has_key = allowed.any(axis=-1, keepdims=True)
    top = np.max(np.where(allowed, scores, -np.inf), axis=-1, keepdims=True)
    top = np.where(has_key, top, 0.0)
    exps = np.where(allowed, np.exp(np.where(allowed, scores - top, 0.0)), 0.0)
    sums = exps.sum(axis=-1, keepdims=True)
    weights = np.where(has_key, exps / np.where(has_key, sums, 1.0), 0.0)
    out = np.einsum("...qk,...kd->...qd", weights, v)
    return out, weights


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, *, causal=False, key_padding_mask=None):
    batch, seq, d_model = x.shape
    if not isinstance(num_heads, int) or num_heads <= 0 or d_model % num_heads:
        raise ValueError("num_heads must divide d_model")
    d_head = d_model // num_heads
    mask = np.ones((batch, seq, seq), dtype=bool)
    if causal:
        for i in range(seq):
            mask[:, i, i + 1:] = False
    if key_padding_mask is not None:
        for b in range(batch):
            for j in range(seq):
                if key_padding_mask[b][j]:
                    mask[b, :, j] = False
    q_all, k_all, v_all = x @ w_q, x @ w_k, x @ w_v
    outputs = []
    for h in range(num_heads):
        cols = slice(h * d_head, (h + 1) * d_head)
        out, _ = scaled_dot_product_attention(q_all[:, :, cols], k_all[:, :, cols], v_all[:, :, cols], mask)
        outputs.append(out)
    return np.concatenate(outputs, axis=-1) @ w_o
