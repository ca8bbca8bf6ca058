"""Questions about the owner's own plan, answered from the plan itself.

After the interview the plan is built (advisor/strategy/engine.py) and kept with the session. "Why this
initiative?", "what does it cost?", "what comes first?", "when does it pay back?" are then answered with
the plan's own reasoning and numbers — its initiatives' rationale and STRIVE justifications, the
roadmap's months and costs, the ROI projections — never generic quotes. Every sentence carries the [n]
of a corpus passage the plan itself cites for that part (the initiative's sources, the STRIVE row of
the criterion, the roadmap's and the measurement's references).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from advisor.answers.citing import mark_sentences
from advisor.answers.offline import CitationBuilder, Composition
from advisor.answers.personal import shop_phrase
from advisor.knowledge.references import SourceRef
from advisor.parsing.sentences import split_sentences
from advisor.plan.models import Plan, PlanInitiative, RoiProjection
from advisor.plan.money import Money
from advisor.providers.embeddings import Embedder
from advisor.strategy.engine import StrategyEngine

NAMED_SIMILARITY = 0.3  # a question this close to an initiative names it...
NAMED_MARGIN = 0.04  # ...when it is this much closer than to the next one
WHY_CRITERIA = ("S", "T", "R")  # the criteria that say why: fit, feasibility for the team, value


class PlanAnswers:
    """Composes answers from a built plan (advisor/plan/models.py)."""

    def __init__(self, engine: StrategyEngine, embedder: Embedder) -> None:
        self.engine = engine
        initiatives = engine.catalogue.initiatives
        self._ids = [i.id for i in initiatives]
        texts = [f"{i.name}. {i.category}. {i.summary}" for i in initiatives]
        self._vectors = np.asarray(embedder.embed_documents(texts), dtype=np.float32)

    def named(self, vector: Sequence[float] | np.ndarray, among: Sequence[str] | None = None) -> str | None:
        """The catalogue initiative a question names ("why the chatbot?"), if it clearly names one."""
        keep = [i for i, id_ in enumerate(self._ids) if among is None or id_ in among]
        if not keep:
            return None
        sims = self._vectors[keep] @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-sims)
        best = float(sims[order[0]])
        runner_up = float(sims[order[1]]) if len(order) > 1 else -1.0
        if best >= NAMED_SIMILARITY and best - runner_up >= NAMED_MARGIN:
            return self._ids[keep[int(order[0])]]
        return None

    def answer(self, plan: Plan, aspect: str, vector: Sequence[float] | np.ndarray) -> Composition:
        """The plan's answer for one aspect: why, cost, order, roi or overview."""
        named = self.named(vector)
        in_plan = {i.id: i for i in plan.initiatives}
        builder = CitationBuilder()
        writer = _Writer(plan, builder)
        if aspect == "why":
            if named is not None and named not in in_plan:
                writer.why_not(named, self.engine.catalogue.get(named).name)
            else:
                target = in_plan.get(named or "") or plan.initiatives[0]
                writer.why(target)
        elif aspect == "cost":
            writer.cost(in_plan.get(named or ""))
        elif aspect == "order":
            writer.order()
        elif aspect == "roi":
            writer.roi(in_plan.get(named or ""))
        else:
            writer.overview()
        return Composition(text="\n".join(writer.lines).strip(), citations=builder.citations)


class _Writer:
    """Lines of a plan answer, each sentence with the marker of the passage behind it."""

    def __init__(self, plan: Plan, builder: CitationBuilder) -> None:
        self.plan = plan
        self.builder = builder
        self.money = Money.for_plan(plan.currency, plan.cost_currency)
        self.lines: list[str] = []
        self._framework = plan.sources[0] if plan.sources else None

    # --- markers ------------------------------------------------------------------------------
    def mark(self, refs: Sequence[SourceRef]) -> str:
        return self.builder.marker(list(refs) or ([self._framework] if self._framework else []))

    def say(self, text: str, refs: Sequence[SourceRef], prefix: str = "") -> None:
        marker = self.mark(refs)
        self.lines.append(prefix + (mark_sentences(text, marker) if marker else text))

    def criterion(self, initiative: PlanInitiative, code: str) -> tuple[str, list[SourceRef], int]:
        c = next(c for c in initiative.strive.criteria if c.criterion == code)
        return c.justification, c.citations, c.score

    def shop(self) -> str:
        """ "With $300 a month and no developer on the team" — the owner's facts the plan rests on."""
        caps = self.plan.business_context.capabilities
        return shop_phrase(self.money, caps.budget_monthly, caps.has_developer)

    # --- aspects ------------------------------------------------------------------------------
    def why(self, i: PlanInitiative) -> None:
        rank = [x.id for x in self.plan.initiatives].index(i.id) + 1
        _, t_refs, _ = self.criterion(i, "T")
        self.say(
            f"{self.shop()}, your plan puts **{i.name}** {_ordinal(rank)} "
            f"(STRIVE {i.strive.weighted_score:g}/5, a {i.priority.quadrant}).",
            t_refs,
        )
        self.lines.append("")
        self.say(i.rationale, i.citations)
        self.lines += ["", "**How it scored for your shop**", ""]
        for code in WHY_CRITERIA:
            text, refs, score = self.criterion(i, code)
            name = next(c.name for c in i.strive.criteria if c.criterion == code)
            self.say(f"{name} {score}/5: {text}", refs, prefix="- ")
        self._costs_line(i)
        if i.drawbacks:
            self.lines += ["", "**Watch out for**", ""]
            for drawback in i.drawbacks[:3]:
                self.say(drawback, i.citations[-1:], prefix="- ")

    def why_not(self, initiative_id: str, name: str) -> None:
        chosen = ", ".join(f"**{i.name}**" for i in self.plan.initiatives)
        first = self.plan.initiatives[0]
        _, s_refs, _ = self.criterion(first, "S")
        self.say(
            f"{self.shop()}, the strategy engine ranked {chosen} above {name} for your goals, so {name} is "
            "not in your plan.",
            s_refs,
        )
        left_out = [x for x in self.plan.roadmap.not_scheduled if x.lower().startswith(name.lower())]
        for reason in left_out:
            self.say(reason, first.citations[:1], prefix="- ")

    def _costs_line(self, i: PlanInitiative) -> None:
        _, r_refs, _ = self.criterion(i, "R")
        item = next((x for x in self.plan.roadmap.items if x.id == i.id), None)
        when = f" from month {item.start_month}" if item is not None else ""
        self.say(
            f"It is planned at {self.money.fmt_cost(i.monthly_cost)} a month{when} ({i.scope}).",
            r_refs,
            prefix="- ",
        )

    def cost(self, only: PlanInitiative | None) -> None:
        roadmap = self.plan.roadmap
        refs = self._r_refs()
        self.say(f"{self.shop()}: {roadmap.budget_note}", refs)
        self.lines.append("")
        for item in roadmap.items:
            if only is not None and item.id != only.id:
                continue
            if item.monthly_cost <= 0:
                continue
            self.say(
                f"**{_short(item.name, item.kind)}**: {self.money.fmt_cost(item.monthly_cost)} a month from month "
                f"{item.start_month}.",
                item.citations or refs,
                prefix="- ",
            )
        if roadmap.not_scheduled and only is None:
            self.lines += ["", "**Not scheduled yet**", ""]
            for reason in roadmap.not_scheduled:
                self.say(reason, refs, prefix="- ")

    def order(self) -> None:
        roadmap = self.plan.roadmap
        prio = [r for r in self.plan.sources if r.section == "Prioritizing AI Projects"] or self.plan.sources
        self.say(f"{self.shop()}, your roadmap runs in this order. {roadmap.capacity_note}", prio[:1])
        self.lines.append("")
        items = sorted(roadmap.items, key=lambda x: (x.start_month, x.end_month))
        for n, item in enumerate(items, start=1):
            months = (
                f"month {item.start_month}"
                if item.start_month == item.end_month
                else f"months {item.start_month}–{item.end_month}"
            )
            reason = item.deferred_reason or _first_sentence(item.rationale)
            self.say(
                f"**{_short(item.name, item.kind)}** ({months}): {reason}",
                item.citations or prio[:1],
                prefix=f"{n}. ",
            )

    def roi(self, only: PlanInitiative | None) -> None:
        refs = self.plan.measurement.citations
        names = {i.id: i.name for i in self.plan.initiatives}
        self.say(
            f"{self.shop()}, the plan projects these returns from your own figures; they are planning ranges "
            f"to check with the pilot, not forecasts. Attribution: {self.plan.measurement.attribution_method}",
            refs,
        )
        self.lines.append("")
        for projection in self.plan.measurement.roi:
            if only is not None and projection.initiative_id != only.id:
                continue
            self.say(
                f"**{names.get(projection.initiative_id, projection.initiative_id)}**: {self._roi(projection)}",
                refs,
                prefix="- ",
            )
        goals = self.plan.business_context.goals
        if goals:
            self.lines += ["", "**KPIs your plan tracks**", ""]
            for goal in goals:
                self.say(f"{goal.smart_statement}: {', '.join(goal.kpis)}.", refs[-1:], prefix="- ")

    def _roi(self, p: RoiProjection) -> str:
        m = self.money
        if p.roi_12m_pct is not None:
            text = f"{p.roi_12m_pct.low:.0f}% to {p.roi_12m_pct.high:.0f}% return over the first 12 months"
            if p.payback_months is not None and p.payback_months.low is not None:
                text += f", paying back after about {p.payback_months.low:.0f} months"
            return text + "."
        text = (
            f"{m.fmt_range(p.benefit_per_10k_revenue.low, p.benefit_per_10k_revenue.high)} a month {m.per_10k} "
            f"of monthly revenue, against {m.fmt_cost(p.monthly_cost)} a month in tools"
        )
        if p.break_even_revenue is not None and p.break_even_revenue.low is not None:
            text += f"; it pays for itself from about {m.fmt(p.break_even_revenue.low)} of monthly revenue"
        return text + "."

    def overview(self) -> None:
        plan = self.plan
        passed = sum(c.passed for c in plan.checklist)
        first = plan.initiatives[0]
        self.say(
            f"Your plan is {plan.status}: {len(plan.initiatives)} initiatives, and {passed} of "
            f"{len(plan.checklist)} checklist questions pass.",
            first.citations[:1],
        )
        self.lines.append("")
        for i in plan.initiatives:
            self.say(
                f"**{i.name}** ({i.scope}): STRIVE {i.strive.weighted_score:g}/5, a {i.priority.quadrant}, "
                f"{self.money.fmt_cost(i.monthly_cost)} a month.",
                i.citations,
                prefix="- ",
            )
        risks = [*plan.governance.bias_risks, *plan.governance.other_risks][:3]
        if risks:
            self.lines += ["", "**Risks it names**", ""]
            for risk in risks:
                self.say(f"{risk.risk} — {risk.mitigation}", plan.governance.citations, prefix="- ")

    def _r_refs(self) -> list[SourceRef]:
        first = self.plan.initiatives[0]
        return self.criterion(first, "R")[1] or first.citations


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"number {n}")


def _short(name: str, kind: str = "") -> str:
    """A roadmap item's name without its scope ("AI personalisation engine: Recommendation widgets ...")."""
    short = name.split(":", 1)[0]
    return f"{short}, advanced scope" if kind == "advanced" else short


def _first_sentence(text: str) -> str:
    spans = split_sentences(text)
    return spans[0].text if spans else text
