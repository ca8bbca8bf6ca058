"""ROI projection: ranges from the owner's stated revenue and the catalogue's planning assumptions.

For an initiative with planned tool cost C a month, a launch of L months before benefits start, a
set-up effort counted as s extra months of tool cost, and a monthly benefit B (a share of revenue;
revenue uplift counted at the contribution margin):

    12-month ROI  = (B × (12 − L) − C × (12 + s)) / (C × (12 + s))
    payback month = (B × L + C × s) / (B − C)        (only when B > C; within 36 months)

Pessimistic uses the low benefit, optimistic the high one. No value is capped or replaced by a
sentinel: a figure that does not exist (no cost, no revenue, no payback) is None and the plan says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from advisor.plan.models import OpenRange, Range, RoiProjection
from advisor.plan.money import Money
from advisor.strategy.catalogue import Initiative

PAYBACK_HORIZON_MONTHS = 36


@dataclass(frozen=True)
class RoiInputs:
    monthly_revenue: float | None
    contribution_margin: float
    setup_months_of_cost: float


def benefit_share(initiative: Initiative, margin: float) -> tuple[float, float]:
    """Monthly benefit as a share of monthly revenue (margin applied to revenue uplift)."""
    factor = margin if initiative.benefit.kind == "revenue" else 1.0
    return initiative.benefit.low * factor, initiative.benefit.high * factor


def _roi_pct(benefit: float, cost: float, launch: int, setup: float) -> float:
    invested = cost * (12 + setup)
    return round((benefit * max(0, 12 - launch) - invested) / invested * 100, 1)


def _payback(benefit: float, cost: float, launch: int, setup: float) -> float | None:
    if benefit <= cost:
        return None
    month = math.ceil((benefit * launch + cost * setup) / (benefit - cost))
    return float(month) if month <= PAYBACK_HORIZON_MONTHS else None


def _break_even(cost: float, share: float) -> float | None:
    return round(cost / share, -1) if share > 0 and cost > 0 else None


def project(
    initiative: Initiative,
    scope_name: str,
    monthly_cost: float,
    launch_months: int,
    inputs: RoiInputs,
    money: Money,
) -> RoiProjection:
    """The initiative's ROI ranges with every assumption spelled out."""
    share_low, share_high = benefit_share(initiative, inputs.contribution_margin)
    setup, launch = inputs.setup_months_of_cost, launch_months
    b = initiative.benefit
    assumptions = [
        f"Benefit {b.low:.1%}–{b.high:.1%} of monthly revenue ({b.basis}): a planning assumption to "
        "validate with the pilot, not a forecast",
        f"Planned tool cost {money.fmt_cost(monthly_cost)} a month for this scope",
        f"Benefits start after a {launch}-month launch; the tool is paid from month 1 and set-up effort "
        f"counts as {setup:g} extra month(s) of tool cost",
    ]
    if b.kind == "revenue":
        assumptions.append(
            f"Revenue uplift counted at a {inputs.contribution_margin:.0%} contribution margin"
        )
    per_10k = Range(low=round(share_low * 10_000, 2), high=round(share_high * 10_000, 2))
    comparable = money.convertible
    break_even = (
        OpenRange(low=_break_even(monthly_cost, share_high), high=_break_even(monthly_cost, share_low))
        if comparable and monthly_cost > 0
        else None
    )
    if monthly_cost == 0:
        assumptions.append("No tool cost at this scope: the investment is the team's time")
    if inputs.monthly_revenue is None or not comparable:
        assumptions.append(
            f"Monthly revenue not stated: benefit shown {money.per_10k} of monthly revenue, with the revenue "
            "at which the tool pays for itself"
            if inputs.monthly_revenue is None
            else "Tool costs are in US dollars (no exchange rate on file), so ROI is not computed"
        )
        return RoiProjection(
            initiative_id=initiative.id, monthly_cost=monthly_cost, launch_months=launch,
            monthly_benefit=None, roi_12m_pct=None, payback_months=None,
            benefit_per_10k_revenue=per_10k, break_even_revenue=break_even, assumptions=assumptions,
        )  # fmt: skip
    revenue = inputs.monthly_revenue
    assumptions.append(f"Your stated monthly revenue of {money.fmt(revenue)}")
    low, high = revenue * share_low, revenue * share_high
    roi = (
        Range(
            low=_roi_pct(low, monthly_cost, launch, setup), high=_roi_pct(high, monthly_cost, launch, setup)
        )
        if monthly_cost > 0
        else None
    )
    return RoiProjection(
        initiative_id=initiative.id, monthly_cost=monthly_cost, launch_months=launch,
        monthly_benefit=Range(low=round(low, 2), high=round(high, 2)), roi_12m_pct=roi,
        payback_months=OpenRange(
            low=_payback(high, monthly_cost, launch, setup), high=_payback(low, monthly_cost, launch, setup)
        ),
        benefit_per_10k_revenue=per_10k, break_even_revenue=break_even, assumptions=assumptions,
    )  # fmt: skip


@dataclass(frozen=True)
class Portfolio:
    """All initiatives together: monthly benefit and cost once live, and the 12-month ROI range."""

    benefit: Range | None
    cost: float
    roi_12m_pct: Range | None


def portfolio(projections: list[RoiProjection], setup: float) -> Portfolio:
    cost = sum(p.monthly_cost for p in projections)
    if any(p.monthly_benefit is None for p in projections):
        return Portfolio(None, cost, None)
    benefits = [p.monthly_benefit for p in projections if p.monthly_benefit]
    invested = sum(p.monthly_cost * (12 + setup) for p in projections)
    roi = None
    if invested > 0:
        gains_low = sum(
            b.low * max(0, 12 - p.launch_months) for p, b in zip(projections, benefits, strict=True)
        )
        gains_high = sum(
            b.high * max(0, 12 - p.launch_months) for p, b in zip(projections, benefits, strict=True)
        )
        roi = Range(
            low=round((gains_low - invested) / invested * 100, 1),
            high=round((gains_high - invested) / invested * 100, 1),
        )
    return Portfolio(
        Range(low=round(sum(b.low for b in benefits), 2), high=round(sum(b.high for b in benefits), 2)),
        cost,
        roi,
    )
