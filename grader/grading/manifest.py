"""What a hidden suite contains, read from its source without running it.

The parent process trusts this list, not the child's reports: a test the child never reports on
counts as failed, so a solution cannot raise its score by stopping or faking the run.
"""

from __future__ import annotations

import ast
from pathlib import Path

from grader import limits
from grader.protocol import PlannedTest


class SuiteError(Exception):
    """A hidden suite that breaks the conventions: a bug in the project, not in the learner's code."""


def _literal_kwargs(call: ast.Call, where: str) -> dict:
    if call.args:
        raise SuiteError(f"{where}: scored() takes keyword arguments only")
    try:
        return {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
    except ValueError as exc:
        raise SuiteError(f"{where}: scored() arguments must be literals") from exc


_MODEL_CALLS = {"run_state_machine_as_test", "run_model_test"}
_HEAVY_CALLS = _MODEL_CALLS | {"assert_as_fast_as_reference"}


def _calls(test: ast.AST) -> set[str | None]:
    return {getattr(n.func, "id", getattr(n.func, "attr", None)) for n in ast.walk(test) if isinstance(n, ast.Call)}


def _weight(test: ast.AST) -> int:
    calls = _calls(test)
    decorated = any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == "given"
                    for d in getattr(test, "decorator_list", []))
    return 4 if calls & _HEAVY_CALLS else (2 if decorated else 1)


def read(suite: Path) -> list[PlannedTest]:
    tree = ast.parse(suite.read_text(encoding="utf-8"), filename=str(suite))
    planned = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not node.name.startswith("test_"):
            continue
        where = f"{suite.name}::{node.name}"
        calls = [
            d for d in node.decorator_list
            if isinstance(d, ast.Call) and getattr(d.func, "id", getattr(d.func, "attr", None)) == "scored"
        ]
        if len(calls) != 1:
            raise SuiteError(f"{where}: every hidden test needs exactly one @scored(points=..., level=...)")
        kwargs = _literal_kwargs(calls[0], where)
        planned.append(
            PlannedTest(
                id=node.name,
                points=int(kwargs["points"]),
                level=int(kwargs.get("level", 1)),
                timeout_s=float(kwargs.get("timeout", limits.TEST_TIMEOUT_S)),
                weight=_weight(node),
                model=bool(_MODEL_CALLS & _calls(node)),
            )
        )
    if not planned:
        raise SuiteError(f"{suite.name}: no scored tests found")
    return planned
