"""Readings found wrong by fresh batch fifteen of conversations, written outside the project by
owners in Nigeria, Brazil, Poland, Vietnam, the Philippines, Canada, Ireland, Ghana, Portugal, Czechia,
Quebec, Morocco, India and South Africa: a dollar named after the period, rivals named as tools, a
run-on answer, questions beside answers, teams counted in words or in another language, and
durations, countries and consent said in French, Portuguese or Hinglish."""

from __future__ import annotations

import pytest

from advisor.parsing.money import CurrencyTable, find_money
from advisor.parsing.numbers import parse_duration_months
from advisor.understanding.models import Context
from advisor.understanding.understander import Understander
from tests.conftest import CORPUS_DIR
from tests.understanding.reading import facts_of

CURRENCIES = CurrencyTable.load(CORPUS_DIR)


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("$150 a month AUD tops", "AUD"),
        ("Maybe 100 bucks a month, Canadian.", "CAD"),
        ("$100 a month, max", "USD"),
    ],
)
def test_a_dollar_is_named_after_its_period(text: str, currency: str) -> None:
    assert [m.currency for m in find_money(text, CURRENCIES)] == [currency]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("more repeat customers like 25% in a yr", 12),
        ("nos próximos 6 meses", 6),
        ("en 6 mois", 6),
        ("3 mos", 3),
    ],
)
def test_durations_in_short_forms_and_other_languages(text: str, months: float) -> None:
    assert parse_duration_months(text) == months


def test_a_yearly_budget_in_hinglish_is_monthly(understander: Understander) -> None:
    facts = facts_of(understander, "budget", "Saal ka max 60k rupees.")
    assert facts["budget_monthly"] == 5000 and facts["currency"] == "INR"


def test_a_rival_is_no_tool_and_the_difference_said_as_such_is_the_usp(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "market_position",
        "Mid-market I'd say. We're never going to beat Amazon on price so we don't try. What we do "
        "differently is free assembly and a 60-day no-questions return window.",
    )
    assert "tech_stack" not in facts and facts["market_position"] == "mid-market"
    assert str(facts["usp"]).startswith("free assembly")
    assert "tech_stack" not in facts_of(
        understander, "market_position", "Amazon kills us on price, we're premium"
    )


def test_a_selling_channel_is_not_the_data(understander: Understander) -> None:
    facts = facts_of(
        understander, "business", "Mostly through our Shopify store, and we also have a listing on Amazon."
    )
    assert "data_maturity" not in facts and facts["tech_stack"] == ["Shopify", "Amazon"]


def test_consent_for_email_marketing_only_is_partial(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "consent",
        "We ask for consent to email marketing at checkout (CASL), nothing for personalization.",
    )
    assert str(facts["consent"]).startswith("Partly")
    french = (
        "Oui, case à cocher pour le marketing et on demande aussi le consentement pour la personnalisation."
    )
    assert str(facts_of(understander, "consent", french)["consent"]).startswith("Yes")


def test_a_voice_dictated_run_on_still_names_what_is_sold(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "business",
        "okay so we sell baby products like diapers wipes baby lotion and feeding bottles we have a Shopify "
        "website and we deliver to your door",
    )
    assert "baby products" in str(facts["niche"]) and facts["tech_stack"] == ["Shopify"]


def test_a_question_beside_an_answer_is_answered_and_files_nothing(understander: Understander) -> None:
    reading = understander.understand(
        "Wait, what's a CDP? I keep seeing it everywhere.", Context(asked="data")
    )
    assert reading.questions == ["what's a CDP?"] and not reading.patch.facts
    reading = understander.understand(
        "whats RICE? anyway our customers are mostly moms", Context(asked="audience")
    )
    assert reading.questions == ["whats RICE?"] and reading.patch.get("audience") is not None
    reading = understander.understand(
        "we use shopify - would klaviyo or omnisend be better for us", Context(asked="tech_stack")
    )
    assert reading.questions and reading.patch.get("tech_stack").value == ["Shopify"]  # type: ignore[union-attr]
    reading = understander.understand(
        "my tools dont talk to each other, what should i do", Context(asked="business")
    )
    assert reading.intent == "question" and not reading.patch.facts


def test_a_question_without_its_mark_is_asked(understander: Understander) -> None:
    reading = understander.understand("does a cookie banner count as consent", Context(asked="consent"))
    assert reading.intent == "question" and not reading.patch.facts


def test_checking_the_answer_needs_no_answer(understander: Understander) -> None:
    reading = understander.understand("mostly women, is that what you mean?", Context(asked="audience"))
    assert reading.intent == "answer" and not reading.questions and reading.patch.get("audience") is not None


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("we're actually three now, my sister-in-law started doing our photos this month.", "3 people"),
        ("Somos dois, eu e o meu marido. Nenhum de nós programa.", "2 people; no developer"),
        ("Hum 3 log hain, koi tech person nahi.", "3 people; no developer"),
        ("Ako lang at yung pinsan ko, two of us. walang developer", "2 people; no developer"),
        ("me + my sister. no tech", "2 people; no developer"),
    ],
)
def test_teams_counted_in_words_or_other_languages(understander: Understander, text: str, team: str) -> None:
    assert facts_of(understander, "team", text)["team"] == team


def test_the_portuguese_eu_is_i_not_the_eu(understander: Understander) -> None:
    facts = facts_of(
        understander, "team", "Somos três: eu, meu sócio que cuida do estoque e uma menina no atendimento."
    )
    assert "regions" not in facts
    assert facts_of(understander, "regions", "uk and eu")["regions"] == ["United Kingdom", "European Union"]


def test_countries_named_in_french(understander: Understander) -> None:
    assert facts_of(understander, "regions", "Canada et les États-Unis, à peu près moitié-moitié.")[
        "regions"
    ] == [
        "Canada",
        "United States",
    ]


def test_words_of_another_language_are_no_tool(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "goals",
        "Je veux vendre plus sur notre propre site et dépendre moins d'Etsy — +30% de revenue en 6 mois.",
    )
    assert facts["tech_stack"] == ["Etsy"]


# --- fresh batch sixteen (mostly English-speaking owners: Australia, Singapore, Jamaica, India, NZ, South Africa)


@pytest.mark.parametrize(
    ("text", "revenue", "currency"),
    [
        (
            "We did roughly 180k Aussie dollars last financial year and I'd love to grow revenue 40%",
            15000,
            "AUD",
        ),
        ("For context: revenue was $1,248,000 in FY2023.", 104000, "USD"),
        ("wanna double revenue in 12 mo. rn we do bout 8k a mo", 8000, None),
    ],
)
def test_yearly_revenue_said_after_the_amount_and_months_as_mo(
    understander: Understander, text: str, revenue: float, currency: str | None
) -> None:
    facts = facts_of(understander, "goals", text)
    assert facts["monthly_revenue"] == revenue and facts.get("currency") == currency


def test_a_named_dollar_of_a_smaller_country(understander: Understander) -> None:
    facts = facts_of(understander, "budget", "MAYBE 15,000 JAMAICAN DOLLARS A MONTH.")
    assert facts["budget_monthly"] == 15000 and facts["currency"] == "JMD"


def test_a_labelled_bullet_list_files_each_line_by_its_label(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "business",
        "Quick overview:\n- We sell custom mechanical keyboards and keycaps\n- Own Shopify store\n"
        "- Customers: gamers and programmers, mostly 18-35\n"
        "- Positioning: mid-market, every switch is hand-lubed before shipping\n- Revenue about 25k SGD a month",
    )
    assert facts["market_position"] == "mid-market" and "hand-lubed" in str(facts["usp"])
    assert "pain_points" not in facts and facts["monthly_revenue"] == 25000


def test_where_customers_are_said_in_passing_is_the_regions(understander: Understander) -> None:
    facts = facts_of(understander, "budget", "Around 2,000 rand a month. Customers are all in South Africa.")
    assert facts["regions"] == ["South Africa"]
    assert (
        facts_of(understander, "audience", "Customers are mostly moms in Texas")["audience"]
        == "moms in Texas"
    )


def test_the_difference_after_the_position_without_a_lead(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "market_position",
        "We're cheaper than the imported brands and every pair is sewn in our own workshop.",
    )
    assert "workshop" in str(facts["usp"])


def test_no_marketing_emails_is_no_consent(understander: Understander) -> None:
    assert (
        facts_of(understander, "consent", "No, I don't do any marketing emails.")["consent"]
        == "No consent mechanism yet"
    )
