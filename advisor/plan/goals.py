"""SMART goal parsing: metric, direction, target and timeframe out of an owner's sentence.

"Increase AOV by 15% within 9 months" → metric aov, increase, 15 %, 9 months, SMART.
"Grow sales" → metric revenue, increase, no target, no deadline: the check names what is missing and
offers one precise follow-up question that quotes the SMART rule.
"""

from __future__ import annotations

import re
from itertools import pairwise

from pydantic import BaseModel, Field

from advisor.parsing.money import CurrencyTable, Money, find_money
from advisor.parsing.numbers import normalize_numbers, parse_duration_months, parse_percent
from advisor.plan.metrics import Direction, MetricLexicon

SMART_RULE = "SMART goals are Specific, Measurable, Achievable, Relevant and Time-bound"

_INCREASE = re.compile(
    r"\b(increas\w*|grow\w*|boost\w*|rais\w*|improv\w*|lift\w*|doubl\w*|tripl\w*|expand\w*|more|higher|up|gain\w*|win|acquir\w*|onboard\w*|land|sign|attract\w*|add|reach|hit)\b",
    re.IGNORECASE,
)
_DECREASE = re.compile(
    r"\b(reduc\w*|cut\w*|decreas\w*|lower\w*|lessen\w*|halv\w*|shrink\w*|drop\w*|fewer|less|minimi[sz]\w*|slash\w*|down)\b",
    re.IGNORECASE,
)
# a currency said with an amount: "from 2m naira to 3m naira", "from R$40 to R$55", "from 40 quid"
_CUR = (
    r"(?:naira|rupees?|rand|pesos?|euros?|dollars?|pounds?|quid|bucks|kr|kronor|kroner|yen|zł|zloty|shillings?|"
    r"ksh|ngn|inr|usd|eur|gbp|aud|cad|nzd|sek|nok|dkk|brl|mxn|zar|jpy|pln|chf|sgd|r\$|[$€£¥₹₦])"
)
_NUM = r"\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)|\d{1,9}(?:\.\d{1,2})?"  # "1.800" and "1,800" are thousands
_FROM_TO = re.compile(
    rf"from\s+~?{_CUR}?\s?(?P<a>{_NUM})(?P<ma>\s?(?:k|m|mn|million|thousand)\b)?\s?(?P<pa>%)?"
    rf"(?:\s?{_CUR}\b)?(?:\s+[a-z]+){{0,3}}?\s+(?:down |up )?to\s+(?:under|below|less than|about|around|over|above|at least)?\s*~?"
    rf"{_CUR}?\s?(?P<b>{_NUM})(?P<mb>\s?(?:k|m|mn|million|thousand)\b)?\s?(?P<pb>%)?",
    re.IGNORECASE,
)
# metrics that are two sides of one goal ("keep subscribers longer" = fewer cancellations)
_TWINS: dict[str, tuple[str, ...]] = {"retention": ("churn",), "acquisition": ("churn", "retention")}
_MULTIPLIER = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "lakh": 1e5, "lakhs": 1e5}
# "only 1.2% of visitors buy, I want 2%": a rate now and the rate wanted, both in percent
_NOW_WANT = re.compile(
    r"\b(?:only|currently|now|today|is|are|at|around|about|sits? at)\s+(?P<a>\d{1,3}(?:\.\d{1,2})?)\s?(?P<pa>%)"
    r"[^.;%]{0,60}?\b(?:want|wants|aim|target|get (?:it |that )?to|reach|hit|hope for|like)\s+(?:them\s+|it\s+|that\s+)?(?:to\s+)?(?:be\s+|get\s+|reach\s+)?"
    r"(?:at\s+|about\s+|around\s+)?(?P<b>\d{1,3}(?:\.\d{1,2})?)\s?(?P<pb>%)",
    re.IGNORECASE,
)
# "hit 2 lakh a month by diwali, now around 1.2 lakh": the amount wanted, then today's
_WANT_NOW = re.compile(
    rf"\b(?:hit|reach|get to|grow to|go to|make)\s+{_CUR}?\s?(?P<b>{_NUM})(?P<mb>\s?(?:k|m|mn|million|thousand|lakhs?)\b)?"
    rf"[^.;%]{{0,60}}?\b(?:now|currently|today|at the moment|(?:we'?re|were|we are|sitting|its|it'?s)(?=\s+at\b))\s+(?:it'?s\s+|we'?re\s+|we do\s+|we are\s+)?(?:around|about|at|~|roughly|like|maybe)?\s*"
    rf"{_CUR}?\s?(?P<a>{_NUM})(?P<ma>\s?(?:k|m|mn|million|thousand|lakhs?)\b)?(?P<pa>)(?P<pb>)",
    re.IGNORECASE,
)
# a share of sales wanted, then today's: "30% of sales from our own site, now its 10%"
_SHARE = r"(?:sales|revenue|orders|turnover|business)"
_SHARE_WANT_NOW = re.compile(
    rf"(?P<b>\d{{1,2}}(?:\.\d)?)\s?(?P<pb>%)\s+of\s+(?:our\s+|all\s+|total\s+|the\s+)?{_SHARE}\b[^.;%]{{0,60}}?"
    r"\b(?:now|currently|today|rn|right now|at the moment|atm|at present)\b[^\d%]{0,20}?(?P<a>\d{1,2}(?:\.\d)?)\s?(?P<pa>%)",
    re.IGNORECASE,
)
_SHARE_CHANNEL = re.compile(
    rf"%\s+of\s+(?:our\s+|all\s+|total\s+|the\s+)?{_SHARE}\s+(?:(?:are|is|come|comes|coming|go|goes|going|to\s+come)\s+)?"
    r"(?:from|through|thru|via|on|at|in)\s+(?P<channel>(?:our\s+|the\s+)?(?:own\s+)?(?!(?:next|the|a|an|\d)\b)[^\W\d_][\w.'-]*(?:\s+(?:site|store|shop|website|app))?)",
    re.IGNORECASE,
)
# "300 subscribers on recharge, want 450": a count now and the count wanted
_COUNT_NOW_WANT = re.compile(
    r"\b(?P<a>\d{1,7})\s+[^.;%\d]{0,50}?\b(?:want|wants|aim|hope|target|goal is|get to|reach|hit|to)\s+"
    r"(?:to\s+)?(?:get\s+|reach\s+|hit\s+|have\s+)?(?:to\s+)?(?P<b>\d{1,7})\b(?!\s*(?:%|percent|months?|weeks?|years?|days?))",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"\b(by|before|until|till|in time for)\s+(the\s+)?((?:the\s+)?(?:end|start|beginning|middle) of\s+(the\s+)?"
    r"(?:year|quarter|month|(?:next\s+|this\s+)?(?:q[1-4]|summer|spring|autumn|fall|winter|20\d\d))|"
    r"(?:next\s+|this\s+)?(?:q[1-4]|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"christmas|xmas|black friday|easter|summer|spring|autumn|fall|winter)|next (year|quarter)|20\d\d)\b",
    re.IGNORECASE,
)
_PERCENT_OR_FRACTION = re.compile(r"\d\s*(%|percent|per cent)|double|triple|halve|half|third|quarter", re.I)
_COUNT_BEFORE = re.compile(
    r"(?:\b(to)\s+)?\b(\d{1,3}(?:,\d{3})+|\d{1,7})\s+(?:(?:more|extra|additional|new|active)\s+)?$", re.I
)
# the same count said after the metric, as the plan restates it: "Increase new customers by 20"
_COUNT_AFTER = re.compile(
    r"^\s*by\s+(\d{1,3}(?:,\d{3})+|\d{1,7})\b(?!\s*(?:%|percent|per ?cent|pts?|points))", re.I
)
# between today's amount and the one wanted: "we did €90k last year, want €135k"
_WANTED = re.compile(
    r"\b(?:want|wants|wanna|aim|aiming|target|hope|hoping|goal|to reach|get to|grow to|reach)\b", re.I
)
_YEAR = re.compile(r"20\d\d")
_WANTED_BEFORE = re.compile(
    r"\b(?:want|wants|wanna|aim|aiming|target|hope|hoping|goal|reach|hit|get to|grow to|make|to)\b[^.;!?]{0,25}$",
    re.I,
)
_MONEY_SAID = re.compile(rf"(?<![a-z]){_CUR}(?![a-z])|\d\s?(?:k|m)\b", re.IGNORECASE)
MAX_PLAUSIBLE_PCT = 300.0
# amounts in a goal ("to 20k a month") matter, not their currency: symbols are read as separators
_CURRENCIES = CurrencyTable(default="USD", currencies=[])


class SmartCheck(BaseModel):
    """Which SMART properties a goal has, and what is missing in plain words."""

    specific: bool = Field(description="Names a metric and a direction.")
    measurable: bool = Field(description="Has a number to hit.")
    achievable: bool = Field(description="The number is within what such initiatives plausibly move.")
    relevant: bool = Field(description="The metric is an e-commerce outcome the advisor knows.")
    time_bound: bool = Field(description="Has a deadline.")
    missing: list[str] = Field(default_factory=list, description="What the goal lacks, in plain words.")

    @property
    def ok(self) -> bool:
        return not self.missing


class SmartGoal(BaseModel):
    """A goal parsed into its SMART parts."""

    text: str = Field(description="The goal as the owner stated it.")
    metric: str | None = Field(None, description="Primary metric id (knowledge/metrics.yaml).")
    metric_name: str | None = Field(None, description="Readable name of the primary metric.")
    secondary_metrics: list[str] = Field(default_factory=list, description="Other metrics the goal names.")
    direction: Direction | None = Field(None, description="Whether the metric should go up or down.")
    target_pct: float | None = Field(None, description="Relative change aimed for, in percent.")
    target_points: float | None = Field(None, description="Change in percentage points ('from 70% to 55%').")
    baseline_value: float | None = Field(None, description="Starting value when stated.")
    target_value: float | None = Field(None, description="Absolute value aimed for when stated.")
    target_count: float | None = Field(
        None, description="How many more to add when the goal counts them ('sign 20 new accounts')."
    )
    share_of: str | None = Field(
        None, description="The channel whose share of all sales the goal raises ('our own site')."
    )
    timeframe_months: float | None = Field(None, description="Deadline in months from now.")
    deadline_text: str | None = Field(None, description="A calendar deadline ('by Q4') kept as written.")
    check: SmartCheck
    follow_up: str | None = Field(None, description="One precise question that would complete the goal.")

    @property
    def is_smart(self) -> bool:
        return self.check.ok

    def restated(self) -> str:
        """A one-line SMART restatement ("Increase average order value by 15% within 9 months")."""
        if not (self.metric_name and self.direction):
            return self.text
        verb = "Increase" if self.direction == "increase" else "Reduce"
        subject = self.metric_name
        if self.share_of:
            channel = re.sub(r"^(?:our\s+)?(?:own\s+)?", "", self.share_of)
            subject = f"the share of sales through {'our own ' if 'own' in self.share_of else 'our ' if self.share_of.startswith('our') else ''}{channel}"
        if (
            self.target_points is not None
            and self.baseline_value is not None
            and self.target_value is not None
        ):
            amount = f" from {self.baseline_value:g}% to {self.target_value:g}%"
        elif self.target_pct is not None:
            amount = f" by {self.target_pct:g}%"
        elif self.target_value is not None:
            amount = f" to {self.target_value:,.0f}"
        elif self.target_count is not None:
            amount = f" by {self.target_count:,.0f}"
        else:
            amount = ""
        if self.timeframe_months is not None:
            when = f" within {self.timeframe_months:g} months"
        elif self.deadline_text:
            when = f" {self.deadline_text}"
        else:
            when = ""
        return f"{verb} {subject}{amount}{when}"


def _number(text: str) -> float:
    """ "1.800", "1,800" → 1800; "2.5" → 2.5."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text)


def _direction(text: str, default: Direction | None) -> Direction | None:
    """The direction word closest before the end of ``text`` (the words leading up to the metric)."""
    ups = [m.start() for m in _INCREASE.finditer(text)]
    downs = [m.start() for m in _DECREASE.finditer(text)]
    if ups or downs:
        return "increase" if max(ups, default=-1) > max(downs, default=-1) else "decrease"
    return default


def _clause_for(text: str, start: int, end: int, next_start: int) -> str:
    """The words that belong to one metric mention: from the previous clause break to the next metric."""
    breaks = [m.end() for m in re.finditer(r"\b(and|while|plus|also)\b|[;,]", text[:start])]
    return text[(breaks[-1] if breaks else 0) : next_start]


def parse_goal(text: str, lexicon: MetricLexicon) -> SmartGoal:
    """Parse one goal sentence. Never invents: what is not in the text stays None and is named missing."""
    clean = lexicon.spelled(re.sub(r"\s+", " ", normalize_numbers(text)).strip())
    mentions = lexicon.mentions(clean)
    metrics = [m for _, _, m in mentions]
    primary = metrics[0] if metrics else None
    # With several metrics ("cut resolution time by 30% and lift repeat purchases by 10%") the
    # direction and the number are read from the primary metric's own clause.
    scope = clean
    if len(mentions) > 1:
        scope = _clause_for(clean, mentions[0][0], mentions[0][1], mentions[1][0])
        if not _PERCENT_OR_FRACTION.search(scope):
            following = clean[mentions[0][1] : mentions[2][0] if len(mentions) > 2 else len(clean)]
            if _PERCENT_OR_FRACTION.search(following) and mentions[1][2].id in _TWINS.get(primary.id, ()):  # type: ignore[union-attr]
                # "keep subscribers longer - cut cancellations by 25%": the number is the churn's, and
                # churn is the other side of retention
                mentions = mentions[1:]
                primary = mentions[0][2]
                metrics = [m for _, _, m in mentions]
            scope = clean
    direction = _direction(clean[: mentions[0][0]] if mentions else clean, None) or _direction(
        scope, primary.direction if primary else None
    )

    target_pct = target_points = baseline = target_value = None
    money: list[Money] = []
    share = _SHARE_WANT_NOW.search(scope)
    from_to = share or _FROM_TO.search(scope) or _NOW_WANT.search(scope) or _WANT_NOW.search(scope)
    channel = _SHARE_CHANNEL.search(scope) if share or from_to else None
    if (channel or share) and primary is None:
        primary = lexicon.get("revenue")  # a channel's share of sales is that channel's revenue
        metrics = [primary]
    if from_to:
        baseline, target_value = _number(from_to.group("a")), _number(from_to.group("b"))
        if "ma" in from_to.groupdict():  # "from 2m to 3m", "from 800k to 1.2m"
            baseline *= _MULTIPLIER.get((from_to.group("ma") or "").strip().lower(), 1)
            target_value *= _MULTIPLIER.get((from_to.group("mb") or "").strip().lower(), 1)
        if from_to.group("pa") or from_to.group("pb"):
            target_points = round(abs(target_value - baseline), 2)
        if baseline:
            target_pct = round(abs(target_value - baseline) / baseline * 100, 1)
        direction = "increase" if target_value > baseline else "decrease"
    else:
        target_pct = parse_percent(scope)
        money = find_money(scope, _CURRENCIES) if target_pct is None else []
        # today's amount, then the one wanted ("we did €90k last year, want €135k"; "average order is
        # 800 Kč, want 1000 Kč": symbols are separators here, so bare amounts count)
        pair = find_money(scope, _CURRENCIES, bare=True) if target_pct is None else []
        wanted = next(((a, b) for a, b in pairwise(pair) if _WANTED.search(scope[a.end : b.start])), None)
        if wanted is not None and wanted[0].amount and not _YEAR.fullmatch(f"{wanted[1].amount:g}"):
            baseline, target_value = wanted[0].amount, wanted[1].amount
            target_pct = round(abs(target_value - baseline) / baseline * 100, 1)
            direction = "increase" if target_value > baseline else "decrease"
            money = money or [wanted[1]]
        elif money:
            target_value = money[0].monthly
    money = money or find_money(scope, _CURRENCIES)
    target_at = next((m for m in money if m.amount == target_value or m.monthly == target_value), None)
    if (
        primary is None
        and target_at is not None
        and _MONEY_SAID.search(scope)
        and _WANTED_BEFORE.search(scope[max(0, target_at.start - 30) : target_at.start])
    ):
        primary = lexicon.get("revenue")  # an amount of money wanted is sales ("want €135k next year")
        metrics = [primary]
    target_count = None
    counted = _COUNT_NOW_WANT.search(clean) if primary is not None and primary.kind == "amount" else None
    if (
        target_pct is None
        and target_value is None
        and counted
        and int(counted.group("b")) > int(counted.group("a"))
    ):
        baseline, target_value = float(counted.group("a")), float(counted.group("b"))  # "300 now, want 450"
        target_pct = round((target_value - baseline) / baseline * 100, 1) if baseline else None
        direction = "increase"
    if target_pct is None and target_value is None and primary is not None and primary.kind == "amount":
        # a count said just before the metric: "sign 20 new café accounts", "500 more subscribers"
        count = _COUNT_BEFORE.search(clean[max(0, mentions[0][0] - 40) : mentions[0][0]])
        if count and count.group(1):  # "grow to 1,000 subscribers": the number to reach
            target_value = float(count.group(2).replace(",", ""))
        elif count:
            target_count = float(count.group(2).replace(",", ""))
        elif after := _COUNT_AFTER.match(clean[mentions[0][1] :]):
            target_count = float(after.group(1).replace(",", ""))
    timeframe = parse_duration_months(clean)
    deadline = _DEADLINE.search(clean)
    deadline_text = deadline.group(0) if deadline and timeframe is None else None

    specific = primary is not None and direction is not None
    measurable = target_pct is not None or target_value is not None or target_count is not None
    time_bound = timeframe is not None or deadline_text is not None
    achievable = True
    missing: list[str] = []
    if primary is None:
        missing.append(
            "a specific metric (for example average order value, conversion rate or repeat purchases)"
        )
    if not measurable:
        missing.append("a number to hit (for example 'by 15%')")
    if not time_bound:
        missing.append("a deadline (for example 'within 9 months')")
    if target_pct is not None and target_pct > MAX_PLAUSIBLE_PCT:
        achievable = False
        missing.append(
            f"an achievable target ({target_pct:g}% is far beyond what AI initiatives typically move)"
        )
    if primary and primary.kind == "rate" and target_value is not None and from_to and target_value > 100:
        achievable = False
        missing.append("an achievable target (a rate cannot exceed 100%)")
    check = SmartCheck(
        specific=specific,
        measurable=measurable,
        achievable=achievable,
        relevant=primary is not None,
        time_bound=time_bound,
        missing=missing,
    )
    return SmartGoal(
        text=clean,
        metric=primary.id if primary else None,
        metric_name=primary.name if primary else None,
        secondary_metrics=[m.id for m in metrics[1:]],
        direction=direction,
        target_pct=target_pct,
        target_points=target_points,
        baseline_value=baseline,
        target_value=target_value,
        target_count=target_count,
        share_of=channel.group("channel").lower() if channel and target_points is not None else None,
        timeframe_months=timeframe,
        deadline_text=deadline_text,
        check=check,
        follow_up=follow_up_question(clean, check, primary.name if primary else None),
    )


def follow_up_question(text: str, check: SmartCheck, metric_name: str | None) -> str | None:
    """One precise question for the first missing SMART property, quoting the rule."""
    if check.ok:
        return None
    subject = metric_name or "it"
    if not check.specific and not check.relevant:
        return (
            f"{SMART_RULE}. Which number in your shop should “{text}” move — "
            "for example revenue, average order value, conversion rate or repeat purchases?"
        )
    if not check.measurable:
        return f"{SMART_RULE}. By how much do you want to change {subject} — for example “by 15%”?"
    if not check.time_bound:
        return f"{SMART_RULE}. By when do you want to reach that — for example “within 9 months”?"
    if not check.achievable:
        missing = check.missing[-1]
        return (
            f"{SMART_RULE}. {missing[0].upper()}{missing[1:]}: what target would be realistic for {subject}?"
        )
    return None
