"""The sentence units of every chunk with their vectors, computed at ingest and stored beside the chunks.

A second Chroma collection (``<chunk collection>-units-v<UNITS_VERSION>``) holds one record per unit
(advisor/knowledge/units.py): its vector (the unit embedded with its section path), its display text
and where it sits in its chunk. Ingest embeds the units of new chunks only and deletes those of
removed chunks, so this collection follows the chunk collection incrementally; changing how units are
cut (a new UNITS_VERSION) starts a new collection and drops the old one. A Chroma server shares it
between workers like the chunks.

At start-up every unit and its vector is read into memory (a few hundred rows, no model call and no
sentence splitting), so the first question costs what any other does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from advisor.knowledge.chunking import Chunk
from advisor.knowledge.units import UNITS_VERSION, UnitKind, UnitSpan, split_units
from advisor.providers.embeddings import Embedder
from advisor.retrieval.store import Metadata, VectorStore

logger = logging.getLogger(__name__)
EMBED_BATCH = 64


@dataclass(frozen=True)
class StoredUnit:
    """A unit and the chunk it comes from."""

    chunk_id: str
    section: str
    span: UnitSpan


@dataclass
class UnitMatrix:
    """Every unit of the index in memory, with its vector (rows of ``vectors``, unit length)."""

    units: list[StoredUnit]
    vectors: np.ndarray
    rows_of: dict[str, list[int]] = field(default_factory=dict)  # chunk id → rows in reading order

    def __post_init__(self) -> None:
        for row, unit in enumerate(self.units):
            self.rows_of.setdefault(unit.chunk_id, []).append(row)
        for rows in self.rows_of.values():
            rows.sort(key=lambda r: self.units[r].span.index)

    def __len__(self) -> int:
        return len(self.units)


def context_text(section: str, span: UnitSpan) -> str:
    """What a unit is embedded as: its section path and, inside a list item, the item's title."""
    inner = f"{span.title}: " if span.title and not span.head else ""
    return f"{section}: {inner}{span.display}"


def _metadata(chunk: Chunk, span: UnitSpan) -> Metadata:
    return {
        "chunk_id": chunk.id, "section": chunk.section, "index": span.index, "start": span.start,
        "end": span.end, "kind": span.kind, "block": span.block, "item": span.item, "head": span.head,
        "lead_in": span.lead_in, "title": span.title,
    }  # fmt: skip


def _span(meta: Metadata, display: str, chunk_text: str) -> UnitSpan:
    start, end = int(meta["start"]), int(meta["end"])
    kind: UnitKind = meta["kind"]
    return UnitSpan(
        index=int(meta["index"]), start=start, end=end, text=chunk_text[start:end], kind=kind,
        block=int(meta["block"]), item=int(meta["item"]), head=bool(meta["head"]),
        lead_in=bool(meta["lead_in"]), title=str(meta["title"]), display=display,
    )  # fmt: skip


class SentenceIndex:
    """The unit collection that goes with one chunk collection."""

    def __init__(self, client: Any, chunk_collection: str) -> None:
        self.prefix = f"{chunk_collection}-units-v"
        self.store = VectorStore(client, f"{self.prefix}{UNITS_VERSION}")
        self._client = client

    def stored_chunks(self) -> set[str]:
        return {str(m["chunk_id"]) for m in self.store.metadata_by_id().values()}

    def is_current(self, chunk_ids: set[str]) -> bool:
        return self.stored_chunks() == chunk_ids

    def pending(self, chunks: Sequence[Chunk]) -> list[tuple[Chunk, UnitSpan]]:
        """Delete the units of chunks no longer wanted; return the units of chunks not stored yet."""
        self._drop_old_versions()
        stored = self.store.metadata_by_id()
        wanted = {c.id for c in chunks}
        self.store.delete(sorted(i for i, m in stored.items() if m.get("chunk_id") not in wanted))
        have = {str(m["chunk_id"]) for m in stored.values()}
        return [(c, span) for c in chunks if c.id not in have for span in split_units(c.text)]

    def embed(
        self,
        todo: Sequence[tuple[Chunk, UnitSpan]],
        embedder: Embedder,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Embed and store these units; returns how many."""
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start : start + EMBED_BATCH]
            vectors = embedder.embed_documents([context_text(c.section, s) for c, s in batch])
            self.store.put(
                [f"{c.id}#{s.index}" for c, s in batch],
                vectors,
                [s.display for _, s in batch],
                [_metadata(c, s) for c, s in batch],
            )
            if progress:
                progress(start + len(batch))
        return len(todo)

    def sync(self, chunks: Sequence[Chunk], embedder: Embedder) -> int:
        """Bring the units in line with ``chunks``; returns how many units were embedded."""
        return self.embed(self.pending(chunks), embedder)

    def load(self, chunks: dict[str, Chunk]) -> UnitMatrix:
        """Every stored unit of these chunks, with its vector (units of other chunks are skipped)."""
        _, documents, metas, matrix = self.store.records()
        keep = [i for i, m in enumerate(metas) if str(m.get("chunk_id")) in chunks]
        units = [
            StoredUnit(
                str(metas[i]["chunk_id"]),
                str(metas[i]["section"]),
                _span(metas[i], documents[i], chunks[str(metas[i]["chunk_id"])].text),
            )
            for i in keep
        ]
        vectors = matrix[keep] if keep else np.zeros((0, 1), dtype=np.float32)
        logger.info("loaded %d sentence units of %d chunks", len(units), len(chunks))
        return UnitMatrix(units, vectors)

    def reset(self) -> None:
        self.store.reset()

    def _drop_old_versions(self) -> None:
        try:
            names = [getattr(c, "name", c) for c in self._client.list_collections()]
        except Exception:  # listing is best effort: an old collection left behind only costs disk
            return
        for name in names:
            if str(name).startswith(self.prefix) and name != self.store.name:
                logger.info("dropping the sentence units of an older version: %s", name)
                try:
                    self._client.delete_collection(name)
                except Exception:  # another worker dropped it first
                    logger.debug("could not drop %s", name)
