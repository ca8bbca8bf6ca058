"""Sessions in one SQLite file (WAL) under the data dir: the embedded default, shared by the CLI, the
API and every worker process on the machine.

A turn holds a per-session lock that spans processes (``SessionLocks`` over a lock folder beside the
database), then commits messages and state in one ``BEGIN IMMEDIATE`` transaction guarded by a version
check, so even a writer that skipped the lock could not overwrite a newer turn. Every call opens its
own connection, so the store is safe to share between threads.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from advisor.errors import NotFoundError, ServiceError
from advisor.sessions.locks import SessionLocks
from advisor.sessions.models import Message, NewMessage, Session, Snapshot
from advisor.sessions.store import iso, now

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    payload TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE INDEX IF NOT EXISTS sessions_updated_at ON sessions(updated_at);
"""
SESSION_COLUMNS = "id, created_at, updated_at, version, state"


def _session(row: tuple[Any, ...]) -> Session:
    return Session(id=row[0], created_at=row[1], updated_at=row[2], version=row[3], state=json.loads(row[4]))


def _message(row: tuple[Any, ...]) -> Message:
    payload = json.loads(row[3]) if row[3] else None
    return Message(seq=row[0], role=row[1], text=row[2], payload=payload, created_at=row[4])


class SqliteSessionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.locks = SessionLocks(path.parent / f"{path.stem}.locks")
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")  # persistent: readers never wait for the writer
            db.executescript(SCHEMA)
        with self._write() as db:
            columns = {row[1] for row in db.execute("PRAGMA table_info(sessions)")}
            if "version" not in columns:  # stores written before turns were versioned
                db.execute("ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0")

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> SqliteSessionStore:
        return cls(data_dir / "sessions.sqlite3")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise ServiceError(f"cannot open the session store {self.path}: {exc}") from exc
        try:
            yield db
        except sqlite3.Error as exc:
            raise ServiceError(f"session store error: {exc}") from exc
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same committed state (WAL snapshot)."""
        with self._connect() as db:
            db.execute("BEGIN")
            try:
                yield db
            finally:
                db.execute("COMMIT")

    @staticmethod
    def _append(db: sqlite3.Connection, session_id: str, messages: Sequence[NewMessage], at: str) -> None:
        seq = db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE session_id = ?", (session_id,)
        ).fetchone()[0]
        db.executemany(
            "INSERT INTO messages (session_id, seq, role, text, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    session_id,
                    seq + i,
                    m.role,
                    m.text,
                    json.dumps(m.payload) if m.payload is not None else None,
                    at,
                )
                for i, m in enumerate(messages, start=1)
            ],
        )

    def create(
        self,
        state: dict[str, Any] | None = None,
        messages: Sequence[NewMessage] = (),
        session_id: str | None = None,
    ) -> Session:
        sid = session_id or uuid.uuid4().hex
        at = iso(now())
        with self._write() as db:
            if db.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone():
                raise ServiceError(f"session {sid} already exists")
            db.execute(
                "INSERT INTO sessions (id, created_at, updated_at, version, state) VALUES (?, ?, ?, 0, ?)",
                (sid, at, at, json.dumps(state or {})),
            )
            self._append(db, sid, messages, at)
        return Session(id=sid, created_at=at, updated_at=at, state=state or {})

    def get(self, session_id: str) -> Session:
        with self._connect() as db:
            row = db.execute(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"unknown session: {session_id}")
        return _session(row)

    def exists(self, session_id: str) -> bool:
        with self._connect() as db:
            return db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is not None

    def snapshot(self, session_id: str) -> Snapshot:
        with self._read() as db:
            row = db.execute(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"unknown session: {session_id}")
            rows = db.execute(
                "SELECT seq, role, text, payload, created_at FROM messages WHERE session_id = ? ORDER BY seq",
                (session_id,),
            ).fetchall()
        return Snapshot(session=_session(row), transcript=[_message(r) for r in rows])

    def transcript(self, session_id: str) -> list[Message]:
        return self.snapshot(session_id).transcript

    @contextmanager
    def turn(self, session_id: str) -> Iterator[_SqliteTurn]:
        with self.locks.hold(session_id):
            held = _SqliteTurn(self.get(session_id))
            yield held
            if held.pending is not None:  # the turn ended without an exception: write it
                self.commit(held.original, *held.pending)

    def commit(self, session: Session, state: dict[str, Any], messages: Sequence[NewMessage]) -> Session:
        at = iso(now())
        with self._write() as db:
            updated = db.execute(
                "UPDATE sessions SET state = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                (json.dumps(state), at, session.id, session.version),
            ).rowcount
            if not updated:
                if db.execute("SELECT 1 FROM sessions WHERE id = ?", (session.id,)).fetchone() is None:
                    raise NotFoundError(f"unknown session: {session.id}")
                raise ServiceError("this conversation changed meanwhile", hint="send the message again")
            self._append(db, session.id, messages, at)
        return session.model_copy(update={"state": state, "updated_at": at, "version": session.version + 1})

    def delete(self, session_id: str) -> None:
        with self._write() as db:
            if not db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount:
                raise NotFoundError(f"unknown session: {session_id}")

    def purge(self, older_than: timedelta) -> int:
        with self._write() as db:
            return int(
                db.execute("DELETE FROM sessions WHERE updated_at < ?", (iso(now() - older_than),)).rowcount
            )

    def close(self) -> None:
        """Nothing to release: every call opens and closes its own connection."""


class _SqliteTurn:
    """Collects the turn's writes; ``turn()`` commits them in one transaction when the turn ends."""

    def __init__(self, session: Session) -> None:
        self.original = session
        self.pending: tuple[dict[str, Any], Sequence[NewMessage]] | None = None

    @property
    def session(self) -> Session:
        return self.original

    def commit(self, state: dict[str, Any], messages: Sequence[NewMessage]) -> Session:
        self.pending = (state, list(messages))
        return self.original.model_copy(update={"state": state, "version": self.original.version + 1})
