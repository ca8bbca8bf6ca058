"""Readings found wrong by fresh batch seventeen of conversations and fresh utterances u6, written
outside the project by owners in Kenya, Mexico, Indonesia, Turkey, Sweden, Australia, Japan, Italy,
Chile, Egypt, the UK and the US: dictated run-ons, shops the catalogue does not know, a position said
as two negations or taken back, teams counted with tools or with a relative who only has a say, a goal
revised with only its figures, a goal said in Swedish, and customers' questions reported in brackets."""

from __future__ import annotations

from advisor.parsing.sentences import Span, split_clauses
from advisor.understanding.models import Context
from advisor.understanding.understander import Understander
from tests.understanding.reading import facts_of


def _clauses(text: str) -> list[str]:
    return [c.text for c in split_clauses(Span(text, 0, len(text)))]


def test_a_dictated_run_on_is_cut_where_a_new_subject_starts() -> None:
    run_on = (
        "we're a small merino wool baby clothing brand based in Cornwall we sell on Shopify our customers "
        "are mostly new parents and the main goal is to grow revenue by twenty five percent"
    )
    assert _clauses(run_on) == [
        "we're a small merino wool baby clothing brand based in Cornwall",
        "we sell on Shopify",
        "our customers are mostly new parents",
        "the main goal is to grow revenue by twenty five percent",
    ]
    assert _clauses("what we sell is candles") == ["what we sell is candles"]
    assert len(_clauses("We do around EGP 900,000 a month and want to grow revenue 30%")) == 2


def test_a_run_on_first_message_fills_every_slot_it_names(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "business",
        "hi there so we're a small merino wool baby clothing brand based in Cornwall we sell on Shopify and "
        "Not On The High Street our customers are mostly new parents and grandparents buying gifts all over "
        "the UK and the main goal is to grow revenue by twenty five percent in the next twelve months",
    )
    assert facts["niche"] == "merino wool baby clothing"
    assert "parents" in str(facts["audience"]) and facts["regions"] == ["United Kingdom"]
    assert facts["goals"] == ["Increase e-commerce revenue by 25% within 12 months"]


def test_neither_cheap_nor_expensive_is_the_middle(understander: Understander) -> None:
    for text in (
        "not cheap, not expensive",
        "neither cheap nor expensive",
        "not too pricey, not the cheapest",
    ):
        assert facts_of(understander, "market_position", text)["market_position"] == "mid-market"
    assert facts_of(understander, "market_position", "premium, not budget")["market_position"] == "premium"


def test_a_value_taken_back_in_the_same_message_is_replaced(understander: Understander) -> None:
    said = facts_of(understander, "market_position", "we're premium - no wait, mid-market really")
    assert said["market_position"] == "mid-market"
    assert facts_of(understander, "budget", "200 a month, sorry 300")["budget_monthly"] == 300


def test_shops_the_catalogue_does_not_hold_are_named_where_the_owner_sells(
    understander: Understander,
) -> None:
    facts = facts_of(
        understander,
        "business",
        "We make huaraches (leather sandals) by hand in Guadalajara and sell them on Mercado Libre and our "
        "Tiendanube store",
    )
    assert facts["tech_stack"] == ["Mercado Libre", "Tiendanube"]
    assert facts["niche"] == "huaraches (leather sandals)"
    base = facts_of(
        understander, "business", "I make and sell handmade ceramic tableware on BASE, and on Etsy."
    )
    assert base["niche"] == "handmade ceramic tableware" and "BASE" in base["tech_stack"]  # type: ignore[operator]
    assert "tech_stack" not in facts_of(
        understander, "business", "we sell on our website and at markets on Saturday"
    )


def test_customers_named_after_sell_to_are_the_audience(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "business",
        "we sell eco-friendly cleaning supplies (B2B) to coffee shops and restaurants through our Shopify store",
    )
    assert (
        facts["niche"] == "eco-friendly cleaning supplies"
        and facts["audience"] == "coffee shops and restaurants"
    )
    assert "audience" not in facts_of(understander, "business", "we sell batik shirts for men on tokopedia")


def test_the_difference_said_as_such_and_after_the_position(understander: Understander) -> None:
    facts = facts_of(
        understander,
        "market_position",
        "Oh premium for sure, some of my plants go for £80+. What makes me different is everything's grown by me here",
    )
    assert facts["market_position"] == "premium" and facts["usp"] == "everything's grown by me here"
    assert facts_of(understander, "market_position", "budget. fastest shipping in the midwest")["usp"] == (
        "fastest shipping in the midwest"
    )
    late = facts_of(
        understander, "business", "premium definitely everything is knitted locally here in Cornwall"
    )
    assert late["market_position"] == "premium"
    # the AI budget is not the budget position
    assert "market_position" not in facts_of(understander, "confirm", "Budget's wrong - make it £90 a month")


def test_teaching_and_making_then_selling_name_what_is_sold(understander: Understander) -> None:
    assert (
        facts_of(understander, "business", "I teach sourdough baking online")["niche"] == "sourdough baking"
    )
    assert facts_of(understander, "business", "I make and sell candles")["niche"] == "candles"
    cairo = facts_of(
        understander, "business", "We are a Cairo brand selling Egyptian cotton bed sheets and towels"
    )
    assert cairo["niche"] == "Egyptian cotton bed sheets and towels"


def test_team_counts_people_not_tools_nor_a_relative_who_only_has_a_say(understander: Understander) -> None:
    read = understander.readers
    assert read.team("Tokopedia, Shopee, WooCommerce. team: just me", Context(asked="team"), 0.9).facts[
        0
    ].value == ("1 person (the owner)")
    said = read.team(
        "a notebook by the kettle, my husband keeps telling me to get a system", Context(asked="team"), 0.9
    )
    assert not said.facts
    assert read.team("me and my brother only, hakuna developer", Context(asked="team"), 0.9).facts[
        0
    ].value == ("2 people; no developer")
    hired = read.team(
        "Team of 6, no in-house dev but a freelance Shopify developer we call", Context(asked="team"), 0.9
    )
    assert str(hired.facts[0].value).endswith("has a developer or technical help")
    assert str(
        read.team("somos 2, yo y mi esposo. no programador", Context(asked="team"), 0.9).facts[0].value
    ).endswith("no developer")
    assert (
        str(read.team("me, my brother and our mamma", Context(asked="team"), 0.9).facts[0].value)
        == "3 people"
    )


def test_a_goal_revised_with_only_its_figures_keeps_its_metric(understander: Understander) -> None:
    known = "Increase e-commerce revenue by 50% within 3 months"
    reading = understander.understand(
        "wait no sorry that's way too ambitious let's say twenty percent in six months instead",
        Context(asked="data", goal=known),
    )
    assert reading.patch.fields()["goals"] == ["Increase e-commerce revenue by 20% within 6 months"]
    scratched = understander.understand("scratch the 20%, make it 15%", Context(asked="data", goal=known))
    assert scratched.patch.fields()["goals"] == ["Increase e-commerce revenue by 15% within 3 months"]


def test_a_goal_in_another_language_is_read_in_its_gloss(understander: Understander) -> None:
    facts = facts_of(understander, "goals", "Vi vill öka försäljningen med 30 % på ett år.")
    assert facts["goals"] == ["Increase e-commerce revenue by 30% within 12 months"]


def test_customers_questions_in_brackets_and_an_unsure_guess_ask_nothing(understander: Understander) -> None:
    reported = understander.understand(
        "I answer the same questions every night (what age? is it safe? when does it arrive?). it's exhausting",
        Context(asked="pain_points"),
    )
    assert not reported.questions and reported.patch.fields()["pain_points"]
    unsure = understander.understand(
        "hmm not sure. Shopify has something by default maybe? I really don't know", Context(asked="consent")
    )
    assert not unsure.questions and "consent" not in unsure.patch.fields()


def test_a_negation_inside_an_answer_takes_nothing_back(understander: Understander) -> None:
    reading = understander.understand(
        "shopify + mailchimp, not linked, i export a csv whenever i remember", Context(asked="data")
    )
    assert reading.intent == "answer"


def test_an_answer_a_step_late_is_filed_by_the_question_before(understander: Understander) -> None:
    reading = understander.understand(
        "Squarespace orders page and a big notebook by the kettle", Context(asked="team", previous="data")
    )
    assert "data_maturity" in reading.patch.fields() and "team" not in reading.patch.fields()


def test_beside_a_question_a_data_guess_is_not_filed(understander: Understander) -> None:
    reading = understander.understand(
        "Excuse me, one question. What is GDPR? Etsy shows me message about it.", Context(asked="data")
    )
    assert reading.questions and "data_maturity" not in reading.patch.fields()


def test_questions_worded_as_wondering_or_define_are_questions(understander: Understander) -> None:
    for text in ("define mid-market for me pls", "curious what shops my size usually spend"):
        reading = understander.understand(text, Context(asked="budget"))
        assert reading.intent == "question" or reading.questions, text
    assert understander.understand(
        "is a terms and conditions checkbox enough for that or no", Context(asked="consent")
    ).questions


def test_start_over_in_spanish_and_i_dont_know_in_spanish(understander: Understander) -> None:
    assert (
        understander.understand("borra todo, empezamos de nuevo", Context(asked="goals")).intent
        == "start_over"
    )
    assert "consent" not in understander.understand("no sé... skip", Context(asked="consent")).patch.fields()


def test_where_the_customers_are_corrected_is_the_regions_not_the_audience(
    understander: Understander,
) -> None:
    fields = understander.understand(
        "oh wait, the customers are in Mexico not Spain, I mixed it up", Context(asked="consent")
    ).patch.fields()
    assert fields.get("regions") == ["Mexico"] and "audience" not in fields


def test_found_by_a_new_user_try_out(understander: Understander) -> None:
    """A shop's name before what it sells, products said as such, a target said as "to under 20%", a
    place said in passing beside a correction, and Instagram as where the shop sells."""
    pine = facts_of(
        understander, "business", "I run Pine & Pour, we sell hand-poured soy candles and wax melts"
    )
    assert pine["niche"] == "hand-poured soy candles and wax melts"
    assert facts_of(understander, "confirm", "and products are just soy candles and wax melts")["niche"] == (
        "soy candles and wax melts"
    )
    goal = facts_of(understander, "goals", "our goal is returns from 30% to under 20% by end of 2027")
    assert goal["goals"] == ["Reduce product return rate from 30% to 20% by end of 2027"]
    passing = understander.understand(
        "customers ask price, size, delivery to abuja and we reply late. also sorry we are 4 not 3",
        Context(asked="pain_points"),
    )
    assert all(f.slot != "regions" for f in passing.patch.facts if f.field == "regions")
    assert facts_of(understander, "business", "i sell ankara dresses, mostly on instagram")["tech_stack"] == [
        "Instagram"
    ]
