"""Places in owners' words: countries, groups, capitalised codes, and codes that must be asked about."""

from __future__ import annotations

import pytest

from advisor.parsing.places import Gazetteer
from tests.conftest import CORPUS_DIR

PLACES = Gazetteer.load(CORPUS_DIR)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("UK and US", ["United Kingdom", "United States"]),
        ("mostly Germany, some Austria", ["Germany", "Austria"]),
        ("the states + canada", ["United States", "Canada"]),
        ("Deutschland, NL, DACH", ["Germany", "Netherlands", "Austria", "Switzerland"]),
        ("the Nordics", ["Sweden", "Denmark", "Finland", "Norway"]),
        ("worldwide", ["Worldwide"]),
        ("EU only, we stopped shipping to the UK after brexit", ["European Union"]),
        ("canada, mainly ontario and quebec", ["Canada"]),
        ("california and texas", ["California", "Texas"]),
        (
            "Same as I told, Mumbai and Pune mostly, little bit Bangalore",
            ["India"],
        ),  # cities name their country
        ("mostly mums in Stockholm and Gothenburg", ["Sweden"]),
        ("LA and San Francisco", ["California"]),  # a US city names its state
        ("Poland only. Maybe Czech Republic next year.", ["Poland"]),  # a plan, not a market
        ("US now and Canada later", ["United States"]),
        ("mango chutney and soul food", []),  # small cities need their capital letter
    ],
)
def test_customer_regions(text: str, names: list[str]) -> None:
    regions, ambiguous = PLACES.customer_regions(text)
    assert [r.name for r in regions] == names and not ambiguous


def test_us_the_pronoun_is_not_a_country() -> None:
    assert PLACES.customer_regions("tell us more about it")[0] == []


def test_a_code_for_two_places_is_ambiguous() -> None:
    regions, ambiguous = PLACES.customer_regions("we ship to CA")
    assert regions == [] and [r.name for r in ambiguous[0].regions] == ["Canada", "California"]


def test_eu_membership_is_known() -> None:
    assert PLACES.by_name["germany"].eu and not PLACES.by_name["united kingdom"].eu


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("finland, eu, some us", ["Finland", "European Union", "United States"]),  # "us" in a list of places
        ("most of us are in berlin", ["Germany"]),  # ... never "most of us"
        ("mostly aus, bit of nz", ["Australia", "New Zealand"]),
        ("thailand most, export to netherland", ["Thailand", "Netherlands"]),
        ("some Singapore and Brunei", ["Singapore", "Brunei"]),
        ("south africa only, we tried shipping to namibia once", ["South Africa"]),
        ("germany, we ship there once a week", ["Germany"]),
    ],
)
def test_places_as_owners_write_them_when_asked(text: str, names: list[str]) -> None:
    regions, _ = PLACES.customer_regions(text, asked=True)
    assert [r.name for r in regions] == names
