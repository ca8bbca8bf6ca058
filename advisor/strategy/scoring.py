"""STRIVE, RICE, ICE and the value-vs-effort quadrant, computed by a transparent rubric.

STRIVE (each 1-5):
  S  5 = moves the primary goal's metric directly (one of the initiative's two strongest metrics),
     4 = moves the primary goal's metric, 3 = moves another stated goal; 2 otherwise; +1 when it answers
     a stated pain point (max 5). With no goal stated: 4 with a pain-point match, else 2.
  T  5 − 2 × (data-maturity levels short of the scope's need) − (skill levels short); min 1.
  R  from benefit/cost at stated revenue: ≥4 → 5, ≥2 → 4, ≥1.2 → 3, ≥0.8 → 2, else 1; with revenue
     unknown from the benefit share of revenue (≥1.2% → 4, ≥0.6% → 3, ≥0.2% → 2, else 1); −1 when the
     scope's lowest cost exceeds the budget.
  I  5 − 2 per missing critical integration − 1 per two missing optional ones; min 1.
  V  the catalogue's vendor-ecosystem maturity.
  E  5 − inherent risk − 1 when personal data meets a sensitive niche (health, children, finance).
RICE = reach × impact × confidence / effort; ICE = impact × confidence × ease (each 1-10).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from advisor.knowledge.references import SourceRef
from advisor.plan.models import (
    CRITERIA,
    Criterion,
    CriterionScore,
    Ice,
    PriorityScores,
    Quadrant,
    Rice,
    StriveAnalysis,
)
from advisor.plan.normalize import Normalized
from advisor.strategy.catalogue import Initiative, Scope
from advisor.strategy.roi import RoiInputs, project, value_ratio

TEAM_ORDER = ["low", "medium", "high"]
EFFORT_FACTOR = {"low": 1.5, "medium": 1.0, "high": 0.8}
SENSITIVE_NICHE = re.compile(
    r"\b(health\w*|medical|pharma\w*|supplements?|vitamins?|wellness|baby|babies|kids?|children|child|toys?|"
    r"finance|financial|loans?|insurance|adult|dating|religio\w*)\b",
    re.IGNORECASE,
)
DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(CRITERIA, 1.0)


def clamp(value: float, low: int = 1, high: int = 5) -> int:
    return int(max(low, min(high, round(value))))


def parse_weights(text: str | None) -> dict[str, float]:
    """``"S=2,T=1.5"`` → full weight map (others stay 1). Raises ValueError naming the bad part."""
    weights = dict(DEFAULT_WEIGHTS)
    if not text:
        return weights
    for part in text.split(","):
        if not part.strip():
            continue
        key, _, value = part.partition("=")
        key = key.strip().upper()[:1]
        if key not in CRITERIA or not value.strip():
            raise ValueError(f"bad weight {part.strip()!r}: use LETTER=NUMBER with letters from S,T,R,I,V,E")
        try:
            number = float(value)
        except ValueError as exc:
            raise ValueError(f"bad weight {part.strip()!r}: {value.strip()!r} is not a number") from exc
        if number < 0 or not math.isfinite(number):
            raise ValueError(f"bad weight {part.strip()!r}: weights must be zero or positive")
        weights[key] = number
    if sum(weights.values()) <= 0:
        raise ValueError("at least one weight must be positive")
    return weights


@dataclass
class Candidate:
    """One catalogue initiative scored for one business."""

    initiative: Initiative
    phase: str
    scope: Scope
    strive: StriveAnalysis
    priority: PriorityScores
    pain_hits: list[str]
    goals_served: list[str]
    drawbacks: list[str]

    def score(self, code: Criterion) -> int:
        return next(c.score for c in self.strive.criteria if c.criterion == code)


def choose_phase(initiative: Initiative, n: Normalized) -> tuple[str, Scope]:
    """The advanced scope only when data, skills and budget are already there; else the starter scope."""
    adv = initiative.advanced
    ready = (
        n.maturity >= adv.min_data_maturity
        and TEAM_ORDER.index(n.team) >= TEAM_ORDER.index(initiative.skill_needed)
        and n.budget is not None
        and n.budget >= adv.cost_monthly_usd[0]
    )
    return ("advanced", adv) if ready else ("starter", initiative.starter)


def pain_matches(initiative: Initiative, n: Normalized) -> list[str]:
    texts = n.profile.pain_points or []
    hits: list[str] = []
    for pain in texts:
        if any(re.search(rf"\b(?:{cue})", pain, re.IGNORECASE) for cue in initiative.pain_cues):
            hits.append(pain)
    return hits


def _goal_phrase(n: Normalized) -> str:
    return n.goals[0].restated() if n.goals else "no goal stated yet"


def _strategic(initiative: Initiative, n: Normalized, pains: list[str]) -> tuple[int, str, list[str]]:
    goal_metrics = [g.metric for g in n.goals if g.metric]
    served = [m for m in goal_metrics if m in initiative.goals]
    served += [m for g in n.goals for m in g.secondary_metrics if m in initiative.goals and m not in served]
    pain_note = f" It answers your pain point “{pains[0]}”." if pains else ""
    if not goal_metrics:
        score = 4 if pains else 2
        return (
            score,
            f"No SMART goal stated yet; fit judged on pain points.{pain_note or ' No stated pain point matches.'}",
            served,
        )
    primary = goal_metrics[0]
    if primary in initiative.goals[:2]:
        score, why = 5, f"Directly moves the metric of your goal “{_goal_phrase(n)}”."
    elif primary in initiative.goals:
        score, why = 4, f"Moves the metric of your goal “{_goal_phrase(n)}”, though not its main lever."
    elif served:
        score, why = (
            3,
            f"Serves your other goal metric(s) {', '.join(served)}, not the primary goal “{_goal_phrase(n)}”.",
        )
    else:
        score, why = 2, f"Does not move your goal “{_goal_phrase(n)}” directly."
    if pains:
        score = min(5, score + 1)
    return score, why + pain_note, served


def _technical(initiative: Initiative, scope: Scope, phase: str, n: Normalized) -> tuple[int, str]:
    gap = max(0, scope.min_data_maturity - n.maturity)
    skill_gap = max(0, TEAM_ORDER.index(initiative.skill_needed) - TEAM_ORDER.index(n.team))
    score = clamp(5 - 2 * gap - skill_gap)
    data = (
        f"The {phase} scope ({scope.scope}) needs data maturity {scope.min_data_maturity}; "
        f"yours is {n.maturity} ({n.maturity_name}: {n.maturity_plain.lower()})"
    )
    data += f", {gap} level(s) short." if gap else ", which is enough."
    team = f" Skills needed: {initiative.skill_needed}; your team reads as {n.team}"
    team += f" (“{n.profile.team}”)." if n.profile.team else " (assumed)."
    return score, data + team


def _roi(initiative: Initiative, scope: Scope, n: Normalized, inputs: RoiInputs) -> tuple[int, str]:
    projection = project(initiative, scope, inputs)
    ratio = value_ratio(projection, initiative, inputs.contribution_margin)
    cost = f"${scope.cost_monthly_usd[0]:,.0f}–${scope.cost_monthly_usd[1]:,.0f}/month"
    if ratio is not None and projection.monthly_benefit_usd is not None:
        score = 5 if ratio >= 4 else 4 if ratio >= 2 else 3 if ratio >= 1.2 else 2 if ratio >= 0.8 else 1
        b = projection.monthly_benefit_usd
        why = (
            f"At your ${n.profile.monthly_revenue:,.0f}/month revenue the assumed benefit is "
            f"${b.low:,.0f}–${b.high:,.0f}/month against {cost} in tools (benefit/cost ≈ {ratio:.1f})."
        )
    else:
        share = (initiative.benefit.low + initiative.benefit.high) / 2
        if initiative.benefit.kind == "revenue":
            share *= inputs.contribution_margin
        score = 4 if share >= 0.012 else 3 if share >= 0.006 else 2 if share >= 0.002 else 1
        why = (
            f"Revenue not stated: the assumed benefit is {share:.2%} of monthly revenue "
            f"({initiative.benefit.basis}) against {cost} in tools."
        )
    if n.budget is not None and scope.cost_monthly_usd[0] > n.budget:
        score = max(1, score - 1)
        why += f" Even the lowest cost exceeds your ${n.budget:,.0f}/month budget."
    elif n.budget is not None:
        why += f" Fits within your ${n.budget:,.0f}/month budget at the low end."
    return score, why


def _integration(initiative: Initiative, n: Normalized) -> tuple[int, str]:
    kinds = n.tool_kinds | ({"platform"} if n.platform is None else set())
    missing_critical = [i for i in initiative.integrations if i.critical and i.kind not in kinds]
    missing_optional = [i for i in initiative.integrations if not i.critical and i.kind not in kinds]
    score = clamp(
        5 - 2 * len(missing_critical) - len(missing_optional) // 2 - (len(missing_optional) % 2) * 0.5
    )
    have = [i for i in initiative.integrations if i.kind in kinds]
    parts = []
    if have:
        names = {t.kind: t.name for t in n.tools}
        parts.append(
            "Connects to "
            + "; ".join(f"{names.get(i.kind, 'your store platform (assumed)')} ({i.why})" for i in have)
        )
    if missing_critical:
        parts.append("missing critical: " + "; ".join(f"a {i.kind} tool ({i.why})" for i in missing_critical))
    if missing_optional:
        parts.append("not in your stack: " + "; ".join(f"{i.kind} ({i.why})" for i in missing_optional))
    return score, ". ".join(p[0].upper() + p[1:] for p in parts) + "."


def _vendor(initiative: Initiative, n: Normalized) -> tuple[int, str]:
    where = f" for {n.platform}" if n.platform else ""
    maturity = {5: "very mature", 4: "mature", 3: "maturing", 2: "early", 1: "experimental"}[
        initiative.vendor_maturity
    ]
    why = f"The vendor ecosystem{where} is {maturity} ({initiative.vendor_maturity}/5)"
    why += (
        "; prefer tools with data export and standard APIs to avoid lock-in."
        if initiative.vendor_maturity >= 3
        else ("; keep it to a bounded experiment until platforms and ROI models mature.")
    )
    return initiative.vendor_maturity, why


def _ethics(initiative: Initiative, n: Normalized) -> tuple[int, str]:
    sensitive = SENSITIVE_NICHE.search(n.text_blob()) if initiative.uses_personal_data else None
    score = clamp(5 - initiative.inherent_risk - (1 if sensitive else 0))
    regs = ", ".join(r.id.upper() for r in n.regulations)
    risk = initiative.risks[0]
    why = f"Main risk: {risk.risk.lower()} (mitigation: {risk.mitigation.lower()})."
    if initiative.uses_personal_data:
        why = f"Uses customer data under {regs}. " + why
    if sensitive:
        why += f" Your niche involves sensitive data (“{sensitive.group(0)}”), which raises the bar."
    return score, why


def score_initiative(
    initiative: Initiative,
    n: Normalized,
    inputs: RoiInputs,
    weights: Mapping[str, float],
    criterion_refs: Mapping[str, list[SourceRef]],
) -> Candidate:
    phase, scope = choose_phase(initiative, n)
    pains = pain_matches(initiative, n)
    s, s_why, served = _strategic(initiative, n, pains)
    results: dict[Criterion, tuple[int, str]] = {
        "S": (s, s_why),
        "T": _technical(initiative, scope, phase, n),
        "R": _roi(initiative, scope, n, inputs),
        "I": _integration(initiative, n),
        "V": _vendor(initiative, n),
        "E": _ethics(initiative, n),
    }
    criteria = [
        CriterionScore(
            criterion=code,
            name=CRITERIA[code],
            score=score,
            justification=why,
            citations=[*criterion_refs.get(code, []), *(initiative.citations[:1] if code in "SE" else [])],
        )
        for code, (score, why) in results.items()
    ]
    total_weight = sum(weights.values())
    weighted = sum(weights[c.criterion] * c.score for c in criteria) / total_weight
    strive = StriveAnalysis(criteria=criteria, weights=dict(weights), weighted_score=round(weighted, 2))
    scores = {c.criterion: c.score for c in criteria}
    priority = prioritise(initiative, scope, n, scores)
    drawbacks = [
        f"{c.name}: {c.justification}" for c in criteria if c.score <= 3 and c.criterion in "TRI"
    ] + [f"Risk: {initiative.risks[0].risk}"]
    return Candidate(initiative, phase, scope, strive, priority, pains, served, drawbacks)


def prioritise(
    initiative: Initiative, scope: Scope, n: Normalized, s: Mapping[Criterion, int]
) -> PriorityScores:
    value = (s["S"] + s["R"]) / 2
    feasibility = (s["T"] + s["V"]) / 2
    impact = (
        3.0
        if value >= 4.5
        else 2.0
        if value >= 3.5
        else 1.0
        if value >= 2.5
        else 0.5
        if value >= 1.5
        else 0.25
    )
    confidence = 1.0 if feasibility >= 4 else 0.8 if feasibility >= 3 else 0.5
    effort_pm = round(scope.effort_person_months * EFFORT_FACTOR[n.team], 2)
    reach = round(initiative.reach_share * 100, 1)
    rice = Rice(
        reach=reach, impact=impact, confidence=confidence, effort=effort_pm,
        score=round(reach * impact * confidence / effort_pm, 1),
    )  # fmt: skip
    ease = round((max(1.0, min(10.0, 11 - 2 * effort_pm)) + 2 * s["I"]) / 2, 1)
    ice = Ice(
        impact=round(2 * value, 1), confidence=round(2 * feasibility, 1), ease=ease,
        score=round(2 * value * 2 * feasibility * ease, 1),
    )  # fmt: skip
    over_budget = n.budget is not None and scope.cost_monthly_usd[0] > n.budget
    effort_axis = min(5.0, 1 + min(3.0, effort_pm) + (1 if over_budget else 0) + (1 if s["T"] <= 2 else 0))
    quadrant: Quadrant
    if value >= 3.5:
        quadrant = "quick win" if effort_axis <= 2.5 else "big bet"
    else:
        quadrant = "fill-in" if effort_axis <= 2.5 else "money pit"
    return PriorityScores(
        rice=rice, ice=ice, value=round(value, 2), effort=round(effort_axis, 2), quadrant=quadrant
    )
