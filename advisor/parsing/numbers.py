"""Numbers in owners' words: number words, percentages, fractions and durations.

Number words go through ``text2num`` ("fifteen hundred" → 1500, "twenty five percent" → 25 percent),
plus the few forms it leaves alone ("two grand", "a couple hundred", "two and a half", "a third").
Every pattern here has bounded repetition and no nested quantifiers, so each runs in linear time.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3,
    "several": 3, "a dozen": 12, "dozen": 12, "a": 1, "an": 1,
}  # fmt: skip
_SMALL_WORDS = "|".join(sorted((re.escape(w) for w in SMALL if w not in ("a", "an")), key=len, reverse=True))
_HALF = re.compile(rf"\b(?P<n>\d+|{_SMALL_WORDS}) and a half\b", re.IGNORECASE)
_BEFORE_MULT = re.compile(
    rf"\b(?P<n>{_SMALL_WORDS}|a|an)\s+(?P<m>grand|hundred|thousand|k|million|lakhs?|crores?)\b", re.IGNORECASE
)
# "twenty-five thousand": the five belongs to the twenty, and text2num reads the whole number
_TENS_BEFORE = re.compile(r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]$", re.IGNORECASE)
_PEOPLE = re.compile(
    rf"\b(?P<n>{_SMALL_WORDS})\s+(?=(?:of us|people|persons?|staff|employees|founders|partners|"
    r"freelancers?|assistants?|part[- ]timers?|full[- ]timers?|developers?|devs|guys|women|men|sisters|brothers|"
    r"friends|sons|daughters|cousins|kids|colleagues|workers|helpers|packers|interns|students|admins|drivers|riders|"
    r"makers|bakers|designers|photographers|sewers|sewists|seamstresses|tailors|weavers|knitters|"
    r"months?|weeks?|years?|quarters?|days?)\b)",
    re.IGNORECASE,
)
_COUPLE = re.compile(r"\b(?:a\s+)?couple(?:\s+of)?\s+hundred\b", re.IGNORECASE)
_HUNDREDS_AND = re.compile(r"\b([1-9]\d{0,2}00) and ([1-9]\d?)\b(?!\s*%)")
_GLUED = re.compile(r"\b(\d{1,4})(hundred|thousand|million|grand)\b", re.IGNORECASE)
# "350 mil pesos" is 350 thousand (Spanish, Portuguese): left to the money reader, which knows the currency
_BIG = re.compile(
    r"\b(\d{1,4}(?:[.,]\d{1,2})?)\s?(million|mil(?!\s+(?:pesos?|reais|reals?|euros?|soles))(?!\s?(?:a|to|-|–|y|e)\s?\d{1,4}\s?mil\b)|mn|thousand)\b",
    re.IGNORECASE,
)
_THOUSANDS_MIL = re.compile(r"(?:R\$|COP|MXN|CLP|ARS|BRL|PEN|S/|₱|€|\$)\s?$", re.IGNORECASE)
# an isolated "a third" or "five" stays a word (fractions, "one of a kind"); groups convert
ISOLATED_KEPT = 12
_SCALED = re.compile(r"\b(\d{1,4}) (hundred|thousand)\b", re.IGNORECASE)
_FRACTIONS = (
    (re.compile(r"\b(?:double|doubl(?:e|ed|ing)|2x|x ?2|twice)\b", re.I), 100.0),
    (re.compile(r"\b(?:triple|tripl(?:e|ed|ing)|3x|x ?3)\b", re.I), 200.0),
    (re.compile(r"\b(?:halve|halving|by half|in half|half as many)\b", re.I), 50.0),
    (re.compile(r"\b(?:by a third|one third|a third)\b", re.I), 33.3),
    (re.compile(r"\b(?:by a quarter|one quarter|a quarter)\b(?! of a year)", re.I), 25.0),
)
_PERCENT = re.compile(
    r"(?<![\d.])(?P<num>\d{1,4}(?:[.,]\d{1,2})?)\s?(?:%|percent\b|per cent\b|pct\b|percentage points?\b)",
    re.I,
)
_CHANGE_BEFORE = re.compile(
    r"\b(?:by|down|up|cut|reduce|lower|increase|grow|lift|raise|improve|boost|want|wants|aim|target)\b"
    r"(?:\s+(?:that|it|this|them))?(?:\s+by)?\s*[+-]?$|(?<![\w.])[+]$",
    re.IGNORECASE,
)
_UNIT_MONTHS = {
    "day": 1 / 30, "week": 0.25, "wk": 0.25, "month": 1.0, "mo": 1.0, "mth": 1.0, "quarter": 3.0, "year": 12.0,
    "yr": 12.0,
}  # fmt: skip
# the same units in the owners' other languages: "nos próximos 6 meses", "en 6 mois", "in 6 Monaten"
_FOREIGN_UNIT = {
    "month": r"meses|mês|mes|mois|monate?n?|mesi|mese|miesi[eę]c[ey]?|miesięcy|månader|månad|maanden|maand|bulan|buwan",
    "week": r"semanas?|semaines?|wochen|woche|settimane|settimana|tygodni(?:e)?|veckor|weken|minggu|linggo",
    "year": r"anos?|años?|ans|jahre?n?|anni|anno|lat|år|jaar|tahun|taon",
}
_DURATION = re.compile(
    r"(?<![\d.])(?P<n>\d{1,3}(?:[.,]\d{1,2})?|half an?|half)\s?-?\s?(?P<unit>days?|weeks?|wks?|months?|mos?|mths?|"
    r"quarters?|years?|yrs?|" + "|".join(_FOREIGN_UNIT.values()) + r")(?!\w)",
    re.IGNORECASE,
)
_DEADLINE_BEFORE = re.compile(
    r"\b(?:within|in|by|over|next|the next|inside|before)\s+(?:the\s+)?(?:next\s+)?$", re.IGNORECASE
)
_YEAR_PHRASE = re.compile(
    r"\b(?:this|next|within a|in a|over the next|within the next|in the next|by next|over a|on a|in one|within one)\s+(?:year|yr)\b"
    r"|\bnext 12\b|\bin a year'?s time\b"
    r"|\b(?:en|em|dans|entro|binnen|dalam|på|inom|w)\s+(?:un|una|um|uma|een|satu|ett|ein|jeden|1)\s+"
    r"(?:year|año|ano|an|anno|jaar|tahun|år|jahr|rok)\b",
    re.IGNORECASE,
)
_HALF_YEAR = re.compile(r"\b(?:half a year|half-year|six months)\b", re.IGNORECASE)
_QUARTER_PHRASE = re.compile(
    r"\b(?:this|next|within a|in a|by (?:the )?end of (?:the |next )?)\s?quarter\b", re.I
)


def normalize_numbers(text: str) -> str:
    """``text`` with number words as digits: "two and a half grand" → "2.5 grand", "three of us" → "3 of us"."""

    def small(word: str) -> str:
        value = SMALL.get(word.lower())
        return str(value) if value is not None else word

    spelled = re.search(r"\bhundred and\b", text, re.IGNORECASE) is not None
    text = _COUPLE.sub("200", text)  # "a couple hundred"
    text = _HALF.sub(lambda m: f"{small(m.group('n'))}.5", text)
    text = _BEFORE_MULT.sub(
        lambda m: (
            m.group(0)
            if _TENS_BEFORE.search(m.string[max(0, m.start() - 8) : m.start()])
            else f"{small(m.group('n'))} {m.group('m')}"
        ),
        text,
    )
    text = _PEOPLE.sub(lambda m: f"{small(m.group('n'))} ", text)
    text = _GLUED.sub(r"\1 \2", text)
    text = _BIG.sub(_big, text)
    text = _SCALED.sub(_scale, text)
    converted: str = alpha2digit(text, "en", threshold=ISOLATED_KEPT)
    # "two hundred and fifty" comes out as "200 and 50": one number
    if not spelled:
        return converted
    return _HUNDREDS_AND.sub(lambda m: str(int(m.group(1)) + int(m.group(2))), converted)


def _big(match: re.Match[str]) -> str:
    word = match.group(2).lower()
    if word == "mil" and _THOUSANDS_MIL.search(match.string[max(0, match.start() - 4) : match.start()]):
        return match.group(0)  # "R$45 mil" is 45 thousand reais: left to the money reader
    return match.group(1) + ("m" if word.startswith("m") else "k")


def _scale(match: re.Match[str]) -> str:
    factor = 100 if match.group(2).lower() == "hundred" else 1000
    return str(int(match.group(1)) * factor)


def parse_number(token: str) -> float | None:
    """``"1,5"`` → 1.5, ``"12"`` → 12, ``"three"`` → 3; None if not a number."""
    word = token.strip().lower()
    if word in SMALL:
        return float(SMALL[word])
    if word.startswith("half"):
        return 0.5
    try:
        return float(word.replace(",", "."))
    except ValueError:
        return None


def parse_percent(text: str) -> float | None:
    """The percentage aimed for ("15%", "10 percent") or fraction word ("double" → 100) in ``text``: of
    several, the one a change word leads to ("11% cancel every month, I want that down 30%" → 30)."""
    matches = list(_PERCENT.finditer(text))
    if matches:
        aimed = [m for m in matches if _CHANGE_BEFORE.search(text[max(0, m.start() - 24) : m.start()])]
        fraction = next((value for pattern, value in _FRACTIONS if pattern.search(text)), None)
        if not aimed and fraction is not None:
            return (
                fraction  # "around 15 percent returns ... bring them down by half": the level, then the aim
            )
        match = aimed[0] if aimed and len(matches) > 1 else matches[0]
        return float(match.group("num").replace(",", "."))
    for pattern, value in _FRACTIONS:
        if pattern.search(text):
            return value
    return None


def _unit(word: str) -> str:
    low = word.lower()
    for unit, pattern in _FOREIGN_UNIT.items():
        if re.fullmatch(pattern, low):
            return unit
    return low.rstrip("s")


def parse_duration_months(text: str) -> float | None:
    """The first duration in ``text`` in months ("within 2 quarters" → 6, "next year" → 12)."""
    # a deadline before a description: "people sign up for 3 months ... down 20% within 6 months" is 6
    durations = list(_DURATION.finditer(text))
    deadlines = [m for m in durations if _DEADLINE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])]
    match = deadlines[0] if deadlines else durations[0] if durations else None
    if match:
        n = parse_number(match.group("n"))
        unit = _unit(match.group("unit"))
        if n is not None:
            return round(n * _UNIT_MONTHS[unit], 2)
    if _HALF_YEAR.search(text):
        return 6.0
    if _YEAR_PHRASE.search(text):
        return 12.0
    if _QUARTER_PHRASE.search(text):
        return 3.0
    return None
