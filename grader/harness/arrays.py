"""Arrays in hidden suites: NumPy by default, PyTorch when the learner's file uses it.

The ML katas are written against NumPy, and a learner may write theirs in PyTorch instead: when their
file imports torch, `to_learner` hands them `torch.Tensor`s and `from_learner` takes tensors back. The
suite computes expected values with NumPy either way and compares with `expect_close`, whose failure
reports the largest absolute and relative differences, where they are, and how to reproduce the case
(shapes and a seed), never a dump of thousands of numbers.

Only the ML suites import this module (NumPy costs a tenth of a second; torch two seconds, and only
when the learner's file imports it).
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from grader.harness.script import PropertyFailed, Script, short
from grader.harness.suite import solution

__all__ = ["uses_torch", "to_learner", "from_learner", "expect_close", "expect_finite", "describe"]


def uses_torch() -> bool:
    """The learner's module imported torch (at module level: `import torch` or `from torch import ...`)."""
    torch = sys.modules.get("torch")
    if torch is None:
        return False
    for value in vars(solution()).values():
        module = getattr(value, "__module__", None) if not isinstance(value, type(sys)) else value.__name__
        if value is torch or (isinstance(module, str) and module.split(".")[0] == "torch"):
            return True
    return False


def to_learner(value: Any) -> Any:
    """A NumPy array (or a nested tuple/list/dict of them) as the learner's flavour expects it; always a copy."""
    if isinstance(value, np.ndarray):
        if uses_torch():
            import torch

            return torch.from_numpy(np.array(value, copy=True))
        return np.array(value, copy=True)
    if isinstance(value, (list, tuple)):
        return type(value)(to_learner(v) for v in value)
    if isinstance(value, dict):
        return {k: to_learner(v) for k, v in value.items()}
    return value


def from_learner(value: Any) -> np.ndarray:
    """Whatever array-like the learner returned, as a NumPy array (a torch tensor is detached and copied)."""
    if hasattr(value, "detach") and hasattr(value, "numpy"):
        return value.detach().cpu().numpy()
    return np.asarray(value)


def describe(array: Any) -> str:
    """A short description of an array for a message: its shape and dtype, not its numbers."""
    if isinstance(array, np.ndarray):
        return f"an array of shape {tuple(array.shape)} ({array.dtype})"
    if hasattr(array, "shape") and hasattr(array, "dtype"):
        return f"a {type(array).__name__} of shape {tuple(array.shape)} ({array.dtype})"
    return short(array)


def _index(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.unravel_index(flat, shape)) if shape else ()


def _g(value: float) -> str:
    return f"{value:.4g}"


def expect_finite(script: Script, got: Any, what: str, reproduce: str) -> np.ndarray:
    """`got` is a finite array (no NaN, no inf); returns it as NumPy."""
    array = from_learner(got)
    if array.dtype.kind in "fc":
        bad = ~np.isfinite(array)
        if bad.any():
            where = _index(int(np.flatnonzero(bad)[0]), array.shape)
            script.note(f"got {describe(array)}")
            raise PropertyFailed(f"{what} has {int(bad.sum())} value(s) that are NaN or infinite, the first "
                                 f"{_g(array[where])} at index {where}. {reproduce}", script.render())
    return array


def expect_close(script: Script, got: Any, expected: np.ndarray, *, what: str, reproduce: str,
                 rtol: float = 1e-5, atol: float = 1e-6) -> np.ndarray:
    """`got` matches `expected` in shape and values (within rtol and atol, as np.allclose); returns it as NumPy.

    `what` names the value ("the output of scaled_dot_product_attention"); `reproduce` says how to
    rebuild the inputs ("q, k, v of shapes (2, 3, 4): np.random.default_rng(7).standard_normal").
    """
    try:
        array = from_learner(got)
    except Exception:  # not array-like at all
        array = None
    if array is None or array.dtype == object:
        script.note(f"got {short(got)}")
        raise PropertyFailed(f"{what} is {short(got)}; expected {describe(expected)}. {reproduce}", script.render())
    if array.shape != expected.shape:
        script.note(f"got {describe(array)}")
        raise PropertyFailed(f"{what} has shape {tuple(array.shape)}; expected shape {tuple(expected.shape)}. "
                             f"{reproduce}", script.render())
    if expected.size == 0:
        return array
    array = expect_finite(script, array, what, reproduce) if np.isfinite(expected).all() else array
    difference = np.abs(array.astype(np.float64) - expected.astype(np.float64))
    allowed = atol + rtol * np.abs(expected.astype(np.float64))
    if np.all(difference <= allowed) and np.array_equal(np.isnan(array), np.isnan(expected)):
        return array
    worst = _index(int(np.nanargmax(difference)), difference.shape)
    relative = difference / np.maximum(np.abs(expected.astype(np.float64)), 1e-12)
    worst_relative = _index(int(np.nanargmax(relative)), relative.shape)
    script.note(f"got {describe(array)}")
    raise PropertyFailed(
        f"{what} differs from the expected values: the largest absolute difference is {_g(difference[worst])} "
        f"at index {worst} (got {_g(array[worst])}, expected {_g(expected[worst])}); the largest relative "
        f"difference is {_g(relative[worst_relative])} at index {worst_relative}. Allowed: rtol={rtol:g}, "
        f"atol={atol:g}. {reproduce}", script.render())
