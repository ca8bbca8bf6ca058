"""Resolve curated references (document id, section path, verbatim quote) to corpus chunks.

Curated YAML cites the corpus by quote; at build time each quote is found in the chunk that holds it,
so citations carry real chunk ids without needing the vector index (plans stay fast and deterministic).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from advisor.errors import ServiceError
from advisor.knowledge.chunking import Chunk, chunk_corpus
from advisor.knowledge.corpus import load_corpus


class SourceRef(BaseModel):
    """A passage of the corpus a statement rests on."""

    chunk_id: str = Field(description="Chunk id in the index.")
    source: str = Field(description="Corpus file name.")
    title: str = Field("", description="Readable title of the document (knowledge/corpus.yaml).")
    section: str = Field(description="Section path.")
    quote: str = Field(description="Verbatim text from the chunk.")


class ReferenceResolver:
    """Finds the chunk that holds a quote."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self._by_section: dict[tuple[str, str], list[Chunk]] = {}
        for chunk in chunks:
            self._by_section.setdefault((chunk.doc_id, chunk.section), []).append(chunk)

    def resolve(self, ref: dict[str, Any]) -> SourceRef:
        """``{doc, section, quote}`` → SourceRef; a quote that is not in the corpus is a data error."""
        doc, section, quote = ref["doc"], ref["section"], ref["quote"]
        candidates = self._by_section.get((doc, section), [])
        # a quote split by a chunk boundary: fall back to any chunk of the document holding it
        fallback = (c for c in self.chunks if c.doc_id == doc)
        for chunk in chain(candidates, fallback):
            if quote in chunk.text:
                return SourceRef(
                    chunk_id=chunk.id,
                    source=chunk.source,
                    title=chunk.title,
                    section=chunk.section,
                    quote=quote,
                )
        raise ServiceError(f"curated reference not found in the corpus: {doc} › {section}: {quote[:60]!r}")

    def resolve_all(self, refs: list[dict[str, Any]]) -> list[SourceRef]:
        return [self.resolve(r) for r in refs]


@lru_cache(maxsize=4)
def resolver_for(knowledge_dir: Path, max_tokens: int, overlap_tokens: int) -> ReferenceResolver:
    """One resolver per corpus and chunking setting (chunking the corpus takes ~0.3 s)."""
    chunks = chunk_corpus(load_corpus(knowledge_dir), max_tokens=max_tokens, overlap_tokens=overlap_tokens)
    return ReferenceResolver(chunks)
