"""Budget and capacity fit, the consent step, foundation sizing and honest ROI figures."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.evaluation.plan_quality import budget_fit, sentinel_figures, team_fit
from advisor.plan.fit import FitRules
from advisor.plan.models import Plan
from advisor.plan.money import CurrencyRates, Money, nice, nice_down, nice_up
from advisor.plan.profile import parse_profile
from advisor.strategy.engine import StrategyEngine
from advisor.strategy.roi import RoiInputs, project
from tests.conftest import CORPUS_DIR

ENGINE = StrategyEngine(CORPUS_DIR)
RULES = FitRules.load(CORPUS_DIR)
RATES = CurrencyRates.load(CORPUS_DIR)
BASE: dict[str, Any] = {
    "niche": "loose-leaf tea",
    "goals": ["increase repeat purchase rate by 10% within 9 months", "increase AOV by 10% within 12 months"],
    "tech_stack": ["Shopify", "Klaviyo"],
    "data_maturity": "shopify analytics and klaviyo",
    "team": "two founders, no developer",
    "budget_monthly": 300,
    "monthly_revenue": 30000,
    "regions": ["United States"],
}


def build(**changes: Any) -> Plan:
    return ENGINE.build_plan(parse_profile({**BASE, **changes}))


def peak(plan: Plan) -> int:
    items = plan.roadmap.items
    return max(
        sum(i.start_month <= m <= i.end_month for i in items)
        for m in range(1, max(i.end_month for i in items) + 1)
    )


@pytest.mark.parametrize(
    ("amount", "rounded", "up", "down"),
    [(7.4, 7, 8, 7), (17.39, 15, 20, 15), (113, 110, 120, 110), (1249, 1200, 1300, 1200), (0, 0, 0, 0)],
)
def test_amounts_are_rounded_like_a_budget(amount: float, rounded: float, up: float, down: float) -> None:
    assert (nice(amount), nice_up(amount), nice_down(amount)) == (rounded, up, down)


def test_money_formats_with_the_currency_symbol_and_converts_from_dollars() -> None:
    eur = Money.for_currency("EUR", RATES)
    assert eur.fmt(1234.4) == "€1,234" and eur.fmt(-50) == "-€50"
    assert Money.for_currency("CHF", RATES).fmt(90) == "CHF 90"
    assert Money.for_currency("CAD", RATES).fmt_range(10, 20) == "CA$10–CA$20"
    assert eur.from_usd(115) == pytest.approx(100)
    assert "approximate rate" in (eur.rate_note() or "") and RATES.as_of in (eur.rate_note() or "")
    unknown = Money.for_currency("ISK", RATES)
    assert not unknown.convertible and unknown.fmt_cost(20) == "$20" and unknown.fmt(20).startswith("ISK")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Yes, opt-in for marketing and personalisation", "profiling"),
        ("Only for the email list", "marketing"),
        ("No, or not sure", "none"),
        ("no cookie banner, just a newsletter checkbox", "marketing"),
        ("Cookiebot banner with categories", "profiling"),
        (None, None),
    ],
)
def test_consent_today_is_read_into_a_level(text: str | None, level: str | None) -> None:
    assert RULES.consent_today(text) == level


@pytest.mark.parametrize(
    ("team", "developer"),
    [
        ("A small team, no developer", False),
        ("just me", False),
        ("two founders and a part-time VA, without a developer", False),
        ("We have a developer or an agency", True),
        ("founder plus a freelance developer", True),
        ("12 people including two developers and a data analyst", True),
    ],
)
def test_a_developer_is_recognised_and_negations_are_not(team: str, developer: bool) -> None:
    assert RULES.has_developer(team) is developer
    assert RULES.max_parallel(developer) == (3 if developer else 2)


def test_a_team_without_a_developer_never_runs_more_than_two_steps() -> None:
    plan = build(regions=["Germany"])
    assert not plan.business_context.capabilities.has_developer and peak(plan) <= 2
    assert any((i.deferred_reason or "").startswith("Starts in month") for i in plan.roadmap.items)


def test_a_tight_budget_defers_what_does_not_fit_and_says_why() -> None:
    plan = build(budget_monthly=10)
    early = [i for i in plan.roadmap.items if i.start_month <= 3]
    assert sum(i.monthly_cost for i in early) <= 10
    deferred = [i for i in plan.roadmap.items if (i.deferred_reason or "").startswith("Deferred")]
    assert deferred and all("$10 budget" in (i.deferred_reason or "") for i in deferred)
    assert all(i.start_month >= 7 for i in deferred)
    assert "Deferred for budget" in plan.roadmap.budget_note


def test_entry_tiers_are_planned_to_fit_a_budget() -> None:
    plan = build(budget_monthly=120, monthly_revenue=250000)  # a mid-sized shop on a small budget
    early = [i for i in plan.roadmap.items if i.start_month <= 3]
    assert sum(i.monthly_cost for i in early) <= 120
    assert any("entry tier" in i.rationale for i in plan.roadmap.items)


def test_the_data_foundation_is_sized_to_what_the_initiatives_need() -> None:
    integrated = build(
        data_maturity="HubSpot CRM connected to the store, GA4",
        tech_stack=["Shopify", "HubSpot", "GA4", "Klaviyo"],
    )
    assert not [i for i in integrated.roadmap.items if i.kind == "foundation"]
    basic = build(data_maturity="spreadsheets only", tech_stack=["Shopify"])
    steps = {i.id: i for i in basic.roadmap.items if i.kind == "foundation"}
    assert "measurement-basics" in steps
    crm = steps.get("customer-data-foundation")
    assert crm is None or crm.start_month >= 4  # the CRM is for the advanced scopes, not the first quarter
    for item in basic.roadmap.items:
        if item.kind == "initiative" and "measurement-basics" in item.depends_on:
            assert item.start_month > steps["measurement-basics"].end_month


def test_consent_step_only_where_an_opt_in_law_applies() -> None:
    eu = build(regions=["France"], goals=["increase AOV by 10% within 12 months"])
    us = build(regions=["United States"], goals=["increase AOV by 10% within 12 months"])
    assert "personalization-engine" in {i.id for i in eu.initiatives} & {i.id for i in us.initiatives}
    assert [i.kind for i in eu.roadmap.items].count("consent") == 1
    assert "consent" not in [i.kind for i in us.roadmap.items]


def test_roi_follows_the_stated_figures_with_no_caps() -> None:
    init = ENGINE.catalogue.get("conversational-ai")
    usd = Money.for_currency("USD", RATES)
    r = project(init, "starter", 100.0, 3, RoiInputs(40000, 0.4, 1), usd)
    assert r.monthly_benefit is not None and (r.monthly_benefit.low, r.monthly_benefit.high) == (160, 600)
    # (160 × 9 − 100 × 13) / 1300 and (600 × 9 − 1300) / 1300
    assert r.roi_12m_pct is not None and (r.roi_12m_pct.low, r.roi_12m_pct.high) == (10.8, 315.4)
    # payback: (B × 3 + 100) / (B − 100) → 3.8 → month 4 at 600; 9.7 → month 10 at 160
    assert r.payback_months is not None and (r.payback_months.low, r.payback_months.high) == (4, 10)
    poor = project(init, "starter", 700.0, 3, RoiInputs(40000, 0.4, 1), usd)
    assert poor.payback_months is not None and poor.payback_months.high is None  # never, not "99"
    free = project(ENGINE.catalogue.get("fraud-detection"), "starter", 0.0, 2, RoiInputs(40000, 0.4, 1), usd)
    assert free.roi_12m_pct is None and any("No tool cost" in a for a in free.assumptions)


def test_unknown_revenue_gives_per_10k_and_break_even_in_the_owners_currency() -> None:
    plan = build(monthly_revenue=None, currency="GBP")
    for r in plan.measurement.roi:
        assert r.monthly_benefit is None and r.roi_12m_pct is None and r.payback_months is None
        assert r.break_even_revenue is not None and r.benefit_per_10k_revenue.high > 0
        assert any("per £10,000" in a for a in r.assumptions)
    assert "per £10,000 of monthly revenue" in plan.executive_summary.text


profiles = st.fixed_dictionaries(
    {
        "niche": st.sampled_from(
            ["candles", "running shoes", "baby clothes", "coffee beans", "refurbished laptops"]
        ),
        "currency": st.sampled_from(["USD", "EUR", "GBP", "CAD", "AUD", "SEK"]),
        "goals": st.lists(
            st.sampled_from(
                [
                    "increase AOV by 10% in 6 months",
                    "reduce support tickets by 20% within a year",
                    "grow sales",
                    "cut chargebacks by half in 3 months",
                    "reduce stockouts by 30% within 6 months",
                    "increase repeat purchase rate by 15% within 12 months",
                ]
            ),
            max_size=2,
        ),
        "data_maturity": st.sampled_from(
            ["spreadsheets", "GA4 and Mailchimp", "CRM integrated", "a data warehouse", None]
        ),
        "tech_stack": st.sampled_from(
            [[], ["Shopify"], ["Shopify", "Klaviyo", "Gorgias"], ["WooCommerce", "Stripe"]]
        ),
        "team": st.sampled_from(
            ["just me", "two of us, no developer", "a freelance developer", "data scientists", None]
        ),
        "budget_monthly": st.one_of(st.none(), st.sampled_from([0, 25, 80, 150, 300, 800, 2500, 12000])),
        "monthly_revenue": st.one_of(
            st.none(), st.sampled_from([1500, 8000, 30000, 90000, 400000, 2_000_000])
        ),
        "regions": st.sampled_from([[], ["Germany"], ["UK"], ["United States"], ["Canada"], ["Australia"]]),
        "consent": st.sampled_from(
            [None, "only for the email list", "cookie banner with personalisation opt-in", "no"]
        ),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles)
def test_every_plan_fits_budget_and_team_with_honest_figures(data: dict[str, Any]) -> None:
    plan = ENGINE.build_plan(parse_profile(data))
    assert not budget_fit(plan) and not team_fit(plan) and not sentinel_figures(plan)
    assert plan.currency == data["currency"] == plan.cost_currency
    assert all(ref.title for ref in plan.sources)
    consent = next((i for i in plan.roadmap.items if i.kind == "consent"), None)
    for initiative in plan.initiatives:
        if (
            initiative.consent_needed != "none"
            and not RULES.consent_covers(plan.governance.consent_today, initiative.consent_needed)
            and plan.governance.opt_in_required
        ):
            start = next(i.start_month for i in plan.roadmap.items if i.id == initiative.id)
            assert consent is not None and consent.end_month < start


def test_advanced_scopes_a_tiny_shop_cannot_fund_are_named_not_scheduled() -> None:
    tiny = build(budget_monthly=50, monthly_revenue=3000)
    assert not [i for i in tiny.roadmap.items if i.kind == "advanced"]
    assert not [i for i in tiny.roadmap.items if i.id == "customer-data-foundation"]  # nothing needs it now
    assert tiny.roadmap.not_scheduled and all("$50 budget" in x for x in tiny.roadmap.not_scheduled)
    grown = build(budget_monthly=600, monthly_revenue=60000)
    assert [i for i in grown.roadmap.items if i.kind == "advanced"]


def test_every_kpi_a_plan_can_propose_has_a_known_data_source() -> None:
    kpis = [k for m in ENGINE.lexicon.metrics for k in m.kpis] + [
        k for i in ENGINE.catalogue.initiatives for k in i.kpis
    ]
    assert [k for k in kpis if RULES.kpi_kinds(k) is None] == []
    kinds = {kind for k in kpis for kind in RULES.kpi_kinds(k) or []}
    assert kinds <= set(RULES.data_sources)  # every kind has a name a plan can show
