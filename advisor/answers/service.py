"""The answer service: guardrails, then the right answerer, then the ethics note and suggestions."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cached_property
from typing import Literal

from langchain_core.language_models import BaseChatModel

from advisor.answers.llm import ModelAnswerer
from advisor.answers.models import Answer, Citation, Refusal
from advisor.answers.offline import CitationBuilder, Composition, OfflineAnswerer
from advisor.answers.passages import UnitScorer
from advisor.answers.prioritise import compose_prioritisation, is_prioritisation
from advisor.answers.suggest import corpus_templates, suggested_questions
from advisor.errors import ModelError
from advisor.guardrails.checker import GuardrailChecker, Violation
from advisor.guardrails.harm import HarmData, train_harm
from advisor.guardrails.judge import ModelSelfCheck
from advisor.guardrails.redaction import redact
from advisor.guardrails.rules import RuleBook
from advisor.plan.normalize import normalize
from advisor.plan.profile import BusinessProfile
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.retrieval.retriever import normalize_query
from advisor.strategy.engine import StrategyEngine
from advisor.understanding.models import Context, Understanding
from advisor.understanding.understander import Understander

logger = logging.getLogger(__name__)
MAX_SUGGESTIONS = 3


class AnswerService:
    """Answers owners' questions with citations; refuses manipulative or discriminatory requests."""

    def __init__(
        self,
        kb: KnowledgeBase,
        engine: StrategyEngine,
        *,
        chat_model: BaseChatModel | None = None,
        understander: Understander | None = None,
    ) -> None:
        self.kb = kb
        self.engine = engine
        self.chat_model = chat_model
        if understander is not None:
            self.__dict__["understander"] = understander
        self.scorer = UnitScorer(kb.embedder)
        self.offline = OfflineAnswerer(kb, self.scorer)

    @cached_property
    def book(self) -> RuleBook:
        return RuleBook.load(self.engine.knowledge_dir, self.engine.resolver)

    @cached_property
    def understander(self) -> Understander:
        return Understander(self.kb.embedder, self.engine.knowledge_dir, self.kb.settings.models_path)

    @cached_property
    def checker(self) -> GuardrailChecker:
        harm, _ = train_harm(
            HarmData.load(self.engine.knowledge_dir), self.kb.embedder, self.kb.settings.models_path
        )
        self_check = ModelSelfCheck(self.chat_model, self.book) if self.chat_model is not None else None
        return GuardrailChecker(
            self.book, harm, lambda text: self.understander.understand(text, Context()), self_check
        )

    @cached_property
    def templates(self) -> list[str]:
        return corpus_templates(self.engine.resolver.chunks)

    # ----------------------------------------------------------------------------------------
    def suggestions(self, profile: BusinessProfile | None, limit: int = 6) -> list[str]:
        n = normalize(profile, self.engine.knowledge_dir) if profile else None
        names = self._top_initiatives(profile) if profile else []
        return suggested_questions(self.templates, n, names, limit=limit)

    def _top_initiatives(self, profile: BusinessProfile) -> list[str]:
        p = self.engine.prioritise(profile)
        return [c.initiative.name for c in self.engine.select(p)]

    def refusal(self, violation: Violation) -> Answer:
        rule = violation.rule
        builder = CitationBuilder()
        markers = "".join(f"[{builder.cite(r.chunk_id, r.source, r.section, r.quote)}]" for r in rule.refs)
        first = f"[{builder.citations[0].n}]" if builder.citations else ""
        text = (
            f"**I can't help with that — it falls under {rule.title.lower()}.**\n\n"
            f"{_mark_sentences(rule.reason, first)}\n\n"
            f"**An ethical way to reach the same goal:** {_mark_sentences(rule.alternative, markers)}"
        )
        return Answer(
            answer=text,
            citations=builder.citations,
            refusal=Refusal(rule=rule.id, title=rule.title, reason=rule.reason, alternative=rule.alternative),
            mode="offline",
        )

    def _ethics_note(self, composition: Composition, question: str) -> Composition:
        text = composition.text + "\n" + question
        for note in self.book.notes:
            if any(t.search(text) for t in note.triggers):
                n = max((c.n for c in composition.citations), default=0) + 1
                ref = note.ref
                citation = Citation(
                    n=n, chunk_id=ref.chunk_id, source=ref.source, section=ref.section, quote=ref.quote
                )
                return Composition(
                    text=f"{composition.text}\n\n**Ethics note:** {note.note} [{n}]",
                    citations=[*composition.citations, citation],
                    covered=composition.covered,
                )
        return composition

    def ask(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        profile: BusinessProfile | None = None,
        reading: Understanding | None = None,
    ) -> Answer:
        """Answer one question. ``history`` is the earlier user messages of the conversation; ``reading``
        the question's understanding when the caller has it (the guardrail reuses its intent and vector)."""
        clean = redact(normalize_query(question))
        violation = self.checker.check(clean, [redact(h) for h in history], reading=reading)
        if violation:
            logger.info("refused (%s, %s): %s", violation.rule.id, violation.method, violation.matched)
            answer = self.refusal(violation)
            answer.suggested_questions = self.suggestions(profile, MAX_SUGGESTIONS)
            return answer
        mode: Literal["offline", "llm"] = "offline"
        notice = None
        if is_prioritisation(clean):
            composition = compose_prioritisation(clean, self.engine, profile)
        elif self.chat_model is not None:
            try:
                composition, dropped = ModelAnswerer(self.chat_model, self.kb).compose(clean)
                mode = "llm"
                if dropped:
                    notice = f"{dropped} sentence(s) of the model's reply had no supporting passage and were removed."
            except ModelError as exc:
                logger.warning("model answer failed, falling back to the offline engine: %s", exc)
                composition = self.offline.compose(clean)
                notice = f"The language model did not answer ({_short(exc)}); this answer comes from the offline engine."
        else:
            composition = self.offline.compose(clean)
        if composition.covered:
            composition = self._ethics_note(composition, clean)
        return Answer(
            answer=composition.text,
            citations=composition.citations,
            refusal=None,
            mode=mode,
            suggested_questions=self.suggestions(profile, MAX_SUGGESTIONS),
            notice=notice,
            covered=composition.covered,
        )


def _mark_sentences(text: str, marker: str) -> str:
    """Put the citation marker after every sentence."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if p.strip()]
    return " ".join(f"{p} {marker}" for p in parts)


def _short(exc: Exception) -> str:
    text = re.sub(r"\s+", " ", str(exc))
    return text if len(text) <= 120 else text[:117] + "..."
