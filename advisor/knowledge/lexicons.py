"""Curated lexicons as typed models, loaded once: the tool catalogue, the rubrics that read free text
into levels, and the data-protection frameworks by region. Shared by the understanding layer (which
reads owners' words) and the plan (which scores a profile)."""

from __future__ import annotations

import itertools
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from advisor.knowledge.curated import load_curated

FUZZY_CUTOFF = 88
MAX_FUZZY_WORDS = 200  # misspelt tools are looked for in the first words only (bounded work)


class Tool(BaseModel):
    name: str = Field(description="Canonical tool name (shown in the plan).")
    kind: str = Field(description="Integration kind it satisfies (platform, email, helpdesk, ...).")
    patterns: list[str] = Field(description="Case-insensitive patterns that name it.")

    model_config = ConfigDict(frozen=True)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(self.patterns) + r")\b", re.IGNORECASE)

    @property
    def generic(self) -> bool:
        """'a CRM', 'an email platform': a kind of tool, not a product."""
        return self.name.startswith(("a ", "an "))


class ToolCatalogue(BaseModel):
    tools: list[Tool]

    @classmethod
    def load(cls, knowledge_dir: Path) -> ToolCatalogue:
        return cls.model_validate({"tools": load_curated(knowledge_dir, "tools.yaml")["tools"]})

    @cached_property
    def _fuzzy_names(self) -> dict[str, Tool]:
        """One-word tool names long enough to match a misspelling ("shopfy", "klavio") safely."""
        return {t.name.lower(): t for t in self.tools if re.fullmatch(r"[a-z]{5,}", t.name.lower())}

    def find(self, text: str) -> list[tuple[int, Tool]]:
        """(position, tool) for each tool named in ``text``, misspellings included; a generic mention
        yields to a named tool of its kind."""
        hits: list[tuple[int, Tool]] = []
        for tool in self.tools:
            match = tool.regex.search(text)
            if match:
                hits.append((match.start(), tool))
        found = {t.name for _, t in hits}
        misspelt: Tool | None
        for word in itertools.islice(re.finditer(r"[A-Za-z]{5,}", text), MAX_FUZZY_WORDS):
            misspelt = self._misspelt(word.group(0).lower())
            if misspelt is not None and misspelt.name not in found:
                hits.append((word.start(), misspelt))
                found.add(misspelt.name)
        named_kinds = {t.kind for _, t in hits if not t.generic}
        hits = [(p, t) for p, t in hits if not (t.generic and t.kind in named_kinds)]
        # "Shopify Payments" also matches "Shopify": keep the longer name only where they overlap
        return sorted(hits, key=lambda h: h[0])

    def without(self, text: str) -> str:
        """``text`` with the tools it names blanked out (what is left is not a tool)."""
        for _, tool in self.find(text):
            text = tool.regex.sub(" ", text)
        return text

    def _misspelt(self, word: str) -> Tool | None:
        if word in self._fuzzy_names or word in english_words():
            return None
        best = process.extractOne(word, list(self._fuzzy_names), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._fuzzy_names[best[0]] if best else None


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words (pyspellchecker's frequency list): "stripes" and "magenta" are words, not tools."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker().word_frequency.dictionary)


class MaturityLevel(BaseModel):
    level: int = Field(ge=1, le=4)
    name: str
    plain: str = Field(description="The level in plain words.")
    cues: list[str] = Field(description="Patterns that place a description at this level.")


class MaturityCap(BaseModel):
    cue: str = Field(description="A pattern that caps the level (e.g. 'no CRM').")
    max_level: int = Field(ge=1, le=4)


class DataMaturityRubric(BaseModel):
    levels: list[MaturityLevel]
    caps: list[MaturityCap] = Field(default_factory=list)

    def get(self, level: int) -> MaturityLevel:
        return next(e for e in self.levels if e.level == level)


class TeamLevel(BaseModel):
    level: Literal["low", "medium", "high"]
    cues: list[str]


class TeamRubric(BaseModel):
    levels: list[TeamLevel]


class BudgetTier(BaseModel):
    tier: str
    max_usd: float | None = Field(description="Upper bound of the tier in US dollars a month; None = open.")


class Rubrics(BaseModel):
    """knowledge/rubrics.yaml."""

    data_maturity: DataMaturityRubric
    team: TeamRubric
    budget_tiers: list[BudgetTier]

    @classmethod
    def load(cls, knowledge_dir: Path) -> Rubrics:
        return cls.model_validate(load_curated(knowledge_dir, "rubrics.yaml"))


class Regulation(BaseModel):
    id: str
    name: str
    short: str = Field("", description="How plan text names it ('GDPR', 'the NZ Privacy Act').")
    patterns: list[str] = Field(description="Patterns matching the region names it applies to.")
    obligations: list[str]


class Regulations(BaseModel):
    """knowledge/regulations.yaml."""

    regulations: list[Regulation]
    default_when_unknown: str = Field(description="The framework planned to when no region matches.")

    @classmethod
    def load(cls, knowledge_dir: Path) -> Regulations:
        return cls.model_validate(load_curated(knowledge_dir, "regulations.yaml"))

    def get(self, regulation_id: str) -> Regulation:
        return next(r for r in self.regulations if r.id == regulation_id)

    def short(self, regulation_id: str) -> str:
        """The name plan text uses ("GDPR"); the id in capitals when none is curated."""
        found = next((r for r in self.regulations if r.id == regulation_id), None)
        return found.short if found is not None and found.short else regulation_id.upper()
