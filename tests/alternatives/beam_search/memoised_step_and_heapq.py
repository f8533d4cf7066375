"""A correct solution with a memoised model and heapq.nsmallest on (-log-probability, sequence) keys.

The memo makes "call step once per prefix" hold by construction, so the loop may ask for a row per token.
"""

from __future__ import annotations

import heapq
from typing import Callable, Sequence


def beam_search(step: Callable[[tuple[int, ...]], Sequence[float]], *, bos: int, eos: int, beam_width: int,
                max_len: int, length_penalty: float = 0.0) -> list[tuple[tuple[int, ...], float]]:
    if beam_width < 1:
        raise ValueError("beam_width must be at least 1")
    if max_len < 1:
        raise ValueError("max_len must be at least 1")
    memo: dict[tuple[int, ...], list[float]] = {}

    def row(prefix: tuple[int, ...]) -> list[float]:
        if prefix not in memo:
            memo[prefix] = [float(value) for value in step(prefix)]
        return memo[prefix]

    beam = {(bos,): 0.0}
    done: dict[tuple[int, ...], float] = {}
    length = 0
    while beam and len(done) < beam_width and length < max_len:
        length += 1
        candidates = ((prefix + (token,), total + value)
                      for prefix, total in beam.items() for token, value in enumerate(row(prefix)))
        best = heapq.nsmallest(beam_width - len(done), candidates, key=lambda c: (-c[1], c[0]))
        beam = {}
        for sequence, total in best:
            if sequence[-1] == eos or length == max_len:
                done[sequence] = total
            else:
                beam[sequence] = total
    return sorted(((sequence, total / (len(sequence) - 1) ** length_penalty) for sequence, total in done.items()),
                  key=lambda item: (-item[1], item[0]))
