"""The answer service: guardrails, then the question's type and topic, then the right answerer (the
plan, the strategy engine, the chat model or the offline composer), then the ethics note and
suggestions. A question is embedded once: a vector the caller already has (the understanding layer's)
is reused by the guardrail, retrieval, the question heads and the ranker."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import numpy as np
from langchain_core.language_models import BaseChatModel
from pydantic import ValidationError

from advisor.answers.citing import mark_sentences
from advisor.answers.compose import Composer
from advisor.answers.evidence import EvidenceBuilder
from advisor.answers.from_plan import PlanAnswers
from advisor.answers.llm import ModelAnswerer
from advisor.answers.models import Answer, Citation, Refusal
from advisor.answers.offline import CitationBuilder, Composition, OfflineAnswerer
from advisor.answers.personal import PersonalAnswers
from advisor.answers.prioritise import compose_prioritisation, is_prioritisation, states_facts
from advisor.answers.questions import QuestionReader, QuestionReading
from advisor.answers.ranker import RankerWeights, train_ranker
from advisor.answers.streaming import Delta, current_receiver
from advisor.answers.suggest import corpus_templates, suggested_questions
from advisor.errors import ModelError
from advisor.guardrails.checker import GuardrailChecker, Violation
from advisor.guardrails.harm import harm_classifier
from advisor.guardrails.judge import ModelSelfCheck
from advisor.guardrails.redaction import redact
from advisor.guardrails.rules import RuleBook
from advisor.plan.models import Plan
from advisor.plan.normalize import normalize
from advisor.plan.profile import BusinessProfile
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.retrieval.lexicon import QueryLexicon
from advisor.retrieval.retriever import normalize_query
from advisor.retrieval.sentences import UnitMatrix
from advisor.strategy.engine import StrategyEngine
from advisor.understanding.glossary import Glossary
from advisor.understanding.models import Context, Understanding
from advisor.understanding.understander import Understander

logger = logging.getLogger(__name__)
MAX_SUGGESTIONS = 3
INITIATIVE_TOPIC_P = 0.3  # a topic this likely names the initiative a personal answer is about


@dataclass(frozen=True)
class Pipeline:
    """The offline answer path over one version of the index (rebuilt when the index is reloaded)."""

    units: UnitMatrix
    builder: EvidenceBuilder
    weights: RankerWeights
    offline: OfflineAnswerer


class AnswerService:
    """Answers owners' questions with citations; refuses manipulative or discriminatory requests."""

    def __init__(
        self,
        kb: KnowledgeBase,
        engine: StrategyEngine,
        *,
        chat_model: BaseChatModel | None = None,
        understander: Understander | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.kb = kb
        self.engine = engine
        self.chat_model = chat_model
        if understander is not None:
            self.__dict__["understander"] = understander
        self.cache_dir = cache_dir if cache_dir is not None else kb.settings.models_path
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    @cached_property
    def plans(self) -> PlanAnswers:
        return PlanAnswers(self.engine, self.kb.embedder)

    @cached_property
    def personal(self) -> PersonalAnswers:
        return PersonalAnswers(self.engine)

    @cached_property
    def reader(self) -> QuestionReader:
        """The question heads (type and topic), trained once and cached under the data dir."""
        return QuestionReader(self.kb.embedder, self.engine.knowledge_dir, self.cache_dir)

    def pipeline(self) -> Pipeline:
        """The offline path for the index now served (built at start-up; again after a re-ingest)."""
        units = self.kb.units
        with self._lock:
            if self._pipeline is None or self._pipeline.units is not units:
                builder = EvidenceBuilder(self.kb, self.reader, QueryLexicon.load(self.engine.knowledge_dir))
                weights = train_ranker(builder, self.cache_dir)
                self._pipeline = Pipeline(
                    units, builder, weights, OfflineAnswerer(builder, Composer(builder, weights))
                )
            return self._pipeline

    def warm_up(self) -> None:
        """Load (or train) the question heads and the ranker now, not on the first question."""
        self.pipeline()
        _ = self.checker, self.templates, self.plans

    @cached_property
    def book(self) -> RuleBook:
        return RuleBook.load(self.engine.knowledge_dir, self.engine.resolver)

    @cached_property
    def understander(self) -> Understander:
        return Understander(self.kb.embedder, self.engine.knowledge_dir, self.kb.settings.models_path)

    @cached_property
    def checker(self) -> GuardrailChecker:
        glossary = Glossary.load(self.engine.knowledge_dir)
        harm = harm_classifier(self.engine.knowledge_dir, self.kb.embedder, self.kb.settings.models_path)
        self_check = ModelSelfCheck(self.chat_model, self.book) if self.chat_model is not None else None
        return GuardrailChecker(
            self.book,
            harm,
            lambda text: self.understander.understand(text, Context()),
            self_check,
            commands=self.understander.readers.cues.commands,
            gloss=glossary.gloss,
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
            f"{mark_sentences(rule.reason, first)}\n\n"
            f"**An ethical way to reach the same goal:** {mark_sentences(rule.alternative, markers)}"
        )
        return Answer(
            answer=text,
            citations=builder.citations,
            refusal=Refusal(rule=rule.id, title=rule.title, reason=rule.reason, alternative=rule.alternative),
            mode="offline",
        )

    def _ethics_note(self, composition: Composition, question: str) -> Composition:
        """The note of the first rule the question triggers, else of one the direct answer triggers (what
        the answer recommends; the further points are context)."""
        direct = composition.text.split("\n\n", 1)[0]
        note = next((n for n in self.book.notes if any(t.search(question) for t in n.triggers)), None)
        note = note or next((n for n in self.book.notes if any(t.search(direct) for t in n.triggers)), None)
        if note is None:
            return composition
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

    def ask(
        self,
        question: str,
        *,
        history: Sequence[str] = (),
        profile: BusinessProfile | None = None,
        plan: Plan | dict[str, Any] | None = None,
        reading: Understanding | None = None,
        on_delta: Delta | None = None,
    ) -> Answer:
        """Answer one question.

        ``history`` is the earlier user messages of the conversation; ``profile`` the owner's facts (the
        answer then uses the strategy engine's numbers for this shop); ``plan`` the owner's built plan
        (questions about it are answered from it); ``reading`` the question's understanding when the
        caller has it (the guardrail, retrieval, the question heads and the ranker reuse its vector:
        nothing is embedded twice); ``on_delta`` receives the chat model's tokens as they arrive (default:
        the receiver of advisor/answers/streaming.py; the returned answer is the checked, final text).
        """
        on_delta = on_delta or current_receiver()
        clean = redact(normalize_query(question))
        if reading is None or reading.vector is None or reading.text.strip() != clean:
            reading = self.understander.understand(clean, Context())  # one embedding batch
        violation = self.checker.check(clean, [redact(h) for h in history], reading=reading)
        if violation:
            logger.info("refused (%s, %s): %s", violation.rule.id, violation.method, violation.matched)
            answer = self.refusal(violation)
            answer.suggested_questions = self.suggestions(profile, MAX_SUGGESTIONS)
            return answer
        q = np.asarray(reading.vector or self.kb.embedder.embed_query(clean), dtype=np.float32)
        asked = self.reader.read(clean, q)  # what kind of answer, about what
        built = _plan(plan)
        mode: Literal["offline", "llm"] = "offline"
        notice = None
        if built is not None and asked.about_plan:
            composition = self.plans.answer(built, asked.plan_aspect, q)
        elif (is_prioritisation(clean) and (profile is not None or states_facts(clean))) or (
            profile is not None and asked.about_plan
        ):
            composition = compose_prioritisation(clean, self.engine, profile, personal=self.personal)
        else:
            composition, mode, notice = self._from_corpus(clean, q, asked, on_delta)
            if composition.covered:
                composition = self._ethics_note(composition, clean)
            initiative = self._initiative(asked, q)
            if profile is not None and composition.covered and initiative is not None:
                composition = self.personal.for_shop(profile, initiative, composition)
        return Answer(
            answer=composition.text,
            citations=composition.citations,
            refusal=None,
            mode=mode,
            suggested_questions=self.suggestions(profile, MAX_SUGGESTIONS),
            notice=notice,
            covered=composition.covered,
        )

    def _from_corpus(
        self, question: str, vector: np.ndarray, reading: QuestionReading, on_delta: Delta | None
    ) -> tuple[Composition, Literal["offline", "llm"], str | None]:
        """The corpus's answer: worded by the chat model from the selected passages when one is configured
        (the offline composer answers when it fails), else composed offline."""
        offline = self.pipeline().offline
        if self.chat_model is None:
            return offline.compose(question, vector, reading), "offline", None
        passages = offline.passages(question, vector, reading)
        if not passages:
            return offline.compose(question, vector, reading), "offline", None
        try:
            composition, dropped = ModelAnswerer(self.chat_model).compose(
                question, passages, reading.type, on_delta
            )
        except ModelError as exc:
            logger.warning("model answer failed, falling back to the offline engine: %s", exc)
            failed = f"The language model did not answer ({_short(exc)}); this answer comes from the offline engine."
            return offline.compose(question, vector, reading), "offline", failed
        removed = f"{dropped} sentence(s) of the model's reply had no supporting passage and were removed."
        return composition, "llm", removed if dropped else None

    def _initiative(self, reading: QuestionReading, vector: np.ndarray) -> str | None:
        """The catalogue initiative a question is about: its likely topic's, or the one it names."""
        for name, p in sorted(reading.topics.items(), key=lambda kv: -kv[1]):
            if p < INITIATIVE_TOPIC_P:
                break
            topic = self.reader.topics.topics.get(name)
            if topic is not None and topic.initiative:
                return topic.initiative
        return self.plans.named(vector)


def _plan(plan: Plan | dict[str, Any] | None) -> Plan | None:
    """The session's plan (stored as JSON); None when absent or from an older schema."""
    if plan is None or isinstance(plan, Plan):
        return plan
    try:
        return Plan.model_validate(plan)
    except ValidationError:
        logger.info("the stored plan does not match the current schema; answering from the corpus")
        return None


def _short(exc: Exception) -> str:
    text = re.sub(r"\s+", " ", str(exc))
    return text if len(text) <= 120 else text[:117] + "..."
