"""Section-aware, token-bounded chunking with overlap.

A chunk never crosses a section boundary. Blocks (paragraphs, bullet items, tables) are packed whole
while they fit; a block larger than the bound is split at sentence boundaries. The next chunk starts
with the trailing blocks/sentences of the previous one, up to ``overlap_tokens``. Every chunk is a
contiguous span of the cleaned document text, so ``doc.text[char_start:char_end] == chunk.text``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from advisor.knowledge.corpus import StructuredDocument
from advisor.knowledge.structure import Section
from advisor.parsing.sentences import split_sentences
from advisor.providers.tokens import count_tokens


class Chunk(BaseModel):
    """One retrievable passage of the corpus."""

    id: str = Field(description="Stable id: document id + hash of section path and text.")
    doc_id: str = Field(description="Id of the document the chunk comes from.")
    title: str = Field(description="Readable title of that document.")
    source: str = Field(description="File name of the source document under knowledge/corpus/.")
    section: str = Field(description="Section path, levels joined with ' › '.")
    ordinal: int = Field(ge=0, description="Position of the chunk within its document.")
    text: str = Field(description="The passage, verbatim from the cleaned document text.")
    token_count: int = Field(ge=1, description="cl100k_base tokens in text.")
    char_start: int = Field(ge=0, description="Start of the passage in the cleaned document text.")
    char_end: int = Field(ge=0, description="End (exclusive) of the passage in the cleaned text.")

    @property
    def search_text(self) -> str:
        """What the retrievers index: the section path carries the heading's words."""
        return f"{self.section}\n{self.text}"

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store."""
        return self.model_dump(exclude={"id", "text"})


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int


def chunk_id(doc_id: str, section: str, text: str) -> str:
    digest = hashlib.sha256(f"{doc_id}\x1f{section}\x1f{text}".encode()).hexdigest()[:16]
    return f"{doc_id}:{digest}"


def _split_sentences(text: str, start: int, end: int) -> list[_Unit]:
    """Sentences of ``text[start:end]`` by the project's one splitter ("vs.", "e.g." never end one)."""
    spans = split_sentences(text[start:end])
    return [_Unit(start + s.start, start + s.end) for s in spans] or [_Unit(start, end)]


def _split_words(text: str, unit: _Unit, max_tokens: int) -> list[_Unit]:
    """Last resort for a sentence longer than the bound: greedy word groups."""
    pieces: list[_Unit] = []
    start = unit.start
    last_fit = start
    for match in re.finditer(r"\S+", text[unit.start : unit.end]):
        end = unit.start + match.end()
        if count_tokens(text[start:end]) > max_tokens and last_fit > start:
            pieces.append(_Unit(start, last_fit))
            start = unit.start + match.start()
        last_fit = end
    pieces.append(_Unit(start, unit.end))
    return pieces


def _units(text: str, section: Section, max_tokens: int) -> list[_Unit]:
    units: list[_Unit] = []
    for block in section.blocks:
        whole = _Unit(block.start, block.end)
        if count_tokens(text[block.start : block.end]) <= max_tokens:
            units.append(whole)
            continue
        for sentence in _split_sentences(text, block.start, block.end):
            if count_tokens(text[sentence.start : sentence.end]) <= max_tokens:
                units.append(sentence)
            else:
                units.extend(_split_words(text, sentence, max_tokens))
    return units


def _pack(text: str, units: list[_Unit], max_tokens: int, overlap_tokens: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    current: list[_Unit] = []
    fresh = 0  # units in `current` that are not overlap from the previous chunk

    def span_tokens(group: list[_Unit]) -> int:
        return count_tokens(text[group[0].start : group[-1].end])

    for unit in units:
        if current and span_tokens([*current, unit]) > max_tokens:
            if fresh:
                spans.append((current[0].start, current[-1].end))
            carried: list[_Unit] = []
            for previous in reversed(current):
                if span_tokens([previous, *carried]) > overlap_tokens:
                    break
                carried.insert(0, previous)
            while carried and span_tokens([*carried, unit]) > max_tokens:
                carried.pop(0)
            current, fresh = carried, 0
        current.append(unit)
        fresh += 1
    if current and fresh:
        spans.append((current[0].start, current[-1].end))
    return spans


def chunk_document(doc: StructuredDocument, *, max_tokens: int, overlap_tokens: int) -> list[Chunk]:
    """All chunks of one document, in reading order."""
    chunks: list[Chunk] = []
    for section in doc.sections:
        for start, end in _pack(doc.text, _units(doc.text, section, max_tokens), max_tokens, overlap_tokens):
            passage = doc.text[start:end]
            chunks.append(
                Chunk(
                    id=chunk_id(doc.id, section.name, passage),
                    doc_id=doc.id,
                    title=doc.title,
                    source=doc.source,
                    section=section.name,
                    ordinal=len(chunks),
                    text=passage,
                    token_count=count_tokens(passage),
                    char_start=start,
                    char_end=end,
                )
            )
    return chunks


def chunk_corpus(documents: list[StructuredDocument], *, max_tokens: int, overlap_tokens: int) -> list[Chunk]:
    """Chunks of every document; ids are unique (a repeated passage in one section is dropped)."""
    seen: set[str] = set()
    result: list[Chunk] = []
    for doc in documents:
        for chunk in chunk_document(doc, max_tokens=max_tokens, overlap_tokens=overlap_tokens):
            if chunk.id not in seen:
                seen.add(chunk.id)
                result.append(chunk)
    return result
