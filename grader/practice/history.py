"""Practice history: graded attempts, hints used and timed sessions, kept in SQLite.

The database lives in the platform's user data folder (platformdirs), or in $KATAS_DATA_DIR, which
tests and several profiles use. Its schema is versioned with PRAGMA user_version and migrated in
one transaction. When the database cannot be written (damaged, locked, read-only), an attempt is
appended to a JSON-lines file beside it instead, and imported on the next successful write, so a
result is never lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

DATA_DIR_ENV = "KATAS_DATA_DIR"
DB_NAME = "history.sqlite3"
UNSAVED_NAME = "unsaved-attempts.jsonl"
LOCK_WAIT_S = 2.0

# MIGRATIONS[n] takes a database from version n to n + 1. Append, never edit.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        kata TEXT NOT NULL,
        at TEXT NOT NULL,
        duration_s REAL NOT NULL,
        score INTEGER NOT NULL,
        status TEXT NOT NULL,
        levels TEXT NOT NULL,
        hints_used INTEGER NOT NULL,
        file_hash TEXT NOT NULL,
        mode TEXT NOT NULL,
        elapsed_s REAL,
        session_id INTEGER REFERENCES sessions(id)
    );
    CREATE INDEX attempts_by_kata ON attempts (kata, at);
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        katas TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        minutes REAL,
        interview INTEGER NOT NULL,
        outcome TEXT
    );
    CREATE TABLE hints (
        kata TEXT PRIMARY KEY,
        revealed INTEGER NOT NULL
    );
    """,
    # 2: the process that runs a session, so a killed session never locks interview mode for its whole length.
    """
    ALTER TABLE sessions ADD COLUMN pid INTEGER;
    ALTER TABLE sessions ADD COLUMN pid_started TEXT
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryError(Exception):
    """The history cannot be read or written; the message says why and what to do, in one sentence."""


@dataclass
class Attempt:
    kata: str
    at: str
    """ISO 8601, UTC."""
    duration_s: float
    score: int
    status: str
    levels: list[dict] = field(default_factory=list)
    hints_used: int = 0
    file_hash: str = ""
    mode: str = "grade"
    """grade, watch, practice or mock."""
    elapsed_s: float | None = None
    """Time into the timed session when this attempt was graded; None outside sessions."""
    session_id: int | None = None

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)


@dataclass
class SessionRecord:
    id: int
    kind: str
    katas: list[str]
    started_at: str
    ended_at: str | None
    minutes: float | None
    interview: bool
    outcome: str | None
    pid: int | None = None
    """The process running the session, and when it started (a pid alone may be reused)."""
    pid_started: str | None = None


def process_started(pid: int) -> str | None:
    """When a process started, in the kernel's clock ticks since boot (Linux); None if it does not exist.

    Together with the pid it names one process for good: a pid can be reused, not with the same start time.
    """
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        if not sys.platform.startswith("linux"):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return None
            except PermissionError:
                return ""
            return ""
        return None
    return stat.rsplit(")", 1)[-1].split()[19]


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def data_dir() -> Path:
    """$KATAS_DATA_DIR, or the platform's user data folder. An empty KATAS_DATA_DIR counts as unset."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("katas", appauthor=False))


class History:
    def __init__(self, folder: Path | None = None):
        self.folder = folder if folder is not None else data_dir()
        self.path = self.folder / DB_NAME
        self.unsaved_path = self.folder / UNSAVED_NAME

    # -- connection and schema -------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=LOCK_WAIT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"Cannot open the history database at {self.path}: {exc}.") from exc
        try:
            connection.execute("BEGIN IMMEDIATE")
            self._migrate(connection)
            yield connection
            connection.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            _rollback(connection)
            if "locked" in str(exc) or "busy" in str(exc):
                raise HistoryError(f"The history database at {self.path} is locked by another grade process.") from exc
            raise HistoryError(f"The history database at {self.path} cannot be written: {exc}.") from exc
        except sqlite3.DatabaseError as exc:
            _rollback(connection)
            raise HistoryError(f"The history database at {self.path} is damaged ({exc}). Move it away and a new "
                               "one will be started; nothing was changed.") from exc
        except BaseException:
            _rollback(connection)
            raise
        finally:
            connection.close()

    def _migrate(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(f"The history database at {self.path} was written by a newer katas "
                               f"(schema {version}, this one knows {SCHEMA_VERSION}): update the grader.")
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    connection.execute(statement)
        if version != SCHEMA_VERSION:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def check(self) -> None:
        """Open (and migrate) the database now, so a problem with it surfaces before any work is done."""
        with self._transaction():
            pass

    @property
    def schema_version(self) -> int:
        with self._transaction() as connection:
            return connection.execute("PRAGMA user_version").fetchone()[0]

    # -- attempts --------------------------------------------------------------------------------
    def record(self, attempt: Attempt) -> list[str]:
        """Store an attempt, and any attempts an earlier failure kept in a fallback file.

        Returns warnings (one sentence each) about fallback lines that could not be read: they are set
        aside in a file of their own, never lost and never fatal.
        """
        warnings: list[str] = []
        pending: list[tuple[Path, list[Attempt]]] = []
        for path in self.fallback_paths:
            kept, damaged = _read_kept(path)
            if damaged:
                aside = path.with_name(path.name + ".damaged")
                with aside.open("a", encoding="utf-8") as handle:
                    handle.writelines(line + "\n" for line in damaged)
                warnings.append(f"{len(damaged)} damaged line(s) of {path} could not be read and were set aside "
                                f"in {aside}.")
            if kept or damaged:
                pending.append((path, kept))
        with self._transaction() as connection:
            for _, kept in pending:
                for earlier in kept:
                    _insert_attempt(connection, earlier)
            _insert_attempt(connection, attempt)
        for path, _ in pending:
            path.unlink(missing_ok=True)
        return warnings

    def record_or_keep(self, attempt: Attempt) -> list[str]:
        """Record the attempt; if the database cannot take it, keep it in a fallback file. Returns what to tell
        the user, one sentence each."""
        try:
            return self.record(attempt)
        except HistoryError as exc:
            kept = self._keep(attempt)
            return [f"{exc} Your result was saved to {kept} and will be added once the database works again."]

    @property
    def fallback_paths(self) -> tuple[Path, Path]:
        """Where attempts wait when the database cannot take them: beside it, or, when its folder cannot be
        written, in the temporary folder under a name of this profile's own (both are read back)."""
        profile = hashlib.sha256(str(self.folder.resolve()).encode()).hexdigest()[:12]
        user = os.getuid() if hasattr(os, "getuid") else "user"
        return self.unsaved_path, Path(tempfile.gettempdir()) / f"katas-{user}-{profile}-{UNSAVED_NAME}"

    def _keep(self, attempt: Attempt) -> Path:
        line = (json.dumps(asdict(attempt)) + "\n").encode("utf-8")
        for path in self.fallback_paths:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # One write of one whole line, flushed to the disk: a crash leaves at most that line cut short.
                descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    os.write(descriptor, line)
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
                return path
            except OSError:
                continue
        raise HistoryError("Neither the history database nor a fallback file could be written.")

    def attempts(self, kata: str | None = None) -> list[Attempt]:
        """Oldest first."""
        query = "SELECT kata, at, duration_s, score, status, levels, hints_used, file_hash, mode, elapsed_s, " \
                "session_id FROM attempts"
        with self._transaction() as connection:
            rows = (connection.execute(query + " WHERE kata = ? ORDER BY at, id", (kata,)) if kata
                    else connection.execute(query + " ORDER BY at, id")).fetchall()
        return [Attempt(*row[:5], json.loads(row[5]), *row[6:]) for row in rows]

    # -- hints -----------------------------------------------------------------------------------
    def hints_used(self, kata: str) -> int:
        with self._transaction() as connection:
            row = connection.execute("SELECT revealed FROM hints WHERE kata = ?", (kata,)).fetchone()
        return row[0] if row else 0

    def reveal_hint(self, kata: str, available: int) -> int:
        """Count one more hint as used (never past `available`); return how many are now revealed."""
        with self._transaction() as connection:
            row = connection.execute("SELECT revealed FROM hints WHERE kata = ?", (kata,)).fetchone()
            revealed = min(available, (row[0] if row else 0) + 1)
            connection.execute("INSERT INTO hints (kata, revealed) VALUES (?, ?) "
                               "ON CONFLICT (kata) DO UPDATE SET revealed = excluded.revealed", (kata, revealed))
        return revealed

    # -- sessions --------------------------------------------------------------------------------
    def start_session(self, kind: str, katas: list[str], minutes: float | None, interview: bool,
                      started_at: str | None = None, pid: int | None = None) -> int:
        pid = os.getpid() if pid is None else pid
        with self._transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO sessions (kind, katas, started_at, minutes, interview, pid, pid_started) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, json.dumps(katas), started_at or now_iso(), minutes, int(interview), pid,
                 process_started(pid)))
            return int(cursor.lastrowid)

    def end_session(self, session_id: int, outcome: str, ended_at: str | None = None) -> None:
        with self._transaction() as connection:
            connection.execute("UPDATE sessions SET ended_at = ?, outcome = ? WHERE id = ?",
                               (ended_at or now_iso(), outcome, session_id))

    def sessions(self) -> list[SessionRecord]:
        with self._transaction() as connection:
            rows = connection.execute("SELECT id, kind, katas, started_at, ended_at, minutes, interview, outcome, pid, "
                                      "pid_started FROM sessions ORDER BY started_at, id").fetchall()
        return [SessionRecord(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9])
                for r in rows]

    def open_interview_session(self, now: datetime | None = None) -> SessionRecord | None:
        """An interview-mode session still running: hints and compare stay off until it ends.

        A session whose process was killed (a closed terminal, SIGKILL) never records its end: it counts as
        running only while its process is alive, and never past its time.
        """
        now = now or datetime.now(timezone.utc)
        for session in reversed(self.sessions()):
            if not session.interview or session.ended_at is not None:
                continue
            if session.pid is not None and (session.pid_started is None
                                            or process_started(session.pid) != session.pid_started):
                continue  # its process is gone (or the pid now belongs to another process)
            started = datetime.fromisoformat(session.started_at)
            if session.minutes is None or (now - started).total_seconds() < session.minutes * 60:
                return session
        return None


def _read_kept(path: Path) -> tuple[list[Attempt], list[str]]:
    """The attempts a fallback file holds, and the lines that are not attempts (a write cut short by a crash)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return [], []
    except OSError:
        return [], []
    kept, damaged = [], []
    for line in filter(str.strip, lines):
        try:
            kept.append(Attempt(**json.loads(line)))
        except (ValueError, TypeError):
            damaged.append(line)
    return kept, damaged


def _insert_attempt(connection: sqlite3.Connection, attempt: Attempt) -> None:
    connection.execute(
        "INSERT INTO attempts (kata, at, duration_s, score, status, levels, hints_used, file_hash, mode, "
        "elapsed_s, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (attempt.kata, attempt.at, attempt.duration_s, attempt.score, attempt.status, json.dumps(attempt.levels),
         attempt.hints_used, attempt.file_hash, attempt.mode, attempt.elapsed_s, attempt.session_id))


def _rollback(connection: sqlite3.Connection) -> None:
    try:
        connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # nothing was begun, or the connection is already unusable


def file_hash(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""
