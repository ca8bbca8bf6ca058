"""Plans built once per session from the dev profiles and inline profiles written like owners type."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.config import PROJECT_ROOT
from advisor.plan.fit import FitRules
from advisor.plan.models import Plan
from advisor.plan.profile import load_profile, parse_profile
from advisor.strategy.engine import StrategyEngine
from tests.conftest import CORPUS_DIR

ENGINE = StrategyEngine(CORPUS_DIR)
RULES = FitRules.load(CORPUS_DIR)
PROFILES = PROJECT_ROOT / "evals" / "datasets" / "profiles"


def build(data: dict[str, Any]) -> Plan:
    return ENGINE.build_plan(parse_profile(data))


def failed(plan: Plan) -> dict[str, list[str]]:
    return {c.id: c.reasons for c in plan.checklist if not c.passed}


@pytest.fixture(scope="session")
def candles() -> Plan:
    return ENGINE.build_plan(load_profile(PROFILES / "candles.yaml"))
