"""A letter typed in `advisor chat` for one of the suggested replies stands for that reply."""

from __future__ import annotations

import pytest

from advisor.cli.chat import _with_choice

CHOICES = ["Yes, opt-in for marketing and personalisation", "Only for the email list", "No, or not sure"]


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("c", "No, or not sure"),
        ("B.", "Only for the email list"),
        ("c) actually hang on, it's 3 of us", "No, or not sure. actually hang on, it's 3 of us"),
        ("a lot of them ask", "a lot of them ask"),  # a word, not a letter
        ("d", "d"),  # no fourth choice
        ("a.k.a. the shop", "a.k.a. the shop"),
    ],
)
def test_a_letter_stands_for_its_reply(typed: str, sent: str) -> None:
    assert _with_choice(typed, CHOICES) == sent
