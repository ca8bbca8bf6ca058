"""Answers that use the owner's facts: the strategy engine's numbers for this shop.

With a session or a profile, a question about an AI initiative ("should I try dynamic pricing?") gets,
after the corpus's guidance, what the engine computes for this shop: the initiative's STRIVE score and
rank among all candidates, whether its starter scope fits the budget and the team, and which
initiatives the engine would start with instead. "Where do I start?" gets the start itself ("With $300 a
month and no developer on the team, start with ..."). Each sentence cites the STRIVE row or the
initiative's source it rests on.
"""

from __future__ import annotations

from advisor.answers.citing import mark_sentences
from advisor.answers.offline import CitationBuilder, Composition
from advisor.knowledge.references import SourceRef
from advisor.plan.money import Money
from advisor.plan.profile import BusinessProfile
from advisor.strategy.engine import Prioritisation, StrategyEngine
from advisor.strategy.scoring import Candidate, entry_price


def shop_phrase(money: Money, budget: float | None, has_developer: bool) -> str:
    """ "With $300 a month and no developer on the team": the facts a plan for this shop rests on."""
    spend = f"{money.fmt(budget)} a month" if budget else "no budget stated"
    team = "a developer on the team" if has_developer else "no developer on the team"
    return f"With {spend} and {team}"


class PersonalAnswers:
    """The engine's numbers for one shop, as cited answer lines."""

    def __init__(self, engine: StrategyEngine) -> None:
        self.engine = engine

    def _shop(self, p: Prioritisation) -> str:
        return shop_phrase(p.fit.money, p.fit.budget, p.fit.has_developer)

    def start_line(self, profile: BusinessProfile, builder: CitationBuilder) -> str:
        """ "With ..., start with **A** (scope, from $x a month; STRIVE 4.2/5), then **B**." """
        p = self.engine.prioritise(profile)
        chosen = self.engine.select(p)
        first, rest = chosen[0], chosen[1:]
        text = (
            f"{self._shop(p)}, start with **{first.initiative.name}** ({first.scope.scope}; from "
            f"{p.fit.money.fmt_cost(entry_price(first.scope, p.fit))} a month; STRIVE "
            f"{first.strive.weighted_score:g}/5)"
        )
        if rest:
            text += ", then " + " and ".join(f"**{c.initiative.name}**" for c in rest)
        return mark_sentences(text + ".", builder.marker(first.initiative.citations))

    def for_shop(self, profile: BusinessProfile, initiative_id: str, composition: Composition) -> Composition:
        """``composition`` followed by what the engine computes for this initiative and this shop."""
        p = self.engine.prioritise(profile)
        ranked = [c.initiative.id for c in p.candidates]
        if initiative_id not in ranked:
            return composition
        c = p.candidates[ranked.index(initiative_id)]
        chosen = self.engine.select(p)
        builder = CitationBuilder.following(composition.citations)
        _, s_refs = _criterion(c, "S")
        lines = [
            "",
            "**For your shop**",
            "",
            mark_sentences(
                f"{self._shop(p)}, the strategy engine scores {c.initiative.name} "
                f"{c.strive.weighted_score:g}/5 on STRIVE for you ({c.priority.quadrant}, number "
                f"{ranked.index(initiative_id) + 1} of {len(ranked)} candidates).",
                builder.marker(s_refs),
            ),
            "",
        ]
        for code in ("S", "T", "R"):
            text, refs = _criterion(c, code)
            lines.append("- " + mark_sentences(text, builder.marker(refs)))
        if c.initiative.id not in {x.initiative.id for x in chosen}:
            names = " and ".join(f"**{x.initiative.name}**" for x in chosen)
            lines.append(
                "- " + mark_sentences(f"The engine would start with {names} instead.", builder.marker(s_refs))
            )
        return Composition(
            text=composition.text + "\n" + "\n".join(lines),
            citations=builder.citations,
            covered=composition.covered,
        )


def _criterion(c: Candidate, code: str) -> tuple[str, list[SourceRef]]:
    found = next(x for x in c.strive.criteria if x.criterion == code)
    return found.justification, found.citations or c.initiative.citations
