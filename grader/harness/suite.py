"""What every hidden suite declares and reads: its tests' points, its hypothesis budget, the modules under test."""

from __future__ import annotations

from types import ModuleType
from typing import Callable

from hypothesis import HealthCheck, Phase, settings

# One budget for every suite: enough examples to find the classic bugs, few enough to grade in about a
# second. Strategies over text should name an alphabet: an unrestricted st.text() makes hypothesis build
# its Unicode tables in each fresh child, which costs more than a whole suite. The seed comes from the
# command line (--hypothesis-seed), so grading is deterministic.
SETTINGS = settings(
    max_examples=100,
    database=None,
    deadline=None,
    derandomize=False,
    print_blob=False,
    report_multiple_bugs=False,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
)
STATEFUL_SETTINGS = settings(SETTINGS, max_examples=40, stateful_step_count=20)

_modules: dict[str, ModuleType] = {}
_kata: list[str] = ["solution"]


def scored(*, points: int, level: int = 1, timeout: float = 5.0) -> Callable:
    """Give a hidden test its points and level. The grader reads these from the source, not at run time."""

    def mark(test: Callable) -> Callable:
        test.scored = (points, level, timeout)
        return test

    return mark


def install(solution_module: ModuleType, reference_module: ModuleType, kata: str) -> None:
    """Called by the child once the learner's file is imported, before any test runs."""
    _modules["solution"] = solution_module
    _modules["reference"] = reference_module
    _kata[0] = kata


def solution() -> ModuleType:
    """The module under test (the learner's file)."""
    return _modules["solution"]


def reference() -> ModuleType:
    """The kata's reference solution, for speed comparisons only: expected values come from models."""
    return _modules["reference"]


def kata_name() -> str:
    """The module name a pinned test imports from."""
    return _kata[0]
