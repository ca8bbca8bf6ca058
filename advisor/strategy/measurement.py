"""Component 5 of the plan: measurement, ROI and continuous improvement.

Every KPI the plan proposes gets the data source that can measure it — a tool the owner has today, or
the roadmap step that provides one (and from which month) — and the attribution method fits the data
the shop has: A/B tests with a holdout where analytics allow, pre-post comparisons where they do not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.plan.models import BusinessContext, KpiSource, Measurement, RoiProjection
from advisor.plan.normalize import Normalized
from advisor.strategy.context import BusinessFit
from advisor.strategy.schedule import Schedule
from advisor.strategy.scoring import Candidate
from advisor.strategy.wording import join

if TYPE_CHECKING:
    from advisor.strategy.engine import StrategyEngine

EXPERIMENTS = {"personalization-engine", "dynamic-pricing", "marketing-automation", "generative-content"}
"""Initiatives whose effect an A/B test with a holdout group can isolate."""


def kpi_sources(
    context: BusinessContext,
    chosen: list[Candidate],
    n: Normalized,
    fit: BusinessFit,
    schedule: Schedule,
) -> list[KpiSource]:
    """Where each KPI of the goals and the chosen initiatives is read from, and from which month."""
    tools = {t.kind: t.name for t in n.tools}
    available = schedule.kinds_by_month(fit.data_kinds, 99)
    tracked = {k.lower() for k in context.tracked_kpis}
    steps = {k: i.name.split(":")[0] for i in schedule.roadmap.items for k in i.provides}
    kpis = [k for g in context.goals for k in g.kpis] + [k for c in chosen for k in c.initiative.kpis]
    out: list[KpiSource] = []
    for kpi in dict.fromkeys(kpis):
        if kpi.lower() in tracked:
            out.append(KpiSource(kpi=kpi, measured_with="tracked by you today", stated=True))
            continue
        options = [k for k in fit.rules.kpi_kinds(kpi) or [] if k in available]
        if not options:
            out.append(KpiSource(kpi=kpi, measured_with=None))
            continue
        kind = min(options, key=lambda k: available[k])
        month = available[kind]
        if month == 0:
            name = tools.get(kind) or (
                f"{n.platform}'s reports"
                if kind == "platform" and n.platform
                else fit.rules.source_name(kind)
            )
            out.append(KpiSource(kpi=kpi, measured_with=name))
        else:
            name = f"{fit.rules.source_name(kind)} ({steps.get(kind, 'roadmap')})"
            out.append(KpiSource(kpi=kpi, measured_with=name, from_month=month))
    return out


def compose_measurement(
    context: BusinessContext,
    chosen: list[Candidate],
    n: Normalized,
    fit: BusinessFit,
    schedule: Schedule,
    projections: list[RoiProjection],
    engine: StrategyEngine,
) -> Measurement:
    """The measurement component for the chosen initiatives."""
    framework = engine.framework["measurement"]
    experiments = [c.initiative.name for c in chosen if c.initiative.id in EXPERIMENTS]
    pilots = [c.initiative.name for c in chosen if c.initiative.name not in experiments]
    if n.maturity >= 2 and experiments:
        method = f"A/B tests with a holdout control group for {join(experiments)}"
        method += f"; pre-post comparison against a baseline month for {join(pilots)}." if pilots else "."
    else:
        method = (
            f"Pre-post comparison against a baseline month for {join([c.initiative.name for c in chosen])} "
            "(A/B testing needs analytics you do not have yet)."
        )
    review_owner = (
        "The owner, with authority to pause or change any initiative"
        if n.team == "low"
        else "The owner and a named lead per initiative, with authority to pause or change it"
    )
    cadence = (
        "KPIs weekly from the store's analytics dashboard; qualitative feedback (customer comments, "
        "support notes) monthly"
    )
    if n.maturity == 1:
        cadence = (
            "KPIs monthly from the store's built-in reports (weekly once analytics are set up); customer "
            "comments and support notes monthly"
        )
    return Measurement(
        initiative_metrics={c.initiative.id: c.initiative.kpis for c in chosen},
        kpi_sources=kpi_sources(context, chosen, n, fit, schedule),
        roi=projections,
        attribution_method=method,
        attribution_limits=" ".join(framework["attribution_limits"].split()),
        data_cadence=cadence,
        review_owner=review_owner,
        review_schedule="Monthly performance review of every initiative; quarterly strategy review of the "
        "roadmap (the go/no-go for deferred and advanced steps); annual governance review",
        optimisation_triggers=[f"{c.initiative.name}: {t}" for c in chosen for t in c.initiative.triggers],
        escalation_criteria=list(framework["escalation"]),
        citations=engine.refs(framework["refs"]),
    )
