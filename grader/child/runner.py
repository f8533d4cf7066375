"""The child process: imports the learner's file, checks its API, runs the hidden suite, reports facts.

Started by grader.grading.supervisor as `python -m grader.child` (or forked from the warm worker). It
imports the test machinery first, then reads its RunRequest as one JSON line on stdin (not argv or the
environment, where the learner's code would find the event nonce at once), so the parent may start it
before it knows what to grade. Events go back on the results pipe (see grader.protocol).
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from grader import limits
from grader.child import guards
from grader.protocol import (
    ApiMismatch, Benchmarked, BenchmarkRow, Done, Event, ImportFailed, InternalError, Output, RunRequest, Tampered,
    encode,
)

Emit = Callable[[Event], None]
PARENT_ENV = "KATAS_GRADER_PID"

# pytest's built-in plugins that a hidden suite never needs. Blocking them halves pytest's start-up
# (about 40 ms a run), and capture must be off so that prints reach BoundedText, not pytest's files.
_UNUSED_PLUGINS = [
    arg for name in ("cacheprovider", "capture", "stepwise", "junitxml", "pastebin", "doctest", "legacypath",
                     "tmpdir", "monkeypatch", "recwarn", "setuponly", "setupplan", "unittest", "logging",
                     "python_path", "unraisableexception", "threadexception", "faulthandler", "debugging",
                     "subtests")
    for arg in ("-p", f"no:{name}")
]


def import_machinery(asyncio: bool = False) -> None:
    """Everything a run needs, imported before the learner's code can touch it."""
    import pytest  # noqa: F401
    import pytest_timeout  # noqa: F401
    import _hypothesis_pytestplugin  # noqa: F401
    import hypothesis.stateful  # noqa: F401
    import hypothesis.strategies  # noqa: F401

    from grader import harness  # noqa: F401
    from grader.child import preflight, reporter  # noqa: F401

    if asyncio:
        import pytest_asyncio.plugin  # noqa: F401


class ImportTimedOut(BaseException):
    pass


def _load(name: str, path: str) -> ModuleType:
    """Import the file at `path` as module `name` (registered first, as dataclasses need)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_SLOW_TO_IMPORT = re.compile(r"^\s*(?:import|from)\s+(torch)\b", re.MULTILINE)


def _import_what_is_slow_to_import(path: str) -> None:
    """torch takes seconds to import (20 on a busy machine), which are not the learner's: when their file
    imports it, it is imported before their clock starts. It is never imported for a file that does not."""
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for name in dict.fromkeys(match.group(1) for match in _SLOW_TO_IMPORT.finditer(source)):
        try:
            importlib.import_module(name)
        except Exception:  # not installed, or broken: the learner's own import will say so, in their words
            pass


def _import_learner(path: str) -> ModuleType:
    _import_what_is_slow_to_import(path)
    cpu = guards.Alarm(ImportTimedOut)
    # The wall clock too, for a module that sleeps: CPU time does not pass while it waits.
    signal.signal(signal.SIGALRM, lambda signum, frame: (_ for _ in ()).throw(ImportTimedOut()))
    signal.setitimer(signal.ITIMER_REAL, limits.wall_clock_limit(limits.IMPORT_TIMEOUT_S), limits.REALARM_EVERY_S)
    cpu.start(limits.IMPORT_TIMEOUT_S)
    try:
        return _load("solution", path)
    finally:
        cpu.stop()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _import_failure(exc: BaseException, path: str) -> ImportFailed:
    if isinstance(exc, (SyntaxError, ValueError)) and _is_not_source(path):
        return ImportFailed("not_source", type(exc).__name__, str(exc))
    if isinstance(exc, SyntaxError):
        return ImportFailed("syntax", type(exc).__name__, exc.msg or "", exc.lineno, (exc.text or "").strip())
    if isinstance(exc, ImportTimedOut):
        return ImportFailed("timeout")
    if isinstance(exc, SystemExit):
        return ImportFailed("exit", "SystemExit", str(exc.code))
    if isinstance(exc, ImportError):
        return ImportFailed("import", type(exc).__name__, str(exc))
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    return ImportFailed("error", type(exc).__name__, str(exc), frames[-1].lineno if frames else None)


def _is_not_source(path: str) -> bool:
    """A file Python cannot read as text: a binary, or bytes that are not UTF-8 (nor its declared coding)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    return b"\0" in data or not _decodes(data)


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _benchmark(suite_path: str, user: ModuleType, reference: ModuleType) -> tuple[BenchmarkRow, ...]:
    """Time the suite's BENCHMARKS on the learner's module and the reference's, alternating, best of three."""
    suite = _load("hidden_suite", suite_path)
    from grader.harness import best_times

    rows = []
    for name, make in getattr(suite, "BENCHMARKS", {}).items():
        try:
            user_s, reference_s = best_times(make(user), make(reference))
            rows.append(BenchmarkRow(name, user_s, reference_s))
        except Exception as exc:  # the learner's code failed on this workload: say so in its row
            rows.append(BenchmarkRow(name, error_type=type(exc).__name__, error=str(exc)))
    return tuple(rows)


def prepare(request: RunRequest, emit: Emit, baseline: list | None = None) -> tuple[ModuleType, ModuleType] | None:
    """Import the learner's file and the reference, check the API and that nothing was tampered with.

    `baseline` is a fingerprint taken before the import (the reporter's, when pytest runs). Returns the
    two modules, or emits the verdict that stops grading and returns None.
    """
    from grader import harness
    from grader.child import preflight

    if baseline is None:
        baseline = guards.fingerprint()
    sys.dont_write_bytecode = True  # no __pycache__ in the learner's folder
    try:
        user = _import_learner(request.target)
    except BaseException as exc:  # whatever the learner's file does at import is a verdict, not a crash
        emit(_import_failure(exc, request.target))
        return None
    reference = _load("reference", request.reference)
    problems = preflight.check(user, reference)
    if problems:
        emit(ApiMismatch(tuple(problems)))
        return None
    what = guards.tampered(baseline)
    if what:
        emit(Tampered(what))
        return None
    harness.install(user, reference, request.kata)
    return user, reference


def _wait_for_go(go_fd: int | None) -> None:
    """A standby child (see grader.grading.worker) waits here, pytest configured and the suite collected."""
    if go_fd is None:
        return
    if not os.read(go_fd, 1):
        os._exit(0)  # the worker is gone: nobody will ever ask for this run
    os.close(go_fd)


def run(request: RunRequest, emit: Emit, go_fd: int | None = None) -> None:
    capture = guards.BoundedText()
    import_machinery(request.asyncio)
    import pytest

    from grader.child import reporter

    if request.benchmark:
        _wait_for_go(go_fd)
        sys.stdout = sys.stderr = capture
        modules = prepare(request, emit)
        if modules:
            emit(Benchmarked(_benchmark(request.suite, *modules)))
        return

    def start(baseline: list) -> bool:
        # Called by the reporter once pytest has collected the suite: the learner's code is imported
        # only now, so a standby child can do all of pytest's start-up before the learner saves.
        _wait_for_go(go_fd)
        return prepare(request, emit, baseline) is not None

    plugin = reporter.Reporter(emit, request, capture, start)
    # pytest's terminal writer binds to sys.stdout when pytest is configured: send it nowhere, so the
    # real stderr keeps only what reaches it outside print (C extensions, fatal errors) for --verbose.
    quiet = open(os.devnull, "w")
    sys.stdout = sys.stderr = quiet
    args = [f"{request.suite}::{test}" for test in request.tests]
    args += ["-c", os.devnull, "--rootdir", os.getcwd(), "--confcutdir", os.path.dirname(request.suite),
             *_UNUSED_PLUGINS,
             "-p", "pytest_timeout", "-p", "_hypothesis_pytestplugin",
             "--hypothesis-seed", str(request.seed), "-W", "ignore", "--assert=plain", "--tb=no"]
    if request.asyncio:
        args += ["-p", "pytest_asyncio.plugin", "-o", "asyncio_mode=strict"]
    code = pytest.main(args, plugins=[plugin])
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        emit(InternalError(f"pytest could not run the hidden suite ({code.name})"))
    emit(Output(capture.text(), capture.total_chars))


def serve(request: RunRequest, go_fd: int | None = None) -> None:
    """Grade as the request says, report on the results pipe, and leave without interpreter shutdown."""
    results = os.fdopen(request.results_fd, "w", encoding="utf-8", buffering=1)
    write, flush, nonce = results.write, results.flush, request.nonce

    def emit(event: Event) -> None:
        write(encode(event, nonce))
        flush()

    guards.limit_resources()
    try:
        run(request, emit, go_fd)
        emit(Done())
    except BaseException as exc:  # a grader bug: say so plainly rather than die silently
        emit(InternalError(f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    # Skip interpreter shutdown: atexit handlers and __del__ methods in the learner's code never run.
    os._exit(0)


def main() -> None:
    guards.die_with_parent(int(os.environ.get(PARENT_ENV, os.getppid())))
    import_machinery()
    line = sys.stdin.readline()
    if not line:
        os._exit(0)  # started ahead of time, and the parent turned out not to need it
    sys.stdin = open(os.devnull)
    serve(RunRequest.from_line(line))
