"""The Self-Validation Checklist of the action-plan framework, as code, and the finalisation gate.

A plan is final only when all five checks pass; its ethics section must name risks of its own
initiatives (generic statements fail).
"""

from __future__ import annotations

import re

from advisor.errors import InputError
from advisor.plan.models import CheckResult, Plan

CHECKS = {
    "smart_goals": "Are SMART goals genuinely specific, measurable, achievable, relevant, and time-bound – and are KPIs the most direct indicators of success?",
    "strive_specific": "Does each STRIVE analysis critically assess both benefits and drawbacks for the specific business context, with concrete justification?",
    "logical_thread": "Is there a clear logical thread connecting AI initiatives, personalization strategies, buyer journey stages, and SMART goals?",
    "measurement_realistic": "Are measurement and ROI attribution plans realistic given available data infrastructure and analytical capacity?",
    "ethics_specific": "Does the ethical governance section address specific, plausible risks pertinent to the chosen AI applications rather than generic statements?",
}
GENERIC_RISK = re.compile(
    r"^(ai (can be|may be) (biased|risky)|privacy (concerns?|issues?)|ethical (issues?|concerns?)|data risks?)\.?$",
    re.I,
)


class PlanNotReadyError(InputError):
    """The plan cannot be marked final: a check fails."""

    def __init__(self, failed: list[CheckResult]) -> None:
        reasons = "; ".join(f"{c.id}: {', '.join(c.reasons)}" for c in failed)
        super().__init__(f"the plan cannot be finalised until every check passes — {reasons}")
        self.failed = failed


def _smart(plan: Plan) -> list[str]:
    reasons = []
    for g in plan.business_context.goals:
        if not g.goal.is_smart:
            reasons.append(f"goal “{g.goal.text}” lacks {', '.join(g.goal.check.missing)}")
        if not 3 <= len(g.kpis) <= 4:
            reasons.append(f"goal “{g.goal.text}” has {len(g.kpis)} KPIs (needs 3-4)")
    return reasons


def _strive(plan: Plan) -> list[str]:
    reasons = []
    for i in plan.initiatives:
        if len({c.criterion for c in i.strive.criteria}) != 6:
            reasons.append(f"{i.name}: not all six STRIVE criteria are scored")
        vague = [c.name for c in i.strive.criteria if len(c.justification.split()) < 8]
        if vague:
            reasons.append(f"{i.name}: thin justification for {', '.join(vague)}")
        if not i.drawbacks:
            reasons.append(f"{i.name}: no drawback named")
    return reasons


def _thread(plan: Plan) -> list[str]:
    reasons = []
    for i in plan.initiatives:
        strategies = [s for s in plan.journey if s.initiative_id == i.id]
        if not strategies:
            reasons.append(f"{i.name}: no buyer-journey strategy")
        if any(not s.goal_link for s in strategies):
            reasons.append(f"{i.name}: a journey strategy is not linked to a goal")
        if not i.goals_served and "Addresses:" not in i.rationale:
            reasons.append(f"{i.name}: serves no stated goal or pain point")
    return reasons


def _measurement(plan: Plan, maturity: int) -> list[str]:
    reasons = []
    m = plan.measurement
    for i in plan.initiatives:
        if not m.initiative_metrics.get(i.id):
            reasons.append(f"{i.name}: no initiative-level metrics")
        if not any(r.initiative_id == i.id for r in m.roi):
            reasons.append(f"{i.name}: no ROI projection")
    if maturity < 2 and m.attribution_method.startswith("A/B"):
        reasons.append("A/B attribution planned without the analytics to run it")
    if not (m.review_owner and m.review_schedule and m.optimisation_triggers and m.escalation_criteria):
        reasons.append("continuous-improvement cycle incomplete (owner, schedule, triggers, escalation)")
    return reasons


def _ethics(plan: Plan) -> list[str]:
    g = plan.governance
    reasons = []
    risks = [*g.bias_risks, *g.other_risks]
    for i in plan.initiatives:
        own = [r for r in risks if r.initiative_id == i.id]
        if not own:
            reasons.append(f"no risk named for {i.name}")
        elif all(GENERIC_RISK.match(r.risk.strip()) for r in own):
            reasons.append(f"only generic risk statements for {i.name}")
        if any(not r.mitigation.strip() for r in own):
            reasons.append(f"a risk of {i.name} has no mitigation")
    if not g.regulations:
        reasons.append("no regulatory framework named")
    if not g.principles or not g.human_oversight:
        reasons.append("guiding principles or human oversight missing")
    return reasons


def run_checklist(plan: Plan, *, maturity: int) -> list[CheckResult]:
    """The five validation checks with pass/fail and reasons."""
    found = {
        "smart_goals": _smart(plan),
        "strive_specific": _strive(plan),
        "logical_thread": _thread(plan),
        "measurement_realistic": _measurement(plan, maturity),
        "ethics_specific": _ethics(plan),
    }
    return [
        CheckResult(id=key, question=CHECKS[key], passed=not reasons, reasons=reasons or ["passes"])
        for key, reasons in found.items()
    ]


def finalize(plan: Plan) -> Plan:
    """The plan marked final, or PlanNotReadyError naming every failing check."""
    failed = [c for c in plan.checklist if not c.passed]
    if not plan.checklist or failed:
        raise PlanNotReadyError(
            failed or [CheckResult(id="checklist", question="", passed=False, reasons=["not run"])]
        )
    return plan.model_copy(update={"status": "final"})
