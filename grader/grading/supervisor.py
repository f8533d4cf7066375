"""Running a hidden suite against untrusted code in child processes, and collecting what they report.

The tests are split between GROUPS children that run at once. Each child gets a memory cap, a private
working folder, no stdin, and its own process group. If one dies mid-test (a crash, os._exit, a hang
the in-process alarm could not stop), that test is charged and the rest of its group runs in a fresh
child, as long as the run's wall-clock budget lasts.
"""

from __future__ import annotations

import ctypes
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.grading.manifest import PlannedTest

MEMORY_BYTES = 2 * 1024**3
RUN_BUDGET_S = 30.0
IMPORT_TIMEOUT_S = 5.0
MAX_TIMEOUTS = 2
"""After this many tests time out, the rest are not run: a hang has to be fixed first."""
STDERR_KEEP_BYTES = 16_000
_PR_SET_CHILD_SUBREAPER = 36
GROUPS = 2
"""Hidden tests run in this many children at once, split the same way in every mode: a 2-core machine
grades in about half the time, and a test's neighbours (which share the user's module state) never
depend on how grading was started."""

_active: set[int] = set()
_active_lock = threading.Lock()


@dataclass
class ChildEvents:
    """Everything the children reported, merged: the parent turns this into a Report."""

    results: dict[str, dict] = field(default_factory=dict)
    problem: dict | None = None
    output: str = ""
    stderr: str = ""
    budget_exhausted: bool = False
    stopped_after_timeouts: bool = False
    left_processes: bool = False
    """The user's code started processes that were still running when its child ended."""
    benchmarks: list[dict] = field(default_factory=list)


def _become_subreaper() -> None:
    """Orphans of the child (a fork that lingers) get re-parented to us, so we can find and end them."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def _end_leftovers(child: subprocess.Popen) -> bool:
    """Kill the child's process group and any orphan it left; True if the user's code left processes behind."""
    exited_by_itself = child.poll() is not None
    left_behind = False
    try:
        if exited_by_itself:
            os.killpg(child.pid, 0)  # raises if nobody is left in the group
            left_behind = True
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    child.wait()
    if not sys.platform.startswith("linux"):
        return left_behind
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The fourth field (after the parenthesised command name) is the parent pid.
        if stat.rsplit(")", 1)[-1].split()[1] != me:
            continue
        pid = int(entry.name)
        with _active_lock:
            if pid == child.pid or pid in _active:
                continue  # a grading child of another group, still at work
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        # Only reap what grading left behind: processes forked from a grading child (a fork keeps the
        # command line of its parent: grader.child when spawned, grader.grading.worker when forked warm).
        if b"grader.child" in cmdline or b"grader.grading.worker" in cmdline:
            left_behind = True
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    return left_behind


def _drain(stream, keep: bytearray) -> None:
    while True:
        chunk = stream.read(65536)
        if not chunk:
            return
        room = STDERR_KEEP_BYTES - len(keep)
        if room > 0:
            keep.extend(chunk[:room])


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "HYPOTHESIS_", "PYTHON"))}
    env.update(
        PYTHONHASHSEED="0",
        PYTHONPATH=str(Path(__file__).resolve().parent.parent),
        PYTHONIOENCODING="utf-8",
        PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
    )
    return env


@dataclass
class Death:
    test: str
    """The test that was running when the child ended; empty if none had started."""
    started: float


class ForkedChild:
    """A grading child forked from a warm worker, with the little of Popen's interface _run_child uses."""

    def __init__(self, pid: int, stderr) -> None:
        self.pid = pid
        self.stderr = stderr
        self.stdin = None
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() >= end:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout)
            time.sleep(0.002)
        return self.returncode


@dataclass
class Started:
    """A grading child on its way, with what the parent needs to follow it."""

    child: Any
    """subprocess.Popen, or ForkedChild for a fork of the warm worker."""
    results_fd: int
    nonce: str
    workdir: tempfile.TemporaryDirectory


def _setup(config: dict, tests: list[str]) -> tuple[bytes, int, int, str, tempfile.TemporaryDirectory]:
    read_fd, write_fd = os.pipe()
    nonce = secrets.token_hex(16)
    workdir = tempfile.TemporaryDirectory(prefix="katas-grade-")
    line = (json.dumps({**config, "tests": tests, "results_fd": write_fd, "nonce": nonce}) + "\n").encode()
    return line, read_fd, write_fd, nonce, workdir


def register(pid: int) -> None:
    """A grading child at work: leftover-process sweeps leave it alone."""
    with _active_lock:
        _active.add(pid)


def unregister(pid: int) -> None:
    with _active_lock:
        _active.discard(pid)


def spawn_child(config: dict, tests: list[str]) -> Started:
    """A fresh interpreter: the default, and the only way that shares nothing with the grader."""
    line, read_fd, write_fd, nonce, workdir = _setup(config, tests)
    child = subprocess.Popen(
        [sys.executable, "-m", "grader.child"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        cwd=workdir.name, env={**child_env(), "HOME": workdir.name, "TMPDIR": workdir.name},
        pass_fds=(write_fd,), start_new_session=True,
    )
    os.close(write_fd)
    child.stdin.write(line)
    child.stdin.close()
    return Started(child, read_fd, nonce, workdir)


def fork_child(config: dict, tests: list[str], go_fd: int | None = None) -> Started:
    """A fork of this (warm) process, which has pytest and hypothesis imported already: used by grader.grading.worker.

    With `go_fd`, the child configures pytest and collects the suite, then waits for one byte on it
    before it imports the user's file (a standby, see grader.grading.worker).
    """
    from grader.child import runner as child_module

    line, read_fd, write_fd, nonce, workdir = _setup(config, tests)
    stderr_read, stderr_write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the forked child, which always leaves through os._exit
        try:
            os.setsid()
            devnull = os.open(os.devnull, os.O_RDWR)
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)
            os.dup2(stderr_write, 2)
            # Like Popen's close_fds: keep only what this child uses. Other standbys' pipes, and the
            # write end of its own go pipe, would otherwise keep reads from ever seeing end-of-file.
            keep = sorted({0, 1, 2, write_fd} | ({go_fd} if go_fd is not None else set()))
            low = 3
            for fd in keep + [os.sysconf("SC_OPEN_MAX")]:
                if fd >= low:
                    os.closerange(low, fd)
                    low = fd + 1
            os.chdir(workdir.name)
            os.environ.update(HOME=workdir.name, TMPDIR=workdir.name)
            child_module.serve(json.loads(line), go_fd)
        finally:
            os._exit(70)
    os.close(stderr_write)
    os.close(write_fd)
    register(pid)
    return Started(ForkedChild(pid, os.fdopen(stderr_read, "rb")), read_fd, nonce, workdir)


def _run_child(config: dict, tests: list[PlannedTest], deadline: float, events: ChildEvents, launch):
    """Run one child over `tests`: (where it died or None, its exit code, when it ended)."""
    started = launch(config, [t.id for t in tests])
    child = started.child
    register(child.pid)
    try:
        stderr_kept = bytearray()
        threading.Thread(target=_drain, args=(child.stderr, stderr_kept), daemon=True).start()
        lines: list[tuple[float, str]] = []
        results_file = os.fdopen(started.results_fd, "r", encoding="utf-8", errors="replace")

        def read_events() -> None:
            # Arrival times tell a hang (pytest-timeout ended the child) from an early exit.
            for line in results_file:
                lines.append((time.monotonic(), line))

        reader = threading.Thread(target=read_events, daemon=True)
        reader.start()
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            events.budget_exhausted = True
        ended = time.monotonic()
        unregister(child.pid)
        events.left_processes |= _end_leftovers(child)
        reader.join(timeout=1.0)
        events.stderr += stderr_kept.decode("utf-8", "replace")
    finally:
        started.workdir.cleanup()
    return _absorb(list(lines), started.nonce, events), child.returncode, ended


def _absorb(lines: list[tuple[float, str]], nonce: str, events: ChildEvents) -> Death | None:
    """Merge one child's events; say which test it died in (None if it finished or gave a verdict)."""
    running: Death | None = None
    finished = False
    for arrived, line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if not isinstance(event, dict) or event.pop("nonce", None) != nonce:
            continue  # not from the grader's own reporter
        kind = event.get("event")
        if kind == "start":
            running = Death(test=str(event.get("test")), started=arrived)
        elif kind == "result":
            events.results[event["test"]] = event
            running = None
        elif kind in ("import_error", "api", "tampered", "internal_error"):
            events.problem = events.problem or event  # the first verdict is the cause; later ones follow from it
        elif kind == "output":
            events.output += event.get("text", "")
        elif kind == "benchmark":
            events.benchmarks = event.get("rows", [])
            finished = True
        elif kind == "stopped":
            events.stopped_after_timeouts = True
        elif kind == "done":
            finished = True
    if finished or events.problem:
        return None
    return running or Death(test="", started=0.0)


def partition(planned: list[PlannedTest], groups: int) -> list[list[PlannedTest]]:
    """Split tests into groups of about equal cost, heaviest first, keeping suite order inside each group."""
    loads = [0] * groups
    members: list[list[int]] = [[] for _ in range(groups)]
    for index in sorted(range(len(planned)), key=lambda i: -planned[i].weight):
        lightest = loads.index(min(loads))
        loads[lightest] += planned[index].weight
        members[lightest].append(index)
    return [[planned[i] for i in sorted(group)] for group in members if group]


def run_suite(config: dict, planned: list[PlannedTest], launch=spawn_child, groups: int = GROUPS) -> ChildEvents:
    """Run every planned test, in `groups` children at once, and merge what they report."""
    _become_subreaper()
    parts = partition(planned, groups)
    if len(parts) == 1:
        return _run_group(config, parts[0], launch)
    found: list[ChildEvents] = [ChildEvents() for _ in parts]

    def run(index: int) -> None:
        found[index] = _run_group(config, parts[index], launch)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(parts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _merge(found)


def _merge(found: list[ChildEvents]) -> ChildEvents:
    merged = ChildEvents()
    for events in found:
        merged.results.update(events.results)
        merged.problem = merged.problem or events.problem
        merged.output += events.output
        merged.stderr += events.stderr
        merged.budget_exhausted |= events.budget_exhausted
        merged.stopped_after_timeouts |= events.stopped_after_timeouts
        merged.left_processes |= events.left_processes
        merged.benchmarks += events.benchmarks
    return merged


def _run_group(config: dict, planned: list[PlannedTest], launch) -> ChildEvents:
    """Run planned tests in one child, relaunching after it dies mid-test, within RUN_BUDGET_S."""
    events = ChildEvents()
    deadline = time.monotonic() + RUN_BUDGET_S
    remaining = list(planned)
    while remaining and not (events.problem or events.budget_exhausted or events.stopped_after_timeouts):
        death, returncode, ended = _run_child(config, remaining, deadline, events, launch)
        remaining = [t for t in remaining if t.id not in events.results]
        if death is None:
            break
        if not death.test:
            events.problem = {"event": "crash", "message": _crash_message(returncode, events)}
            break
        timeout = next(t.timeout_s for t in planned if t.id == death.test)
        events.results[death.test] = _death_result(death, timeout, returncode, ended, events)
        remaining = [t for t in remaining if t.id != death.test]
        timed_out = sum(1 for r in events.results.values() if r["status"] == "timeout")
        events.stopped_after_timeouts = timed_out >= MAX_TIMEOUTS
    return events


def _crash_message(returncode: int | None, events: ChildEvents) -> str:
    if events.budget_exhausted:
        return f"Grading stopped after {RUN_BUDGET_S:g} s before any test could start."
    if returncode is not None and returncode < 0:
        return f"The process running your code was killed by signal {-returncode} before any test started."
    return f"The process running your code exited (code {returncode}) before any test started."


def _death_result(death: Death, timeout: float, returncode: int | None, ended: float, events: ChildEvents) -> dict:
    result = {"test": death.test, "status": "crashed"}
    if events.budget_exhausted or ended - death.started >= timeout:
        result.update(status="timeout", message=(
            f"This test did not finish within {timeout:g} s and its process had to be stopped. Look for an "
            "infinite loop (perhaps one that catches every exception) or a very long computation."))
    elif returncode == -signal.SIGSEGV or returncode == -signal.SIGABRT:
        result["message"] = "Your code crashed the Python process (a segmentation fault or abort) during this test."
    elif returncode == -signal.SIGKILL:
        result["message"] = ("The process running your code was killed during this test; the usual cause is "
                             "memory use far beyond the 2 GiB the grader allows.")
    else:
        result["message"] = (f"The process running your code exited (code {returncode}) during this test. "
                             "Did your code call os._exit() or kill its own process?")
    return result
