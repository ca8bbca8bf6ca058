"""Curated lexicons the value readers use, loaded once into pydantic models: tools, cue words, rubrics."""

from __future__ import annotations

import itertools
import re
from functools import cached_property, lru_cache
from pathlib import Path

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

    def _misspelt(self, word: str) -> Tool | None:
        if word in self._fuzzy_names or word in _english():
            return None
        best = process.extractOne(word, list(self._fuzzy_names), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._fuzzy_names[best[0]] if best else None


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    """English words (pyspellchecker's frequency list): "stripes" and "magenta" are words, not tools."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker().word_frequency.dictionary)


class Cues(BaseModel):
    """knowledge/understanding/cues.yaml."""

    positions: dict[str, list[str]]
    consent: dict[str, list[str]]
    consent_values: dict[str, str]
    team: dict[str, list[str]]
    tool_not_used: list[str]
    lead_fillers: list[str]
    generic_business: list[str]

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
    def team_count_re(self) -> re.Pattern[str]:
        """A number and a role two words apart at most: "2 part-time helpers", "3 of us"."""
        roles = "|".join(f"(?:{r})" for r in self.team["roles"])
        return re.compile(rf"(?<![\d.])(\d{{1,3}})\s+(?:[\w-]+\s+){{0,2}}?(?:{roles})\b", re.IGNORECASE)

    @cached_property
    def filler_re(self) -> re.Pattern[str]:
        alternation = "|".join(sorted(self.lead_fillers, key=len, reverse=True))
        return re.compile(rf"^(?:(?:{alternation})(?=[\s,.!:;]|$)[\s,.!:;]*){{1,4}}", re.IGNORECASE)

    @cached_property
    def generic_re(self) -> re.Pattern[str]:
        return re.compile(r"^(?:" + "|".join(self.generic_business) + r")$", re.IGNORECASE)


def _words(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(
        r"(?:" + "|".join(f"(?:{p})" if p.startswith("^") else rf"\b(?:{p})\b" for p in patterns) + ")",
        re.IGNORECASE,
    )
