"""The grading pipeline: read the suite's plan, run it in a child, score what came back."""

from __future__ import annotations

import time
from pathlib import Path

from grader import manifest, sandbox, scoring
from grader.catalog import Kata
from grader.results import Report


def grade(kata: Kata, target: Path, seed: int = 0) -> Report:
    started = time.monotonic()
    planned = manifest.read(kata.suite)
    config = {
        "target": str(target.resolve()),
        "reference": str(kata.reference),
        "suite": str(kata.suite),
        "seed": seed,
        "timeouts": {t.id: t.timeout_s for t in planned},
        "memory_bytes": sandbox.MEMORY_BYTES,
        "import_timeout_s": sandbox.IMPORT_TIMEOUT_S,
        "max_timeouts": sandbox.MAX_TIMEOUTS,
        "asyncio": kata.asyncio,
    }
    events = sandbox.run_suite(config, planned)
    return scoring.build_report(kata, str(target), seed, planned, events, time.monotonic() - started)
