"""Value readers: a clause placed on a slot → typed, normalised facts (or nothing)."""

from __future__ import annotations

import pytest

from advisor.understanding.amounts import money_slot
from advisor.understanding.models import Context
from advisor.understanding.readers import Readers
from tests.conftest import CORPUS_DIR

READ = Readers(CORPUS_DIR)


def _values(slot: str, text: str, asked: str | None = None) -> dict[str, object]:
    return {f.field: f.value for f in READ.read(slot, text, Context(asked=asked), 0.9).facts}


@pytest.mark.parametrize(
    ("text", "niche"),
    [
        ("we do hand-dyed yarn and knitting kits", "hand-dyed yarn and knitting kits"),
        ("We sell refurbished vintage cameras", "refurbished vintage cameras"),
        ("we're a tiny online shop for loose leaf tea", "loose leaf tea"),
        ("Plus-size fashion", "Plus-size fashion"),
        ("B2B coffee roaster based in Dublin", "B2B coffee roaster"),  # where the shop is, not what it sells
        ("we're a small candle shop from berlin on shopware", "candle shop"),
        ("hoi! baby slings and wraps in organic cotton", "baby slings"),  # a long list: named by its first
        (
            "we make handmade leather dog collars and leashes, sell on etsy",
            "handmade leather dog collars and leashes",
        ),
    ],
)
def test_niche_is_the_noun_phrase(text: str, niche: str) -> None:
    assert _values("business", text)["niche"] == niche


def test_a_shop_with_no_product_is_no_niche() -> None:
    assert "niche" not in _values("business", "I have a little web shop")


def test_tools_the_owner_does_not_use_are_not_tools() -> None:
    assert _values("tech_stack", "we're on shopify, cheaper than amazon")["tech_stack"] == ["Shopify"]
    assert "tech_stack" not in _values("tech_stack", "thinking of moving to woocommerce")
    assert _values("tech_stack", "shopfy n klavio")["tech_stack"] == ["Shopify", "Klaviyo"]


def test_tools_outside_the_catalogue_are_kept() -> None:
    tools = [
        f.value
        for f in READ.read(
            "tech_stack", "Shopify, Klaviyo, Ricardo, Kleinanzeigen, Fortnox for bookkeeping", Context(), 0.9
        ).facts
    ]
    assert tools == [["Shopify", "Klaviyo"], ["Ricardo", "Kleinanzeigen", "Fortnox"]]
    # a shop the catalogue does not hold, named where the owner sells
    sold = READ.read(
        "business", "we sell vintage lamps on our Kiosko store and via Hood.de", Context(), 0.9
    ).facts
    assert ["Kiosko", "Hood.de"] in [f.value for f in sold if f.field == "tech_stack"]
    said = READ.read("tech_stack", "shopify and a bit of excel, thats it", Context(), 0.9).facts
    assert [f.value for f in said] == [["Shopify", "spreadsheets"]]


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("just me and my partner on weekends", "2 people, part-time"),
        ("two founders and a part-time assistant, no developer", "3 people; no developer"),
        ("just me", "1 person (the owner)"),
        ("team of 4, none technical", "4 people; no developer"),
        ("we have a freelance developer", "skills: a freelancer; has a developer or technical help"),
        ("6 staff incl. one developer", "6 people; has a developer or technical help"),  # included, not added
        ("oops I meant 3 people not 2", "3 people"),
        ("I have 3 people helping me", "4 people"),
        ("a team of 8 in the workshop and 2 in the office", "10 people"),
        (
            "2 people, me and my brother. He can do a bit WordPress but he is not a developer.",
            "2 people; no developer",
        ),
        ("3 of us, nobody's a programmer", "3 people; no developer"),
        ("I work alone, no developer", "1 person (the owner); no developer"),
    ],
)
def test_team_as_size_and_skills(text: str, team: str) -> None:
    assert _values("team", text)["team"] == team


def test_position_is_a_category() -> None:
    assert _values("market_position", "we're pricier than big brands")["market_position"] == "premium"
    assert (
        _values("market_position", "not the cheapest, not boutique either")["market_position"] == "mid-market"
    )


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("we have a newsletter tickbox", "Partly"),
        ("not really", "No"),
        ("checkout has separate opt-ins for emails and for personalised recommendations", "Yes"),
        ("no consent for personalisation, only newsletter opt-in at checkout", "Partly"),
        ("we just add every buyer to the mailing list", "No"),
        (
            "yes, a checkbox for the newsletter, and we ask separately if we can use purchase history for recommendations",
            "Yes",
        ),
        ("We have no newsletter. So no.", "No"),
        ("only the WhatsApp list, people ask to join it", "Partly"),
    ],
)
def test_consent_levels(text: str, level: str) -> None:
    assert str(_values("consent", text, asked="consent")["consent"]).startswith(level)


def test_consent_off_its_question_needs_consent_words() -> None:
    """ "thinking about shopify but not yet", said about tools, is not "no consent"."""
    assert "consent" not in _values("consent", "thinking about shopify but not yet", asked="tech_stack")
    assert "consent" in _values("consent", "we only have a newsletter opt-in", asked="tech_stack")


def test_budget_or_revenue_is_decided_by_the_words() -> None:
    assert money_slot("we turn over about 30k a month", "budget", "budget") == "revenue"
    assert money_slot("could put 200 a month towards it", "revenue", "business") == "budget"
    assert money_slot("£80", "revenue", "budget") == "budget"
    assert _values("budget", "maybe 2,000", asked="budget")["budget_monthly"] == 2000
    assert "budget_monthly" not in _values("budget", "25-50", asked="audience")
    assert money_slot("CHF 1'800 per year", "revenue", "budget") == "budget"  # a period is not revenue
    assert money_slot("sorry I meant 1500 CAD per month", "revenue", "pain_points", "budget") == "budget"
    assert money_slot("everything's under £25", "budget", "market_position") == "none"  # a price


def test_a_goal_counted_or_from_a_rate_to_another() -> None:
    assert _values("goals", "Sign 20 new café accounts in the next 6 months")["goals"] == [
        "Increase new customers by 20 within 6 months"
    ]
    assert _values("goals", "conversion: only 1.2% of visitors buy, I want 2% in 6 months")["goals"] == [
        "Increase conversion rate from 1.2% to 2% within 6 months"
    ]
    assert _values("goals", "we want to sell 40% more in the next 12 months")["goals"] == [
        "Increase e-commerce revenue by 40% within 12 months"
    ]


def test_goals_are_restated_in_smart_form() -> None:
    goal = _values("goals", "i guess maybe 20% more repeat orders by next summer")["goals"]
    assert goal == ["Increase repeat purchase rate by 20% by next summer"]


def test_regions_and_ambiguity() -> None:
    reading = READ.read("regions", "mostly CA and some UK", Context(), 0.9)
    assert reading.facts[0].value == ["United Kingdom"] and reading.clarifications[0].options == [
        "Canada",
        "California",
    ]
