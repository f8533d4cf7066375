"""The grading pipeline, parent side: read the suite's plan, run it in children, score what they report.

`grade` starts fresh interpreters per run. `WarmGrader` keeps one worker process with pytest and
hypothesis already imported, which forks a child per run: the same isolation per run, without the
start-up cost, for watch and practice sessions that regrade on every save.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from grader.catalog import Kata
from grader.child.runner import PARENT_ENV
from grader.grading import manifest, scoring, supervisor
from grader.protocol import PlannedTest, RunFacts, RunRequest, WorkerRequest
from grader.report import Report

OnEvent = supervisor.OnEvent


def plan(kata: Kata, only: set[str] | None = None) -> list[PlannedTest]:
    """The suite's tests, or only those named in `only` (the project's tests grade a mutant by one test)."""
    planned = manifest.read(kata.suite)
    return [t for t in planned if t.id in only] if only is not None else planned


def request_for(kata: Kata, target: Path, seed: int, planned: list[PlannedTest], benchmark: bool = False
                ) -> RunRequest:
    """The one place a run request is built."""
    return RunRequest(target=str(target.resolve()), reference=str(kata.reference), suite=str(kata.suite),
                      kata=kata.name, seed=seed, timeouts={t.id: t.timeout_s for t in planned},
                      asyncio=kata.asyncio, benchmark=benchmark)


def grade(kata: Kata, target: Path, seed: int = 0, *, only: set[str] | None = None,
          on_event: OnEvent = lambda event: None, cancel: threading.Event | None = None) -> Report:
    started = time.monotonic()
    planned = plan(kata, only)
    facts = supervisor.run_suite(request_for(kata, target, seed, planned), planned, on_event=on_event,
                                 cancel=cancel)
    return scoring.build_report(kata, str(target), seed, planned, facts, time.monotonic() - started)


def benchmark(kata: Kata, target: Path) -> RunFacts:
    """Time the kata's benchmark workloads on the learner's file and the reference, in one child run."""
    planned = plan(kata)
    return supervisor.run_suite(request_for(kata, target, 0, planned, benchmark=True), planned, groups=1)


class WarmGrader:
    """A client of grader.grading.worker. Falls back to a cold `grade` if the worker is gone."""

    def __init__(self) -> None:
        # A session of its own: Ctrl-C in the terminal reaches the session, which cancels the worker's run
        # and closes it, instead of killing the worker mid-run.
        # Its own working folder: nothing it or hypothesis writes lands in the learner's current folder.
        self._folder = tempfile.mkdtemp(prefix="katas-worker-")
        self._worker = subprocess.Popen(
            [sys.executable, "-m", "grader.grading.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env={**supervisor.child_env(), PARENT_ENV: str(os.getpid())}, text=True,
            bufsize=1, start_new_session=True, cwd=self._folder,
        )
        supervisor.keep(self._worker.pid)
        self._cancelled = threading.Event()

    def grade(self, kata: Kata, target: Path, seed: int = 0, *, only: set[str] | None = None) -> Report:
        started = time.monotonic()
        planned = plan(kata, only)
        work = WorkerRequest(request_for(kata, target, seed, planned), tuple(planned))
        self._cancelled.clear()
        try:
            self._worker.stdin.write(work.to_line())
            self._worker.stdin.flush()
            facts = RunFacts.from_line(self._worker.stdout.readline())
        except (OSError, ValueError, TypeError, KeyError):
            if self._cancelled.is_set():
                facts = RunFacts(interrupted=True)
            else:
                return grade(kata, target, seed, only=only)
        return scoring.build_report(kata, str(target), seed, planned, facts, time.monotonic() - started)

    def cancel(self) -> None:
        """End the run in progress at once; its report says it was interrupted."""
        self._cancelled.set()
        if self._worker.poll() is None:
            os.kill(self._worker.pid, signal.SIGUSR1)

    def close(self) -> None:
        if self._worker.poll() is None:
            self._worker.stdin.close()
            try:
                self._worker.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._worker.kill()
                self._worker.wait()
        supervisor.release(self._worker.pid)
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> "WarmGrader":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
