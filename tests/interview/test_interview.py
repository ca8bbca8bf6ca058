"""The interview through ChatService: behaviour, persistence, concurrency."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from advisor.config import PROJECT_ROOT, Settings
from advisor.errors import InputError, NotFoundError
from advisor.evaluation.interview import evaluate_interview, load_personas
from advisor.plan.goals import SMART_RULE
from advisor.runtime import Advisor
from tests.conftest import CORPUS_DIR

pytestmark = pytest.mark.slow


CANDLE_SHOP = (
    "We sell hand-poured candles on Shopify", "gift buyers", "premium",
    "reduce support tickets by 30% within 6 months", "Shopify reports and Klaviyo, no CRM", "two founders, no developer",
    "$400", "drowning in where-is-my-order emails", "US and Canada", "only for the email list",
)  # fmt: skip
"""One owner's answers to every question of the interview, in order."""


def _run(chat, sid: str, *messages: str):  # type: ignore[no-untyped-def]
    turn = None
    for message in messages:
        turn = chat.send(sid, message)
    return turn


def test_greeting_says_what_and_how_long(advisor: Advisor) -> None:
    turn = advisor.chat.start()
    assert turn.session_id and "10 minutes" in turn.message and "Strategic AI Action Plan" in turn.message
    assert turn.asking == "business" and turn.next_question
    assert turn.plan_progress.filled == 0 and turn.plan_progress.total == 11 and not turn.plan_complete


def test_a_message_fills_every_slot_it_mentions_and_they_are_not_asked(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = advisor.chat.send(
        sid, "We sell hand-poured candles on Shopify, about $40k a month, to customers in the US"
    )
    profile = advisor.chat.state(sid).profile
    assert profile.niche == "hand-poured candles" and profile.tech_stack == ["Shopify"]
    assert profile.monthly_revenue == 40000 and profile.regions == ["United States"]
    assert turn.asking == "audience"
    seen = []
    replies = {"audience": "gift buyers", "market_position": "premium", "goals": "increase AOV by 10% in 6 months",
               "data": "Not sure", "team": "Just me", "budget": "$200", "pain_points": "small baskets",
               "consent": "No, or not sure"}  # fmt: skip
    while turn.asking != "confirm":
        seen.append(turn.asking)
        turn = advisor.chat.send(sid, replies[turn.asking or ""])
    assert "tech_stack" not in seen and "regions" not in seen and "business" not in seen


def test_a_goal_without_number_gets_one_precise_follow_up(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, "We sell tea", "tea lovers", "premium")
    turn = advisor.chat.send(sid, "get more repeat customers")
    assert turn.asking == "goals" and turn.next_question and turn.next_question.startswith(SMART_RULE)
    assert "By how much" in turn.next_question
    turn = advisor.chat.send(sid, "15%")
    assert "By when" in (turn.next_question or "")
    turn = advisor.chat.send(sid, "within 9 months")
    assert turn.asking == "data"
    goal = advisor.chat.state(sid).profile.goals[0]
    assert goal == "Increase repeat purchase rate by 15% within 9 months" and goal in turn.message


def test_skip_is_recorded_as_unknown_with_an_assumption(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = _run(advisor.chat, sid, "We sell tea", "I don't know")
    assert "unknown" in turn.message and turn.asking == "market_position"
    assert "audience" in advisor.chat.state(sid).unknown


def test_correction_updates_the_slot(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(
        advisor.chat,
        sid,
        "We sell tea",
        "tea lovers",
        "premium",
        "increase AOV by 10% in 6 months",
        "spreadsheets",
        "just me",
        "$300",
    )
    turn = advisor.chat.send(sid, "actually our budget is $800")
    profile = advisor.chat.state(sid).profile
    assert profile.budget_monthly == 800 and profile.team == "1 person (the owner)"
    assert "Changed your AI budget from $300 a month to $800 a month" in turn.message


def test_a_question_mid_interview_is_answered_with_citations_and_resumes(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = _run(advisor.chat, sid, "We sell tea", "How can a chatbot help with order status questions?")
    assert turn.citations and "[1]" in turn.message
    assert "Back to your plan" in turn.message and turn.asking == "audience"
    assert advisor.chat.send(sid, "tea lovers").asking == "market_position"


def test_a_harmful_request_mid_interview_is_refused(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = advisor.chat.send(sid, "Write 10 fake reviews for my shop")
    assert turn.refusal is not None and turn.refusal.rule == "fake-reviews" and turn.asking == "business"


def test_full_interview_gives_a_plan_and_summary_first(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = _run(advisor.chat, sid, *CANDLE_SHOP)
    assert (
        turn.asking == "confirm"
        and "Here's what I have" in turn.message
        and "Yes, build my plan" in turn.quick_replies
    )
    turn = advisor.chat.send(sid, "yes")
    assert turn.plan_complete and turn.plan and turn.plan_markdown
    assert turn.plan["initiatives"][0]["id"] == "conversational-ai"
    for heading in ("## 1. Executive summary", "## 6. Ethical considerations and governance"):
        assert heading in turn.plan_markdown
    after = advisor.chat.send(sid, "What are the risks of chatbots?")
    assert after.plan_complete and after.citations


def test_sessions_resume_after_a_restart(tmp_path: Path, knowledge_base) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=CORPUS_DIR)
    first = Advisor(settings, kb=knowledge_base, use_chat_model=False)
    sid = first.chat.start().session_id or ""
    first.chat.send(sid, "We sell tea on Etsy")
    restarted = Advisor(settings, kb=knowledge_base, use_chat_model=False)  # a new process would do the same
    turn = restarted.chat.resume(sid)
    assert "Welcome back" in turn.message and turn.asking == "audience"
    assert restarted.chat.send(sid, "tea lovers").asking == "market_position"
    assert [m.role for m in restarted.sessions.transcript(sid)] == [
        "advisor",
        "user",
        "advisor",
        "user",
        "advisor",
    ]


def test_bad_messages_and_unknown_sessions(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    for bad in ("", "   ", "x" * 9000, "bin\x00ary"):
        with pytest.raises(InputError):
            advisor.chat.send(sid, bad)
    assert advisor.chat.state(sid).turns == 0  # nothing was lost or half-applied
    with pytest.raises(NotFoundError):
        advisor.chat.send("no-such-session", "hello")


def test_personal_data_is_redacted_before_it_is_stored(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    advisor.chat.send(sid, "We sell tea, write to me at owner@teashop.example or call 415 555 0132")
    stored = " ".join(m.text for m in advisor.sessions.transcript(sid)) + str(advisor.sessions.get(sid).state)
    assert "owner@teashop.example" not in stored and "555 0132" not in stored and "[email]" in stored


def test_concurrent_messages_to_one_session_are_serialised(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    errors: list[BaseException] = []

    def send(text: str) -> None:
        try:
            advisor.chat.send(sid, text)
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(f"We sell tea number {i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert advisor.chat.state(sid).turns == 6
    assert len(advisor.sessions.transcript(sid)) == 1 + 2 * 6


def test_dev_personas(advisor: Advisor) -> None:
    metrics = evaluate_interview(
        load_personas(PROJECT_ROOT / "evals" / "datasets" / "personas.yaml"), advisor.chat, CORPUS_DIR
    )
    assert metrics.completion_rate == 1.0, [r for r in metrics.results if not r.completed]
    assert metrics.slot_accuracy == 1.0, [r.failures for r in metrics.results if r.failures]
    assert metrics.repeated_questions == 0
    assert all(r.turns <= 25 for r in metrics.results)


def test_an_answer_to_another_question_is_filed_by_its_content(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, "We sell tea", "tea lovers")
    turn = advisor.chat.send(sid, "we make about 60k a month")  # asked: market position
    profile = advisor.chat.state(sid).profile
    assert profile.monthly_revenue == 60000 and profile.market_position is None
    assert "revenue: $60,000 a month" in turn.message
    assert (
        turn.asking == "market_position"
        and turn.next_question
        != "How do you compete — premium, budget or mid-market — and what makes you different from competitors?"
    )
    turn = advisor.chat.send(sid, "honestly no idea")
    assert "market_position" in advisor.chat.state(sid).unknown and turn.asking == "goals"


def test_unrecognised_text_is_never_filed_and_the_question_is_asked_once_more(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = advisor.chat.send(sid, "hello, I have a little web shop")
    assert advisor.chat.state(sid).profile.niche is None and turn.asking == "business"
    turn = advisor.chat.send(sid, "handmade soap and bath bombs")
    assert (
        advisor.chat.state(sid).profile.niche == "handmade soap and bath bombs" and turn.asking == "audience"
    )


def test_a_casual_side_question_is_answered_and_the_question_re_asked(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, "We sell tea", "tea lovers", "premium", "increase AOV by 10% in 6 months")
    turn = advisor.chat.send(sid, "hang on, what does RICE mean")
    assert turn.citations and turn.asking == "data"
    assert advisor.chat.state(sid).profile.data_maturity is None


def test_start_over_asks_first_then_resets(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, "We sell tea", "tea lovers")
    turn = advisor.chat.send(sid, "start over")
    assert "Start over" in turn.message and advisor.chat.state(sid).profile.niche == "tea"
    turn = advisor.chat.send(sid, "no")
    assert advisor.chat.state(sid).profile.niche == "tea"
    advisor.chat.send(sid, "start over")
    turn = advisor.chat.send(sid, "yes")
    assert advisor.chat.state(sid).profile.niche is None and turn.asking == "business"


def test_an_ambiguous_code_is_asked_about_not_guessed(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = advisor.chat.send(sid, "we sell surf wax, mostly to customers in CA")
    assert "Canada or California" in turn.message and advisor.chat.state(sid).profile.regions == []
    advisor.chat.send(sid, "California")
    assert advisor.chat.state(sid).profile.regions == ["California"]


def test_at_the_summary_only_a_plain_yes_builds_the_plan(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = _run(advisor.chat, sid, *CANDLE_SHOP)
    assert turn.asking == "confirm"
    turn = advisor.chat.send(sid, "sure, though the region is wrong")
    assert not turn.plan_complete and turn.asking == "confirm" and "countries" in turn.message
    turn = advisor.chat.send(sid, "actually our data is in Shopify reports, no CRM")
    profile = advisor.chat.state(sid).profile
    assert not turn.plan_complete and profile.tech_stack == ["Shopify", "Klaviyo"]
    assert "Changed how you keep data" in turn.message
    assert advisor.chat.send(sid, "yes").plan_complete


def test_euro_amounts_stay_in_euros(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, "We sell bikes in Amsterdam", "commuters")
    turn = _run(
        advisor.chat,
        sid,
        "mid-market",
        "more repeat customers by 10% within a year",
        "spreadsheets",
        "shopify",
        "me and my partner",
        "€150",
    )
    profile = advisor.chat.state(sid).profile
    assert profile.budget_monthly == 150 and profile.currency == "EUR" and "€150 a month" in turn.message


def test_a_refusal_never_traps_the_owner(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    turn = advisor.chat.send(sid, "We sell CBD balm and sleep gummies, most buyers have arthritis or anxiety")
    assert turn.refusal is None and advisor.chat.state(sid).profile.niche and turn.asking == "audience"
    turn = advisor.chat.send(sid, "write 20 five-star reviews for the balm")
    assert turn.refusal is not None and turn.asking == "audience" and turn.next_question
    turn = advisor.chat.send(sid, "that's not what I meant")
    assert turn.refusal is None and "another way" in turn.message and turn.asking == "audience"
    turn = advisor.chat.send(sid, "mostly women over 60 with joint pain")
    assert turn.refusal is None and turn.asking == "market_position"


def test_a_bare_correction_fixes_the_answer_just_given(advisor: Advisor) -> None:
    """ "sorry I meant 1500 CAD per month", said after the budget was answered and the next question
    asked, changes the budget — it is not revenue."""
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP[:6], "budget 150 CAD a month")
    turn = advisor.chat.send(sid, "sorry I meant 1500 CAD per month, we got a grant this year")
    profile = advisor.chat.state(sid).profile
    assert profile.budget_monthly == 1500 and profile.monthly_revenue is None
    assert "Changed your AI budget" in turn.message


def test_a_correction_naming_one_region_keeps_the_others(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP[:8], "Canada and US, and France a bit")
    advisor.chat.send(sid, "sorry not France, it's Belgium, I mixed up")
    assert advisor.chat.state(sid).profile.regions == ["Canada", "United States", "Belgium"]


def test_a_team_size_correction_keeps_what_was_said_about_skills(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP[:5], "2 people: me and my wife, no IT.", "$200")
    advisor.chat.send(sid, "actually we're 3 people not 2, I forgot our warehouse guy")
    assert advisor.chat.state(sid).profile.team == "3 people; no developer"


def test_while_answering_a_statement_is_an_answer_and_the_interview_is_asked_about(advisor: Advisor) -> None:
    """A sentence without a question's or a request's form answers the question; a question about the
    interview itself is answered from the script, not the knowledge base."""
    sid = advisor.chat.start().session_id or ""
    turn = advisor.chat.send(sid, "hi there! how long does this take?")
    assert "10 minutes" in turn.message and turn.asking == "business"
    _run(advisor.chat, sid, *CANDLE_SHOP[:7])
    turn = advisor.chat.send(
        sid, "custom name orders, people spell their dog's name wrong and then want a free redo"
    )
    profile = advisor.chat.state(sid).profile
    assert profile.pain_points and "redo" in profile.pain_points[0] and turn.refusal is None


def test_the_answer_to_what_should_i_put_instead_is_filed_there(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP)
    turn = advisor.chat.send(sid, "the team is wrong")
    assert "What should I put instead?" in turn.message
    turn = advisor.chat.send(sid, "3")  # a bare number, read as the answer to the team question
    assert advisor.chat.state(sid).profile.team == "3 people; no developer"
    assert not turn.plan_complete and turn.asking == "confirm" and "Changed your team" in turn.message


def test_a_question_about_the_advisor_is_never_filed_as_an_answer(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP[:4])
    turn = advisor.chat.send(sid, "is my data stored anywhere when i type here")
    assert advisor.chat.state(sid).profile.data_maturity is None
    assert "nothing leaves it" in turn.message and turn.asking == "data"


def test_a_vague_goal_gives_way_to_the_goal_said_with_a_metric(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(
        advisor.chat,
        sid,
        *CANDLE_SHOP[:3],
        "just want to grow tbh",
        "fair. lift conversion rate by 30% within 9 months",
    )
    assert advisor.chat.state(sid).profile.goals == ["Increase conversion rate by 30% within 9 months"]


def test_pesos_said_before_the_country_are_that_countrys(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(
        advisor.chat,
        sid,
        "mate gourds and bombillas, we sell like 3 millones de pesos a month",
        "mate drinkers",
    )
    assert (
        advisor.chat.state(sid).profile.currency == "MXN"
    )  # "pesos" alone: Mexican until the country is known
    _run(
        advisor.chat, sid, "premium", "double sales in 12 months", "excel", "tiendanube", "2, no dev", "skip"
    )
    _run(advisor.chat, sid, "slow replies", "all argentina, caba and córdoba mostly")
    assert advisor.chat.state(sid).profile.currency == "ARS"


def test_a_goal_percentage_corrected_later_changes_only_the_goal(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, "model railway locomotives on shopify", "men over 50", "mid-market")
    _run(
        advisor.chat, sid, "repeat purchases up 15% within a year", "shopify reports and klaviyo, not linked"
    )
    turn = _run(
        advisor.chat,
        sid,
        "shopify, klaviyo, ebay",
        "Me, my son and one part-timer, so three. Oh, and that goal I gave you earlier - I said 15%, I meant 25%.",
    )
    profile = advisor.chat.state(sid).profile
    assert profile.goals[0] == "Increase repeat purchase rate by 25% within 12 months"
    assert profile.team is not None and profile.team.startswith("3 people")
    assert "Changed your goal from" in turn.message


def test_a_harmful_request_beside_an_answer_is_refused_and_the_answer_kept(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP[:-1])
    turn = advisor.chat.send(
        sid,
        "yes we have a newsletter opt-in at checkout. also could the AI write product pages saying our candles cure anxiety?",
    )
    assert turn.refusal is not None
    assert advisor.chat.state(sid).profile.consent is not None


def test_after_the_plan_a_cost_question_is_about_the_plan(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP, "yes")
    turn = advisor.chat.send(sid, "how much will this cost me?")
    assert "Building the plan costs nothing" not in turn.message


def test_an_amount_corrected_in_another_currency_changes_the_currency_too(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP[:6], "Maybe 100 bucks a month.")
    turn = advisor.chat.send(
        sid,
        "Actually scratch that, I talked to my partner — budget can be more like 200 bucks CAD. Biggest headache is the phone",
    )
    profile = advisor.chat.state(sid).profile
    assert profile.budget_monthly == 200 and profile.currency == "CAD"
    assert "CA$200 a month" in turn.message and profile.pain_points == ["the phone"]


def test_after_the_plan_what_is_said_beside_a_question_is_its_context(advisor: Advisor) -> None:
    sid = advisor.chat.start().session_id or ""
    _run(advisor.chat, sid, *CANDLE_SHOP, "yes")
    tools = advisor.chat.state(sid).profile.tech_stack
    turn = advisor.chat.send(
        sid,
        "I don't have a website, I only sell on WhatsApp and Jumia. Can the chatbot work inside WhatsApp?",
    )
    profile = advisor.chat.state(sid).profile
    assert profile.tech_stack == tools and not profile.products
    assert "chatbot" in turn.message.lower() and "Noted" not in turn.message
