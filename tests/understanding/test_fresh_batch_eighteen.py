"""Readings found wrong by fresh batch eighteen of conversations and fresh utterances u7, written outside
the project by owners in Nigeria, Poland, Brazil, India, South Africa, the Philippines, Vietnam,
Singapore, Ireland, the US and elsewhere: tools and team in one message, a relative named twice in two
languages, amounts in words, a price at the positioning question, "what I'd want is ...", a forgotten
country, sold-to customers, requests and greetings in other languages."""

from __future__ import annotations

from advisor.parsing.numbers import normalize_numbers
from advisor.understanding.models import Context
from advisor.understanding.understander import Understander
from tests.understanding.reading import facts_of


def test_a_tool_named_in_another_sentence_is_no_member_of_the_team(understander: Understander) -> None:
    cases = {
        "WooCommerce, and Yoco for card payments in the salon. It's me, my sister and 2 stylists, no tech person": 4,
        "Shoper for the shop, Mailchimp, Google Analytics. team is me and my wife Kasia, no programmer": 2,
        "tools na just Instagram, WhatsApp Business and Paystack for payment. staff is me and 2 boys wey do "
        "delivery and repairs, none of us fit code": 3,
    }
    for text, size in cases.items():
        team = str(facts_of(understander, "team", text)["team"])
        assert team.startswith(f"{size} people") and "no developer" in team, (text, team)


def test_a_relative_said_in_two_languages_is_one_person(understander: Understander) -> None:
    team = facts_of(understander, "team", "só eu e minha esposa — just me and my wife")["team"]
    assert str(team).startswith("2 people")
    team = facts_of(
        understander, "team", "io e mio fratello, me and my brother, plus the watchmaker. no developer"
    )
    assert str(team["team"]).startswith("3 people")
    assert str(facts_of(understander, "team", "ich und mein Partner, keine Entwickler")["team"]).startswith(
        "2 people"
    )


def test_who_does_the_tech_and_who_is_not_a_computer_person(understander: Understander) -> None:
    assert "has a developer" in str(
        facts_of(understander, "team", "team is 5 people, my husband does all the tech and programming")[
            "team"
        ]
    )
    assert "no developer" in str(
        facts_of(understander, "team", "its me and my husband neither of us r computer people")["team"]
    )
    team = str(
        facts_of(understander, "team", "team is me and my mate Tom, Tom used to be a web developer")["team"]
    )
    assert team.startswith("2 people") and "has a developer" in team


def test_a_number_in_words_with_tens_and_units_is_one_number() -> None:
    assert (
        normalize_numbers("around twenty-five thousand rupees per month") == "around 25000 rupees per month"
    )
    assert normalize_numbers("thirty two thousand") == "32000"
    assert normalize_numbers("five thousand") == "5k"


def test_a_price_at_the_positioning_question_is_no_ai_budget(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "market_position",
        "budget po, 199 pesos lang. what makes us different is same-day printing",
    )
    assert facts["market_position"] == "budget" and "budget_monthly" not in facts
    assert facts["usp"] == "same-day printing"


def test_a_wh_clause_as_subject_is_a_statement(understander: Understander) -> None:
    reading = understander.understand(
        "honestly the business is mad seasonal. What I'd want is to cut the time we spend answering customer "
        "emails in half before next August",
        Context(asked="goals"),
    )
    assert not reading.questions and any(f.field == "goals" for f in reading.patch.facts)
    facts = facts_of(
        understander,
        "market_position",
        "honestly not sure where we sit price wise. whats different is my husband builds the hives himself from cedar",
    )
    assert "cedar" in str(facts["usp"])
    facts = facts_of(
        understander,
        "market_position",
        "cheap side. what makes me different is i actually run a small business too",
    )
    assert facts["market_position"] == "budget" and "small business" in str(facts["usp"])


def test_a_short_differentiator_said_as_such_is_kept_whole(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "business",
        "Hi, I own a small bonsai shop in Singapore - we import juniper and pine bonsai from Japan and sell them "
        "online through Shopify. Customers are mainly condo dwellers, we're premium priced, and what sets us apart "
        "is our aftercare - free repotting and a hotline for plant emergencies.",
    )
    assert facts["usp"] == "our aftercare - free repotting and a hotline for plant emergencies"
    assert "repotting" not in str(facts.get("products"))


def test_what_is_sold_said_again_in_english_wins(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "business",
        "oi! eu vendo miniaturas... sorry, english: I sell 3D printed miniatures for RPG and wargames",
    )
    assert "miniatures" in str(facts["niche"])
    facts = facts_of(
        understander,
        "business",
        "My family company make encaustic cement tiles and ceramic tiles in Dong Nai",
    )
    assert "tiles" in str(facts["niche"])


def test_sold_to_and_sold_on(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "business",
        "we sell baby clothes on shopify, mostly to new moms in the US, premium pricing",
    )
    assert facts["audience"] == "new moms in the US" and facts["regions"] == ["United States"]
    facts = facts_of(understander, "business", "silver jewelry on etsy n ebay, avg order is like $45")
    assert facts["niche"] == "silver jewelry" and facts["tech_stack"] == ["Etsy", "eBay"]
    facts = facts_of(
        understander,
        "business",
        "hallo, also we sell sauna accessories like buckets and ladles, mostly through amazon",
    )
    assert "sauna" in str(facts["niche"])


def test_tools_beside_a_data_answer_describe_the_data(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "goals",
        "our website is on Shopify and Zoho CRM is connected to it, all customer data is there",
    )
    assert "Zoho CRM is connected" in str(facts["data_maturity"])
    facts = facts_of(
        understander,
        "team",
        "Sorry, you asked about tools. WooCommerce, Amazon, Mailchimp, and that Google spreadsheet.",
    )
    assert "Mailchimp" not in str(facts.get("data_maturity", ""))


def test_the_problem_told_with_its_tools_is_the_problem(understander: Understander) -> None:
    facts = facts_of(
        understander, "pain_points", "customer support on whatsapp, parents ask about allergies all day"
    )
    assert "allergies" in str(facts["pain_points"])
    assert "audience" not in facts_of(understander, "audience", "BASE for Japan, Etsy for overseas.")


def test_places_of_origin_and_a_name_of_two_places(understander: Understander) -> None:
    facts = facts_of(
        understander, "regions", "our beans come from kenya but the customers are in the netherlands"
    )
    assert facts["regions"] == ["Netherlands"]
    reading = understander.understand("Georgia", Context(asked="regions"))
    assert not reading.patch.facts and reading.clarifications[0].options == ["Georgia", "Georgia (US)"]
    assert facts_of(understander, "regions", "Atlanta, Georgia")["regions"] == ["United States"]
    assert facts_of(understander, "regions", "Georgia and Armenia")["regions"] == ["Georgia", "Armenia"]


def test_requests_questions_and_greetings_in_other_words(understander: Understander) -> None:
    for text, asked in [
        ("escreve uma descrição de produto pra mim", "business"),
        ("need subject lines for black friday email, like 5 options", "budget"),
    ]:
        assert understander.understand(text, Context(asked=asked)).intent == "request", text
    for text, asked in [("and that costs what roughly", "tech_stack"), ("qué es un CDP", "data")]:
        assert understander.understand(text, Context(asked=asked)).intent == "question", text
    reading = understander.understand("oi, tudo bem?", Context(asked="business"))
    assert reading.intent == "greeting" and not reading.patch.facts
    reading = understander.understand(
        "Eu era personal trainer até 2020 e comecei a revender whey", Context(asked="business")
    )
    assert not reading.questions and not reading.requests


def test_a_goal_said_as_a_command_is_a_goal_and_a_fragment_is_no_skip(understander: Understander) -> None:
    reading = understander.understand(
        "Get the tourists to order again once they're home. I'd love to double our repeat rate within a year",
        Context(asked="goals"),
    )
    assert not reading.requests and any(f.field == "goals" for f in reading.patch.facts)
    assert understander.understand(
        "write me a welcome email for repeat customers", Context(asked="goals")
    ).requests
    reading = understander.understand(
        "Shopify, Klaviyo (we barely use it), and Google Analytics. We're not on Jumia or Amazon and I don't want "
        "to be — too many fake wigs there.",
        Context(asked="team", previous="data"),
    )
    assert not any(c.intent == "skip" for c in reading.clauses)


def test_kenyan_bob_is_shillings_and_not_more_is_no_goal(understander: Understander) -> None:
    """A new-user try-out: "15000 bob a month, not more" was $15,000 and a goal "not more"."""
    facts = facts_of(understander, "goals", "budget wise i can put maybe 15000 bob a month, not more")
    assert facts["budget_monthly"] == 15000.0 and facts["currency"] == "KES" and "goals" not in facts
