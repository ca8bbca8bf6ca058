"""Session store: one SQLite file (WAL) under the data dir, shared by the CLI and the API.

Writes take an immediate transaction, so concurrent requests to one session serialise instead of
interleaving; every call opens its own connection, so the store is safe to share between threads.
Text is stored as given: callers redact personal data before it gets here.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from advisor.errors import NotFoundError, ServiceError
from advisor.plan.profile import BusinessProfile

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
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
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Message(BaseModel):
    seq: int
    role: str = Field(description="'user' or 'advisor'.")
    text: str
    payload: dict[str, Any] | None = Field(None, description="The turn object for advisor messages.")
    created_at: str


class Session(BaseModel):
    id: str
    created_at: str
    updated_at: str
    state: dict[str, Any] = Field(default_factory=dict)

    @property
    def profile(self) -> BusinessProfile:
        return BusinessProfile.model_validate(self.state.get("profile", {}))


class SessionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> SessionStore:
        return cls(data_dir / "sessions.sqlite3")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise ServiceError(f"cannot open the session store {self.path}: {exc}") from exc
        try:
            db.execute("PRAGMA foreign_keys=ON")
            yield db
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

    def create(self, state: dict[str, Any] | None = None, session_id: str | None = None) -> Session:
        sid = session_id or uuid.uuid4().hex
        now = _now()
        with self._write() as db:
            if db.execute("SELECT 1 FROM sessions WHERE id = ?", (sid,)).fetchone():
                raise ServiceError(f"session {sid} already exists")
            db.execute(
                "INSERT INTO sessions (id, created_at, updated_at, state) VALUES (?, ?, ?, ?)",
                (sid, now, now, json.dumps(state or {})),
            )
        return Session(id=sid, created_at=now, updated_at=now, state=state or {})

    def get(self, session_id: str) -> Session:
        with self._connect() as db:
            row = db.execute(
                "SELECT id, created_at, updated_at, state FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"unknown session: {session_id}")
        return Session(id=row[0], created_at=row[1], updated_at=row[2], state=json.loads(row[3]))

    def exists(self, session_id: str) -> bool:
        with self._connect() as db:
            return db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is not None

    def save_state(self, session_id: str, state: dict[str, Any]) -> None:
        with self._write() as db:
            updated = db.execute(
                "UPDATE sessions SET state = ?, updated_at = ? WHERE id = ?",
                (json.dumps(state), _now(), session_id),
            ).rowcount
        if not updated:
            raise NotFoundError(f"unknown session: {session_id}")

    def append(self, session_id: str, role: str, text: str, payload: dict[str, Any] | None = None) -> int:
        """Add a message; returns its sequence number."""
        with self._write() as db:
            if not db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                raise NotFoundError(f"unknown session: {session_id}")
            seq = db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO messages (session_id, seq, role, text, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, seq, role, text, json.dumps(payload) if payload is not None else None, _now()),
            )
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (_now(), session_id))
        return int(seq)

    def transcript(self, session_id: str) -> list[Message]:
        self.get(session_id)
        with self._connect() as db:
            rows = db.execute(
                "SELECT seq, role, text, payload, created_at FROM messages WHERE session_id = ? ORDER BY seq",
                (session_id,),
            ).fetchall()
        return [
            Message(
                seq=r[0], role=r[1], text=r[2], payload=json.loads(r[3]) if r[3] else None, created_at=r[4]
            )
            for r in rows
        ]
