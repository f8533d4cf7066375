"""Shared helpers for the project's own tests: every kata is found by discovery, never listed by hand."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader import catalog
from grader.grading import grade
from grader.report import Report

TESTS_DIR = Path(__file__).resolve().parent
KATAS = catalog.all_katas()
KATA_NAMES = [kata.name for kata in KATAS]


@dataclass(frozen=True)
class Mutant:
    """A known-buggy variant: a patch of the reference (or of the correct alternative named by BASE),
    or a whole file of its own."""

    kata: str
    path: Path
    expect: str
    patch: tuple[tuple[str, str], ...] | None
    base: str | None = None
    """A file under tests/ to patch instead of the reference."""

    @property
    def id(self) -> str:
        return f"{self.kata}/{self.path.stem}"

    def source(self) -> str:
        if self.patch is None:
            return self.path.read_text(encoding="utf-8")
        base = TESTS_DIR / self.base if self.base else catalog.find(self.kata).reference
        source = base.read_text(encoding="utf-8")
        for old, new in self.patch:
            assert source.count(old) == 1, f"{self.id}: the patch must match {base.name} exactly once: {old!r}"
            source = source.replace(old, new)
        return source


def _literal(tree: ast.Module, name: str):
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def mutants() -> list[Mutant]:
    found = []
    for path in sorted((TESTS_DIR / "mutants").glob("*/*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        patch = _literal(tree, "PATCH")
        found.append(Mutant(path.parent.name, path, _literal(tree, "EXPECT"),
                            tuple(map(tuple, patch)) if patch else None, _literal(tree, "BASE")))
    return found


def alternatives() -> list[Path]:
    return sorted((TESTS_DIR / "alternatives").glob("*/*.py"))


def required_python(path: Path) -> tuple[int, ...]:
    """An alternative that needs a newer Python than the oldest supported says so: REQUIRES_PYTHON = (3, 11)."""
    return tuple(_literal(ast.parse(path.read_text(encoding="utf-8")), "REQUIRES_PYTHON") or (3, 10))


def grade_source(kata_name: str, source: str, folder: Path, seed: int = 0) -> Report:
    """Grade source text as if the user had written it in their kata file."""
    kata = catalog.find(kata_name)
    target = folder / f"{kata.name}.py"
    target.write_text(source, encoding="utf-8")
    return grade(kata, target, seed)


@pytest.fixture(autouse=True)
def private_history(tmp_path_factory, monkeypatch):
    """Every test gets its own practice history, never the real user's (subprocesses inherit it too)."""
    monkeypatch.setenv("KATAS_DATA_DIR", str(tmp_path_factory.mktemp("history")))


@pytest.fixture
def failed_ids():
    return lambda report: [t.id for t in report.tests if t.status.value != "passed"]
