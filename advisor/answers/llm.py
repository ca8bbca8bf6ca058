"""The model answerer: a chat model words the answer from the passages the offline engine selected;
the engine keeps the facts and citations honest.

The passages are the sentences (or whole list items) the ranker and the type-aware composer picked,
numbered; the prompt says what shape the question's type wants. The reply streams: each token goes to
``on_delta`` as it arrives, with any [n] outside the passages dropped on the way. When the reply is
complete, every [n] is checked again: markers outside the set are dropped, and a sentence is kept only
when a marker it carries points at a passage that shares its content words. Markers are renumbered in
order of use and each citation quotes the passage that supports the sentences citing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from advisor.answers.citing import MARKER, cited_sentences
from advisor.answers.offline import CitationBuilder, Composition
from advisor.answers.streaming import Delta
from advisor.errors import ModelError
from advisor.knowledge.units import split_units
from advisor.prompts import load_prompt
from advisor.retrieval.lexical import analyze
from advisor.retrieval.retriever import Hit

_PREFIX = re.compile(r"^(\s*(?:[-*]|\d+\.)\s+)")
SHAPES = {
    "definition": "Say what it is in one sentence, then name its parts.",
    "list": "Give the whole list the passages contain, one bullet per item.",
    "how_to": "Give the steps in order as a numbered list.",
    "decision": "Give the conditions for doing it, then the risks to weigh.",
    "comparison": "Cover each option the owner names, then how they differ.",
    "risks": "List the risks, each with how to reduce it if the passages say so.",
    "measure": "Name what to measure and how to attribute the result.",
    "explain": "Give the direct answer, then the key guidance as short bullets.",
}


def _supported(sentence: str, hit: Hit) -> bool:
    terms = set(analyze(MARKER.sub("", sentence)))
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
        sentences, markers = [], []
        for sentence in cited_sentences(line[len(prefix) :]):
            numbers = [int(m) for m in MARKER.findall(sentence)]
            valid = sorted({m for m in numbers if 1 <= m <= len(hits) and _supported(sentence, hits[m - 1])})
            if not valid:
                dropped += 1
                continue
            text = re.sub(r"\s+([.,;:!?])", r"\1", MARKER.sub("", sentence)).strip()
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
    kept_lines: list[str] = []
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


class MarkerFilter:
    """Passes streamed text through, dropping any [n] whose n is not a passage (split across tokens or not)."""

    def __init__(self, passages: int, emit: Delta) -> None:
        self.passages = passages
        self.emit = emit
        self._held = ""

    def feed(self, text: str) -> None:
        out = []
        for char in text:
            if self._held:
                self._held += char
                if char == "]":
                    number = self._held[1:-1]
                    if number.isdigit() and 1 <= int(number) <= self.passages:
                        out.append(self._held)
                    self._held = ""
                elif not char.isdigit() or len(self._held) > 5:
                    out.append(self._held)  # not a marker after all
                    self._held = ""
            elif char == "[":
                self._held = char
            else:
                out.append(char)
        if out:
            self.emit("".join(out))

    def close(self) -> None:
        if self._held:
            self.emit(self._held)
            self._held = ""


class ModelAnswerer:
    def __init__(self, model: BaseChatModel) -> None:
        self.model = model

    def messages(
        self, question: str, hits: list[Hit], kind: str = "explain"
    ) -> list[SystemMessage | HumanMessage]:
        passages = "\n".join(
            f'<passage n="{i}" section="{escape(h.section)}">\n{escape(h.text, quote=False)}\n</passage>'
            for i, h in enumerate(hits, start=1)
        )
        user = load_prompt("answer_user").format(
            question=escape(question, quote=False),
            passages=passages,
            shape=SHAPES.get(kind, SHAPES["explain"]),
        )
        return [SystemMessage(load_prompt("answer_system")), HumanMessage(user)]

    def compose(
        self, question: str, hits: list[Hit], kind: str = "explain", on_delta: Delta | None = None
    ) -> tuple[Composition, int]:
        """The model's grounded answer over ``hits``; tokens go to ``on_delta`` as they arrive."""
        messages = self.messages(question, hits, kind)
        try:
            if on_delta is None:
                reply = str(self.model.invoke(messages).content)
            else:
                live = MarkerFilter(len(hits), on_delta)
                reply = "".join(_tokens(self.model.stream(messages), live.feed))
                live.close()
        except Exception as exc:  # timeouts, connection errors, HTTP errors: the caller falls back
            raise ModelError(f"{type(exc).__name__}: {exc}") from exc
        return ground(reply, hits)


def _tokens(chunks: Iterable[object], feed: Callable[[str], None]) -> Iterable[str]:
    for chunk in chunks:
        text = getattr(chunk, "content", "")
        if isinstance(text, str) and text:
            feed(text)
            yield text
