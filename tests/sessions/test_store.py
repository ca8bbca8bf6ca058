"""The session store contract, on SQLite (embedded) and on a real PostgreSQL server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.errors import NotFoundError
from advisor.sessions.factory import open_store
from advisor.sessions.models import NewMessage
from advisor.sessions.sqlite import SqliteSessionStore
from advisor.sessions.store import SessionStore


def _settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path)
    return Settings(data_dir=tmp_path, database_url=request.getfixturevalue("postgres_url"))


@pytest.fixture(params=["sqlite", "postgres"])
def settings_for(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return _settings(request, tmp_path)


@pytest.fixture
def store(settings_for: Settings) -> Iterator[SessionStore]:
    store = open_store(settings_for)
    yield store
    store.close()


def _say(role: str, text: str, **payload: object) -> NewMessage:
    return NewMessage(role=role, text=text, payload=payload or None)


def test_sessions_survive_a_reopen(settings_for: Settings) -> None:
    store = open_store(settings_for)
    session = store.create({"profile": {"niche": "tea"}}, [_say("advisor", "hi", message="hi")])
    with store.turn(session.id) as held:
        held.commit({"profile": {"niche": "green tea"}}, [_say("user", "hello"), _say("advisor", "noted")])
    store.close()
    again = open_store(settings_for)
    assert again.get(session.id).profile.niche == "green tea" and again.get(session.id).version == 1
    assert [(m.seq, m.role, m.text) for m in again.transcript(session.id)] == [
        (1, "advisor", "hi"),
        (2, "user", "hello"),
        (3, "advisor", "noted"),
    ]
    assert again.transcript(session.id)[0].payload == {"message": "hi"}
    again.close()


def test_unknown_sessions_are_not_found(store: SessionStore) -> None:
    with pytest.raises(NotFoundError):
        store.get("nope")
    with pytest.raises(NotFoundError):
        store.snapshot("nope")
    with pytest.raises(NotFoundError):
        store.delete("nope")
    with pytest.raises(NotFoundError), store.turn("nope"):
        pass
    assert not store.exists("nope")


def test_a_failed_turn_writes_nothing(store: SessionStore) -> None:
    session = store.create({"n": 0})
    with pytest.raises(ValueError), store.turn(session.id) as held:
        held.commit({"n": 1}, [_say("user", "half")])
        raise ValueError("the turn failed after writing")
    snapshot = store.snapshot(session.id)
    assert snapshot.session.state == {"n": 0} and snapshot.session.version == 0 and snapshot.transcript == []


def test_concurrent_turns_apply_one_after_the_other(store: SessionStore) -> None:
    """Eight threads × ten read-modify-write turns on one session: no update lost, no interleaving."""
    session = store.create({"count": 0})
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(10):
                with store.turn(session.id) as held:
                    count = held.session.state["count"]
                    held.commit(
                        {"count": count + 1},
                        [_say("user", f"{n}-{i}"), _say("advisor", f"count {count + 1}")],
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    snapshot = store.snapshot(session.id)
    assert snapshot.session.state == {"count": 80} and snapshot.session.version == 80
    assert [m.seq for m in snapshot.transcript] == list(range(1, 161))
    assert [m.role for m in snapshot.transcript] == ["user", "advisor"] * 80
    assert [m.text for m in snapshot.transcript[1::2]] == [f"count {i}" for i in range(1, 81)]


def test_two_stores_on_one_database_serialise_turns(settings_for: Settings) -> None:
    """Two store objects stand for two worker processes sharing the database."""
    first, second = open_store(settings_for), open_store(settings_for)
    session = first.create({"count": 0})

    def worker(store: SessionStore) -> None:
        for _ in range(15):
            with store.turn(session.id) as held:
                held.commit({"count": held.session.state["count"] + 1}, [_say("user", "x")])

    threads = [threading.Thread(target=worker, args=(s,)) for s in (first, second, first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert second.get(session.id).state == {"count": 60}
    first.close()
    second.close()


def test_delete_and_purge(store: SessionStore) -> None:
    old, new = store.create({"a": 1}, [_say("advisor", "hi")]), store.create({"b": 2})
    store.delete(old.id)
    assert not store.exists(old.id) and store.exists(new.id)
    with pytest.raises(NotFoundError):
        store.transcript(old.id)
    assert store.purge(timedelta(days=30)) == 0
    assert store.purge(timedelta(seconds=-5)) == 1  # everything is "older" than five seconds from now
    assert not store.exists(new.id)


def test_an_old_sqlite_store_gains_versions(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "sessions.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE sessions (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL);"
            "INSERT INTO sessions VALUES ('s1', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00', '{}');"
        )
    store = SqliteSessionStore(path)
    assert store.get("s1").version == 0
    with store.turn("s1") as held:
        held.commit({"x": 1}, [_say("user", "hi")])
    assert store.get("s1").version == 1
