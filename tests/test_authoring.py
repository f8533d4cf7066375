"""The kata author's path: `grade dev new` and `grade dev check`, and a throwaway kata made with them in a
copy of the repository, filled in, checked, and graded by the project's own discovery-based tests."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import commit
from grader import catalog
from grader.authoring import contract, specimens
from grader.cli.app import app

runner = CliRunner()


@pytest.mark.parametrize("name, why", [
    ("lru", "already exists"), ("json", "standard library"), ("list", "is a grade command"),
    ("Bad-Name", "lowercase letters"), ("class", "lowercase letters"),
])
def test_a_name_that_cannot_be_a_kata_is_refused_in_one_line(name, why):
    result = runner.invoke(app, ["dev", "new", name])
    assert result.exit_code == 2 and why in result.output
    assert not (catalog.KATAS_DIR / name).exists() or name == "lru"


def test_the_authoring_commands_are_grouped_under_dev():
    import typer.main

    group = typer.main.get_command(app)
    assert "dev" in group.list_commands(None) and not {"new", "check"} & set(group.list_commands(None))
    assert set(group.get_command(None, "dev").list_commands(None)) == {"new", "check"}


@pytest.fixture
def copy(repository):
    return repository


def run_in(repo: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(repo), "COLUMNS": "200"}
    return subprocess.run([sys.executable, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=timeout)


MUTANTS = {  # a toy kata's bugs: the sum of a list
    "ignores_the_last_number": "sum(numbers[:-1])",
    "counts_each_value_once": "sum(set(numbers))",
    "adds_absolute_values": "sum(abs(n) for n in numbers)",
    "never_below_zero": "max(0, sum(numbers))",
    "nothing_sums_to_none": "sum(numbers) if numbers else None",
    "counts_instead_of_adding": "len(numbers)",
}
ALTERNATIVES = {
    "loop": "def solve(numbers: list[int]) -> int:\n    total = 0\n    for n in numbers:\n        total += n\n    return total\n",
    "reduce": "from functools import reduce\nimport operator\n\n\ndef solve(numbers: list[int]) -> int:\n"
              "    return reduce(operator.add, numbers, 0)\n",
}


def fill_in(repo: Path) -> None:
    """What an author writes after `grade dev new toy`: the statement, the hints, mutants and alternatives."""
    folder = repo / "katas" / "toy"
    readme = folder / "README.md"
    readme.write_text(readme.read_text().replace("TODO: ", ""))
    toml = folder / "kata.toml"
    toml.write_text(toml.read_text().replace("TODO: a nudge towards the idea.", "Start from zero.")
                    .replace("TODO: the idea, nearly the answer (never code).", "Add each number once.")
                    .replace("TODO: the technique this kata practises, in one line", "a loop"))
    for name, body in MUTANTS.items():
        (repo / "tests" / "mutants" / "toy" / f"{name}.py").write_text(
            f'"""A toy bug."""\n\nEXPECT = "test_solve_returns_the_sum"\n'
            f'PATCH = [("    return sum(numbers)", "    return {body}")]\n')
    (repo / "tests" / "alternatives" / "toy").mkdir(parents=True)
    for name, source in ALTERNATIVES.items():
        (repo / "tests" / "alternatives" / "toy" / f"{name}.py").write_text(source)


@pytest.mark.timeout(900)
def test_a_new_kata_made_with_grade_dev_new_passes_the_contract_once_filled_in_with_no_other_edit(copy):
    created = run_in(copy, "-m", "grader", "dev", "new", "toy")
    assert created.returncode == 0, created.stderr
    before = run_in(copy, "-m", "grader", "dev", "check", "toy")
    assert before.returncode == 1
    for still_to_write in ("TODO placeholders", "at least 6 mutants", "at least 2 correct alternatives",
                           "the stub is committed"):
        assert still_to_write in before.stdout, before.stdout
    assert "✓ the reference scores 100" in before.stdout and "✓ the stub grades as not started" in before.stdout

    fill_in(copy)
    commit(copy, "the toy kata")
    changed = subprocess.run(["git", "-C", str(copy), "show", "--stat", "--format=", "HEAD"], capture_output=True,
                             text=True).stdout
    assert "grader/" in changed and all(
        line.strip().startswith(("katas/toy", "solutions/toy", "grader/suites/test_toy", "tests/mutants/toy",
                                 "tests/alternatives/toy")) for line in changed.splitlines()[:-1]), changed
    after = run_in(copy, "-m", "grader", "dev", "check", "toy")
    assert after.returncode == 0, after.stdout
    assert "toy meets the kata contract" in after.stdout

    # The project's discovery-based tests, run in the copy, cover the new kata and still pass with it there.
    suite = run_in(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", "tests/test_katas.py", "-k", "toy",
                   "tests/test_cli.py::test_list_shows_every_kata_with_title_difficulty_minutes_and_levels",
                   "tests/test_practice_commands.py::test_a_mock_round_picks_unsolved_katas_and_summarises_them",
                   timeout=600)
    assert suite.returncode == 0, suite.stdout[-3000:]
    assert " passed" in suite.stdout and "toy" not in suite.stdout.split("passed")[-1]


def test_a_mutant_whose_message_drifts_from_what_it_must_say_fails_the_contract(warm_grader, tmp_path):
    # The same bug, held to another bug's words: the check must notice both the missing and the wrong advice.
    mutant = next(m for m in specimens.mutants(catalog.find("lru")) if m.path.stem == "get_does_not_refresh_recency")
    assert contract.check_mutant(mutant, warm_grader, tmp_path).passed
    drifted = dataclasses.replace(mutant, says=("use a FIFO queue",), not_says=("most recently used",))
    verdict = contract.check_mutant(drifted, warm_grader, tmp_path)
    assert not verdict.passed
    assert "does not say 'use a FIFO queue'" in verdict.detail
    assert "says 'most recently used', which is not this bug" in verdict.detail
