"""The self-validation checklist fails on business sense, with specific reasons, and gates "final"."""

from __future__ import annotations

import pytest

from advisor.plan.checklist import PlanNotReadyError, finalize, run_checklist
from advisor.plan.models import InitiativeRisk, KpiSource, Plan
from advisor.plan.profile import load_profile
from tests.plan.conftest import ENGINE, PROFILES, RULES, build, failed

EU_BOUTIQUE = {
    "name": "Maison Lune",
    "niche": "handmade linen clothing",
    "currency": "EUR",
    "goals": ["increase average order value by 12% within 9 months"],
    "data_maturity": "shopify reports + klaviyo",
    "tech_stack": ["Shopify", "Klaviyo"],
    "team": "me and my sister, no developer",
    "budget_monthly": 250,
    "monthly_revenue": 18000,
    "pain_points": ["people browse but dont buy much per order"],
    "regions": ["Germany", "France"],
}


def recheck(plan: Plan) -> dict[str, list[str]]:
    plan.checklist = run_checklist(plan, RULES)
    return failed(plan)


def test_a_sound_plan_passes_every_check_with_specific_reasons_and_can_be_finalised(candles: Plan) -> None:
    assert not failed(candles)
    for check in candles.checklist:
        assert check.reasons and "passes" not in check.reasons
        assert all(len(r.split()) >= 6 for r in check.reasons)
    reasons = " ".join(r for c in candles.checklist for r in c.reasons)
    assert "$400 budget" in reasons and "within the limit of 2" in reasons
    assert finalize(candles).status == "final" and candles.status == "draft"


def test_budget_overrun_fails_naming_the_spend_and_the_budget(candles: Plan) -> None:
    plan = candles.model_copy(deep=True)
    plan.business_context.capabilities.budget_monthly = 100
    reasons = recheck(plan)["strive_specific"]
    overrun = next(r for r in reasons if r.startswith("budget overrun"))
    assert "$100 budget" in overrun and "Conversational AI for customer service $90" in overrun
    with pytest.raises(PlanNotReadyError, match="budget overrun"):
        finalize(plan)


def test_costs_that_cannot_be_compared_with_the_budget_fail() -> None:
    plan = build({**EU_BOUTIQUE, "currency": "ISK", "budget_monthly": 40000})
    assert plan.cost_currency == "USD"
    assert any("no exchange rate for ISK" in r for r in failed(plan)["strive_specific"])


def test_an_overloaded_roadmap_fails_for_a_team_without_a_developer(candles: Plan) -> None:
    plan = candles.model_copy(deep=True)
    for item in plan.roadmap.short_term:
        item.start_month, item.end_month = 1, 3
    reasons = recheck(plan)["strive_specific"]
    assert any(
        r.startswith("overloaded roadmap") and "team without a developer runs at most 2" in r for r in reasons
    )


def test_steps_that_start_before_their_dependencies_end_fail(candles: Plan) -> None:
    plan = candles.model_copy(deep=True)
    advanced = next(i for i in plan.roadmap.long_term if i.kind == "advanced")
    advanced.start_month = 2
    assert any("before" in r and "which it needs" in r for r in recheck(plan)["strive_specific"])


def test_a_goal_no_initiative_moves_fails_the_logical_thread() -> None:
    plan = build(
        {
            "niche": "refurbished phones",
            "goals": ["reduce product return rate by 20% within 6 months"],
            "tech_stack": ["Shopify"],
            "budget_monthly": 300,
            "regions": ["US"],
        }
    )
    reasons = failed(plan)["logical_thread"]
    assert any("no initiative's main lever moves product return rate" in r for r in reasons)
    assert plan.status == "draft"


def test_kpis_the_stack_cannot_measure_fail(candles: Plan) -> None:
    plan = candles.model_copy(deep=True)
    plan.business_context.goals[0].kpis[-1] = "Net Promoter Score"
    plan.business_context.capabilities.data_sources = ["platform", "spreadsheet"]
    plan.measurement.kpi_sources.append(KpiSource(kpi="Net Promoter Score", measured_with=None))
    for item in plan.roadmap.items:
        item.provides = [k for k in item.provides if k not in ("email", "bot")]
    reasons = recheck(plan)["measurement_realistic"]
    assert any(r.startswith("KPI “Net Promoter Score” cannot be measured") for r in reasons)
    assert any("Average resolution time" in r for r in reasons)  # Gorgias is gone from the stack too


def test_kpis_the_owner_already_tracks_count_as_measurable(candles: Plan) -> None:
    plan = candles.model_copy(deep=True)
    plan.business_context.goals[0].kpis[-1] = "Net Promoter Score"
    plan.business_context.tracked_kpis = ["net promoter score"]
    assert "measurement_realistic" not in recheck(plan)


def test_eu_personalisation_without_a_consent_step_fails() -> None:
    plan = build(EU_BOUTIQUE)
    ids = [i.id for i in plan.initiatives]
    assert "personalization-engine" in ids
    consent = [i for i in plan.roadmap.items if i.kind == "consent"]
    assert consent and consent[0].start_month == 1 and not failed(plan)
    start = next(i for i in plan.roadmap.items if i.id == "personalization-engine").start_month
    assert consent[0].end_month < start
    stripped = plan.model_copy(deep=True)
    stripped.roadmap.short_term = [i for i in stripped.roadmap.short_term if i.kind != "consent"]
    reasons = recheck(stripped)["ethics_specific"]
    assert any(
        "AI personalisation engine needs profiling opt-in under GDPR" in r and "no consent step" in r
        for r in reasons
    )


def test_consent_already_collected_needs_no_consent_step() -> None:
    plan = build(
        {**EU_BOUTIQUE, "consent": "cookie banner with a personalisation category + newsletter opt-in"}
    )
    assert not [i for i in plan.roadmap.items if i.kind == "consent"]
    assert plan.governance.consent_today == "profiling" and not failed(plan)


def test_unconfirmed_low_confidence_facts_fail_the_check_that_rests_on_them() -> None:
    evidence = {
        "budget_monthly": {"quote": "maybe 300ish?? idk", "confidence": 0.4, "confirmed": False},
        "regions": {"quote": "mostly europe i think", "confidence": 0.5, "confirmed": False},
        "niche": {"quote": "linen stuff lol", "confidence": 0.9, "confirmed": False},
    }
    plan = build({**EU_BOUTIQUE, "evidence": evidence})
    fails = failed(plan)
    assert set(fails) == {"strive_specific", "ethics_specific"}
    assert any("“maybe 300ish?? idk”" in r and "40%" in r for r in fails["strive_specific"])
    assert any("“mostly europe i think”" in r for r in fails["ethics_specific"])
    confirmed = {k: {**v, "confirmed": True} for k, v in evidence.items()}
    assert not failed(build({**EU_BOUTIQUE, "evidence": confirmed}))


def test_a_vague_goal_keeps_the_plan_draft() -> None:
    vague = ENGINE.build_plan(load_profile(PROFILES / "vague.yaml"))
    with pytest.raises(PlanNotReadyError, match="smart_goals"):
        finalize(vague)


def test_missing_or_generic_ethics_blocks_finalisation(candles: Plan) -> None:
    stripped = candles.model_copy(deep=True)
    first = candles.initiatives[0].id
    stripped.governance.bias_risks = []
    stripped.governance.other_risks = [r for r in stripped.governance.other_risks if r.initiative_id != first]
    assert any(first.split("-")[0] in r.lower() for r in recheck(stripped)["ethics_specific"])
    generic = candles.model_copy(deep=True)
    generic.governance.bias_risks = []
    generic.governance.other_risks = [
        InitiativeRisk(initiative_id=i.id, kind="privacy", risk="Privacy concerns", mitigation="Be careful")
        for i in candles.initiatives
    ]
    assert "generic" in recheck(generic)["ethics_specific"][0]
