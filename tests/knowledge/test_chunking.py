from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.knowledge.chunking import chunk_corpus, chunk_document
from advisor.knowledge.corpus import load_corpus, load_document
from advisor.providers.tokens import count_tokens
from tests.conftest import CORPUS_DIR


@pytest.fixture(scope="module")
def documents():  # type: ignore[no-untyped-def]
    return load_corpus(CORPUS_DIR)


@pytest.mark.parametrize(("max_tokens", "overlap"), [(200, 40), (120, 30), (400, 0)])
def test_chunks_respect_the_token_bound_and_are_spans(documents, max_tokens: int, overlap: int) -> None:  # type: ignore[no-untyped-def]
    by_id = {d.id: d for d in documents}
    chunks = chunk_corpus(documents, max_tokens=max_tokens, overlap_tokens=overlap)
    assert chunks
    for chunk in chunks:
        assert 1 <= chunk.token_count <= max_tokens
        assert chunk.token_count == count_tokens(chunk.text)
        assert by_id[chunk.doc_id].text[chunk.char_start : chunk.char_end] == chunk.text


def test_chunks_never_cross_sections(documents) -> None:  # type: ignore[no-untyped-def]
    for doc in documents:
        spans = {s.name: (s.blocks[0].start, s.blocks[-1].end) for s in doc.sections}
        for chunk in chunk_document(doc, max_tokens=200, overlap_tokens=40):
            start, end = spans[chunk.section]
            assert start <= chunk.char_start and chunk.char_end <= end


def test_ids_are_stable_unique_and_follow_content(documents) -> None:  # type: ignore[no-untyped-def]
    first = chunk_corpus(documents, max_tokens=200, overlap_tokens=40)
    again = chunk_corpus(load_corpus(CORPUS_DIR), max_tokens=200, overlap_tokens=40)
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    assert all(c.id.startswith(c.doc_id + ":") for c in first)


def test_a_changed_paragraph_changes_only_its_chunks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = (CORPUS_DIR / "corpus" / "003_3d063db27160f47f.txt").read_text(encoding="utf-8")
    path = tmp_path / "doc.txt"
    path.write_text(source, encoding="utf-8")
    before = {c.id for c in chunk_document(load_document(path), max_tokens=200, overlap_tokens=40)}
    path.write_text(source.replace("elevator pitch", "short pitch"), encoding="utf-8")
    after = {c.id for c in chunk_document(load_document(path), max_tokens=200, overlap_tokens=40)}
    assert 1 <= len(before - after) <= 2
    assert len(before & after) >= len(before) - 2


def test_bullets_are_kept_whole_when_they_fit(documents) -> None:  # type: ignore[no-untyped-def]
    for chunk in chunk_corpus(documents, max_tokens=200, overlap_tokens=40):
        for line in chunk.text.split("\n"):
            if line.startswith("- "):
                assert line == line.rstrip()
        # a chunk starts at the start of a line unless a long paragraph had to be split
        doc_text = next(d.text for d in documents if d.id == chunk.doc_id)
        if chunk.char_start and doc_text[chunk.char_start - 1] != "\n":
            assert doc_text[chunk.char_start - 1] == " "


def test_overlap_carries_small_trailing_blocks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lines = "\n".join(f"- Point number {i} is a short bullet about pricing." for i in range(40))
    path = tmp_path / "bullets.txt"
    path.write_text(f"Bullet Heavy Section\n{lines}\n", encoding="utf-8")
    chunks = chunk_document(load_document(path), max_tokens=80, overlap_tokens=30)
    assert len(chunks) > 2
    for left, right in itertools.pairwise(chunks):
        assert right.char_start < left.char_end  # overlapping spans


paragraph = st.lists(
    st.sampled_from(
        ["pricing", "AI", "customers", "data", "strategy.", "growth", "SMB", "fair.", "Chatbots"]
    ),
    min_size=1,
    max_size=120,
).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=30, deadline=None)
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=8), max_tokens=st.integers(64, 300))
def test_any_document_chunks_within_bounds(tmp_path_factory, paragraphs: list[str], max_tokens: int) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("h") / "doc.txt"
    path.write_text("Random Section Title\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    doc = load_document(path)
    for chunk in chunk_document(doc, max_tokens=max_tokens, overlap_tokens=20):
        assert chunk.token_count <= max_tokens
        assert doc.text[chunk.char_start : chunk.char_end] == chunk.text
