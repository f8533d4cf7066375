"""The known solutions a kata's suite is checked against: mutants (realistic bugs) and correct alternatives.

    tests/mutants/<kata>/<bug>.py          a docstring naming the bug, then
        EXPECT = "test_..."                the hidden test that must catch it
        PATCH = [(old, new), ...]          edits of the reference (each `old` occurs exactly once)
        BASE = "alternatives/<kata>/x.py"  optional: patch this file (under tests/) instead of the reference
        BEYOND_THE_MODEL = "why"           optional: the stateful model test is not meant to catch it
        SAYS = ["text", ...]               optional: what the message of EXPECT must contain at every seed
        NOT_SAYS = ["text", ...]           optional: what it must not contain (a cause that is not this bug)
      (without PATCH, the file itself is the buggy solution)
    tests/alternatives/<kata>/<style>.py   a whole correct solution; REQUIRES_PYTHON = (3, 11) if it needs a
                                           newer Python, REQUIRES_MODULES = ("torch",) if an optional package
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.catalog import ROOT, Kata

TESTS_DIR = ROOT / "tests"
MUTANTS_DIR = TESTS_DIR / "mutants"
ALTERNATIVES_DIR = TESTS_DIR / "alternatives"


class SpecimenError(Exception):
    """A mutant or alternative file that breaks the format: a bug in the kata, named in one sentence."""


def _literal(tree: ast.Module, name: str):
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    return None


@dataclass(frozen=True)
class Mutant:
    kata: str
    path: Path
    expect: str | None
    patch: tuple[tuple[str, str], ...] | None
    base: str | None = None
    """A file under tests/ to patch instead of the reference."""
    beyond_the_model: str | None = None
    says: tuple[str, ...] = ()
    """Texts the message of the EXPECT test must contain: the observation and the cause this bug implies."""
    not_says: tuple[str, ...] = ()
    """Texts it must not contain: the advice for another bug, which would send the learner the wrong way."""

    @property
    def id(self) -> str:
        return f"{self.kata}/{self.path.stem}"

    def source(self, reference: Path) -> str:
        if self.patch is None:
            return self.path.read_text(encoding="utf-8")
        base = TESTS_DIR / self.base if self.base else reference
        source = base.read_text(encoding="utf-8")
        for old, new in self.patch:
            if source.count(old) != 1:
                raise SpecimenError(f"{self.id}: the patch must match {base.name} exactly once, "
                                    f"but matches it {source.count(old)} times: {old!r}")
            source = source.replace(old, new)
        return source


def mutants(kata: Kata | None = None) -> list[Mutant]:
    found = []
    pattern = f"{kata.name}/*.py" if kata else "*/*.py"
    for path in sorted(MUTANTS_DIR.glob(pattern)):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        patch = _literal(tree, "PATCH")
        found.append(Mutant(path.parent.name, path, _literal(tree, "EXPECT"),
                            tuple(map(tuple, patch)) if patch else None, _literal(tree, "BASE"),
                            _literal(tree, "BEYOND_THE_MODEL"), tuple(_literal(tree, "SAYS") or ()),
                            tuple(_literal(tree, "NOT_SAYS") or ())))
    return found


@dataclass(frozen=True)
class Alternative:
    kata: str
    path: Path

    @property
    def id(self) -> str:
        return f"{self.kata}/{self.path.stem}"

    @property
    def requires_python(self) -> tuple[int, ...]:
        """An alternative that needs a newer Python than the oldest supported says so: REQUIRES_PYTHON = (3, 11)."""
        return tuple(_literal(ast.parse(self.path.read_text(encoding="utf-8")), "REQUIRES_PYTHON") or (3, 10))

    @property
    def requires_modules(self) -> tuple[str, ...]:
        """Optional packages it needs (the torch flavour of an ML kata): REQUIRES_MODULES = ("torch",)."""
        return tuple(_literal(ast.parse(self.path.read_text(encoding="utf-8")), "REQUIRES_MODULES") or ())

    @property
    def missing(self) -> str:
        """Why it cannot be graded here ('' when it can): a newer Python, or an optional package not installed."""
        if sys.version_info < self.requires_python:
            return f"needs Python {'.'.join(map(str, self.requires_python))}"
        absent = [name for name in self.requires_modules if importlib.util.find_spec(name) is None]
        return f"needs {', '.join(absent)}, which is not installed" if absent else ""


def alternatives(kata: Kata | None = None) -> list[Alternative]:
    pattern = f"{kata.name}/*.py" if kata else "*/*.py"
    return [Alternative(path.parent.name, path) for path in sorted(ALTERNATIVES_DIR.glob(pattern))]
