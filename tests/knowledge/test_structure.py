from __future__ import annotations

import pytest

from advisor.knowledge.corpus import load_corpus, load_document
from advisor.knowledge.structure import is_heading, parse_sections
from tests.conftest import CORPUS_DIR


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return {doc.source: doc for doc in load_corpus(CORPUS_DIR)}


def test_documents_get_readable_ids_and_titles(corpus) -> None:  # type: ignore[no-untyped-def]
    assert len(corpus) == 4
    framework = corpus["003_3d063db27160f47f.txt"]
    assert framework.id == "action-plan-framework"
    assert framework.title == "Strategic AI E-commerce Action Plan Framework"


def test_section_paths_have_part_and_heading(corpus) -> None:  # type: ignore[no-untyped-def]
    names = {s.name for doc in corpus.values() for s in doc.sections}
    assert "Advanced › Ethical Considerations in Advanced E-Commerce AI" in names
    assert "Fundamentals › Getting Started with E-Commerce AI Strategy: First Steps for SMBs" in names
    assert "Component 2: Business Context and SMART Goals › SMART Goal Construction" in names
    assert "Building an Agile and Adaptive AI Strategy › Safe-to-Fail Experimentation" in names
    assert "Prioritizing AI Projects" in names
    assert not any("●" in name for name in names)


def test_the_six_components_and_the_checklist_are_found(corpus) -> None:  # type: ignore[no-untyped-def]
    parts = {s.path[0] for s in corpus["003_3d063db27160f47f.txt"].sections}
    for n in range(1, 7):
        assert any(p.startswith(f"Component {n}:") for p in parts)
    assert "Self-Validation Checklist" in parts


def test_tables_stay_one_block_with_every_row(corpus) -> None:  # type: ignore[no-untyped-def]
    doc = corpus["003_3d063db27160f47f.txt"]
    strive = next(s for s in doc.sections if s.name.endswith("STRIVE Analysis"))
    table = next(b for b in strive.blocks if b.kind == "table")
    text = doc.text[table.start : table.end]
    assert text.startswith("| Criterion | Key Questions |")
    assert text.count("\n") == 7  # header, rule and six criteria


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fundamentals", True),
        ("Why Should SMBs Care About AI in E-Commerce?", True),
        ("Getting Started with E-Commerce AI Strategy ● First Steps for SMBs", True),
        ("Component 1: Executive Summary", True),
        ("Readiness factors:", False),
        ("- Leveling the Playing Field ● AI tools can help.", False),
        ("| Element | What to Define |", False),
        ("Ethical constraints are heightened.", False),
        ("Weak goal: “Increase sales.”", False),
        ("this is a lowercase line", False),
    ],
)
def test_heading_heuristic(line: str, expected: bool) -> None:
    assert is_heading(line, "next line") is expected


def test_last_line_is_never_a_heading() -> None:
    assert is_heading("Looks Like A Heading", None) is False


def test_body_before_any_heading_belongs_to_the_title() -> None:
    sections = parse_sections("just some words, no heading.\n", title="Doc")
    assert [s.path for s in sections] == [("Doc",)]


def test_unlisted_document_gets_derived_id_and_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "My Notes.txt"
    path.write_text("Pricing Basics\nPrices follow demand.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.id == "my-notes"
    assert doc.title == "Pricing Basics"
