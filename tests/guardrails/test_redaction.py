"""Redaction with maintained detectors: cards by Luhn over any separators, phones by libphonenumber,
written the way owners type them; figures that are not personal data stay; linear time."""

from __future__ import annotations

import time

import pytest

from advisor.guardrails.redaction import luhn, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card 4111.1111.1111.1111 pls", "card [card] pls"),
        ("my card: 4111/1111/1111/1111", "my card: [card]"),
        ("4111  1111  1111  1111 exp 12/27", "[card] exp 12/27"),
        ("amex 3782 822463 10005, visa 4012888888881881", "amex [card], visa [card]"),
        ("call me 5551234567 after 6", "call me [phone] after 6"),
        ("ring 415/555/2671 or 415  555  2671", "ring [phone] or [phone]"),
        ("uk shop, tel 020 7946 0958", "uk shop, tel [phone]"),
        ("whatsapp +33 6 12 34 56 78", "whatsapp [phone]"),
        ("Handy 030 12345678, mobile 0412 345 678", "Handy [phone], mobile [phone]"),
        ("mail jo.smith+shop@mail.example.co.uk", "mail [email]"),
    ],
)
def test_personal_data_in_many_formats(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "budget $4,111 a month, revenue 1500000 a year",
        "we made $1,200,000 between 2019-2023, 12 000 customers",
        "prices 19.99 24.99 39.99 12.50",
        "order 1234567812345678 was late",  # fails Luhn: an order number, not a card
        "SKU 100-200-300-400, open 9:00-18:00, from 2024-05-01 to 2024-06-30",
        "grow AOV 15% by 2026 with 3 500 orders, ISO 9001",
        "tracking 1Z999AA10123456784",
        "turnover is around 350 000 Kč per month",  # money with its currency is no phone
        "revenue € 350 000 a month, budget 2 000 000 đ",
    ],
)
def test_figures_that_are_not_personal_data_stay(text: str) -> None:
    assert redact(text) == text


def test_luhn() -> None:
    assert luhn("4111111111111111") and luhn("378282246310005") and not luhn("4111111111111112")


@pytest.mark.parametrize(
    "text",
    [
        "1" * 8000,
        "1 " * 4000,
        "4111 " * 1600,
        "12-" * 2700,
        "(1) " * 2000,
        "a." * 4000 + "@x",
        "5551234567 " * 727,
    ],
)
def test_linear_time_on_the_largest_messages(text: str) -> None:
    """A generous functional bound (the speed goal lives in bench/): nothing quadratic on 8,000 characters."""
    start = time.process_time()
    redact(text[:8000])
    assert time.process_time() - start < 2.0


def test_digit_soup_is_redacted_cautiously() -> None:
    """Hundreds of numbers in one message: every phone-length run goes, none slips through."""
    text = "call 5551234567 or 020 7946 0958; " * 200
    out = redact(text[:8000])
    assert "5551234567" not in out and "7946" not in out and out.count("[phone]") >= 300
