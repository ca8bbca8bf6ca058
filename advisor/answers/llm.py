"""The model answerer: a chat model words the answer from retrieved passages; the engine keeps the
facts and citations honest.

Every [n] in the reply is checked against the retrieved set: markers outside it are dropped, and a
sentence is kept only when a marker it carries points at a passage that shares its content words.
Markers are renumbered in order of use and each citation quotes the passage sentence that best supports
the sentences citing it.
"""

from __future__ import annotations

import re
from html import escape

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from advisor.answers.offline import CitationBuilder, Composition
from advisor.errors import ModelError
from advisor.knowledge.units import split_units
from advisor.prompts import load_prompt
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.retrieval.lexical import analyze
from advisor.retrieval.retriever import Hit

_SENTENCE = re.compile(r"(?<=[.!?\]])\s+(?=[A-Z*])")
_MARKER = re.compile(r"\s*\[(\d+)\]")
_PREFIX = re.compile(r"^(\s*(?:[-*]|\d+\.)\s+)")


def _supported(sentence: str, hit: Hit) -> bool:
    terms = set(analyze(_MARKER.sub("", sentence)))
    if not terms:
        return False
    shared = terms & set(analyze(hit.text))
    return len(shared) >= 2 or len(shared) / len(terms) >= 0.3


def _best_quote(hit: Hit, sentences: list[str]) -> str:
    terms = set(analyze(" ".join(sentences)))
    units = [u.text for u in split_units(hit.text)] or [hit.text]
    return max(units, key=lambda u: (len(terms & set(analyze(u))), -units.index(u)))


def ground(reply: str, hits: list[Hit]) -> tuple[Composition, int]:
    """Keep only supported, cited sentences; returns the composition and how many sentences were dropped."""
    kept_lines: list[str] = []
    uses: dict[int, list[str]] = {}
    dropped = 0
    pending: list[tuple[str, list[str], list[list[int]]]] = []
    for raw in reply.strip().split("\n"):
        line = raw.rstrip()
        if not line.strip():
            pending.append(("", [], []))
            continue
        if re.fullmatch(r"\s*(#+ .*|\*\*[^*]+\*\*:?)", line):
            pending.append((line, [], []))
            continue
        prefix_match = _PREFIX.match(line)
        prefix = prefix_match.group(1) if prefix_match else ""
        body = line[len(prefix) :]
        sentences, markers = [], []
        for sentence in _SENTENCE.split(body):
            numbers = [int(m) for m in _MARKER.findall(sentence)]
            valid = sorted({m for m in numbers if 1 <= m <= len(hits) and _supported(sentence, hits[m - 1])})
            if not valid:
                dropped += 1
                continue
            text = _MARKER.sub("", sentence).strip()
            sentences.append(text)
            markers.append(valid)
            for m in valid:
                uses.setdefault(m, []).append(text)
        if sentences:
            pending.append((prefix, sentences, markers))
    if not uses:
        raise ModelError("the model's answer cited none of the retrieved passages")
    builder = CitationBuilder()
    numbering: dict[int, int] = {}
    for prefix, sentences, markers in pending:
        if not sentences:
            kept_lines.append(prefix)
            continue
        parts = []
        for text, valid in zip(sentences, markers, strict=True):
            tags = []
            for m in valid:
                if m not in numbering:
                    hit = hits[m - 1]
                    numbering[m] = builder.cite(
                        hit.chunk_id, hit.source, hit.section, _best_quote(hit, uses[m])
                    )
                tags.append(f"[{numbering[m]}]")
            parts.append(f"{text} {''.join(tags)}")
        kept_lines.append(prefix + " ".join(parts))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept_lines)).strip()
    return Composition(text=text, citations=builder.citations), dropped


class ModelAnswerer:
    def __init__(self, model: BaseChatModel, kb: KnowledgeBase, *, k: int = 6) -> None:
        self.model = model
        self.kb = kb
        self.k = k

    def messages(self, question: str, hits: list[Hit]) -> list[SystemMessage | HumanMessage]:
        passages = "\n".join(
            f'<passage n="{i}" section="{escape(h.section)}">\n{escape(h.text, quote=False)}\n</passage>'
            for i, h in enumerate(hits, start=1)
        )
        user = load_prompt("answer_user").format(question=escape(question, quote=False), passages=passages)
        return [SystemMessage(load_prompt("answer_system")), HumanMessage(user)]

    def compose(self, question: str) -> tuple[Composition, int]:
        hits = self.kb.retrieve(question, self.k)
        try:
            reply = self.model.invoke(self.messages(question, hits))
        except Exception as exc:  # timeouts, connection errors, HTTP errors: the caller falls back
            raise ModelError(f"{type(exc).__name__}: {exc}") from exc
        return ground(str(reply.content), hits)
