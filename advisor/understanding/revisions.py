"""What the owner takes back inside one message: a value said again after "no wait" or "scratch that"
replaces the first ("we're premium - no wait, mid-market really"); a goal revised with only its figures
keeps its metric ("let's say twenty percent in six months instead")."""

from __future__ import annotations

import re

from advisor.parsing.numbers import normalize_numbers
from advisor.plan.goals import SmartGoal, parse_goal
from advisor.plan.metrics import MetricLexicon
from advisor.understanding.models import JOINED_FIELDS, LIST_FIELDS, Fact

# words that take back what was just said: "we're premium - no wait, mid-market really", "sorry, I meant 25%"
TAKES_BACK = re.compile(
    r"\b(?:sorry|actually|i meant?|correction|oops|my bad|i forgot|forgot to (?:say|mention)|should be|"
    r"make (?:that|it)|scratch that|scrap that|forget that|ignore that|no wait|wait,? no|or rather|instead)\b",
    re.IGNORECASE,
)


def taken_back(facts: list[Fact], message: str) -> list[Fact]:
    """Of two readings of one single-valued field, the later stands when words between them take the
    first back ("earlier I said premium - scrap that, mid-market really"); otherwise the first does."""
    out = facts
    for field in dict.fromkeys(f.field for f in facts):
        if field in LIST_FIELDS or field in JOINED_FIELDS:
            continue
        same = sorted(((message.find(f.quote), f) for f in facts if f.field == field), key=lambda p: p[0])
        if len(same) < 2 or same[0][0] < 0:
            continue
        (first_at, first), (last_at, last) = same[0], same[-1]
        between = message[first_at + len(first.quote) : last_at]
        if last_at > first_at and last.value != first.value and TAKES_BACK.search(between):
            out = [f for f in out if f.field != field or f is last]
    return out


# a goal's figures said again to change them: "scratch the 20%, make it 15%", "let's say 20% instead"
_REVISES = re.compile(
    TAKES_BACK.pattern
    + r"|\b(?:let'?s say|scratch|scrap|change (?:it|that)|rather|too ambitious|more realistic|not \d+\s*%)",
    re.IGNORECASE,
)
# the figure a revision drops: "scratch the 20%", "18 months not 8"
_TAKEN_BACK_FIGURE = re.compile(
    r"\b(?:scratch|scrap|forget|drop|not|instead of|rather than)\s+(?:the\s+)?\d+(?:\s*(?:%|percent|months?|years?))?",
    re.IGNORECASE,
)


def revised_goal(known_goal: str, phrase: str, metrics: MetricLexicon) -> SmartGoal | None:
    """The known goal with the figures a revision gives ("scratch the 20%, make it 15%" keeps its metric
    and deadline), or None when the phrase revises nothing."""
    if not _REVISES.search(phrase):
        return None
    known = parse_goal(known_goal, metrics)
    said = parse_goal(normalize_numbers(_TAKEN_BACK_FIGURE.sub(" ", phrase)), metrics)
    if known.metric is None or (said.target_pct is None and said.timeframe_months is None):
        return None
    return known.model_copy(
        update={
            "target_pct": said.target_pct if said.target_pct is not None else known.target_pct,
            "timeframe_months": said.timeframe_months or known.timeframe_months,
            "deadline_text": None if said.timeframe_months else known.deadline_text,
        }
    )
