"""`advisor sessions purge --older-than 30d` and `advisor sessions delete ID`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.config import get_settings
from advisor.errors import InputError
from advisor.sessions.models import NewMessage
from advisor.sessions.retention import parse_age
from advisor.sessions.sqlite import SqliteSessionStore

runner = CliRunner()


def _store_with_an_old_and_a_new_session(data_dir: Path) -> tuple[str, str]:
    store = SqliteSessionStore.in_data_dir(data_dir)
    old = store.create({}, [NewMessage(role="advisor", text="hi")]).id
    new = store.create({}).id
    with sqlite3.connect(store.path) as db:  # age one session by 45 days
        db.execute("UPDATE sessions SET updated_at = '2020-01-01T00:00:00+00:00' WHERE id = ?", (old,))
    return old, new


def test_purge_older_than_deletes_only_old_sessions(tmp_path: Path) -> None:
    old, new = _store_with_an_old_and_a_new_session(tmp_path)
    result = runner.invoke(
        app, ["sessions", "purge", "--older-than", "30d"], env={"ADVISOR_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    assert "deleted 1 session" in result.output
    store = SqliteSessionStore.in_data_dir(tmp_path)
    assert not store.exists(old) and store.exists(new)
    with sqlite3.connect(store.path) as db:  # the transcript went with it
        assert db.execute("SELECT COUNT(*) FROM messages WHERE session_id = ?", (old,)).fetchone()[0] == 0


def test_purge_uses_the_retention_setting_and_refuses_when_it_is_off(tmp_path: Path) -> None:
    old, _ = _store_with_an_old_and_a_new_session(tmp_path)
    env = {"ADVISOR_DATA_DIR": str(tmp_path), "ADVISOR_SESSION_RETENTION_DAYS": "0"}
    off = runner.invoke(app, ["sessions", "purge"], env=env)
    assert off.exit_code == 2 and "--older-than" in off.output
    get_settings.cache_clear()  # a new process would read the environment again
    on = runner.invoke(app, ["sessions", "purge"], env={**env, "ADVISOR_SESSION_RETENTION_DAYS": "30"})
    assert on.exit_code == 0 and not SqliteSessionStore.in_data_dir(tmp_path).exists(old)
    bad = runner.invoke(app, ["sessions", "purge", "--older-than", "a month"], env=env)
    assert bad.exit_code == 2 and "30d" in bad.output


def test_delete_one_session(tmp_path: Path) -> None:
    _, new = _store_with_an_old_and_a_new_session(tmp_path)
    env = {"ADVISOR_DATA_DIR": str(tmp_path)}
    assert runner.invoke(app, ["sessions", "delete", new], env=env).exit_code == 0
    missing = runner.invoke(app, ["sessions", "delete", new], env=env)
    assert missing.exit_code == 2 and "unknown session" in missing.output


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30d", 30 * 86400), ("12h", 43200), (" 2W ", 14 * 86400), ("90m", 5400), ("45s", 45)],
)
def test_ages(text: str, seconds: int) -> None:
    assert parse_age(text).total_seconds() == seconds


@pytest.mark.parametrize("text", ["", "30", "d", "-3d", "3 months", "1" * 5000 + "x"])
def test_bad_ages(text: str) -> None:
    with pytest.raises(InputError):
        parse_age(text)
