"""Every limit a grading run enforces, in one place. The sentences that mention them are in grading/messages.py.

A test's own time limit comes from its suite (`@scored(timeout=...)`); the rest apply to every run.
"""

from __future__ import annotations

TEST_TIMEOUT_S = 5.0
"""A test's time limit when its suite does not set one: CPU time used by the child while the test runs."""

WALL_CLOCK_FACTOR = 3.0
WALL_CLOCK_GRACE_S = 3.0
"""The outer guard: a test that has not ended after factor x its limit + grace seconds of wall-clock time
(sleeping, or stuck where no signal reaches it) has its process ended by the parent's watchdog."""

REALARM_EVERY_S = 0.2
"""After the limit, the in-process alarm fires again this often, in case the learner's code catches it."""

IMPORT_TIMEOUT_S = 5.0
"""Importing the learner's file (module-level code included), in CPU seconds."""

RUN_BUDGET_S = 30.0
"""Wall-clock budget of a whole run per group of tests: what a run costs at worst, whatever the code does."""

MAX_TIMEOUTS = 2
"""After this many tests of one group time out, the rest are not run: a hang has to be fixed first."""

MEMORY_BYTES = 2 * 1024**3
"""Address space of the child process."""

FILE_SIZE_BYTES = 64 * 1024**2
"""Largest file the child process may write."""

OUTPUT_KEEP_CHARS = 8_000
"""What the learner's code prints is kept up to this many characters, and counted beyond."""

STDERR_KEEP_BYTES = 16_000
"""What reaches the child's real stderr (outside print: C extensions, fatal errors) is kept up to this."""

GROUPS = 2
"""Hidden tests run in this many children at once, split the same way in every mode: a 2-core machine
grades in about half the time, and a test's neighbours (which share the learner's module state) never
depend on how grading was started."""


def wall_clock_limit(timeout_s: float) -> float:
    return timeout_s * WALL_CLOCK_FACTOR + WALL_CLOCK_GRACE_S


def gibibytes(count: int) -> str:
    return f"{count / 1024**3:g} GiB"
