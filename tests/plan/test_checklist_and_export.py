from __future__ import annotations

import json

import pytest

from advisor.config import PROJECT_ROOT
from advisor.plan.checklist import PlanNotReadyError, finalize, run_checklist
from advisor.plan.export import render
from advisor.plan.models import InitiativeRisk, Plan
from advisor.plan.profile import load_profile, parse_profile
from advisor.strategy.engine import StrategyEngine
from tests.conftest import CORPUS_DIR

ENGINE = StrategyEngine(CORPUS_DIR)
PROFILES = PROJECT_ROOT / "evals" / "datasets" / "profiles"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return ENGINE.build_plan(load_profile(PROFILES / "candles.yaml"))


def test_a_passing_plan_can_be_finalised(plan: Plan) -> None:
    final = finalize(plan)
    assert final.status == "final" and plan.status == "draft"


def test_a_vague_goal_keeps_the_plan_draft() -> None:
    vague = ENGINE.build_plan(load_profile(PROFILES / "vague.yaml"))
    with pytest.raises(PlanNotReadyError, match="smart_goals"):
        finalize(vague)


def test_missing_or_generic_ethics_blocks_finalisation(plan: Plan) -> None:
    stripped = plan.model_copy(deep=True)
    stripped.governance.bias_risks = []
    stripped.governance.other_risks = [
        r for r in stripped.governance.other_risks if r.initiative_id != plan.initiatives[0].id
    ]
    stripped.checklist = run_checklist(stripped, maturity=2)
    with pytest.raises(PlanNotReadyError, match="ethics_specific"):
        finalize(stripped)
    generic = plan.model_copy(deep=True)
    generic.governance.bias_risks = []
    generic.governance.other_risks = [
        InitiativeRisk(initiative_id=i.id, kind="privacy", risk="Privacy concerns", mitigation="Be careful")
        for i in plan.initiatives
    ]
    generic.checklist = run_checklist(generic, maturity=2)
    failed = {c.id: c for c in generic.checklist if not c.passed}
    assert "ethics_specific" in failed and "generic" in failed["ethics_specific"].reasons[0]


def test_markdown_is_a_stakeholder_document(plan: Plan) -> None:
    md = render(plan, "md")
    for heading in (
        "## 1. Executive summary",
        "## 2. Business context and SMART goals",
        "## 3. AI initiatives and STRIVE analysis",
        "## 4. Personalization and automation strategy mapping",
        "## 5. Measurement, ROI and continuous improvement",
        "## 6. Ethical considerations and governance",
        "## Sources",
    ):
        assert heading in md
    assert "| STRIVE criterion | Score | Justification |" in md
    assert "| AI initiative | Strategy | Buyer-journey stage | Expected outcome | Goal |" in md
    assert md.count("| KPI |") == len(plan.business_context.goals)
    assert ("[1]" in md and "1. 000_" in md) or "1. 003_" in md


def test_html_is_self_contained_and_escaped() -> None:
    plan = ENGINE.build_plan(
        parse_profile(
            {"niche": "<script>alert(1)</script> mugs", "goals": ["increase AOV by 10% in 6 months"]}
        )
    )
    page = render(plan, "html")
    assert page.startswith("<!doctype html>") and "<style>" in page and "<table>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page.split("<body>")[0]  # no external assets


def test_json_round_trips(plan: Plan) -> None:
    data = json.loads(render(plan, "json"))
    assert Plan.model_validate(data) == plan
