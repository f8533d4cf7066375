"""A warm grading worker: imports the test machinery once, then forks one isolated child per run.

Protocol: one JSON request per line on stdin ({"config": ..., "planned": [...]}), one JSON line of
ChildEvents per request on stdout. The worker never runs pytest or imports user code itself, so every
fork starts from the state a fresh interpreter would have.

After each run it forks standbys for the same request: children that configure pytest and collect
the suite at once, then wait. When the user saves, a standby only has to import the user's file and
run the tests, which is most of what makes a regrade on save fast.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict


class Standbys:
    """Pre-forked children waiting for the next run of the same tests."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[object, int]] = {}

    @staticmethod
    def _key(config: dict, tests: list[str]) -> str:
        return json.dumps([config, tests], sort_keys=True)

    def launch(self, config: dict, tests: list[str]):
        from grader.grading.supervisor import fork_child

        waiting = self._waiting.pop(self._key(config, tests), None)
        if waiting is None:
            return fork_child(config, tests)
        started, go = waiting
        os.write(go, b"g")
        os.close(go)
        return started

    def prepare(self, config: dict, groups: list[list[str]]) -> None:
        """Fork a standby for each group of the request just served; drop those for anything else."""
        from grader.grading.supervisor import fork_child

        wanted = {self._key(config, tests): tests for tests in groups}
        for key in [key for key in self._waiting if key not in wanted]:
            self._drop(key)
        for key, tests in wanted.items():
            if key not in self._waiting:
                go_read, go_write = os.pipe()
                started = fork_child(config, tests, go_fd=go_read)
                os.close(go_read)
                self._waiting[key] = (started, go_write)

    def _drop(self, key: str) -> None:
        from grader.grading.supervisor import unregister

        started, go = self._waiting.pop(key)
        os.close(go)  # the standby reads end-of-file and leaves
        started.child.wait()
        unregister(started.child.pid)
        os.close(started.results_fd)
        started.workdir.cleanup()

    def close(self) -> None:
        for key in list(self._waiting):
            self._drop(key)


def main() -> None:
    # Everything a grading child needs, imported before the first fork.
    import pytest  # noqa: F401
    import pytest_timeout  # noqa: F401
    import _hypothesis_pytestplugin  # noqa: F401
    import hypothesis.stateful  # noqa: F401

    from grader import harness  # noqa: F401
    from grader.child import preflight, reporter, runner  # noqa: F401
    from grader.grading.manifest import PlannedTest
    from grader.grading.supervisor import GROUPS, partition, run_suite

    standbys = Standbys()
    replies = sys.stdout
    try:
        for line in sys.stdin:
            request = json.loads(line)
            planned = [PlannedTest(**test) for test in request["planned"]]
            events = run_suite(request["config"], planned, launch=standbys.launch)
            replies.write(json.dumps(asdict(events)) + "\n")
            replies.flush()
            standbys.prepare(request["config"], [[t.id for t in group] for group in partition(planned, GROUPS)])
    finally:
        standbys.close()


if __name__ == "__main__":
    main()
