"""Query normalisation with the owner-vocabulary lexicon (``knowledge/query_lexicon.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from advisor.errors import InputError

LEXICON_FILE = "query_lexicon.yaml"


@dataclass(frozen=True)
class LexiconEntry:
    pattern: re.Pattern[str]
    expand: str


class QueryLexicon:
    """Adds corpus terms to a question that uses everyday words for them."""

    def __init__(self, entries: list[LexiconEntry]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, knowledge_dir: Path) -> QueryLexicon:
        path = knowledge_dir / LEXICON_FILE
        if not path.exists():
            return cls([])
        try:
            data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            entries = [
                LexiconEntry(re.compile(rf"\b(?:{e['pattern']})\b", re.IGNORECASE), str(e["expand"]))
                for e in data.get("entries", [])
            ]
        except (yaml.YAMLError, KeyError, TypeError, re.error) as exc:
            raise InputError(f"{path} is malformed: {exc}") from exc
        return cls(entries)

    def expansions(self, query: str) -> list[str]:
        """Expansion terms for every entry the query matches, in lexicon order, without repeats."""
        seen: list[str] = []
        for entry in self.entries:
            if entry.pattern.search(query) and entry.expand not in seen:
                seen.append(entry.expand)
        return seen

    def expand(self, query: str) -> str:
        extra = self.expansions(query)
        return f"{query} ({'; '.join(extra)})" if extra else query
