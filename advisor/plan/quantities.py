"""Numbers in owners' words: money, percentages and durations ("$1.5k a month", "a third", "two quarters")."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "a couple of": 2, "a few": 3,
    "couple of": 2, "several": 3,
}  # fmt: skip
_NUMBER_WORD_RE = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
NUMBER = rf"(?:\d+(?:[.,]\d+)?|{_NUMBER_WORD_RE})"

_UNIT_MONTHS = {
    "day": 1 / 30, "days": 1 / 30, "week": 0.25, "weeks": 0.25, "month": 1, "months": 1, "mo": 1, "mos": 1,
    "quarter": 3, "quarters": 3, "year": 12, "years": 12, "yr": 12, "yrs": 12,
}  # fmt: skip
_DURATION = re.compile(
    rf"(?P<n>{NUMBER}|half an?|half)\s*-?\s*(?P<unit>days?|weeks?|months?|mos?|quarters?|years?|yrs?)\b",
    re.IGNORECASE,
)
_HALF_YEAR = re.compile(r"\b(half a year|six months|6 months)\b", re.IGNORECASE)
_NEXT_YEAR = re.compile(r"\b(this|next|within a|in a|over the next|within the next)\s+year\b", re.IGNORECASE)
_MONEY = re.compile(
    r"(?P<cur>[$£€]|usd|eur|gbp)?\s*(?P<num>\d{1,3}(?:[,\s]\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>k|m|thousand|million|grand)?\b"
    r"\s*(?P<cur2>usd|dollars?|eur|euros?|gbp|pounds?|bucks)?",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(r"(per|a|/|each|every)\s*(year|yr|annum)|annual(ly)?|yearly", re.IGNORECASE)
_PER_MONTH = re.compile(r"(per|a|/|each|every)\s*(month|mo)\b|monthly|/\s*mo\b", re.IGNORECASE)
_PERCENT = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|percent|per cent|pct|percentage points?|points?)", re.IGNORECASE
)
_FRACTIONS = {
    r"\bdouble\b|\bdoubling\b|\b2x\b|\btwice\b": 100.0,
    r"\btriple\b|\btripling\b|\b3x\b": 200.0,
    r"\bhalve\b|\bhalving\b|\bby half\b|\bin half\b|\b50 ?%": 50.0,
    r"\bby a third\b|\bone third\b|\ba third\b": 33.3,
    r"\bby a quarter\b|\bone quarter\b|\ba quarter\b(?! of a year)": 25.0,
}


def word_number(text: str) -> float | None:
    """``"three"`` → 3, ``"1,5"`` → 1.5, ``"12"`` → 12; None if not a number."""
    token = text.strip().lower()
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    if token.startswith("half"):
        return 0.5
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def parse_duration_months(text: str) -> float | None:
    """The first duration in ``text`` in months (``"within 2 quarters"`` → 6); None if there is none."""
    match = _DURATION.search(text)
    if match:
        n = word_number(match.group("n"))
        unit = match.group("unit").lower()
        if n is not None:
            return round(n * _UNIT_MONTHS[unit], 2)
    if _HALF_YEAR.search(text):
        return 6.0
    if _NEXT_YEAR.search(text):
        return 12.0
    return None


def parse_money(text: str) -> tuple[float, str] | None:
    """First amount of money and its period (``"month"``, ``"year"`` or ``"unspecified"``).

    ``"$1.5k a month"`` → (1500.0, "month"); ``"10k per year"`` → (10000.0, "year"). A bare number
    counts only with a currency sign, a multiplier or a currency word, so "3 people" is not money.
    """
    for match in _MONEY.finditer(text):
        if not (match.group("cur") or match.group("mult") or match.group("cur2")):
            continue
        raw = re.sub(r"[,\s]", "", match.group("num"))
        value = float(raw)
        mult = (match.group("mult") or "").lower()
        if mult in {"k", "thousand", "grand"}:
            value *= 1_000
        elif mult in {"m", "million"}:
            value *= 1_000_000
        tail = text[match.end() : match.end() + 24]
        period = "year" if _PER_YEAR.search(tail) else "month" if _PER_MONTH.search(tail) else "unspecified"
        return value, period
    return None


def monthly_amount(text: str) -> float | None:
    """Money per month: yearly amounts are divided by 12; an unspecified period counts as monthly."""
    parsed = parse_money(text)
    if parsed is None:
        return None
    value, period = parsed
    return round(value / 12, 2) if period == "year" else value


def parse_percent(text: str) -> float | None:
    """The first percentage (``"15%"``, ``"10 percent"``) or fraction word (``"double"`` → 100)."""
    match = _PERCENT.search(text)
    if match:
        return float(match.group("num"))
    for pattern, value in _FRACTIONS.items():
        if re.search(pattern, text, re.IGNORECASE):
            return value
    return None
