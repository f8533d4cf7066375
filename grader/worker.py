"""A warm grading worker: imports the test machinery once, then forks one isolated child per request.

Protocol: one JSON request per line on stdin ({"config": ..., "planned": [...]}), one JSON line of
ChildEvents per request on stdout. The worker never runs pytest or imports user code itself, so
every fork starts from the same clean state a fresh interpreter would have.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict


def main() -> None:
    # Everything a grading child needs, imported before the first fork.
    import pytest  # noqa: F401
    import pytest_timeout  # noqa: F401
    import _hypothesis_pytestplugin  # noqa: F401
    import hypothesis.stateful  # noqa: F401

    from grader import child, harness, plugin, preflight  # noqa: F401
    from grader.manifest import PlannedTest
    from grader.sandbox import fork_child, run_suite

    replies = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        planned = [PlannedTest(**test) for test in request["planned"]]
        events = run_suite(request["config"], planned, launch=fork_child)
        replies.write(json.dumps(asdict(events)) + "\n")
        replies.flush()


if __name__ == "__main__":
    main()
