"""LoRA as a torch.nn.Module: a frozen weight, A and B as parameters, merge under no_grad."""

from __future__ import annotations

import math

import torch
from torch import nn

REQUIRES_MODULES = ("torch",)


class LoRALinear(nn.Module):
    def __init__(self, weight, bias, *, r, alpha, rng):
        super().__init__()
        out_features, in_features = weight.shape
        if not 1 <= r <= min(out_features, in_features):
            raise ValueError(f"r={r} must be in 1..{min(out_features, in_features)}")
        self.weight = nn.Parameter(weight.detach().clone(), requires_grad=False)
        self.bias = None if bias is None else nn.Parameter(bias.detach().clone(), requires_grad=False)
        bound = 1 / math.sqrt(in_features)
        a = torch.empty(r, in_features, dtype=weight.dtype).uniform_(-bound, bound, generator=rng)
        self.A = nn.Parameter(a)
        self.B = nn.Parameter(torch.zeros(out_features, r, dtype=weight.dtype))
        self.scaling = alpha / r
        self.merged = False

    def forward(self, x):
        y = x @ self.weight.T
        if self.bias is not None:
            y = y + self.bias
        if not self.merged:
            y = y + self.scaling * ((x @ self.A.T) @ self.B.T)
        return y

    @torch.no_grad()
    def merge(self):
        if not self.merged:
            self.weight += self.scaling * (self.B @ self.A)
            self.merged = True

    @torch.no_grad()
    def unmerge(self):
        if self.merged:
            self.weight -= self.scaling * (self.B @ self.A)
            self.merged = False

    def trainable_parameters(self):
        return self.A.numel() + self.B.numel()
