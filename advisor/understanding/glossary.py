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


# scripts written without spaces between words (Japanese) or with words fused to their particles and
# prefixes (Korean, Arabic, Hebrew): their glossary keys are found as substrings, longest first
_UNSPACED = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_UNSPACED_RUN = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+")
MIN_SUBSTRING = 2  # characters: shorter keys would match inside unrelated words


class Glossary:
    """English glosses of the words of other languages (see the module docstring)."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = {k.lower(): v for k, v in words.items() if k and v}
        self.pieces = {k: v for k, v in self.words.items() if _UNSPACED.match(k) and len(k) >= MIN_SUBSTRING}
        self.longest = max((len(k) for k in self.pieces), default=0)
        self.version = hashlib.sha256(repr(sorted(self.words.items())).encode("utf-8")).hexdigest()[:12]

    @classmethod
    def load(cls, knowledge_dir: Path) -> Glossary:
        if not (knowledge_dir / GLOSSARY_FILE).exists():
            return cls({})
        return cls(GlossaryData.model_validate(load_curated(knowledge_dir, GLOSSARY_FILE)).words)

    def gloss(self, text: str) -> str | None:
        """The message with its known foreign words in English, or None when it reads as English."""
        words = list(_WORD.finditer(text))
        hits = [
            (m.start(), m.end(), self.words[m.group(0).lower()])
            for m in words
            if m.group(0).lower() in self.words
        ]
        for run in _UNSPACED_RUN.finditer(text) if self.pieces else ():
            hits += self._pieces(run.group(0), run.start())
        hits.sort()
        if len(hits) < MIN_WORDS or len(hits) < MIN_SHARE * len(words):
            return None
        out: list[str] = []
        end = 0
        for start, stop, english in hits:
            if start < end:
                continue  # a piece inside a word already glossed
            out += [
                _drop_unspaced(text[end:start]),
                f" {english} " if _UNSPACED.match(text[start]) else english,
            ]
            end = stop
        out.append(_drop_unspaced(text[end:]))
        return re.sub(r" {2,}", " ", "".join(out)).strip()

    def _pieces(self, run: str, offset: int) -> list[tuple[int, int, str]]:
        """Glossary keys inside one run of unspaced script, longest match first, left to right."""
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(run):
            for size in range(min(self.longest, len(run) - i), MIN_SUBSTRING - 1, -1):
                english = self.pieces.get(run[i : i + size])
                if english is not None:
                    found.append((offset + i, offset + i + size, english))
                    i += size
                    break
            else:
                i += 1
        return found

    def reading(self, text: str) -> str:
        """The text the classifiers read: the gloss when there is one, else the text itself."""
        return self.gloss(text) or text


def _drop_unspaced(text: str) -> str:
    """Unglossed Japanese, Korean, Arabic or Hebrew is noise to the English model: a space instead."""
    return _UNSPACED_RUN.sub(" ", text)
