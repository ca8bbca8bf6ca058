"""Readings found wrong by conversations written outside the project (fresh dev batch four)."""

from __future__ import annotations

import pytest

from advisor.plan.goals import parse_goal
from advisor.plan.metrics import MetricLexicon
from advisor.understanding.models import Context
from advisor.understanding.readers import Readers
from advisor.understanding.understander import Understander
from tests.conftest import CORPUS_DIR

READ = Readers(CORPUS_DIR)
LEXICON = MetricLexicon.load(CORPUS_DIR)


def _team(text: str, asked: str | None = "team") -> object:
    return {f.field: f.value for f in READ.read("team", text, Context(asked=asked), 0.9).facts}.get("team")


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("me and my novia, she is good with computers but not a programmer", "2 people; no developer"),
        (
            "2. me and Pieter. he built the site so sort of a developer",
            "2 people; has a developer or technical help",
        ),
        ("team is 2 + a part-time packer", "3 people"),
        (
            "we're 4 plus a freelance developer",
            "4 people, skills: a freelancer; has a developer or technical help",
        ),
        (
            "me, my husband and our daughter helps with instagram. none of us are programmers",
            "3 people; no developer",
        ),
        ("team's me and my missus", "2 people"),
    ],
)
def test_team_sizes_owners_give_in_passing(text: str, team: str) -> None:
    assert _team(text) == team


def test_programmers_among_the_customers_are_not_the_team() -> None:
    assert _team("also a lot of programmers", asked="audience") is None


@pytest.mark.parametrize(
    ("text", "metric", "direction", "pct"),
    [
        (
            "i want to sell more online, from 2m naira to 3m naira monthly in 6 months",
            "revenue",
            "increase",
            50.0,
        ),
        ("keep subscribers longer - cut cancellations by 25% within 6 months", "churn", "decrease", 25.0),
        ("double our email open rates in 6 months", "engagement", "increase", 100.0),
        ("increase repeat corporate orders 25% within 12 months", "retention", "increase", 25.0),
    ],
)
def test_goals_said_the_way_owners_say_them(text: str, metric: str, direction: str, pct: float) -> None:
    goal = parse_goal(text, LEXICON)
    assert (goal.metric, goal.direction, goal.target_pct) == (metric, direction, pct)


def test_a_price_range_is_no_usp() -> None:
    facts = READ.read("usp", "most of my planners are $8-15", Context(asked="market_position"), 0.9).facts
    assert facts == []


@pytest.mark.slow
def test_the_kind_of_shop_is_what_is_sold_and_a_channel_is_not(understander: Understander) -> None:
    reading = understander.understand(
        "Hi there! I run a small wedding stationery business from my kitchen table - invitations, place cards, "
        "table plans. I sell through Etsy and Not On The High Street.",
        Context(asked="business"),
    )
    fields = reading.patch.fields()
    assert fields["niche"] == "wedding stationery"
    assert fields["tech_stack"] == ["Etsy", "Not On The High Street"]


@pytest.mark.slow
def test_a_clause_about_another_field_does_not_answer_the_question_asked(understander: Understander) -> None:
    reading = understander.understand(
        "Customers are HR managers at SMEs. We're premium: full customisation and island-wide delivery within 48 hours.",
        Context(asked="business"),
    )
    assert "niche" not in reading.patch.fields()


@pytest.mark.slow
def test_a_story_with_a_wrong_date_is_no_correction(understander: Understander) -> None:
    reading = understander.understand(
        "The back-and-forth on proofs. It's split between Etsy messages and email. "
        "Last month I printed 80 invitations with the wrong date.",
        Context(asked="pain_points"),
    )
    assert reading.intent == "answer" and "pain_points" in reading.patch.fields()


@pytest.mark.slow
def test_reported_how_to_is_a_pain_point_not_a_request(understander: Understander) -> None:
    reading = understander.understand(
        "every day someone messages me that they can't figure out how to import the file into goodnotes",
        Context(asked="pain_points"),
    )
    assert reading.requests == [] and reading.questions == [] and "pain_points" in reading.patch.fields()


@pytest.mark.slow
def test_a_can_you_sentence_asks_for_something(understander: Understander) -> None:
    reading = understander.understand(
        "Can you suggest a flow where the unsubscribe link in our emails leads to a login page, then a survey, "
        "then an 'are you sure?' screen, so fewer people actually make it through?"
    )
    assert reading.intent in ("question", "request") and reading.questions + reading.requests


@pytest.mark.slow
def test_no_mailing_list_is_no_consent(understander: Understander) -> None:
    fields = understander.understand(
        "No, I don't ask - I don't even have a mailing list.", Context(asked="consent")
    ).patch.fields()
    assert fields["consent"].startswith("No")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("all good except budget is 1500 dirhams not 2000, my brother say 2k is too much", 1500),
        ("maybe 2 triệu đồng a month", 2_000_000),
    ],
)
def test_the_budget_meant_among_amounts_said_wrong(text: str, amount: float) -> None:
    facts = {f.field: f.value for f in READ.read("budget", text, Context(asked="budget"), 0.9).facts}
    assert facts["budget_monthly"] == amount


@pytest.mark.parametrize("text", ["Rp 249.000 per pillow", "$90 a lure", "mine start at $120 for digital"])
def test_a_price_is_no_budget(text: str) -> None:
    assert READ.read("budget", text, Context(asked="market_position"), 0.9).facts == []


def test_revenue_wanted_from_one_amount_to_another_is_revenue_and_a_goal() -> None:
    facts = {
        f.field: f.value
        for f in READ.read(
            "revenue", "I want revenue from €1.800 to €2.700 per month", Context(asked="goals"), 0.9
        ).facts
    }
    assert facts["monthly_revenue"] == 1800 and facts["goals"] == ["Increase e-commerce revenue by 50%"]


def test_a_story_about_how_the_owner_found_the_advisor_is_not_what_is_sold() -> None:
    facts = READ.read(
        "business", "my friend from the babywearing group told me about this", Context(asked="business"), 0.6
    ).facts
    assert facts == []


def test_channels_are_not_products_and_a_long_list_is_named_by_its_first_part() -> None:
    assert READ.what_is_sold("we sell sa website namin and Instagram") is None
    assert (
        READ.what_is_sold(
            "we make ring slings and baby carriers, handwoven from inabel fabric, my tita's weavers make the cloth"
        )
        == "ring slings and baby carriers"
    )


def test_an_unnamed_small_amount_at_another_question_is_a_budget() -> None:
    facts = {
        f.field: f.value
        for f in READ.read("revenue", "around 400 shekels a month", Context(asked="data"), 0.9).facts
    }
    assert facts == {"budget_monthly": 400, "currency": "ILS"}


def test_counted_helpers_in_words() -> None:
    text = "me, my husband Paolo (he does the website and packing on weekends), and our two sewers Ate Lorna and Ate Joy"
    assert str(_team(text)).startswith("4 people")


@pytest.mark.slow
def test_customers_questions_reported_in_a_pain_point_are_not_questions(understander: Understander) -> None:
    reading = understander.understand(
        "replying to DMs!! same questions every day — what size, is it safe for newborn, how to wear it.",
        Context(asked="pain_points"),
    )
    assert reading.questions == [] and "pain_points" in reading.patch.fields()


@pytest.mark.slow
def test_a_hedged_goal_with_a_question_mark_is_an_answer(understander: Understander) -> None:
    reading = understander.understand(
        "maybe 30% more repeat orders in the next 12 months? we do around ₱250k a month now",
        Context(asked="goals"),
    )
    assert reading.questions == [] and reading.patch.fields()["goals"] == [
        "Increase repeat purchase rate by 30% within 12 months"
    ]


@pytest.mark.slow
def test_nobody_is_a_developer_states(understander: Understander) -> None:
    reading = understander.understand(
        "3 of us: me, my husband and Dana. nobody is a developer", Context(asked="team")
    )
    assert reading.questions == [] and reading.patch.fields()["team"] == "3 people; no developer"


def test_a_currency_named_apart_from_its_amount() -> None:
    facts = {
        f.field: f.value
        for f in READ.read(
            "budget", "150 a month", Context(asked="budget", message="150 a month, AUD"), 0.9
        ).facts
    }
    assert facts == {"budget_monthly": 150, "currency": "AUD"}


def test_turkey_and_an_old_man() -> None:
    regions = {
        f.field: f.value
        for f in READ.read("regions", "Mostly Turkey, some Germany", Context(asked="regions"), 0.9).facts
    }
    assert regions["regions"] == ["Turkey", "Germany"]
    assert _team("me and my old man. he turns the timber") == "2 people"


@pytest.mark.parametrize(
    ("text", "sold"),
    [
        (
            "I have small shop with cork yoga mats and yoga blocks",
            "small shop with cork yoga mats and yoga blocks",
        ),
        ("now we have a small unit outside Cork, 9 sauces", None),
    ],
)
def test_having_a_shop_says_what_is_sold_having_a_unit_does_not(text: str, sold: str | None) -> None:
    assert READ.what_is_sold(text) == sold


def test_a_bakery_is_what_a_tiny_family_bakery_sells() -> None:
    assert (
        READ.what_is_sold("we're a tiny family bakery in Leeds doing cakes and brownies by post") == "bakery"
    )


@pytest.mark.slow
def test_a_hedge_inside_a_longer_goal_is_an_answer(understander: Understander) -> None:
    reading = understander.understand(
        "honestly just want more orders, like 50% more by next summer?", Context(asked="goals")
    )
    assert reading.questions == [] and reading.patch.fields()["goals"] == [
        "Increase e-commerce revenue by 50% by next summer"
    ]


def test_the_amount_wanted_then_todays() -> None:
    goal = parse_goal("want to hit 2 lakh a month in sales by diwali, now around 1.2 lakh", LEXICON)
    assert (goal.metric, goal.target_pct) == ("revenue", 66.7)


@pytest.mark.slow
def test_what_is_made_said_at_the_positioning_question_is_the_usp(understander: Understander) -> None:
    fields = understander.understand(
        "mid range. full grain leather, hand stitched", Context(asked="market_position")
    ).patch.fields()
    assert fields == {"market_position": "mid-market", "usp": "full grain leather, hand stitched"}
