"""``advisor chat``: the interview in a terminal, or as a JSON-lines protocol for scripts."""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape

from advisor.cli.app import app, err_console, handle_errors
from advisor.cli.jsonlines import emit
from advisor.cli.knowledge import open_advisor, source_titles
from advisor.errors import InputError
from advisor.interview.service import ChatService
from advisor.interview.state import Turn

console = Console(highlight=False)


def _start_or_resume(chat: ChatService, session: str | None) -> Turn:
    if session and chat.store.exists(session):
        return chat.resume(session)
    turn = chat.start(session)
    if session:
        err_console.print(f"started a new session {session}", highlight=False)
    return turn


def _message_of(line: str) -> str:
    """A stdin line is the message itself, or a JSON object with a "text" field."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            data: Any = json.loads(stripped)
        except json.JSONDecodeError:
            return stripped
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            return str(data["text"])
    return stripped


def _json_protocol(chat: ChatService, session: str | None) -> None:
    turn = _start_or_resume(chat, session)
    sid = turn.session_id or ""
    emit(turn.model_dump())
    stdin = sys.stdin.buffer
    for number, raw in enumerate(stdin, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            emit({"session_id": sid, "error": f"line {number}: not UTF-8 text"})
            continue
        try:
            emit(chat.send(sid, _message_of(text)).model_dump())
        except InputError as exc:
            emit({"session_id": sid, "error": f"line {number}: {exc}"})


def _show(turn: Turn, titles: dict[str, str]) -> None:
    console.print()
    console.print(Markdown(turn.message))
    if turn.citations:
        for c in turn.citations:
            console.print(
                f"  [dim]\\[{c.n}] {escape(c.section)} ({escape(titles.get(c.source, c.source))})[/]"
            )
    if turn.quick_replies:
        # lettered, not numbered: "3" at the team question is three people, not the third option
        options = "   ".join(
            f"[cyan]{chr(96 + i)}[/] {escape(r)}" for i, r in enumerate(turn.quick_replies, start=1)
        )
        console.print(f"\n  {options}")
    p = turn.plan_progress
    bar = "█" * p.filled + "░" * (p.total - p.filled)
    console.print(f"\n  [dim]plan {bar} {p.filled}/{p.total}[/]")


def _interactive(chat: ChatService, session: str | None, advisor_data: str, titles: dict[str, str]) -> None:
    turn = _start_or_resume(chat, session)
    sid = turn.session_id or ""
    console.print(f"[dim]session {sid} — type /quit to leave (resume with --session {sid})[/]")
    _show(turn, titles)
    while True:
        try:
            text = console.input("\n[bold green]you>[/] ")
        except (EOFError, KeyboardInterrupt):
            break
        if text.strip() in {"/quit", "/exit"}:
            break
        text = _with_choice(text, turn.quick_replies)
        try:
            turn = chat.send(sid, text)
        except InputError as exc:
            err_console.print(f"[red]{escape(str(exc))}[/]")
            continue
        _show(turn, titles)
        if turn.plan_complete and turn.plan_markdown:
            path = f"{advisor_data}/plans/{sid}.md"
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(turn.plan_markdown, encoding="utf-8")
            console.print(f"  [bold]Plan saved to {path}[/]")
    console.print(f"[dim]bye — resume with: advisor chat --session {sid}[/]")


@app.command()
@handle_errors
def chat(
    session: Annotated[
        str | None, typer.Option("--session", help="Resume this session (or start one with this id).")
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="JSON lines: greeting turn first, then one turn per stdin line; ends at EOF."
        ),
    ] = False,
) -> None:
    """Let the advisor interview you and build your Strategic AI Action Plan.

    --json speaks a JSON-lines protocol: the first stdout line is the greeting turn; each stdin line is
    one message (plain text, or {"text": "..."}); each answer is one turn object per stdout line,
    flushed. A bad line gets {"error": ...} and the session goes on. When the plan is complete the turn
    has plan_complete: true, the plan and its Markdown.
    """
    advisor = open_advisor()
    if as_json:
        _json_protocol(advisor.chat, session)
    else:
        _interactive(advisor.chat, session, str(advisor.settings.data_dir), source_titles(advisor))


# "c", "c.", "c) actually hang on, it's 3 of us": the lettered choice, then whatever follows it
_CHOICE = re.compile(r"^\s*([a-z])(?:\s*$|[.)](?!\S)\s*)(.*)$", re.IGNORECASE | re.DOTALL)


def _with_choice(text: str, choices: list[str]) -> str:
    """A letter typed for one of the suggested replies, as the reply it stands for."""
    found = _CHOICE.match(text)
    if not found or not choices or not "a" <= found.group(1).lower() < chr(97 + len(choices)):
        return text
    choice, rest = choices[ord(found.group(1).lower()) - 97], found.group(2).strip()
    return f"{choice}. {rest}" if rest else choice
