"""A word-by-word English gloss of a message written in another language.

The embedding model (all-MiniLM-L6-v2) reads English: "Escríbelas como si fueran de compradoras
reales" is noise to it, and the harm classifier cannot tell it from small talk. A curated glossary
(``knowledge/understanding/glossary.yaml``) maps common word forms of a few languages to English; a
message in which enough words are glossed is read through its gloss ("write them as if were of buyers
real"). Not a translation: the words the classifiers know, in the owner's order. English messages
(fewer than ``MIN_WORDS`` glossed words, or under ``MIN_SHARE`` of the words) are left as written.
Linear time: one pass over the words, one dictionary lookup each.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel, Field

from advisor.knowledge.curated import load_curated

GLOSSARY_FILE = "understanding/glossary.yaml"
MIN_WORDS = 3  # glossed words a message needs before it is read through its gloss
MIN_SHARE = 0.1  # ... and the share of its words they make up
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class GlossaryData(BaseModel):
    """knowledge/understanding/glossary.yaml."""

    source: str = Field(description="Who wrote the glossary and how.")
    languages: list[str] = Field(description="ISO 639-1 codes of the languages covered.")
    words: dict[str, str] = Field(description="Lower-case word form → its English gloss (1–3 words).")


class Glossary:
    """English glosses of the words of other languages (see the module docstring)."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = {k.lower(): v for k, v in words.items() if k and v}
        self.version = hashlib.sha256(repr(sorted(self.words.items())).encode("utf-8")).hexdigest()[:12]

    @classmethod
    def load(cls, knowledge_dir: Path) -> Glossary:
        if not (knowledge_dir / GLOSSARY_FILE).exists():
            return cls({})
        return cls(GlossaryData.model_validate(load_curated(knowledge_dir, GLOSSARY_FILE)).words)

    def gloss(self, text: str) -> str | None:
        """The message with its known foreign words in English, or None when it reads as English."""
        words = list(_WORD.finditer(text))
        hits = [m for m in words if m.group(0).lower() in self.words]
        if len(hits) < MIN_WORDS or len(hits) < MIN_SHARE * len(words):
            return None
        out: list[str] = []
        end = 0
        for match in hits:
            out += [text[end : match.start()], self.words[match.group(0).lower()]]
            end = match.end()
        out.append(text[end:])
        return "".join(out)

    def reading(self, text: str) -> str:
        """The text the classifiers read: the gloss when there is one, else the text itself."""
        return self.gloss(text) or text
