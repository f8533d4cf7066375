"""A few visible examples. Run them with `pytest katas/attention`; `grade attention` runs the hidden tests."""

import numpy as np
import pytest

from attention import multi_head_attention, scaled_dot_product_attention


def test_each_query_gets_weights_over_the_keys_that_sum_to_one():
    rng = np.random.default_rng(0)
    q, k, v = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 5, 4)), rng.standard_normal((2, 5, 6))
    out, weights = scaled_dot_product_attention(q, k, v)
    assert out.shape == (2, 3, 6) and weights.shape == (2, 3, 5)
    assert np.allclose(weights.sum(axis=-1), 1.0)
    assert np.allclose(out, weights @ v)


def test_a_single_key_takes_all_the_weight():
    q, k, v = np.ones((1, 4)), np.ones((1, 4)), np.array([[2.0, -1.0]])
    out, weights = scaled_dot_product_attention(q, k, v)
    assert np.allclose(weights, [[1.0]]) and np.allclose(out, [[2.0, -1.0]])


def test_a_masked_key_gets_no_weight_and_a_fully_masked_row_is_zeros():
    rng = np.random.default_rng(1)
    q, k, v = rng.standard_normal((2, 4)), rng.standard_normal((3, 4)), rng.standard_normal((3, 2))
    mask = np.array([[True, False, True], [False, False, False]])
    out, weights = scaled_dot_product_attention(q, k, v, mask=mask)
    assert weights[0, 1] == 0.0 and np.isclose(weights[0].sum(), 1.0)
    assert np.allclose(weights[1], 0.0) and np.allclose(out[1], 0.0)


def test_causal_attention_ignores_later_tokens():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((1, 4, 6))
    w_q, w_k, w_v, w_o = (rng.standard_normal((6, 6)) for _ in range(4))
    changed = x.copy()
    changed[:, 2:] = rng.standard_normal((1, 2, 6))
    before = multi_head_attention(x, w_q, w_k, w_v, w_o, 3, causal=True)
    after = multi_head_attention(changed, w_q, w_k, w_v, w_o, 3, causal=True)
    assert before.shape == (1, 4, 6)
    assert np.allclose(before[:, :2], after[:, :2])


def test_num_heads_must_divide_d_model():
    x = np.zeros((1, 2, 6))
    w = np.eye(6)
    with pytest.raises(ValueError):
        multi_head_attention(x, w, w, w, w, 4)
