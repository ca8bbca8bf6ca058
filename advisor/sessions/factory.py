"""Choose the session store from the settings: PostgreSQL when ADVISOR_DATABASE_URL is set, else SQLite."""

from __future__ import annotations

from advisor.config import Settings
from advisor.errors import InputError
from advisor.sessions.sqlite import SqliteSessionStore
from advisor.sessions.store import SessionStore


def open_store(settings: Settings) -> SessionStore:
    if settings.database_url is None:
        return SqliteSessionStore.in_data_dir(settings.data_dir)
    url = settings.database_url.get_secret_value()
    if url.split("://", 1)[0].split("+", 1)[0] not in ("postgresql", "postgres"):
        raise InputError("ADVISOR_DATABASE_URL must be a postgresql:// URL (unset it for SQLite)")
    from advisor.sessions.postgres import PostgresSessionStore  # psycopg loads only when used

    return PostgresSessionStore(url)
