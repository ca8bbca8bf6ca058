"""The roadmap: steps sequenced by dependencies, team capacity and budget.

- Steps: a consent step when a chosen scope needs opt-in the shop does not collect yet (where an opt-in
  law applies); only the foundation steps the chosen scopes need (starter needs early, advanced needs
  later); each initiative's starter scope; its advanced scope once the starter has shown three months
  of KPI results.
- Capacity: at most ``max_parallel`` steps run at once (two for a team without a developer).
- Budget: tools keep costing once started. The steps of the first six months share the monthly budget:
  each gets its entry price first (in priority order), then the rest up to the price a shop this size
  pays; a step whose entry price no longer fits is deferred to month 7 and the plan says why.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from advisor.errors import ServiceError
from advisor.knowledge.references import SourceRef
from advisor.plan.models import Range, Roadmap, RoadmapItem, StepKind
from advisor.plan.money import nice, nice_down, nice_up
from advisor.strategy.catalogue import Catalogue, Prerequisite, Scope
from advisor.strategy.context import BusinessFit
from advisor.strategy.scoring import Candidate
from advisor.strategy.wording import join, lower_first

SHORT_TERM_END = 6  # "short-term wins, achievable in 3-6 months"
BUDGETED_UNTIL = 6  # steps starting in these months share today's budget
RESULTS_LAG = 3  # months of KPI results before an advanced scope starts
ADVANCED_BUDGET_MULTIPLE = 3.0  # an advanced scope may cost up to this many times today's budget...
ADVANCED_REVENUE_SHARE = 0.05  # ...and up to this share of monthly revenue, to be planned at all
MAX_MONTHS = 120


@dataclass
class Task:
    id: str
    name: str
    kind: StepKind
    months: int
    cost_usd: tuple[float, float]
    depends_on: list[str]
    rationale: str
    provides: list[str] = field(default_factory=list)
    earliest: int = 1
    lag_after: str | None = None  # start only RESULTS_LAG months after this step ends
    budgeted: bool = False
    cost: float = 0.0
    entry: float = 0.0
    wanted: float = 0.0
    deferred_reason: str | None = None
    start: int = 0
    citations: list[SourceRef] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + self.months - 1


@dataclass
class Schedule:
    roadmap: Roadmap
    tasks: dict[str, Task]

    def launch_months(self, task_id: str) -> int:
        return self.tasks[task_id].months

    def cost(self, task_id: str) -> float:
        return self.tasks[task_id].cost

    def kinds_by_month(self, data_kinds: Iterable[str], month: int) -> dict[str, int]:
        """Data-source kind → first month it exists (0 = today: ``data_kinds``), counting roadmap steps
        that start by ``month``."""
        kinds = dict.fromkeys(data_kinds, 0)
        for item in sorted(self.roadmap.items, key=lambda i: i.start_month):
            if item.start_month <= month:
                for kind in item.provides:
                    kinds.setdefault(kind, item.start_month)
        return kinds


class Scheduler:
    def __init__(self, fit: BusinessFit, catalogue: Catalogue) -> None:
        self.fit = fit
        self.catalogue = catalogue
        self.not_scheduled: list[str] = []

    def _fundable(self, c: Candidate) -> bool:
        """Whether the shop could fund the advanced scope within a few years' growth; if not, say why."""
        fit, money = self.fit, self.fit.money
        if not money.convertible:
            return True
        cost = self._prices(c.initiative.advanced.cost_monthly_usd)[1]
        limits = []
        if fit.budget is not None and cost > ADVANCED_BUDGET_MULTIPLE * fit.budget:
            limits.append(f"{ADVANCED_BUDGET_MULTIPLE:g} times today's {money.fmt(fit.budget)} budget")
        revenue = fit.n.profile.monthly_revenue
        if revenue is not None and cost > ADVANCED_REVENUE_SHARE * revenue:
            limits.append(f"{ADVANCED_REVENUE_SHARE:.0%} of today's {money.fmt(revenue)} monthly revenue")
        if limits:
            self.not_scheduled.append(
                f"{c.initiative.name}: {lower_first(c.initiative.advanced.scope)} — about {money.fmt_cost(cost)} a month, "
                f"more than {' and '.join(limits)}; revisit when the starter scope has paid for itself and the "
                "business has grown"
            )
        return not limits

    # --- steps -----------------------------------------------------------------------------------
    def _prices(self, cost_usd: tuple[float, float]) -> tuple[float, float]:
        """(entry price, price a shop this size pays) in the cost currency."""
        entry = nice_up(self.fit.money.from_usd(cost_usd[0]))
        return entry, max(entry, nice(self.fit.planned_cost(cost_usd)))

    def _foundation(self, level: int) -> list[Prerequisite]:
        """The foundation steps from today's maturity up to ``level``."""
        return [s for s in self.catalogue.prerequisites if s.level and self.fit.n.maturity < s.level <= level]

    def _measurement_needs(self, chosen: list[Candidate]) -> dict[str, list[tuple[str, str]]]:
        """Foundation steps that initiatives need as the data source of a metric nothing else measures:
        step id → (initiative id, metric)."""
        have = set(self.fit.data_kinds) | {k for c in chosen for k in c.initiative.provides}
        needs: dict[str, list[tuple[str, str]]] = {}
        for c in chosen:
            for kpi in c.initiative.kpis:
                kinds = set(self.fit.rules.kpi_kinds(kpi) or [])
                if not kinds or kinds & have:
                    continue
                step = next((s for s in self.catalogue.prerequisites if kinds & set(s.provides)), None)
                if step is not None:
                    needs.setdefault(step.id, []).append((c.initiative.id, kpi))
        return needs

    def _step_task(self, step: Prerequisite, kind: StepKind, rationale: str, depends: list[str]) -> Task:
        return Task(
            step.id, step.name, kind, step.months, step.cost_monthly_usd, depends, rationale,
            list(step.provides), citations=list(step.citations),
        )  # fmt: skip

    def _duration(self, scope: Scope, minimum: int) -> int:
        return max(minimum, math.ceil(scope.effort_person_months * self.fit.effort_factor) + 1)

    def tasks(self, chosen: list[Candidate]) -> list[Task]:
        """Every step in priority order."""
        fit, n = self.fit, self.fit.n
        starters = list(chosen)
        followups = [c for c in chosen if c.phase == "starter" and self._fundable(c)]
        short_need = max(c.scope.min_data_maturity for c in starters)
        long_need = max([c.initiative.advanced.min_data_maturity for c in followups], default=1)
        measuring = self._measurement_needs(starters)
        short_steps = [
            s for s in self.catalogue.prerequisites if s in self._foundation(short_need) or s.id in measuring
        ]
        long_steps = [s for s in self._foundation(long_need) if s not in short_steps]

        def consent_for(c: Candidate, advanced: bool) -> bool:
            need = c.initiative.consent_needed.advanced if advanced else c.initiative.consent_needed.starter
            return fit.needs_consent_step(need)

        short_consent = [c.initiative.name for c in starters if consent_for(c, c.phase == "advanced")]
        long_consent = [c.initiative.name for c in followups if consent_for(c, True)]
        consent_step = self.catalogue.consent_step
        laws = ", ".join(fit.law_names(fit.opt_in))
        today = fit.rules.consent_plain(fit.consent)

        def consent_task(names: list[str]) -> Task:
            why = (
                f"{consent_step.summary} Needed before {join([lower_first(x) for x in names])}: {laws} "
                f"require{'s' if len(fit.opt_in) == 1 else ''} opt-in, and the consent you collect today is: {today}."
            )
            return self._step_task(consent_step, "consent", why, [])

        names = {c.initiative.id: c.initiative.name for c in chosen}

        def foundation_task(step: Prerequisite, steps: list[Prerequisite], users: list[str]) -> Task:
            lower = [s.id for s in steps if (s.level or 0) < (step.level or 0)]
            why = f"{step.summary} Your data maturity is {n.maturity} ({n.maturity_name})"
            if users:
                why += f"; {join(users)} need{'s' if len(users) == 1 else ''} level {step.level}"
            metrics = measuring.get(step.id, [])
            if metrics:
                why += "; it is the data source for " + join(
                    [f"{lower_first(kpi)} ({names[iid]})" for iid, kpi in metrics]
                )
            return self._step_task(step, "foundation", why + ".", lower[-1:])

        def step_for(level: int, steps: list[Prerequisite]) -> list[str]:
            below = [s.id for s in steps if s.level and s.level <= level]
            return below[-1:]

        tasks: list[Task] = []
        if short_consent:
            tasks.append(consent_task(short_consent))
        for step in short_steps:
            users = [
                lower_first(c.initiative.name)
                for c in starters
                if n.maturity < (step.level or 0) <= c.scope.min_data_maturity
            ]
            tasks.append(foundation_task(step, short_steps, users))
        for c in starters:
            init, scope = c.initiative, c.scope
            depends = (
                step_for(scope.min_data_maturity, short_steps) if scope.min_data_maturity > n.maturity else []
            )
            depends += [
                s for s, users in measuring.items() if init.id in {u for u, _ in users} and s not in depends
            ]
            if consent_for(c, c.phase == "advanced"):
                depends.append(consent_step.id)
            p = c.priority
            tasks.append(
                Task(
                    init.id, f"{init.name}: {scope.scope}", "initiative", self._duration(scope, 2),
                    scope.cost_monthly_usd, depends,
                    f"{p.quadrant.capitalize()} (value {p.value:g}, effort {p.effort:g}); STRIVE "
                    f"{c.strive.weighted_score:g}/5.", list(init.provides), budgeted=True,
                )
            )  # fmt: skip
        all_steps = short_steps + long_steps
        for step in long_steps:
            users = [
                lower_first(c.initiative.name) + " (advanced)"
                for c in followups
                if c.initiative.advanced.min_data_maturity >= (step.level or 0)
            ]
            task = foundation_task(step, all_steps, users)
            task.earliest = 4  # after the first quarter: it only has to be ready for the advanced scopes
            tasks.append(task)
        if long_consent and not short_consent:
            tasks.append(consent_task([f"{x} (advanced)" for x in long_consent]))
        for c in followups:
            init, adv = c.initiative, c.initiative.advanced
            depends = [init.id, *step_for(adv.min_data_maturity, all_steps)]
            if consent_for(c, True):
                depends.append(consent_step.id)
            needs_dev = init.skill_needed != "low" and not fit.has_developer
            why = (
                f"Needs data maturity {adv.min_data_maturity} and about {adv.effort_person_months:g} person-months"
                + ("; hire a developer or agency for it" if needs_dev else "")
                + f". Starts after the starter scope has shown {RESULTS_LAG} months of KPI results, as a "
                "go/no-go at the quarterly review."
            )
            tasks.append(
                Task(
                    f"{init.id}:advanced", f"{init.name}: {adv.scope}", "advanced", self._duration(adv, 3),
                    adv.cost_monthly_usd, depends, why, [], earliest=SHORT_TERM_END + 1, lag_after=init.id,
                )
            )  # fmt: skip
        for task in tasks:
            task.entry, task.wanted = self._prices(task.cost_usd)
            task.cost = task.wanted
            # consent, foundation and starter steps may start within six months: they share the budget
            task.budgeted = task.kind != "advanced"
        return tasks

    # --- budget ----------------------------------------------------------------------------------
    def allocate(self, tasks: list[Task]) -> None:
        """Share today's budget among the budgeted steps: entry prices first, then up to the wanted price."""
        fit = self.fit
        if not fit.budget_comparable:
            return
        budgeted = [t for t in tasks if t.budgeted]
        remaining = fit.budget or 0.0
        fitting: list[Task] = []
        money = fit.money
        for task in budgeted:
            if task.entry <= remaining:
                task.cost = task.entry
                remaining -= task.entry
                fitting.append(task)
            else:
                spend = (fit.budget or 0.0) - remaining
                task.deferred_reason = (
                    f"Deferred to month {BUDGETED_UNTIL + 1}: even at its entry price ({money.fmt_cost(task.entry)} a "
                    f"month) it would take tool spend to {money.fmt_cost(spend + task.entry)} a month against your "
                    f"{money.fmt(fit.budget or 0)} budget. Start it after the month-{BUDGETED_UNTIL} review if "
                    "the first initiatives' measured returns fund it."
                )
                task.earliest = BUDGETED_UNTIL + 1
                task.budgeted = False
        for task in fitting:
            extra = min(task.wanted - task.entry, remaining)
            task.cost = max(task.entry, nice_down(task.entry + extra))
            remaining -= task.cost - task.entry

    # --- sequencing ------------------------------------------------------------------------------
    def sequence(self, tasks: list[Task]) -> None:
        """Greedy month-by-month list scheduling by priority, dependencies and capacity."""
        cap = self.fit.max_parallel
        by_id = {t.id: t for t in tasks}
        pending = list(tasks)
        done: list[Task] = []
        ready_since: dict[str, int] = {}
        for month in range(1, MAX_MONTHS + 1):
            running = [t for t in done if t.start <= month <= t.end]
            for task in list(pending):
                deps = [by_id[d] for d in task.depends_on if d in by_id]
                if any(d.start == 0 or d.end >= month for d in deps):
                    continue
                lag = by_id.get(task.lag_after) if task.lag_after else None
                if month < task.earliest or (lag is not None and month <= lag.end + RESULTS_LAG):
                    continue
                ready_since.setdefault(task.id, month)
                if len(running) >= cap:
                    continue
                task.start = month
                running.append(task)
                done.append(task)
                pending.remove(task)
                if (
                    month > ready_since[task.id]
                    and task.deferred_reason is None
                    and task.kind == "initiative"
                ):
                    task.deferred_reason = (
                        f"Starts in month {month}, not month {ready_since[task.id]}: "
                        + (
                            "with no developer on the team, at most "
                            if not self.fit.has_developer
                            else "the team runs at most "
                        )
                        + f"{cap} steps run at once."
                    )
            if not pending:
                return
        raise ServiceError(f"roadmap could not be sequenced within {MAX_MONTHS} months")

    def schedule(self, chosen: list[Candidate]) -> Schedule:
        tasks = self.tasks(chosen)
        self.allocate(tasks)
        self.sequence(tasks)
        items = [self._item(t) for t in sorted(tasks, key=lambda t: (t.start, tasks.index(t)))]
        roadmap = Roadmap(
            short_term=[i for i in items if i.horizon == "short_term"],
            long_term=[i for i in items if i.horizon == "long_term"],
            max_parallel=self.fit.max_parallel,
            capacity_note=self._capacity_note(),
            budget_note=self._budget_note(tasks),
            not_scheduled=self.not_scheduled,
        )
        return Schedule(roadmap, {t.id: t for t in tasks})

    def _item(self, t: Task) -> RoadmapItem:
        money = self.fit.money
        rationale = t.rationale
        if t.budgeted and t.wanted - t.cost >= max(5.0, 0.1 * t.wanted):  # a material saving, not rounding
            rationale += (
                f" Planned at {money.fmt_cost(t.cost)} a month (entry tier) to fit your budget; a shop your "
                f"size typically pays about {money.fmt_cost(t.wanted)}."
            )
        return RoadmapItem(
            id=t.id, name=t.name, kind=t.kind,
            horizon="short_term" if t.end <= SHORT_TERM_END else "long_term",
            start_month=t.start, end_month=t.end, depends_on=t.depends_on, monthly_cost=t.cost,
            cost_range=Range(low=t.entry, high=nice(money.from_usd(t.cost_usd[1]))), provides=t.provides,
            deferred_reason=t.deferred_reason, rationale=rationale, citations=t.citations,
        )  # fmt: skip

    def _capacity_note(self) -> str:
        fit = self.fit
        if fit.has_developer:
            return f"With a developer or agency on the team, up to {fit.max_parallel} steps run at once."
        return (
            f"With no developer on the team, at most {fit.max_parallel} steps run at once; advanced scopes "
            "that need technical skills name where to hire them."
        )

    def _budget_note(self, tasks: list[Task]) -> str:
        fit, money = self.fit, self.fit.money
        early = [t for t in tasks if t.start <= 3]
        spend = sum(t.cost for t in early)
        text = f"Months 1-3: {money.fmt_cost(spend)} a month in tools"
        if fit.budget is None:
            text += " (no budget stated: priced at what a shop your size typically pays)."
        elif not fit.budget_comparable:
            text += f" in US dollars; your {money.fmt(fit.budget)} budget cannot be compared without an exchange rate."
        else:
            text += f" of your {money.fmt(fit.budget)} monthly budget."
        deferred = [t for t in tasks if t.deferred_reason and t.deferred_reason.startswith("Deferred")]
        if deferred:
            text += f" Deferred for budget: {join([t.name.split(':')[0] for t in deferred])}."
        running: dict[str, float] = {}
        for t in sorted(tasks, key=lambda t: t.start):
            running[t.id.removesuffix(":advanced")] = t.cost
        total = sum(running.values())
        if total > spend:
            text += f" Once every step has started, tools cost about {money.fmt_cost(total)} a month"
            if fit.budget_comparable and total > (fit.budget or 0):
                text += (
                    ", above today's budget: each later step is a go/no-go at the quarterly review, funded from "
                    "the measured returns of the steps before it."
                )
            else:
                text += "."
        return text
