"""The strategy engine: score every catalogue initiative for a business, pick 2-3 that move its goals
within its budget, sequence a roadmap by dependencies, team capacity and budget, and compose the
six-component plan. Pure Python and deterministic: the same profile gives the same plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from advisor.config import Settings
from advisor.knowledge.curated import load_curated
from advisor.knowledge.references import ReferenceResolver, SourceRef, resolver_for
from advisor.plan.checklist import run_checklist
from advisor.plan.citations import cited_places
from advisor.plan.fit import FitRules
from advisor.plan.metrics import MetricLexicon
from advisor.plan.models import Plan, PlanInitiative
from advisor.plan.money import CurrencyRates
from advisor.plan.normalize import Normalized, normalize
from advisor.plan.profile import BusinessProfile
from advisor.strategy.catalogue import Catalogue
from advisor.strategy.compose import Composer, plan_goals
from advisor.strategy.context import BusinessFit
from advisor.strategy.roi import RoiInputs
from advisor.strategy.schedule import Scheduler
from advisor.strategy.scoring import DEFAULT_WEIGHTS, Candidate, entry_price, score_initiative

MIN_THIRD_SCORE = 3.2  # a third initiative must be this good (weighted STRIVE) to be worth the focus


@dataclass
class Prioritisation:
    """Every candidate initiative scored for one business, best first."""

    normalized: Normalized
    fit: BusinessFit
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

    @cached_property
    def fit_rules(self) -> FitRules:
        return FitRules.load(self.knowledge_dir)

    @cached_property
    def rates(self) -> CurrencyRates:
        return CurrencyRates.load(self.knowledge_dir)

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
        fit = BusinessFit.read(n, self.fit_rules, self.rates)
        criterion_refs = {code: self.refs(entry["refs"]) for code, entry in self.framework["strive"].items()}
        inputs = self.roi_inputs(n)
        candidates = [
            score_initiative(initiative, fit, inputs, weights, criterion_refs)
            for initiative in self.catalogue.initiatives
        ]
        candidates.sort(key=lambda c: (-c.strive.weighted_score, -c.priority.rice.score, c.initiative.id))
        return Prioritisation(n, fit, candidates, weights)

    @staticmethod
    def select(p: Prioritisation) -> list[Candidate]:
        """Two or three initiatives tied to the plan's goals, within budget.

        1. The first is feasible now and moves the primary goal with its main lever (the goal's metric
           itself before a metric that drives it).
        2. Every other goal gets an initiative whose main lever moves it, where the catalogue has one.
        3. The owner's stated pain point gets an initiative that answers it, when one is feasible and fits.
        4. The rest by rank, preferring those with a buyer-journey strategy that advances a goal and a
           positive expected return; a third must move a goal with its main lever or answer a pain point.
        Entry prices must fit the budget (what still does not fit is deferred by the roadmap).
        """
        fit, rules = p.fit, p.fit.rules
        goal_metrics = [g.metric for g in plan_goals(p.normalized.goals) if g.metric]

        def levers(c: Candidate) -> list[str]:
            return rules.main_levers(c.initiative.goals)

        def ties(c: Candidate) -> bool:
            """A buyer-journey strategy of the initiative advances a goal (the plan's logical thread)."""
            return not goal_metrics or any(
                rules.moves([t.goal], m) for t in c.initiative.journey for m in goal_metrics
            )

        relevant = [c for c in p.candidates if c.score("S") >= 3]
        feasible = [c for c in relevant if c.score("T") >= 3]
        primary = goal_metrics[0] if goal_metrics else None
        firsts = sorted(
            (c for c in feasible if primary and rules.moves(levers(c), primary)),
            key=lambda c: (not ties(c), primary not in levers(c)),
        )
        tied = [c for c in feasible if ties(c)]
        chosen: list[Candidate] = firsts[:1] or tied[:1] or feasible[:1] or relevant[:1] or p.candidates[:1]
        budget = fit.budget if fit.budget_comparable else None

        def fits(candidate: Candidate) -> bool:
            spend = sum(entry_price(c.scope, fit) for c in chosen) + entry_price(candidate.scope, fit)
            return budget is None or spend <= budget

        def third_worthy(candidate: Candidate) -> bool:
            return ties(candidate) and (
                any(rules.moves(levers(candidate), m) for m in goal_metrics)
                or (bool(candidate.pain_hits) and candidate.score("S") >= 4)
            )

        for metric in goal_metrics:
            if any(rules.moves(levers(c), metric) for c in chosen):
                continue
            movers = sorted(
                (
                    c
                    for c in p.candidates
                    if c not in chosen and c.score("T") >= 2 and rules.moves(levers(c), metric)
                ),
                key=lambda c: (not ties(c), metric not in levers(c)),
            )
            pick = next((c for c in movers if fits(c)), movers[0] if movers else None)
            if pick is not None and len(chosen) < 3:
                chosen.append(pick)
        if len(chosen) < 3 and not any(c.pain_hits for c in chosen):
            # the owner's stated biggest problem gets an initiative when the catalogue has a feasible one
            answering = (
                c for c in p.candidates if c not in chosen and c.pain_hits and c.score("T") >= 2 and ties(c)
            )
            pain_pick = next((c for c in answering if fits(c)), None)
            if pain_pick is not None:
                chosen.append(pain_pick)
        for candidate in sorted(relevant, key=lambda c: (not ties(c), c.score("R") < 3)):
            if len(chosen) == 3:
                break
            if candidate in chosen:
                continue
            if len(chosen) >= 2 and (
                candidate.strive.weighted_score < MIN_THIRD_SCORE or not third_worthy(candidate)
            ):
                continue
            if fits(candidate):
                chosen.append(candidate)
        for candidate in sorted(
            p.candidates, key=lambda c: not ties(c)
        ):  # fewer than two: the best of the rest
            if len(chosen) >= 2:
                break
            if candidate not in chosen:
                chosen.append(candidate)
        return chosen

    def build_plan(self, profile: BusinessProfile, weights: Mapping[str, float] | None = None) -> Plan:
        """The full six-component plan for a profile (status draft; see plan.checklist.finalize)."""
        p = self.prioritise(profile, weights)
        chosen = self.select(p)
        schedule = Scheduler(p.fit, self.catalogue).schedule(chosen)
        composer = Composer(self, p, chosen, schedule)
        rules = self.fit_rules
        initiatives = [
            PlanInitiative(
                id=c.initiative.id, name=c.initiative.name, category=c.initiative.category, scope=c.scope.scope,
                phase=c.phase, rationale=composer.rationale(c), goals_served=c.goals_served,
                main_levers=rules.main_levers(c.initiative.goals),
                consent_needed=c.initiative.consent_needed.advanced if c.phase == "advanced" else c.initiative.consent_needed.starter,
                monthly_cost=schedule.cost(c.initiative.id), strive=c.strive, priority=c.priority,
                drawbacks=composer.drawbacks(c), citations=c.initiative.citations,
            )
            for c in chosen
        ]  # fmt: skip
        context = composer.business_context()
        plan = Plan(
            title=composer.title(),
            currency=p.fit.money.currency,
            cost_currency=p.fit.money.cost_currency,
            rates_note=p.fit.money.rate_note(),
            executive_summary=composer.executive_summary(context),
            business_context=context,
            initiatives=initiatives,
            journey=composer.journey(context),
            roadmap=schedule.roadmap,
            measurement=composer.measurement(context),
            governance=composer.governance(),
            checklist=[],
            sources=[],
        )
        plan.checklist = run_checklist(plan, rules)
        plan.sources = collect_sources(plan)
        return plan


def collect_sources(plan: Plan) -> list[SourceRef]:
    """Every passage the document cites, once, in order of first citation (see plan.citations)."""
    seen: dict[tuple[str, str], SourceRef] = {}
    for refs in cited_places(plan):
        for ref in refs:
            seen.setdefault((ref.chunk_id, ref.quote), ref)
    return list(seen.values())
