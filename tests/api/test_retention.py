"""The server deletes sessions past ADVISOR_SESSION_RETENTION_DAYS when it starts (then hourly)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api.app import create_app
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.sessions.models import NewMessage
from advisor.sessions.sqlite import SqliteSessionStore
from tests.api.conftest import make_advisor

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("days", [30, 0])
def test_sessions_past_retention_are_deleted_at_start_up(
    tmp_path: Path, knowledge_base: KnowledgeBase, days: int
) -> None:
    data_dir = tmp_path / "data"
    store = SqliteSessionStore.in_data_dir(data_dir)
    old = store.create({}, [NewMessage(role="advisor", text="hi")]).id
    new = store.create({}).id
    with sqlite3.connect(store.path) as db:  # untouched since 2020
        db.execute("UPDATE sessions SET updated_at = '2020-01-01T00:00:00+00:00' WHERE id = ?", (old,))
    app = create_app(make_advisor(data_dir, knowledge_base, session_retention_days=days))
    with TestClient(app, base_url="http://127.0.0.1"):
        deadline = time.monotonic() + 10
        while store.exists(old) and days and time.monotonic() < deadline:
            time.sleep(0.05)
        if not days:
            time.sleep(0.5)  # time enough for a purge that should not happen
        assert store.exists(old) == (days == 0)  # 0 keeps every session
        assert store.exists(new)
