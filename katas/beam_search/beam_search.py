"""Beam search. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

from typing import Callable, Sequence


def beam_search(step: Callable[[tuple[int, ...]], Sequence[float]], *, bos: int, eos: int, beam_width: int,
                max_len: int, length_penalty: float = 0.0) -> list[tuple[tuple[int, ...], float]]:
    """The finished hypotheses of a beam search, best first, as (sequence, score) pairs.

    step(prefix) gives the next-token log-probabilities after a prefix (a tuple starting with bos). A
    sequence is (bos, t1, ..., tn), ending with eos unless it stopped at n == max_len. Its score is the
    sum of its log-probabilities divided by n ** length_penalty (n counts eos, not bos). Each finished
    hypothesis takes a slot of the beam; at most beam_width come back. Ties: the smaller sequence first.
    ValueError if beam_width < 1 or max_len < 1.
    """
    # TODO: keep (sequence, log-probability) pairs for the live and the finished hypotheses.
    raise NotImplementedError
