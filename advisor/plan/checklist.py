"""The Self-Validation Checklist of the action-plan framework, as code, and the finalisation gate.

Each of the five framework questions is answered on business sense, not on whether the engine filled
its own structure:

1. smart_goals            goals have metric, number and deadline; 3-4 KPIs each
2. strive_specific        six scored criteria with concrete justification and drawbacks; the first
                          three months fit the budget; no more steps at once than the team can run
3. logical_thread         every goal is moved by some initiative's main lever; every initiative is
                          tied to a goal through a buyer-journey strategy
4. measurement_realistic  every KPI has a data source in the stack or on the roadmap; attribution the
                          analytics can support; the data foundation sized to what initiatives need
5. ethics_specific        risks of these initiatives with mitigations; a consent step before any
                          initiative that needs opt-in the shop does not collect, where the law asks

A fact the plan rests on that was read with low confidence and never confirmed fails the check that
depends on it. A plan is final only when all five checks pass. Every result gives specific reasons:
what was verified when it passes, what is wrong when it fails.
"""

from __future__ import annotations

import re

from advisor.errors import InputError
from advisor.plan.fit import LOW_CONFIDENCE, FitRules
from advisor.plan.models import CheckResult, Plan
from advisor.plan.money import Money

CHECKS = {
    "smart_goals": "Are SMART goals genuinely specific, measurable, achievable, relevant, and time-bound – and are KPIs the most direct indicators of success?",
    "strive_specific": "Does each STRIVE analysis critically assess both benefits and drawbacks for the specific business context, with concrete justification?",
    "logical_thread": "Is there a clear logical thread connecting AI initiatives, personalization strategies, buyer journey stages, and SMART goals?",
    "measurement_realistic": "Are measurement and ROI attribution plans realistic given available data infrastructure and analytical capacity?",
    "ethics_specific": "Does the ethical governance section address specific, plausible risks pertinent to the chosen AI applications rather than generic statements?",
}
# which check a profile fact supports (an unconfirmed, low-confidence fact fails that check)
FACT_CHECK = {
    "goals": "smart_goals", "kpis": "smart_goals",
    "budget_monthly": "strive_specific", "monthly_revenue": "strive_specific", "currency": "strive_specific",
    "team": "strive_specific", "niche": "strive_specific", "products": "strive_specific",
    "audience": "strive_specific", "market_position": "strive_specific", "usp": "strive_specific",
    "pain_points": "logical_thread",
    "tech_stack": "measurement_realistic", "data_maturity": "measurement_realistic",
    "regions": "ethics_specific", "consent": "ethics_specific",
}  # fmt: skip
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


Found = tuple[list[str], list[str]]  # (problems, what was verified)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _unconfirmed(plan: Plan, check: str) -> list[str]:
    return [
        f"{e.label} rests on words read with low confidence ({e.confidence:.0%}) and not confirmed: "
        f"“{e.quote}” — confirm or correct it"
        for e in plan.business_context.evidence
        if FACT_CHECK.get(e.field) == check and not e.confirmed and e.confidence < LOW_CONFIDENCE
    ]


def _names(plan: Plan) -> dict[str, str]:
    names = {i.id: i.name.split(":")[0] for i in plan.roadmap.items}
    names.update({i.id: i.name for i in plan.initiatives})
    return names


def _smart(plan: Plan) -> Found:
    problems, verified = [], []
    for n, g in enumerate(plan.business_context.goals, start=1):
        if not g.goal.is_smart:
            problems.append(f"goal {n} “{g.smart_statement}” lacks {', '.join(g.goal.check.missing)}")
        if not 3 <= len(g.kpis) <= 4:
            problems.append(f"goal {n} “{g.smart_statement}” has {len(g.kpis)} KPIs (needs 3-4)")
        if g.goal.is_smart and 3 <= len(g.kpis) <= 4:
            verified.append(
                f"goal {n} “{g.smart_statement}” names a metric, a target and a deadline, tracked by "
                f"{len(g.kpis)} KPIs led by {g.kpis[0]}"
            )
    return problems + _unconfirmed(plan, "smart_goals"), verified


def _peak(plan: Plan) -> tuple[int, int, list[str]]:
    """(most steps running at once, the first month it happens, their ids)."""
    items = plan.roadmap.items
    best: tuple[int, int, list[str]] = (0, 0, [])
    for month in range(1, max((i.end_month for i in items), default=0) + 1):
        running = [i.id for i in items if i.start_month <= month <= i.end_month]
        if len(running) > best[0]:
            best = (len(running), month, running)
    return best


def _strive(plan: Plan, rules: FitRules) -> Found:
    problems, verified = [], []
    for i in plan.initiatives:
        if len({c.criterion for c in i.strive.criteria}) != 6:
            problems.append(f"{i.name}: not all six STRIVE criteria are scored")
        vague = [c.name for c in i.strive.criteria if len(c.justification.split()) < 8]
        if vague:
            problems.append(f"{i.name}: thin justification for {', '.join(vague)}")
        if not i.drawbacks:
            problems.append(f"{i.name}: no drawback named")
    if not problems:
        verified.append(
            f"{len(plan.initiatives)} initiatives scored on all six criteria with this shop's figures, "
            f"each with its drawbacks ({sum(len(i.drawbacks) for i in plan.initiatives)} named)"
        )
    caps = plan.business_context.capabilities
    money = Money.for_plan(plan.currency, plan.cost_currency)
    names = _names(plan)
    early = [i for i in plan.roadmap.items if i.start_month <= 3]
    spend = sum(i.monthly_cost for i in early)
    if caps.budget_monthly is None:
        verified.append(
            f"no budget stated: months 1-3 priced at {money.fmt_cost(spend)} a month (an assumption)"
        )
    elif plan.cost_currency != plan.currency:
        problems.append(
            f"budget overrun cannot be ruled out: tool costs are in {plan.cost_currency} (no exchange rate for "
            f"{plan.currency}) and cannot be compared with the {money.fmt(caps.budget_monthly)} budget"
        )
    elif spend > caps.budget_monthly + 0.5:
        costly = sorted(early, key=lambda i: -i.monthly_cost)
        problems.append(
            f"budget overrun: the steps started in months 1-3 cost {money.fmt_cost(spend)} a month against the "
            f"{money.fmt(caps.budget_monthly)} budget ("
            + "; ".join(f"{names[i.id]} {money.fmt_cost(i.monthly_cost)}" for i in costly if i.monthly_cost)
            + ") — defer one or pick a cheaper scope"
        )
    else:
        deferred = [
            names[i.id] for i in plan.roadmap.items if (i.deferred_reason or "").startswith("Deferred")
        ]
        verified.append(
            f"months 1-3 tools cost {money.fmt_cost(spend)} a month, within the {money.fmt(caps.budget_monthly)} budget"
            + (f"; deferred for budget: {_join(deferred)}" if deferred else "")
        )
    limit = rules.max_parallel(caps.has_developer)
    peak, month, running = _peak(plan)
    team = "with a developer" if caps.has_developer else "without a developer"
    if peak > limit:
        problems.append(
            f"overloaded roadmap: {peak} steps run at once in month {month} ({_join([names[r] for r in running])}), "
            f"but a team {team} runs at most {limit}"
        )
    else:
        verified.append(
            f"at most {peak} roadmap steps run at once, within the limit of {limit} for a team {team}"
        )
    by_id = {i.id: i for i in plan.roadmap.items}
    for item in plan.roadmap.items:
        for dep in item.depends_on:
            if dep in by_id and by_id[dep].end_month >= item.start_month:
                problems.append(
                    f"{names[item.id]} starts in month {item.start_month}, before {names[dep]} (which it needs) "
                    f"ends in month {by_id[dep].end_month}"
                )
    return problems + _unconfirmed(plan, "strive_specific"), verified


def _thread(plan: Plan, rules: FitRules) -> Found:
    problems, verified = [], []
    for n, g in enumerate(plan.business_context.goals, start=1):
        metric = g.goal.metric
        if not metric:
            problems.append(
                f"goal {n} “{g.smart_statement}” names no metric, so no initiative can be shown to move it"
            )
            continue
        movers = [i.name for i in plan.initiatives if rules.moves(i.main_levers, metric)]
        if movers:
            verified.append(f"goal {n} ({g.goal.metric_name}) is moved by {_join(movers)}")
        else:
            problems.append(
                f"goal {n} “{g.smart_statement}”: no initiative's main lever moves {g.goal.metric_name or metric} — "
                "add an initiative that does, or restate the goal"
            )
    for i in plan.initiatives:
        strategies = [s for s in plan.journey if s.initiative_id == i.id]
        if not strategies:
            problems.append(f"{i.name}: no buyer-journey strategy")
        elif any(g.goal.metric for g in plan.business_context.goals) and not any(
            s.goal_number for s in strategies
        ):
            problems.append(
                f"{i.name}: none of its buyer-journey strategies advances a goal of this plan — tie it to a goal "
                "or drop it"
            )
        else:
            stages = sorted({s.stage for s in strategies if s.goal_number})
            if stages:
                verified.append(
                    f"{i.name} reaches its goal through the {_join(stages)} stage{'s' if len(stages) > 1 else ''}"
                )
    return problems + _unconfirmed(plan, "logical_thread"), verified


def _measurement(plan: Plan, rules: FitRules) -> Found:
    problems, verified = [], []
    m, caps = plan.measurement, plan.business_context.capabilities
    for i in plan.initiatives:
        if not m.initiative_metrics.get(i.id):
            problems.append(f"{i.name}: no initiative-level metrics")
        if not any(r.initiative_id == i.id for r in m.roi):
            problems.append(f"{i.name}: no ROI projection")
    if caps.data_maturity_level < 2 and m.attribution_method.startswith("A/B"):
        problems.append("A/B attribution planned without the analytics to run it")
    if not (m.review_owner and m.review_schedule and m.optimisation_triggers and m.escalation_criteria):
        problems.append("continuous-improvement cycle incomplete (owner, schedule, triggers, escalation)")
    available = set(caps.data_sources) | {k for i in plan.roadmap.items for k in i.provides}
    tracked = {k.lower() for k in plan.business_context.tracked_kpis}
    kpis = [k for g in plan.business_context.goals for k in g.kpis] + [
        k for metrics in m.initiative_metrics.values() for k in metrics
    ]
    planned = 0
    for kpi in dict.fromkeys(kpis):
        if kpi.lower() in tracked:
            continue
        kinds = rules.kpi_kinds(kpi)
        if kinds is None:
            problems.append(f"KPI “{kpi}” has no known data source")
        elif not set(kinds) & available:
            needs = _join([rules.source_name(k) for k in kinds]) if kinds else "market data you do not have"
            problems.append(
                f"KPI “{kpi}” cannot be measured with your stack: it needs {needs}, and neither your tools nor "
                "the roadmap provide one"
            )
        elif not set(kinds) & set(caps.data_sources):
            planned += 1
    if not any(p.startswith("KPI") for p in problems):
        verified.append(
            f"all {len(dict.fromkeys(kpis))} KPIs have a data source"
            + (f" ({planned} from tools the roadmap adds)" if planned else " in today's stack")
        )
    dependants = {d for i in plan.roadmap.items for d in i.depends_on}
    for item in plan.roadmap.items:
        if item.kind == "foundation" and item.id not in dependants:
            problems.append(
                f"{item.name.split(':')[0]} is on the roadmap but no step needs it: drop it or size it down"
            )
    foundation = [i.name.split(":")[0] for i in plan.roadmap.items if i.kind == "foundation"]
    verified.append(
        f"data foundation sized to the initiatives: {_join(foundation)}"
        if foundation
        else f"no data foundation step needed: data maturity {caps.data_maturity_level} covers the chosen scopes"
    )
    return problems + _unconfirmed(plan, "measurement_realistic"), verified


def _ethics(plan: Plan, rules: FitRules) -> Found:
    g = plan.governance
    problems, verified = [], []
    risks = [*g.bias_risks, *g.other_risks]
    for i in plan.initiatives:
        own = [r for r in risks if r.initiative_id == i.id]
        if not own:
            problems.append(f"no risk named for {i.name}")
        elif all(GENERIC_RISK.match(r.risk.strip()) for r in own):
            problems.append(f"only generic risk statements for {i.name}")
        if any(not r.mitigation.strip() for r in own):
            problems.append(f"a risk of {i.name} has no mitigation")
    if not problems:
        verified.append(f"{len(risks)} risks specific to these initiatives, each with a mitigation")
    if not g.regulations:
        problems.append("no regulatory framework named")
    if not g.principles or not g.human_oversight:
        problems.append("guiding principles or human oversight missing")
    laws = [r.upper() for r in g.opt_in_required]
    items = {i.id: i for i in plan.roadmap.items}
    today = rules.consent_plain(g.consent_today)
    for i in plan.initiatives:
        if i.consent_needed == "none" or not laws or rules.consent_covers(g.consent_today, i.consent_needed):
            continue
        start = items[i.id].start_month if i.id in items else 1
        steps = [s for s in plan.roadmap.items if s.kind == "consent" and s.end_month < start]
        if steps:
            verified.append(
                f"a consent step (month {steps[0].start_month}) comes before {i.name} ({i.consent_needed} opt-in)"
            )
        else:
            problems.append(
                f"{i.name} needs {i.consent_needed} opt-in under {_join(laws)}, but no consent step comes before it "
                f"starts in month {start} (consent today: {today})"
            )
    return problems + _unconfirmed(plan, "ethics_specific"), verified


def run_checklist(plan: Plan, rules: FitRules) -> list[CheckResult]:
    """The five validation checks, each with its specific reasons."""
    found: dict[str, Found] = {
        "smart_goals": _smart(plan),
        "strive_specific": _strive(plan, rules),
        "logical_thread": _thread(plan, rules),
        "measurement_realistic": _measurement(plan, rules),
        "ethics_specific": _ethics(plan, rules),
    }
    return [
        CheckResult(id=key, question=CHECKS[key], passed=not problems, reasons=problems or verified)
        for key, (problems, verified) in found.items()
    ]


def finalize(plan: Plan) -> Plan:
    """The plan marked final, or PlanNotReadyError naming every failing check."""
    failed = [c for c in plan.checklist if not c.passed]
    if not plan.checklist or failed:
        raise PlanNotReadyError(
            failed or [CheckResult(id="checklist", question="", passed=False, reasons=["not run"])]
        )
    return plan.model_copy(update={"status": "final"})
