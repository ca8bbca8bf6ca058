"""Load the corpus (``knowledge/corpus/*.txt`` + ``knowledge/corpus.yaml``) as structured documents."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from advisor.errors import InputError
from advisor.knowledge.cleaning import clean_text
from advisor.knowledge.structure import Section, display_heading, is_heading, parse_sections

logger = logging.getLogger(__name__)

MANIFEST = "corpus.yaml"


@dataclass(frozen=True)
class DocumentSpec:
    """What the manifest says of one corpus file."""

    file: str
    id: str
    title: str
    part_pattern: str | None = None


@dataclass
class StructuredDocument:
    """A cleaned corpus document with its sections."""

    id: str
    title: str
    source: str
    text: str
    sections: list[Section]
    removed_popups: list[str]
    raw_sha256: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "document"


def read_manifest(knowledge_dir: Path) -> dict[str, DocumentSpec]:
    """Manifest entries keyed by file name; an absent manifest is an empty one."""
    path = knowledge_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = data.get("documents", [])
        return {
            e["file"]: DocumentSpec(
                file=e["file"], id=e["id"], title=e["title"], part_pattern=e.get("part_pattern")
            )
            for e in entries
        }
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path} is malformed: {exc}") from exc


def _derived_spec(path: Path, cleaned: str) -> DocumentSpec:
    lines = [line for line in cleaned.split("\n") if line.strip()]
    title = next(
        (display_heading(a) for a, b in zip(lines, [*lines[1:], None], strict=True) if is_heading(a, b)),
        path.stem,
    )
    return DocumentSpec(file=path.name, id=_slug(path.stem), title=title)


def load_document(path: Path, spec: DocumentSpec | None = None) -> StructuredDocument:
    """Read, clean and structure one corpus file."""
    try:
        raw_bytes = path.read_bytes()
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text") from exc
    cleaned = clean_text(raw)
    spec = spec or _derived_spec(path, cleaned.text)
    sections = parse_sections(cleaned.text, title=spec.title, part_pattern=spec.part_pattern)
    return StructuredDocument(
        id=spec.id,
        title=spec.title,
        source=path.name,
        text=cleaned.text,
        sections=sections,
        removed_popups=cleaned.removed_popups,
        raw_sha256=hashlib.sha256(raw_bytes).hexdigest(),
    )


def load_corpus(knowledge_dir: Path) -> list[StructuredDocument]:
    """Every ``corpus/*.txt`` under ``knowledge_dir``, in file-name order."""
    corpus_dir = knowledge_dir / "corpus"
    files = sorted(corpus_dir.glob("*.txt"))
    if not files:
        raise InputError(f"no corpus documents found in {corpus_dir}")
    manifest = read_manifest(knowledge_dir)
    documents = [load_document(path, manifest.get(path.name)) for path in files]
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            raise InputError(f"two corpus documents share the id {doc.id!r}")
        seen.add(doc.id)
    logger.debug("loaded %d corpus documents", len(documents))
    return documents
