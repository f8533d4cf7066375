"""Broken and hostile solutions each end in a clear verdict, in bounded time, with a score below 100."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from conftest import TESTS_DIR, grade_source
from grader import catalog
from grader import limits, messages
from grader.report import Status, TestStatus

HOSTILE = TESTS_DIR / "hostile"
_BASE_IMPORT = re.compile(r"^from solutions_lru import LRUCache( as _Base)?(  # noqa: F401)?$", re.M)


def hostile_source(name: str) -> str:
    """The hostile file, with the reference inlined where it says `from solutions_lru import LRUCache`."""
    source = (HOSTILE / f"{name}.py").read_text(encoding="utf-8")
    reference = catalog.find("lru").reference.read_text(encoding="utf-8")
    reference = reference.replace("from __future__ import annotations\n", "")
    return _BASE_IMPORT.sub(lambda m: reference + ("\n_Base = LRUCache\n" if m.group(1) else ""), source)


def grade_hostile(name: str, folder: Path):
    started = time.monotonic()
    report = grade_source("lru", hostile_source(name), folder)
    return report, time.monotonic() - started


def statuses(report) -> set[str]:
    return {t.status.value for t in report.tests}


def test_a_syntax_error_names_the_line(tmp_path):
    report, _ = grade_hostile("syntax_error", tmp_path)
    assert (report.status, report.score) == (Status.ERROR, 0)
    assert re.search(r"syntax error at line \d", report.problem)


def test_an_import_error_says_what_could_not_be_imported(tmp_path):
    report, _ = grade_hostile("missing_import", tmp_path)
    assert (report.status, report.score) == (Status.ERROR, 0)
    assert "numpyy" in report.problem


def test_a_missing_or_misnamed_method_is_reported_before_any_test_runs(tmp_path):
    report, _ = grade_hostile("missing_method", tmp_path)
    assert (report.status, report.score) == (Status.ERROR, 0)
    assert "LRUCache has no method put(key, value)." in report.problem_detail
    assert "LRUCache.get should accept get(key, default=None); yours is get(key)." in report.problem_detail
    assert statuses(report) == {"not_run"}


def test_an_infinite_loop_times_out_and_grading_stops_after_two_hung_tests(tmp_path):
    report, took = grade_hostile("infinite_loop", tmp_path)
    assert report.status is Status.TIMEOUT and report.score < 100
    hung = [t for t in report.tests if t.status is TestStatus.TIMEOUT]
    # Each group of tests (one child each) stops after MAX_TIMEOUTS hung tests.
    assert limits.MAX_TIMEOUTS <= len(hung) <= limits.GROUPS * limits.MAX_TIMEOUTS
    assert all(t.message == messages.timed_out(limits.TEST_TIMEOUT_S) for t in hung)
    assert all("Fix the hang first" in t.message for t in report.tests if t.status is TestStatus.NOT_RUN)
    assert took < limits.MAX_TIMEOUTS * limits.wall_clock_limit(limits.TEST_TIMEOUT_S) + 5


def test_a_loop_that_swallows_the_alarm_is_still_stopped_within_the_budget(tmp_path):
    report, took = grade_hostile("loop_that_swallows_every_exception", tmp_path)
    assert report.status is Status.TIMEOUT and report.score < 100
    assert TestStatus.TIMEOUT in {t.status for t in report.tests}
    assert took < limits.RUN_BUDGET_S + 5


def test_a_memory_bomb_fails_with_a_memory_message(tmp_path):
    report, took = grade_hostile("memory_bomb", tmp_path)
    assert report.score < 100
    failed = [(t.id, t.status.value, t.message) for t in report.tests if t.status is not TestStatus.PASSED]
    assert any("memory" in message for _, _, message in failed), failed
    assert took < limits.RUN_BUDGET_S + 5


def test_a_segfault_is_a_crash_of_that_test_and_the_others_run_in_a_new_process(tmp_path):
    report, _ = grade_hostile("segfault", tmp_path)
    assert report.score < 100
    crashed = [t for t in report.tests if t.status is TestStatus.CRASHED]
    assert crashed and all("crashed" in t.message for t in crashed)
    passed = [t.id for t in report.tests if t.status is TestStatus.PASSED]
    assert "test_a_capacity_below_one_is_rejected" in passed  # it never calls put


def test_sys_exit_at_import_is_a_clear_error(tmp_path):
    report, _ = grade_hostile("sys_exit_at_import", tmp_path)
    assert (report.status, report.score) == (Status.ERROR, 0)
    assert "sys.exit()" in report.problem


def test_sys_exit_in_a_method_fails_the_tests_that_call_it(tmp_path):
    report, _ = grade_hostile("sys_exit_in_method", tmp_path)
    assert report.score < 100
    assert any("SystemExit" in t.message for t in report.tests)


def test_os_exit_at_import_is_a_clear_error(tmp_path):
    report, _ = grade_hostile("os_exit_at_import", tmp_path)
    assert (report.status, report.score) == (Status.ERROR, 0)
    assert "exited" in report.problem


def test_os_exit_in_a_method_crashes_only_the_tests_that_call_it(tmp_path):
    report, _ = grade_hostile("os_exit_in_method", tmp_path)
    assert report.score < 100
    crashed = [t for t in report.tests if t.status is TestStatus.CRASHED]
    assert crashed and all("os._exit()" in t.message for t in crashed)


def alive(name: str) -> list[int]:
    """Processes named `name` (the hostile files name their sleepers through /proc/self/comm)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == name:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("name, sleeper", [("lingering_fork", "katas-lingering"),
                                           ("subprocess_in_a_new_session", "katas-session"),
                                           ("double_fork", "katas-daemon")])
def test_a_process_left_behind_is_stopped_and_not_scored_whatever_its_session(name, sleeper, tmp_path):
    report, took = grade_hostile(name, tmp_path)
    assert (report.status, report.score) == (Status.ERROR, 0)
    assert report.problem == messages.LEFT_PROCESSES
    assert took < 15
    deadline = time.monotonic() + 2
    while alive(sleeper) and time.monotonic() < deadline:
        time.sleep(0.05)  # a SIGKILLed process is gone within moments
    assert alive(sleeper) == []


@pytest.mark.parametrize("name", ["patches_pytest_at_import", "patches_hypothesis_at_import",
                                  "patches_grader_during_a_test"])
def test_patching_the_test_machinery_is_caught(name, tmp_path):
    report, _ = grade_hostile(name, tmp_path)
    assert (report.status, report.score) == (Status.ERROR, 0)
    assert "changed the test machinery" in report.problem


def test_forged_result_lines_are_ignored(tmp_path):
    report, _ = grade_hostile("forges_results", tmp_path)
    assert report.score == 0


def test_an_object_that_equals_everything_does_not_pass(tmp_path):
    report, _ = grade_hostile("always_equal", tmp_path)
    assert report.score < 50


def test_a_flood_of_prints_is_truncated_and_does_not_change_the_score(tmp_path):
    report, took = grade_hostile("print_flood", tmp_path)
    assert (report.status, report.score) == (Status.PASSED, 100)
    assert "more characters not shown" in report.output and len(report.output) < 20_000
    assert took < 15


def test_a_conftest_or_pytest_ini_next_to_the_file_has_no_effect(tmp_path):
    (tmp_path / "conftest.py").write_text(
        "import pytest\n\n"
        "@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n"
        "    report = outcome.get_result()\n"
        "    report.outcome = 'passed'\n"
        "    report.longrepr = None\n"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -p no:hypothesis --deselect everything\n")
    report = grade_source("lru", catalog.find("lru").work_file.read_text(encoding="utf-8"), tmp_path)
    assert (report.status, report.score) == (Status.NOT_STARTED, 0)


def test_grading_leaves_nothing_in_the_users_folder(tmp_path):
    grade_source("lru", catalog.find("lru").reference.read_text(encoding="utf-8"), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lru.py"]
