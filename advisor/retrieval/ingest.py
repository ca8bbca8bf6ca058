"""Incremental ingest: the corpus is chunked, and only new chunks (and their sentence units) are embedded.

Chunk ids are content hashes (document, section path, text), so the collection itself is the
content-hash ledger: an id already stored is unchanged and is not re-embedded, an id no longer produced
by the corpus is deleted, and an unchanged chunk whose position moved gets its metadata updated.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from pydantic import BaseModel, Field

from advisor.config import Settings
from advisor.knowledge.chunking import Chunk, chunk_corpus
from advisor.knowledge.corpus import load_corpus
from advisor.providers.embeddings import Embedder
from advisor.retrieval.sentences import SentenceIndex
from advisor.retrieval.store import VectorStore

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while chunks are embedded."""

EMBED_BATCH = 32


class IngestReport(BaseModel):
    """What one ingest did."""

    documents: int = Field(description="Corpus documents read.")
    chunks: int = Field(description="Chunks the corpus produces now.")
    tokens: int = Field(description="Tokens in those chunks.")
    embedded: int = Field(description="Chunks embedded in this run (new or changed).")
    unchanged: int = Field(description="Chunks already in the index, not re-embedded.")
    deleted: int = Field(description="Chunks removed because the corpus no longer produces them.")
    metadata_updated: int = Field(description="Unchanged chunks whose position metadata was refreshed.")
    sentences_embedded: int = Field(
        0, description="Sentence units embedded in this run (those of new or changed chunks)."
    )
    seconds: float = Field(description="Wall-clock time of the run.")
    collection: str = Field(description="Chroma collection name.")


def corpus_chunks(settings: Settings) -> tuple[int, list[Chunk]]:
    """(number of documents, chunks) the corpus produces with the current settings."""
    documents = load_corpus(settings.knowledge_dir)
    chunks = chunk_corpus(
        documents, max_tokens=settings.chunk_max_tokens, overlap_tokens=settings.chunk_overlap_tokens
    )
    return len(documents), chunks


def plan_changes(
    chunks: list[Chunk], stored: dict[str, dict[str, object]]
) -> tuple[list[Chunk], list[str], list[Chunk]]:
    """(chunks to embed, ids to delete, chunks whose metadata changed)."""
    wanted = {c.id for c in chunks}
    to_embed = [c for c in chunks if c.id not in stored]
    to_delete = sorted(i for i in stored if i not in wanted)
    to_update = [c for c in chunks if c.id in stored and stored[c.id] != c.metadata()]
    return to_embed, to_delete, to_update


def ingest(
    settings: Settings,
    store: VectorStore,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    sentences: SentenceIndex | None = None,
) -> IngestReport:
    """Bring the collection (and its sentence units) in line with the corpus, embedding only what changed."""
    started = time.perf_counter()
    n_docs, chunks = corpus_chunks(settings)
    if rebuild:
        store.reset()
        if sentences is not None:
            sentences.reset()
    to_embed, to_delete, to_update = plan_changes(chunks, store.metadata_by_id())
    store.delete(to_delete)
    store.update_metadata(to_update)
    units = sentences.pending(chunks) if sentences is not None else []
    total = len(to_embed) + len(units)
    if progress:
        progress(0, total)
    for start in range(0, len(to_embed), EMBED_BATCH):
        batch = to_embed[start : start + EMBED_BATCH]
        store.upsert(batch, embedder.embed_documents([c.search_text for c in batch]))
        if progress:
            progress(start + len(batch), total)
    if sentences is not None:
        on_units = (lambda done: progress(len(to_embed) + done, total)) if progress else None
        sentences.embed(units, embedder, on_units)
    report = IngestReport(
        documents=n_docs,
        chunks=len(chunks),
        tokens=sum(c.token_count for c in chunks),
        embedded=len(to_embed),
        unchanged=len(chunks) - len(to_embed),
        deleted=len(to_delete),
        metadata_updated=len(to_update),
        sentences_embedded=len(units),
        seconds=round(time.perf_counter() - started, 3),
        collection=store.name,
    )
    logger.info("ingest: %s", report.model_dump())
    return report


def index_is_current(settings: Settings, store: VectorStore, sentences: SentenceIndex | None = None) -> bool:
    """True when the collection holds exactly the chunks the corpus produces now (and their units)."""
    _, chunks = corpus_chunks(settings)
    to_embed, to_delete, to_update = plan_changes(chunks, store.metadata_by_id())
    if to_embed or to_delete or to_update:
        return False
    return sentences is None or sentences.is_current({c.id for c in chunks})
