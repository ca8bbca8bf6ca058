"""Sessions in PostgreSQL (psycopg 3 with a connection pool), for several workers or machines.

Selected by ``ADVISOR_DATABASE_URL=postgresql://...``. A turn opens a transaction and locks the
session's row (``SELECT ... FOR UPDATE``): other turns on that session wait for the commit, which
writes the transcript entries and the new state together. Threads of one process queue on an
in-process lock first, so one busy session holds at most one pooled connection per process.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from advisor.errors import NotFoundError, ServiceError
from advisor.sessions.locks import SessionLocks
from advisor.sessions.models import Message, NewMessage, Session, Snapshot
from advisor.sessions.store import iso

SCHEMA_LOCK = 0x5E55_1075  # advisory lock: two workers starting together create the schema once
SCHEMA = """
CREATE TABLE IF NOT EXISTS advisor_sessions (
    id TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    version BIGINT NOT NULL DEFAULT 0,
    state JSONB NOT NULL
);
CREATE TABLE IF NOT EXISTS advisor_messages (
    session_id TEXT NOT NULL REFERENCES advisor_sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    payload JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, seq)
);
CREATE INDEX IF NOT EXISTS advisor_sessions_updated_at ON advisor_sessions(updated_at);
"""
SESSION_COLUMNS = "id, created_at, updated_at, version, state"


def connection_url(url: str) -> str:
    """Accept SQLAlchemy-style URLs too (postgresql+psycopg://)."""
    scheme, sep, rest = url.partition("://")
    return f"{scheme.split('+')[0]}{sep}{rest}"


def _session(row: tuple[Any, ...]) -> Session:
    return Session(id=row[0], created_at=iso(row[1]), updated_at=iso(row[2]), version=row[3], state=row[4])


class PostgresSessionStore:
    def __init__(self, url: str, *, pool_size: int = 10, timeout: float = 30.0) -> None:
        self.pool = ConnectionPool(
            connection_url(url), min_size=1, max_size=pool_size, timeout=timeout, open=False
        )
        self.locks = SessionLocks(timeout=60.0)
        try:
            self.pool.open(wait=True, timeout=timeout)
        except PoolTimeout as exc:
            self.pool.close()
            raise ServiceError("cannot reach the PostgreSQL session store (ADVISOR_DATABASE_URL)") from exc
        with self._transaction() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            db.execute(SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        try:
            with self.pool.connection() as db, db.transaction():
                yield db
        except PoolTimeout as exc:
            raise ServiceError("the session store is overloaded", hint="try again in a moment") from exc
        except psycopg.Error as exc:
            raise ServiceError(f"session store error: {exc}") from exc

    @staticmethod
    def _append(db: psycopg.Connection[Any], session_id: str, messages: Sequence[NewMessage]) -> None:
        row = db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM advisor_messages WHERE session_id = %s", (session_id,)
        ).fetchone()
        seq = int(row[0]) if row else 0
        with db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO advisor_messages (session_id, seq, role, text, payload) VALUES (%s, %s, %s, %s, %s)",
                [
                    (session_id, seq + i, m.role, m.text, Jsonb(m.payload) if m.payload is not None else None)
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
        with self._transaction() as db:
            row = db.execute(
                "INSERT INTO advisor_sessions (id, state) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING "
                f"RETURNING {SESSION_COLUMNS}",
                (sid, Jsonb(state or {})),
            ).fetchone()
            if row is None:
                raise ServiceError(f"session {sid} already exists")
            self._append(db, sid, messages)
        return _session(row)

    def _get(self, db: psycopg.Connection[Any], session_id: str, lock: bool = False) -> Session:
        row = db.execute(
            f"SELECT {SESSION_COLUMNS} FROM advisor_sessions WHERE id = %s" + (" FOR UPDATE" if lock else ""),
            (session_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"unknown session: {session_id}")
        return _session(row)

    def get(self, session_id: str) -> Session:
        with self._transaction() as db:
            return self._get(db, session_id)

    def exists(self, session_id: str) -> bool:
        with self._transaction() as db:
            return (
                db.execute("SELECT 1 FROM advisor_sessions WHERE id = %s", (session_id,)).fetchone()
                is not None
            )

    def snapshot(self, session_id: str) -> Snapshot:
        with self._transaction() as db:
            db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            session = self._get(db, session_id)
            rows = db.execute(
                "SELECT seq, role, text, payload, created_at FROM advisor_messages WHERE session_id = %s ORDER BY seq",
                (session_id,),
            ).fetchall()
        return Snapshot(
            session=session,
            transcript=[
                Message(seq=r[0], role=r[1], text=r[2], payload=r[3], created_at=iso(r[4])) for r in rows
            ],
        )

    def transcript(self, session_id: str) -> list[Message]:
        return self.snapshot(session_id).transcript

    @contextmanager
    def turn(self, session_id: str) -> Iterator[_PostgresTurn]:
        with self.locks.hold(session_id), self._transaction() as db:
            yield _PostgresTurn(db, self._get(db, session_id, lock=True))

    def delete(self, session_id: str) -> None:
        with self._transaction() as db:
            if not db.execute("DELETE FROM advisor_sessions WHERE id = %s", (session_id,)).rowcount:
                raise NotFoundError(f"unknown session: {session_id}")

    def purge(self, older_than: timedelta) -> int:
        with self._transaction() as db:
            return db.execute(
                "DELETE FROM advisor_sessions WHERE updated_at < now() - %s", (older_than,)
            ).rowcount

    def close(self) -> None:
        self.pool.close()


class _PostgresTurn:
    """The session's row is locked until the surrounding transaction ends."""

    def __init__(self, db: psycopg.Connection[Any], session: Session) -> None:
        self.db = db
        self._session = session

    @property
    def session(self) -> Session:
        return self._session

    def commit(self, state: dict[str, Any], messages: Sequence[NewMessage]) -> Session:
        row = self.db.execute(
            "UPDATE advisor_sessions SET state = %s, updated_at = now(), version = version + 1 "
            f"WHERE id = %s RETURNING {SESSION_COLUMNS}",
            (Jsonb(state), self._session.id),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"unknown session: {self._session.id}")
        PostgresSessionStore._append(self.db, self._session.id, messages)
        self._session = _session(row)
        return self._session
