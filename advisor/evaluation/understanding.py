"""Understanding suite: intent accuracy, slot precision and recall, and value accuracy per message.

A case names the slot the advisor asked, the owner's message, its intent and the facts it states (in
the value format of the dataset header). A fact counts as filed when the understanding layer put any
value in its field; it is correct when the value matches. Fields filed but not expected lower the slot
precision (a misfiled fact). ``products`` and ``currency`` are scored only when a case expects them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycountry
from pydantic import BaseModel, Field

from advisor.evaluation import load_dataset
from advisor.knowledge.lexicons import Rubrics
from advisor.plan.goals import parse_goal
from advisor.plan.metrics import MetricLexicon
from advisor.plan.normalize import assess_maturity
from advisor.understanding.models import Context, Understanding

# churn is the other side of retention: "cut cancellations by 25%" meets a retention goal (the
# dataset metric ids have no churn of their own)
_SAME_GOAL = frozenset({("churn", "retention")})


EXPECTED_FIELD = {
    "niche": "niche", "products": "products", "audience": "audience", "market_position": "market_position",
    "usp": "usp", "goals": "goals", "data": "data_maturity", "tech_stack": "tech_stack", "team": "team",
    "budget": "budget_monthly", "revenue": "monthly_revenue", "pain_points": "pain_points", "regions": "regions",
    "consent": "consent",
}  # fmt: skip
OPTIONAL = {"products"}
ACTS = {"question": "questions", "request": "requests"}


class UtteranceCase(BaseModel):
    id: str
    asked: str | None = None
    text: str
    intent: str
    facts: dict[str, Any] = Field(default_factory=dict)
    ask: list[str] = Field(default_factory=list)


class UnderstandingDataset(BaseModel):
    suite: str = "understanding"
    utterances: list[UtteranceCase] = Field(min_length=1)


class CaseResult(BaseModel):
    id: str
    text: str
    intent_expected: str
    intent_got: str
    intent_ok: bool
    missing: list[str] = Field(description="Expected fields not filed.")
    misfiled: list[str] = Field(description="Fields filed that the case does not expect.")
    wrong_values: dict[str, str] = Field(description="Expected fields filed with a wrong value: got.")
    asks_missing: list[str]


class UnderstandingMetrics(BaseModel):
    cases: int
    intent_accuracy: float
    slot_precision: float
    slot_recall: float
    value_accuracy: float
    clarification_recall: float
    results: list[CaseResult]


def load_understanding_dataset(path: Path) -> UnderstandingDataset:
    return load_dataset(path, UnderstandingDataset)


class ValueChecker:
    """Does a filed value match the expectation written in the dataset?"""

    def __init__(self, knowledge_dir: Path) -> None:
        self.metrics = MetricLexicon.load(knowledge_dir)
        self.maturity = Rubrics.load(knowledge_dir).data_maturity

    def __call__(self, key: str, expected: Any, got: Any, currency: str | None) -> bool:
        if key in ("budget", "revenue"):
            amount_ok = got is not None and abs(float(got) - float(expected["amount"])) <= 0.01 * max(
                1.0, float(expected["amount"])
            )
            return amount_ok and ("currency" not in expected or expected["currency"] == currency)
        if key == "market_position":
            return bool(str(got).lower() == str(expected).lower())
        if key == "consent":
            return bool(consent_level(str(got)) == expected)
        if key == "regions":  # one country under either of its names ("Czech Republic", "Czechia")
            return {_country(r) for r in got} == {_country(r) for r in expected}
        if key == "tech_stack":  # every stated tool found; a further tool the owner named in passing is fine
            return all(any(_same_tool(t, g) for g in got) for t in expected)
        if key == "goals":
            goal = parse_goal(got[0] if isinstance(got, list) else str(got), self.metrics)
            return all(
                (
                    goal.metric == v or (goal.metric, v) in _SAME_GOAL
                    if k == "metric"
                    else goal.target_pct == v
                    if k == "pct"
                    else goal.timeframe_months == v
                )
                for k, v in expected.items()
            )
        if key == "team":
            return team_matches(str(got), expected)
        if key == "data":
            if isinstance(expected, dict):
                level, _ = assess_maturity(str(got), [], self.maturity)
                keywords = expected.get("keywords", [])
                return ("level" not in expected or level == expected["level"]) and _contains(got, keywords)
            return _contains(got, expected)
        return _contains(got, expected)


def _same_tool(expected: str, got: str) -> bool:
    """The tool the dataset names, under the catalogue's fuller name: "WhatsApp" is "WhatsApp Business",
    "Magento" is "Magento / Adobe Commerce"."""
    e, g = expected.lower(), got.lower()
    return e == g or g.startswith(e + " ") or e in (part.strip() for part in g.split("/"))


def _contains(got: Any, keywords: list[str]) -> bool:
    text = " ".join(got) if isinstance(got, list) else str(got)
    return all(k.lower() in text.lower() for k in keywords)


def consent_level(value: str) -> str | None:
    low = value.lower()
    return (
        "yes"
        if low.startswith("yes")
        else "partial"
        if low.startswith("partly")
        else "no"
        if low.startswith("no")
        else None
    )


def team_matches(value: str, expected: dict[str, Any]) -> bool:
    import re

    size = re.match(r"(\d+) (?:person|people)", value)
    got_size = int(size.group(1)) if size else None
    developer = False if "no developer" in value else True if "has a developer" in value else None
    return ("size" not in expected or got_size == expected["size"]) and (
        "developer" not in expected or developer == expected["developer"]
    )


def evaluate_understanding(
    dataset: UnderstandingDataset, understand: Callable[[str, Context], Understanding], knowledge_dir: Path
) -> UnderstandingMetrics:
    check = ValueChecker(knowledge_dir)
    results: list[CaseResult] = []
    filed_total = filed_right = expected_total = found = values_ok = asks_total = asks_found = 0
    for case in dataset.utterances:
        reading = understand(case.text, Context(asked=case.asked))
        fields = reading.patch.fields()
        act = ACTS.get(case.intent)
        intent_ok = reading.intent == case.intent or bool(act and getattr(reading, act))
        expected_fields = {EXPECTED_FIELD[k]: k for k in case.facts}
        filed = {f for f in fields if f != "currency"}
        misfiled = sorted(f for f in filed if f not in expected_fields and f not in OPTIONAL)
        filed_scored = [f for f in filed if f in expected_fields or f not in OPTIONAL]
        filed_total += len(filed_scored)
        filed_right += len(filed_scored) - len(misfiled)
        missing, wrong = [], {}
        for field_name, key in expected_fields.items():
            expected_total += 1
            if field_name not in fields:
                missing.append(key)
                continue
            found += 1
            if check(key, case.facts[key], fields[field_name], reading.patch.currency):
                values_ok += 1
            else:
                wrong[key] = repr(fields[field_name])
        asked_fields = {c.field for c in reading.clarifications}
        asks_missing = [a for a in case.ask if a not in asked_fields]
        asks_total += len(case.ask)
        asks_found += len(case.ask) - len(asks_missing)
        results.append(
            CaseResult(
                id=case.id, text=case.text, intent_expected=case.intent, intent_got=reading.intent, intent_ok=intent_ok,
                missing=missing, misfiled=misfiled, wrong_values=wrong, asks_missing=asks_missing,
            )
        )  # fmt: skip
    n = len(results)
    return UnderstandingMetrics(
        cases=n,
        intent_accuracy=round(sum(r.intent_ok for r in results) / n, 4),
        slot_precision=round(filed_right / filed_total, 4) if filed_total else 1.0,
        slot_recall=round(found / expected_total, 4) if expected_total else 1.0,
        value_accuracy=round(values_ok / found, 4) if found else 1.0,
        clarification_recall=round(asks_found / asks_total, 4) if asks_total else 1.0,
        results=results,
    )


def _country(name: str) -> str:
    """A place's canonical name: the ISO short name of a country, else the name as written."""
    try:
        return str(pycountry.countries.lookup(name).name).lower()
    except LookupError:
        return name.lower()
