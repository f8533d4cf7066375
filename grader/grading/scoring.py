"""From what the child reported to a score: points per level, gating, and one overall status."""

from __future__ import annotations

from grader.catalog import Kata
from grader.grading.manifest import PlannedTest
from grader.report import LevelScore, Report, Status, TestResult, TestStatus
from grader.grading.supervisor import ChildEvents

LEFT_PROCESSES = (
    "Your code started a process that was still running when grading ended, so it was stopped and the "
    "run is not scored. Solutions must not leave processes behind."
)
STOPPED_AFTER_TIMEOUTS = "Not run: grading stopped after two tests timed out. Fix the hang first."
NOT_REPORTED = "This test never reported a result, so it counts as failed."


def _test_results(planned: list[PlannedTest], events: ChildEvents) -> list[TestResult]:
    tests = []
    for plan in planned:
        test = TestResult(id=plan.id, level=plan.level, points=plan.points)
        reported = events.results.get(plan.id)
        if reported is None:
            if events.stopped_after_timeouts:
                test.message = STOPPED_AFTER_TIMEOUTS
            elif events.budget_exhausted:
                test.message = "Not run: grading stopped before this test."
            else:
                test.message = NOT_REPORTED
        else:
            test.status = TestStatus(reported["status"])
            test.message = reported.get("message", "")
            test.counterexample = reported.get("counterexample", "")
            test.replay = reported.get("replay", "")
            test.error_type = reported.get("error_type", "")
            test.user_traceback = reported.get("user_traceback", "")
        tests.append(test)
    return tests


def _levels(kata: Kata, tests: list[TestResult]) -> list[LevelScore]:
    levels = []
    earlier_passed = True
    for level in sorted({t.level for t in tests}):
        in_level = [t for t in tests if t.level == level]
        max_points = sum(t.points for t in in_level)
        earned = sum(t.points for t in in_level if t.status is TestStatus.PASSED)
        locked = kata.gated and not earlier_passed
        points = 0 if locked else earned
        levels.append(LevelScore(level=level, name=kata.level_name(level), score=round(100 * points / max_points),
                                 points=points, max_points=max_points, locked=locked))
        earlier_passed = earlier_passed and earned == max_points
    return levels


def _problem_text(problem: dict) -> tuple[str, str]:
    kind = problem.get("event")
    if kind == "api":
        return "Your file does not offer the kata's API yet.", "\n".join(problem["problems"])
    if kind == "tampered":
        return (f"Your code changed the test machinery ({problem['what']} was replaced), so it cannot be graded.",
                "Solutions may not patch pytest, hypothesis or the grader.")
    if kind == "internal_error":
        return "The grader itself failed: this is a bug in katas, not in your code.", problem.get("traceback", "")
    return problem.get("message", "Your file could not be graded."), ""


def build_report(kata: Kata, file: str, seed: int, planned: list[PlannedTest], events: ChildEvents,
                 duration_s: float) -> Report:
    tests = _test_results(planned, events)
    report = Report(kata=kata.name, file=file, seed=seed, status=Status.FAILED, score=0, duration_s=duration_s,
                    tests=tests, output=events.output)
    report.levels = _levels(kata, tests)
    if events.problem or events.left_processes:
        report.status = Status.ERROR
        if events.problem:
            report.problem, report.problem_detail = _problem_text(events.problem)
        else:
            report.problem = LEFT_PROCESSES
        for test in tests:
            if test.status is TestStatus.NOT_RUN:
                test.message = "Not run: the file could not be graded."
        for level in report.levels:
            level.points = level.score = 0
        return report
    total = sum(t.points for t in tests)
    earned = sum(level.points for level in report.levels)
    # Round down so a score of 100 always means every test passed.
    report.score = 100 * earned // total
    if report.score == 100:
        report.status = Status.PASSED
    elif events.budget_exhausted or events.stopped_after_timeouts or any(t.status is TestStatus.TIMEOUT for t in tests):
        report.status = Status.TIMEOUT
    elif all(t.error_type == "NotImplementedError" for t in tests):
        report.status = Status.NOT_STARTED
    return report
