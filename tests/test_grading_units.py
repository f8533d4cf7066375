"""The parent's pieces without a child process: the protocol, the manifest, the partition, scoring,
the messages and the API preflight."""

from __future__ import annotations

import sys
import textwrap
import types
import pytest

from grader import catalog, messages
from grader.child import preflight
from grader.grading import manifest, scoring
from grader.grading.supervisor import partition
from grader.protocol import (
    ApiMismatch, ApiProblem, BenchmarkRow, ChildCrashed, Failure, ImportFailed, Output, PlannedTest, RunFacts,
    RunRequest, TestDied, TestFinished, TestStarted, WorkerRequest, decode, encode,
)
from grader.report import Status, TestStatus

# -- protocol ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("event", [
    TestStarted("test_a"),
    TestFinished("test_a", False, Failure("raised", call="c.get(1)", error_type="KeyError", error="1")),
    ApiMismatch((ApiProblem("missing_method", "C", "put", expected="put(key, value)"),)),
    ImportFailed("syntax", "SyntaxError", "invalid syntax", 3, "def f("),
    Output("hello", 5),
])
def test_an_event_survives_the_wire(event):
    assert decode(encode(event, "n0nce"), "n0nce") == event


def test_lines_without_the_runs_nonce_or_that_are_not_events_are_ignored():
    line = encode(TestStarted("test_a"), "n0nce")
    assert decode(line, "other") is None
    for junk in ("", "not json", "[1, 2]", '{"type": "test_started", "nonce": "n0nce"}',
                 '{"type": "no_such_event", "nonce": "n0nce"}'):
        assert decode(junk, "n0nce") is None


def test_a_request_and_the_facts_of_a_run_survive_the_wire():
    request = RunRequest("/t.py", "/r.py", "/s.py", "lru", 3, {"test_a": 5.0}, tests=("test_a",), results_fd=7,
                         nonce="n")
    assert RunRequest.from_line(request.to_line()) == request
    facts = RunFacts(finished={"test_a": TestFinished("test_a", True), "test_b": TestDied("test_b", "signal", -11, 5.0)},
                     problem=ChildCrashed(1), output="x", output_total_chars=1, benchmarks=(BenchmarkRow("w", 1.0, 2.0),))
    assert RunFacts.from_line(facts.to_line()) == facts
    work = WorkerRequest(request, (PlannedTest("test_a", 10, 1, 5.0),))
    assert WorkerRequest.from_line(work.to_line()) == work


def test_a_request_of_another_protocol_version_is_refused():
    line = RunRequest("/t.py", "/r.py", "/s.py", "lru", 0, {}).to_line().replace(b'"protocol": 1', b'"protocol": 99')
    with pytest.raises(ValueError):
        RunRequest.from_line(line)


# -- manifest and partition -------------------------------------------------------------------------

SUITE = '''
from grader.harness import scored

@scored(points=10, level=1)
def test_model():
    run_state_machine_as_test(Machine)

@scored(points=5, level=2, timeout=30)
@given(x=st.integers())
def test_property(x):
    assert_as_fast_as_reference(a, b, limit=10, workload="w", hint="h")

@scored(points=2, level=2)
def test_plain():
    pass

def helper():
    pass
'''


def test_the_manifest_reads_points_levels_limits_weights_and_model_tests_from_the_source(tmp_path):
    suite = tmp_path / "test_x.py"
    suite.write_text(SUITE)
    assert manifest.read(suite) == [
        PlannedTest("test_model", 10, 1, 5.0, weight=4, model=True),
        PlannedTest("test_property", 5, 2, 30.0, weight=4, model=False),
        PlannedTest("test_plain", 2, 2, 5.0, weight=1, model=False),
    ]


@pytest.mark.parametrize("source, problem", [
    ("def test_a():\n    pass\n", "exactly one @scored"),
    ("@scored(points=x)\ndef test_a():\n    pass\n", "must be literals"),
    ("def helper():\n    pass\n", "no scored tests"),
])
def test_a_suite_that_breaks_the_conventions_is_a_suite_error(tmp_path, source, problem):
    suite = tmp_path / "test_x.py"
    suite.write_text(source)
    with pytest.raises(manifest.SuiteError, match=problem):
        manifest.read(suite)


def test_the_partition_balances_weight_and_keeps_suite_order():
    planned = [PlannedTest(f"test_{i}", 1, 1, 5.0, weight=w) for i, w in enumerate([4, 1, 1, 4, 2, 1])]
    groups = partition(planned, 2)
    assert [sum(t.weight for t in group) for group in groups] == [7, 6]
    assert all([t.id for t in group] == sorted(t.id for t in group) for group in groups)
    assert partition(planned, 2) == groups
    assert partition(planned[:1], 2) == [planned[:1]]


# -- scoring ----------------------------------------------------------------------------------------

def kata(gated=False):
    return catalog.Kata(name="demo", title="Demo", difficulty="easy", minutes=5, topic="", levels=("one", "two"),
                        gated=gated, asyncio=False)


PLAN = [PlannedTest("test_a", 30, 1, 5.0), PlannedTest("test_b", 30, 1, 5.0), PlannedTest("test_c", 40, 2, 5.0)]
PASS = lambda test: TestFinished(test, True)  # noqa: E731
FAIL = lambda test, **kw: TestFinished(test, False, Failure("property", message="m", **kw))  # noqa: E731


def build(facts, gated=False):
    return scoring.build_report(kata(gated), "x.py", 0, PLAN, facts, 0.5)


def test_points_per_level_add_up_and_the_score_rounds_down():
    report = build(RunFacts(finished={"test_a": PASS("test_a"), "test_b": FAIL("test_b"), "test_c": PASS("test_c")}))
    assert (report.score, report.status) == (70, Status.FAILED)
    assert [(lv.points, lv.max_points, lv.score, lv.weight) for lv in report.levels] == [(30, 60, 50, 60.0),
                                                                                       (40, 40, 100, 40.0)]
    assert sum(lv.weight for lv in report.levels) == 100


def test_a_gated_level_counts_only_once_the_earlier_ones_pass():
    report = build(RunFacts(finished={"test_a": PASS("test_a"), "test_b": FAIL("test_b"), "test_c": PASS("test_c")}),
                   gated=True)
    assert report.score == 30 and report.levels[1].locked and report.levels[1].points == 0


def test_the_status_says_what_kind_of_run_it_was():
    everything = lambda result: {t.id: result(t.id) for t in PLAN}  # noqa: E731
    assert build(RunFacts(finished=everything(PASS))).status is Status.PASSED
    assert build(RunFacts(finished=everything(lambda t: FAIL(t, not_implemented=True)))).status is Status.NOT_STARTED
    timeouts = RunFacts(finished={"test_a": TestFinished("test_a", False, Failure("timeout"))})
    report = build(timeouts)
    assert report.status is Status.TIMEOUT and report.tests[0].message == messages.timed_out(5.0)
    assert report.tests[1].message == messages.NOT_REPORTED
    crashed = build(RunFacts(problem=ChildCrashed(-9)))
    assert crashed.status is Status.ERROR and crashed.problem == messages.child_crashed(ChildCrashed(-9))
    assert all(t.message == messages.NOT_RUN_PROBLEM for t in crashed.tests)
    left = build(RunFacts(left_processes=("sleep 600",)))
    assert (left.problem, left.problem_detail) == (messages.LEFT_PROCESSES, "Left running: sleep 600")
    assert build(RunFacts(interrupted=True)).status is Status.INTERRUPTED


def test_a_test_that_died_is_a_crash_or_a_timeout_with_the_same_words_as_the_alarm():
    report = build(RunFacts(finished={"test_a": TestDied("test_a", "signal", -11, 5.0),
                                      "test_b": TestDied("test_b", "timeout", None, 5.0)}))
    assert [t.status for t in report.tests[:2]] == [TestStatus.CRASHED, TestStatus.TIMEOUT]
    assert "crashed the Python process" in report.tests[0].message
    assert report.tests[1].message == messages.timed_out(5.0)


def test_the_stop_after_timeouts_message_counts_every_hung_test():
    hung = {t: TestFinished(t, False, Failure("timeout")) for t in ("test_a", "test_b")}
    report = build(RunFacts(finished=hung, stopped_after_timeouts=True))
    assert report.tests[2].message == messages.stopped_after_timeouts(2) and "after 2 tests" in report.tests[2].message


# -- messages and the preflight --------------------------------------------------------------------

def test_api_problems_are_worded_from_facts():
    assert messages.api_problem(ApiProblem("missing_method", "LRUCache", "put", expected="put(key, value)")) == \
        "LRUCache has no method put(key, value)."
    assert messages.api_problem(ApiProblem("wrong_signature", "LRUCache", "get", expected="get(key, default=None)",
                                           actual="get(key)")) == \
        "LRUCache.get should accept get(key, default=None); yours is get(key)."


def module(source: str, name: str = "m") -> types.ModuleType:
    mod = types.ModuleType(name)
    sys.modules[name] = mod  # registered while it runs, as dataclasses need
    try:
        exec(textwrap.dedent(source), mod.__dict__)
    finally:
        del sys.modules[name]
    return mod


REFERENCE = module('''
from dataclasses import dataclass

class Cache:
    def __init__(self, capacity):
        pass
    def get(self, key, default=None):
        pass
    @property
    def size(self):
        return 0

@dataclass
class Point:
    x: int
    y: int = 0

def helper(a, *, b=1):
    pass
''', "reference")


def kinds(source: str) -> list[tuple[str, str, str]]:
    return [(p.kind, p.name, p.member) for p in preflight.check(module(source, "solution"), REFERENCE)]


def test_the_preflight_reports_what_is_missing_or_shaped_differently_as_facts():
    assert kinds('''
class Cache:
    def __init__(self, capacity): pass
    def get(self, key): pass
    def size(self): return 0
def helper(a, *, b=1): pass
''') == [("wrong_signature", "Cache", "get"), ("not_a_property", "Cache", "size"), ("missing_class", "Point", "")]


def test_the_preflight_accepts_inherited_c_methods_dataclasses_and_extra_parameters():
    assert kinds('''
from collections import OrderedDict
from dataclasses import dataclass
class Cache(OrderedDict):
    def __init__(self, capacity, *rest, **options): super().__init__()
    def get(self, key, default=None, *extra): return None
    @property
    def size(self): return len(self)
@dataclass
class Point:
    x: int
    y: int = 0
def helper(a, b=1, c=2): pass
''') == []
