"""Compose the plan's components from computed facts (no generated prose: every sentence is a template
filled with the business's own facts, the catalogue and the framework)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from advisor.plan.goals import parse_goal
from advisor.plan.models import (
    BusinessContext,
    Capabilities,
    ExecutiveSummary,
    Fact,
    Governance,
    InitiativeRisk,
    JourneyStrategy,
    Measurement,
    PlanGoal,
    Provenance,
    Regulation,
    Roadmap,
)
from advisor.strategy.roi import project
from advisor.strategy.scoring import Candidate

if TYPE_CHECKING:
    from advisor.strategy.engine import Prioritisation, StrategyEngine

STATED = Provenance(kind="stated")


def _fact(value: str | None, missing_rule: str) -> Fact:
    if value:
        return Fact(value=value, provenance=STATED)
    return Fact(value=None, provenance=Provenance(kind="assumed", rule=missing_rule))


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


class Composer:
    def __init__(self, engine: StrategyEngine, p: Prioritisation, chosen: list[Candidate]) -> None:
        self.engine = engine
        self.n = p.normalized
        self.profile = p.normalized.profile
        self.chosen = chosen
        self.framework: dict[str, Any] = engine.framework

    # --- Component 2 --------------------------------------------------------------------------
    def _goals(self) -> list[PlanGoal]:
        lexicon = self.engine.lexicon
        parsed = sorted(self.n.goals, key=lambda g: (not g.is_smart, self.n.goals.index(g)))[:2]
        plan_goals: list[PlanGoal] = []
        if not parsed:
            metric = lexicon.get(self.chosen[0].initiative.goals[0])
            verb = "Increase" if metric.direction == "increase" else "Reduce"
            goal = parse_goal(f"{verb} {metric.name}", lexicon)
            return [
                PlanGoal(
                    goal=goal,
                    smart_statement=f"{goal.restated()} (proposed: add a number and a deadline)",
                    kpis=metric.kpis[:4],
                    provenance=Provenance(
                        kind="inferred",
                        rule=f"no goal stated: proposed from the top initiative ({self.chosen[0].initiative.name})",
                    ),
                )
            ]
        for goal in parsed:
            goal_metric = lexicon.get(goal.metric) if goal.metric else None
            stated = [
                k
                for k in self.profile.kpis
                if goal.metric and any(m.id == goal.metric for m in lexicon.find(k))
            ]
            kpis: list[str] = []
            for kpi in [
                *stated,
                *(goal_metric.kpis if goal_metric else []),
                "Monthly sales revenue",
                "Site-wide conversion rate",
                "Average order value (AOV)",
            ]:
                if kpi.lower() not in {k.lower() for k in kpis}:
                    kpis.append(kpi)
            rule = (
                "KPIs: "
                + ("stated by you, then " if stated else "")
                + f"the standard set for {goal.metric_name or 'revenue'}"
            )
            plan_goals.append(
                PlanGoal(
                    goal=goal,
                    smart_statement=goal.restated(),
                    kpis=kpis[:4],
                    provenance=Provenance(kind="stated", rule=rule),
                )
            )
        return plan_goals

    def business_context(self) -> BusinessContext:
        p, n = self.profile, self.n
        stack = ", ".join(p.tech_stack) if p.tech_stack else None
        budget = (
            f"${p.budget_monthly:,.0f} per month ({n.budget_tier})" if p.budget_monthly is not None else None
        )
        return BusinessContext(
            name=_fact(p.name, "business name not stated"),
            niche=_fact(p.niche, "niche not stated"),
            products=_fact(", ".join(p.products) or None, "products not stated"),
            audience=_fact(p.audience, "audience not stated"),
            market_position=_fact(p.market_position, "market position not stated"),
            usp=_fact(p.usp, "unique selling proposition not stated"),
            capabilities=Capabilities(
                tech_stack=_fact(stack, "tech stack not stated: assume a hosted platform with an app store"),
                data_maturity=Fact(
                    value=f"Level {n.maturity} — {n.maturity_name}: {n.maturity_plain}",
                    provenance=n.maturity_provenance,
                ),
                data_maturity_level=n.maturity,
                team=Fact(value=p.team or f"{n.team} capability (assumed)", provenance=n.team_provenance),
                team_capability=n.team,
                budget=_fact(budget, "budget not stated: favour low-cost starter scopes"),
            ),
            pain_points=list(p.pain_points),
            regions=_fact(", ".join(p.regions) or None, n.regulations[0].why),
            goals=self._goals(),
            assumptions=list(n.assumptions),
        )

    # --- Component 1 --------------------------------------------------------------------------
    def executive_summary(self, context: BusinessContext, roadmap: Roadmap) -> ExecutiveSummary:
        p = self.profile
        who = p.name or "The business"
        what = p.niche or (", ".join(p.products[:2]) if p.products else "products online")
        if re.search(
            r"\b(boutique|shop|store|brand|retailer|reseller|marketplace|business|company|studio|startup)\b",
            what,
            re.I,
        ):
            article = "an" if what[:1].lower() in "aeiou" else "a"
            opening = f"{who} is {article} {what}"
            if p.audience:
                opening += f" serving {_lower_first(p.audience)}"
        else:
            opening = f"{who} sells {what}"
            if p.audience:
                opening += f" to {_lower_first(p.audience)}"
        if p.market_position:
            opening += f", positioned as {_lower_first(p.market_position)}"
        sentences = [opening + "."]
        goal = context.goals[0].smart_statement
        if p.pain_points:
            sentences.append(
                f"Its most pressing challenge is {_lower_first(p.pain_points[0]).rstrip('.')}; the plan anchors on one goal: {_lower_first(goal)}."
            )
        else:
            sentences.append(f"The plan anchors on one goal: {_lower_first(goal)}.")
        names = [_lower_first(c.initiative.name) for c in self.chosen]
        sentences.append(f"It proposes {len(self.chosen)} AI initiatives: {_join(names)}.")
        impact = self._impact_sentence(context)
        if impact:
            sentences.append(impact)
        wins = [_lower_first(i.name.split(":")[0].split(" (")[0]) for i in roadmap.short_term]
        if wins:
            sentences.append(
                f"First six months: {_join(wins)}; larger bets follow once these prove their KPIs."
            )
        text = " ".join(sentences)
        refs = self.engine.refs(self.framework["executive_summary"]["refs"])
        return ExecutiveSummary(
            text=text,
            word_count=len(re.findall(r"\S+", text)),
            provenance=Provenance(
                kind="inferred",
                rule="composed from the profile and the computed plan",
                chunk_ids=[r.chunk_id for r in refs],
            ),
        )

    def _impact_sentence(self, context: BusinessContext) -> str:
        inputs = self.engine.roi_inputs(self.n)
        projections = [project(c.initiative, c.scope, inputs) for c in self.chosen]
        kpis = ", ".join(context.goals[0].kpis[:2]).lower()
        if all(pr.monthly_benefit_usd is not None for pr in projections):
            low = sum(pr.monthly_benefit_usd.low for pr in projections if pr.monthly_benefit_usd)
            high = sum(pr.monthly_benefit_usd.high for pr in projections if pr.monthly_benefit_usd)
            cost_low = sum(pr.monthly_cost_usd.low for pr in projections)
            cost_high = sum(pr.monthly_cost_usd.high for pr in projections)
            return (
                f"Expected impact: an estimated ${low:,.0f}–${high:,.0f} a month in margin and savings against "
                f"${cost_low:,.0f}–${cost_high:,.0f} in tools, tracked through {kpis}."
            )
        return f"Expected impact is tracked through {kpis}; dollar ROI needs your monthly revenue."

    def rationale(self, c: Candidate) -> str:
        parts = [c.initiative.summary]
        if c.goals_served:
            names = [self.engine.lexicon.get(m).name for m in c.goals_served]
            parts.append(f"Serves your goal metric(s): {_join(names)}.")
        if c.pain_hits:
            parts.append(f"Addresses: “{c.pain_hits[0]}”.")
        parts.append(
            f"Ranked {c.priority.quadrant} with STRIVE {c.strive.weighted_score:g}/5 and RICE {c.priority.rice.score:g}."
        )
        return " ".join(parts)

    # --- Component 4 --------------------------------------------------------------------------
    def journey(self, context: BusinessContext) -> list[JourneyStrategy]:
        goals = {g.goal.metric: g.smart_statement for g in context.goals if g.goal.metric}
        primary = context.goals[0].smart_statement
        experiences: dict[str, str] = self.framework["journey_experiences"]
        strategies: list[JourneyStrategy] = []
        for c in self.chosen:
            templates = sorted(c.initiative.journey, key=lambda t: t.goal not in goals)[:2]
            for t in templates:
                link = goals.get(t.goal) or f"{primary} (via {self.engine.lexicon.get(t.goal).name})"
                strategies.append(
                    JourneyStrategy(
                        initiative_id=c.initiative.id, stage=t.stage, strategy=t.strategy,
                        customer_experience=experiences.get(t.stage, "A smoother step in the buyer journey"),
                        expected_outcome=t.outcome, goal_link=link, citations=c.initiative.citations[:1],
                    )
                )  # fmt: skip
        return strategies

    # --- Component 5 --------------------------------------------------------------------------
    def measurement(self) -> Measurement:
        n, inputs = self.n, self.engine.roi_inputs(self.n)
        experiments = [
            c.initiative.name
            for c in self.chosen
            if c.initiative.id
            in {"personalization-engine", "dynamic-pricing", "marketing-automation", "generative-content"}
        ]
        pilots = [c.initiative.name for c in self.chosen if c.initiative.name not in experiments]
        if n.maturity >= 2 and experiments:
            method = f"A/B tests with a holdout control group for {_join(experiments)}"
            method += (
                f"; pre-post comparison against a baseline month for {_join(pilots)}." if pilots else "."
            )
        else:
            method = f"Pre-post comparison against a baseline month for {_join([c.initiative.name for c in self.chosen])} (A/B testing needs analytics you do not have yet)."
        owner = self.profile.name and self.profile.team
        review_owner = (
            "The owner, with authority to pause or change any initiative"
            if n.team == "low"
            else "The owner and the marketing lead jointly, with a named person per initiative"
        )
        if not owner and n.team != "low":
            review_owner = "A named owner per initiative, reporting to the business owner"
        cadence = "KPIs weekly from the store's analytics dashboard; qualitative feedback (customer comments, support notes) monthly"
        if n.maturity == 1:
            cadence = "KPIs monthly from the store's built-in reports (weekly once analytics are set up); customer comments and support notes monthly"
        return Measurement(
            initiative_metrics={c.initiative.id: c.initiative.kpis for c in self.chosen},
            roi=[project(c.initiative, c.scope, inputs) for c in self.chosen],
            attribution_method=method,
            attribution_limits=" ".join(self.framework["measurement"]["attribution_limits"].split()),
            data_cadence=cadence,
            review_owner=review_owner,
            review_schedule="Monthly performance review of every initiative; quarterly strategy review of the roadmap; annual governance review",
            optimisation_triggers=[
                f"{c.initiative.name}: {t}" for c in self.chosen for t in c.initiative.triggers
            ],
            escalation_criteria=list(self.framework["measurement"]["escalation"]),
            citations=self.engine.refs(self.framework["measurement"]["refs"]),
        )

    # --- Component 6 --------------------------------------------------------------------------
    def governance(self) -> Governance:
        g = self.framework["governance"]
        personal = [c.initiative.name for c in self.chosen if c.initiative.uses_personal_data]
        risks = [
            InitiativeRisk(initiative_id=c.initiative.id, kind=r.kind, risk=r.risk, mitigation=r.mitigation)
            for c in self.chosen
            for r in c.initiative.risks
        ]
        consent = (
            [
                f"Clear opt-in before customer data is used for {_join([_lower_first(x) for x in personal])}",
                "A preference centre where customers switch personalisation and marketing off",
                "Withdrawal honoured everywhere within 48 hours",
            ]
            if personal
            else [
                "No initiative in this plan processes personal data beyond orders; keep it that way or add consent first"
            ]
        )
        minimisation = [
            f"{c.initiative.name}: use only the data its scope needs ({c.scope.scope.lower()})"
            for c in self.chosen
        ]
        transparency = [
            f"{c.initiative.name}: {r.mitigation}"
            for c in self.chosen
            for r in c.initiative.risks
            if r.kind == "transparency"
        ]
        transparency.append(
            "Tell customers where AI is used, in plain words (e.g. “Our AI helps find products you'll love”)"
        )
        oversight = [
            f"{c.initiative.name}: {r.mitigation}"
            for c in self.chosen
            for r in c.initiative.risks
            if re.search(r"\b(human|person|review|sign-off|appeal)\b", r.mitigation, re.IGNORECASE)
        ]
        oversight.append("A named person reviews AI outputs monthly and can switch any initiative off")
        return Governance(
            regulations=[
                Regulation(id=r.id, name=r.name, why=r.why, obligations=r.obligations)
                for r in self.n.regulations
            ],
            consent=consent,
            data_minimisation=minimisation,
            security=list(g["security"]),
            bias_risks=[r for r in risks if r.kind == "bias"],
            other_risks=[r for r in risks if r.kind != "bias"],
            transparency=transparency,
            principles=list(g["principles"]),
            human_oversight=oversight,
            review_cadence=g["review_cadence"],
            citations=self.engine.refs([*g["refs"], g["principles_ref"]]),
        )
