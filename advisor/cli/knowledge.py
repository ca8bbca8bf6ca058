"""``advisor ingest`` and ``advisor retrieve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from advisor.cli.app import app, err_console, fail, handle_errors
from advisor.cli.jsonlines import emit, open_batch, run_batch
from advisor.cli.progress import embedding_progress
from advisor.config import get_settings
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.retrieval.retriever import Hit, normalize_query
from advisor.runtime import Advisor

out = Console(highlight=False, soft_wrap=True)


def source_titles(advisor: Advisor) -> dict[str, str]:
    """Corpus file name → the document's title, so citations name documents the way owners read them."""
    return {c.source: c.title for c in advisor.kb.retriever.chunks.values() if c.title}


def open_advisor(*, use_chat_model: bool = True) -> Advisor:
    """The advisor with its index built (and a progress bar) the first time it is needed."""
    advisor = Advisor(get_settings(), use_chat_model=use_chat_model)
    with embedding_progress("Building the index") as progress:
        report = advisor.kb.ensure_ready(progress)
    if report is not None:
        err_console.print(
            f"indexed {report.chunks} chunks from {report.documents} documents in {report.seconds:.1f}s",
            highlight=False,
        )
    return advisor


def open_knowledge_base() -> KnowledgeBase:
    return open_advisor().kb


@app.command()
@handle_errors
def ingest(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop the index and embed every chunk again.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Clean, chunk and index the corpus (knowledge/corpus/*.txt).

    Incremental: unchanged chunks are not re-embedded, changed ones are replaced, removed ones deleted.
    """
    kb = KnowledgeBase(get_settings())
    with embedding_progress() as progress:
        report = kb.ingest(rebuild=rebuild, progress=progress)
    if as_json:
        emit(report.model_dump())
        return
    out.print(
        f"[bold]{report.documents}[/] documents, [bold]{report.chunks}[/] chunks, "
        f"[bold]{report.tokens}[/] tokens in [bold]{report.seconds:.2f}s[/]\n"
        f"embedded {report.embedded}, unchanged {report.unchanged}, deleted {report.deleted}, "
        f"metadata updated {report.metadata_updated}  (collection {report.collection})"
    )


def _print_hits(query: str, hits: list[Hit]) -> None:
    out.print(f"[bold]{query}[/]")
    for rank, hit in enumerate(hits, start=1):
        excerpt = hit.text if len(hit.text) <= 300 else hit.text[:297] + "..."
        out.print(
            f"\n[bold cyan]{rank}. {hit.section}[/]  [dim]{hit.source} · {hit.chunk_id} · {hit.score:.4f}[/]"
        )
        out.print(f"   {excerpt}")


@app.command()
@handle_errors
def retrieve(
    query: Annotated[str | None, typer.Argument(help="The question to search the corpus for.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many passages to return.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (one line per query).")] = False,
    batch: Annotated[
        Path | None,
        typer.Option("--batch", help='JSON-lines file of {"id", "question"} objects ("-" for stdin).'),
    ] = None,
) -> None:
    """Show the passages of the corpus that best answer a question (hybrid dense + BM25 search)."""
    if batch is not None and query is not None:
        raise fail("give either a QUERY or --batch FILE, not both")
    if batch is None:
        if query is None:
            raise fail("give a QUERY, or --batch FILE (see --help)")
        normalize_query(query)  # refuse empty or oversized input before loading anything
        kb = open_knowledge_base()
        hits = kb.retrieve(query, k)
        if as_json:
            emit({"query": query, "hits": [h.model_dump(exclude={"title"}) for h in hits]})
        else:
            _print_hits(query, hits)
        return
    if not as_json:
        raise fail("--batch writes JSON lines: add --json")
    stream = open_batch(batch)
    kb = open_knowledge_base()
    bad = run_batch(
        stream,
        lambda question: {"hits": [h.model_dump(exclude={"title"}) for h in kb.retrieve(question, k)]},
        lambda error: err_console.print(f"[red]skipped[/] {error}", highlight=False),
    )
    if bad:
        raise fail(f"{bad} line(s) of {batch} could not be used (see the error objects above)")


__all__ = ["ingest", "retrieve"]
