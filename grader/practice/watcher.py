"""Waiting for the learner to save their kata file: the seam between a practice session and the file system."""

from __future__ import annotations

import time
from pathlib import Path

from grader.catalog import Kata


class SaveWatcher:
    """Waits up to `timeout` seconds for the kata file to be saved (watchfiles); True if it was."""

    STEP_MS = 20

    def __init__(self) -> None:
        self._watches: dict[str, object] = {}

    def __call__(self, kata: Kata, timeout: float) -> bool:
        import watchfiles

        if kata.name not in self._watches:
            target = kata.work_file.resolve()
            self._watches[kata.name] = watchfiles.watch(
                kata.folder, watch_filter=lambda change, path: Path(path).resolve() == target,
                rust_timeout=self.STEP_MS, yield_on_timeout=True, step=10,
            )
        deadline = time.monotonic() + timeout
        while True:
            if next(self._watches[kata.name]):
                return True
            if time.monotonic() >= deadline:
                return False
