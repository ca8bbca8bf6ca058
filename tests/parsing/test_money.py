"""Money with its currency, in owners' words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.parsing.money import CurrencyTable, find_money
from tests.conftest import CORPUS_DIR

TABLE = CurrencyTable.load(CORPUS_DIR)


@pytest.mark.parametrize(
    ("text", "amount", "currency", "monthly"),
    [
        ("€150", 150, "EUR", 150),
        ("could do £80 a month", 80, "GBP", 80),
        ("1.200,50 €", 1200.5, "EUR", 1200.5),
        ("2,500 a month", 2500, None, 2500),
        ("we make about 40k a year", 40000, None, 40000 / 12),
        ("CHF 240'000 a year", 240000, "CHF", 20000),
        ("A$1.2m last financial year", 1_200_000, "AUD", 100_000),
        ("two and a half grand a month", 2500, None, 2500),
        ("a couple hundred bucks", 200, "USD", 200),
        ("15 lakh a year", 1_500_000, "INR", 125_000),
        ("about 40 000 zł a month", 40000, "PLN", 40000),
        ("revenue is 10-12k", 11000, None, 11000),
        ("the revenue is 12k a month not a year", 12000, None, 12000),
        ("monthly sales is around 6 lakh rupees", 600_000, "INR", 600_000),  # rupees are not rand
        ("around 2 000 kr a month", 2000, "SEK", 2000),
        ("about 350 mil pesos a month in sales", 350_000, "MXN", 350_000),  # Spanish "mil" is a thousand
        ("80 mil reais por mes", 80_000, "BRL", 80_000),
        ("1.800,00 € per year", 1800, "EUR", 150),
        ("R2.5k per month", 2500, "ZAR", 2500),
        ("between 3,000 and 5,000 pesos monthly", 4000, "MXN", 4000),
    ],
)
def test_amounts_keep_their_currency_and_period(
    text: str, amount: float, currency: str | None, monthly: float
) -> None:
    found = find_money(text, TABLE)
    assert found, text
    assert found[0].amount == pytest.approx(amount) and found[0].currency == currency
    assert found[0].monthly == pytest.approx(monthly, rel=1e-3)


@pytest.mark.parametrize(
    "text", ["3 people", "70% of tickets", "20h a week", "like 100/day", "5 staff", "within 9 months"]
)
def test_numbers_that_are_not_money(text: str) -> None:
    assert find_money(text, TABLE, bare=True) == []


def test_a_bare_number_counts_only_when_an_amount_was_asked_for() -> None:
    assert find_money("maybe 2,000", TABLE) == []
    found = find_money("maybe 2,000", TABLE, bare=True)
    assert found[0].amount == 2000 and found[0].hedged


@given(st.text(alphabet="0123456789 .,$€£k", max_size=300))
def test_any_digits_and_separators_parse_without_error(text: str) -> None:
    for money in find_money(text, TABLE, bare=True):
        assert money.amount >= 0 and 0 <= money.start < money.end <= len(text) + 20


def test_pathological_input_is_bounded() -> None:
    assert len(find_money("1 " * 4000, TABLE, bare=True)) <= 24
    assert find_money("1" * 8000, TABLE, bare=True) == []


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("maybe 2 triệu đồng a month", 2_000_000, "VND"),
        ("Maybe Rp 1,5 juta per month", 1_500_000, "IDR"),
        ("like 60 lucas a month", 60_000, "CLP"),
        ("around 2 000 Kč monthly", 2000, "CZK"),
        ("30 millones a month", 30_000_000, None),
    ],
)
def test_number_words_of_other_languages(text: str, amount: float, currency: str | None) -> None:
    money = find_money(text, TABLE)[0]
    assert (money.amount, money.currency) == (amount, currency)


def test_a_change_from_one_amount_to_another_is_no_range() -> None:
    assert [m.amount for m in find_money("I want revenue from €1.800 to €2.700 per month", TABLE)] == [
        1800,
        2700,
    ]
    assert [m.amount for m in find_money("budget from 100 to 200 a month", TABLE)] == [150]
