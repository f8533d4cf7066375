"""A few visible examples. Run them with `pytest katas/beam_search`; `grade beam_search` runs the hidden tests."""

import numpy as np
import pytest

from beam_search import beam_search

# vocabulary {0: eos, 1, 2}; bos = 3
TABLE = {
    (3,): [-1.5, -0.5, -1.0],
    (3, 1): [-3.0, -2.0, -2.0],
    (3, 2): [-0.1, -3.0, -3.0],
}


def step(prefix):
    return np.array(TABLE.get(prefix, [-1.0, -1.0, -1.0]))


def test_a_beam_of_one_is_greedy():
    assert beam_search(step, bos=3, eos=0, beam_width=1, max_len=2) == [((3, 1, 1), -2.5)]


def test_a_wider_beam_finds_the_better_sequence():
    assert beam_search(step, bos=3, eos=0, beam_width=2, max_len=2) == [((3, 2, 0), pytest.approx(-1.1)),
                                                                        ((3, 1, 1), -2.5)]


def test_a_finished_hypothesis_takes_a_slot_and_the_penalty_divides_by_the_length():
    result = beam_search(step, bos=3, eos=0, beam_width=3, max_len=2, length_penalty=1.0)
    assert [sequence for sequence, _ in result] == [(3, 2, 0), (3, 1, 1), (3, 0)]
    assert [score for _, score in result] == pytest.approx([-0.55, -1.25, -1.5])


def test_step_is_called_once_per_extended_prefix():
    calls = []
    beam_search(lambda prefix: calls.append(prefix) or step(prefix), bos=3, eos=0, beam_width=2, max_len=2)
    assert sorted(calls) == [(3,), (3, 1), (3, 2)]


def test_a_beam_width_below_one_is_rejected():
    with pytest.raises(ValueError):
        beam_search(step, bos=3, eos=0, beam_width=0, max_len=2)
