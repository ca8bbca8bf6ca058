"""Which amount of money an owner means, and whether it is the AI budget, the revenue or a price.

"could put 200 a month towards it" is a budget, "we turn over about 30k" revenue, "everything's under
£25" a price; of several amounts the one restated ("couple hundred, say 250") or said "for AI"; "kr" and
"pesos" are the crowns and pesos of the owner's country.
"""

from __future__ import annotations

import re

from advisor.parsing.money import CurrencyTable, find_money
from advisor.parsing.money import Money as Amount
from advisor.understanding.models import Context

BUDGET_CUE = re.compile(
    r"\b(?:budget|spend|spending|afford|invest|allocate|set aside|put (?:aside|towards|in)|(?:could|can|would)(?: \w+)? (?:do|go|manage|stretch|put|spare)|"
    r"max(?:imum)?|up to|happy to|willing|towards|for (?:ai|tools|this|software|apps|it)|spare)\b",
    re.IGNORECASE,
)
REVENUE_CUE = re.compile(
    r"\b(?:revenue|turnover|turn(?:ing|ed|s)? over|sales|sell|selling|sold|make(?! it\b)|making|made|earn|earning|bring(?:ing)? in|gmv|income|"
    r"we(?:'re)? (?:do|did|doing)|takings|gross|top line|"
    # other languages: "vendemos como 40 millones", "faturação", "Umsatz", "omzet", "obrót"
    r"vendemos|vendo|facturamos|faturamos|factura\w*|fatura\w*|ventas|vendas|ventes|umsatz|omzet|obr[oó]t|przych[oó]d\w*)\b",
    re.IGNORECASE,
)


# an amount restated more precisely ("couple hundred a month, say two hundred and fifty") or named as
# the AI budget among others ("R$ 800 is for all the marketing, for AI it's R$ 400")
_RESTATED = re.compile(
    r"\b(?:say|make it|make that|call it|or rather|more like|actually|i mean|meant|so|sorry|no wait|scratch that|"
    r"scrap that|correction|typo)\W{0,3}(?:about |around |roughly |it'?s |its )?$",
    re.I,
)
_FOR_AI = re.compile(
    r"\b(?:for|on|towards?) (?:the )?(?:ai|tools|this|software|apps)\b[^.;]{0,20}$", re.IGNORECASE
)


# a currency word several countries use, read by the country named in the message or known already
_LOCAL = {
    "SEK": {"norway": "NOK", "norwegian": "NOK", "denmark": "DKK", "danish": "DKK", "iceland": "ISK"},
    "MXN": {
        "argentin": "ARS", "chile": "CLP", "colombia": "COP", "philippin": "PHP", "filipino": "PHP",
        "uruguay": "UYU", "buenos aires": "ARS", "santiago": "CLP", "bogot": "COP", "manila": "PHP",
    },
}  # fmt: skip
SHARED_WORD = {"SEK": r"\bkr\b", "MXN": r"\bpesos?\b"}
_HOME = {"SEK": "swed", "MXN": "mexic"}


def local_currency(code: str, text: str, regions: list[str]) -> str:
    """Norwegian rather than Swedish crowns, Argentine rather than Mexican pesos, by the owner's country
    (the word's home country, when it is among the owner's, keeps it: "Sweden and Norway" is kronor)."""
    home = _HOME.get(code)
    if home and re.search(rf"\b{home}", text, re.I):
        return code
    for word, local in _LOCAL.get(code, {}).items():
        if re.search(rf"\b{word}", text, re.I):
            return local
    for (
        region
    ) in regions:  # the owner's first market decides: "Sweden, Norway" is kronor, "Norway, Sweden" kroner
        if home and region.lower().startswith(home):
            return code
        found = next((c for w, c in _LOCAL.get(code, {}).items() if region.lower().startswith(w)), None)
        if found:
            return found
    return code


# an amount said to be wrong: "1500 dirhams not 2000", "my brother says 2k is too much"
_REJECTED_BEFORE = re.compile(r"\b(?:not|instead of|rather than|no longer|than)\W{0,3}(?:the\s+)?$", re.I)
_REJECTED_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+)?(?:is|was|'s|are|seems?)?\s*(?:too|way too) (?:much|high|expensive|little|low)"
    r"|^[^.;!?]{0,12}\?\s?(?:no way|nah|nope|no|not a chance|haha no)\b",  # "1 lakh a month? no way"
    re.I,
)


def pick_amount(text: str, amounts: list[Amount], field: str) -> Amount:
    """The amount the owner means when a message holds several."""
    if len(amounts) > 1:
        meant = [
            m
            for m in amounts
            if not _REJECTED_BEFORE.search(text[max(0, m.start - 20) : m.start])
            and not _REJECTED_AFTER.search(text[m.end : m.end + 30])
        ]
        amounts = meant or amounts
    if len(amounts) == 1:
        return amounts[0]
    if field == "budget_monthly":
        for money in amounts:
            if _FOR_AI.search(text[max(0, money.start - 30) : money.start]):
                return money
    restated = [m for m in amounts if _RESTATED.search(text[max(0, m.start - 20) : m.start])]
    return restated[-1] if restated else amounts[0]


_PRICE_CUE = re.compile(
    r"\b(?:under|below|from|starting at|each|apiece|a piece|per (?:item|piece|box|unit|bottle|jar|candle|pair|bag|order)|"
    r"a (?:box|bottle|jar|pair|bag|piece|pop)|priced?|prices?|costs?|cheaper|retails? (?:at|for)|templates? (?:are|is)|"
    r"(?:products?|items?|everything'?s?) (?:are|is|costs?)|average order|aov|basket|starts? (?:at|from)|"
    # "1kg is 32€": the price of a thing
    r"\d\s?(?:kg|g|ml|l|lb|lbs|oz|pcs?|pack)\s+(?:is|are|costs?|for|at|sells? for)\b|"
    # "our sarees are 8k to 40k rupees": what the things cost
    r"(?:our|the|my|a|an) (?!sales|revenue|turnover|income|takings|budget|margin|profit)[a-z]+ (?:are|is|costs?|go for|sells? for|range)|"
    # "Rp 249.000 per pillow", "$90 a lure", "€6,50 a pattern": an amount per thing, not per period
    r"(?:per|a|an|each) (?!month|mo|mth|year|yr|annum|week|wk|day|quarter|go\b|time\b)[a-z]{3,})\b",
    re.IGNORECASE,
)
# a subscription's price: "$49 a month for the box"
_THING_PRICE = re.compile(
    r"\bfor (?:the|a|one|each|every) (?:box|bag|item|piece|unit|bottle|jar|pack|kit|set|bundle|candle|bar|tin|"
    r"subscription|membership|plan)\b",
    re.IGNORECASE,
)
_PER_PERIOD = re.compile(
    r"\b(?:a|per|each|every|/)\s?(?:month|mo|year|yr|annum)\b|\bmonthly\b|\byearly\b|\bannual", re.I
)
REVENUE_WORD = re.compile(
    r"\b(?:revenue|turnover|turn(?:ing|ed|s)? over|sales|gmv|income|takings)\b", re.IGNORECASE
)


_LOSS = re.compile(
    r"\b(?:lost|lose|losing|loss(?:es)?|wasted?|cost(?:s|ing)? (?:us|me)|refunded|chargebacks?|penalt\w*)\b",
    re.IGNORECASE,
)


def money_slot(
    text: str, slot: str, asked: str | None, previous: str | None = None, message: str = ""
) -> str:
    """Budget or revenue: the words around the amount decide; when they do not, the question asked does.
    A price ("everything's under £25", "$39 a box") is neither: "none"."""
    if asked != slot and (
        (_PRICE_CUE.search(text) and not _PER_PERIOD.search(text)) or _THING_PRICE.search(text)
    ):
        return "none"
    if re.search(r"\b(?:budget|afford|spend on (?:ai|tools|this))\b", text, re.IGNORECASE):
        return "budget"
    if _LOSS.search(text) and not REVENUE_WORD.search(text) and asked != slot:
        return "none"  # "lost about ₱40,000 last month": money lost is neither
    budget, revenue = bool(BUDGET_CUE.search(text)), bool(REVENUE_CUE.search(text))
    if budget != revenue:
        return "budget" if budget else "revenue"
    if asked == "budget":
        return "budget"
    if previous in ("budget", "revenue") and asked not in ("budget", "revenue"):
        return previous  # "sorry I meant 1500 CAD per month", just after the budget was answered
    if (
        slot == "budget"
        and asked not in (None, "budget", "confirm")
        and not BUDGET_CUE.search(message or text)
        and not _PER_PERIOD.search(text)
    ):
        return "none"  # "our sarees are 8k to 40k rupees" at another question: neither a word nor a period
    return slot if asked is not None or slot == "revenue" else "revenue"


STATED_MONEY_WORDS = 10


def stated_money_slot(text: str, currencies: CurrencyTable) -> str | None:
    """ "we make about ₦800k monthly": an amount with its currency (or "k"), a period and a word for sales
    is the revenue, whatever else the clause reads as."""
    if len(text.split()) > STATED_MONEY_WORDS:
        return None  # a run-on ("we sell hair oil since 2018 ... sales are 4 lakh a month") says more
    amounts = find_money(text, currencies)
    if not any((m.currency or m.multiplied) and m.period != "unspecified" for m in amounts):
        return None
    if BUDGET_CUE.search(text) or not REVENUE_CUE.search(text):
        return None  # "we already spend $6k a month on ads" is no AI budget: left to the question asked
    return None if _PRICE_CUE.search(text) and not REVENUE_WORD.search(text) else "revenue"


BUDGET_SIZED_USD = 1000.0  # a month, in US dollars: below this an unnamed amount is a budget, not sales
# money per period, not "lost about ₱40,000 last month"
_EVERY_PERIOD = re.compile(
    r"\b(?:a|per|each|every|/)\s?(?:month|mo|mth|year|yr)\b|\bmonthly\b|/\s?(?:mo|month)\b", re.I
)


def placed_money_slot(
    slot: str, text: str, context: Context, currencies: CurrencyTable, usd_per_unit: dict[str, float]
) -> str:
    """The field an amount the slot head placed on budget or revenue goes to: budget, revenue, or "none"
    (a price or a count, not money a month)."""
    slot = money_slot(text, slot, context.asked, context.previous, context.message)
    if (
        context.asked not in (None, "budget", "revenue", "confirm")
        and context.previous not in ("budget", "revenue")
        # "budget" said of the prices at the positioning question names no AI budget
        and not BUDGET_CUE.search(text if context.asked == "market_position" else context.message or text)
        and not REVENUE_CUE.search(context.message or text)
        and all(
            (m.currency is None and not m.multiplied) or m.period == "unspecified"
            for m in find_money(text, currencies)
        )  # "budget po, 199 pesos lang" at the positioning question: a price, not money a month
    ):
        return "none"  # "we're at about 200 a month" at the goal question: orders, not money
    if (
        slot == "revenue"
        and not REVENUE_CUE.search(text)
        and re.search(r"\bbudget\b", context.message, re.I)
        and not REVENUE_WORD.search(context.message)
    ):
        return "budget"  # "all grand except the budget, make it €250 not €200"
    if slot == "revenue" and _budget_sized(text, context, currencies, usd_per_unit):
        return "budget"  # "around 400 shekels a month" with no word for it: too small to be sales
    return slot


def _budget_sized(
    text: str, context: Context, currencies: CurrencyTable, usd_per_unit: dict[str, float]
) -> bool:
    """An amount no word names, said at neither money question, of a size that is a tool budget rather
    than a shop's monthly sales."""
    if context.asked in ("budget", "revenue") or BUDGET_CUE.search(text) or REVENUE_CUE.search(text):
        return False
    amounts = find_money(text, currencies)
    if len(amounts) != 1 or amounts[0].period == "unspecified" or not _EVERY_PERIOD.search(text):
        return False  # "our sarees are 8k to 40k rupees": a price, not money per month
    code = amounts[0].currency or context.currency or currencies.default
    rate = usd_per_unit.get(code)
    return rate is not None and amounts[0].monthly * rate < BUDGET_SIZED_USD
