"""The practice commands through typer's test runner, plus the pieces that sessions stand on."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import KATA_NAMES
from grader import catalog
from grader.cli.app import app
from grader.practice.watcher import SaveWatcher
from grader.grading import WarmGrader
from grader.practice.history import Attempt, History, now_iso
from grader.report import Status

runner = CliRunner()
LRU = catalog.find("lru")
GET_FORGETS_RECENCY = ("        self._unlink(node)\n        self._append(node)\n        return node.value",
                       "        return node.value")


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def solved(kata="lru"):
    History().record(Attempt(kata=kata, at=now_iso(), duration_s=1.0, score=100, status="passed"))


def test_hints_are_revealed_one_at_a_time_and_counted_in_the_next_attempt():
    first = invoke("hint", "lru")
    assert first.exit_code == 0 and "hint 1 of 3" in first.output and "hint 2" not in first.output
    second = invoke("hint", "lru")
    assert "hint 1 of 3" in second.output and "hint 2 of 3" in second.output
    assert History().hints_used("lru") == 2


def test_hints_are_off_during_an_interview_session():
    History().start_session("practice", ["lru"], 30, interview=True)
    result = invoke("hint", "lru")
    assert result.exit_code == 1 and "interview" in result.output
    assert History().hints_used("lru") == 0


def test_history_stats_and_next_read_the_recorded_attempts():
    assert "No attempts yet" in invoke("history").output
    History().record(Attempt(kata="lru", at=now_iso(), duration_s=1.0, score=60, status="failed",
                             levels=[{"level": 1, "points": 6, "max_points": 10}]))
    solved("retry")
    history = invoke("history")
    assert history.exit_code == 0 and "lru" in history.output and "60/100" in history.output
    assert "retry" in invoke("history", "retry").output and "60/100" not in invoke("history", "retry").output
    stats = invoke("stats")
    assert "solved" in stats.output and "retry" in stats.output and "streak" in stats.output
    assert "Next: lru" in invoke("next").output


def test_an_unknown_kata_in_any_command_is_a_usage_error():
    for command in ("hint", "history", "reset", "pin", "compare", "practice", "watch"):
        result = invoke(command, "lur")
        assert result.exit_code == 2 and "Did you mean 'lru'?" in result.output, command


def test_compare_is_closed_until_the_kata_is_solved_and_asks_before_spoiling():
    closed = invoke("compare", "lru")
    assert closed.exit_code == 1 and "--spoil" in closed.output
    declined = invoke("compare", "lru", "--spoil", input="n\n")
    assert declined.exit_code == 1 and "_sentinel" not in declined.output


def test_compare_shows_both_files_and_speed_ratios_once_solved():
    solved()
    result = invoke("compare", "lru")
    assert result.exit_code == 0
    assert "reference" in result.output and "_sentinel" in result.output  # the reference's code
    assert "ratio" in result.output and "20,000 gets and puts" in result.output


def test_every_graded_attempt_is_recorded_with_its_file_hash(tmp_path):
    target = tmp_path / "lru.py"
    target.write_text(LRU.reference.read_text())
    assert invoke("lru", "--file", str(target)).exit_code == 0
    assert invoke("lru", "--reference").exit_code == 0  # the reference is not the user's attempt
    attempts = History().attempts("lru")
    assert [(a.score, a.status, a.mode) for a in attempts] == [(100, "passed", "grade")]
    assert len(attempts[0].file_hash) == 16 and attempts[0].levels[0]["max_points"] > 0


@pytest.fixture
def clone(repository):
    """A copy of this repository, so reset and pin can change kata files for real."""
    return repository


def grade_in(repo: Path, *args, input=None):
    env = {**os.environ, "PYTHONPATH": str(repo), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=repo, env=env, capture_output=True,
                          text=True, input=input, timeout=120)


def grade_in_a_terminal(repo: Path, args: list[str], answer: bytes) -> subprocess.CompletedProcess:
    """Run grade on a pseudo-terminal, answer its question, and collect what it showed."""
    import pty

    env = {**os.environ, "PYTHONPATH": str(repo), "COLUMNS": "200"}
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes grade
        os.chdir(repo)
        os.execvpe(sys.executable, [sys.executable, "-m", "grader", *args], env)
    shown = b""
    deadline = time.monotonic() + 60
    answered = False
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        if not answered and b"[y/N]" in shown:
            os.write(fd, answer)
            answered = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return subprocess.CompletedProcess(args, os.waitstatus_to_exitcode(status), shown.decode(errors="replace"), "")


def test_reset_backs_up_the_users_file_and_restores_the_stub(clone):
    kata_file = clone / "katas/lru/lru.py"
    stub = kata_file.read_text()
    kata_file.write_text("my work in progress\n")
    declined = grade_in_a_terminal(clone, ["reset", "lru"], answer=b"n\n")
    assert declined.returncode == 1 and "Replace" in declined.stdout
    assert kata_file.read_text() == "my work in progress\n"
    unattended = grade_in(clone, "reset", "lru", input="y\n")  # a pipe, not a terminal: nobody to ask
    assert unattended.returncode == 2 and "--yes" in unattended.stderr
    assert kata_file.read_text() == "my work in progress\n"
    done = grade_in(clone, "reset", "lru", "--yes")
    assert done.returncode == 0, done.stderr
    assert kata_file.read_text() == stub
    backups = list((clone / "katas/lru/backups").iterdir())
    assert [b.read_text() for b in backups] == ["my work in progress\n"]
    assert "already the untouched stub" in grade_in(clone, "reset", "lru", "--yes").stdout


def test_reset_finds_the_stub_even_after_the_user_committed_their_work(clone):
    kata_file = clone / "katas/lru/lru.py"
    stub = kata_file.read_text()
    kata_file.write_text(LRU.reference.read_text())
    subprocess.run(["git", "-C", str(clone), "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam",
                    "my solution"], check=True)
    assert grade_in(clone, "reset", "lru", "--yes").returncode == 0
    assert kata_file.read_text() == stub


def test_pin_writes_a_failing_case_as_a_test_that_fails_until_the_bug_is_fixed(clone):
    kata_file = clone / "katas/lru/lru.py"
    assert "untouched stub" in grade_in(clone, "pin", "lru").stdout
    kata_file.write_text(LRU.reference.read_text().replace(*GET_FORGETS_RECENCY))
    pinned = grade_in(clone, "pin", "lru")
    assert pinned.returncode == 0, pinned.stderr
    test_file = clone / "katas/lru/test_pinned.py"
    assert "assert (" in test_file.read_text()
    run = lambda: subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
                                 cwd=clone / "katas/lru", capture_output=True, text=True, timeout=120)
    assert run().returncode == 1
    assert "already pinned" in grade_in(clone, "pin", "lru").stdout
    kata_file.write_text(LRU.reference.read_text())
    assert run().returncode == 0
    assert "Nothing to pin" in grade_in(clone, "pin", "lru").stdout


def test_the_save_watcher_wakes_on_a_save_and_times_out_otherwise(tmp_path):
    kata = catalog.Kata(name="demo", title="", difficulty="easy", minutes=1, topic="", levels=("x",), gated=False,
                        asyncio=False)
    folder = tmp_path / "katas" / "demo"
    folder.mkdir(parents=True)
    (folder / "demo.py").write_text("x = 1\n")
    (folder / "other.py").write_text("")
    watcher = SaveWatcher()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalog, "KATAS_DIR", tmp_path / "katas")
        assert watcher(kata, 0.2) is False
        threading.Timer(0.3, lambda: (folder / "other.py").write_text("y = 2\n")).start()
        assert watcher(kata, 0.2) is False and watcher(kata, 0.2) is False  # another file is not the kata
        threading.Timer(0.2, lambda: (folder / "demo.py").write_text("x = 2\n")).start()
        deadline = time.monotonic() + 5
        while not watcher(kata, 0.2):
            assert time.monotonic() < deadline, "the save was never seen"


def test_the_warm_grader_matches_a_cold_grade_and_survives_a_crashing_solution(tmp_path):
    crashing = tmp_path / "lru.py"
    crashing.write_text(LRU.reference.read_text().replace("    def put(self, key: Hashable, value: Any) -> None:\n",
                                                          "    def put(self, key: Hashable, value: Any) -> None:\n"
                                                          "        import os; os._exit(3)\n"))
    with WarmGrader() as warm:
        first = warm.grade(LRU, LRU.reference)
        crashed = warm.grade(LRU, crashing)
        after = warm.grade(LRU, LRU.work_file)
    assert (first.score, first.status) == (100, Status.PASSED)
    assert crashed.score < 100 and any(t.status.value == "crashed" for t in crashed.tests)
    assert after.status is Status.NOT_STARTED


def test_a_standby_child_reads_the_file_as_saved_when_the_run_starts(tmp_path):
    """The warm worker's standbys start pytest early, but must import the user's file only at go time."""
    target = tmp_path / "lru.py"
    target.write_text(LRU.work_file.read_text())
    with WarmGrader() as warm:
        before = warm.grade(LRU, target)
        time.sleep(1.5)  # the standbys for this file are forked and waiting
        target.write_text(LRU.reference.read_text())
        after = warm.grade(LRU, target)
        target.write_text(LRU.reference.read_text().replace(*GET_FORGETS_RECENCY))
        broken = warm.grade(LRU, target)
    assert before.status is Status.NOT_STARTED
    assert (after.score, after.status) == (100, Status.PASSED)
    assert "test_get_refreshes_recency" in [t.id for t in broken.tests if t.status.value == "failed"]


class FakeWarmGrader:
    """Grades by looking at the file: the reference's text scores 100, anything else 0."""

    def __init__(self) -> None:
        self.graded = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None

    def cancel(self):
        return None

    def grade(self, kata, target):
        from grader.report import LevelScore, Report

        self.graded.append(kata.name)
        solved = Path(target).read_text() == kata.reference.read_text()
        score = 100 if solved else 0
        return Report(kata=kata.name, file=str(target), seed=0, status=Status.PASSED if solved else Status.NOT_STARTED,
                      score=score, duration_s=0.1, levels=[LevelScore(1, "one", score, score, 100)])


def solved_report(kata):
    from grader.report import LevelScore, Report

    return Report(kata=kata.name, file="x.py", seed=0, status=Status.PASSED, score=100, duration_s=0.1,
                  levels=[LevelScore(1, "one", 100, 100, 100)])


def fake_saves(saves_left: list[int]):
    """A SaveWatcher that reports a save on the given calls and Ctrl-C when they run out."""

    class Watcher:
        calls = 0

        def __call__(self, kata, timeout):
            Watcher.calls += 1
            if not saves_left:
                raise KeyboardInterrupt
            if saves_left[0] != Watcher.calls:
                return False
            saves_left.pop(0)
            return True

    return Watcher


@pytest.fixture
def sessions(monkeypatch):
    from grader.cli.commands import practice

    monkeypatch.setattr(practice, "WarmGrader", FakeWarmGrader)
    return practice


def test_a_practice_session_that_is_interrupted_is_recorded_with_its_attempts(sessions, monkeypatch):
    monkeypatch.setattr(sessions, "SaveWatcher", fake_saves([2, 3]))
    result = invoke("practice", "lru", "--minutes", "5", "--interview")
    assert result.exit_code == 0, result.output
    assert "practice session: interrupted" in result.output
    store = History()
    (session,) = store.sessions()
    assert (session.kind, session.katas, session.minutes, session.interview, session.outcome) == (
        "practice", ["lru"], 5.0, True, "interrupted")
    attempts = store.attempts("lru")
    assert [a.mode for a in attempts] == ["practice"] * 3 and all(a.session_id == session.id for a in attempts)
    assert all(a.elapsed_s is not None for a in attempts)


def test_watch_records_regrades_without_session_times(sessions, monkeypatch):
    monkeypatch.setattr(sessions, "SaveWatcher", fake_saves([1]))
    result = invoke("watch", "lru")
    assert result.exit_code == 0 and "watch session: interrupted" in result.output
    assert [(a.mode, a.elapsed_s) for a in History().attempts("lru")] == [("watch", None), ("watch", None)]


def test_a_mock_round_picks_unsolved_katas_and_summarises_them(sessions, monkeypatch):
    monkeypatch.setattr(sessions, "SaveWatcher", fake_saves([]))
    *done, left = KATA_NAMES
    for name in done:
        solved(name)
    result = invoke("mock", "--minutes", "90")
    assert result.exit_code == 0, result.output
    assert "mock session" in result.output and left in result.output  # the only unsolved kata
    assert History().sessions()[-1].katas == [left]


def test_a_session_that_is_not_on_a_terminal_prints_a_line_per_regrade(sessions, monkeypatch):
    monkeypatch.setattr(sessions, "SaveWatcher", fake_saves([2]))
    result = invoke("practice", "lru", "--minutes", "5")
    lines = [line.rstrip() for line in result.output.splitlines()]
    regrades = [line for line in lines if " lru score " in line]
    assert len(regrades) == 2 and all(line[:2].isdigit() and line[2] == ":" for line in regrades)
    assert "practice session: interrupted" in lines  # the summary's title on a line of its own


def test_practice_on_a_file_that_already_scores_100_says_to_reset_first(sessions, monkeypatch):
    monkeypatch.setattr(sessions, "SaveWatcher", fake_saves([]))
    monkeypatch.setattr(FakeWarmGrader, "grade", lambda self, kata, target: solved_report(kata))
    result = invoke("practice", "lru")
    assert result.exit_code == 1 and "already scores 100" in result.output and "grade reset lru" in result.output
    assert History().attempts("lru") == []


def test_grade_hint_on_a_history_that_cannot_be_written_is_one_line(monkeypatch):
    from grader.practice.history import HistoryError

    def read_only(self, kata, available):
        raise HistoryError(f"The history database at {self.path} cannot be written: attempt to write a readonly "
                           "database.")

    monkeypatch.setattr(History, "reveal_hint", read_only)
    result = invoke("hint", "lru")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and "readonly" in result.output


def test_the_history_table_never_cuts_the_date_at_80_columns():
    History().record(Attempt(kata="union_find", at=now_iso(), duration_s=1.0, score=60, status="not_started",
                             levels=[{"level": 1, "points": 6, "max_points": 10}], mode="practice", elapsed_s=1234.0))
    result = runner.invoke(app, ["history"], env={"COLUMNS": "80"}, terminal_width=80)
    from datetime import datetime

    today = datetime.now().astimezone().strftime("%Y-%m-%d")
    assert today in result.output and "…" not in result.output.split("Best per kata")[0]


def test_the_warm_worker_writes_nothing_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with WarmGrader() as warm:
        assert warm.grade(LRU, LRU.reference).score == 100
    assert list(tmp_path.iterdir()) == []


def test_working_folders_of_a_grader_that_died_are_swept_at_the_next_start(tmp_path, monkeypatch):
    import tempfile

    from grader.grading import supervisor

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f"{supervisor.WORKDIR_PREFIX}{dead}-abc"
    alive = tmp_path / f"{supervisor.WORKDIR_PREFIX}{os.getpid()}-abc"
    for folder in (stale, alive):
        folder.mkdir()
    supervisor.sweep_stale_workdirs()
    assert not stale.exists() and alive.exists()


def test_the_live_views_fit_80_columns_and_a_long_message_never_pushes_the_panel_off_the_screen():
    from rich.console import Console

    from grader.cli import render
    from grader.practice.loop import KataRun, SessionState
    from grader.protocol import TestStarted
    from grader.report import LevelScore, Report, TestResult, TestStatus

    failing = TestResult(id="test_get_refreshes_recency", level=1, points=10, status=TestStatus.FAILED,
                         message="KeyError: " + "x" * 3000)
    report = Report(kata="lru", file="x.py", seed=0, status=Status.FAILED, score=40, duration_s=1.0,
                    levels=[LevelScore(1, "one", 40, 4, 10)], tests=[failing])
    state = SessionState("practice", [KataRun(LRU, report=report, regrades=1, grading=True)], 0.0, 25, False)
    console = Console(width=80, record=True, file=open(os.devnull, "w"))
    console.print(render.LiveSession(state, lambda: 60.0))
    panel = console.export_text().splitlines()
    assert len(panel) <= 11 and all(len(line) <= 80 for line in panel)  # however long the message
    assert "grading your save" in panel[2] and "24:00 left" in panel[1]
    progress = render.GradingProgress(LRU, [object()] * 11)
    progress.on_event(TestStarted("test_get_refreshes_recency"))
    console.print(progress)
    assert console.export_text().strip() == "grading lru  0/11 tests  get refreshes recency"
