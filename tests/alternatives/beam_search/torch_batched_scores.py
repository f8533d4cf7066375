"""A correct solution in PyTorch: the live hypotheses' log-probabilities stacked into one (beams, V) tensor.

Live prefixes are kept in ascending order, so the flat index beam * V + token runs through the candidates
in ascending sequence order, and a stable descending sort breaks ties by the smaller sequence.
"""

from __future__ import annotations

from typing import Callable, Sequence

import torch

REQUIRES_MODULES = ("torch",)


def beam_search(step: Callable[[tuple[int, ...]], Sequence[float]], *, bos: int, eos: int, beam_width: int,
                max_len: int, length_penalty: float = 0.0) -> list[tuple[tuple[int, ...], float]]:
    if beam_width < 1 or max_len < 1:
        raise ValueError("beam_width and max_len must be at least 1")
    prefixes = [(bos,)]
    sums = torch.zeros(1, dtype=torch.float64)
    finished: list[tuple[tuple[int, ...], float]] = []
    for length in range(1, max_len + 1):
        rows = torch.stack([torch.as_tensor(step(prefix), dtype=torch.float64) for prefix in prefixes])
        vocab = rows.shape[1]
        totals = (sums[:, None] + rows).reshape(-1)
        order = torch.sort(totals, descending=True, stable=True).indices[: beam_width - len(finished)]
        kept = sorted(((prefixes[i // vocab] + (i % vocab,), float(totals[i])) for i in order.tolist()))
        live = []
        for sequence, total in kept:
            (finished if sequence[-1] == eos or length == max_len else live).append((sequence, total))
        if len(finished) == beam_width or not live:
            break
        prefixes = [sequence for sequence, _ in live]  # kept is sorted, so these stay in ascending order
        sums = torch.tensor([total for _, total in live], dtype=torch.float64)
    scored = [(sequence, total / (len(sequence) - 1) ** length_penalty) for sequence, total in finished]
    return sorted(scored, key=lambda item: (-item[1], item[0]))
