"""Readings found wrong by fresh batch eleven of conversations and the third batch of utterances, written
outside the project by owners in Vietnam, the Philippines, Nigeria, Colombia, Hungary, Peru and the
Czech Republic: local currencies and number words, sentences pysbd does not end, and sales stated at
another question."""

from __future__ import annotations

import pytest

from advisor.parsing.money import CurrencyTable, find_money
from advisor.parsing.sentences import split_clauses, split_sentences
from advisor.understanding.models import Context
from advisor.understanding.understander import Understander
from tests.conftest import CORPUS_DIR

CURRENCIES = CurrencyTable.load(CORPUS_DIR)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("around 2.000.000đ per month", 2_000_000, "VND"),  # đ written onto the number
        ("we did 2 tỷ last year", 2_000_000_000, "VND"),
        ("we sell like 3 millones de pesos a month", 3_000_000, "MXN"),  # "de" between
        ("about 2 millió Ft a month", 2_000_000, "HUF"),
        ("500 SR a month", 500, "SAR"),
        # the currency of the upper end is the lower end's too, and "mil" a thousand in it
        ("de 40 mil a 60 mil soles mensuales", 40_000, "PEN"),
    ],
)
def test_local_currencies_and_number_words(text: str, amount: float, currency: str) -> None:
    first = find_money(text, CURRENCIES)[0]
    assert (first.amount, first.currency) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        # pysbd takes "ok." for Oklahoma
        ("300 USD per month ok. revenue about 250,000,000đ monthly", ["300 USD per month ok", "revenue about 250,000,000đ monthly"]),
        # an emoji between two statements ends the first
        ("replying to DMs takes my whole night 😩 sales are around ₱80k a month", ["replying to DMs takes my whole night", "sales are around ₱80k a month"]),
        # ... but not inside a description
        ("chilli heads basically 😂 mostly lads 25-40", ["chilli heads basically 😂 mostly lads 25-40"]),
        ("item no. 5 is ok", ["item no. 5 is ok"]),
    ],
)  # fmt: skip
def test_where_a_statement_ends(text: str, clauses: list[str]) -> None:
    assert [c.text for s in split_sentences(text) for c in split_clauses(s)] == clauses


@pytest.mark.parametrize(
    ("asked", "text", "revenue", "currency"),
    [
        ("team", "2, me and my cousin. we make about ₦800k monthly", 800_000, "NGN"),
        ("pain_points", "replying to DMs takes my whole night 😩 sales are around ₱80k a month btw", 80_000, "PHP"),
        ("budget", "300 USD per month ok. revenue about 250,000,000đ monthly", 250_000_000, "VND"),
    ],
)  # fmt: skip
def test_sales_stated_at_another_question_are_the_revenue(
    understander: Understander, asked: str, text: str, revenue: float, currency: str
) -> None:
    facts = {f.field: f for f in understander.understand(text, Context(asked=asked)).patch.facts}
    assert facts["monthly_revenue"].value == revenue
    assert facts["monthly_revenue"].quote.startswith(("we make", "sales are", "revenue about"))
    if asked == "budget":
        assert facts["budget_monthly"].value == 300  # the budget keeps its own clause and currency


def test_marketing_spend_is_no_ai_budget(understander: Understander) -> None:
    facts = understander.understand(
        "we already spend like $6k a month on ads lol", Context(asked="goals")
    ).patch.fields()
    assert "budget_monthly" not in facts and "monthly_revenue" not in facts


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("just me and a part-timer, no techies", "2 people; no developer"),
        ("my partner and me. I'm a developer actually, built the site myself", "2 people; has a developer or technical help"),
        ("7 personas, 1 dev", "7 people; has a developer or technical help"),  # the dev is one of the seven
        ("moi et mon compagnon, so 2. no developer", "2 people; no developer"),
        ("4 (me, 2 artisans, 1 for the shop). no dev", "4 people; no developer"),
        ("3, me, my sister and our mom who sews everything. ninguém é programador", "3 people; no developer"),
    ],
)  # fmt: skip
def test_team_counted_as_said(understander: Understander, text: str, team: str) -> None:
    facts = {f.field: f.value for f in understander.understand(text, Context(asked="team")).patch.facts}
    assert facts["team"] == team


def test_a_head_count_at_another_question_is_the_team(understander: Understander) -> None:
    facts = {f.field: f.value for f in understander.understand("6 ppl, 1 in-house dev", Context(asked="budget")).patch.facts}  # fmt: skip
    assert facts == {"team": "6 people; has a developer or technical help"}


@pytest.mark.parametrize(
    ("text", "metric", "pct"),
    [
        ("ok got it. we did €90k last year, want €135k in the next 12 months", "revenue", 50),
        ("from €90k last year to €135k in the next 12 months", "revenue", 50),
    ],
)
def test_money_today_and_money_wanted_is_a_sales_goal(
    understander: Understander, text: str, metric: str, pct: float
) -> None:
    from advisor.plan.goals import parse_goal

    goals = [
        f for f in understander.understand(text, Context(asked="goals")).patch.facts if f.field == "goals"
    ]
    goal = parse_goal(goals[0].value[0], understander.readers.metrics)
    assert (goal.metric, goal.target_pct, goal.timeframe_months) == (metric, pct, 12)


def test_a_field_named_before_its_number_is_corrected(understander: Understander) -> None:
    reading = understander.understand(
        "actually make the budget 500 a month Darlene says we can swing it", Context(asked="confirm")
    )
    assert {f.field: f.value for f in reading.patch.facts}["budget_monthly"] == 500


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("honestly we just add people to broadcast without asking", "No"),
        ("no, we dont ask", "No"),
        ("yes, at signup they tick a box to get marketing emails and personalised offers", "Yes"),
    ],
)
def test_consent_as_owners_say_it(understander: Understander, text: str, level: str) -> None:
    facts = {f.field: f.value for f in understander.understand(text, Context(asked="consent")).patch.facts}
    assert str(facts["consent"]).startswith(level)


@pytest.mark.parametrize(
    ("text", "metric", "pct"),
    [
        ("returns are 12% of orders, want them at 6% in 6 months", "returns", 50),
        ("average order is 800 Kč, want 1000 Kč in 6 months", "aov", 25),
    ],
)
def test_a_level_today_and_the_level_wanted(text: str, metric: str, pct: float) -> None:
    from advisor.plan.goals import parse_goal
    from advisor.plan.metrics import MetricLexicon

    goal = parse_goal(text, MetricLexicon.load(CORPUS_DIR))
    assert (goal.metric, goal.target_pct, goal.timeframe_months) == (metric, pct, 6)


def test_cities_the_owner_names_at_the_regions_question(understander: Understander) -> None:
    facts = {f.field: f.value for f in understander.understand("HCM and Hà Nội", Context(asked="regions")).patch.facts}  # fmt: skip
    assert facts["regions"] == ["Vietnam"]


def test_the_biggest_problem_named_at_another_question(understander: Understander) -> None:
    reading = understander.understand(
        "biggest problem is shipping oil abroad, its heavy", Context(asked="data")
    )
    facts = {f.field: f.value for f in reading.patch.facts}
    assert "shipping oil abroad" in facts["pain_points"][0] and "data_maturity" not in facts


def test_sales_said_in_spanish_are_the_revenue(understander: Understander) -> None:
    reading = understander.understand(
        "suplementos deportivos, bogotá, tienda online. vendemos como 40 millones de pesos al mes",
        Context(asked="business"),
    )
    facts = {f.field: f.value for f in reading.patch.facts}
    assert (facts["monthly_revenue"], facts["currency"]) == (40_000_000, "COP")
