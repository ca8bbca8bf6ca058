"""What a stakeholder checks first in a plan, measured independently of the plan's own checklist:
the first three months fit the budget, the roadmap fits the team, no figure is a cap or sentinel, the
sources are named by document title and linked, amounts are in the owner's currency, and the PDF
carries the executive summary."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from advisor.plan.export import render, render_bytes
from advisor.plan.models import Plan
from advisor.plan.profile import BusinessProfile

SENTINELS = {99.0, 999.0, 9999.0, -999.0}
MAX_PARALLEL_WITHOUT_DEVELOPER = 2
USD_SIGNS = re.compile(r"(?<![A-Z])(US)?\$\d")


def budget_fit(plan: Plan) -> list[str]:
    budget = plan.business_context.capabilities.budget_monthly
    spend = sum(i.monthly_cost for i in plan.roadmap.items if i.start_month <= 3)
    if budget is None:
        return []
    if plan.cost_currency != plan.currency:
        return [f"tool costs in {plan.cost_currency} cannot be compared with a {plan.currency} budget"]
    return [f"months 1-3 cost {spend:g} against a budget of {budget:g}"] if spend > budget + 0.5 else []


def team_fit(plan: Plan) -> list[str]:
    caps = plan.business_context.capabilities
    limit = (
        caps.max_parallel if caps.has_developer else min(caps.max_parallel, MAX_PARALLEL_WITHOUT_DEVELOPER)
    )
    problems = []
    items = plan.roadmap.items
    for month in range(1, max((i.end_month for i in items), default=0) + 1):
        running = [i.id for i in items if i.start_month <= month <= i.end_month]
        if len(running) > limit:
            problems.append(f"month {month}: {len(running)} steps at once (limit {limit})")
            break
    ends = {i.id: i.end_month for i in items}
    problems += [
        f"{i.id} starts before {d} ends"
        for i in items
        for d in i.depends_on
        if d in ends and ends[d] >= i.start_month
    ]
    return problems


def sentinel_figures(plan: Plan) -> list[str]:
    found = []
    for r in plan.measurement.roi:
        values = [r.monthly_cost, r.benefit_per_10k_revenue.low, r.benefit_per_10k_revenue.high]
        for rng in (r.monthly_benefit, r.roi_12m_pct, r.payback_months, r.break_even_revenue):
            if rng is not None:
                values += [v for v in (rng.low, rng.high) if v is not None]
        found += [f"{r.initiative_id}: {v:g}" for v in values if not math.isfinite(v) or v in SENTINELS]
    return found


def sources_by_title(plan: Plan, titles: set[str]) -> list[str]:
    problems = [
        f"source {n} has no known title" for n, s in enumerate(plan.sources, 1) if s.title not in titles
    ]
    markdown = render(plan, "md")
    body, _, listing = markdown.partition("## Sources")
    if ".txt" in listing or any(s.chunk_id in listing for s in plan.sources):
        problems.append("the source list shows file names or chunk ids")
    cited = {int(n) for n in re.findall(r"\[\[(\d+)\]\]\(#source-\1\)", body)}
    if cited != set(range(1, len(plan.sources) + 1)):
        problems.append(f"cited {sorted(cited)} but listed 1-{len(plan.sources)}")
    return problems


def currency_used(plan: Plan, profile: BusinessProfile) -> list[str]:
    if plan.currency != profile.currency:
        return [f"plan in {plan.currency}, owner in {profile.currency}"]
    if profile.currency != "USD" and USD_SIGNS.search(render(plan, "md")):
        return ["US-dollar amounts in a non-dollar plan"]
    return []


def flat_text(text: str) -> str:
    """Text as compared across a PDF line breaks: no whitespace, no hyphens (pdftotext joins "one-" +
    "time" into "onetime" at a line end, and keeps a break after a dash as a space)."""
    return "".join(text.replace("\u00ad", "").replace("-", "").split())


def pdf_tools() -> bool:
    return shutil.which("pdftotext") is not None


def pdf_summary(plan: Plan) -> list[str]:
    """The executive summary as pdftotext reads it from the PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.pdf"
        path.write_bytes(render_bytes(plan, "pdf"))
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    missing = [p for p in plan.executive_summary.text.split("\n\n") if flat_text(p) not in flat_text(text)]
    return [f"executive summary missing from the PDF: {p[:60]}…" for p in missing]
