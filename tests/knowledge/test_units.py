"""Quotable units: exact slices, whole sentences, lists and tables that read as text."""

from __future__ import annotations

from advisor.config import Settings
from advisor.knowledge.units import row_display, split_units
from advisor.retrieval.ingest import corpus_chunks
from tests.conftest import CORPUS_DIR

TEXT = (
    "Utilizing frameworks like RICE, ICE, or a Value vs. Effort matrix helps evaluate initiatives. "
    "Short wins (e.g., email subject lines) come first.\n"
    "STRIVE evaluates six dimensions:\n"
    "| Criterion | Key Questions |\n"
    "|---|---|\n"
    "| Strategic Fit | Does this category directly advance the stated SMART goals? |\n"
    "| Vendor Viability & Support | Is the vendor ecosystem mature? |\n"
    "Four practices build fluency:\n"
    "- Internal knowledge sharing – regular lunch-and-learn sessions. Share what you learn.\n"
    "- Data Quality ● Keep data accurate and current.\n"
)


def test_units_are_exact_whole_sentences_and_items() -> None:
    units = split_units(TEXT)
    assert all(TEXT[u.start : u.end] == u.text for u in units)
    texts = [u.text for u in units]
    assert texts[0].endswith("helps evaluate initiatives.") and "Value vs. Effort" in texts[0]
    assert texts[1] == "Short wins (e.g., email subject lines) come first."
    lead = units[2]
    assert lead.lead_in and lead.text == "STRIVE evaluates six dimensions:"
    rows = [u for u in units if u.kind == "row"]
    assert [r.display for r in rows] == [
        "Strategic Fit: Does this category directly advance the stated SMART goals?",
        "Vendor Viability & Support: Is the vendor ecosystem mature?",
    ]  # the header row is not a unit; each row reads as a sentence
    items = [u for u in units if u.kind == "item"]
    assert items[0].text == "Internal knowledge sharing – regular lunch-and-learn sessions."  # no "- "
    assert items[0].head and items[0].title == "Internal knowledge sharing"
    assert not items[1].head and items[1].item == items[0].item  # the item's second sentence
    assert (
        items[2].display == "Data Quality: Keep data accurate and current."
        and items[2].title == "Data Quality"
    )
    assert units[-4].lead_in  # "Four practices build fluency:"


def test_a_wide_row_names_its_columns() -> None:
    header = ["AI Category", "Strategy", "Buyer Journey Stage", "Expected Outcome"]
    row = "| Conversational AI | Automate order status replies 24/7 | Post-Purchase | Fewer tickets |"
    assert row_display(row, header) == (
        "Conversational AI — Automate order status replies 24/7 "
        "(buyer journey stage: Post-Purchase; expected outcome: Fewer tickets)."
    )


def test_every_corpus_unit_is_a_slice_of_its_chunk() -> None:
    _, chunks = corpus_chunks(Settings(knowledge_dir=CORPUS_DIR))
    total = 0
    for chunk in chunks:
        for unit in split_units(chunk.text):
            assert chunk.text[unit.start : unit.end] == unit.text
            assert not unit.text.endswith(" vs.") and not unit.text.endswith("e.g.")
            total += 1
    assert total > 400
