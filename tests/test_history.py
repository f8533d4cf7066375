"""The practice history: round trips, migrations, and the failure paths that must never lose a result."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from datetime import datetime, timedelta, timezone

import pytest

from grader.practice import history as history_module
from grader.practice.history import SCHEMA_VERSION, Attempt, History, HistoryError


def attempt(kata="lru", score=50, at="2026-11-20T10:00:00+00:00", **extra) -> Attempt:
    return Attempt(kata=kata, at=at, duration_s=0.8, score=score, status="failed" if score < 100 else "passed",
                   levels=[{"level": 1, "points": score, "max_points": 100}], **extra)


def test_attempts_round_trip_oldest_first(tmp_path):
    store = History(tmp_path)
    store.record(attempt(score=100, at="2026-11-21T10:00:00+00:00", elapsed_s=300.0))
    store.record(attempt(score=40, at="2026-11-20T10:00:00+00:00"))
    store.record(attempt(kata="trie", score=10))
    assert [a.score for a in store.attempts("lru")] == [40, 100]
    assert store.attempts("lru")[1] == attempt(score=100, at="2026-11-21T10:00:00+00:00", elapsed_s=300.0)
    assert len(store.attempts()) == 3


def test_a_new_database_is_created_at_the_current_schema_version(tmp_path):
    store = History(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.path.is_file()


def test_an_empty_database_from_before_any_schema_is_migrated(tmp_path):
    sqlite3.connect(tmp_path / history_module.DB_NAME).close()
    store = History(tmp_path)
    store.record(attempt())
    assert store.schema_version == SCHEMA_VERSION and len(store.attempts()) == 1


def test_a_database_from_a_newer_grader_is_refused_with_a_clear_message(tmp_path):
    connection = sqlite3.connect(tmp_path / history_module.DB_NAME)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(HistoryError, match="newer katas"):
        History(tmp_path).attempts()


def test_a_damaged_database_keeps_the_result_in_a_file_and_imports_it_later(tmp_path):
    store = History(tmp_path)
    store.path.write_bytes(b"this is not a database" * 100)
    message = " ".join(store.record_or_keep(attempt(score=77)))
    assert "damaged" in message and str(store.unsaved_path) in message
    assert store.unsaved_path.is_file()
    store.path.unlink()  # the user moves the damaged file away, as the message says
    store.record(attempt(score=90))
    assert [a.score for a in store.attempts()] == [77, 90]
    assert not store.unsaved_path.exists()


def test_a_locked_database_keeps_the_result_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(history_module, "LOCK_WAIT_S", 0.05)
    store = History(tmp_path)
    store.record(attempt())
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        message = " ".join(store.record_or_keep(attempt(score=12)))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert "locked" in message and "saved to" in message
    store.record(attempt(score=13))
    assert [a.score for a in store.attempts()] == [50, 12, 13]


def test_a_failed_write_changes_nothing(tmp_path):
    store = History(tmp_path)
    store.record(attempt())

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with store._transaction() as connection:
            history_module._insert_attempt(connection, attempt(score=99))
            raise Boom
    assert [a.score for a in store.attempts()] == [50]


def test_hints_are_revealed_one_at_a_time_and_never_past_the_last(tmp_path):
    store = History(tmp_path)
    assert store.hints_used("lru") == 0
    assert [store.reveal_hint("lru", 2) for _ in range(3)] == [1, 2, 2]
    assert store.hints_used("lru") == 2 and store.hints_used("trie") == 0


def test_an_interview_session_is_running_until_it_ends_or_its_time_is_up(tmp_path):
    store = History(tmp_path)
    started = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
    session = store.start_session("practice", ["lru"], 30, interview=True, started_at=started.isoformat())
    assert store.open_interview_session(now=started + timedelta(minutes=10)).id == session
    assert store.open_interview_session(now=started + timedelta(minutes=31)) is None
    store.end_session(session, "solved")
    assert store.open_interview_session(now=started + timedelta(minutes=10)) is None


def test_the_data_folder_can_be_moved_with_an_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(history_module.DATA_DIR_ENV, str(tmp_path / "profile-b"))
    assert History().path == tmp_path / "profile-b" / history_module.DB_NAME


def test_a_truncated_line_in_the_fallback_file_is_set_aside_with_a_warning_and_nothing_is_lost(tmp_path):
    store = History(tmp_path)
    store.record(attempt(score=1))
    good = json.dumps(asdict(attempt(score=2)))
    store.unsaved_path.write_text(good + "\n" + good[:40] + "\n")  # a crash cut the second line short
    warnings = store.record(attempt(score=3))
    assert [a.score for a in store.attempts()] == [1, 2, 3]
    assert len(warnings) == 1 and "set aside" in warnings[0]
    assert (tmp_path / (history_module.UNSAVED_NAME + ".damaged")).read_text() == good[:40] + "\n"
    assert not store.unsaved_path.exists()
    assert store.record(attempt(score=4)) == []


def test_when_the_data_folder_cannot_be_written_the_result_is_kept_per_profile_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    blocked, other = History(tmp_path / "blocked"), History(tmp_path / "other")
    (tmp_path / "blocked").write_text("a file where the folder should be")
    message = " ".join(blocked.record_or_keep(attempt(score=5)))
    kept = blocked.fallback_paths[1]
    assert str(kept) in message and kept.is_file() and kept != other.fallback_paths[1]
    (tmp_path / "blocked").unlink()
    blocked.record(attempt(score=6))
    assert [a.score for a in blocked.attempts()] == [5, 6] and not kept.exists()
    assert other.attempts() == []


def test_an_empty_data_dir_variable_counts_as_unset(monkeypatch):
    monkeypatch.setenv(history_module.DATA_DIR_ENV, "")
    assert history_module.data_dir() != Path("")
    assert history_module.data_dir().is_absolute()


def test_an_interview_session_whose_process_is_gone_locks_nothing(tmp_path):
    store = History(tmp_path)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    started = datetime.now(timezone.utc)
    store.start_session("practice", ["lru"], 60, interview=True, started_at=started.isoformat(), pid=int(gone))
    assert store.open_interview_session() is None
    running = store.start_session("practice", ["lru"], 60, interview=True, started_at=started.isoformat())
    assert store.open_interview_session().id == running
