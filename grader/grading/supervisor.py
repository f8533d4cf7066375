"""The supervisor: starts the children that run a hidden suite, watches them, and collects what they report.

It is not a security boundary (the learner's code runs in the child with the guard rails of
grader.child.guards); it is what makes a run end, whatever the code does. The tests are split between
limits.GROUPS children that run at once. Each child gets a memory cap, a private working folder, no
stdin, and its own process group. If one dies mid-test (a crash, os._exit, a hang the in-process alarm
could not stop), that test is charged and the rest of its group runs in a fresh child, as long as the
run's wall-clock budget lasts. A run can be cancelled at any time (Ctrl-C, a newer save): its children
are killed at once. Whatever a child leaves behind (processes, its working folder) is removed.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from grader import limits
from grader.grading.manifest import PlannedTest
from grader.protocol import (
    ChildCrashed, Done, Event, ImportFailed, ApiMismatch, InternalError, Output, RunFacts, RunRequest, Benchmarked,
    StoppedAfterTimeouts, Tampered, TestDied, TestFinished, TestStarted, decode,
)

_PR_SET_CHILD_SUBREAPER = 36
RUN_MARKER = "KATAS_GRADING_RUN"
"""Set in each child's environment to a token of its own: whatever it starts carries it, so it can be found."""
WORKDIR_PREFIX = "katas-grade-"

OnEvent = Callable[[Event], None]

_ours: set[int] = set()
"""Processes of the grader that a leftover sweep must leave alone: children at work, standbys, the worker."""
_ours_lock = threading.Lock()


def keep(pid: int) -> None:
    """A process of the grader's own (a grading child at work, a standby, the warm worker): sweeps skip it."""
    with _ours_lock:
        _ours.add(pid)


def release(pid: int) -> None:
    with _ours_lock:
        _ours.discard(pid)


_cleanup_registered = threading.Event()


def _at_exit() -> None:
    """Whatever this process leaves, it removes on the way out, even when interrupted mid-launch: the folders
    named after it, and the children of runs still at work."""
    _end_at_once()
    for folder in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}{os.getpid()}-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _become_subreaper() -> None:
    """Orphans of the child (a fork that lingers) get re-parented to us, so we can find and end them."""
    if not _cleanup_registered.is_set():
        _cleanup_registered.set()
        atexit.register(_at_exit)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "HYPOTHESIS_", "PYTHON", RUN_MARKER))}
    env.update(
        PYTHONHASHSEED="0",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        PYTHONIOENCODING="utf-8",
        PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
    )
    return env


# -- starting children ----------------------------------------------------------------------------

class ForkedChild:
    """A grading child forked from a warm worker, with the little of Popen's interface the supervisor uses."""

    def __init__(self, pid: int, stderr) -> None:
        self.pid = pid
        self.stderr = stderr
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
    marker: str
    workdir: Path

    def cleanup(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def _workdir() -> Path:
    # The parent's pid in the name: a folder left by a killed grader is swept at the next start.
    return Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-"))


def sweep_stale_workdirs() -> None:
    """Remove working folders of graders that died without cleaning up (SIGKILL leaves them)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*-*"):
        pid = folder.name[len(WORKDIR_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Spare:
    """A child started before its request was known: it imports pytest while the CLI is still starting."""

    def __init__(self) -> None:
        from grader.child import runner

        self.read_fd, self.write_fd = os.pipe()
        self.marker = secrets.token_hex(8)
        self.workdir = _workdir()
        with _ours_lock:
            self.child = subprocess.Popen(
                [sys.executable, "-m", "grader.child"],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                cwd=self.workdir, env={**child_env(), "HOME": str(self.workdir), "TMPDIR": str(self.workdir),
                                       RUN_MARKER: self.marker, runner.PARENT_ENV: str(os.getpid())},
                pass_fds=(self.write_fd,), start_new_session=True,
            )
            _ours.add(self.child.pid)
        os.close(self.write_fd)


_spares: list[_Spare] = []


def start_spares(count: int = limits.GROUPS) -> None:
    """Start `count` children now, to be given their requests later by spawn_child (grade KATA does this first)."""
    _become_subreaper()
    if not _spares:
        atexit.register(discard_spares)
    while len(_spares) < count:
        _spares.append(_Spare())


def discard_spares() -> None:
    """Children started ahead of time and never used read end-of-file on stdin and leave."""
    while _spares:
        spare = _spares.pop()
        try:
            spare.child.stdin.close()
            spare.child.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            spare.child.kill()
            spare.child.wait()
        release(spare.child.pid)
        os.close(spare.read_fd)
        shutil.rmtree(spare.workdir, ignore_errors=True)


def spawn_child(request: RunRequest, tests: list[str]) -> Started:
    """A fresh interpreter: the default, and the only way that shares nothing with the grader."""
    nonce = secrets.token_hex(16)
    try:
        spare = _spares.pop()
    except IndexError:
        spare = _Spare()
    line = request.for_child(tests, spare.write_fd, nonce).to_line()
    try:
        spare.child.stdin.write(line)
        spare.child.stdin.close()
    except OSError:
        pass  # the child is already gone: the supervisor finds out when it reads nothing
    return Started(spare.child, spare.read_fd, nonce, spare.marker, spare.workdir)


def fork_child(request: RunRequest, tests: list[str], go_fd: int | None = None) -> Started:
    """A fork of this (warm) process, which has pytest and hypothesis imported already: used by the worker.

    With `go_fd`, the child configures pytest and collects the suite, then waits for one byte on it
    before it imports the learner's file (a standby, see grader.grading.worker).
    """
    from grader.child import guards, runner

    read_fd, write_fd = os.pipe()
    stderr_read, stderr_write = os.pipe()
    nonce, marker, workdir, worker = secrets.token_hex(16), secrets.token_hex(8), _workdir(), os.getpid()
    request = request.for_child(tests, write_fd, nonce)
    sys.stdout.flush()
    sys.stderr.flush()
    with _ours_lock:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the forked child, which always leaves through os._exit
            try:
                guards.die_with_parent(worker)
                os.setsid()
                devnull = os.open(os.devnull, os.O_RDWR)
                os.dup2(devnull, 0)
                os.dup2(devnull, 1)
                os.dup2(stderr_write, 2)
                # Like Popen's close_fds: keep only what this child uses. Other standbys' pipes, and the
                # write end of its own go pipe, would otherwise keep reads from ever seeing end-of-file.
                kept = sorted({0, 1, 2, write_fd} | ({go_fd} if go_fd is not None else set()))
                low = 3
                for fd in kept + [os.sysconf("SC_OPEN_MAX")]:
                    if fd >= low:
                        os.closerange(low, fd)
                        low = fd + 1
                os.chdir(workdir)
                os.environ.update(HOME=str(workdir), TMPDIR=str(workdir), **{RUN_MARKER: marker})
                runner.serve(request, go_fd)
            finally:
                os._exit(70)
        _ours.add(pid)
    os.close(stderr_write)
    os.close(write_fd)
    return Started(ForkedChild(pid, os.fdopen(stderr_read, "rb")), read_fd, nonce, marker, workdir)


# -- ending children and what they left -----------------------------------------------------------

def _processes() -> list[tuple[int, int, bytes]]:
    """(pid, parent pid, command line) of every process we can see (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        # The fourth field (after the parenthesised command name) is the parent pid.
        found.append((int(entry.name), int(stat.rsplit(")", 1)[-1].split()[1]), cmdline))
    return found


def _carries(pid: int, marker: str) -> bool:
    try:
        return f"{RUN_MARKER}={marker}".encode() in (Path("/proc") / str(pid) / "environ").read_bytes()
    except OSError:
        return False


def _end_leftovers(started: Started) -> tuple[str, ...]:
    """Kill the child's process group and every process it left; describe what the learner's code left running.

    Leftovers are found three ways: the child's process group; processes carrying the child's run
    marker in their environment (whatever their session, after a double fork too); and orphans re-parented
    to us (we are a subreaper) that are forks of a grading child, as their command line shows.
    """
    child = started.child
    exited_by_itself = child.poll() is not None
    left: list[str] = []
    try:
        if exited_by_itself:
            os.killpg(child.pid, 0)  # raises if nobody is left in the group
            left.append("a process in the same process group")
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    child.wait()
    release(child.pid)
    if not sys.platform.startswith("linux"):
        return tuple(left)
    me = os.getpid()
    for pid, parent, cmdline in _processes():
        if pid == me:
            continue
        with _ours_lock:
            if pid in _ours:
                continue
        orphan = parent == me and (b"grader.child" in cmdline or b"grader.grading.worker" in cmdline)
        if orphan or _carries(pid, started.marker):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                # Gone since the snapshot: the other group's child, which ended and was reaped and released
                # meanwhile. Counting it made a correct file "leave a process behind" now and then.
                continue
            left.append(_command(cmdline, pid))
            try:
                if parent == me:
                    os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    return tuple(left)


def _command(cmdline: bytes, pid: int) -> str:
    text = cmdline.replace(b"\0", b" ").decode("utf-8", "replace").strip()
    if b"grader.child" in cmdline or b"grader.grading.worker" in cmdline:
        text = "a fork of the process running your code"
    return (text[:100] + "...") if len(text) > 100 else text or f"process {pid}"


def _drain(stream, keep_bytes: bytearray) -> None:
    while True:
        chunk = stream.read(65536)
        if not chunk:
            return
        room = limits.STDERR_KEEP_BYTES - len(keep_bytes)
        if room > 0:
            keep_bytes.extend(chunk[:room])


# -- running a group of tests ---------------------------------------------------------------------

@dataclass
class _Running:
    test: str
    since: float
    before: _Schedstat | None = None
    """The child's CPU time and wait for a CPU when the test started."""


class Cancelled(Exception):
    """The run was cancelled before it ended."""


_at_work: dict[int, Started] = {}
"""Children of runs in progress, so an interrupted run can end them from the main thread."""


def _end_at_once() -> None:
    """Ctrl-C: kill every child at work and remove its folder now, without waiting for the threads' clean-up."""
    for started in list(_at_work.values()):
        _kill(started.child.pid)
        started.cleanup()


class _Budget:
    """A run's wall-clock budget, less the time its children spent ready to run but waiting for a CPU.

    On a machine busy with other work, a child gets a fraction of a core: counted in plain wall-clock
    time, the same code would run out of budget there and not on an idle machine. Linux reports that wait
    per thread (/proc/PID/schedstat); elsewhere the budget is plain wall-clock time. It never stretches past
    WALL_CLOCK_LAST_RESORT times the budget, so a run still ends whatever the machine does.
    """

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._start = time.monotonic()
        self._waited_by_ended_children = 0.0
        self._child: int | None = None
        self._at_start = self.child = _Schedstat()
        self._checked_at = 0.0
        self._exhausted = False

    def watch(self, pid: int) -> None:
        self._child = pid
        self._at_start = self.child = _schedstat(pid)

    def child_ended(self) -> None:
        self._waited_by_ended_children += self.child.waiting - self._at_start.waiting
        self._child = None
        self._at_start = self.child = _Schedstat()

    def exhausted(self) -> bool:
        now = time.monotonic()
        if self._exhausted or now - self._checked_at < 0.1:  # reading /proc every loop would cost a core
            return self._exhausted
        self._checked_at = now
        if self._child is not None:
            self.child = max(self.child, _schedstat(self._child))
        waited = self._waited_by_ended_children + self.child.waiting - self._at_start.waiting
        elapsed = now - self._start
        self._exhausted = elapsed - waited >= self._seconds or elapsed >= limits.WALL_CLOCK_LAST_RESORT * self._seconds
        return self._exhausted


@dataclass(frozen=True, order=True)
class _Schedstat:
    """A child's main thread so far, in seconds: on a CPU, and runnable but waiting for one (0 where unknown)."""

    running: float = 0.0
    waiting: float = 0.0


def _schedstat(pid: int) -> _Schedstat:
    try:
        with open(f"/proc/{pid}/schedstat", "rb") as stats:
            running, waiting = stats.read().split()[:2]
        return _Schedstat(int(running) / 1e9, int(waiting) / 1e9)
    except (OSError, ValueError):
        return _Schedstat()


def _run_child(request: RunRequest, tests: list[PlannedTest], budget: _Budget, facts: RunFacts, launch,
               on_event: OnEvent, cancel: threading.Event) -> tuple[_Running | None, int | None, float]:
    """Run one child over `tests`: (the test it died in, or None; its exit code; when it ended)."""
    started = launch(request, [t.id for t in tests])
    limits_of = {t.id: t.timeout_s for t in tests}
    child = started.child
    _at_work[child.pid] = started
    budget.watch(child.pid)
    running: _Running | None = None
    finished = False
    try:
        stderr_kept = bytearray()
        threading.Thread(target=_drain, args=(child.stderr, stderr_kept), daemon=True).start()
        arrived: list[tuple[float, str]] = []
        results = os.fdopen(started.results_fd, "r", encoding="utf-8", errors="replace")

        def read_events() -> None:
            for line in results:
                arrived.append((time.monotonic(), line))

        reader = threading.Thread(target=read_events, daemon=True)
        reader.start()
        seen = 0
        while child.poll() is None:
            if cancel.is_set():
                facts.interrupted = True
                break
            if budget.exhausted():
                facts.budget_exhausted = True
                break
            time.sleep(0.01)
            # Arrival times tell a hang (the wall-clock guard ended the child) from an early exit.
            while seen < len(arrived):
                previous = running
                running, finished = _absorb(arrived[seen], started.nonce, facts, running, finished, on_event)
                if running is not None and running is not previous:
                    running.before = budget.child  # read by budget.exhausted() at the top of this iteration
                seen += 1
            if running is not None and _overdue(running, limits_of[running.test], budget):
                _kill(child.pid)  # asleep, stuck in C, or deaf to the alarm: the test's time is up
        ended = time.monotonic()
        budget.child_ended()
        facts.left_processes += _end_leftovers(started)
        reader.join(timeout=1.0)
        for item in arrived[seen:]:
            running, finished = _absorb(item, started.nonce, facts, running, finished, on_event)
        facts.stderr += stderr_kept.decode("utf-8", "replace")
    finally:
        started.cleanup()
        _at_work.pop(child.pid, None)
    if finished or facts.problem or facts.interrupted:
        return None, child.returncode, ended
    return running or _Running("", 0.0), child.returncode, ended


def _overdue(running: _Running, timeout_s: float, budget: _Budget) -> bool:
    """The outer guard of one test: wall-clock time since it started, less the child's wait for a CPU; or CPU
    time well past the test's limit, which means the code caught the in-process alarm and carried on."""
    before, now = running.before or _Schedstat(), budget.child
    waited = now.waiting - before.waiting
    deaf_to_the_alarm = now.running - before.running >= timeout_s + limits.ALARM_GRACE_S
    return deaf_to_the_alarm or time.monotonic() - running.since - waited >= limits.wall_clock_limit(timeout_s)


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _absorb(item: tuple[float, str], nonce: str, facts: RunFacts, running: _Running | None, finished: bool,
            on_event: OnEvent) -> tuple[_Running | None, bool]:
    arrived, line = item
    event = decode(line, nonce)
    if event is None:
        return running, finished  # not from the grader's own reporter
    if isinstance(event, TestStarted):
        running = _Running(event.test, arrived)
    elif isinstance(event, TestFinished):
        facts.finished[event.test] = event
        running = None
    elif isinstance(event, (ImportFailed, ApiMismatch, Tampered, InternalError)):
        facts.problem = facts.problem or event  # the first verdict is the cause; later ones follow from it
    elif isinstance(event, Output):
        facts.output += event.text
        facts.output_total_chars += event.total_chars
    elif isinstance(event, Benchmarked):
        facts.benchmarks = event.rows
        finished = True
    elif isinstance(event, StoppedAfterTimeouts):
        facts.stopped_after_timeouts = True
    elif isinstance(event, Done):
        finished = True
    on_event(event)
    return running, finished


def _run_group(request: RunRequest, planned: list[PlannedTest], launch, on_event: OnEvent,
               cancel: threading.Event) -> RunFacts:
    """Run planned tests in one child, relaunching after it dies mid-test, within the run's budget."""
    facts = RunFacts()
    budget = _Budget(limits.RUN_BUDGET_S)
    remaining = list(planned)
    while remaining and not (facts.problem or facts.budget_exhausted or facts.stopped_after_timeouts
                             or facts.interrupted):
        death, returncode, ended = _run_child(request, remaining, budget, facts, launch, on_event, cancel)
        remaining = [t for t in remaining if t.id not in facts.finished]
        if death is None:
            break
        if not death.test:
            facts.problem = ChildCrashed(returncode, facts.budget_exhausted)
            break
        timeout = next(t.timeout_s for t in planned if t.id == death.test)
        facts.finished[death.test] = _death(death, timeout, returncode, ended, facts)
        on_event(facts.finished[death.test])
        remaining = [t for t in remaining if t.id != death.test]
        timed_out = sum(1 for r in facts.finished.values() if _timed_out(r))
        facts.stopped_after_timeouts = timed_out >= limits.MAX_TIMEOUTS
    return facts


def _timed_out(result: TestFinished | TestDied) -> bool:
    if isinstance(result, TestDied):
        return result.how == "timeout"
    return result.failure is not None and result.failure.kind == "timeout"


def _death(death: _Running, timeout: float, returncode: int | None, ended: float, facts: RunFacts) -> TestDied:
    if facts.budget_exhausted or ended - death.since >= limits.wall_clock_limit(timeout):
        how = "timeout"
    elif returncode is not None and returncode < 0:
        how = "signal"
    else:
        how = "exit"
    return TestDied(death.test, how, returncode, timeout)


def partition(planned: list[PlannedTest], groups: int) -> list[list[PlannedTest]]:
    """Split tests into groups of about equal cost, heaviest first, keeping suite order inside each group."""
    loads = [0] * groups
    members: list[list[int]] = [[] for _ in range(groups)]
    for index in sorted(range(len(planned)), key=lambda i: -planned[i].weight):
        lightest = loads.index(min(loads))
        loads[lightest] += planned[index].weight
        members[lightest].append(index)
    return [[planned[i] for i in sorted(group)] for group in members if group]


def run_suite(request: RunRequest, planned: list[PlannedTest], launch=spawn_child, groups: int = limits.GROUPS,
              on_event: OnEvent = lambda event: None, cancel: threading.Event | None = None) -> RunFacts:
    """Run every planned test, in `groups` children at once, and merge what they report.

    `on_event` sees each event as it arrives (for live progress; it is called from other threads).
    Setting `cancel` ends the run at once: its children are killed and the facts say it was interrupted.
    """
    _become_subreaper()
    cancel = cancel or threading.Event()
    parts = partition(planned, groups)
    found = [RunFacts() for _ in parts]

    def run(index: int) -> None:
        found[index] = _run_group(request, parts[index], launch, on_event, cancel)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(parts))]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.05)  # short waits, so Ctrl-C reaches the main thread at once
    except BaseException:
        cancel.set()
        _end_at_once()
        for thread in threads:
            thread.join(timeout=2.0)
        raise
    merged = RunFacts()
    for facts in found:
        merged.merge(facts)
    return merged
