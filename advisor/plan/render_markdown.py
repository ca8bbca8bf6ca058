"""The plan as a stakeholder document in Markdown: the six components as headings, tables, sources.

Every string taken from the plan is escaped (``md``), so text an owner typed cannot add markup, links
or HTML to the document; only this renderer writes Markdown. Citation markers ``[n]`` link to the
source list (``#source-n``), which lists each cited passage once by document title and section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from advisor.knowledge.references import SourceRef
from advisor.plan.citations import source_key
from advisor.plan.models import Fact, OpenRange, Plan, RoiProjection
from advisor.plan.money import Money

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(#|[-+>]|\d+[.)])(?=\s|$)")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: object) -> str:
    """Plain text made inert in Markdown: one line, markup characters and entities escaped."""
    out = " ".join(str(text).split())
    out = _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\1", out))
    return "\\" + out if _BLOCK_START.match(out) else out


def _table(headers: list[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A table whose cells are already Markdown (escape plan text with ``md`` first)."""
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


class Citations:
    """Numbers of the plan's sources and their ``[n]`` links."""

    def __init__(self, sources: list[SourceRef]) -> None:
        self.index = {source_key(ref): n for n, ref in enumerate(sources, start=1)}

    def __call__(self, refs: list[SourceRef]) -> str:
        numbers = sorted({self.index[source_key(r)] for r in refs if source_key(r) in self.index})
        return "".join(f"[[{n}]](#source-{n})" for n in numbers)


def _fact(label: str, fact: Fact) -> str:
    if fact.value is None:
        return f"- **{label}:** _unknown — {md(fact.provenance.rule)}_"
    tag = (
        "" if fact.provenance.kind == "stated" else f" _({fact.provenance.kind}: {md(fact.provenance.rule)})_"
    )
    return f"- **{label}:** {md(fact.value)}{tag}"


def _months(r: OpenRange | None) -> str:
    if r is None:
        return "—"
    low = f"{r.low:g}" if r.low is not None else None
    high = f"{r.high:g}" if r.high is not None else None
    if low and high:
        return f"month {low}" if low == high else f"months {low}–{high}"
    if low:
        return f"month {low} (optimistic); not within 36 months at the low estimate"
    return "not within 36 months"


def _roi_rows(plan: Plan, money: Money, names: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    known = all(r.monthly_benefit is not None for r in plan.measurement.roi)

    def roi(r: RoiProjection) -> str:
        if r.roi_12m_pct is None:
            return "— (no tool cost)" if r.monthly_cost == 0 else "—"
        return f"{r.roi_12m_pct.low:g}% to {r.roi_12m_pct.high:g}%"

    def break_even(r: RoiProjection) -> str:
        if r.break_even_revenue is None:
            return "any revenue (no tool cost)" if r.monthly_cost == 0 else "—"
        low, high = r.break_even_revenue.low, r.break_even_revenue.high
        if low is not None and high is not None:
            return f"{money.fmt(low)}–{money.fmt(high)} a month"
        return f"{money.fmt(low or 0)} a month (optimistic); never at the low estimate"

    per = f"Benefit {money.per_10k} revenue"
    if known:
        headers = ["Initiative", "Tool cost", "Benefit a month", "12-month ROI", "Payback", per]
        rows = [
            [md(names[r.initiative_id]), money.fmt_cost(r.monthly_cost),
             money.fmt_range(r.monthly_benefit.low, r.monthly_benefit.high) if r.monthly_benefit else "—",
             roi(r), _months(r.payback_months),
             money.fmt_range(r.benefit_per_10k_revenue.low, r.benefit_per_10k_revenue.high)]
            for r in plan.measurement.roi
        ]  # fmt: skip
        return headers, rows
    headers = ["Initiative", "Tool cost", per, "Pays for itself above"]
    rows = [
        [md(names[r.initiative_id]), money.fmt_cost(r.monthly_cost),
         money.fmt_range(r.benefit_per_10k_revenue.low, r.benefit_per_10k_revenue.high), break_even(r)]
        for r in plan.measurement.roi
    ]  # fmt: skip
    return headers, rows


def render_markdown(plan: Plan) -> str:
    cite = Citations(plan.sources)
    money = Money.for_plan(plan.currency, plan.cost_currency)
    ctx, caps = plan.business_context, plan.business_context.capabilities
    names = {i.id: i.name for i in plan.initiatives}
    step_names = {i.id: i.name.split(":")[0] for i in plan.roadmap.items} | names
    sources_of = {k.kpi: k for k in plan.measurement.kpi_sources}

    def measured(kpi: str) -> str:
        s = sources_of.get(kpi)
        if s is None or s.measured_with is None:
            return "**no data source yet**"
        return md(s.measured_with) + (f" (from month {s.from_month})" if s.from_month else "")

    lines = [f"# {md(plan.title)}", ""]
    lines += [
        f"_Status: **{plan.status}** · amounts in {plan.currency} · plan schema v{plan.schema_version}_",
        "",
    ]

    lines += ["## 1. Executive summary", ""]
    for paragraph in plan.executive_summary.text.split("\n\n"):
        lines += [md(paragraph), ""]

    lines += ["## 2. Business context and SMART goals", "", "### Business context", ""]
    lines += [
        _fact("Business", ctx.name), _fact("Niche", ctx.niche), _fact("Products", ctx.products),
        _fact("Target audience", ctx.audience), _fact("Market position", ctx.market_position),
        _fact("Unique selling proposition", ctx.usp), _fact("Tech stack", ctx.capabilities.tech_stack),
        _fact("Data maturity", caps.data_maturity), _fact("Team", caps.team), _fact("AI budget", caps.budget),
        _fact("Regions", ctx.regions), _fact("Consent today", ctx.consent),
    ]  # fmt: skip
    if caps.monthly_revenue is not None:
        lines.append(f"- **Monthly revenue:** {money.fmt(caps.monthly_revenue)} ({md(caps.size)} shop)")
    if ctx.pain_points:
        lines.append("- **Pain points, in your words:** " + "; ".join(f"“{md(p)}”" for p in ctx.pain_points))
    lines += ["", "### SMART goals", ""]
    for n, goal in enumerate(ctx.goals, start=1):
        status = (
            "SMART" if goal.goal.is_smart else "not yet SMART: needs " + "; ".join(goal.goal.check.missing)
        )
        lines += [f"**Goal {n}: {md(goal.smart_statement)}** ({md(status)})", ""]
        lines += _table(["KPI", "Measured with"], [[md(k), measured(k)] for k in goal.kpis])
    if ctx.assumptions:
        lines += ["### Assumptions", ""] + [f"- {md(a.statement)}" for a in ctx.assumptions] + [""]

    lines += ["## 3. AI initiatives and STRIVE analysis", ""]
    for i in plan.initiatives:
        item = next((r for r in plan.roadmap.items if r.id == i.id), None)
        cost = f"{money.fmt_cost(i.monthly_cost)} a month"
        if item is not None:
            cost += f" (up to {money.fmt_cost(item.cost_range.high)} as volume grows)"
        lines += [
            f"### {md(i.name)} ({md(i.category)})",
            "",
            f"**Scope ({i.phase}):** {md(i.scope)} · **Planned cost:** {cost} · **Sources:** {cite(i.citations)}",
            "",
            md(i.rationale),
            "",
        ]
        rows = [
            [md(c.name), f"{c.score}/5", f"{md(c.justification)} {cite(c.citations)}"]
            for c in i.strive.criteria
        ]
        lines += _table(["STRIVE criterion", "Score", "Justification"], rows)
        p = i.priority
        lines += [
            f"**Priority:** weighted STRIVE {i.strive.weighted_score:g}/5 · RICE {p.rice.score:g} (reach "
            f"{p.rice.reach:g}, impact {p.rice.impact:g}, confidence {p.rice.confidence:g}, effort "
            f"{p.rice.effort:g} person-months) · ICE {p.ice.score:g} · {p.quadrant} (value {p.value:g}, effort {p.effort:g})",
            "",
            "**Drawbacks for this business:**",
            "",
            *[f"- {md(d)}" for d in i.drawbacks],
            "",
        ]

    lines += ["## 4. Personalization and automation strategy mapping", ""]
    rows = [
        [md(names[s.initiative_id]), md(s.strategy), md(s.stage), md(s.customer_experience),
         md(s.expected_outcome), f"{md(s.goal_link)} {cite(s.citations)}"]
        for s in plan.journey
    ]  # fmt: skip
    lines += _table(
        [
            "AI initiative",
            "Strategy",
            "Buyer-journey stage",
            "Customer experience",
            "Expected outcome",
            "Goal",
        ],
        rows,
    )
    lines += ["### Roadmap", "", md(plan.roadmap.capacity_note), "", md(plan.roadmap.budget_note), ""]
    rows = []
    for r in plan.roadmap.items:
        when = (
            f"month {r.start_month}"
            if r.start_month == r.end_month
            else f"months {r.start_month}–{r.end_month}"
        )
        horizon = "short-term win" if r.horizon == "short_term" else "long-term bet"
        why = (
            md(r.rationale)
            + (f" {md(r.deferred_reason)}" if r.deferred_reason else "")
            + f" {cite(r.citations)}"
        )
        rows.append(
            [f"{when} ({horizon})", md(r.name), money.fmt_cost(r.monthly_cost) + " a month",
             md(", ".join(step_names.get(d, d) for d in r.depends_on)) or "—", why.strip()]
        )  # fmt: skip
    lines += _table(["When", "Step", "Tool cost", "Needs first", "Why"], rows)
    if plan.roadmap.not_scheduled:
        lines += ["**Not scheduled yet:**", ""] + [f"- {md(x)}" for x in plan.roadmap.not_scheduled] + [""]

    m = plan.measurement
    lines += ["## 5. Measurement, ROI and continuous improvement", "", "### Initiative metrics", ""]
    lines += _table(
        ["Initiative", "Metric", "Measured with"],
        [
            [md(names[k]), md(metric), measured(metric)]
            for k, v in m.initiative_metrics.items()
            for metric in v
        ],
    )
    lines += ["### ROI projection (ranges, not forecasts)", ""]
    headers, rows = _roi_rows(plan, money, names)
    lines += _table(headers, rows)
    lines += ["**Assumptions behind these figures:**", ""]
    lines += [
        f"- **{md(names[r.initiative_id])}:** " + "; ".join(md(a) for a in r.assumptions) + "." for r in m.roi
    ]
    if plan.rates_note:
        lines.append(f"- **Currency:** {md(plan.rates_note)}.")
    lines += [
        "",
        "### Attribution and continuous improvement",
        "",
        f"- **Attribution:** {md(m.attribution_method)} {cite(m.citations)}",
        f"- **Limits:** {md(m.attribution_limits)}",
        f"- **Data cadence:** {md(m.data_cadence)}",
        f"- **Review owner:** {md(m.review_owner)}",
        f"- **Review schedule:** {md(m.review_schedule)}",
        "- **Optimisation triggers:** " + "; ".join(md(t) for t in m.optimisation_triggers),
        "- **Escalation:** " + "; ".join(md(e) for e in m.escalation_criteria),
        "",
    ]

    g = plan.governance
    lines += ["## 6. Ethical considerations and governance", "", "### Data privacy and compliance", ""]
    lines += [
        f"- **{md(r.name)}** ({md(r.why)}): " + "; ".join(md(o) for o in r.obligations) for r in g.regulations
    ]
    lines += [
        "- **Consent:** " + "; ".join(md(c) for c in g.consent),
        "- **Data minimisation:** " + "; ".join(md(d) for d in g.data_minimisation),
        "- **Security:** " + "; ".join(md(s) for s in g.security),
        "",
        "### Risks of these initiatives and their mitigations",
        "",
    ]
    rows = [
        [md(names[r.initiative_id]), md(r.kind), md(r.risk), md(r.mitigation)]
        for r in [*g.bias_risks, *g.other_risks]
    ]
    lines += _table(["Initiative", "Kind", "Risk", "Mitigation"], rows)
    lines += ["### Transparency", ""] + [f"- {md(t)}" for t in g.transparency] + [""]
    lines += ["### Human oversight", ""] + [f"- {md(h)}" for h in g.human_oversight] + [""]
    lines += [
        f"**Guiding principles:** {md(', '.join(g.principles))}. **Review:** {md(g.review_cadence)}. {cite(g.citations)}",
        "",
    ]

    lines += ["## Self-validation checklist", ""]
    lines += _table(
        ["Check", "Result", "Reasons"],
        [
            [md(c.question), "pass" if c.passed else "**FAIL**", "; ".join(md(r) for r in c.reasons)]
            for c in plan.checklist
        ],
    )
    if ctx.evidence:
        lines += ["## In your words", "", "What you told the advisor, quoted as you wrote it:", ""]
        for e in ctx.evidence:
            status = (
                "confirmed" if e.confirmed else f"not confirmed yet (read with {e.confidence:.0%} confidence)"
            )
            lines.append(f"- **{md(e.label)}:** “{md(e.quote)}” _({status})_")
        lines.append("")
    lines += ["## Sources", ""]
    lines += [
        f'{n}. <a id="source-{n}"></a>**{md(ref.title or ref.source)}** › {md(ref.section)}: “{md(ref.quote)}”'
        for n, ref in enumerate(plan.sources, start=1)
    ]
    return "\n".join(lines).rstrip() + "\n"
