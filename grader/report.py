"""The grader's result model: plain dataclasses with a JSON form.

The parent process builds these from the child's event stream; rendering and scoring only read them.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field


class Status(str, enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    NOT_STARTED = "not_started"


class TestStatus(str, enum.Enum):
    __test__ = False  # a name pytest would otherwise try to collect
    PASSED = "passed"
    FAILED = "failed"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    NOT_RUN = "not_run"


@dataclass
class TestResult:
    id: str
    level: int
    points: int
    status: TestStatus = TestStatus.NOT_RUN
    message: str = ""
    counterexample: str = ""
    replay: str = ""
    """The counterexample as a test body ending in an assertion, for `grade pin`; empty when there is none."""
    error_type: str = ""
    user_traceback: str = ""

    @property
    def title(self) -> str:
        """The test's name read as a sentence: test_get_refreshes_recency -> 'get refreshes recency'."""
        return self.id.removeprefix("test_").replace("_", " ")


@dataclass
class LevelScore:
    level: int
    name: str
    score: int
    points: int
    max_points: int
    locked: bool = False


@dataclass
class Report:
    kata: str
    file: str
    seed: int
    status: Status
    score: int
    duration_s: float
    levels: list[LevelScore] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    problem: str = ""
    """One plain sentence when the file could not be graded at all (syntax error, missing API...)."""
    problem_detail: str = ""
    output: str = ""
    """What the user's code printed, truncated."""

    def to_json(self) -> dict:
        data = asdict(self)
        data["status"] = self.status.value
        data["duration_s"] = round(self.duration_s, 3)
        for test in data["tests"]:
            test["status"] = test["status"].value
        return data
