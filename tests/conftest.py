"""Shared helpers for the project's own tests: every kata is found by discovery, never listed by hand."""

from __future__ import annotations

import subprocess
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


def copy_repository(target: Path) -> Path:
    """The repository as it is on disk (committed or not) in a new git repository of its own: commands that
    change kata files (reset, pin, dev new) run there for real."""
    listed = subprocess.run(["git", "-C", str(catalog.ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = catalog.ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    commit(target, "the repository")
    return target


def commit(repo: Path, message: str) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit",
                                                 "-qm", message]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path) -> Path:
    return copy_repository(tmp_path / "repo")


@pytest.fixture(autouse=True)
def private_history(tmp_path_factory, monkeypatch):
    """Every test gets its own practice history, never the real user's (subprocesses inherit it too)."""
    monkeypatch.setenv("KATAS_DATA_DIR", str(tmp_path_factory.mktemp("history")))


@pytest.fixture
def failed_ids():
    return lambda report: [t.id for t in report.tests if t.status.value != "passed"]


MUTANTS = specimens.mutants()
ALTERNATIVES = specimens.alternatives()
