"""The session store interface. Two implementations: SQLite (WAL, embedded, the default) and PostgreSQL
(``ADVISOR_DATABASE_URL``), chosen by ``advisor.sessions.factory.open_store``.

A turn is atomic: ``turn()`` holds the session (a row lock, or a cross-process lock plus a version
check), the caller computes, and ``commit()`` writes every transcript entry and the new state in one
transaction. Concurrent messages to one session therefore apply one after the other, across threads,
processes and machines, and a crash leaves either the whole turn or none of it.
Text is stored as given: callers redact personal data before it gets here.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from advisor.sessions.models import Message, NewMessage, Session, Snapshot


class TurnWriter(Protocol):
    """A session held for one turn: read ``session``, then ``commit`` once."""

    @property
    def session(self) -> Session: ...

    def commit(self, state: dict[str, Any], messages: Sequence[NewMessage]) -> Session:
        """The turn's messages and new state, written in one transaction when the turn ends without an
        exception (nothing is written otherwise); returns the session as it will be."""
        ...


class SessionStore(Protocol):
    def create(
        self,
        state: dict[str, Any] | None = None,
        messages: Sequence[NewMessage] = (),
        session_id: str | None = None,
    ) -> Session:
        """A new session with its first messages (one transaction)."""
        ...

    def get(self, session_id: str) -> Session: ...

    def exists(self, session_id: str) -> bool: ...

    def transcript(self, session_id: str) -> list[Message]: ...

    def snapshot(self, session_id: str) -> Snapshot:
        """The session and its transcript from one consistent read."""
        ...

    def turn(self, session_id: str) -> AbstractContextManager[TurnWriter]:
        """Hold the session for one turn (other turns on it wait); NotFoundError when unknown."""
        ...

    def delete(self, session_id: str) -> None:
        """Remove the session and its transcript; NotFoundError when unknown."""
        ...

    def purge(self, older_than: timedelta) -> int:
        """Delete sessions untouched for longer than ``older_than``; returns how many."""
        ...

    def close(self) -> None: ...


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
