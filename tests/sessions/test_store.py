from __future__ import annotations

import threading
from pathlib import Path

import pytest

from advisor.errors import NotFoundError
from advisor.sessions.store import SessionStore


def test_sessions_survive_a_reopen(tmp_path: Path) -> None:
    store = SessionStore.in_data_dir(tmp_path)
    session = store.create({"profile": {"niche": "tea"}})
    store.append(session.id, "user", "hello")
    store.append(session.id, "advisor", "hi", {"message": "hi"})
    again = SessionStore.in_data_dir(tmp_path)
    assert again.get(session.id).profile.niche == "tea"
    assert [(m.seq, m.role, m.text) for m in again.transcript(session.id)] == [
        (1, "user", "hello"),
        (2, "advisor", "hi"),
    ]
    assert again.transcript(session.id)[1].payload == {"message": "hi"}


def test_unknown_sessions_are_not_found(tmp_path: Path) -> None:
    store = SessionStore.in_data_dir(tmp_path)
    for call in (
        lambda: store.get("nope"),
        lambda: store.append("nope", "user", "x"),
        lambda: store.save_state("nope", {}),
    ):
        with pytest.raises(NotFoundError):
            call()


def test_concurrent_appends_do_not_corrupt_a_session(tmp_path: Path) -> None:
    store = SessionStore.in_data_dir(tmp_path)
    session = store.create()
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(25):
                store.append(session.id, "user", f"{n}-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    messages = store.transcript(session.id)
    assert [m.seq for m in messages] == list(range(1, 201))
    assert len({m.text for m in messages}) == 200
