"""Every kata, checked the same way: found by discovery, so a new kata is covered without a new test."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

from conftest import KATA_NAMES, KATAS, alternatives, grade_source, mutants, required_python
from grader import catalog
from grader.grading import manifest
from grader.grading import grade
from grader.child.preflight import public_api
from grader.report import Status

MUTANTS = mutants()


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_the_kata_folder_has_a_statement_a_stub_examples_and_metadata(kata):
    assert (kata.folder / "README.md").read_text(encoding="utf-8").strip()
    assert kata.work_file.is_file() and kata.reference.is_file() and kata.suite.is_file()
    assert (kata.folder / "test_examples.py").is_file()
    assert kata.difficulty in catalog.DIFFICULTIES
    assert kata.minutes > 0 and kata.title and kata.levels
    assert len(kata.hints) >= 2 and all(hint.strip() for hint in kata.hints), "grade hint needs hints in kata.toml"
    levels = {test.level for test in manifest.read(kata.suite)}
    assert levels == set(range(1, len(kata.levels) + 1)), "every level named in kata.toml has tests, and only those"


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_the_reference_scores_100(kata):
    report = grade(kata, kata.reference)
    failures = [(t.id, t.message) for t in report.tests if t.status.value != "passed"]
    assert (report.score, report.status, failures) == (100, Status.PASSED, [])


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_the_untouched_stub_scores_0_and_is_not_started(kata):
    report = grade(kata, kata.work_file)
    assert (report.score, report.status) == (0, Status.NOT_STARTED), report.problem


def _api_shape(module_path, name):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, module_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    shape = {}
    for attr, obj in public_api(module).items():
        if inspect.isclass(obj):
            shape[attr] = {m: str(inspect.signature(v)) if inspect.isfunction(v) else type(v).__name__
                           for m, v in vars(obj).items() if not m.startswith("_") or m in ("__init__", "__len__",
                                                                                            "__contains__")}
        else:
            shape[attr] = str(inspect.signature(obj))
    return shape


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_the_stub_offers_exactly_the_reference_api(kata):
    assert _api_shape(kata.work_file, f"stub_{kata.name}") == _api_shape(kata.reference, f"ref_{kata.name}")


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_the_visible_examples_pass_on_the_reference_and_fail_on_the_stub(kata, tmp_path):
    (tmp_path / "test_examples.py").write_text((kata.folder / "test_examples.py").read_text(encoding="utf-8"))
    module = tmp_path / f"{kata.name}.py"

    def run_examples(source_path):
        module.write_text(source_path.read_text(encoding="utf-8"), encoding="utf-8")
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)

    passing = run_examples(kata.reference)
    assert passing.returncode == 0, passing.stdout[-2000:]
    assert run_examples(kata.work_file).returncode == 1


@pytest.mark.parametrize("kata", KATAS, ids=KATA_NAMES)
def test_every_kata_has_at_least_six_mutants(kata):
    assert len([m for m in MUTANTS if m.kata == kata.name]) >= 6


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.id for m in MUTANTS])
def test_each_mutant_is_caught_by_the_property_it_breaks(mutant, tmp_path, failed_ids):
    assert mutant.expect, f"{mutant.id} must name the test that catches it (EXPECT = 'test_...')"
    report = grade_source(mutant.kata, mutant.source(), tmp_path)
    assert report.score < 100
    assert mutant.expect in failed_ids(report), [(t.id, t.status.value) for t in report.tests]
    caught = next(t for t in report.tests if t.id == mutant.expect)
    assert caught.message, "a failure must say what went wrong"


ALTERNATIVES = alternatives()


@pytest.mark.parametrize("path", ALTERNATIVES, ids=[f"{p.parent.name}/{p.stem}" for p in ALTERNATIVES])
def test_correct_alternative_solutions_score_100(path, tmp_path, failed_ids):
    if sys.version_info < required_python(path):
        pytest.skip(f"needs Python {'.'.join(map(str, required_python(path)))}")
    report = grade_source(path.parent.name, path.read_text(encoding="utf-8"), tmp_path)
    assert (report.score, failed_ids(report)) == (100, [])
