"""The strategy engine: score every catalogue initiative for a business, pick 2-3, sequence a roadmap,
and compose the six-component plan. Pure Python and deterministic: the same profile gives the same plan.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from advisor.config import Settings
from advisor.knowledge.curated import load_curated
from advisor.knowledge.references import ReferenceResolver, SourceRef, resolver_for
from advisor.plan.checklist import run_checklist
from advisor.plan.metrics import MetricLexicon
from advisor.plan.models import Plan, PlanInitiative, Roadmap, RoadmapItem
from advisor.plan.normalize import Normalized, normalize
from advisor.plan.profile import BusinessProfile
from advisor.strategy.catalogue import Catalogue
from advisor.strategy.compose import Composer
from advisor.strategy.roi import RoiInputs
from advisor.strategy.scoring import DEFAULT_WEIGHTS, Candidate, score_initiative

MIN_THIRD_SCORE = 3.2  # a third initiative must be this good (weighted STRIVE) to be worth the focus


@dataclass
class Prioritisation:
    """Every candidate initiative scored for one business, best first."""

    normalized: Normalized
    candidates: list[Candidate]
    weights: dict[str, float]


class StrategyEngine:
    """Loads the curated data once; computes prioritisations and plans."""

    def __init__(
        self, knowledge_dir: Path, *, chunk_max_tokens: int = 200, chunk_overlap_tokens: int = 40
    ) -> None:
        self.knowledge_dir = knowledge_dir.resolve()
        self._chunking = (chunk_max_tokens, chunk_overlap_tokens)

    @classmethod
    def from_settings(cls, settings: Settings) -> StrategyEngine:
        return cls(
            settings.knowledge_dir,
            chunk_max_tokens=settings.chunk_max_tokens,
            chunk_overlap_tokens=settings.chunk_overlap_tokens,
        )

    @cached_property
    def resolver(self) -> ReferenceResolver:
        return resolver_for(self.knowledge_dir, *self._chunking)

    @cached_property
    def catalogue(self) -> Catalogue:
        return Catalogue.load(self.knowledge_dir, self.resolver)

    @cached_property
    def framework(self) -> dict[str, Any]:
        data: dict[str, Any] = load_curated(self.knowledge_dir, "plan_framework.yaml")
        return data

    @cached_property
    def lexicon(self) -> MetricLexicon:
        return MetricLexicon.load(self.knowledge_dir)

    def refs(self, refs: list[dict[str, Any]]) -> list[SourceRef]:
        return self.resolver.resolve_all(refs)

    def roi_inputs(self, n: Normalized) -> RoiInputs:
        roi = self.framework["roi"]
        return RoiInputs(
            n.profile.monthly_revenue,
            float(roi["contribution_margin"]),
            float(roi["setup_months_of_cost"]),
        )

    # ----------------------------------------------------------------------------------------
    def prioritise(
        self, profile: BusinessProfile, weights: Mapping[str, float] | None = None
    ) -> Prioritisation:
        """Every catalogue initiative scored, ranked by weighted STRIVE, then RICE, then id."""
        weights = dict(weights or DEFAULT_WEIGHTS)
        n = normalize(profile, self.knowledge_dir)
        criterion_refs = {code: self.refs(entry["refs"]) for code, entry in self.framework["strive"].items()}
        inputs = self.roi_inputs(n)
        candidates = [
            score_initiative(initiative, n, inputs, weights, criterion_refs)
            for initiative in self.catalogue.initiatives
        ]
        candidates.sort(key=lambda c: (-c.strive.weighted_score, -c.priority.rice.score, c.initiative.id))
        return Prioritisation(n, candidates, weights)

    @staticmethod
    def select(p: Prioritisation) -> list[Candidate]:
        """Two or three initiatives: strategically relevant, the first feasible now, within budget."""
        relevant = [c for c in p.candidates if c.score("S") >= 3]
        feasible_first = [c for c in relevant if c.score("T") >= 3]
        chosen: list[Candidate] = feasible_first[:1] or relevant[:1] or p.candidates[:1]
        budget = p.normalized.budget
        for candidate in relevant:
            if len(chosen) == 3:
                break
            if candidate in chosen:
                continue
            if len(chosen) == 2 and candidate.strive.weighted_score < MIN_THIRD_SCORE:
                break
            spend = sum(c.scope.cost_monthly_usd[0] for c in chosen) + candidate.scope.cost_monthly_usd[0]
            if len(chosen) >= 2 and budget is not None and spend > budget:
                continue
            chosen.append(candidate)
        for candidate in p.candidates:  # fewer than two relevant: the best of the rest, said plainly
            if len(chosen) >= 2:
                break
            if candidate not in chosen:
                chosen.append(candidate)
        return chosen

    def roadmap(self, p: Prioritisation, chosen: list[Candidate]) -> Roadmap:
        """Short-term wins (months 1-6) and long-term bets (months 7-36), dependencies first."""
        n = p.normalized
        short: list[RoadmapItem] = []
        long: list[RoadmapItem] = []
        needs_foundation = any(
            c.scope.min_data_maturity > n.maturity or c.initiative.advanced.min_data_maturity > n.maturity
            for c in chosen
        )
        foundation = self.catalogue.prerequisites[0] if self.catalogue.prerequisites else None
        if needs_foundation and foundation:
            short.append(
                RoadmapItem(
                    id=foundation.id, name=foundation.name, horizon="short_term", start_month=1,
                    end_month=foundation.months,
                    rationale=f"{foundation.summary} Your data maturity is {n.maturity} ({n.maturity_name}).",
                )
            )  # fmt: skip
        for candidate in chosen:
            init = candidate.initiative
            blocked = candidate.scope.min_data_maturity > n.maturity
            months = max(2, math.ceil(candidate.priority.rice.effort) + 1)
            start = (foundation.months + 1) if blocked and foundation else 1
            item = RoadmapItem(
                id=init.id, name=f"{init.name}: {candidate.scope.scope}",
                horizon="short_term" if start + months - 1 <= 6 else "long_term",
                start_month=start, end_month=start + months - 1,
                depends_on=[foundation.id] if blocked and foundation else [],
                rationale=f"{candidate.priority.quadrant.capitalize()} (value {candidate.priority.value:g}, "
                f"effort {candidate.priority.effort:g}); STRIVE {candidate.strive.weighted_score:g}/5.",
            )  # fmt: skip
            (short if item.horizon == "short_term" else long).append(item)
            if candidate.phase == "starter":
                depends = [init.id] + (
                    [foundation.id] if foundation and init.advanced.min_data_maturity > n.maturity else []
                )
                long.append(
                    RoadmapItem(
                        id=f"{init.id}:advanced", name=f"{init.name}: {init.advanced.scope}", horizon="long_term",
                        start_month=max(7, item.end_month + 1), end_month=max(7, item.end_month + 1) + 11,
                        depends_on=depends,
                        rationale=f"Needs data maturity {init.advanced.min_data_maturity} and {init.advanced.effort_person_months:g} "
                        "person-months; scale up once the starter scope has proven its KPIs.",
                    )
                )  # fmt: skip
        return Roadmap(short_term=short, long_term=long)

    def build_plan(self, profile: BusinessProfile, weights: Mapping[str, float] | None = None) -> Plan:
        """The full six-component plan for a profile (status draft; see plan.checklist.finalize)."""
        p = self.prioritise(profile, weights)
        chosen = self.select(p)
        composer = Composer(self, p, chosen)
        initiatives = [
            PlanInitiative(
                id=c.initiative.id, name=c.initiative.name, category=c.initiative.category, scope=c.scope.scope,
                phase=c.phase, rationale=composer.rationale(c), goals_served=c.goals_served, strive=c.strive,
                priority=c.priority, drawbacks=c.drawbacks, citations=c.initiative.citations,
            )
            for c in chosen
        ]  # fmt: skip
        roadmap = self.roadmap(p, chosen)
        context = composer.business_context()
        plan = Plan(
            title=f"Strategic AI E-commerce Action Plan — {profile.name or profile.niche or 'your business'}",
            executive_summary=composer.executive_summary(context, roadmap),
            business_context=context,
            initiatives=initiatives,
            journey=composer.journey(context),
            roadmap=roadmap,
            measurement=composer.measurement(),
            governance=composer.governance(),
            checklist=[],
            sources=[],
        )
        plan.checklist = run_checklist(plan, maturity=p.normalized.maturity)
        plan.sources = collect_sources(plan)
        return plan


def collect_sources(plan: Plan) -> list[SourceRef]:
    """Every cited passage once, in order of first citation."""
    seen: dict[tuple[str, str], SourceRef] = {}

    def add(refs: list[SourceRef]) -> None:
        for ref in refs:
            seen.setdefault((ref.chunk_id, ref.quote), ref)

    for initiative in plan.initiatives:
        add(initiative.citations)
        for criterion in initiative.strive.criteria:
            add(criterion.citations)
    for strategy in plan.journey:
        add(strategy.citations)
    add(plan.measurement.citations)
    add(plan.governance.citations)
    return list(seen.values())
