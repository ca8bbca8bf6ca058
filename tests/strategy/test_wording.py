"""The wording helpers every plan template uses."""

from __future__ import annotations

from advisor.strategy.wording import join, lower_first


def test_lower_first_keeps_acronyms() -> None:
    assert lower_first("Average order value (AOV)") == "average order value (AOV)"
    assert (
        lower_first("CSAT score") == "CSAT score"
        and lower_first("AI personalisation") == "AI personalisation"
    )
    assert lower_first("") == ""


def test_join_reads_as_a_list() -> None:
    assert [join([]), join(["a"]), join(["a", "b"]), join(["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]
