"""Redact e-mail addresses, payment card numbers and phone numbers before anything is stored, parsed or
logged. Linear in the length of the text.

- Cards: runs of digit groups joined by any short separator (spaces, dots, dashes, slashes,
  underscores, several of them) holding 13-19 digits that pass the Luhn check → ``[card]``.
  Long numbers that fail it (order or tracking numbers) are left alone.
- Phone numbers: Google's libphonenumber (the maintained ``phonenumbers`` port) finds them in any
  format: international (+44 20 7946 0958) in every country, national formats in ``REGIONS``. A text
  with hundreds of separate numbers (no owner writes that) gets the cautious linear fallback instead.
- E-mail addresses: a bounded pattern (local part ≤ 64, labels ≤ 63 characters) → ``[email]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from phonenumbers import Leniency, PhoneNumberMatcher, is_valid_number

from advisor.parsing.money import CurrencyTable

EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
DIGITS = re.compile(r"\d+")
CARD_SEPARATOR = frozenset(" \t.-/_\u00a0\u2009")
MAX_SEPARATOR = 3
CARD_DIGITS = range(13, 20)
# National formats are read for these countries; international numbers (+44 ..., 0044 ...) are found
# whatever the country. North American numbers count when they have ten digits, even outside the
# assigned ranges (a bare 5551234567), so no shorter figure (1500000 in revenue) is taken for a phone.
REGIONS = ("US", "GB", "DE", "FR", "IN", "AU")
NANP_DIGITS = 10
# Bounded work on adversarial text: past this many separate digit runs a message is "digit soup", and
# every run of 7-15 digits joined by phone punctuation is redacted as a phone without asking the
# detector (whose cost grows with the numbers it must parse): safe, and linear.
MAX_DIGIT_RUNS = 400
MAX_TRIES = 2000
PHONE_SEPARATOR = frozenset(" \t.-/()+\u00a0")
PHONE_DIGITS = range(7, 16)


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _chains(text: str, separators: frozenset[str] = CARD_SEPARATOR) -> Iterator[list[re.Match[str]]]:
    """Digit groups joined by short separators, as lists of matches."""
    chain: list[re.Match[str]] = []
    for group in DIGITS.finditer(text):
        if chain:
            gap = text[chain[-1].end() : group.start()]
            if not (0 < len(gap) <= MAX_SEPARATOR and all(ch in separators for ch in gap)):
                yield chain
                chain = []
        chain.append(group)
    if chain:
        yield chain


def _card_spans(text: str) -> Iterator[tuple[int, int]]:
    for chain in _chains(text):
        i = 0
        while i < len(chain):
            found = None
            digits = ""
            for j in range(i, len(chain)):  # at most 19 digits per window: bounded work per start
                part = chain[j].group()
                if j > i and (len(part) < 3 or len(chain[i].group()) < 3):
                    break
                digits += part
                if len(digits) > CARD_DIGITS.stop - 1:
                    break
                if len(digits) in CARD_DIGITS and luhn(digits):
                    found = j
            if found is None:
                i += 1
                continue
            yield chain[i].start(), chain[found].end()
            i = found + 1


def _soup_phone_spans(text: str) -> Iterator[tuple[int, int]]:
    """Every run of 7-15 digits joined by phone punctuation, left to right."""
    for chain in _chains(text, PHONE_SEPARATOR):
        i = 0
        while i < len(chain):
            digits, end = 0, None
            for j in range(i, len(chain)):  # at most 15 digits per window: bounded work per start
                digits += len(chain[j].group())
                if digits > PHONE_DIGITS.stop - 1:
                    break
                if digits in PHONE_DIGITS:
                    end = j
            if end is None:
                i += 1
                continue
            yield chain[i].start(), chain[end].end()
            i = end + 1


def _replace(text: str, spans: list[tuple[int, int]], label: str) -> str:
    out: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out += [text[last:start], label]
        last = end
    out.append(text[last:])
    return "".join(out)


# an amount with its currency or period is money, not a phone: "350 000 Kč per month", "€ 350 000"
_PERIOD_AFTER = re.compile(r"(?:a|per) (?:month|year)\b|(?:monthly|yearly)\b", re.IGNORECASE)


def _is_money(text: str, start: int, end: int) -> bool:
    mark = CurrencyTable.shipped().mark  # the project's one currency table
    after = text[end : end + 24].lstrip()
    before = text[max(0, start - 6) : start].rstrip()
    return bool(
        mark.match(after)
        or _PERIOD_AFTER.match(after)
        or any(m.end() == len(before) for m in mark.finditer(before))
    )


def redact(text: str) -> str:
    """Text with e-mails → [email], card numbers (Luhn-valid) → [card], phone numbers → [phone]."""
    text = EMAIL.sub("[email]", text)
    text = _replace(text, list(_card_spans(text)), "[card]")
    if sum(1 for _ in DIGITS.finditer(text)) > MAX_DIGIT_RUNS:  # digit soup: the safe, linear way
        return _replace(text, list(_soup_phone_spans(text)), "[phone]")
    for region in REGIONS:
        lenient = region == "US"
        matcher = PhoneNumberMatcher(
            text, region, leniency=Leniency.POSSIBLE if lenient else Leniency.VALID, max_tries=MAX_TRIES
        )
        spans = [
            (m.start, m.end)
            for m in matcher
            if (not lenient or is_valid_number(m.number) or len(str(m.number.national_number)) == NANP_DIGITS)
            and not _is_money(text, m.start, m.end)
        ]
        if spans:
            text = _replace(text, spans, "[phone]")
    return text
