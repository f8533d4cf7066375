"""The grading pipeline: read the suite's plan, run it in a child, score what came back.

`grade` starts a fresh interpreter per run. `WarmGrader` keeps one worker process with pytest and
hypothesis already imported, which forks a child per run: the same isolation per run, without the
start-up cost, for watch and practice sessions that regrade on every save.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from grader.grading import manifest, scoring, supervisor
from grader.catalog import Kata
from grader.grading.manifest import PlannedTest
from grader.report import Report
from grader.grading.supervisor import ChildEvents


def plan(kata: Kata, target: Path, seed: int) -> tuple[dict, list[PlannedTest]]:
    planned = manifest.read(kata.suite)
    config = {
        "target": str(target.resolve()),
        "reference": str(kata.reference),
        "suite": str(kata.suite),
        "seed": seed,
        "timeouts": {t.id: t.timeout_s for t in planned},
        "memory_bytes": supervisor.MEMORY_BYTES,
        "import_timeout_s": supervisor.IMPORT_TIMEOUT_S,
        "max_timeouts": supervisor.MAX_TIMEOUTS,
        "asyncio": kata.asyncio,
    }
    return config, planned


def grade(kata: Kata, target: Path, seed: int = 0) -> Report:
    started = time.monotonic()
    config, planned = plan(kata, target, seed)
    events = supervisor.run_suite(config, planned)
    return scoring.build_report(kata, str(target), seed, planned, events, time.monotonic() - started)


class WarmGrader:
    """A client of grader.grading.worker. Falls back to a cold `grade` if the worker is gone."""

    def __init__(self) -> None:
        self._worker = subprocess.Popen(
            [sys.executable, "-m", "grader.grading.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=supervisor.child_env(), text=True, bufsize=1,
        )

    def grade(self, kata: Kata, target: Path, seed: int = 0) -> Report:
        started = time.monotonic()
        config, planned = plan(kata, target, seed)
        try:
            self._worker.stdin.write(json.dumps({"config": config, "planned": [asdict(t) for t in planned]}) + "\n")
            self._worker.stdin.flush()
            events = ChildEvents(**json.loads(self._worker.stdout.readline()))
        except (OSError, ValueError, TypeError):
            return grade(kata, target, seed)
        return scoring.build_report(kata, str(target), seed, planned, events, time.monotonic() - started)

    def close(self) -> None:
        if self._worker.poll() is None:
            self._worker.stdin.close()
            try:
                self._worker.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._worker.kill()

    def __enter__(self) -> "WarmGrader":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def benchmark(kata: Kata, target: Path) -> ChildEvents:
    """Time the kata's benchmark workloads on the user's file and the reference, in one child run."""
    config, planned = plan(kata, target, seed=0)
    return supervisor.run_suite({**config, "benchmark": True}, planned, groups=1)
