"""A plan from whatever the owner has said so far: always available, status draft, every missing fact a
stated assumption. The confirmed plan replaces it when the interview completes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.plan.checklist import finalize
from advisor.plan.models import Assumption, Plan
from advisor.plan.profile import BusinessProfile
from advisor.strategy.compose import FIELD_LABELS

if TYPE_CHECKING:
    from advisor.strategy.engine import StrategyEngine


def current_plan(
    engine: StrategyEngine,
    profile: BusinessProfile,
    *,
    skipped: list[str],
    not_asked: list[str],
    confirmed: bool = False,
) -> Plan:
    """The plan for the facts known so far.

    ``skipped`` and ``not_asked`` are profile fields the owner said they do not know and fields not yet
    asked; each becomes an assumption unless the plan already states one for it. A ``confirmed`` plan
    (the interview is complete) is final when every check passes; otherwise the plan is a draft.
    """
    plan = engine.build_plan(profile)
    covered = {a.field for a in plan.business_context.assumptions}
    for fields, why in ((skipped, "you skipped it"), (not_asked, "not asked yet")):
        for field in dict.fromkeys(fields):
            if field in covered:
                continue
            label = FIELD_LABELS.get(field, field.replace("_", " ")).lower()
            plan.business_context.assumptions.append(
                Assumption(
                    field=field, statement=f"{label.capitalize()}: {why}; the plan is built without it"
                )
            )
            covered.add(field)
    if confirmed and all(c.passed for c in plan.checklist):
        return finalize(plan)
    return plan
