"""LoRA adapter. Read README.md in this folder, then replace each `raise NotImplementedError`.

NumPy is the default. To write it in PyTorch instead, `import torch` at the top of this file: the grader
then passes torch.Tensors in and accepts tensors back (README.md, "NumPy or PyTorch").
"""

from __future__ import annotations

import numpy as np


class LoRALinear:
    """A frozen linear layer, y = x @ weight.T + bias, with a low-rank adapter: + (alpha / r) * (x @ A.T) @ B.T.

    weight (out_features, in_features) and bias (out_features,) or None are copied. A (r, in_features) starts
    small and random, drawn from rng; B (out_features, r) starts at zero, so a fresh adapter changes nothing.
    merge() folds the update into weight, unmerge() takes it out again; `merged` says which is the case.
    ValueError unless 0 < r <= min(in_features, out_features).
    """

    weight: np.ndarray
    bias: np.ndarray | None
    A: np.ndarray
    B: np.ndarray
    merged: bool

    def __init__(self, weight: np.ndarray, bias: np.ndarray | None, *, r: int, alpha: float,
                 rng: np.random.Generator) -> None:
        # TODO: validate r, copy weight and bias, draw A from rng, B = zeros, merged = False.
        raise NotImplementedError

    def forward(self, x: np.ndarray) -> np.ndarray:
        """x (..., in_features) -> (..., out_features)."""
        raise NotImplementedError

    def merge(self) -> None:
        """Fold the update into weight: weight += (alpha / r) * B @ A. Does nothing if already merged."""
        raise NotImplementedError

    def unmerge(self) -> None:
        """Take the update out of weight again. Does nothing if not merged."""
        raise NotImplementedError

    def trainable_parameters(self) -> int:
        """The number of trainable values: those of A and B, r * (in_features + out_features)."""
        raise NotImplementedError
