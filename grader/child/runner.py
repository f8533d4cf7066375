"""The child process: imports the user's file, checks its API, runs the hidden suite, reports events.

Started by grader.grading.supervisor as `python -m grader.child`, with its settings as one JSON line on stdin
(not argv or the environment, where the user's code would find the event nonce at once). The
user's code shares this process, so these are guard rails against accidents and the classic
tricks, not a security boundary: the parent decides the score, from the tests it knows exist.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

OUTPUT_KEEP_CHARS = 8_000
_WATCHED_PACKAGES = ("pytest", "_pytest", "pluggy", "hypothesis", "_hypothesis_pytestplugin", "pytest_timeout",
                     "pytest_asyncio", "grader")


# pytest's built-in plugins that a hidden suite never needs. Blocking them halves pytest's start-up
# (about 40 ms a run), and capture must be off so that prints reach BoundedText, not pytest's files.
_UNUSED_PLUGINS = [
    arg for name in ("cacheprovider", "capture", "stepwise", "junitxml", "pastebin", "doctest", "legacypath",
                     "tmpdir", "monkeypatch", "recwarn", "setuponly", "setupplan", "unittest", "logging",
                     "python_path", "unraisableexception", "threadexception", "faulthandler", "debugging",
                     "subtests")
    for arg in ("-p", f"no:{name}")
]


class BoundedText(io.TextIOBase):
    """Stands in for stdout and stderr: keeps the start of what is printed and counts the rest."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.kept_chars = 0
        self.total_chars = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        self.total_chars += len(text)
        room = OUTPUT_KEEP_CHARS - self.kept_chars
        if room > 0:
            self.kept.append(text[:room])
            self.kept_chars += min(room, len(text))
        return len(text)

    def text(self) -> str:
        dropped = self.total_chars - self.kept_chars
        tail = f"\n... ({dropped:,} more characters not shown)" if dropped else ""
        return "".join(self.kept) + tail


class ImportTimedOut(BaseException):
    pass


def _limit_resources(memory_bytes: int) -> None:
    for limit, value in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CORE, 0),
                         (resource.RLIMIT_FSIZE, 64 * 1024 * 1024)):
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


def _load(name: str, path: str) -> ModuleType:
    """Import the file at `path` as module `name` (registered first, as dataclasses need)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _import_user(path: str, timeout: float) -> ModuleType:
    def alarm(signum: int, frame: Any) -> None:
        raise ImportTimedOut()

    signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout, 0.2)
    try:
        return _load("solution", path)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _describe_import_failure(exc: BaseException, path: str) -> dict[str, str]:
    if isinstance(exc, SyntaxError):
        line = (exc.text or "").rstrip()
        where = f"line {exc.lineno}" + (f": {line.strip()}" if line else "")
        return {"kind": "syntax", "message": f"Your file has a syntax error at {where} ({exc.msg})."}
    if isinstance(exc, ImportTimedOut):
        return {"kind": "timeout", "message": "Importing your file did not finish: does it run a loop at module level?"}
    if isinstance(exc, SystemExit):
        return {"kind": "exit", "message": "Your file called sys.exit() while it was being imported."}
    if isinstance(exc, ImportError):
        return {"kind": "import", "message": f"Your file could not import what it needs: {exc}."}
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    where = f" at line {frames[-1].lineno}" if frames else ""
    return {"kind": "error", "message": f"Importing your file raised {type(exc).__name__}{where}: {exc}"}


def _benchmark(suite_path: str, user: ModuleType, reference: ModuleType) -> list[dict]:
    """Time the suite's BENCHMARKS on the user's module and the reference's, alternating, best of three."""
    suite = _load("hidden_suite", suite_path)
    from grader.harness import best_times

    rows = []
    for name, make in getattr(suite, "BENCHMARKS", {}).items():
        try:
            user_s, reference_s = best_times(make(user), make(reference))
            rows.append({"workload": name, "user_s": user_s, "reference_s": reference_s})
        except Exception as exc:  # the user's code failed on this workload: say so in its row
            rows.append({"workload": name, "error": f"{type(exc).__name__}: {exc}"})
    return rows


def prepare(config: dict, emit: Callable[[dict], None], baseline: list | None = None
            ) -> tuple[ModuleType, ModuleType] | None:
    """Import the user's file and the reference, check the API and that nothing was tampered with.

    `baseline` is a fingerprint taken before the import (the reporter's, when pytest runs). Emits
    `ready`, or the verdict that stops grading (and returns None).
    """
    from grader import harness
    from grader.child import preflight

    if baseline is None:
        baseline = fingerprint()
    sys.dont_write_bytecode = True  # no __pycache__ in the user's folder
    try:
        user = _import_user(config["target"], config["import_timeout_s"])
    except BaseException as exc:  # whatever the user's file does at import is a verdict, not a crash
        emit({"event": "import_error", **_describe_import_failure(exc, config["target"])})
        return None
    reference = _load("reference", config["reference"])
    problems = preflight.check(user, reference)
    if problems:
        emit({"event": "api", "problems": problems})
        return None
    what = tampered(baseline)
    if what:
        emit({"event": "tampered", "what": what})
        return None
    harness.install(user, reference, Path(config["suite"]).stem.removeprefix("test_"))
    emit({"event": "ready"})
    return user, reference


def _wait_for_go(go_fd: int | None) -> None:
    """A standby child (see grader.grading.worker) waits here, pytest configured and the suite collected, for a save."""
    if go_fd is None:
        return
    if not os.read(go_fd, 1):
        os._exit(0)  # the worker is gone: nobody will ever ask for this run
    os.close(go_fd)


def run(config: dict, emit: Callable[[dict], None], go_fd: int | None = None) -> None:
    capture = BoundedText()
    sys.stdout = sys.stderr = capture

    import pytest  # everything the run needs is imported before the user's code can touch it
    import pytest_timeout  # noqa: F401
    import _hypothesis_pytestplugin  # noqa: F401
    import hypothesis.stateful  # noqa: F401
    import hypothesis.strategies  # noqa: F401

    from grader.child import reporter as plugin

    if config.get("asyncio"):
        import pytest_asyncio.plugin  # noqa: F401

    if config.get("benchmark"):
        _wait_for_go(go_fd)
        modules = prepare(config, emit)
        if modules:
            emit({"event": "benchmark", "rows": _benchmark(config["suite"], *modules)})
        return

    def start(baseline: list) -> bool:
        # Called by the reporter once pytest has collected the suite: the user's code is imported
        # only now, so a standby child can do all of pytest's start-up before the user saves.
        _wait_for_go(go_fd)
        return prepare(config, emit, baseline) is not None

    reporter = plugin.Reporter(emit, config["target"], config["timeouts"], fingerprint, tampered, capture,
                               config["max_timeouts"], start)
    # pytest's terminal writer binds to sys.stdout when it is configured; it goes to the real stderr,
    # which the parent keeps for --verbose, and the reporter puts the capture back once the session starts.
    sys.stdout = sys.stderr = sys.__stderr__
    args = [f"{config['suite']}::{test}" for test in config["tests"]]
    args += ["-c", os.devnull, "--rootdir", os.getcwd(), "--confcutdir", os.path.dirname(config["suite"]),
             *_UNUSED_PLUGINS,
             "-p", "pytest_timeout", "-p", "_hypothesis_pytestplugin",
             "--hypothesis-seed", str(config["seed"]), "-W", "ignore", "--assert=plain", "--tb=no"]
    if config.get("asyncio"):
        args += ["-p", "pytest_asyncio.plugin", "-o", "asyncio_mode=strict"]
    code = pytest.main(args, plugins=[reporter])
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        emit({"event": "internal_error", "message": f"pytest could not run the hidden suite ({code.name})",
              "traceback": ""})
    emit({"event": "output", "text": capture.text(), "total_chars": capture.total_chars})


def serve(config: dict, go_fd: int | None = None) -> None:
    """Grade as the config says, report on the results pipe, and leave without interpreter shutdown."""
    results = os.fdopen(config["results_fd"], "w", encoding="utf-8", buffering=1)
    nonce = config["nonce"]
    write, flush, dumps = results.write, results.flush, json.dumps

    def emit(event: dict) -> None:
        write(dumps({**event, "nonce": nonce}) + "\n")
        flush()

    _limit_resources(config["memory_bytes"])
    try:
        run(config, emit, go_fd)
        emit({"event": "done"})
    except BaseException as exc:  # a grader bug: say so plainly rather than die silently
        emit({"event": "internal_error", "message": f"{type(exc).__name__}: {exc}",
              "traceback": traceback.format_exc()})
    # Skip interpreter shutdown: atexit handlers and __del__ methods in the user's code never run.
    os._exit(0)


def main() -> None:
    config = json.loads(sys.stdin.readline())
    sys.stdin = open(os.devnull)
    serve(config)


if __name__ == "__main__":
    main()
