"""A few visible examples. Run them with `pytest katas/lora`; `grade lora` runs the hidden tests."""

import numpy as np
import pytest

from lora import LoRALinear


def test_a_fresh_adapter_is_the_base_layer():
    rng = np.random.default_rng(0)
    weight, bias = rng.standard_normal((3, 4)), rng.standard_normal(3)
    layer = LoRALinear(weight, bias, r=2, alpha=4.0, rng=np.random.default_rng(1))
    x = rng.standard_normal((5, 4))
    assert layer.A.shape == (2, 4) and layer.B.shape == (3, 2)
    assert np.allclose(layer.forward(x), x @ weight.T + bias)
    assert layer.merged is False


def test_the_update_is_scaled_by_alpha_over_r():
    rng = np.random.default_rng(2)
    weight = rng.standard_normal((3, 4))
    layer = LoRALinear(weight, None, r=2, alpha=4.0, rng=np.random.default_rng(3))
    layer.A, layer.B = rng.standard_normal((2, 4)), rng.standard_normal((3, 2))
    x = rng.standard_normal(4)
    assert np.allclose(layer.forward(x), x @ weight.T + 2.0 * (x @ layer.A.T) @ layer.B.T)


def test_merge_keeps_the_outputs_and_unmerge_restores_the_weight():
    rng = np.random.default_rng(4)
    weight, bias = rng.standard_normal((3, 4)), rng.standard_normal(3)
    layer = LoRALinear(weight, bias, r=1, alpha=2.0, rng=np.random.default_rng(5))
    layer.B = rng.standard_normal((3, 1))
    x = rng.standard_normal((2, 4))
    before = layer.forward(x)
    layer.merge()
    assert layer.merged is True
    assert np.allclose(layer.forward(x), before)
    layer.unmerge()
    assert np.allclose(layer.weight, weight)


def test_trainable_parameters_count_a_and_b():
    layer = LoRALinear(np.zeros((6, 5)), None, r=3, alpha=1.0, rng=np.random.default_rng(0))
    assert layer.trainable_parameters() == 3 * (5 + 6)


def test_r_must_fit_the_layer():
    with pytest.raises(ValueError):
        LoRALinear(np.zeros((6, 5)), None, r=6, alpha=1.0, rng=np.random.default_rng(0))
