"""Waiting for the learner to save their kata file: the seam between a practice session and the file system."""

from __future__ import annotations

from pathlib import Path

from grader.catalog import Kata


class SaveWatcher:
    """Waits for the kata file to be saved (watchfiles), waking once a second so the clock can tick."""

    def __init__(self) -> None:
        self._watches: dict[str, object] = {}

    def __call__(self, kata: Kata, timeout: float) -> bool:
        import watchfiles

        if kata.name not in self._watches:
            target = kata.work_file.resolve()
            self._watches[kata.name] = watchfiles.watch(
                kata.folder, watch_filter=lambda change, path: Path(path).resolve() == target,
                rust_timeout=max(50, int(timeout * 1000)), yield_on_timeout=True, step=10,
            )
        return bool(next(self._watches[kata.name]))
