"""A correct solution with NumPy: candidate scores in a matrix, ordered by np.lexsort on (sequence rank, -score)."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def beam_search(step: Callable[[tuple[int, ...]], Sequence[float]], *, bos: int, eos: int, beam_width: int,
                max_len: int, length_penalty: float = 0.0) -> list[tuple[tuple[int, ...], float]]:
    if beam_width < 1 or max_len < 1:
        raise ValueError("beam_width and max_len must be at least 1")
    live: list[tuple[tuple[int, ...], float]] = [((bos,), 0.0)]
    finished: list[tuple[tuple[int, ...], float]] = []
    for length in range(1, max_len + 1):
        live.sort()  # ascending prefixes: the flat candidate index is then in ascending sequence order
        totals = np.array([total for _, total in live])[:, None] + np.stack([np.asarray(step(p)) for p, _ in live])
        flat = totals.ravel()
        order = np.lexsort((np.arange(flat.size), -flat))[: beam_width - len(finished)]
        vocab = totals.shape[1]
        next_live = []
        for index in order:
            sequence = live[index // vocab][0] + (int(index % vocab),)
            (finished if sequence[-1] == eos or length == max_len else next_live).append((sequence, float(flat[index])))
        live = next_live
        if len(finished) == beam_width or not live:
            break
    penalised = [(sequence, total / (len(sequence) - 1) ** length_penalty) for sequence, total in finished]
    penalised.sort(key=lambda item: (-item[1], item[0]))
    return penalised
