"""Prioritisation questions ("which 2-3 strategies for my goal?") answered with the strategy engine's
computed STRIVE table, the catalogue's citations and the two governance principles to set up first."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from advisor.answers.citing import mark_sentences
from advisor.answers.offline import CitationBuilder, Composition
from advisor.answers.personal import PersonalAnswers
from advisor.plan.profile import BusinessProfile
from advisor.strategy.engine import StrategyEngine

PRIORITISATION = re.compile(
    r"\b(which|what)\b[^.?!]{0,40}\b(ai )?(initiatives?|strateg(y|ies)|projects?|tools?|applications?|use cases?)\b[^.?!]{0,80}"
    r"\b(priorit\w*|first|start|focus|best|top|should i|balance|evaluated using strive|pick|choose|for my)\b"
    r"|\bpriorit(i[sz]e|y|ies)\b[^.?!]{0,60}\bfor (my|our)\b"
    r"|\b(what|where) should (i|we) (start|begin|do first)\b|\btop (2|3|two|three) (ai )?(initiatives|strategies|projects)\b",
    re.IGNORECASE,
)
_GOAL = re.compile(
    r"goal (?:of|is|:)\s*(?:\[e\.g\.,\s*)?[‘'“\"]?(?P<goal>[^’'”\"\]]+?)[’'”\"]?\]?(?:,|\s+which|\?|$)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[‘'“\"]([^’'”\"]{6,200})[’'”\"]")


def is_prioritisation(question: str) -> bool:
    return PRIORITISATION.search(question) is not None


def states_facts(question: str) -> bool:
    """The question itself gives the engine something to score with (a goal, quoted facts)."""
    return _GOAL.search(question) is not None or bool(_QUOTED.search(question))


def profile_from_question(question: str, base: BusinessProfile | None) -> BusinessProfile:
    """The session profile, completed with the goal, data and team facts the question itself states."""
    data: dict[str, Any] = base.model_dump(exclude_none=True) if base else {}
    goal = _GOAL.search(question)
    if goal and not data.get("goals"):
        data["goals"] = [goal.group("goal").strip()]
    quoted = _QUOTED.findall(question)
    infra = re.search(r"data infrastructure\s*\((?:e\.g\.,\s*)?[‘'“\"]([^’'”\"]+)", question, re.IGNORECASE)
    team = re.search(r"team capabilit\w*\s*\((?:e\.g\.,\s*)?[‘'“\"]([^’'”\"]+)", question, re.IGNORECASE)
    if infra and not data.get("data_maturity"):
        data["data_maturity"] = infra.group(1)
    if team and not data.get("team"):
        data["team"] = team.group(1)
    if not data.get("goals") and quoted:
        data["goals"] = [quoted[0]]
    data.setdefault("pain_points", [])
    return BusinessProfile.model_validate(data)


def _principles(engine: StrategyEngine, kinds: list[str]) -> list[dict[str, Any]]:
    config = engine.framework["principles_first"]
    counts = Counter(kinds)
    ranked = sorted(config["by_kind"], key=lambda k: (-counts.get(k, 0), config["order"].index(k)))
    chosen: list[dict[str, Any]] = []
    for kind in ranked:
        entry = config["by_kind"][kind]
        if counts.get(kind) and entry["principle"] not in {c["principle"] for c in chosen}:
            chosen.append(entry)
        if len(chosen) == 2:
            break
    return chosen


def compose_prioritisation(
    question: str,
    engine: StrategyEngine,
    base: BusinessProfile | None,
    personal: PersonalAnswers | None = None,
) -> Composition:
    profile = profile_from_question(question, base)
    p = engine.prioritise(profile)
    chosen = engine.select(p)
    builder = CitationBuilder()
    start = personal.start_line(profile, builder) if personal is not None and base is not None else None
    framework = engine.refs(engine.framework["prioritisation"]["refs"])[0]
    strive_ref = engine.refs(engine.framework["strive"]["S"]["refs"])[0]
    n_framework = builder.cite(framework.chunk_id, framework.source, framework.section, framework.quote)
    n_strive = builder.cite(strive_ref.chunk_id, strive_ref.source, strive_ref.section, strive_ref.quote)
    goal = p.normalized.goals[0].restated() if p.normalized.goals else None
    intro = f"For your goal “{goal}”" if goal else "For the facts you have given so far"
    lines = [start, ""] if start else []
    lines += [
        f"{intro}, the strategy engine scores every candidate with STRIVE and ranks them [{n_strive}][{n_framework}]. "
        f"Your top {len(chosen)}:",
        "",
        "| # | Initiative | Start with | S | T | R | I | V | E | STRIVE | Quadrant | Source |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    numbers = {}
    for c in chosen:
        ref = c.initiative.citations[0]
        numbers[c.initiative.id] = builder.cite(ref.chunk_id, ref.source, ref.section, ref.quote)
    for rank, c in enumerate(chosen, start=1):
        s: dict[str, int] = {x.criterion: x.score for x in c.strive.criteria}
        lines.append(
            f"| {rank} | {c.initiative.name} | {c.scope.scope} | "
            + " | ".join(str(s[k]) for k in "STRIVE")
            + f" | {c.strive.weighted_score:g} | {c.priority.quadrant} | [{numbers[c.initiative.id]}] |"
        )
    lines.append("")
    for c in chosen:
        n = numbers[c.initiative.id]
        why = next(x.justification for x in c.strive.criteria if x.criterion == "S")
        lines.append(f"- **{c.initiative.name}** — {mark_sentences(why, f'[{n}]')}")
    kinds = [r.kind for c in chosen for r in c.initiative.risks]
    principles = _principles(engine, kinds)
    if principles:
        lines += ["", "**Governance principles to establish first**", ""]
        for i, entry in enumerate(principles, start=1):
            ref = engine.resolver.resolve(entry["ref"])
            n = builder.cite(ref.chunk_id, ref.source, ref.section, ref.quote)
            lines.append(f"{i}. **{entry['principle']}** — {mark_sentences(entry['why'], f'[{n}]')}")
    assumed = [
        a.statement
        for a in p.normalized.assumptions
        if a.field in {"data_maturity", "team", "budget_monthly"}
    ]
    if assumed:
        lines += ["", "_Assumed until you tell me: " + "; ".join(assumed) + "._"]
    return Composition(text="\n".join(lines), citations=builder.citations)
