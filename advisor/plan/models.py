"""The Strategic AI E-commerce Action Plan: six components (seed 003), each field with its provenance."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from advisor.knowledge.references import SourceRef
from advisor.plan.goals import SmartGoal

PLAN_SCHEMA_VERSION = "2"
Criterion = Literal["S", "T", "R", "I", "V", "E"]
CRITERIA: dict[Criterion, str] = {
    "S": "Strategic Fit",
    "T": "Technical Efficacy & Feasibility",
    "R": "ROI & Value",
    "I": "Integration & Interoperability",
    "V": "Vendor Viability & Support",
    "E": "Ethical & Compliance Alignment",
}
Quadrant = Literal["quick win", "big bet", "fill-in", "money pit"]
Horizon = Literal["short_term", "long_term"]
StepKind = Literal["initiative", "advanced", "foundation", "consent"]
ConsentNeed = Literal["none", "marketing", "profiling"]


class Provenance(BaseModel):
    """Where a value came from."""

    kind: Literal["stated", "inferred", "knowledge", "assumed"] = Field(
        description="stated by the owner; inferred by a named rule; from the knowledge base; or an assumption."
    )
    rule: str | None = Field(None, description="The rule or reason for inferred and assumed values.")
    chunk_ids: list[str] = Field(default_factory=list, description="Chunks behind knowledge-based values.")


class Fact(BaseModel):
    """A value and its provenance."""

    value: str | None = Field(description="The value as shown in the plan; None when unknown.")
    provenance: Provenance


class EvidenceItem(BaseModel):
    """One fact as the owner put it (quoted only in the plan's "In your words" appendix)."""

    field: str = Field(description="Profile field.")
    label: str = Field(description="The field in plain words.")
    quote: str = Field(description="The owner's words, verbatim.")
    confidence: float = Field(ge=0, le=1, description="How sure the advisor is it read the fact right.")
    confirmed: bool = Field(description="The owner confirmed it.")


class Assumption(BaseModel):
    """Something the plan assumes because the owner did not say it."""

    field: str = Field(description="Profile field the assumption stands in for.")
    statement: str = Field(description="The assumption in plain words.")


# --- Component 1 --------------------------------------------------------------------------------
class ExecutiveSummary(BaseModel):
    text: str = Field(description="One to two paragraphs: business, challenge, initiatives, expected impact.")
    word_count: int = Field(description="Words in text (read aloud in under 90 seconds means ≤ 200).")
    provenance: Provenance


# --- Component 2 --------------------------------------------------------------------------------
class PlanGoal(BaseModel):
    goal: SmartGoal = Field(description="The goal parsed into SMART parts.")
    smart_statement: str = Field(description="The goal restated in SMART form.")
    kpis: list[str] = Field(min_length=3, max_length=4, description="Three to four KPIs that track it.")
    provenance: Provenance


class Capabilities(BaseModel):
    tech_stack: Fact
    data_maturity: Fact
    data_maturity_level: int = Field(ge=1, le=4, description="Rubric level 1-4 (knowledge/rubrics.yaml).")
    team: Fact
    team_capability: Literal["low", "medium", "high"]
    has_developer: bool = Field(description="A developer, engineer or agency is on the team.")
    max_parallel: int = Field(ge=1, description="Roadmap items the team can run at once.")
    budget: Fact
    budget_monthly: float | None = Field(description="Monthly AI-tool budget in the plan's currency.")
    monthly_revenue: float | None = Field(description="Monthly online revenue in the plan's currency.")
    size: str = Field(description="tiny, small, mid-sized or large (from revenue; assumed small if unknown).")
    data_sources: list[str] = Field(
        description="Data-source kinds the current stack gives (KPI measurement)."
    )


class BusinessContext(BaseModel):
    name: Fact
    niche: Fact
    products: Fact
    audience: Fact
    market_position: Fact
    usp: Fact
    capabilities: Capabilities
    pain_points: list[str] = Field(description="Pain points as stated.")
    regions: Fact
    consent: Fact = Field(description="The consent collected today, read into a level.")
    tracked_kpis: list[str] = Field(default_factory=list, description="KPIs the owner tracks today.")
    goals: list[PlanGoal] = Field(min_length=1, max_length=2, description="One or two SMART goals.")
    assumptions: list[Assumption] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(
        default_factory=list, description="The owner's own words behind each fact (empty for profile files)."
    )


# --- Component 3 --------------------------------------------------------------------------------
class CriterionScore(BaseModel):
    criterion: Criterion
    name: str
    score: int = Field(ge=1, le=5, description="1 (poor) to 5 (excellent), computed by the rubric.")
    justification: str = Field(description="Why, in terms of this business.")
    citations: list[SourceRef] = Field(default_factory=list)


class StriveAnalysis(BaseModel):
    criteria: list[CriterionScore] = Field(min_length=6, max_length=6)
    weights: dict[str, float] = Field(description="Weight of each criterion in the total.")
    weighted_score: float = Field(ge=1, le=5, description="Weighted mean of the six scores.")


class Rice(BaseModel):
    reach: float = Field(
        description="Customers touched per quarter (or per 100 customers when volume is unknown)."
    )
    impact: float = Field(description="0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive.")
    confidence: float = Field(description="0.5, 0.8 or 1.0.")
    effort: float = Field(description="Person-months.")
    score: float


class Ice(BaseModel):
    impact: float = Field(ge=1, le=10)
    confidence: float = Field(ge=1, le=10)
    ease: float = Field(ge=1, le=10)
    score: float = Field(description="impact × confidence × ease.")


class PriorityScores(BaseModel):
    rice: Rice
    ice: Ice
    value: float = Field(description="Value axis 1-5 (mean of Strategic Fit and ROI).")
    effort: float = Field(description="Effort axis 1-5 (from person-months and cost against budget).")
    quadrant: Quadrant


class PlanInitiative(BaseModel):
    id: str
    name: str
    category: str
    scope: str = Field(description="What to build first, sized to this business's maturity.")
    phase: Literal["starter", "advanced"]
    rationale: str
    goals_served: list[str] = Field(description="Metric ids of the plan's goals this initiative moves.")
    main_levers: list[str] = Field(description="The two metric ids it moves most (catalogue order).")
    consent_needed: ConsentNeed = Field(description="Opt-in its scope needs where an opt-in law applies.")
    monthly_cost: float = Field(ge=0, description="Planned tool cost per month at this scope, plan currency.")
    strive: StriveAnalysis
    priority: PriorityScores
    drawbacks: list[str] = Field(description="Honest downsides for this business.")
    citations: list[SourceRef]


# --- Component 4 --------------------------------------------------------------------------------
class JourneyStrategy(BaseModel):
    initiative_id: str
    stage: str = Field(description="Buyer-journey stage.")
    strategy: str
    customer_experience: str
    expected_outcome: str
    goal_link: str = Field(description="The SMART goal this strategy advances, or the metric it supports.")
    goal_number: int | None = Field(description="1-based number of the plan goal it advances; None if none.")
    citations: list[SourceRef] = Field(default_factory=list)


class Range(BaseModel):
    low: float
    high: float


class OpenRange(BaseModel):
    """A range whose ends may be unreached (None), e.g. a payback that does not happen at one estimate."""

    low: float | None
    high: float | None


class RoadmapItem(BaseModel):
    id: str
    name: str
    kind: StepKind
    horizon: Horizon
    start_month: int = Field(ge=1)
    end_month: int = Field(ge=1, description="Last month of work; a tool keeps running (and costing) after.")
    depends_on: list[str] = Field(default_factory=list)
    monthly_cost: float = Field(ge=0, description="Planned tool cost per month from the start month.")
    cost_range: Range = Field(description="What the tool can cost as volume grows (cost currency).")
    provides: list[str] = Field(default_factory=list, description="Data-source kinds this step adds.")
    deferred_reason: str | None = Field(None, description="Why it starts later than it could.")
    rationale: str
    citations: list[SourceRef] = Field(default_factory=list)


class Roadmap(BaseModel):
    short_term: list[RoadmapItem] = Field(description="Wins in 3-6 months.")
    long_term: list[RoadmapItem] = Field(description="Strategic bets over 1-3 years.")
    max_parallel: int = Field(ge=1, description="Items the team runs at once.")
    capacity_note: str
    budget_note: str
    not_scheduled: list[str] = Field(
        default_factory=list,
        description="Advanced scopes left out because the shop cannot fund them yet, and why.",
    )

    @property
    def items(self) -> list[RoadmapItem]:
        return [*self.short_term, *self.long_term]


# --- Component 5 --------------------------------------------------------------------------------
class RoiProjection(BaseModel):
    """ROI ranges from stated figures: pessimistic (low benefit) to optimistic (high benefit)."""

    initiative_id: str
    monthly_cost: float = Field(ge=0, description="Planned tool cost per month (cost currency).")
    launch_months: int = Field(ge=1, description="Months of set-up before benefits start.")
    monthly_benefit: Range | None = Field(
        description="Margin added or cost saved per month; None if revenue unknown."
    )
    roi_12m_pct: Range | None = Field(
        description="Return over the first 12 months; None without revenue or cost."
    )
    payback_months: OpenRange | None = Field(
        description="Months from start until cumulative benefit covers cost; an end is None when it does "
        "not pay back within 36 months at that estimate."
    )
    benefit_per_10k_revenue: Range = Field(description="Monthly benefit per 10,000 of monthly revenue.")
    break_even_revenue: OpenRange | None = Field(
        description="Monthly revenue at which the benefit covers the tool cost (optimistic, pessimistic)."
    )
    assumptions: list[str]


class KpiSource(BaseModel):
    kpi: str
    measured_with: str | None = Field(description="The tool or step that measures it; None if nothing can.")
    from_month: int | None = Field(None, description="Month the source exists from, when it is planned.")
    stated: bool = Field(False, description="The owner tracks it today.")


class Measurement(BaseModel):
    initiative_metrics: dict[str, list[str]]
    kpi_sources: list[KpiSource] = Field(description="Where each goal KPI and initiative metric comes from.")
    roi: list[RoiProjection]
    attribution_method: str
    attribution_limits: str
    data_cadence: str
    review_owner: str
    review_schedule: str
    optimisation_triggers: list[str]
    escalation_criteria: list[str]
    citations: list[SourceRef]


# --- Component 6 --------------------------------------------------------------------------------
class Regulation(BaseModel):
    id: str
    name: str
    why: str = Field(description="The region that brings it in, or the assumption.")
    obligations: list[str]


class InitiativeRisk(BaseModel):
    initiative_id: str
    kind: str = Field(description="bias, privacy, transparency, manipulation, security, deception, ...")
    risk: str
    mitigation: str


class Governance(BaseModel):
    regulations: list[Regulation]
    opt_in_required: list[str] = Field(description="Regulation ids among these that require opt-in.")
    consent_today: ConsentNeed | None = Field(description="Consent collected today; None if not stated.")
    consent: list[str]
    data_minimisation: list[str]
    security: list[str]
    bias_risks: list[InitiativeRisk] = Field(description="Bias risks of this plan's initiatives.")
    other_risks: list[InitiativeRisk] = Field(description="Other risks of this plan's initiatives.")
    transparency: list[str]
    principles: list[str]
    human_oversight: list[str]
    review_cadence: str
    citations: list[SourceRef]


class CheckResult(BaseModel):
    id: str
    question: str
    passed: bool
    reasons: list[str]


class Plan(BaseModel):
    """A Strategic AI E-commerce Action Plan."""

    schema_version: str = PLAN_SCHEMA_VERSION
    status: Literal["draft", "final"] = "draft"
    title: str
    currency: str = Field(description="ISO 4217 code of every amount stated by the owner.")
    cost_currency: str = Field(
        description="Currency of tool costs: the owner's, or USD when no rate is known."
    )
    rates_note: str | None = Field(description="How tool costs were converted (approximate, dated).")
    executive_summary: ExecutiveSummary
    business_context: BusinessContext
    initiatives: list[PlanInitiative] = Field(min_length=2, max_length=3)
    journey: list[JourneyStrategy]
    roadmap: Roadmap
    measurement: Measurement
    governance: Governance
    checklist: list[CheckResult]
    sources: list[SourceRef] = Field(
        description="Every passage the plan's text cites, once, in citation order."
    )
