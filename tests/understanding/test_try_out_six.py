"""Readings found wrong by a new-user try-out (three owners typing in `advisor chat`): a currency named
after the period, figures given at the goal question, a wish said after the position, a goal corrected
with its metric, and whether an amount is enough asked without a question mark."""

from __future__ import annotations

from advisor.understanding.models import Context
from advisor.understanding.understander import Understander
from tests.understanding.reading import facts_of


def test_a_currency_named_after_the_period(understander: Understander) -> None:
    facts = facts_of(understander, "budget", "maybe 300 a month, Canadian dollars obviously")
    assert facts["budget_monthly"] == 300 and facts["currency"] == "CAD"
    assert "currency" not in facts_of(understander, "budget", "200 a month, try to keep it low")


def test_figures_at_the_goal_question_are_no_goal(understander: Understander) -> None:
    facts = facts_of(understander, "goals", "about 400 orders in shopify, email list of 1200 on klaviyo")
    assert "goals" not in facts and facts["tech_stack"] == ["Shopify", "Klaviyo"]


def test_a_wish_after_the_position_is_the_goal(understander: Understander) -> None:
    facts = facts_of(
        understander, "market_position", "premium i guess, all natrual ingredients. want more repeat custmers"
    )
    assert facts["market_position"] == "premium" and facts["usp"] == "all natrual ingredients"
    assert facts["goals"] == ["Increase repeat purchase rate"]


def test_a_goal_corrected_with_its_metric_in_another_sentence(understander: Understander) -> None:
    facts = facts_of(understander, "data", "no i said repeat customers. 20% more in 6 months")
    assert facts["goals"] == ["Increase repeat purchase rate by 20% within 6 months"]


def test_whether_an_amount_is_enough_is_a_question(understander: Understander) -> None:
    for text in ("is 4000 shillings enough", "is 200 a month too much"):
        reading = understander.understand(text, Context())
        assert reading.intent == "question" and not reading.patch.facts


# --- fresh utterances u5


def test_an_amount_its_clause_calls_sales_is_not_the_budget(understander: Understander) -> None:
    facts = facts_of(understander, "budget", "not sure on budget but we make about €240k a year")
    assert "budget_monthly" not in facts and facts["monthly_revenue"] == 20000


def test_the_owner_alone_then_the_budget(understander: Understander) -> None:
    facts = facts_of(understander, "team", "just me. budget maybe 100 a month")
    assert facts["team"] == "1 person (the owner)" and facts["budget_monthly"] == 100
    assert facts_of(understander, "team", "its me alone, doing about 15k zł a month in sales")["team"] == (
        "1 person (the owner)"
    )


def test_a_position_said_not_to_be_the_shops(understander: Understander) -> None:
    assert facts_of(understander, "confirm", "we're premium not mid-market")["market_position"] == "premium"
    assert facts_of(understander, "market_position", "not cheap, handmade")["market_position"] == "premium"
