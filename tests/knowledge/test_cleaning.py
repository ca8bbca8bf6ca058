from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from advisor.knowledge.cleaning import clean_text, remove_glossary_popups
from tests.conftest import CORPUS_DIR

FUNDAMENTALS = CORPUS_DIR / "corpus" / "000_dd9f40fa32cdb166.txt"


def test_all_twenty_popups_are_removed_from_the_fundamentals_document() -> None:
    raw = FUNDAMENTALS.read_text(encoding="utf-8")
    assert raw.count("Meaning ●") == 20
    cleaned = clean_text(raw)
    assert len(cleaned.removed_popups) == 20
    assert "Meaning ●" not in cleaned.text


def test_no_popup_survives_anywhere_in_the_corpus() -> None:
    for path in sorted((CORPUS_DIR / "corpus").glob("*.txt")):
        assert "Meaning ●" not in clean_text(path.read_text(encoding="utf-8")).text, path.name


def test_sentences_spliced_by_a_popup_read_whole_again() -> None:
    text = clean_text(FUNDAMENTALS.read_text(encoding="utf-8")).text
    assert "the term E-Commerce AI Strategy might sound complex" in text
    assert "Putting it all together, E-Commerce AI Strategy for SMBs is essentially a plan" in text
    assert "AI tools can help SMBs compete more effectively" in text
    assert "Learn and Iterate ● AI implementation is an ongoing process." in text
    assert "Prioritize Ethical AI Governance and Frameworks ● Establish clear ethical guidelines" in text


def test_no_sentence_is_cut_where_a_popup_was() -> None:
    raw = FUNDAMENTALS.read_text(encoding="utf-8")
    cleaned = clean_text(raw).text
    for match in re.finditer(r"(\S+) Meaning ● [^●\n]*?\.(?= |$)( \S+)?", raw, re.MULTILINE):
        before, after = match.group(1), (match.group(2) or "")
        # the term and the continuation are joined by exactly one space
        assert f"{before}{after}" in cleaned, (before, after)
    assert "  " not in cleaned


def test_page_furniture_is_dropped_and_headings_kept() -> None:
    raw = "Knowledge Base\n📝 Context Summary\nA Title\nBody text.\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "A Title\nBody text.\n"
    assert cleaned.removed_lines == ["Knowledge Base", "📝 Context Summary"]


def test_bullet_separator_and_crlf_are_handled() -> None:
    cleaned = clean_text("Title\r\n- Term ● Definition here.\r\n")
    assert cleaned.text == "Title\n- Term ● Definition here.\n"


words = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu")), min_size=1, max_size=12)


@given(
    before=st.lists(words, min_size=1, max_size=8),
    after=st.lists(words, min_size=1, max_size=8),
    definition=st.lists(words, min_size=1, max_size=15),
)
def test_any_spliced_popup_is_removed_exactly(
    before: list[str], after: list[str], definition: list[str]
) -> None:
    sentence = " ".join(before) + " " + " ".join(after) + "."
    spliced = " ".join(before) + " Meaning ● " + " ".join(definition) + ". " + " ".join(after) + "."
    cleaned, removed = remove_glossary_popups(spliced)
    assert cleaned == sentence
    assert removed == ["Meaning ● " + " ".join(definition) + "."]
