"""The plan as a stakeholder document in Markdown: the six components as headings, tables, sources."""

from __future__ import annotations

from collections.abc import Sequence

from advisor.knowledge.references import SourceRef
from advisor.plan.models import Fact, Plan, Range


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: Sequence[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _fact(label: str, fact: Fact) -> str:
    if fact.value is None:
        return f"- **{label}:** _unknown — {fact.provenance.rule}_"
    tag = "" if fact.provenance.kind == "stated" else f" _({fact.provenance.kind}: {fact.provenance.rule})_"
    return f"- **{label}:** {fact.value}{tag}"


def _money(r: Range | None, suffix: str = "") -> str:
    return "—" if r is None else f"${r.low:,.0f}–${r.high:,.0f}{suffix}"


def _cite(refs: list[SourceRef], index: dict[str, int]) -> str:
    numbers = sorted({index[r.chunk_id + r.quote] for r in refs if r.chunk_id + r.quote in index})
    return "".join(f"[{n}]" for n in numbers)


def render_markdown(plan: Plan) -> str:
    index = {ref.chunk_id + ref.quote: n for n, ref in enumerate(plan.sources, start=1)}
    ctx = plan.business_context
    lines = [f"# {plan.title}", "", f"_Status: **{plan.status}** · plan schema v{plan.schema_version}_", ""]

    lines += ["## 1. Executive summary", "", plan.executive_summary.text, ""]

    lines += ["## 2. Business context and SMART goals", "", "### Business context", ""]
    lines += [
        _fact("Business", ctx.name), _fact("Niche", ctx.niche), _fact("Products", ctx.products),
        _fact("Target audience", ctx.audience), _fact("Market position", ctx.market_position),
        _fact("Unique selling proposition", ctx.usp), _fact("Tech stack", ctx.capabilities.tech_stack),
        _fact("Data maturity", ctx.capabilities.data_maturity), _fact("Team", ctx.capabilities.team),
        _fact("AI budget", ctx.capabilities.budget), _fact("Regions", ctx.regions),
    ]  # fmt: skip
    if ctx.pain_points:
        lines += ["- **Pain points:** " + "; ".join(ctx.pain_points)]
    lines += ["", "### SMART goals", ""]
    for n, goal in enumerate(ctx.goals, start=1):
        status = (
            "SMART" if goal.goal.is_smart else "not yet SMART: needs " + "; ".join(goal.goal.check.missing)
        )
        lines += [f"**Goal {n}: {goal.smart_statement}** ({status})", ""]
        lines += _table(["KPI"], [[k] for k in goal.kpis])
    if ctx.assumptions:
        lines += ["### Assumptions", ""] + [f"- {a.statement}" for a in ctx.assumptions] + [""]

    lines += ["## 3. AI initiatives and STRIVE analysis", ""]
    for i in plan.initiatives:
        lines += [
            f"### {i.name} ({i.category})",
            "",
            f"**Scope ({i.phase}):** {i.scope}",
            "",
            i.rationale,
            "",
        ]
        rows = [
            [c.name, f"{c.score}/5", c.justification + " " + _cite(c.citations, index)]
            for c in i.strive.criteria
        ]
        lines += _table(["STRIVE criterion", "Score", "Justification"], rows)
        p = i.priority
        lines += [
            f"**Priority:** weighted STRIVE {i.strive.weighted_score:g}/5 · RICE {p.rice.score:g} "
            f"(reach {p.rice.reach:g}, impact {p.rice.impact:g}, confidence {p.rice.confidence:g}, effort {p.rice.effort:g} pm) · "
            f"ICE {p.ice.score:g} · {p.quadrant} (value {p.value:g}, effort {p.effort:g})",
            "",
            "**Drawbacks:** " + "; ".join(i.drawbacks),
            "",
        ]

    lines += ["## 4. Personalization and automation strategy mapping", ""]
    names = {i.id: i.name for i in plan.initiatives}
    rows = [
        [names[s.initiative_id], s.strategy, s.stage, s.expected_outcome, s.goal_link] for s in plan.journey
    ]
    lines += _table(["AI initiative", "Strategy", "Buyer-journey stage", "Expected outcome", "Goal"], rows)
    lines += ["### Roadmap", ""]
    rows = [
        ["Short-term win" if r.horizon == "short_term" else "Long-term bet", r.name, f"months {r.start_month}–{r.end_month}",
         ", ".join(r.depends_on) or "—", r.rationale]
        for r in [*plan.roadmap.short_term, *plan.roadmap.long_term]
    ]  # fmt: skip
    lines += _table(["Horizon", "Step", "When", "Depends on", "Why"], rows)

    m = plan.measurement
    lines += ["## 5. Measurement, ROI and continuous improvement", "", "### Initiative metrics", ""]
    lines += _table(
        ["Initiative", "Metrics"], [[names[k], "; ".join(v)] for k, v in m.initiative_metrics.items()]
    )
    lines += ["### ROI projection (ranges, not forecasts)", ""]
    rows = [
        [names[r.initiative_id], _money(r.monthly_cost_usd, "/mo"), _money(r.monthly_benefit_usd, "/mo"),
         "—" if r.roi_12m_pct is None else f"{r.roi_12m_pct.low:g}% to {r.roi_12m_pct.high:g}%",
         _money(r.benefit_per_10k_revenue_usd, "/mo")]
        for r in m.roi
    ]  # fmt: skip
    lines += _table(["Initiative", "Tool cost", "Benefit", "12-month ROI", "Benefit per $10k revenue"], rows)
    lines += ["Assumptions:", ""] + [f"- {a}" for r in m.roi for a in r.assumptions[:1]] + [""]
    lines += [
        f"- **Attribution:** {m.attribution_method} {_cite(m.citations, index)}",
        f"- **Limits:** {m.attribution_limits}",
        f"- **Data cadence:** {m.data_cadence}",
        f"- **Review owner:** {m.review_owner}",
        f"- **Review schedule:** {m.review_schedule}",
        "- **Optimisation triggers:** " + "; ".join(m.optimisation_triggers),
        "- **Escalation:** " + "; ".join(m.escalation_criteria),
        "",
    ]

    g = plan.governance
    lines += ["## 6. Ethical considerations and governance", "", "### Data privacy and compliance", ""]
    lines += [f"- **{r.name}** ({r.why}): " + "; ".join(r.obligations) for r in g.regulations]
    lines += [
        "- **Consent:** " + "; ".join(g.consent),
        "- **Data minimisation:** " + "; ".join(g.data_minimisation),
    ]
    lines += ["- **Security:** " + "; ".join(g.security), ""]
    lines += ["### Risks of these initiatives and their mitigations", ""]
    rows = [[names[r.initiative_id], r.kind, r.risk, r.mitigation] for r in [*g.bias_risks, *g.other_risks]]
    lines += _table(["Initiative", "Kind", "Risk", "Mitigation"], rows)
    lines += ["### Transparency and oversight", ""] + [f"- {t}" for t in g.transparency]
    lines += [f"- {h}" for h in g.human_oversight]
    lines += [
        "",
        f"**Guiding principles:** {', '.join(g.principles)}. **Review:** {g.review_cadence}. {_cite(g.citations, index)}",
        "",
    ]

    lines += ["## Self-validation checklist", ""]
    lines += _table(
        ["Check", "Result", "Reasons"],
        [[c.question, "pass" if c.passed else "FAIL", "; ".join(c.reasons)] for c in plan.checklist],
    )
    lines += ["## Sources", ""]
    lines += [
        f"{n}. {ref.source} › {ref.section} (`{ref.chunk_id}`): “{ref.quote}”"
        for n, ref in enumerate(plan.sources, start=1)
    ]
    return "\n".join(lines).rstrip() + "\n"
