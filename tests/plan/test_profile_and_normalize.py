from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import InputError, NotFoundError
from advisor.knowledge.lexicons import Regulations
from advisor.parsing.places import Gazetteer
from advisor.plan.normalize import match_regulations, normalize
from advisor.plan.profile import load_profile, parse_profile
from tests.conftest import CORPUS_DIR


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("spreadsheets, no CRM", 1),
        ("everything's in bigcommerce and xero, no crm", 1),  # "no CRM" alone is Foundational
        ("customer data synced into Klaviyo, no separate CRM", 2),  # a negated CRM is not a CRM
        ("Orders in PrestaShop, clients in Pipedrive, connected by an integration", 3),
        ("just spreadsheets", 1),
        ("We use Shopify reports and Klaviyo, no CRM", 2),
        ("CRM integrated with the store", 3),
        ("well-integrated CRM and e-commerce platform, but limited real-time analytics", 3),
        ("Snowflake warehouse and a data scientist", 4),
        (3, 3),
    ],
)
def test_data_maturity_rubric(text: str | int, level: int) -> None:
    assert normalize(parse_profile({"data_maturity": text}), CORPUS_DIR).maturity == level


@pytest.mark.parametrize(
    ("team", "level"),
    [
        ("just me", "low"),
        ("two founders, no developer", "low"),
        ("a marketing team and a freelance developer", "medium"),
        ("engineering team with two data scientists", "high"),
    ],
)
def test_team_capability(team: str, level: str) -> None:
    assert normalize(parse_profile({"team": team}), CORPUS_DIR).team == level


@pytest.mark.parametrize(
    ("value", "monthly"),
    [(800, 800), ("$800/month", 800), ("1.5k a month", 1500), ("$12,000 per year", 1000), ("600", 600)],
)
def test_budget_parsing(value: object, monthly: float) -> None:
    assert parse_profile({"budget_monthly": value}).budget_monthly == monthly


def test_profile_amounts_keep_their_currency() -> None:
    profile = parse_profile({"budget": "€800/month", "revenue": "60k a year"})
    assert profile.currency == "EUR" and profile.budget_monthly == 800 and profile.monthly_revenue == 5000
    assert parse_profile({"budget_monthly_usd": 400}).budget_monthly == 400


def test_unknowns_become_assumptions_not_facts() -> None:
    n = normalize(parse_profile({"niche": "handmade ceramics"}), CORPUS_DIR)
    fields = {a.field for a in n.assumptions}
    assert {
        "data_maturity",
        "team",
        "budget_monthly",
        "tech_stack",
        "regions",
        "monthly_revenue",
        "goals",
    } <= fields
    assert n.maturity_provenance.kind == "assumed"
    assert n.regulations[0].id == "gdpr" and "unknown" in n.regulations[0].why


def test_tools_and_regulations_are_detected() -> None:
    n = normalize(
        parse_profile({"tech_stack": "Shopify, Klaviyo; Gorgias", "regions": ["EU", "California", "Canada"]}),
        CORPUS_DIR,
    )
    assert [(t.name, t.kind) for t in n.tools] == [
        ("Shopify", "platform"),
        ("Klaviyo", "email"),
        ("Gorgias", "helpdesk"),
    ]
    assert [r.id for r in n.regulations] == ["gdpr", "ccpa", "pipeda"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"budget_monthly": "lots"}, "budget_monthly"),
        ({"budget_monthly": -5}, "budget_monthly"),
        ({"data_maturity": 7}, "data_maturity"),
        ({"goals": {"a": 1}}, "goals"),
    ],
)
def test_malformed_profiles_name_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(InputError, match=field):
        parse_profile(data)


def test_profile_files_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        load_profile(tmp_path / "missing.yaml")
    empty = tmp_path / "empty.yaml"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        load_profile(empty)
    binary = tmp_path / "blob.yaml"
    binary.write_bytes(b"\x00\xff\x00")
    with pytest.raises(InputError, match="binary"):
        load_profile(binary)
    broken = tmp_path / "broken.yaml"
    broken.write_text("niche: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_profile(broken)
    not_mapping = tmp_path / "list.json"
    not_mapping.write_text("[1, 2]")
    with pytest.raises(InputError, match="mapping"):
        load_profile(not_mapping)
    huge = tmp_path / "huge.yaml"
    huge.write_text("niche: " + "x" * 300_000)
    with pytest.raises(InputError, match="too large"):
        load_profile(huge)


def test_unknown_fields_are_kept_aside_and_reported() -> None:
    profile = parse_profile({"niche": "tea", "favourite_colour": "green"})
    assert profile.unknown_fields == ["favourite_colour"]


@pytest.mark.parametrize(
    ("regions", "framework"),
    [
        (["Switzerland"], "Swiss Federal Act on Data Protection"),
        (["India"], "Digital Personal Data Protection Act"),
        (["Greece"], "GDPR"),  # every EU member state, by membership
        (["Texas"], "CCPA"),  # a state: its country's frameworks
        (["Ontario"], "PIPEDA"),
        (["Kenya"], "national data-protection law"),
    ],
)
def test_each_region_gets_its_data_protection_framework(regions: list[str], framework: str) -> None:
    matches, assumed = match_regulations(regions, Regulations.load(CORPUS_DIR), Gazetteer.load(CORPUS_DIR))
    assert not assumed and any(framework in m.name for m in matches)
