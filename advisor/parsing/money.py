"""Money with its currency: "€150" stays 150 EUR, "2,500 a month" is 2500 a month, "two grand" is 2000.

Candidates are found by one linear pattern built from ``knowledge/currencies.yaml`` (bounded digit
groups, no nested quantifiers); each candidate (at most a few dozen characters) is read by
``price-parser``, which knows "1.200,50" and "2.500" from "2,500.00". The period ("a month", "per
year", "last year") is read from the words around the amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from price_parser import Price
from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated
from advisor.parsing.numbers import normalize_numbers

Period = Literal["month", "year", "unspecified"]
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "grand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,  # Polish, Czech, Russian
    "mio": 1e6,  # German
    "million": 1e6,
    "lakh": 1e5,
    "crore": 1e7,
    "mil": 1e6,  # "2 mil" in English; "350 mil pesos" is thousands (see _MIL_THOUSANDS)
    "millones": 1e6,
    "millón": 1e6,
    "millon": 1e6,
    "milhões": 1e6,
    "milhoes": 1e6,
    "triệu": 1e6,  # Vietnamese
    "trieu": 1e6,
    "tỷ": 1e9,
    "ty": 1e9,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "millió": 1e6,  # Hungarian
    "millio": 1e6,
    "ezer": 1e3,
    "juta": 1e6,  # Indonesian
    "ribu": 1e3,
    "rb": 1e3,
    "lucas": 1e3,  # Chilean slang: "60 lucas" is 60,000 pesos
    "luca": 1e3,
}
# currencies whose owners write "mil" for a thousand ("350 mil pesos", "80 mil reais")
_MIL_THOUSANDS = frozenset(
    {"MXN", "BRL", "ARS", "COP", "CLP", "EUR", "PHP", "PEN", "UYU", "BOB", "PYG", "DOP", "GTQ", "CRC"}
)
_IMPLIED = {  # multipliers that name their currency
    "lakh": "INR",
    "crore": "INR",
    "triệu": "VND",
    "trieu": "VND",
    "tỷ": "VND",
    "nghìn": "VND",
    "ngàn": "VND",
    "millió": "HUF",
    "ezer": "HUF",
    "juta": "IDR",
    "ribu": "IDR",
    "rb": "IDR",
    "lucas": "CLP",
    "luca": "CLP",
}
_PER_YEAR = re.compile(
    r"\b(?:per|a|an|each|every|/|pro|for the(?: whole)?)\s?(?:year|yr|annum|jahr)\b|/\s?(?:year|yr|y)\b|\bannual(?:ly)?\b"
    r"|\byearly\b|\bp\.?a\.?(?!\w)|\b(?:last|this|next|per|a|each) (?:financial |fiscal |calendar )?year\b|\bin 20\d\d\b"
    r"|\b(?:fy|financial year|fiscal year)\b|\bfy\s?'?\d{2,4}\b|\b(?:por|al|par|pro|per|im|om|w|i|all')\s?(?:año|ano|an|jahr|jaar|året|roku|anno)\b",
    re.IGNORECASE,
)
_PER_MONTH = re.compile(
    r"\b(?:per|a|an|each|every|pro|for the)\s?(?:month|mo|mth|monat)\b|/\s?(?:month|mo|mth|m)\b|\bmonthly\b"
    r"|\bp\.?m\.?(?!\w)|\bmonth\b|\b(?:har )?mahine\b|\bmahina\b|\b(?:por|al|par|pro|per|im|w|i|al)\s(?:mes|mês|mois|monat|maand|månaden|miesiącu|mese)\b"
    r"|\b(?:mensual|mensuel|monatlich|maandelijks|mensal|mensile)\w*",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:maybe|about|around|roughly|approx\w*|probably|perhaps|ish|or so)\b|~|\?", re.IGNORECASE
)
MAX_AMOUNTS = 24  # no owner states more in one message; bounds the work on pathological input
_NOT_MONEY_AFTER = re.compile(
    r"(?:\s?(?:%|percent|per cent|people|persons?|staff|employees|of us|of them|skus?|products|orders|items|units|pieces|"
    r"customers|reviews|x\b|years?\b|yrs?\b|months?\b|mos?\b|mths?\b|wks?\b|weeks?\b|days?\b|hours?\b|hrs?\b|h\b|mins?\b|kg\b|g\b|ml\b|cm\b|mm\b|"
    r"inch|km\b|miles|stars?|times|schools|shops|stores|cafés|cafes|locations|countries|emails|tickets|messages|msgs)"
    r"|/(?:day|week|wk|hour|hr|order|item|unit|piece)\b|[a-zA-Z])",
    re.IGNORECASE,
)
# "grow revenue from €1.800 to €2.700": a change, not a range ("a budget from 100 to 200" is a range)
_CHANGE_FROM = re.compile(
    r"\b(?:want|wants|grow\w*|increas\w*|rais\w*|go|get|reach|boost\w*|improv\w*|lift|push|take|bring|double|"
    r"goal|aim|target)\b[^.;]{0,40}\bfrom\s?$",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^\s?(?:-|–|—|to|and|or)\s?$", re.IGNORECASE)
# two amounts offered as alternatives: "£30? maybe £40", "50, maybe 60", "maybe 50 bucks, 100 tops"
_ALTERNATIVE_JOIN = re.compile(
    r"^\s?[,?/]?\s?(?:or\s)?(?:maybe|perhaps|possibly|up to|max(?:imum)?|at most)\s?$", re.IGNORECASE
)
_TOPS_AFTER = re.compile(r"^\s?(?:tops|top|max(?:imum)?|at (?:the )?most|at a push)\b", re.IGNORECASE)
# a dollar qualified after the amount: "$150 AUD", "50 bucks aussie", "100 bucks a month, Canadian"
_DOLLAR_QUALIFIER = re.compile(
    r"^\s?(?:bucks|dollars?)?\s?(?:(?:a|an|per|/)\s?(?:month|mo|mth|week|year|yr)\b)?\s?,?\s?(?P<q>[A-Za-z]{3,10})\b",
    re.IGNORECASE,
)
_GENERIC_DOLLAR = "USD"
_NATIONAL_DOLLAR = re.compile(
    r"canadian|australian|aussie|kiwi|american|singapore|jamaican|mexican|swiss", re.IGNORECASE
)
PERIOD_WINDOW = (
    40  # characters after an amount read for its period: "180k Aussie dollars last financial year"
)


class Currency(BaseModel):
    code: str = Field(description="ISO 4217 code.")
    symbols: list[str] = Field(description="Symbols and codes written next to a number.")
    words: list[str] = Field(description="Words after a number that name the currency (regular expressions).")


class CurrencyTable(BaseModel):
    default: str
    currencies: list[Currency]

    @classmethod
    def load(cls, knowledge_dir: Path) -> CurrencyTable:
        return cls.model_validate(load_curated(knowledge_dir, "currencies.yaml"))

    @classmethod
    def shipped(cls) -> CurrencyTable:
        """The table shipped with the project (for profile files read outside a configured advisor)."""
        return _shipped()

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        symbols = sorted({s for c in self.currencies for s in c.symbols}, key=len, reverse=True)
        words = sorted({w for c in self.currencies for w in c.words}, key=len, reverse=True)
        symbol = "|".join(re.escape(s) for s in symbols)
        word = "|".join(words)
        return re.compile(
            rf"(?<![\w.,])(?P<pre>{symbol})?\s?"
            r"(?!0\d)(?P<num>\d{1,3}(?:[,.'’\u202f\u00a0]\d{3}){1,4}(?:[.,]\d{1,2})?(?!\d)"
            rf"|\d{{1,3}}(?: \d{{3}}){{1,3}}(?!\d)(?=\s?(?:{symbol}|{word}))|\d{{1,9}}(?:[.,]\d{{1,2}})?(?!\d))"
            r"(?:\s?(?P<mult>k|K|m|M|mn|mln|mio|million|thousand|grand|lakhs?|crores?|millones|mill[oó]n|milh[õo]es|mil|"
            r"tri[ệe]u|tỷ|nghìn|ngàn|milli[óo]|ezer|juta|ribu|rb|lucas|luca)(?!\w))?"
            # "40 millones de pesos", "2 millions of dollars"
            rf"(?:\s?(?P<post>{symbol})(?![a-zA-Z])|\s(?:(?:de|of)\s)?(?P<word>{word})\b)?",
            re.IGNORECASE,
        )

    @cached_property
    def mark(self) -> re.Pattern[str]:
        """A currency symbol, code or word on its own, without an amount ("Kč", "pesos", "€")."""
        symbols = sorted({s for c in self.currencies for s in c.symbols}, key=len, reverse=True)
        words = sorted({w for c in self.currencies for w in c.words}, key=len, reverse=True)
        alternatives = "|".join([*(re.escape(s) for s in symbols), *words])
        return re.compile(rf"(?<![a-zA-Z])(?:{alternatives})(?![a-zA-Z])", re.IGNORECASE)

    def named_alone(self, text: str) -> str | None:
        """The one currency a message names apart from its amount ("150 a month, AUD", "in euros"):
        ISO codes in capitals and currency words; None when it names none or several."""
        codes = {
            c.code
            for c in self.currencies
            if re.search(rf"\b{c.code}\b", text)
            or any(re.search(rf"\b(?:{w})\b", text, re.IGNORECASE) for w in c.words if len(w) > 3)
        }
        return codes.pop() if len(codes) == 1 else None

    def code_of(self, token: str | None) -> str | None:
        """ISO code for a symbol or currency word as written ("€", "quid", "A$"); None when unknown."""
        if not token:
            return None
        low = token.lower()
        for currency in self.currencies:
            if any(low == s.lower() for s in currency.symbols):
                return currency.code
        for currency in self.currencies:
            if any(re.fullmatch(w, low) for w in currency.words):
                return currency.code
        return None


@dataclass(frozen=True)
class Money:
    """An amount as the owner stated it."""

    amount: float
    currency: str | None  # ISO code; None when the owner named none
    period: Period
    start: int
    end: int
    hedged: bool = False
    multiplied: bool = False  # "8k", "2 grand": the range "10-12k" applies it to both ends
    countable: bool = True  # has a currency, multiplier or period (or an amount was asked for)

    @property
    def monthly(self) -> float:
        """Per month: a yearly amount divided by 12; an unstated period counts as monthly."""
        return round(self.amount / 12, 2) if self.period == "year" else self.amount


def _amount(num: str, mult: str | None) -> float | None:
    if num.isdigit():
        value = float(num)
    else:  # separators: let price-parser tell "1.200,50" from "1,200.50" and "2.500"
        parsed = Price.fromstring(num).amount
        if parsed is None:
            return None
        value = float(parsed)
    if mult:
        value *= _MULTIPLIERS[mult.lower().rstrip("s") if mult.lower() not in _MULTIPLIERS else mult.lower()]
    return value


def find_money(text: str, table: CurrencyTable, *, bare: bool = False) -> list[Money]:
    """Every amount of money in ``text``, in reading order.

    A bare number counts only with a currency, a multiplier ("8k") or a period ("2,500 a month"), or
    when ``bare`` is set (the owner was asked for an amount: "maybe 2,000").
    """
    normal = normalize_numbers(text)
    found: list[Money] = []
    mils: set[int] = set()  # where an amount in "mil" with no currency starts
    for match in table.pattern.finditer(normal):
        if len(found) >= MAX_AMOUNTS:
            break
        num, mult = match.group("num"), match.group("mult")
        # the code after the number is the more specific: "$150 AUD"
        currency = (
            table.code_of(match.group("post") or match.group("word"))
            or table.code_of(match.group("pre"))
            or _IMPLIED.get((mult or "").lower().rstrip("s"))
        )
        tail = match.end("mult") if mult else match.end("num")  # the words right after the number
        after = normal[tail : tail + PERIOD_WINDOW]
        if currency in (_GENERIC_DOLLAR, None):
            qualifier = _DOLLAR_QUALIFIER.match(normal[match.end() : match.end() + 32])
            other = table.code_of(qualifier.group("q")) if qualifier else None
            said = qualifier.group("q") if qualifier else ""
            named = (
                said.isupper() or _NATIONAL_DOLLAR.fullmatch(said) is not None
            )  # not "…, try to keep it low"
            if other and (other.endswith("D") if currency else named):
                currency = other  # "50 bucks aussie", "300 a month, Canadian dollars obviously"
        before = normal[max(0, match.start() - 40) : match.start()]
        if _NOT_MONEY_AFTER.match(after) and not (currency or match.group("post") or match.group("word")):
            continue
        period = _period(after, before)
        countable = bool(currency or mult or period != "unspecified" or bare)
        value = _amount(num, mult)
        if value is None:
            continue
        if (mult or "").lower() == "mil" and currency in _MIL_THOUSANDS:
            value /= 1e3
        elif (mult or "").lower() == "mil":
            mils.add(match.start())
        hedged = bool(_HEDGE.search(before[-12:]) or _HEDGE.search(after[:6]))
        found.append(
            Money(value, currency, period, match.start(), match.end(), hedged, bool(mult), countable)
        )
    found = _mil_of_the_next(found, mils, normal)
    # a bare low end counts when it opens a range to a real amount ("10-12k")
    return [m for m in _join_ranges(found, normal) if m.countable]


def _mil_of_the_next(found: list[Money], mils: set[int], text: str) -> list[Money]:
    """ "de 40 mil a 60 mil soles": the currency after the second amount is the first's too, and "mil"
    is a thousand in it."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if (
            first.start in mils
            and first.currency is None
            and second.currency in _MIL_THOUSANDS
            and len(text[first.end : second.start].strip()) <= 3
        ):
            out[i] = replace(first, amount=first.amount / 1e3, currency=second.currency)
    return out


def _join_ranges(found: list[Money], text: str) -> list[Money]:
    """ "100-200", "$100 to $500": one amount at the range's midpoint, its currency and period shared."""
    out: list[Money] = []
    for money in found:
        between = text[out[-1].end : money.start] if out else ""
        if (
            out
            and (
                _RANGE_JOIN.match(between)
                or _ALTERNATIVE_JOIN.match(between)
                or (between.strip() in (",", "?") and _TOPS_AFTER.match(text[money.end : money.end + 16]))
                or (between.strip() == "," and out[-1].currency is None and not out[-1].multiplied)
            )
            and not _CHANGE_FROM.search(text[max(0, out[-1].start - 60) : out[-1].start])
        ):
            low = out.pop()
            low_amount, high_amount = low.amount, money.amount
            if money.multiplied and not low.multiplied and low_amount < money.amount / 100:
                low_amount *= money.amount / _base(money.amount)
            elif low.multiplied and not money.multiplied and high_amount < low.amount / 100:
                high_amount *= low.amount / _base(low.amount)  # "1 millón per month? maybe 1,5"
            out.append(
                Money(
                    round((low_amount + high_amount) / 2, 2),
                    low.currency or money.currency,
                    money.period if money.period != "unspecified" else low.period,
                    low.start,
                    money.end,
                    hedged=True,
                    multiplied=money.multiplied,
                    countable=money.countable,
                )
            )
            continue
        out.append(money)
    return out


@lru_cache(maxsize=1)
def _shipped() -> CurrencyTable:
    from advisor.config import PROJECT_ROOT

    return CurrencyTable.load(PROJECT_ROOT / "knowledge")


def _base(amount: float) -> float:
    """12000 → 12 (the number before its multiplier, for "10-12k")."""
    for factor in (1e6, 1e3):
        if amount >= factor and amount % factor == 0:
            return amount / factor
    return amount


_YEAR_BEFORE = re.compile(
    r"\b(?:annual(?:ly)?|yearly|a year of|(?:last|this|previous|past) (?:financial |fiscal |calendar )?year|in 20\d\d|"
    r"saal ka|saalana|salana|har saal|sal ka)\b",  # Hinglish: "saal ka max 60k rupees"
    re.IGNORECASE,
)


def _period(after: str, before: str) -> Period:
    """The period named nearest after the amount ("12k a month, not a year" is monthly)."""
    year, month = _PER_YEAR.search(after), _PER_MONTH.search(after)
    if year and month:
        return "year" if year.start() < month.start() else "month"
    if year or _YEAR_BEFORE.search(before):  # "last year we did roughly AED 1.5M"
        return "year"
    if month or re.search(r"\bmonthly\b", before, re.I):
        return "month"
    return "unspecified"
