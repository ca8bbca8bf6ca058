"""The cue words the value readers use (knowledge/understanding/cues.yaml), loaded once."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated


class Cues(BaseModel):
    """knowledge/understanding/cues.yaml."""

    positions: dict[str, list[str]]
    consent: dict[str, list[str]]
    consent_values: dict[str, str]
    team: dict[str, list[str]]
    tool_not_used: list[str]
    tool_rival_after: list[str] = Field(
        default_factory=list,
        description="Words right after a tool's name that make it a rival, not a tool in use ('Amazon kills us').",
    )
    lead_fillers: list[str]
    generic_business: list[str]
    imperative_verbs: list[str] = Field(default_factory=list, description="Verbs that open a request.")
    chat_words: frozenset[str] = Field(
        default_factory=frozenset, description="Chat words that are neither English words nor tools."
    )
    not_names: frozenset[str] = Field(
        default_factory=frozenset, description="Capitalised words in a list of people that name no one."
    )

    @classmethod
    def load(cls, knowledge_dir: Path) -> Cues:
        data = load_curated(knowledge_dir, "understanding/cues.yaml")
        for key in ("consent", "consent_values"):  # YAML reads unquoted yes/no keys as booleans
            data[key] = {({True: "yes", False: "no"}.get(k, k)): v for k, v in data[key].items()}
        return cls.model_validate(data)

    @cached_property
    def position_res(self) -> dict[str, re.Pattern[str]]:
        return {k: _words(v) for k, v in self.positions.items()}

    @cached_property
    def consent_res(self) -> dict[str, re.Pattern[str]]:
        return {k: _words(v) for k, v in self.consent.items()}

    @cached_property
    def team_res(self) -> dict[str, re.Pattern[str]]:
        return {k: _words(v) for k, v in self.team.items()}

    @cached_property
    def not_used_re(self) -> re.Pattern[str]:
        alternation = "|".join(self.tool_not_used)
        return re.compile(rf"\b(?:{alternation})\s+(?:[\w'-]+\s+){{0,2}}$", re.IGNORECASE)

    @cached_property
    def rival_after_re(self) -> re.Pattern[str]:
        alternation = "|".join(self.tool_rival_after) or r"(?!x)x"
        return re.compile(rf"^[\w.'&-]+(?:\s+[\w.'&-]+){{0,2}}?\s+(?:{alternation})\b", re.IGNORECASE)

    @cached_property
    def team_count_re(self) -> re.Pattern[str]:
        """A number and a role two words apart at most: "2 part-time helpers", "3 of us"."""
        roles = "|".join(f"(?:{r})" for r in self.team["roles"])
        return re.compile(rf"(?<![\d.])(\d{{1,3}})\s+(?:[\w-]+\s+){{0,2}}?(?:{roles})\b", re.IGNORECASE)

    @cached_property
    def filler_re(self) -> re.Pattern[str]:
        alternation = "|".join(sorted(self.lead_fillers, key=len, reverse=True))
        return re.compile(rf"^(?:(?:{alternation})(?=[\s,.!:;]|$)[\s,.!:;]*){{1,4}}", re.IGNORECASE)

    @cached_property
    def imperative_re(self) -> re.Pattern[str]:
        verbs = "|".join(
            sorted((re.escape(v).replace("\\ ", r"\s") for v in self.imperative_verbs), key=len, reverse=True)
        )
        return re.compile(
            r"^\s*(?:(?:ok(?:ay)?|so|now|also|and|then|hey|hi|please|pls|plz|kindly|right|alright|just)\W+)*"
            rf"(?!{_SAID_OF_ONESELF})(?:{verbs})\b(?!\s+(?:is|are|was|were|has|have|'s)\b)",
            re.IGNORECASE,
        )

    def commands(self, text: str) -> bool:
        """Some sentence of ``text`` opens with an imperative verb ("Target recently bereaved people ...")."""
        return bool(self.imperative_verbs) and any(
            self.imperative_re.match(s) for s in re.split(r"(?<=[.!?:;])\s+", text) if s.strip()
        )

    @cached_property
    def generic_re(self) -> re.Pattern[str]:
        return re.compile(r"^(?:" + "|".join(self.generic_business) + r")$", re.IGNORECASE)


# "Don't need AI to set my goals", "never use coupons": the owner's own "I" left out, not an order
_SAID_OF_ONESELF = (
    r"(?:(?:don'?t|do not|never|just|only|always)\s+(?:really\s+)?(?:need|want|wanna|care|like|love|know|have|"
    r"think|see|mind|understand|trust|believe|remember|bother))\b"
    # "fake payment alerts!!" alone names a problem: an adjective, not an order
    r"|fake\s+[\w'-]+(?:\s+[\w'-]+){0,2}[\W_]*$"
)


def _words(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(
        r"(?:" + "|".join(f"(?:{p})" if p.startswith("^") else rf"\b(?:{p})\b" for p in patterns) + ")",
        re.IGNORECASE,
    )
