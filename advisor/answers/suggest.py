"""Suggested questions: the corpus's own templates (seed 002's "Suggested Question for Link" and
"Alternative Question") personalised with the owner's facts, plus questions drawn from the plan."""

from __future__ import annotations

import re

from advisor.knowledge.chunking import Chunk
from advisor.plan.goals import SmartGoal
from advisor.plan.normalize import Normalized

_TEMPLATE = re.compile(r"(Suggested Question for Link|Alternative Question):\s*“(?P<q>[^”]+)”")
_EXAMPLE = re.compile(r"\s*[\[(]e\.g\.,\s*‘(?P<ex>[^’]+)’[\])]")


def corpus_templates(chunks: list[Chunk]) -> list[str]:
    """The suggested-question templates as written in the corpus, in corpus order, once each."""
    found: list[str] = []
    for chunk in chunks:
        for match in _TEMPLATE.finditer(chunk.text):
            if match.group("q") not in found:
                found.append(match.group("q"))
    return found


def _gerund(goal: SmartGoal) -> str:
    """'Increase AOV by 15% within 9 months' → 'increasing average order value by 15% within 9 months'."""
    text = goal.restated()
    for verb, ing in (("Increase", "increasing"), ("Reduce", "reducing")):
        if text.startswith(verb + " "):
            return ing + text[len(verb) :]
    return text[:1].lower() + text[1:]


def personalise(template: str, n: Normalized | None) -> str:
    """Replace each bracketed example with the owner's own fact; drop it when the fact is unknown."""
    if n is None:
        return template  # no facts yet: the corpus's own examples show what to fill in
    facts: list[str | None] = []
    if n is not None:
        goal = next((g for g in n.goals if g.metric), None)
        stack = ", ".join(n.profile.tech_stack)
        infra = n.profile.data_maturity if isinstance(n.profile.data_maturity, str) else None
        infra = infra or (f"{n.maturity_plain.lower()}" if n.maturity_provenance.kind != "assumed" else None)
        if infra and stack and stack.lower() not in infra.lower():
            infra = f"{infra}; {stack}"
        facts = [_gerund(goal) if goal else None, infra, n.profile.team]
    examples = list(_EXAMPLE.finditer(template))
    out = template
    # the goal template has one example (the goal); the alternative has two (data, then team)
    slots = [facts[0]] if len(examples) == 1 else facts[1:3]
    for match, fact in zip(
        reversed(examples), reversed(slots + [None] * (len(examples) - len(slots))), strict=False
    ):
        replacement = f" (‘{fact}’)" if fact else ""
        out = out[: match.start()] + replacement + out[match.end() :]
    if facts[0] and len(examples) == 1:
        out = out.replace("SMART business goal of (‘", "SMART business goal of ‘").replace(
            "’), which", "’, which"
        )
    return re.sub(r"\s{2,}", " ", out)


def _lower_first(name: str) -> str:
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def plan_questions(n: Normalized | None, initiative_names: list[str]) -> list[str]:
    """Questions drawn from the plan components, in the owner's terms."""
    questions: list[str] = []
    goal = next((g for g in (n.goals if n else []) if g.metric), None)
    if goal:
        questions.append(f"Which KPIs should track my goal “{goal.restated()}”?")
    elif n is not None:
        questions.append("How do I turn my goal into a SMART goal with a number and a deadline?")
    for name in initiative_names[:2]:
        questions.append(f"How do I measure the ROI of {_lower_first(name)}?")
        questions.append(f"What ethical risks come with {_lower_first(name)} and how do I mitigate them?")
    niche = n.profile.niche if n else None
    questions.append(
        f"Where in the buyer journey should AI help a {niche} store most?"
        if niche
        else "How do I map AI strategies to the buyer journey?"
    )
    if n is None or n.maturity <= 2:
        questions.append("What should a data audit cover before I pilot an AI tool?")
    return questions


def suggested_questions(
    templates: list[str], n: Normalized | None, initiative_names: list[str] | None = None, limit: int = 6
) -> list[str]:
    out = [personalise(t, n) for t in templates] + plan_questions(n, initiative_names or [])
    unique: list[str] = []
    for q in out:
        if q not in unique:
            unique.append(q)
    return unique[:limit]
