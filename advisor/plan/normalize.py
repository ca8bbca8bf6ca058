"""Free text → levels the engine can score: data maturity (1-4), team capability, budget tier, tools,
regulations. Unknown stays unknown and becomes a stated assumption, never an invented fact."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from advisor.knowledge.lexicons import DataMaturityRubric, Regulations, Rubrics, TeamRubric, ToolCatalogue
from advisor.parsing.places import Gazetteer
from advisor.plan.goals import SmartGoal, parse_goal
from advisor.plan.metrics import MetricLexicon
from advisor.plan.models import Assumption, Provenance
from advisor.plan.money import CurrencyRates, Money
from advisor.plan.profile import BusinessProfile

TeamLevel = Literal["low", "medium", "high"]
DEFAULT_MATURITY = 1
DEFAULT_TEAM: TeamLevel = "low"


@dataclass(frozen=True)
class Tool:
    name: str
    kind: str


@dataclass(frozen=True)
class RegulationMatch:
    id: str
    name: str
    why: str
    obligations: list[str]
    short: str = ""  # how plan text names it ("GDPR", "the NZ Privacy Act")


@dataclass
class Normalized:
    """The profile read into levels, each with how it was obtained."""

    profile: BusinessProfile
    goals: list[SmartGoal]
    maturity: int
    maturity_name: str
    maturity_plain: str
    maturity_provenance: Provenance
    team: TeamLevel
    team_provenance: Provenance
    budget: float | None
    budget_tier: str
    tools: list[Tool]
    regulations: list[RegulationMatch]
    assumptions: list[Assumption] = field(default_factory=list)

    @property
    def tool_kinds(self) -> set[str]:
        return {t.kind for t in self.tools}

    @property
    def platform(self) -> str | None:
        return next((t.name for t in self.tools if t.kind == "platform"), None)

    def text_blob(self) -> str:
        """Everything the owner said, for cue matching."""
        p = self.profile
        parts = [p.niche, p.audience, p.market_position, p.usp, p.team, *p.products, *p.pain_points, *p.goals]
        return " \n ".join(x for x in parts if x)


_NEGATED = re.compile(
    r"\b(no|not|without|don'?t (have|use)|do not (have|use)|never|lack(ing)?|zero)\s+"
    r"(a |an |any |real |proper |dedicated |in-house |separate |actual |central |fancy |single )?(?:[\w-]+ )??"
    r"(crm|[\w-]+)(\s+(system|tool|platform|team|warehouse|analytics|view|scientists?))?",
    re.IGNORECASE,
)


def strip_negated(text: str) -> str:
    """Remove negated mentions ("no CRM", "without a developer") so they do not count as present."""
    return _NEGATED.sub(" ", text)


def _matches(cues: list[str], text: str) -> list[str]:
    found = []
    for cue in cues:
        match = re.search(rf"\b(?:{cue})\b", text, re.IGNORECASE)
        if match:
            found.append(match.group(0))
    return found


def assess_maturity(
    value: str | int | None, stack: list[str], rubric: DataMaturityRubric
) -> tuple[int, Provenance]:
    """Level 1-4 from a stated level or from cues in the description and the tech stack."""
    if isinstance(value, int):
        return value, Provenance(kind="stated", rule=f"stated level {value}")
    text = " ; ".join([value or "", *stack])
    if not text.strip(" ;"):
        return DEFAULT_MATURITY, Provenance(
            kind="assumed", rule="data maturity unknown: assume level 1 (Foundational)"
        )
    level = 0
    evidence: list[str] = []
    positive = strip_negated(text)
    for entry in rubric.levels:
        hits = _matches(entry.cues, positive)
        if hits:
            level = max(level, entry.level)
            evidence.extend(f"'{h}' → level {entry.level}" for h in hits[:2])
    for cap in rubric.caps:
        capped = re.search(cap.cue, text, re.IGNORECASE)
        if capped and level > cap.max_level:
            level = cap.max_level
            evidence.append(f"capped at {cap.max_level} by '{capped.group(0)}'")
        elif capped and level == 0:  # "no CRM" alone: the rubric's Foundational level ("no CRM")
            level = 1
            evidence.append(f"'{capped.group(0)}' → level 1")
    if level == 0:
        return DEFAULT_MATURITY, Provenance(
            kind="assumed",
            rule=f"no data-maturity cue in {text.strip(' ;')!r}: assume level 1 (Foundational)",
        )
    kind: Literal["stated", "inferred"] = "inferred"
    return level, Provenance(kind=kind, rule="data-maturity rubric: " + "; ".join(evidence))


def assess_team(text: str | None, rubric: TeamRubric) -> tuple[TeamLevel, Provenance]:
    if not text:
        return DEFAULT_TEAM, Provenance(
            kind="assumed", rule="team unknown: assume a small team without data skills"
        )
    order: list[TeamLevel] = ["low", "medium", "high"]
    best: TeamLevel | None = None
    evidence: list[str] = []
    positive = strip_negated(text)
    negated_low = _matches(rubric.levels[0].cues, text)
    for entry in rubric.levels:
        hits = _matches(entry.cues, text if entry.level == "low" else positive)
        if entry.level == "low":
            hits = hits or negated_low
        if hits:
            level: TeamLevel = entry.level
            evidence.append(f"'{hits[0]}' → {level}")
            if best is None or order.index(level) > order.index(best):
                best = level
    if best is None:
        return DEFAULT_TEAM, Provenance(kind="assumed", rule=f"no capability cue in {text!r}: assume low")
    return best, Provenance(kind="inferred", rule="team rubric: " + "; ".join(evidence))


def budget_tier(amount_usd: float | None, rubrics: Rubrics) -> str:
    if amount_usd is None:
        return "unknown"
    for tier in rubrics.budget_tiers:
        if tier.max_usd is None or amount_usd <= tier.max_usd:
            return tier.tier
    return "large"


def detect_tools(texts: list[str], catalogue: ToolCatalogue) -> list[Tool]:
    """The tools named in the stack and the data description (negated mentions — "no CRM" — left out)."""
    joined = strip_negated(" ; ".join(texts))
    return [Tool(t.name, t.kind) for _, t in catalogue.find(joined)]


def match_regulations(
    regions: list[str], data: Regulations, places: Gazetteer
) -> tuple[list[RegulationMatch], bool]:
    """Frameworks for the regions; (matches, assumed) — assumed when no region matched. An EU or EEA
    member state counts as the EU (GDPR)."""
    found: list[RegulationMatch] = []
    for reg in data.regulations:
        for region in regions:
            known = places.by_name.get(region.lower())
            names = f"{region} (EU)" if known is not None and known.eu else region
            country = places.country_of(known) if known is not None else None
            if country is not None and country.name != region:
                names += f", {country.name}"  # a state or province: its country's frameworks too
            if any(re.search(p, names, re.IGNORECASE) for p in reg.patterns):
                found.append(
                    RegulationMatch(
                        reg.id,
                        reg.name,
                        f"customers in {region}",
                        reg.obligations,
                        reg.short or reg.id.upper(),
                    )
                )
                break
    if found:
        return found, False
    default = data.get(data.default_when_unknown)
    why = (
        "regions unknown: plan to GDPR, the strictest common standard"
        if not regions
        else (f"no listed framework for {', '.join(regions)}: plan to GDPR as a baseline")
    )
    return [
        RegulationMatch(
            default.id, default.name, why, default.obligations, default.short or default.id.upper()
        )
    ], True


def normalize(profile: BusinessProfile, knowledge_dir: Path) -> Normalized:
    """Read a profile into levels with provenance, and list every assumption made."""
    rubrics = Rubrics.load(knowledge_dir)
    lexicon = MetricLexicon.load(knowledge_dir)
    assumptions: list[Assumption] = []

    goals = [parse_goal(g, lexicon) for g in profile.goals if g.strip()]
    maturity, maturity_prov = assess_maturity(
        profile.data_maturity, profile.tech_stack, rubrics.data_maturity
    )
    level_entry = rubrics.data_maturity.get(maturity)
    if maturity_prov.kind == "assumed":
        assumptions.append(Assumption(field="data_maturity", statement=maturity_prov.rule or ""))
    team, team_prov = assess_team(profile.team, rubrics.team)
    if team_prov.kind == "assumed":
        assumptions.append(Assumption(field="team", statement=team_prov.rule or ""))
    budget_usd = (
        Money.for_currency(profile.currency, CurrencyRates.load(knowledge_dir)).to_usd(profile.budget_monthly)
        if profile.budget_monthly is not None
        else None
    )
    tier = budget_tier(budget_usd if budget_usd is not None else profile.budget_monthly, rubrics)
    if profile.budget_monthly is None:
        assumptions.append(
            Assumption(field="budget_monthly", statement="budget unknown: favour low-cost starter scopes")
        )
    tools = detect_tools(
        [*profile.tech_stack, str(profile.data_maturity or "")], ToolCatalogue.load(knowledge_dir)
    )
    if not any(t.kind == "platform" for t in tools):
        assumptions.append(
            Assumption(
                field="tech_stack",
                statement="store platform unknown: assume a hosted platform with an app store",
            )
        )
    regulations, assumed = match_regulations(
        profile.regions, Regulations.load(knowledge_dir), Gazetteer.load(knowledge_dir)
    )
    if assumed:
        assumptions.append(Assumption(field="regions", statement=regulations[0].why))
    if profile.monthly_revenue is None:
        assumptions.append(
            Assumption(
                field="monthly_revenue",
                statement="monthly revenue unknown: ROI shown per $10,000 of monthly revenue, not in dollars",
            )
        )
    if not goals:
        assumptions.append(
            Assumption(field="goals", statement="no goal stated: a goal is proposed from the pain points")
        )
    for name in ("niche", "audience", "market_position", "usp"):
        if not getattr(profile, name):
            assumptions.append(Assumption(field=name, statement=f"{name.replace('_', ' ')} not stated"))
    return Normalized(
        profile=profile,
        goals=goals,
        maturity=maturity,
        maturity_name=level_entry.name,
        maturity_plain=level_entry.plain,
        maturity_provenance=maturity_prov,
        team=team,
        team_provenance=team_prov,
        budget=profile.budget_monthly,
        budget_tier=tier,
        tools=tools,
        regulations=regulations,
        assumptions=assumptions,
    )
