"""Readings found wrong by fresh batch nineteen of conversations and fresh utterances u8, written outside
the project by owners in South Africa, Poland, Sweden, Nigeria, Singapore, Denmark, the US and elsewhere:
a channel left "because the fees are crazy", a tool said not to be used and named again, "we do X" for
what is sold, a gloss after "=", a family business "4 of us", a mind changed mid-goal, "oh u meant the
data", a label, a run-on's next subject, a code among places, goods sold "in Poland"."""

from __future__ import annotations

from advisor.understanding.models import Context
from advisor.understanding.understander import Understander
from tests.understanding.reading import facts_of


def test_why_a_channel_was_left_is_no_problem_of_the_shop(understander: Understander) -> None:
    for text in (
        "Hi, sklep z grami planszowymi = board games shop 🙂 We sell on our own WooCommerce site. Not on Allegro "
        "anymore, fees are crazy",
        "we sell auto parts on our woocommerce site. we're not on takealot, the fees are too high",
        "Mechanical keyboards, keycaps and switches. Own site on WooCommerce. Not on Shopee, too many knockoffs there",
    ):
        facts = facts_of(understander, "business", text)
        assert "pain_points" not in facts and "Allegro" not in str(facts.get("tech_stack")), (text, facts)
    assert facts_of(understander, "business", "Hi, sklep z grami planszowymi = board games shop 🙂 We sell on "
                    "our own WooCommerce site.")["niche"] == "board games"  # fmt: skip


def test_a_tool_said_not_to_be_used_stays_out_when_named_again(understander: Understander) -> None:
    facts = facts_of(
        understander, "business", "Vintage vinyl. Discogs and my own Shopify. Not eBay, eBay is a joke."
    )
    assert facts["tech_stack"] == ["Discogs", "Shopify"]


def test_what_is_sold_said_with_do_or_selling(understander: Understander) -> None:
    niche = facts_of(
        understander, "business", "We do gluten-free baking mixes, sold on our Shopify site and Amazon UK"
    )
    assert niche["niche"] == "gluten-free baking mixes" and niche["tech_stack"] == ["Shopify", "Amazon"]
    assert (
        facts_of(understander, "business", "We are selling the organic baby clothes on our own website")[
            "niche"
        ]
        == "organic baby clothes"
    )
    danish = "Hej! We're a small Danish shop selling e-bike conversion kits and batteries through our WooCommerce webshop."
    assert facts_of(understander, "business", danish)["niche"] == "e-bike conversion kits and batteries"
    bikes = facts_of(
        understander,
        "business",
        "Kids bikes and balance bikes. Shopify store plus a little showroom in Geelong.",
    )
    assert bikes["products"] == ["Kids bikes", "balance bikes"]
    homebrew = facts_of(
        understander, "business", "we sell homebrew supplies like beer kits on big commerce and ebay"
    )
    assert homebrew["niche"] == "homebrew supplies" and homebrew["tech_stack"] == ["BigCommerce", "eBay"]


def test_who_it_is_sold_to_and_where(understander: Understander) -> None:
    facts = facts_of(understander, "business", "hi i sell handmade leather wallets on etsy to men in the UK")
    assert facts["regions"] == ["United Kingdom"] and facts["audience"] == "men"
    facts = facts_of(understander, "business", "we sell hot sauce to foodies across canada")
    assert facts["niche"] == "hot sauce" and str(facts["audience"]).startswith("foodies")
    facts = facts_of(
        understander, "business", "we sell refurbished phones in Poland, about 200 000 zł revenue a month"
    )
    assert facts["regions"] == ["Poland"] and facts["monthly_revenue"] == 200000
    assert "regions" not in facts_of(understander, "business", "candles from vermont to women mostly")


def test_team_counts_from_fresh_owners(understander: Understander) -> None:
    team = facts_of(
        understander, "business", "customers are mainly diy mechanics, we're a family business 4 of us"
    )
    assert str(team["team"]).startswith("4 people")
    assert str(
        facts_of(understander, "team", "we're 2 people and neither of us is a programmer")["team"]
    ) == ("2 people; no developer")
    mechanic = facts_of(understander, "team", "Me, my partner and a part-time mechanic who builds the bikes.")
    assert str(mechanic["team"]).startswith("3 people")
    assert str(facts_of(understander, "team", "I'm the only one here and I can't code")["team"]).startswith(
        "1 person"
    )
    both = facts_of(understander, "team", "just me and I have like $50 a month for this stuff")
    assert both["budget_monthly"] == 50 and str(both["team"]).startswith("1 person")


def test_a_mind_changed_mid_goal_keeps_the_later_goal(understander: Understander) -> None:
    goal = facts_of(
        understander,
        "goals",
        "i want more repeat customers... wait, actually revenue. grow revenue 50% in 6 months",
    )
    assert goal["goals"] == ["Increase e-commerce revenue by 50% within 6 months"]
    goal = facts_of(understander, "goals", "grow revenue 20%, actually make it 25% in a year")
    assert goal["goals"] == ["Increase e-commerce revenue by 25% within 12 months"]


def test_the_owner_who_answered_the_wrong_question_corrects_it(understander: Understander) -> None:
    reading = understander.understand(
        "oh u meant the data lol. its just bigcommerce reports and excel sheets", Context(asked="team")
    )
    assert reading.intent == "correction"
    assert reading.patch.get("data_maturity").value == "bigcommerce reports and excel sheets"  # type: ignore[union-attr]


def test_a_label_and_a_run_on_say_what_sets_the_shop_apart(understander: Understander) -> None:
    usp = facts_of(understander, "goals", "What makes us different: we hand-lube all the switches in-house")
    assert usp["usp"] == "we hand-lube all the switches in-house"
    run_on = facts_of(
        understander,
        "market_position",
        "were kinda the budget option compared to the big guys like northern brewer we match prices and ship same day",
    )
    assert run_on["market_position"] == "budget" and run_on["usp"] == "we match prices and ship same day"
    fix = facts_of(understander, "goals", "oops I said premium earlier but we're really more mid-market")
    assert fix["market_position"] == "mid-market"


def test_statements_that_look_like_orders_are_answers(understander: Understander) -> None:
    reading = understander.understand(
        "Don't need AI to set my goals. Fine - fewer returns. 40% fewer within 6 months.",
        Context(asked="goals"),
    )
    assert reading.intent == "answer" and not reading.requests
    pain = understander.understand(
        "fake payment alerts!! people send fake transfer screenshots and we ship before checking",
        Context(asked="pain_points"),
    )
    assert not pain.requests and "usp" not in {f.field for f in pain.patch.facts}


def test_a_code_among_places_is_no_tool_and_consent_levels(understander: Understander) -> None:
    assert "tech_stack" not in facts_of(understander, "regions", "we ship to CA and GA")
    assert facts_of(understander, "tech_stack", "shopify, GA and klaviyo")["tech_stack"] == [
        "Shopify", "Google Analytics", "Klaviyo",
    ]  # fmt: skip
    partial = facts_of(
        understander, "consent", "we have a checkbox for marketing emails but nothing for the tracking stuff"
    )
    assert str(partial["consent"]).startswith("Partly")
    for text in (
        "ya we ask for everything, proper GDPR cookie consent and opt-in for marketing",
        "we only sell in Germany and yes, we have proper opt-in for everything",
    ):
        assert str(facts_of(understander, "consent", text)["consent"]).startswith("Yes"), text
    assert "consent" not in facts_of(
        understander, "consent", "Hmm not sure, I think Shopify has a checkbox?? idk"
    )
