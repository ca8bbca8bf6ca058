"""STRIVE, RICE, ICE and the value-vs-effort quadrant, computed by a transparent rubric.

STRIVE (each 1-5):
  S  5 = moves the primary goal's metric directly (one of the initiative's two strongest metrics),
     4 = moves the primary goal's metric, 3 = moves another stated goal; 2 otherwise; +1 when it answers
     a stated pain point (max 5). With no goal stated: 4 with a pain-point match, else 2.
  T  5 − 2 × (data-maturity levels short of the scope's need) − (skill levels short); min 1.
  R  from mid benefit / planned cost at stated revenue: ≥4 → 5, ≥2 → 4, ≥1.2 → 3, ≥0.8 → 2, else 1;
     with revenue unknown from the benefit share of revenue (≥1.2% → 4, ≥0.6% → 3, ≥0.2% → 2, else 1);
     −1 when the scope's entry price exceeds the budget (both in the owner's currency).
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
from advisor.plan.money import nice, nice_up
from advisor.plan.normalize import Normalized
from advisor.strategy.catalogue import Initiative, Scope
from advisor.strategy.context import BusinessFit
from advisor.strategy.roi import RoiInputs, benefit_share
from advisor.strategy.wording import lower_first

TEAM_ORDER = ["low", "medium", "high"]
SENSITIVE_NICHE = re.compile(
    r"\b(health\w*|medical|pharma\w*|supplements?|vitamins?|wellness|baby|babies|kids?|children|child|toys?|"
    r"finance|financial|loans?|insurance|adult|dating|religio\w*)\b",
    re.IGNORECASE,
)
DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(CRITERIA, 1.0)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


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


def entry_price(scope: Scope, fit: BusinessFit) -> float:
    """The lowest monthly price of a scope in the cost currency, rounded up."""
    return nice_up(fit.money.from_usd(scope.cost_monthly_usd[0]))


def planned_price(scope: Scope, fit: BusinessFit) -> float:
    """What a shop this size plans to pay for a scope a month, in the cost currency."""
    return max(entry_price(scope, fit), nice(fit.planned_cost(scope.cost_monthly_usd)))


def over_budget(scope: Scope, fit: BusinessFit) -> bool:
    """Even the entry price exceeds the whole monthly budget."""
    return fit.budget_comparable and entry_price(scope, fit) > (fit.budget or 0)


def choose_phase(initiative: Initiative, fit: BusinessFit) -> tuple[str, Scope]:
    """The advanced scope only when data, skills and budget are already there; else the starter scope."""
    n, adv = fit.n, initiative.advanced
    ready = (
        n.maturity >= adv.min_data_maturity
        and TEAM_ORDER.index(n.team) >= TEAM_ORDER.index(initiative.skill_needed)
        and fit.budget_comparable
        and (fit.budget or 0) >= planned_price(adv, fit)
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


def _strategic(initiative: Initiative, fit: BusinessFit, pains: list[str]) -> tuple[int, str, list[str]]:
    n = fit.n
    goal_metrics = [g.metric for g in n.goals if g.metric]
    served = [m for m in goal_metrics if m in initiative.goals]
    served += [m for g in n.goals for m in g.secondary_metrics if m in initiative.goals and m not in served]
    names = {g.metric: g.metric_name for g in n.goals if g.metric and g.metric_name}
    pain_note = f" It answers your pain point “{pains[0]}”." if pains else ""
    if not goal_metrics:
        score = 4 if pains else 2
        return (
            score,
            f"No SMART goal stated yet; fit judged on pain points.{pain_note or ' No stated pain point matches.'}",
            served,
        )
    primary = goal_metrics[0]
    if fit.rules.moves(fit.rules.main_levers(initiative.goals), primary):
        score, why = 5, f"Directly moves the metric of your goal “{_goal_phrase(n)}”."
    elif primary in initiative.goals:
        score, why = 4, f"Moves the metric of your goal “{_goal_phrase(n)}”, though not its main lever."
    elif served:
        score, why = (
            3,
            f"Serves your other goal metric(s) {', '.join(names.get(m, m.replace('_', ' ')) for m in served)}, "
            f"not the primary goal “{_goal_phrase(n)}”.",
        )
    else:
        score, why = 2, f"Does not move your goal “{_goal_phrase(n)}” directly."
    if pains:
        score = min(5, score + 1)
    return score, why + pain_note, served


def _technical(initiative: Initiative, scope: Scope, phase: str, fit: BusinessFit) -> tuple[int, str]:
    n = fit.n
    gap = max(0, scope.min_data_maturity - n.maturity)
    skill_gap = max(0, TEAM_ORDER.index(initiative.skill_needed) - TEAM_ORDER.index(n.team))
    score = clamp(5 - 2 * gap - skill_gap)
    data = (
        f"The {phase} scope ({lower_first(scope.scope)}) needs data maturity {scope.min_data_maturity}; "
        f"yours is {n.maturity} ({n.maturity_name})"
    )
    data += f", {gap} level(s) short." if gap else ", which is enough."
    team = f" It needs {initiative.skill_needed} technical skill; your team's reads as {n.team}"
    team += " (assumed)" if not n.profile.team else ""
    team += ", with a developer or agency." if fit.has_developer else ", with no developer."
    if skill_gap and not fit.has_developer:
        team += " Budget a freelancer or the vendor's onboarding service for the set-up."
    return score, data + team


def _roi(initiative: Initiative, scope: Scope, fit: BusinessFit, inputs: RoiInputs) -> tuple[int, str]:
    money, revenue = fit.money, inputs.monthly_revenue
    low_share, high_share = benefit_share(initiative, inputs.contribution_margin)
    price = planned_price(scope, fit)
    cost = f"{money.fmt_cost(price)} a month planned for a {fit.size} shop"
    if revenue is not None and money.convertible:
        low, high = revenue * low_share, revenue * high_share
        ratio = (low + high) / 2 / max(price, 1.0)
        score = 5 if ratio >= 4 else 4 if ratio >= 2 else 3 if ratio >= 1.2 else 2 if ratio >= 0.8 else 1
        why = (
            f"At your {money.fmt(revenue)} monthly revenue the assumed benefit is {money.fmt_range(low, high)} "
            f"a month against {cost} (benefit/cost ≈ {ratio:.1f})."
        )
    else:
        share = (low_share + high_share) / 2
        score = 4 if share >= 0.012 else 3 if share >= 0.006 else 2 if share >= 0.002 else 1
        why = (
            f"Revenue not stated: the assumed benefit is {share:.2%} of monthly revenue "
            f"({initiative.benefit.basis}) against {cost}."
        )
    if over_budget(scope, fit):
        score = max(1, score - 1)
        why += f" Even its entry price ({money.fmt_cost(entry_price(scope, fit))}) exceeds your {money.fmt(fit.budget or 0)} monthly budget."
    elif fit.budget is not None and fit.budget_comparable:
        why += f" Its entry price ({money.fmt_cost(entry_price(scope, fit))}) fits your {money.fmt(fit.budget)} monthly budget."
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
        parts.append(
            "missing critical: "
            + "; ".join(f"{_article(i.kind)} {i.kind} tool ({i.why})" for i in missing_critical)
        )
    if missing_optional:
        parts.append("not in your stack: " + "; ".join(f"{i.kind} ({i.why})" for i in missing_optional))
    if not missing_critical and not missing_optional:
        parts.append("every system it integrates with is already in your stack, so set-up is an app install")
    return score, ". ".join(p[0].upper() + p[1:] for p in parts) + "."


def _vendor(initiative: Initiative, n: Normalized) -> tuple[int, str]:
    where = f" for {n.platform}" if n.platform else ""
    maturity = {5: "very mature", 4: "mature", 3: "maturing", 2: "early", 1: "experimental"}[
        initiative.vendor_maturity
    ]
    why = f"The {initiative.category} vendor ecosystem{where.replace(' for ', ' on ')} is {maturity} ({initiative.vendor_maturity}/5)"
    why += (
        "; prefer tools with data export and standard APIs to avoid lock-in."
        if initiative.vendor_maturity >= 3
        else ("; keep it to a bounded experiment until platforms and ROI models mature.")
    )
    return initiative.vendor_maturity, why


def _ethics(initiative: Initiative, phase: str, fit: BusinessFit) -> tuple[int, str]:
    n = fit.n
    sensitive = SENSITIVE_NICHE.search(n.text_blob()) if initiative.uses_personal_data else None
    score = clamp(5 - initiative.inherent_risk - (1 if sensitive else 0))
    regs = ", ".join(r.short or r.id.upper() for r in n.regulations)
    risk = initiative.risks[0]
    why = f"Main risk: {lower_first(risk.risk)} (mitigation: {lower_first(risk.mitigation)})."
    if initiative.uses_personal_data:
        why = f"Uses customer data under {regs}. " + why
    if sensitive:
        why += f" Your niche involves sensitive data (“{sensitive.group(0)}”), which raises the bar."
    needed = initiative.consent_needed.advanced if phase == "advanced" else initiative.consent_needed.starter
    if fit.needs_consent_step(needed):
        laws = ", ".join(fit.law_names(fit.opt_in))
        why += (
            f" It needs {needed} opt-in under {laws}; the consent you collect today "
            f"({fit.rules.consent_plain(fit.consent)}) does not cover it, so a consent step comes first."
        )
    return score, why


def score_initiative(
    initiative: Initiative,
    fit: BusinessFit,
    inputs: RoiInputs,
    weights: Mapping[str, float],
    criterion_refs: Mapping[str, list[SourceRef]],
) -> Candidate:
    n = fit.n
    phase, scope = choose_phase(initiative, fit)
    pains = pain_matches(initiative, n)
    s, s_why, served = _strategic(initiative, fit, pains)
    results: dict[Criterion, tuple[int, str]] = {
        "S": (s, s_why),
        "T": _technical(initiative, scope, phase, fit),
        "R": _roi(initiative, scope, fit, inputs),
        "I": _integration(initiative, n),
        "V": _vendor(initiative, n),
        "E": _ethics(initiative, phase, fit),
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
    priority = prioritise(initiative, scope, fit, scores)
    drawbacks = [
        f"{c.name}: {c.justification}" for c in criteria if c.score <= 3 and c.criterion in "TRI"
    ] + [f"Risk: {initiative.risks[0].risk}"]
    return Candidate(initiative, phase, scope, strive, priority, pains, served, drawbacks)


def prioritise(
    initiative: Initiative, scope: Scope, fit: BusinessFit, s: Mapping[Criterion, int]
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
    effort_pm = round(scope.effort_person_months * fit.effort_factor, 2)
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
    too_dear = over_budget(scope, fit)
    effort_axis = min(5.0, 1 + min(3.0, effort_pm) + (1 if too_dear else 0) + (1 if s["T"] <= 2 else 0))
    quadrant: Quadrant
    if value >= 3.5:
        quadrant = "quick win" if effort_axis <= 2.5 else "big bet"
    else:
        quadrant = "fill-in" if effort_axis <= 2.5 else "money pit"
    return PriorityScores(
        rice=rice, ice=ice, value=round(value, 2), effort=round(effort_axis, 2), quadrant=quadrant
    )
