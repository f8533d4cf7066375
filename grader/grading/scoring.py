"""From what the children reported to a score: points per level, gating, and one overall status."""

from __future__ import annotations

from grader import messages
from grader.catalog import Kata
from grader.protocol import PlannedTest, RunFacts, TestDied, TestFinished
from grader.report import LevelScore, Report, Status, TestResult, TestStatus


def _test_result(plan: PlannedTest, reported: TestFinished | TestDied | None, facts: RunFacts,
                 timed_out: int) -> TestResult:
    test = TestResult(id=plan.id, level=plan.level, points=plan.points)
    if reported is None:
        if facts.interrupted:
            test.message = messages.NOT_RUN_INTERRUPTED
        elif facts.stopped_after_timeouts:
            test.message = messages.stopped_after_timeouts(timed_out)
        elif facts.budget_exhausted:
            test.message = messages.NOT_RUN_BUDGET
        else:
            test.message = messages.NOT_REPORTED
    elif isinstance(reported, TestDied):
        test.status = TestStatus.TIMEOUT if reported.how == "timeout" else TestStatus.CRASHED
        test.message = messages.died(reported)
    elif reported.passed:
        test.status = TestStatus.PASSED
    else:
        failure = reported.failure
        test.status = TestStatus.TIMEOUT if failure.kind == "timeout" else TestStatus.FAILED
        test.message = messages.failure(failure, plan.timeout_s)
        test.counterexample = failure.counterexample
        test.replay = failure.replay
        test.error_type = failure.error_type
        test.user_traceback = failure.user_traceback
        test.not_implemented = failure.not_implemented
    return test


def _levels(kata: Kata, tests: list[TestResult]) -> list[LevelScore]:
    levels = []
    earlier_passed = True
    total = sum(t.points for t in tests)
    for level in sorted({t.level for t in tests}):
        in_level = [t for t in tests if t.level == level]
        max_points = sum(t.points for t in in_level)
        earned = sum(t.points for t in in_level if t.status is TestStatus.PASSED)
        locked = kata.gated and not earlier_passed
        points = 0 if locked else earned
        levels.append(LevelScore(level=level, name=kata.level_name(level), score=round(100 * points / max_points),
                                 points=points, max_points=max_points, locked=locked,
                                 weight=round(100 * max_points / total, 1)))
        earlier_passed = earlier_passed and earned == max_points
    return levels


def build_report(kata: Kata, file: str, seed: int, planned: list[PlannedTest], facts: RunFacts,
                 duration_s: float) -> Report:
    timed_out = sum(1 for r in facts.finished.values()
                    if (isinstance(r, TestDied) and r.how == "timeout")
                    or (isinstance(r, TestFinished) and r.failure is not None and r.failure.kind == "timeout"))
    tests = [_test_result(plan, facts.finished.get(plan.id), facts, timed_out) for plan in planned]
    report = Report(kata=kata.name, file=file, seed=seed, status=Status.FAILED, score=0, duration_s=duration_s,
                    tests=tests, output=messages.printed(facts.output, facts.output_total_chars),
                    output_chars=facts.output_total_chars, stderr=facts.stderr)
    report.levels = _levels(kata, tests)
    if facts.interrupted:
        report.status = Status.INTERRUPTED
        return report
    if facts.problem or facts.left_processes:
        report.status = Status.ERROR
        if facts.problem:
            report.problem, report.problem_detail = messages.problem(facts.problem)
        else:
            report.problem, report.problem_detail = messages.LEFT_PROCESSES, messages.left_running(facts.left_processes)
        for test in tests:
            if test.status is TestStatus.NOT_RUN:
                test.message = messages.NOT_RUN_PROBLEM
        for level in report.levels:
            level.points = level.score = 0
        return report
    total = sum(t.points for t in tests)
    earned = sum(level.points for level in report.levels)
    # Round down so a score of 100 always means every test passed.
    report.score = 100 * earned // total
    if report.score == 100:
        report.status = Status.PASSED
    elif facts.budget_exhausted or facts.stopped_after_timeouts or timed_out:
        report.status = Status.TIMEOUT
    elif all(t.not_implemented for t in tests):
        report.status = Status.NOT_STARTED
    return report
