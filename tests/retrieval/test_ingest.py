"""Incremental ingest: only new or changed chunks are embedded; removed ones are deleted."""

from __future__ import annotations

from pathlib import Path

from advisor.config import Settings
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.fakes.embedder import HashingEmbedder


def _kb(tmp_path: Path, knowledge: Path, embedder: HashingEmbedder) -> KnowledgeBase:
    return KnowledgeBase(Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge), embedder=embedder)


def test_first_ingest_embeds_everything_and_second_nothing(tmp_path: Path, tiny_knowledge: Path) -> None:
    embedder = HashingEmbedder()
    kb = _kb(tmp_path, tiny_knowledge, embedder)
    first = kb.ingest()
    assert first.documents == 2 and first.chunks == first.embedded == 4
    embedder.embedded.clear()
    second = kb.ingest()
    assert (second.embedded, second.unchanged, second.deleted) == (0, 4, 0)
    assert embedder.embedded == []


def test_state_survives_a_new_process(tmp_path: Path, tiny_knowledge: Path) -> None:
    _kb(tmp_path, tiny_knowledge, HashingEmbedder()).ingest()
    fresh = HashingEmbedder()
    report = _kb(tmp_path, tiny_knowledge, fresh).ingest()
    assert report.embedded == 0 and fresh.embedded == []


def test_changed_added_and_removed_documents(tmp_path: Path, tiny_knowledge: Path) -> None:
    embedder = HashingEmbedder()
    kb = _kb(tmp_path, tiny_knowledge, embedder)
    kb.ingest()
    corpus = tiny_knowledge / "corpus"
    (corpus / "a.txt").write_text(
        (corpus / "a.txt").read_text().replace("Keep it fair.", "Keep it fair and explainable."),
        encoding="utf-8",
    )
    (corpus / "b.txt").unlink()
    (corpus / "c.txt").write_text("Gamma Topic\nVoice commerce needs schema markup.\n", encoding="utf-8")
    embedder.embedded.clear()
    report = kb.ingest()
    assert report.embedded == 2  # the changed pricing chunk and the new document
    assert report.deleted == 3  # the old pricing chunk and both chunks of b.txt
    assert report.unchanged == 1
    assert any("explainable" in text for text in embedder.embedded)
    stored = {c.text for c in kb.store.chunks()}
    assert not any("Demand forecasting" in t for t in stored)
    assert any("schema markup" in t for t in stored)
    assert kb.store.count() == report.chunks == 3


def test_moved_chunk_gets_metadata_update_not_reembedding(tmp_path: Path, tiny_knowledge: Path) -> None:
    embedder = HashingEmbedder()
    kb = _kb(tmp_path, tiny_knowledge, embedder)
    kb.ingest()
    path = tiny_knowledge / "corpus" / "a.txt"
    path.write_text("Preface\nA new first section.\n\n" + path.read_text(), encoding="utf-8")
    embedder.embedded.clear()
    report = kb.ingest()
    assert report.embedded == 1 and report.metadata_updated >= 1
    ordinals = {c.text[:12]: c.ordinal for c in kb.store.chunks() if c.source == "a.txt"}
    assert sorted(ordinals.values()) == list(range(len(ordinals)))


def test_rebuild_embeds_everything_again(tmp_path: Path, tiny_knowledge: Path) -> None:
    embedder = HashingEmbedder()
    kb = _kb(tmp_path, tiny_knowledge, embedder)
    kb.ingest()
    report = kb.ingest(rebuild=True)
    assert report.embedded == 4 and report.sentences_embedded >= 4


def test_sentence_units_follow_the_chunks_incrementally(tmp_path: Path, tiny_knowledge: Path) -> None:
    embedder = HashingEmbedder()
    kb = _kb(tmp_path, tiny_knowledge, embedder)
    first = kb.ingest()
    kb.ensure_ready()
    units = kb.units
    assert len(units) == first.sentences_embedded and units.vectors.shape == (len(units), embedder.dim)
    chunks = {c.id: c for c in kb.store.chunks()}
    for unit in units.units:  # every unit is an exact slice of its chunk
        assert chunks[unit.chunk_id].text[unit.span.start : unit.span.end] == unit.span.text
    pricing = tiny_knowledge / "corpus" / "a.txt"
    pricing.write_text(pricing.read_text(encoding="utf-8") + "- Explain prices openly.\n", encoding="utf-8")
    embedder.embedded.clear()
    again = kb.ingest()
    assert again.embedded == 1 and 0 < again.sentences_embedded < first.sentences_embedded + 2
    assert any(text.startswith("Pricing Basics: ") for text in embedder.embedded)  # the units, with section
    assert kb.sentences.is_current({c.id for c in kb.store.chunks()})
    kb.ensure_ready()
    assert any(u.span.text == "Explain prices openly." for u in kb.units.units)


def test_first_retrieval_builds_the_index_with_progress(tmp_path: Path, tiny_knowledge: Path) -> None:
    kb = _kb(tmp_path, tiny_knowledge, HashingEmbedder())
    seen: list[tuple[int, int]] = []
    report = kb.ensure_ready(lambda done, total: seen.append((done, total)))
    assert report is not None and report.embedded == 4
    total = 4 + report.sentences_embedded  # the chunks, then their sentence units
    assert report.sentences_embedded >= 4 and seen[0] == (0, total) and seen[-1] == (total, total)
    hits = kb.retrieve("dynamic pricing fair", k=2)
    assert hits[0].section == "Pricing Basics"
    assert _kb(tmp_path, tiny_knowledge, HashingEmbedder()).ensure_ready() is None  # already current
