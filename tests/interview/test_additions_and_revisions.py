"""Answers that add to a field or revise it, found by fresh batch seventeen: "interior designers too" adds
to the customers; a goal revised with only its figures replaces the old one ("way too ambitious" adds
nothing)."""

from __future__ import annotations

import pytest

from advisor.runtime import Advisor

pytestmark = pytest.mark.slow


def test_more_customers_said_with_too_are_added_and_a_revised_goal_replaces_the_old(advisor: Advisor) -> None:
    chat = advisor.chat
    sid = chat.start().session_id or ""
    for message in ("We sell restored mid-century furniture on Shopify", "design lovers and young couples"):
        chat.send(sid, message)
    turn = chat.send(sid, "oh and interior designers too, they buy a lot. we're premium")
    profile = chat.state(sid).profile
    assert profile.audience == "design lovers and young couples; interior designers"
    assert "Changed your customers" not in turn.message and profile.usp is None
    chat.send(sid, "revenue up fifty percent in three months")
    chat.send(sid, "wait no sorry that's way too ambitious let's say twenty percent in six months instead")
    assert chat.state(sid).profile.goals == ["Increase e-commerce revenue by 20% within 6 months"]


def test_a_forgotten_country_is_added_and_a_scratched_one_replaced(advisor: Advisor) -> None:
    """Fresh batch eighteen: "sorry, I forgot Austria, we ship there too" adds to the regions; "sorry
    scratch germany, i meant austria" replaces Germany only."""
    chat = advisor.chat
    sid = chat.start().session_id or ""
    chat.send(sid, "We run a tea subscription box - loose leaf tea, delivered monthly")
    chat.send(sid, "and customers are in Switzerland and Germany")
    assert chat.state(sid).profile.regions == ["Switzerland", "Germany"]
    chat.send(sid, "sorry, I forgot Austria, we ship there too since spring")
    assert chat.state(sid).profile.regions == ["Switzerland", "Germany", "Austria"]
    chat.send(sid, "sorry scratch germany, i meant austria")
    assert chat.state(sid).profile.regions == ["Switzerland", "Austria"]


def test_a_portuguese_owners_statements_are_never_refused(advisor: Advisor) -> None:
    """A dev-set owner typing in Portuguese: her statements are answers, not requests to judge."""
    chat = advisor.chat
    sid = chat.start().session_id or ""
    for message in (
        "Oi, tudo bem? Então, deixa eu explicar. Eu era personal trainer até 2020, aí veio a pandemia e eu "
        "comecei a revender whey no meu tempo livre. Hoje a gente vende suplementos no Shopify.",
        "A gente fica no meio, mid-market. O que diferencia a gente é que todo lote tem laudo publicado no site.",
    ):
        assert chat.send(sid, message).refusal is None
