"""``advisor ask`` and ``advisor suggest``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape

from advisor.answers.models import Answer
from advisor.cli.app import app, err_console, fail, handle_errors
from advisor.cli.jsonlines import emit, open_batch, run_batch
from advisor.cli.knowledge import open_advisor, source_titles
from advisor.config import get_settings
from advisor.errors import InputError
from advisor.plan.profile import BusinessProfile, load_profile
from advisor.retrieval.retriever import normalize_query
from advisor.runtime import Advisor

out = Console(highlight=False, soft_wrap=True)
prose = Console(highlight=False)
SESSION_HELP = "Use the facts of this interview session (see `advisor chat`)."
PROFILE_HELP = "Use the facts of this business profile file (YAML or JSON)."


def _profile(advisor: Advisor, session: str | None, profile: Path | None) -> BusinessProfile | None:
    if session and profile:
        raise InputError("give --session or --profile, not both")
    if session:
        return advisor.sessions.get(session).profile
    if profile:
        return load_profile(profile)
    return None


def print_answer(answer: Answer, titles: dict[str, str] | None = None) -> None:
    if answer.notice:
        err_console.print(f"[yellow]note:[/] {escape(answer.notice)}", highlight=False)
    prose.print(Markdown(answer.answer))
    if answer.citations:
        out.print("\n[bold]Sources[/]")
        for c in answer.citations:
            quote = c.quote if len(c.quote) <= 160 else c.quote[:157] + "..."
            doc = (titles or {}).get(c.source, c.source)
            out.print(
                f"[cyan]\\[{c.n}][/] {escape(c.section)} [dim]({escape(doc)})[/]\n    “{escape(quote)}”"
            )
    if answer.suggested_questions:
        out.print("\n[bold]You could also ask[/]")
        for q in answer.suggested_questions:
            out.print(f"  • {escape(q)}")


@app.command()
@handle_errors
def ask(
    question: Annotated[str | None, typer.Argument(help="Your question, in your own words.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer object as JSON.")] = False,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help='JSON-lines file of {"id", "question"} objects ("-" for stdin).'),
    ] = None,
    session: Annotated[str | None, typer.Option("--session", help=SESSION_HELP)] = None,
    profile: Annotated[Path | None, typer.Option("--profile", help=PROFILE_HELP)] = None,
) -> None:
    """Answer a question with cited guidance from the knowledge base.

    Manipulative or discriminatory requests are refused with the rule, the reason and an ethical
    alternative. Prioritisation questions get the strategy engine's computed STRIVE table.
    """
    if batch is not None and question is not None:
        raise fail("give either a QUESTION or --batch FILE, not both")
    if batch is None:
        if question is None:
            raise fail("give a QUESTION, or --batch FILE (see --help)")
        normalize_query(question)
        advisor = open_advisor()
        answer = advisor.answers.ask(question, profile=_profile(advisor, session, profile))
        if as_json:
            emit(answer.model_dump())
        else:
            print_answer(answer, source_titles(advisor))
        return
    if not as_json:
        raise fail("--batch writes JSON lines: add --json")
    stream = open_batch(batch)
    advisor = open_advisor()
    facts = _profile(advisor, session, profile)
    bad = run_batch(
        stream,
        lambda q: advisor.answers.ask(q, profile=facts).model_dump(),
        lambda error: err_console.print(f"[red]skipped[/] {escape(error)}", highlight=False),
    )
    if bad:
        raise fail(f"{bad} line(s) of {batch} could not be used (see the error objects above)")


@app.command()
@handle_errors
def suggest(
    session: Annotated[str | None, typer.Option("--session", help=SESSION_HELP)] = None,
    profile: Annotated[Path | None, typer.Option("--profile", help=PROFILE_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Suggest questions worth asking, personalised with your goal, data and team."""
    advisor = Advisor(get_settings(), use_chat_model=False)
    questions = advisor.answers.suggestions(_profile(advisor, session, profile))
    if as_json:
        emit({"suggested_questions": questions})
        return
    for i, q in enumerate(questions, start=1):
        single_line = re.sub(r"\s+", " ", q)
        out.print(f"{i}. {escape(single_line)}")
