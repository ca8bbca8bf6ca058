"""Number words, percentages, durations and the one sentence splitter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.parsing.numbers import normalize_numbers, parse_duration_months, parse_percent
from advisor.parsing.sentences import split_clauses, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two grand", "2 grand"),
        ("fifteen hundred euros", "1500 euros"),
        ("three of us", "3 of us"),
        ("two and a half grand", "2.5 grand"),
        ("one and a half million a year", "1.5m a year"),
    ],
)
def test_number_words_become_digits(text: str, expected: str) -> None:
    assert normalize_numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "pct", "months"),
    [
        ("by 15% within 9 months", 15, 9),
        ("double revenue next year", 100, 12),
        ("cut tickets in half in two quarters", 50, 6),
        ("grow repeat orders 20% over the next 18 months", 20, 18),
    ],
)
def test_percentages_and_durations(text: str, pct: float, months: float) -> None:
    assert parse_percent(text) == pct
    assert parse_duration_months(normalize_numbers(text)) == months


def test_abbreviations_never_split_a_sentence() -> None:
    text = "RICE vs. ICE: Value vs. Effort, e.g. chatbots. It works, i.e. well. Next one."
    assert [s.text for s in split_sentences(text)] == [
        "RICE vs. ICE: Value vs. Effort, e.g. chatbots.",
        "It works, i.e. well.",
        "Next one.",
    ]


def test_clauses_are_exact_slices() -> None:
    text = "we sell candles on etsy, mostly to women, but our margins are thin and we ship to the UK"
    sentence = split_sentences(text)[0]
    clauses = split_clauses(sentence)
    assert [c.text for c in clauses] == [
        "we sell candles on etsy",
        "mostly to women",
        "our margins are thin",
        "we ship to the UK",
    ]
    assert all(text[c.start : c.end] == c.text for c in clauses)


@given(st.text(max_size=2000))
def test_sentences_are_exact_slices_of_any_text(text: str) -> None:
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text and span.text.strip() == span.text


def test_long_pathological_text_still_splits() -> None:
    spans = split_sentences("a. " * 2666)
    assert len(spans) > 1000
