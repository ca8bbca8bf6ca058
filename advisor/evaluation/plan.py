"""Plan suite: self-validation checklist pass rate, component completeness, expectations, determinism,
and what a stakeholder checks first: budget and team fit, no sentinel figures, sources by title, the
owner's currency and a PDF that carries the executive summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from advisor.evaluation import load_dataset
from advisor.evaluation.plan_quality import (
    budget_fit,
    currency_used,
    pdf_summary,
    pdf_tools,
    sentinel_figures,
    sources_by_title,
    team_fit,
)
from advisor.knowledge.corpus import read_manifest
from advisor.plan.export import render
from advisor.plan.models import Plan
from advisor.plan.profile import load_profile, parse_profile
from advisor.strategy.engine import StrategyEngine


class PlanCase(BaseModel):
    id: str
    size: str | None = Field(None, description="tiny, small or mid-sized (for reading the results).")
    profile: dict[str, Any] | None = None
    profile_file: str | None = Field(None, description="Path relative to the dataset file.")
    expect: dict[str, Any] = Field(default_factory=dict)


class PlanDataset(BaseModel):
    suite: str = "plan"
    cases: list[PlanCase] = Field(min_length=1)


class PlanCaseResult(BaseModel):
    id: str
    size: str | None = None
    currency: str
    checklist_passed: int
    complete: bool
    deterministic: bool
    budget_fit: bool
    team_fit: bool
    sentinel_free: bool
    sources_by_title: bool
    currency_ok: bool
    pdf_summary: bool | None = Field(None, description="None when pdftotext is not installed.")
    initiatives: list[str]
    failures: list[str]


class PlanMetrics(BaseModel):
    cases: int
    checklist_pass_rate: float = Field(description="Share of the five checks passed, over all plans.")
    component_completeness: float = Field(description="Share of plans with all six components filled.")
    expectation_pass_rate: float = Field(description="Share of plans meeting their case's expectations.")
    determinism: float = Field(description="Share of plans whose JSON is byte-identical when built twice.")
    budget_fit_rate: float = Field(description="Share of plans whose months 1-3 fit the stated budget.")
    team_fit_rate: float = Field(description="Share of plans within team capacity and dependency order.")
    sentinel_free_rate: float = Field(description="Share of plans with no capped or sentinel figure.")
    sources_by_title_rate: float = Field(description="Share of plans listing cited sources by title, linked.")
    currency_rate: float = Field(description="Share of plans in the owner's currency.")
    pdf_summary_rate: float | None = Field(description="Share of PDFs carrying the executive summary.")
    results: list[PlanCaseResult]


def load_plan_dataset(path: Path) -> tuple[PlanDataset, Path]:
    return load_dataset(path, PlanDataset), path.parent


def _complete(plan: Plan) -> bool:
    ctx = plan.business_context
    return bool(
        plan.executive_summary.text
        and ctx.goals
        and all(3 <= len(g.kpis) <= 4 for g in ctx.goals)
        and 2 <= len(plan.initiatives) <= 3
        and all(len(i.strive.criteria) == 6 for i in plan.initiatives)
        and plan.journey
        and plan.measurement.roi
        and (plan.governance.bias_risks or plan.governance.other_risks)
    )


def evaluate_plans(
    dataset: PlanDataset, base_dir: Path, engine: StrategyEngine, *, pdf: bool = True
) -> PlanMetrics:
    results: list[PlanCaseResult] = []
    titles = {spec.title for spec in read_manifest(engine.knowledge_dir).values()}
    pdf = pdf and pdf_tools()
    for case in dataset.cases:
        profile = (
            load_profile(base_dir / case.profile_file)
            if case.profile_file
            else parse_profile(case.profile or {})
        )
        plan = engine.build_plan(profile)
        again = engine.build_plan(profile)
        ids = [i.id for i in plan.initiatives]
        passed = sum(c.passed for c in plan.checklist)
        failures: list[str] = []
        expect = case.expect
        if "final" in expect and (passed == 5) != expect["final"]:
            failures.append(f"checklist {passed}/5 but final expected {expect['final']}")
        if "initiatives_any" in expect and not set(ids) & set(expect["initiatives_any"]):
            failures.append(f"initiatives {ids} miss {expect['initiatives_any']}")
        if "first_any" in expect and ids[0] not in expect["first_any"]:
            failures.append(f"first initiative {ids[0]} not in {expect['first_any']}")
        if expect.get("all_starter") and any(i.phase != "starter" for i in plan.initiatives):
            failures.append("an advanced scope is proposed first")
        quality = {
            "budget": budget_fit(plan),
            "team": team_fit(plan),
            "sentinels": sentinel_figures(plan),
            "sources": sources_by_title(plan, titles),
            "currency": currency_used(plan, profile),
            "pdf": pdf_summary(plan) if pdf else [],
        }
        failures += [f"{kind}: {problem}" for kind, problems in quality.items() for problem in problems]
        results.append(
            PlanCaseResult(
                id=case.id, size=case.size, currency=plan.currency, checklist_passed=passed,
                complete=_complete(plan), deterministic=render(plan, "json") == render(again, "json"),
                budget_fit=not quality["budget"], team_fit=not quality["team"],
                sentinel_free=not quality["sentinels"], sources_by_title=not quality["sources"],
                currency_ok=not quality["currency"], pdf_summary=not quality["pdf"] if pdf else None,
                initiatives=ids, failures=failures,
            )
        )  # fmt: skip
    n = len(results)

    def rate(flag: str) -> float:
        return round(sum(bool(getattr(r, flag)) for r in results) / n, 4)

    return PlanMetrics(
        cases=n,
        checklist_pass_rate=round(sum(r.checklist_passed for r in results) / (5 * n), 4),
        component_completeness=round(sum(r.complete for r in results) / n, 4),
        expectation_pass_rate=round(sum(not r.failures for r in results) / n, 4),
        determinism=round(sum(r.deterministic for r in results) / n, 4),
        budget_fit_rate=rate("budget_fit"),
        team_fit_rate=rate("team_fit"),
        sentinel_free_rate=rate("sentinel_free"),
        sources_by_title_rate=rate("sources_by_title"),
        currency_rate=rate("currency_ok"),
        pdf_summary_rate=rate("pdf_summary") if pdf else None,
        results=results,
    )
