"""From a new-user try-out and fresh batch nineteen: a UK owner's "200 a month" is pounds and the budget
buttons say £; "why do u need my budget?" is answered with why the question matters and the question
asked again; a team size stated once is not lowered by a later message that names only some of them."""

from __future__ import annotations

import pytest

from advisor.runtime import Advisor

pytestmark = pytest.mark.slow

UK_OWNER = (
    "hi i sell handmade leather wallets on etsy",
    "mostly men 30-50 in the UK",
    "mid range, handmade",
    "grow sales 20% this year",
    "etsy stats and a spreadsheet",
    "etsy and mailchimp",
    "just me",
)


def test_an_amount_without_a_currency_is_in_the_owners_currency(advisor: Advisor) -> None:
    chat = advisor.chat
    sid = chat.start().session_id or ""
    for message in UK_OWNER:
        turn = chat.send(sid, message)
    assert turn.asking == "budget"
    assert turn.quick_replies[:2] == ["Under £70", "£70–£400"]  # US$100 and US$500, kept round
    why = chat.send(sid, "why do u need my budget?")
    assert "budget decides which tools" in why.message and why.asking == "budget"
    assert why.message.rstrip().endswith("Roughly how much could you spend on AI tools per month?")
    turn = chat.send(sid, "200 a month maybe")
    assert "£200 a month" in turn.message
    profile = chat.state(sid).profile
    assert profile.currency == "GBP" and profile.budget_monthly == 200
    assert (
        "currency" not in profile.evidence
    )  # assumed from the country, never said: a "$" still means dollars


def test_a_stated_team_size_stays_when_one_member_is_described_later(advisor: Advisor) -> None:
    chat = advisor.chat
    sid = chat.start().session_id or ""
    chat.send(
        sid,
        "we sell aftermarket auto parts on our own woocommerce site. customers are mainly diy mechanics, "
        "we're a family business 4 of us",
    )
    assert str(chat.state(sid).profile.team).startswith("4 people")
    chat.send(sid, "my son does the website stuff, he can code a bit")
    team = str(chat.state(sid).profile.team)
    assert team.startswith("4 people") and "has a developer" in team


def test_a_go_ahead_that_restates_a_fact_builds_the_plan(advisor: Advisor) -> None:
    """From a try-out: "si, 3000 pesos is right. build it" at the summary changes nothing and says go."""
    chat = advisor.chat
    sid = chat.start().session_id or ""
    for message in (*UK_OWNER, "200 a month maybe", "returns and slow replies to messages", "uk only", "no"):
        turn = chat.send(sid, message)
    assert turn.asking == "confirm"
    turn = chat.send(sid, "yes 200 a month is right. build it")
    assert turn.plan_complete


def test_a_question_about_the_advisor_itself_is_answered_not_refused(advisor: Advisor) -> None:
    """A dev-set owner's "is this going to be like chatgpt? … it made stuff up" had been refused as
    deceptive content once the tenth harm batch moved the classifier; it is about the advisor."""
    chat = advisor.chat
    sid = chat.start().session_id or ""
    turn = chat.send(
        sid, "sorry is this going to be like chatgpt? i tried that and it made stuff up about my glazes"
    )
    assert "I'm an AI advisor" in turn.message and "can't help" not in turn.message
    assert turn.asking == "business" and not chat.state(sid).profile.products


def test_a_currency_corrected_alone_is_reported(advisor: Advisor) -> None:
    chat = advisor.chat
    sid = chat.start().session_id or ""
    for message in (*UK_OWNER, "200 a month maybe"):
        chat.send(sid, message)
    turn = chat.send(sid, "sorry i meant 200 euros a month, not pounds")
    assert "currency from GBP to EUR" in turn.message
    assert chat.state(sid).profile.currency == "EUR" and chat.state(sid).profile.budget_monthly == 200
