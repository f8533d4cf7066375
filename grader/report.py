"""The grader's result model: plain dataclasses with a JSON form (documented in docs/json-report.md).

grader.grading.scoring builds a Report from what the children reported; rendering only reads it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

JSON_VERSION = 1
"""The version of `grade KATA --json`'s schema: it changes when a field is removed or changes meaning."""


_PYTHON_WORDS = {"none": "None", "true": "True", "false": "False"}
"""Words of a test's name that are Python values, spelled as the code spells them."""


class Status(str, enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    NOT_STARTED = "not_started"
    INTERRUPTED = "interrupted"


class TestStatus(str, enum.Enum):
    __test__ = False  # a name pytest would otherwise try to collect
    PASSED = "passed"
    FAILED = "failed"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    NOT_RUN = "not_run"


@dataclass
class TestResult:
    __test__ = False
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
    not_implemented: bool = False
    """The test reached a stub body (NotImplementedError)."""

    @property
    def title(self) -> str:
        """The test's name read as a sentence: test_a_stored_none_is_a_value -> 'a stored None is a value'."""
        return " ".join(_PYTHON_WORDS.get(word, word) for word in self.id.removeprefix("test_").split("_"))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "level": self.level, "points": self.points,
                "status": self.status.value, "message": self.message, "counterexample": self.counterexample,
                "replay": self.replay, "error_type": self.error_type, "user_traceback": self.user_traceback}


@dataclass
class LevelScore:
    level: int
    name: str
    score: int
    """0-100: the share of this level's points earned."""
    points: int
    max_points: int
    locked: bool = False
    weight: float = 0.0
    """This level's share of the kata's score, in percent."""

    def to_json(self) -> dict:
        return {"level": self.level, "name": self.name, "score": self.score, "points": self.points,
                "max_points": self.max_points, "weight": self.weight, "locked": self.locked}


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
    """What the learner's code printed, truncated."""
    output_chars: int = 0
    """How much it printed in all."""
    stderr: str = ""
    """What reached the child's real stderr outside print (C extensions, fatal errors), truncated."""

    def to_json(self) -> dict:
        return {
            "version": JSON_VERSION, "kata": self.kata, "file": self.file, "seed": self.seed,
            "status": self.status.value, "score": self.score, "duration_s": round(self.duration_s, 3),
            "problem": self.problem, "problem_detail": self.problem_detail,
            "levels": [level.to_json() for level in self.levels], "tests": [test.to_json() for test in self.tests],
            "output": self.output, "output_chars": self.output_chars, "stderr": self.stderr,
        }
