"""``advisor sessions``: delete one session or purge the old ones (privacy and retention)."""

from __future__ import annotations

from typing import Annotated

import typer

from advisor.cli.app import app, err_console, fail, handle_errors
from advisor.config import get_settings
from advisor.sessions.factory import open_store
from advisor.sessions.retention import parse_age, retention

sessions_app = typer.Typer(help="Delete chat sessions: one on request, or all older than the retention.")
app.add_typer(sessions_app, name="sessions")


@sessions_app.command("purge")
@handle_errors
def purge(
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than",
            help="Delete sessions untouched for longer than this (30d, 12h, 2w). "
            "Default: ADVISOR_SESSION_RETENTION_DAYS.",
        ),
    ] = None,
) -> None:
    """Delete every session (state and transcript) untouched for longer than an age."""
    settings = get_settings()
    age = parse_age(older_than) if older_than else retention(settings.session_retention_days)
    if age is None:
        raise fail("retention is off (ADVISOR_SESSION_RETENTION_DAYS=0): give --older-than", 2)
    store = open_store(settings)
    try:
        removed = store.purge(age)
    finally:
        store.close()
    err_console.print(f"deleted {removed} session(s) untouched for more than {age}", highlight=False)


@sessions_app.command("delete")
@handle_errors
def delete(session_id: Annotated[str, typer.Argument(help="The session to delete.")]) -> None:
    """Delete one session and its transcript."""
    store = open_store(get_settings())
    try:
        store.delete(session_id)
    finally:
        store.close()
    err_console.print(f"deleted session {session_id}", highlight=False)
