"""Multi-head attention. Read README.md in this folder, then replace each `raise NotImplementedError`.

NumPy is the default. To write it in PyTorch instead, `import torch` at the top of this file: the grader
then passes torch.Tensors in and accepts tensors back (README.md, "NumPy or PyTorch").
"""

from __future__ import annotations

import numpy as np


def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray,
                                 mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Attention of each query over the keys: returns (output, weights).

    q (..., Lq, d_k), k (..., Lk, d_k), v (..., Lk, d_v), with the same leading (batch) dimensions.
    mask: None, or booleans broadcastable to (..., Lq, Lk); True = the query may attend to that key.
    weights = softmax(q @ k^T / sqrt(d_k)) over the keys, 0 where the mask is False, and a row with no
    allowed key is all zeros. output = weights @ v, shape (..., Lq, d_v); weights (..., Lq, Lk).
    """
    # TODO: the scores first, then a softmax over the keys that survives scores of 1e4 and respects the mask.
    raise NotImplementedError


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
    # TODO: validate num_heads, project, split into heads, attend (reuse the function above), merge, project.
    raise NotImplementedError
