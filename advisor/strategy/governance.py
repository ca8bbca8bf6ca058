"""Component 6 of the plan: ethical considerations and governance, specific to the chosen initiatives.

Consent is stated per initiative against what the shop collects today (and the consent step of the
roadmap when one is needed); risks, data minimisation, transparency and human oversight are each listed
for every chosen initiative, beside the framework's principles, security baseline and review cadence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.plan.models import Governance, InitiativeRisk, Regulation
from advisor.plan.normalize import Normalized
from advisor.strategy.context import BusinessFit
from advisor.strategy.schedule import Schedule
from advisor.strategy.scoring import Candidate

if TYPE_CHECKING:
    from advisor.strategy.engine import StrategyEngine


def consent_lines(chosen: list[Candidate], fit: BusinessFit, schedule: Schedule) -> list[str]:
    """What each initiative needs in consent, against what the shop collects today."""
    lines = [f"Consent collected today: {fit.rules.consent_plain(fit.consent)}"]
    step = next((i for i in schedule.roadmap.items if i.kind == "consent"), None)
    for c in chosen:
        needed = c.initiative.consent_needed
        need = needed.advanced if c.phase == "advanced" else needed.starter
        if need == "none":
            continue
        line = f"{c.initiative.name}: {need} opt-in before customer data feeds it"
        if fit.needs_consent_step(need) and step:
            line += f" — the consent step (month {step.start_month}) comes first"
        elif not fit.opt_in:
            line += " (recommended; the laws that apply here work on notice and opt-out)"
        else:
            line += " — already covered by the consent you collect"
        lines.append(line)
    if len(lines) == 1:
        lines.append(
            "No initiative in this plan needs opt-in beyond what you collect; add consent before any that does"
        )
    lines.append(
        "A preference centre where customers switch personalisation and marketing off; withdrawals honoured within 48 hours"
    )
    return lines


def compose_governance(
    chosen: list[Candidate],
    n: Normalized,
    fit: BusinessFit,
    schedule: Schedule,
    engine: StrategyEngine,
) -> Governance:
    """The governance component for the chosen initiatives."""
    g = engine.framework["governance"]
    risks = [
        InitiativeRisk(initiative_id=c.initiative.id, kind=r.kind, risk=r.risk, mitigation=r.mitigation)
        for c in chosen
        for r in c.initiative.risks
    ]
    minimisation = [
        f"{c.initiative.name}: only the customer fields its {c.phase} scope uses, deleted when no longer needed"
        for c in chosen
    ]
    transparency = [f"{c.initiative.name}: {c.initiative.disclosure}" for c in chosen]
    transparency.append(
        "The privacy notice names every AI tool in use and the customer data each one receives"
    )
    oversight = [f"{c.initiative.name}: {c.initiative.oversight}" for c in chosen]
    oversight.append(
        "A named person reviews AI outputs at the monthly review and can switch any initiative off"
    )
    return Governance(
        regulations=[
            Regulation(id=r.id, name=r.name, why=r.why, obligations=r.obligations) for r in n.regulations
        ],
        opt_in_required=list(fit.opt_in),
        consent_today=fit.consent,
        consent=consent_lines(chosen, fit, schedule),
        data_minimisation=minimisation,
        security=list(g["security"]),
        bias_risks=[r for r in risks if r.kind == "bias"],
        other_risks=[r for r in risks if r.kind != "bias"],
        transparency=transparency,
        principles=list(g["principles"]),
        human_oversight=oversight,
        review_cadence=g["review_cadence"],
        citations=engine.refs([*g["refs"], g["principles_ref"]]),
    )
