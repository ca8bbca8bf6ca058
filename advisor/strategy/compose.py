"""Compose the plan's components from computed facts (no generated prose: every sentence is a template
filled with the business's normalised facts, the catalogue and the framework). The owner's own words
appear only where quoted as such (pain points, the "In your words" appendix)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from advisor.plan.goals import SmartGoal, parse_goal
from advisor.plan.models import (
    Assumption,
    BusinessContext,
    Capabilities,
    EvidenceItem,
    ExecutiveSummary,
    Fact,
    Governance,
    JourneyStrategy,
    Measurement,
    PlanGoal,
    Provenance,
    RoiProjection,
)
from advisor.strategy.governance import compose_governance
from advisor.strategy.measurement import compose_measurement
from advisor.strategy.roi import portfolio, project
from advisor.strategy.schedule import Schedule
from advisor.strategy.scoring import Candidate
from advisor.strategy.wording import join, lower_first

if TYPE_CHECKING:
    from advisor.strategy.engine import Prioritisation, StrategyEngine

STATED = Provenance(kind="stated")
POSITIONS = {"premium", "mid-market", "budget", "niche", "luxury", "value"}
FIELD_LABELS = {
    "name": "Business name", "niche": "What you sell", "products": "Products", "audience": "Customers",
    "market_position": "Market position", "usp": "What sets you apart", "goals": "Goals", "kpis": "KPIs tracked",
    "data_maturity": "Data today", "tech_stack": "Tools", "team": "Team", "budget_monthly": "AI budget",
    "monthly_revenue": "Monthly revenue", "pain_points": "Biggest problem", "regions": "Where customers are",
    "consent": "Consent today", "currency": "Currency",
}  # fmt: skip


def _fact(value: str | None, missing_rule: str) -> Fact:
    if value:
        return Fact(value=value, provenance=STATED)
    return Fact(value=None, provenance=Provenance(kind="assumed", rule=missing_rule))


def plan_goals(goals: list[SmartGoal]) -> list[SmartGoal]:
    """The one or two goals a plan anchors on: SMART ones first, in the owner's order."""
    return sorted(goals, key=lambda g: (not g.is_smart, goals.index(g)))[:2]


class Composer:
    def __init__(
        self, engine: StrategyEngine, p: Prioritisation, chosen: list[Candidate], schedule: Schedule
    ) -> None:
        self.engine = engine
        self.fit = p.fit
        self.n = p.normalized
        self.profile = p.normalized.profile
        self.money = p.fit.money
        self.rules = p.fit.rules
        self.chosen = chosen
        self.schedule = schedule
        self.framework: dict[str, Any] = engine.framework
        self.inputs = engine.roi_inputs(self.n)
        self.projections: list[RoiProjection] = [
            project(
                c.initiative, c.scope.scope, schedule.cost(c.initiative.id),
                schedule.launch_months(c.initiative.id), self.inputs, self.money,
            )
            for c in chosen
        ]  # fmt: skip

    # --- title ----------------------------------------------------------------------------------
    def title(self) -> str:
        p = self.profile
        if p.name:
            return f"Strategic AI E-commerce Action Plan — {p.name}"
        if p.niche:
            return f"Strategic AI E-commerce Action Plan — an online {p.niche} business"
        return "Strategic AI E-commerce Action Plan"

    # --- Component 2 --------------------------------------------------------------------------
    def _measurable(self, kpi: str) -> bool:
        kinds = self.rules.kpi_kinds(kpi)
        return bool(kinds) and any(
            k in self.schedule.kinds_by_month(self.fit.data_kinds, 99) for k in kinds or []
        )

    def _kpis_for(self, candidates: list[str], stated: list[str]) -> list[str]:
        """Three or four KPIs: the owner's own first, then those the stack (or the roadmap) can measure."""
        kpis: list[str] = []
        pool = [*stated, *[k for k in candidates if self._measurable(k)], *candidates]
        for kpi in pool:
            if kpi.lower() not in {k.lower() for k in kpis}:
                kpis.append(kpi)
        return kpis[:4]

    def _goals(self) -> list[PlanGoal]:
        lexicon = self.engine.lexicon
        generic = ["Monthly sales revenue", "Site-wide conversion rate", "Average order value (AOV)"]
        parsed = plan_goals(self.n.goals)
        if not parsed:
            metric = lexicon.get(self.chosen[0].initiative.goals[0])
            verb = "Increase" if metric.direction == "increase" else "Reduce"
            goal = parse_goal(f"{verb} {metric.name}", lexicon)
            return [
                PlanGoal(
                    goal=goal,
                    smart_statement=f"{goal.restated()} (proposed: add a number and a deadline)",
                    kpis=self._kpis_for([*metric.kpis, *generic], []),
                    provenance=Provenance(
                        kind="inferred",
                        rule=f"no goal stated: proposed from the top initiative ({self.chosen[0].initiative.name})",
                    ),
                )
            ]
        plan_goals_: list[PlanGoal] = []
        for goal in parsed:
            goal_metric = lexicon.get(goal.metric) if goal.metric else None
            stated = [
                k
                for k in self.profile.kpis
                if goal.metric and any(m.id == goal.metric for m in lexicon.find(k))
            ]
            kpis = self._kpis_for([*(goal_metric.kpis if goal_metric else []), *generic], stated)
            rule = (
                "KPIs: "
                + ("tracked by you, then " if stated else "")
                + f"the standard set for {goal.metric_name or 'revenue'} that your tools can measure"
            )
            plan_goals_.append(
                PlanGoal(
                    goal=goal, smart_statement=goal.restated(), kpis=kpis,
                    provenance=Provenance(kind="stated", rule=rule),
                )
            )  # fmt: skip
        return plan_goals_

    def _assumptions(self) -> list[Assumption]:
        money, fit = self.money, self.fit
        out: list[Assumption] = []
        for a in self.n.assumptions:
            if a.field == "monthly_revenue":
                a = Assumption(
                    field=a.field,
                    statement=f"Monthly revenue not stated: ROI is shown {money.per_10k} of monthly revenue and "
                    f"tool costs are priced for a {fit.size} shop",
                )
            out.append(a)
        if self.profile.consent is None or fit.consent is None:
            out.append(
                Assumption(
                    field="consent",
                    statement="Consent collected today not stated or unclear: assume none, so a consent step "
                    "comes first wherever an opt-in law applies",
                )
            )
        note = money.rate_note()
        if note:
            out.append(Assumption(field="currency", statement=note))
        return out

    def _evidence(self) -> list[EvidenceItem]:
        return [
            EvidenceItem(
                field=name, label=FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), quote=e.quote,
                confidence=e.confidence, confirmed=e.confirmed,
            )
            for name, e in sorted(self.profile.evidence.items(), key=lambda kv: list(FIELD_LABELS).index(kv[0]) if kv[0] in FIELD_LABELS else 99)
            if e.quote.strip()
        ]  # fmt: skip

    def business_context(self) -> BusinessContext:
        p, n, fit, money = self.profile, self.n, self.fit, self.money
        stack = ", ".join(p.tech_stack) if p.tech_stack else None
        budget = (
            f"{money.fmt(p.budget_monthly)} a month ({n.budget_tier} tier)"
            if p.budget_monthly is not None
            else None
        )
        consent_value = f"{fit.rules.consent_plain(fit.consent)}" if fit.consent is not None else None
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
                has_developer=fit.has_developer,
                max_parallel=fit.max_parallel,
                budget=_fact(
                    budget, "budget not stated: tools priced at what a shop this size typically pays"
                ),
                budget_monthly=p.budget_monthly,
                monthly_revenue=p.monthly_revenue,
                size=fit.size + (" (assumed)" if fit.size_assumed else ""),
                data_sources=sorted(fit.data_kinds),
            ),
            pain_points=list(p.pain_points),
            regions=_fact(", ".join(p.regions) or None, n.regulations[0].why),
            consent=_fact(consent_value, "consent collected today not stated: assume none"),
            tracked_kpis=list(p.kpis),
            goals=self._goals(),
            assumptions=self._assumptions(),
            evidence=self._evidence(),
        )

    # --- Component 1 --------------------------------------------------------------------------
    def _introduction(self) -> str:
        p = self.profile
        who = p.name or "This business"
        what = p.niche or (join(p.products[:2]) if p.products else "products")
        sentence = f"{who} sells {what} online"
        if p.audience:
            sentence += f" to {lower_first(p.audience)}"
        position = (p.market_position or "").strip()
        if position.lower() in POSITIONS:
            sentence += f" as a {position.lower()} brand"
        elif position:
            sentence += f", positioned as {lower_first(position)}"
        if p.usp:
            sentence += f"; what sets it apart: {lower_first(p.usp)}"
        return sentence + "."

    def _challenge(self) -> str:
        with_pain = [c for c in self.chosen if c.pain_hits]
        if with_pain:
            return f"Its most pressing challenge is {with_pain[0].initiative.challenge}."
        return f"Its clearest AI opportunity is to tackle {self.chosen[0].initiative.challenge}."

    def _sequence_sentence(self) -> str:
        roadmap = self.schedule.roadmap
        names = {c.initiative.id: lower_first(c.initiative.name) for c in self.chosen}
        first = [names[i.id] for i in roadmap.items if i.id in names and i.start_month <= 3]
        later = [(names[i.id], i.start_month) for i in roadmap.items if i.id in names and i.start_month > 3]
        parts = []
        if first:
            parts.append(f"{join(first)} start{'s' if len(first) == 1 else ''} in months 1-3")
        parts += [f"{name} follows in month {month}" for name, month in later]
        team = "no developer" if not self.fit.has_developer else "a developer or agency"
        text = f"Sequenced for a team with {team} (at most {roadmap.max_parallel} steps at once)"
        needed = {d for i in roadmap.items if i.id in names for d in i.depends_on}
        steps = [i for i in roadmap.items if i.id in needed and i.kind in ("consent", "foundation")]
        if steps:
            text += f", starting with {join([lower_first(i.name.split(':')[0]) for i in steps])}"
        return text + ": " + "; ".join(parts) + "."

    def _impact(self) -> str:
        money, fit = self.money, self.fit
        total = portfolio(self.projections, self.inputs.setup_months_of_cost)
        budget = (
            f", within the {money.fmt(fit.budget)} monthly budget"
            if fit.budget is not None and fit.budget_comparable and total.cost <= fit.budget
            else ""
        )
        if total.benefit is not None:
            text = (
                f"Expected impact at today's {money.fmt(self.profile.monthly_revenue or 0)} monthly revenue: about "
                f"{money.fmt_range(total.benefit.low, total.benefit.high)} a month in added margin and savings once "
                f"live, against {money.fmt_cost(total.cost)} a month in planned tool spend{budget}"
            )
            if total.roi_12m_pct is not None:
                text += f"; 12-month ROI {total.roi_12m_pct.low:g}% to {total.roi_12m_pct.high:g}%"
            return text + " (section 5 gives the assumptions)."
        per10k_low = sum(p.benefit_per_10k_revenue.low for p in self.projections)
        per10k_high = sum(p.benefit_per_10k_revenue.high for p in self.projections)
        return (
            f"Monthly revenue was not stated, so impact is given {money.per_10k} of monthly revenue: "
            f"{money.fmt_range(per10k_low, per10k_high)} a month in added margin and savings, against "
            f"{money.fmt_cost(total.cost)} a month in planned tool spend{budget} (section 5)."
        )

    def executive_summary(self, context: BusinessContext) -> ExecutiveSummary:
        goals = context.goals
        if goals[0].provenance.kind == "inferred":
            anchor = f"No goal was stated, so the plan proposes one: {lower_first(goals[0].smart_statement)}."
        else:
            statements = [lower_first(g.smart_statement) for g in goals]
            anchor = (
                f"The plan anchors on {'one SMART goal' if len(goals) == 1 else 'two SMART goals'}: "
                + "; and ".join(statements)
                + "."
            )
        names = [lower_first(c.initiative.name) for c in self.chosen]
        first = " ".join([self._introduction(), self._challenge(), anchor])
        second = " ".join(
            [
                f"It proposes {len(self.chosen)} AI initiatives: {join(names)}.",
                self._sequence_sentence(),
                self._impact(),
            ]
        )
        text = first + "\n\n" + second
        refs = self.engine.refs(self.framework["executive_summary"]["refs"])
        return ExecutiveSummary(
            text=text,
            word_count=len(re.findall(r"\S+", text)),
            provenance=Provenance(
                kind="inferred", rule="composed from the normalised profile and the computed plan",
                chunk_ids=[r.chunk_id for r in refs],
            ),
        )  # fmt: skip

    def rationale(self, c: Candidate) -> str:
        parts = [c.initiative.summary]
        if c.goals_served:
            names = [self.engine.lexicon.get(m).name for m in c.goals_served]
            parts.append(f"Serves your goal metric{'s' if len(names) > 1 else ''}: {join(names)}.")
        if c.pain_hits:
            parts.append(f"Answers your pain point, in your words: “{c.pain_hits[0]}”.")
        parts.append(
            f"Ranked {c.priority.quadrant} with STRIVE {c.strive.weighted_score:g}/5 and RICE {c.priority.rice.score:g}."
        )
        return " ".join(parts)

    def drawbacks(self, c: Candidate) -> list[str]:
        """The scoring's drawbacks plus what this plan's budget and capacity mean for the initiative."""
        money, fit = self.money, self.fit
        out = list(c.drawbacks)
        task = self.schedule.tasks[c.initiative.id]
        if fit.budget and fit.budget_comparable and task.cost > 0:
            share = task.cost / fit.budget
            if share >= 0.3:
                out.append(
                    f"Cost: {money.fmt_cost(task.cost)} a month takes {share:.0%} of your {money.fmt(fit.budget)} budget"
                )
        if task.deferred_reason:
            out.append(f"Timing: {task.deferred_reason}")
        return out

    # --- Component 4 --------------------------------------------------------------------------
    def journey(self, context: BusinessContext) -> list[JourneyStrategy]:
        goals = [(i, g) for i, g in enumerate(context.goals, start=1) if g.goal.metric]
        experiences: dict[str, str] = self.framework["journey_experiences"]
        strategies: list[JourneyStrategy] = []
        for c in self.chosen:

            def advanced(metric: str) -> tuple[int, str] | None:
                for number, g in goals:
                    if g.goal.metric and (
                        metric == g.goal.metric or self.rules.moves([metric], g.goal.metric)
                    ):
                        return number, g.smart_statement
                return None

            templates = sorted(c.initiative.journey, key=lambda t: advanced(t.goal) is None)[:2]
            for t in templates:
                link = advanced(t.goal)
                metric = self.engine.lexicon.get(t.goal).name
                strategies.append(
                    JourneyStrategy(
                        initiative_id=c.initiative.id, stage=t.stage, strategy=t.strategy,
                        customer_experience=experiences.get(t.stage, "A smoother step in the buyer journey"),
                        expected_outcome=t.outcome,
                        goal_link=f"Goal {link[0]}: {link[1]}" if link else f"Supports {metric} (not a stated goal)",
                        goal_number=link[0] if link else None, citations=c.initiative.citations[:1],
                    )
                )  # fmt: skip
        return strategies

    # --- Components 5 and 6 ------------------------------------------------------------------
    def measurement(self, context: BusinessContext) -> Measurement:
        return compose_measurement(
            context, self.chosen, self.n, self.fit, self.schedule, self.projections, self.engine
        )

    def governance(self) -> Governance:
        return compose_governance(self.chosen, self.n, self.fit, self.schedule, self.engine)
