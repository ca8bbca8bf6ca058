from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.interview.extract import Extractor
from tests.conftest import CORPUS_DIR

X = Extractor(CORPUS_DIR)


@pytest.mark.parametrize(
    ("asked", "text", "expected"),
    [
        (
            None,
            "We sell candles on Shopify, $40k a month",
            {"niche": "candles", "tech_stack": ["Shopify"], "monthly_revenue": 40000.0},
        ),
        (
            "business",
            "Handmade leather wallets and belts through our WooCommerce site",
            {"niche": "Handmade leather wallets and belts", "tech_stack": ["WooCommerce"]},
        ),
        (
            None,
            "I run a small online tea shop and my customers are in Canada",
            {"niche": "small online tea shop", "regions": ["Canada"]},
        ),
        (
            "business",
            "We sell organic dog treats and toys to dog owners across the US",
            {
                "niche": "organic dog treats and toys",
                "audience": "dog owners across the US",
                "products": ["organic dog treats", "toys"],
            },
        ),
        (
            "business",
            "We're a refurbished electronics retailer doing about 250k a month on Magento",
            {"monthly_revenue": 250000.0, "tech_stack": ["Magento / Adobe Commerce"]},
        ),
        ("audience", "mostly professionals in their 30s", {"audience": "professionals in their 30s"}),
        ("budget", "maybe 300 a month", {"budget_monthly": 300.0}),
        ("budget", "$100–$500", {"budget_monthly": 300.0}),
        ("budget", "not more than 200 bucks monthly", {"budget_monthly": 200.0}),
        ("budget", "10k a year", {"budget_monthly": 833.33}),
        ("budget", "nothing for now", {"budget_monthly": 0.0}),
        ("regions", "UK and Germany mostly", {"regions": ["United Kingdom", "Germany"]}),
        ("tech_stack", "Shopify, Klaviyo and Gorgias", {"tech_stack": ["Shopify", "Klaviyo", "Gorgias"]}),
        (
            "goals",
            "we want 20% more repeat customers in the next 6 months",
            {"goals": ["we want 20% more repeat customers in the next 6 months"]},
        ),
        ("consent", "No, or not sure", {"consent": "no consent mechanism yet"}),
    ],
)
def test_extraction_phrasings(asked: str | None, text: str, expected: dict[str, object]) -> None:
    facts = X.extract(text, asked).facts
    for key, value in expected.items():
        assert facts.get(key) == value, (key, facts)


def test_every_fact_in_a_message_is_taken_not_only_the_asked_one() -> None:
    facts = X.extract(
        "We sell candles on Shopify, about $40k a month, mostly to customers in the UK", "business"
    ).facts
    assert {"niche", "tech_stack", "monthly_revenue", "regions"} <= set(facts)


@pytest.mark.parametrize("text", ["I don't know", "not sure", "skip", "No idea", "pass"])
def test_unknown_answers(text: str) -> None:
    result = X.extract(text, "budget")
    assert result.unknown and not result.facts


def test_corrections_and_questions_are_recognised() -> None:
    correction = X.extract("actually our budget is $800", "audience")
    assert correction.correction and correction.facts == {"budget_monthly": 800.0}
    question = X.extract("How does a chatbot help with order status?", "data_maturity")
    assert question.question and "data_maturity" not in question.facts


def test_negated_tools_are_not_tools() -> None:
    facts = X.extract("spreadsheets, no CRM", "data_maturity").facts
    assert "a CRM" not in facts.get("tech_stack", [])


@given(
    amount=st.integers(min_value=1, max_value=999_999),
    unit=st.sampled_from(["a month", "per month", "/month", "monthly"]),
)
def test_monthly_money_round_trips(amount: int, unit: str) -> None:
    facts = X.extract(f"our budget is ${amount:,} {unit}", "budget").facts
    assert facts["budget_monthly"] == amount


@given(amount=st.integers(min_value=12, max_value=9_999_999))
def test_yearly_money_is_divided_by_twelve(amount: int) -> None:
    facts = X.extract(f"we can spend ${amount} per year", "budget").facts
    assert facts["budget_monthly"] == pytest.approx(round(amount / 12, 2))


@given(pct=st.integers(min_value=1, max_value=200), months=st.integers(min_value=1, max_value=36))
def test_goal_numbers_are_kept(pct: int, months: int) -> None:
    facts = X.extract(f"increase average order value by {pct}% within {months} months", "goals").facts
    assert facts["goals"] == [f"increase average order value by {pct}% within {months} months"]


def test_a_pain_point_volunteered_in_another_answer_is_kept() -> None:
    facts = X.extract(
        "mostly gift buyers. Honestly we are drowning in order status emails every day.", "audience"
    ).facts
    assert facts["pain_points"] == ["Honestly we are drowning in order status emails every day"]
