"""A few visible examples. Run them with `pytest katas/sampling`; `grade sampling` runs the hidden tests."""

import numpy as np
import pytest

from sampling import sample, softmax, top_k_filter, top_p_filter


def test_softmax_is_stable_for_huge_logits():
    probabilities = softmax(np.array([1e4, 1e4, -1e4]))
    assert np.allclose(probabilities, [0.5, 0.5, 0.0])


def test_top_k_keeps_the_lower_index_among_ties():
    filtered = top_k_filter(np.array([1.0, 3.0, 3.0, 3.0]), 2)
    assert np.array_equal(filtered, [-np.inf, 3.0, 3.0, -np.inf])


def test_top_p_keeps_the_token_that_reaches_p():
    # Four equal logits: probabilities 0.25 each, so p = 0.5 is reached exactly by the first two tokens.
    assert np.array_equal(top_p_filter(np.zeros(4), 0.5), [0.0, 0.0, -np.inf, -np.inf])
    assert np.array_equal(top_p_filter(np.zeros(4), 0.6), [0.0, 0.0, 0.0, -np.inf])


def test_temperature_zero_is_greedy_and_gives_an_int():
    token = sample(np.array([0.0, 2.0, 2.0]), np.random.default_rng(0), temperature=0)
    assert token == 1 and type(token) is int


def test_batched_logits_give_one_token_per_row():
    tokens = sample(np.zeros((3, 5)), np.random.default_rng(0), top_k=2)
    assert tokens.shape == (3,) and set(tokens.tolist()) <= {0, 1}


def test_bad_arguments_raise_value_error():
    with pytest.raises(ValueError):
        top_p_filter(np.zeros(3), 0.0)
    with pytest.raises(ValueError):
        sample(np.zeros(3), np.random.default_rng(0), temperature=-1.0)
