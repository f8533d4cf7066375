"""The wire between the grader (the parent) and the child process that runs a hidden suite.

The parent builds one `RunRequest` and sends it to each child as one JSON line on stdin. The child
answers with events, one JSON line each, on a pipe of its own (never stdout, where the learner's code
prints), each carrying the run's nonce: a line without it is not from the grader and is ignored.

The child reports facts only: which test ran, what was called, what came back, what was expected,
what was printed. Every sentence a learner reads is written on the parent's side, from these facts,
in grader/grading/messages.py.

The warm worker (grader/grading/worker.py) speaks the same language: a `WorkerRequest` per line in,
the merged `RunFacts` per line out.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, ClassVar

PROTOCOL_VERSION = 1


@dataclass(frozen=True)
class RunRequest:
    """What a child needs to grade one file: built by grader.grading.request, read by grader.child.runner."""

    target: str
    """The learner's file."""
    reference: str
    suite: str
    kata: str
    """The module name pinned tests import from."""
    seed: int
    timeouts: dict[str, float]
    """Each test's CPU-time limit, by test id."""
    asyncio: bool = False
    benchmark: bool = False
    """Time the suite's BENCHMARKS instead of running its tests (grade compare)."""
    tests: tuple[str, ...] = ()
    """The tests this child runs; set per child by the supervisor."""
    results_fd: int = -1
    nonce: str = ""
    protocol: int = PROTOCOL_VERSION

    def for_child(self, tests: list[str], results_fd: int, nonce: str) -> "RunRequest":
        return replace(self, tests=tuple(tests), results_fd=results_fd, nonce=nonce)

    def to_line(self) -> bytes:
        return (json.dumps(asdict(self)) + "\n").encode()

    @classmethod
    def from_line(cls, line: str | bytes) -> "RunRequest":
        data = json.loads(line)
        if data.get("protocol") != PROTOCOL_VERSION:
            raise ValueError(f"protocol {data.get('protocol')} is not {PROTOCOL_VERSION}")
        data["tests"] = tuple(data["tests"])
        return cls(**data)


@dataclass(frozen=True)
class PlannedTest:
    """One test of a hidden suite, as grader.grading.manifest reads it from the suite's source."""

    id: str
    points: int
    level: int
    timeout_s: float
    weight: int = 1
    """Rough cost, for splitting tests between children: state machines and speed checks weigh more."""
    model: bool = False
    """A stateful test (it runs a hypothesis state machine): the learner's code against a model of the statement."""


# -- facts inside events --------------------------------------------------------------------------

@dataclass(frozen=True)
class ApiProblem:
    """One way the learner's module falls short of the reference's public API."""

    kind: str
    """missing_class, missing_function, not_a_class, not_a_function, missing_method, missing_property,
    not_a_property, no_constructor, wrong_signature"""
    name: str
    member: str = ""
    expected: str = ""
    """The reference's signature, shown as a call: get(key, default=None)."""
    actual: str = ""


@dataclass(frozen=True)
class Failure:
    """How a test failed, as facts."""

    kind: str
    """property: a check of the suite failed (`message` is the suite's own sentence);
    raised: the learner's code raised where a result was promised (`call`, `error_type`, `error`);
    timeout: the test used up its CPU-time limit;
    flaky: the same calls gave different answers when hypothesis replayed them;
    error: the test itself raised something else (`error_type`, `error`);
    setup: the test failed before or after its body ran (`when`)."""
    message: str = ""
    call: str = ""
    error_type: str = ""
    error: str = ""
    counterexample: str = ""
    replay: str = ""
    user_traceback: str = ""
    when: str = ""
    rule: str = ""
    """raised: what the call should have done instead, when the test said (kept so the rule is not lost)."""
    not_implemented: bool = False
    """A stub body (NotImplementedError) was reached: the learner has not started this part."""


@dataclass(frozen=True)
class BenchmarkRow:
    workload: str
    user_s: float | None = None
    reference_s: float | None = None
    error_type: str = ""
    error: str = ""


# -- events (child -> parent) ---------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    type: ClassVar[str] = ""


@dataclass(frozen=True)
class TestStarted(Event):
    __test__ = False  # a name pytest would otherwise try to collect
    type: ClassVar[str] = "test_started"
    test: str


@dataclass(frozen=True)
class TestFinished(Event):
    __test__ = False
    type: ClassVar[str] = "test_finished"
    test: str
    passed: bool
    failure: Failure | None = None


@dataclass(frozen=True)
class TestDied(Event):
    """Made by the supervisor, never sent: the child's process ended while this test ran."""

    __test__ = False
    type: ClassVar[str] = "test_died"
    test: str
    how: str
    """timeout (the wall-clock guard ended it), signal, exit"""
    returncode: int | None = None
    timeout_s: float = 0.0


@dataclass(frozen=True)
class ImportFailed(Event):
    type: ClassVar[str] = "import_failed"
    kind: str
    """syntax, not_source, timeout, exit, import, error"""
    error_type: str = ""
    error: str = ""
    line: int | None = None
    text: str = ""


@dataclass(frozen=True)
class ApiMismatch(Event):
    type: ClassVar[str] = "api_mismatch"
    problems: tuple[ApiProblem, ...] = ()


@dataclass(frozen=True)
class Tampered(Event):
    type: ClassVar[str] = "tampered"
    what: str
    test: str = ""


@dataclass(frozen=True)
class ChildCrashed(Event):
    """Made by the supervisor, never sent: the child ended before any test started."""

    type: ClassVar[str] = "child_crashed"
    returncode: int | None = None
    budget_exhausted: bool = False


@dataclass(frozen=True)
class StoppedAfterTimeouts(Event):
    type: ClassVar[str] = "stopped_after_timeouts"
    timed_out: int


@dataclass(frozen=True)
class Output(Event):
    """What the learner's code printed (the start of it), and how much it printed in all."""

    type: ClassVar[str] = "output"
    text: str
    total_chars: int


@dataclass(frozen=True)
class Benchmarked(Event):
    type: ClassVar[str] = "benchmarked"
    rows: tuple[BenchmarkRow, ...] = ()


@dataclass(frozen=True)
class InternalError(Event):
    """A bug in the grader, not in the learner's code."""

    type: ClassVar[str] = "internal_error"
    error: str
    traceback: str = ""


@dataclass(frozen=True)
class Done(Event):
    type: ClassVar[str] = "done"


EVENTS: dict[str, type[Event]] = {cls.type: cls for cls in (
    TestStarted, TestFinished, ImportFailed, ApiMismatch, Tampered, StoppedAfterTimeouts, Output, Benchmarked,
    InternalError, Done)}
"""What a child may send. TestDied and ChildCrashed are the supervisor's own findings."""

_NESTED: dict[tuple[str, str], type] = {
    ("test_finished", "failure"): Failure,
    ("api_mismatch", "problems"): ApiProblem,
    ("benchmarked", "rows"): BenchmarkRow,
}

Problem = ImportFailed | ApiMismatch | Tampered | InternalError | ChildCrashed
"""An event that means the file cannot be graded at all."""


def _to_dict(event: Event) -> dict[str, Any]:
    return {"type": event.type, **asdict(event)}


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    kwargs = {}
    for name, value in data.items():
        if name not in names:
            raise ValueError(f"{cls.__name__} has no field {name!r}")
        nested = _NESTED.get((getattr(cls, "type", ""), name))
        if nested is not None and value is not None:
            value = tuple(nested(**item) for item in value) if isinstance(value, list) else nested(**value)
        kwargs[name] = value
    return cls(**kwargs)


def encode(event: Event, nonce: str) -> str:
    """One event as one line for the results pipe."""
    return json.dumps({**_to_dict(event), "nonce": nonce}) + "\n"


def decode(line: str, nonce: str) -> Event | None:
    """The event on a line from the results pipe, or None for anything that is not the grader's own."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.pop("nonce", None) != nonce:
        return None
    cls = EVENTS.get(data.pop("type", None))
    if cls is None:
        return None
    try:
        return _from_dict(cls, data)
    except (TypeError, ValueError):
        return None


# -- what a run found, merged over its children (also the warm worker's reply) ----------------------

@dataclass
class RunFacts:
    """Everything the children of one run reported, merged: scoring turns this into a Report."""

    finished: dict[str, TestFinished | TestDied] = field(default_factory=dict)
    problem: Problem | None = None
    """The first reason the file could not be graded at all; later ones follow from it."""
    output: str = ""
    output_total_chars: int = 0
    stderr: str = ""
    budget_exhausted: bool = False
    stopped_after_timeouts: bool = False
    left_processes: tuple[str, ...] = ()
    """Processes the learner's code started that were still running when its child ended (their command lines)."""
    interrupted: bool = False
    """Grading was cancelled (Ctrl-C, or a newer save in watch mode) before it ended."""
    benchmarks: tuple[BenchmarkRow, ...] = ()

    def merge(self, other: "RunFacts") -> None:
        self.finished.update(other.finished)
        self.problem = self.problem or other.problem
        self.output += other.output
        self.output_total_chars += other.output_total_chars
        self.stderr += other.stderr
        self.budget_exhausted |= other.budget_exhausted
        self.stopped_after_timeouts |= other.stopped_after_timeouts
        self.left_processes += other.left_processes
        self.interrupted |= other.interrupted
        self.benchmarks += other.benchmarks

    def to_line(self) -> str:
        data = asdict(self)
        data["finished"] = {test: _to_dict(event) for test, event in self.finished.items()}
        data["problem"] = _to_dict(self.problem) if self.problem else None
        return json.dumps(data) + "\n"

    @classmethod
    def from_line(cls, line: str) -> "RunFacts":
        data = json.loads(line)
        kinds = {**EVENTS, TestDied.type: TestDied, ChildCrashed.type: ChildCrashed}

        def event(item: dict) -> Event:
            item = dict(item)
            return _from_dict(kinds[item.pop("type")], item)

        data["finished"] = {test: event(item) for test, item in data["finished"].items()}
        data["problem"] = event(data["problem"]) if data["problem"] else None
        data["benchmarks"] = tuple(BenchmarkRow(**row) for row in data["benchmarks"])
        data["left_processes"] = tuple(data["left_processes"])
        return cls(**data)


@dataclass(frozen=True)
class WorkerRequest:
    """One run for the warm worker: the request and the tests' plan (the worker supervises the children)."""

    request: RunRequest
    planned: tuple[PlannedTest, ...]

    def to_line(self) -> str:
        return json.dumps({"request": asdict(self.request), "planned": [asdict(t) for t in self.planned]}) + "\n"

    @classmethod
    def from_line(cls, line: str) -> "WorkerRequest":
        data = json.loads(line)
        request = RunRequest.from_line(json.dumps(data["request"]))
        return cls(request, tuple(PlannedTest(**test) for test in data["planned"]))
