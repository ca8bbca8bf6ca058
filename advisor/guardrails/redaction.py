"""Redact e-mail addresses, phone numbers and card numbers before anything is stored or logged."""

from __future__ import annotations

import re

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
CARD_CANDIDATE = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
PHONE = re.compile(
    r"(?<![\w$£€.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}(?:[\s.-]?\d{2,4})?\b(?![%.]\d)"
)
YEAR_RANGE = re.compile(r"^(19|20)\d\d\s*[-–]\s*(19|20)\d\d$")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def redact(text: str) -> str:
    """Text with e-mails → [email], card numbers (Luhn-valid) → [card], phone numbers → [phone].

    Long digit runs that are not valid card numbers (order or tracking numbers) are left alone.
    """
    text = EMAIL.sub("[email]", text)
    kept: list[str] = []

    def card(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and _luhn(digits):
            return "[card]"
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = CARD_CANDIDATE.sub(card, text)

    def phone(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if YEAR_RANGE.match(match.group(0).strip()) or not 7 <= len(digits) <= 15:
            return match.group(0)
        return "[phone]"

    text = PHONE.sub(phone, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
