"""LoRA: a frozen linear layer plus a trainable low-rank update (alpha / r) * B @ A, which can be merged into it."""

from __future__ import annotations

import math

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
        out_features, in_features = weight.shape
        if not 0 < r <= min(in_features, out_features):
            raise ValueError(f"r must be in 1..{min(in_features, out_features)} for a {out_features}x{in_features} "
                             f"layer, got {r}")
        # Our own copies: merge() changes weight in place, and the caller's array must not change with it.
        self.weight = np.array(weight, copy=True)
        self.bias = None if bias is None else np.array(bias, copy=True)
        self.scaling = alpha / r
        # B = 0 makes the adapter start as a no-op; A must not be 0 too, or no gradient would ever reach B.
        # Uniform in +-1/sqrt(in_features), as peft's default (Kaiming-uniform) initialisation gives.
        bound = 1.0 / math.sqrt(in_features)
        self.A = rng.uniform(-bound, bound, size=(r, in_features)).astype(self.weight.dtype)
        self.B = np.zeros((out_features, r), dtype=self.weight.dtype)
        self.merged = False

    def forward(self, x: np.ndarray) -> np.ndarray:
        """x (..., in_features) -> (..., out_features)."""
        y = x @ self.weight.T
        if self.bias is not None:
            y = y + self.bias
        if not self.merged:
            # Two thin products, O(n * r * (in + out)): never B @ A, a full out x in matrix.
            y = y + self.scaling * ((x @ self.A.T) @ self.B.T)
        return y

    def merge(self) -> None:
        """Fold the update into weight: weight += (alpha / r) * B @ A. Does nothing if already merged."""
        if self.merged:
            return
        self.weight += self.scaling * (self.B @ self.A)
        self.merged = True

    def unmerge(self) -> None:
        """Take the update out of weight again. Does nothing if not merged."""
        if not self.merged:
            return
        self.weight -= self.scaling * (self.B @ self.A)
        self.merged = False

    def trainable_parameters(self) -> int:
        """The number of trainable values: those of A and B, r * (in_features + out_features)."""
        return int(self.A.size + self.B.size)
