"""The child's guard rails: resource limits, captured output, and a fingerprint of the test machinery.

The learner's code shares the child's process, so these stop accidents and the classic tricks (printing
forever, patching pytest or the grader), not a determined attacker: the parent decides the score, from
the tests it knows exist.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import sys
import time
from typing import Any

from grader import limits

_WATCHED_PACKAGES = ("pytest", "_pytest", "pluggy", "hypothesis", "_hypothesis_pytestplugin", "pytest_timeout",
                     "pytest_asyncio", "grader")


class BoundedText(io.TextIOBase):
    """Stands in for stdout and stderr: keeps the start of what is printed and counts the rest."""

    def __init__(self, keep_chars: int = limits.OUTPUT_KEEP_CHARS) -> None:
        self.kept: list[str] = []
        self.kept_chars = 0
        self.total_chars = 0
        self._keep_chars = keep_chars

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        self.total_chars += len(text)
        room = self._keep_chars - self.kept_chars
        if room > 0:
            self.kept.append(text[:room])
            self.kept_chars += min(room, len(text))
        return len(text)

    def text(self) -> str:
        return "".join(self.kept)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when the grader that started it dies (Linux); leave now if it has."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(0)


def limit_resources() -> None:
    for limit, value in ((resource.RLIMIT_AS, limits.MEMORY_BYTES), (resource.RLIMIT_CORE, 0),
                         (resource.RLIMIT_FSIZE, limits.FILE_SIZE_BYTES)):
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):
            pass  # a platform or container that refuses: the parent's wall clock still applies


def fingerprint() -> list[tuple[str, Any, str, Any]]:
    """The functions and classes of the test machinery, held by reference so a swap is visible.

    Each mark is (label, namespace, name, value): the namespace is a module's or a class's __dict__,
    or sys.modules itself, so checking needs no name resolution.
    """
    marks: list[tuple[str, Any, str, Any]] = [
        ("time.perf_counter", vars(time), "perf_counter", time.perf_counter),
        ("signal.signal", vars(signal), "signal", signal.signal),
        ("signal.setitimer", vars(signal), "setitimer", signal.setitimer),
    ]
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in _WATCHED_PACKAGES:
            continue
        marks.append((name, sys.modules, name, module))
        namespace = vars(module)
        for attr, value in list(namespace.items()):
            if not callable(value):
                continue
            marks.append((f"{name}.{attr}", namespace, attr, value))
            if isinstance(value, type) and value.__module__ == name:
                members = vars(value)
                for member, method in list(members.items()):
                    if callable(method) or isinstance(method, (staticmethod, classmethod, property)):
                        marks.append((f"{name}.{attr}.{member}", members, member, method))
    return marks


def tampered(baseline: list[tuple[str, Any, str, Any]]) -> str | None:
    for label, namespace, name, value in baseline:
        if namespace.get(name) is not value:
            return label
    return None


class Alarm:
    """A CPU-time limit around a piece of work: raises `error` in the main thread when it is used up.

    CPU time (ITIMER_PROF), not wall time, so a busy machine never turns a slow test into a timeout.
    The alarm fires again every REALARM_EVERY_S of CPU time in case the code catches the first one.
    """

    def __init__(self, error: type[BaseException]) -> None:
        self._error = error
        self.armed = False

    def _fire(self, signum: int, frame: Any) -> None:
        if self.armed:
            raise self._error()

    def start(self, seconds: float) -> None:
        signal.signal(signal.SIGPROF, self._fire)
        self.armed = True
        signal.setitimer(signal.ITIMER_PROF, seconds, limits.REALARM_EVERY_S)

    def stop(self) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
