"""LoRA keeping a copy of the base weight while merged (unmerge restores it exactly), einsum for the products,
and `merged` as a read-only property."""

from __future__ import annotations

import numpy as np


class LoRALinear:
    def __init__(self, weight, bias, *, r, alpha, rng):
        weight = np.asarray(weight)
        out_features, in_features = weight.shape
        if r <= 0 or r > min(out_features, in_features):
            raise ValueError("rank out of range")
        self.weight = weight.copy()
        self.bias = None if bias is None else np.asarray(bias).copy()
        self.alpha, self.r = alpha, r
        self.A = (rng.standard_normal((r, in_features)) * 0.01).astype(weight.dtype)
        self.B = np.zeros((out_features, r), dtype=weight.dtype)
        self._base = None  # the unmerged weight, kept while merged

    @property
    def merged(self):
        return self._base is not None

    def forward(self, x):
        out = np.einsum("...i,oi->...o", x, self.weight, optimize=True)
        if self.bias is not None:
            out = out + self.bias
        if self._base is None:
            low = np.einsum("...i,ri->...r", x, self.A, optimize=True)
            out = out + (self.alpha / self.r) * np.einsum("...r,or->...o", low, self.B, optimize=True)
        return out

    def merge(self):
        if self._base is None:
            self._base = self.weight
            self.weight = self._base + (self.alpha / self.r) * np.einsum("or,ri->oi", self.B, self.A, optimize=True)

    def unmerge(self):
        if self._base is not None:
            self.weight, self._base = self._base, None

    def trainable_parameters(self):
        return self.r * (self.A.shape[1] + self.B.shape[0])
