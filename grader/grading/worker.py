"""A warm grading worker: imports the test machinery once, then forks one isolated child per run.

Protocol (grader.protocol): one WorkerRequest per line on stdin, one line of RunFacts per request on
stdout. SIGUSR1 cancels the run in progress (its reply then says it was interrupted). The worker never
runs pytest or imports learner code itself, so every fork starts from the state a fresh interpreter
would have.

After each run it forks standbys for the same request: children that configure pytest and collect
the suite at once, then wait. When the learner saves, a standby only has to import their file and
run the tests, which is most of what makes a regrade on save fast.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from grader import limits
from grader.grading import supervisor
from grader.protocol import RunRequest, WorkerRequest


class Standbys:
    """Pre-forked children waiting for the next run of the same tests."""

    def __init__(self) -> None:
        self._waiting: dict[tuple[RunRequest, tuple[str, ...]], tuple[supervisor.Started, int]] = {}

    @staticmethod
    def _key(request: RunRequest, tests: list[str]) -> tuple:
        return request.to_line(), tuple(tests)

    def launch(self, request: RunRequest, tests: list[str]) -> supervisor.Started:
        waiting = self._waiting.pop(self._key(request, tests), None)
        if waiting is None:
            return supervisor.fork_child(request, tests)
        started, go = waiting
        os.write(go, b"g")
        os.close(go)
        return started

    def prepare(self, request: RunRequest, groups: list[list[str]]) -> None:
        """Fork a standby for each group of the request just served; drop those for anything else."""
        wanted = {self._key(request, tests): tests for tests in groups}
        for key in [key for key in self._waiting if key not in wanted]:
            self._drop(key)
        for key, tests in wanted.items():
            if key not in self._waiting:
                go_read, go_write = os.pipe()
                started = supervisor.fork_child(request, tests, go_fd=go_read)
                os.close(go_read)
                self._waiting[key] = (started, go_write)

    def _drop(self, key: tuple) -> None:
        started, go = self._waiting.pop(key)
        os.close(go)  # the standby reads end-of-file and leaves
        started.child.wait()
        supervisor.release(started.child.pid)
        os.close(started.results_fd)
        started.cleanup()

    def close(self) -> None:
        for key in list(self._waiting):
            self._drop(key)


def main() -> None:
    from grader.child import guards, runner

    guards.die_with_parent(int(os.environ.get(runner.PARENT_ENV, os.getppid())))
    runner.import_machinery(asyncio=True)  # everything a grading child needs, before the first fork
    supervisor.sweep_stale_workdirs()
    cancel = threading.Event()
    signal.signal(signal.SIGUSR1, lambda signum, frame: cancel.set())
    standbys = Standbys()
    replies = sys.stdout
    try:
        for line in sys.stdin:
            work = WorkerRequest.from_line(line)
            cancel.clear()
            facts = supervisor.run_suite(work.request, list(work.planned), launch=standbys.launch, cancel=cancel)
            replies.write(facts.to_line())
            replies.flush()
            groups = supervisor.partition(list(work.planned), limits.GROUPS)
            standbys.prepare(work.request, [[t.id for t in group] for group in groups])
    finally:
        standbys.close()


if __name__ == "__main__":
    main()
