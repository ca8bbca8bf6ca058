"""ROI projection: ranges from stated revenue and the catalogue's planning assumptions, never points."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.plan.models import Range, RoiProjection
from advisor.strategy.catalogue import Initiative, Scope


@dataclass(frozen=True)
class RoiInputs:
    monthly_revenue: float | None
    contribution_margin: float
    setup_months_of_cost: float


def _benefit_share(initiative: Initiative, margin: float) -> tuple[float, float]:
    """Monthly benefit as a share of monthly revenue (margin applied to revenue uplift)."""
    factor = margin if initiative.benefit.kind == "revenue" else 1.0
    return initiative.benefit.low * factor, initiative.benefit.high * factor


def project(initiative: Initiative, scope: Scope, inputs: RoiInputs) -> RoiProjection:
    """12-month ROI range: (benefit − cost − setup) / (cost + setup), with the assumptions spelled out."""
    share_low, share_high = _benefit_share(initiative, inputs.contribution_margin)
    cost_low, cost_high = scope.cost_monthly_usd
    assumptions = [
        f"Monthly benefit {initiative.benefit.low:.1%}–{initiative.benefit.high:.1%} of revenue "
        f"({initiative.benefit.basis}); a planning assumption to validate with the pilot, not a forecast",
        f"Tool cost ${cost_low:,.0f}–${cost_high:,.0f} a month for the {scope.scope.lower()} scope",
        f"Set-up effort counted as {inputs.setup_months_of_cost:g} extra month(s) of tool cost",
    ]
    if initiative.benefit.kind == "revenue":
        assumptions.append(
            f"Revenue uplift counted at a {inputs.contribution_margin:.0%} contribution margin"
        )
    per_10k = Range(low=round(share_low * 10_000, 2), high=round(share_high * 10_000, 2))
    if inputs.monthly_revenue is None:
        assumptions.append("Monthly revenue unknown: benefit shown per $10,000 of monthly revenue")
        return RoiProjection(
            initiative_id=initiative.id,
            monthly_cost_usd=Range(low=cost_low, high=cost_high),
            monthly_benefit_usd=None,
            roi_12m_pct=None,
            payback_months=None,
            benefit_per_10k_revenue_usd=per_10k,
            assumptions=assumptions,
        )
    revenue = inputs.monthly_revenue
    benefit_low, benefit_high = revenue * share_low, revenue * share_high
    setup = inputs.setup_months_of_cost

    def roi(benefit: float, cost: float) -> float:
        invested = cost * (12 + setup)
        return (benefit * 12 - invested) / invested * 100 if invested else 999.0

    def payback(benefit: float, cost: float) -> float:
        net = benefit - cost
        return round(cost * setup / net, 1) if net > 0 else 99.0

    return RoiProjection(
        initiative_id=initiative.id,
        monthly_cost_usd=Range(low=cost_low, high=cost_high),
        monthly_benefit_usd=Range(low=round(benefit_low, 2), high=round(benefit_high, 2)),
        # pessimistic: low benefit at high cost; optimistic: high benefit at low cost
        roi_12m_pct=Range(
            low=round(roi(benefit_low, cost_high), 1), high=round(min(roi(benefit_high, cost_low), 999.0), 1)
        ),
        payback_months=Range(low=payback(benefit_high, cost_low), high=payback(benefit_low, cost_high)),
        benefit_per_10k_revenue_usd=per_10k,
        assumptions=assumptions,
    )


def value_ratio(projection: RoiProjection, initiative: Initiative, margin: float) -> float | None:
    """Mid benefit / mid cost; None when revenue is unknown."""
    if projection.monthly_benefit_usd is None:
        return None
    benefit = (projection.monthly_benefit_usd.low + projection.monthly_benefit_usd.high) / 2
    cost = max((projection.monthly_cost_usd.low + projection.monthly_cost_usd.high) / 2, 1.0)
    return benefit / cost
