"""The understanding layer end to end: intents, slots and typed facts of messy owner messages."""

from __future__ import annotations

import pytest

from advisor.understanding.models import Context
from advisor.understanding.understander import Understander

pytestmark = pytest.mark.slow


def test_several_facts_in_one_message_each_go_to_their_field(understander: Understander) -> None:
    reading = understander.understand(
        "We sell refurbished vintage cameras, eBay plus a Shopify store, around 8k a month",
        Context(asked="business"),
    )
    fields = reading.patch.fields()
    assert fields["niche"] == "refurbished vintage cameras" and fields["monthly_revenue"] == 8000
    assert fields["tech_stack"] == ["eBay", "Shopify"] and reading.intent == "answer"


def test_an_answer_to_another_question_goes_where_its_content_belongs(understander: Understander) -> None:
    fields = understander.understand(
        "we make about 60k a month", Context(asked="market_position")
    ).patch.fields()
    assert fields == {"monthly_revenue": 60000}
    fields = understander.understand("shopify, klaviyo and gorgias", Context(asked="team")).patch.fields()
    assert fields == {"tech_stack": ["Shopify", "Klaviyo", "Gorgias"]}


def test_a_greeting_with_a_shop_but_no_product_files_nothing(understander: Understander) -> None:
    reading = understander.understand("hello, I have a little web shop", Context(asked="business"))
    assert reading.patch.facts == []


@pytest.mark.parametrize(
    "text",
    [
        "hang on, what does RICE mean",
        "wait what's a SMART goal?",
        "is a spreadsheet enough or do I need a crm",
    ],
)
def test_questions_however_phrased(understander: Understander, text: str) -> None:
    reading = understander.understand(text, Context(asked="data"))
    assert reading.questions and not reading.patch.facts


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("start over", "start_over"),
        ("no idea tbh", "skip"),
        ("actually budget is 150", "correction"),
        ("yes", "yes"),
        ("Next year we want to double revenue", "answer"),
    ],
)
def test_intents(understander: Understander, text: str, intent: str) -> None:
    assert understander.understand(text, Context(asked="budget")).intent == intent


def test_a_pain_point_with_a_percentage_is_not_a_goal(understander: Understander) -> None:
    fields = understander.understand(
        "70% of our emails are where-is-my-order questions", Context(asked="pain_points")
    ).patch.fields()
    assert "goals" not in fields and fields["pain_points"]


def test_the_message_vector_is_kept_for_the_guardrail_and_retrieval(understander: Understander) -> None:
    reading = understander.understand("we sell tea", Context())
    assert reading.vector is not None and len(reading.vector) == 384


def test_a_goal_jotted_as_an_imperative_is_an_answer_with_its_count(understander: Understander) -> None:
    reading = understander.understand(
        "Sign 20 new café accounts in the next 6 months.", Context(asked="goals")
    )
    assert reading.intent == "answer" and reading.requests == []
    assert reading.patch.fields()["goals"] == ["Increase new customers by 20 within 6 months"]


def test_a_newsletter_box_but_nothing_for_personalisation_is_not_full_consent(
    understander: Understander,
) -> None:
    for text in (
        "idk, we have a newsletter checkbox but nothing about personalisation",
        "Email consent is in our trade T&Cs, nothing for personalisation.",
    ):
        consent = understander.understand(text, Context(asked="consent")).patch.fields()["consent"]
        assert consent.startswith("Partly"), text


def test_a_budget_correction_without_our_is_still_about_the_budget(understander: Understander) -> None:
    reading = understander.understand("actually budget is more like 500 euro", Context(asked="pain_points"))
    assert reading.intent == "correction"
    assert reading.patch.fields() == {"budget_monthly": 500.0, "currency": "EUR"}


def test_lowercase_us_first_in_a_list_of_regions_is_the_united_states(understander: Understander) -> None:
    fields = understander.understand("us mostly, some uk", Context(asked="regions")).patch.fields()
    assert set(fields["regions"]) == {"United States", "United Kingdom"}
