"""Fit rules (``knowledge/plan_fit.yaml``): what tools cost at a shop's size, how many roadmap items a
team runs at once, the consent a shop collects today, which metrics drive a goal, and which data source
measures each KPI."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated
from advisor.plan.models import ConsentNeed
from advisor.plan.normalize import strip_negated

ConsentLevel = ConsentNeed
CONSENT_ORDER: list[ConsentLevel] = ["none", "marketing", "profiling"]
LOW_CONFIDENCE = 0.6  # an unconfirmed fact read with less confidence than this is not planned on
ALWAYS_AVAILABLE = {"platform", "spreadsheet"}  # every shop has its store's reports and a spreadsheet


class SizeBand(BaseModel):
    max: float | None = Field(
        None, description="Upper bound of monthly revenue in US dollars; None = no bound."
    )
    position: float = Field(ge=0, le=1, description="Point of a tool's cost range a shop this size pays.")
    size: str


class CostPosition(BaseModel):
    by_revenue_usd: list[SizeBand]
    unknown: SizeBand


class Capacity(BaseModel):
    developer_cues: list[str]
    max_parallel: dict[str, int]
    effort_factor: dict[str, float]


class ConsentCue(BaseModel):
    level: ConsentLevel
    plain: str
    cues: list[str]


class ConsentRubric(BaseModel):
    levels: list[ConsentCue]
    opt_in_regulations: list[str] = Field(description="Regulation ids that require opt-in.")


class FitRules(BaseModel):
    cost_position: CostPosition
    capacity: Capacity
    consent: ConsentRubric
    goal_drivers: dict[str, list[str]]
    data_sources: dict[str, str] = Field(description="Data-source kind → how a plan names it.")
    kpi_sources: dict[str, list[str]] = Field(description="KPI → data-source kinds that measure it.")

    @classmethod
    def load(cls, knowledge_dir: Path) -> FitRules:
        data: Any = load_curated(knowledge_dir, "plan_fit.yaml")
        return cls.model_validate(data)

    @cached_property
    def _kpis(self) -> dict[str, list[str]]:
        return {k.lower(): v for k, v in self.kpi_sources.items()}

    # --- size and cost -----------------------------------------------------------------------
    def size(self, revenue_usd: float | None) -> tuple[SizeBand, bool]:
        """The shop's size band and whether it is assumed (revenue unknown)."""
        if revenue_usd is None:
            return self.cost_position.unknown, True
        for band in self.cost_position.by_revenue_usd:
            if band.max is None or revenue_usd <= band.max:
                return band, False
        return self.cost_position.by_revenue_usd[-1], False

    # --- team ----------------------------------------------------------------------------------
    def has_developer(self, team: str | None) -> bool:
        """A developer, engineer or agency is named (negated mentions such as "no developer" do not count)."""
        if not team:
            return False
        positive = strip_negated(team)
        return any(
            re.search(rf"\b(?:{cue})", positive, re.IGNORECASE) for cue in self.capacity.developer_cues
        )

    def max_parallel(self, has_developer: bool) -> int:
        return self.capacity.max_parallel["with_developer" if has_developer else "without_developer"]

    # --- consent -------------------------------------------------------------------------------
    def consent_today(self, text: str | None) -> ConsentLevel | None:
        """The consent a shop collects today; None when not stated or unreadable."""
        if not text or not text.strip():
            return None
        positive = strip_negated(text)
        for entry in self.consent.levels:  # profiling, marketing, none: highest first
            haystack = text if entry.level == "none" else positive
            if any(re.search(rf"\b(?:{cue})", haystack, re.IGNORECASE) for cue in entry.cues):
                return entry.level
        return None

    def consent_plain(self, level: ConsentLevel | None) -> str:
        if level is None:
            return "not stated"
        return next(e.plain for e in self.consent.levels if e.level == level)

    @staticmethod
    def consent_covers(today: ConsentLevel | None, needed: ConsentLevel) -> bool:
        return needed == "none" or (
            today is not None and CONSENT_ORDER.index(today) >= CONSENT_ORDER.index(needed)
        )

    def opt_in_applies(self, regulation_ids: list[str]) -> list[str]:
        """The regulations among these that require opt-in."""
        return [r for r in regulation_ids if r in self.consent.opt_in_regulations]

    # --- goals ---------------------------------------------------------------------------------
    @staticmethod
    def main_levers(metrics: list[str]) -> list[str]:
        """The two metrics an initiative moves most (its catalogue goals are strongest first)."""
        return metrics[:2]

    def moves(self, levers: list[str], metric: str) -> bool:
        """Whether an initiative with these main levers moves a goal on ``metric``."""
        return metric in levers or any(d in levers for d in self.goal_drivers.get(metric, []))

    # --- KPIs ----------------------------------------------------------------------------------
    def kpi_kinds(self, kpi: str) -> list[str] | None:
        """The data-source kinds that measure a KPI; None for a KPI the rules do not know."""
        return self._kpis.get(kpi.strip().lower())

    def source_name(self, kind: str) -> str:
        return self.data_sources.get(kind, kind)
