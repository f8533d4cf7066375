"""Shared helpers for the project's own tests: every kata is found by discovery, never listed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import catalog
from grader.authoring import specimens
from grader.grading import WarmGrader, grade
from grader.report import Report

TESTS_DIR = Path(__file__).resolve().parent
KATAS = catalog.all_katas()
KATA_NAMES = [kata.name for kata in KATAS]


def grade_source(kata_name: str, source: str, folder: Path, seed: int = 0) -> Report:
    """Grade source text as if the learner had written it in their kata file (a cold run, as `grade` does)."""
    kata = catalog.find(kata_name)
    target = folder / f"{kata.name}.py"
    target.write_text(source, encoding="utf-8")
    return grade(kata, target, seed)


@pytest.fixture(scope="session")
def warm_grader():
    """One warm worker per test process: grading a mutant costs a fork, not a new interpreter."""
    with WarmGrader() as grader:
        yield grader


@pytest.fixture(autouse=True)
def private_history(tmp_path_factory, monkeypatch):
    """Every test gets its own practice history, never the real user's (subprocesses inherit it too)."""
    monkeypatch.setenv("KATAS_DATA_DIR", str(tmp_path_factory.mktemp("history")))


@pytest.fixture
def failed_ids():
    return lambda report: [t.id for t in report.tests if t.status.value != "passed"]


MUTANTS = specimens.mutants()
ALTERNATIVES = specimens.alternatives()
