"""Personal answers: the owner's facts and the strategy engine's numbers; questions about the plan
answered from the plan itself."""

from __future__ import annotations

import re

import pytest

from advisor.answers.service import AnswerService
from advisor.config import PROJECT_ROOT
from advisor.evaluation.answers import claim_sentences
from advisor.plan.models import Plan
from advisor.plan.profile import BusinessProfile, load_profile

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shop() -> BusinessProfile:
    """A boutique with $300 a month for AI tools and nobody technical."""
    profile = load_profile(PROJECT_ROOT / "evals" / "datasets" / "profiles" / "boutique.yaml")
    return profile.model_copy(update={"budget_monthly": 300.0})


@pytest.fixture(scope="module")
def plan(answer_service: AnswerService, shop: BusinessProfile) -> dict:  # type: ignore[type-arg]
    return answer_service.engine.build_plan(shop).model_dump(mode="json")  # as the session keeps it


def _all_cited(answer) -> None:  # type: ignore[no-untyped-def]
    numbers = {c.n for c in answer.citations}
    for sentence in claim_sentences(answer.answer):
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", sentence)}
        assert markers and markers <= numbers, sentence


def test_why_this_initiative_is_answered_from_the_plan(answer_service: AnswerService, shop, plan) -> None:  # type: ignore[no-untyped-def]
    answer = answer_service.ask(
        "why this initiative, with $300 a month and nobody technical?", profile=shop, plan=plan
    )
    first = Plan.model_validate(plan).initiatives[0]
    assert f"**{first.name}**" in answer.answer
    assert "With $300 a month and no developer on the team" in answer.answer
    assert f"STRIVE {first.strive.weighted_score:g}/5" in answer.answer
    assert "Technical Efficacy & Feasibility" in answer.answer and "no developer" in answer.answer
    assert first.rationale.split(".")[0] in answer.answer  # the plan's own reasoning, not generic quotes
    _all_cited(answer)


def test_what_it_costs_and_what_comes_first_come_from_the_roadmap(
    answer_service: AnswerService, shop, plan
) -> None:  # type: ignore[no-untyped-def]
    built = Plan.model_validate(plan)
    cost = answer_service.ask("what does my plan cost each month?", profile=shop, plan=plan)
    assert built.roadmap.budget_note.split(":")[0] in cost.answer
    for item in built.roadmap.short_term:
        if item.monthly_cost > 0:
            assert f"${item.monthly_cost:,.0f} a month from month {item.start_month}" in cost.answer
    _all_cited(cost)
    first = answer_service.ask("what comes first?", profile=shop, plan=plan)
    earliest = min(built.roadmap.items, key=lambda x: (x.start_month, x.end_month))
    assert re.search(
        rf"^1\. \*\*{re.escape(earliest.name.split(':')[0])}\*\* \(month 1\)", first.answer, re.M
    )
    _all_cited(first)


def test_when_does_it_pay_back_uses_the_roi_projections(answer_service: AnswerService, shop, plan) -> None:  # type: ignore[no-untyped-def]
    answer = answer_service.ask("when does the plan pay for itself?", profile=shop, plan=plan)
    assert "pays for itself from about" in answer.answer and "not forecasts" in answer.answer
    _all_cited(answer)


def test_a_corpus_question_with_a_profile_gets_the_engines_numbers(
    answer_service: AnswerService, shop
) -> None:  # type: ignore[no-untyped-def]
    answer = answer_service.ask("Should I try dynamic pricing?", profile=shop)
    assert "**For your shop**" in answer.answer
    assert re.search(r"scores AI-driven dynamic pricing [\d.]+/5 on STRIVE for you", answer.answer)
    assert "The engine would start with" in answer.answer
    _all_cited(answer)
    generic = answer_service.ask("Should I try dynamic pricing?")
    assert "**For your shop**" not in generic.answer


def test_where_to_start_with_a_profile_and_no_plan_yet(answer_service: AnswerService, shop) -> None:  # type: ignore[no-untyped-def]
    answer = answer_service.ask("what should i do first?", profile=shop)
    assert re.match(r"With \$300 a month and no developer on the team, start with \*\*", answer.answer)
    assert "| S | T | R | I | V | E | STRIVE |" in answer.answer
    _all_cited(answer)


def test_a_plan_from_an_older_schema_falls_back_to_the_corpus(answer_service: AnswerService) -> None:
    answer = answer_service.ask("why did you pick this initiative for me", plan={"schema_version": "0"})
    assert answer.covered is not None and answer.refusal is None
