"""Beam search over a next-token model: the beam narrows as hypotheses finish; ties go to the smaller sequence."""

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
    if beam_width < 1:
        raise ValueError(f"beam_width must be at least 1, got {beam_width}")
    if max_len < 1:
        raise ValueError(f"max_len must be at least 1, got {max_len}")
    live: list[tuple[tuple[int, ...], float]] = [((bos,), 0.0)]
    finished: list[tuple[tuple[int, ...], float]] = []
    for length in range(1, max_len + 1):
        candidates = []
        for prefix, log_probability in live:
            next_log_probabilities = step(prefix)  # once per live prefix: the model is the expensive part
            for token in range(len(next_log_probabilities)):
                candidates.append((prefix + (token,), log_probability + float(next_log_probabilities[token])))
        # All candidates have the same length, so the raw sum ranks them; the key makes ties deterministic.
        candidates.sort(key=lambda candidate: (-candidate[1], candidate[0]))
        live = []
        for sequence, log_probability in candidates[: beam_width - len(finished)]:
            if sequence[-1] == eos or length == max_len:
                finished.append((sequence, log_probability))
            else:
                live.append((sequence, log_probability))
        if len(finished) == beam_width or not live:
            break
    # Only now do lengths differ: the penalty divides by the number of generated tokens (bos excluded).
    scored = [(sequence, log_probability / (len(sequence) - 1) ** length_penalty)
              for sequence, log_probability in finished]
    return sorted(scored, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))
