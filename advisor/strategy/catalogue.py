"""The initiative catalogue (``knowledge/initiatives.yaml``) as typed data with resolved citations."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from advisor.errors import ServiceError
from advisor.knowledge.curated import load_curated
from advisor.knowledge.references import ReferenceResolver, SourceRef
from advisor.plan.models import ConsentNeed


class Scope(BaseModel):
    scope: str
    min_data_maturity: int = Field(ge=1, le=4)
    effort_person_months: float = Field(gt=0)
    cost_monthly_usd: tuple[float, float]


class Integration(BaseModel):
    kind: str
    critical: bool
    why: str


class Benefit(BaseModel):
    kind: Literal["revenue", "savings"]
    low: float = Field(ge=0)
    high: float = Field(ge=0)
    basis: str


class JourneyTemplate(BaseModel):
    stage: str
    strategy: str
    outcome: str
    goal: str


class RiskTemplate(BaseModel):
    kind: str
    risk: str
    mitigation: str


ConsentLevel = ConsentNeed


class ConsentNeeded(BaseModel):
    """The opt-in each scope needs where an opt-in framework (GDPR, UK GDPR, PIPEDA) applies."""

    starter: ConsentLevel
    advanced: ConsentLevel


class Initiative(BaseModel):
    """One AI tool category an SMB can adopt."""

    id: str
    name: str
    category: str
    summary: str
    challenge: str = Field(description="The business problem it answers, as a noun phrase for the summary.")
    consent_needed: ConsentNeeded
    provides: list[str] = Field(description="Data-source kinds the initiative's tool adds (KPI measurement).")
    disclosure: str = Field(description="What customers are told about this AI (transparency).")
    oversight: str = Field(description="Who reviews its outputs, and how (human oversight).")
    goals: list[str] = Field(description="Metric ids this initiative moves, strongest first.")
    pain_cues: list[str]
    starter: Scope
    advanced: Scope
    skill_needed: Literal["low", "medium", "high"]
    integrations: list[Integration]
    vendor_maturity: int = Field(ge=1, le=5)
    reach_share: float = Field(gt=0, le=1)
    inherent_risk: int = Field(ge=0, le=3)
    benefit: Benefit
    kpis: list[str]
    journey: list[JourneyTemplate] = Field(min_length=1)
    risks: list[RiskTemplate] = Field(min_length=1)
    triggers: list[str]
    uses_personal_data: bool
    citations: list[SourceRef] = Field(default_factory=list)


class Prerequisite(BaseModel):
    """A foundation step (raises data maturity to ``level``) or the consent step (no level)."""

    id: str
    name: str
    summary: str
    months: int = Field(ge=1)
    level: int | None = Field(None, ge=2, le=4, description="Data maturity the step brings the business to.")
    cost_monthly_usd: tuple[float, float] = (0.0, 0.0)
    provides: list[str] = Field(default_factory=list, description="Data-source kinds the step adds.")
    citations: list[SourceRef] = Field(default_factory=list)


class Catalogue(BaseModel):
    initiatives: list[Initiative]
    prerequisites: list[Prerequisite] = Field(description="Foundation steps by level, lowest first.")
    consent_step: Prerequisite

    def get(self, initiative_id: str) -> Initiative:
        for initiative in self.initiatives:
            if initiative.id == initiative_id:
                return initiative
        raise KeyError(initiative_id)

    @classmethod
    def load(cls, knowledge_dir: Path, resolver: ReferenceResolver) -> Catalogue:
        data: Any = load_curated(knowledge_dir, "initiatives.yaml")
        try:
            initiatives = [
                Initiative.model_validate({**entry, "citations": resolver.resolve_all(entry.get("refs", []))})
                for entry in data["initiatives"]
            ]
            steps = [
                Prerequisite.model_validate(
                    {**entry, "citations": resolver.resolve_all(entry.get("refs", []))}
                )
                for entry in [*data.get("prerequisites", []), data["consent_step"]]
            ]
            return cls(
                initiatives=initiatives,
                prerequisites=sorted(steps[:-1], key=lambda s: s.level or 0),
                consent_step=steps[-1],
            )
        except (ValidationError, KeyError, TypeError) as exc:
            raise ServiceError(f"knowledge/initiatives.yaml is malformed: {exc}") from exc
