"""The one place that reads the owner's text: message → intent, clauses → slots → typed facts.

1. Split into sentences (pysbd) and clauses; embed the message, its sentences and its clauses in one
   batch (the message vector is kept for the guardrail and retrieval).
2. The intent head reads the message and each sentence: questions and requests are collected
   verbatim to be answered; greetings and fillers are dropped.
3. The slot head reads each clause, with the slot the advisor asked as context; neighbouring clauses
   on the same slot are joined ("soy candles, reed diffusers and wax melts").
4. A value reader turns each placed clause into typed facts; a clause nothing can be read from is
   reported, never filed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from advisor.parsing.sentences import Span, split_clauses, split_sentences
from advisor.providers.embeddings import Embedder
from advisor.understanding.acts import (
    answer_then_ask,
    asks_in_a_clause,
    in_parentheses,
    message_act,
    sentence_act,
)
from advisor.understanding.forms import (
    ECHO,
    REQUEST_FORM,
    asks_outright,
)
from advisor.understanding.intents import (
    ASKS_WITHOUT_MARK,
    CORRECTION_CUE,
    NAMED_CONFIDENCE,
    SKIP_CUE,
    gated,
    is_question_form,
)
from advisor.understanding.models import Clarification, Clause, Context, Fact, ProfilePatch, Understanding
from advisor.understanding.placement import place_clauses, sold_beside_tools
from advisor.understanding.readers import Readers, Reading
from advisor.understanding.reconcile import (
    asked_free_text,
    goal_of_message,
    goal_with_baseline,
    niche_with_kind,
    one_each,
    one_field_per_amount,
    one_niche,
    one_usp,
    tools_hold_data,
    usp_goes_on,
    whole_consent,
    whole_problem,
    whole_team,
    without_unused_tools,
)
from advisor.understanding.revisions import taken_back
from advisor.understanding.text import strip_lead
from advisor.understanding.training import Configs, Heads, TrainingData, train_heads

logger = logging.getLogger(__name__)
MAX_CLAUSES = 24  # an owner's message rarely holds more; bounds the work on pathological input
EMBED_CHARS = 600  # the model reads 256 word pieces; longer texts only cost time


@dataclass(frozen=True)
class Thresholds:
    """Probabilities below which a reading is not trusted (tuned on the dev split, never the held-out one)."""

    slot: float = 0.55  # free-text slots (niche, audience, goals, ...): the reader cannot check the reading
    typed: float = 0.4  # typed slots: the reader must also find a value (an amount, a place, a tool)
    agreed: float = 0.25  # the clause's best slot is the one just asked: content and question agree
    intent: float = 0.5


TYPED_SLOTS = frozenset({"tech_stack", "budget", "revenue", "regions", "team"})
NON_ANSWERS = frozenset({"skip", "greeting", "yes", "no", "start_over"})
TOOL_OVERRIDE_CONFIDENCE = 0.6
_CONSENT_REPLY = re.compile(
    r"^\W*(?:ah\W+)?(?:y|yes|yep|yeah|yup|sure|no|nope|nah|not yet|not really|non|nein|nee|nej|nie|não|nao|nahi|"
    r"hayır|tidak|belum|sí|si|oui|ja|evet|ya)\b(?!\s+(?:idea|clue|sure))",
    re.I,
)
TYPED_FALLBACK_CONFIDENCE = 0.5
SURE_GREETING = 0.6
GREETING_ALONE = 0.95
LATE_ANSWER = 0.4  # a clause on the slot asked before the current one: an answer a step late
# free-text facts read beside a question need this confidence: "I keep seeing it everywhere" is no data
# a correction files these whatever its confidence: their readers find a precise value or nothing
CORRECTED_AS_SUCH = frozenset({*TYPED_SLOTS, "business"})
POSITION_CORRECTED = (
    0.7  # "I said premium earlier but we're really more mid-market"; a bare "budget" is no position
)
BESIDE_A_QUESTION = frozenset({"data_maturity", "audience", "pain_points", "usp", "niche"})
SURE_BESIDE_QUESTION = 0.7
ELSEWHERE_CONFIDENCE = 0.4  # a clause this sure, unasked, of another slot does not agree with the question


class Understander:
    """Reads owner messages with learned heads over the shared embedding model."""

    def __init__(
        self,
        embedder: Embedder,
        knowledge_dir: Path,
        cache_dir: Path | None = None,
        *,
        thresholds: Thresholds | None = None,
        configs: Configs | None = None,
    ) -> None:
        self.embedder = embedder
        self.readers = Readers(knowledge_dir)
        self.thresholds = thresholds or Thresholds()
        self.heads: Heads = train_heads(TrainingData.load(knowledge_dir), embedder, cache_dir, configs)

    # ------------------------------------------------------------------------------------------
    def embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.embedder.embed_documents([t[:EMBED_CHARS] for t in texts]), dtype=np.float32)

    def understand(self, message: str, context: Context | None = None) -> Understanding:
        context = (context or Context()).model_copy(update={"message": message})
        sentences = split_sentences(message)
        per_sentence: list[tuple[Span, list[Span]]] = []
        budget = MAX_CLAUSES
        for sentence in sentences:
            clauses = split_clauses(sentence)[: max(0, budget)]
            budget -= len(clauses)
            per_sentence.append((sentence, clauses))
        units = list(
            dict.fromkeys(
                [message, *(s.text for s in sentences), *(c.text for _, cs in per_sentence for c in cs)]
            )
        )
        vectors = dict(zip(units, self.embed(units), strict=True))
        intent_of = self._intents(units, vectors)
        message_intent, message_p = intent_of[message]
        if (
            context.asked == "consent"
            and _CONSENT_REPLY.match(message)
            and not any(asks_outright(sentence.text) for sentence in sentences[1:])
        ):  # "no" answers the question; "yes we have an opt-in. also could the AI write …?" asks too
            whole = Span(message.strip(), 0, len(message.strip()))
            per_sentence = [(whole, [whole])]
            vectors.setdefault(whole.text, vectors[message])
            intent_of[whole.text] = message_intent, message_p = "answer", 1.0  # "no" answers the question

        facts: list[Fact] = []
        clarifications: list[Clarification] = []
        clause_log: list[Clause] = []
        named: list[str] = []
        questions: list[str] = []
        requests: list[str] = []
        single = len(per_sentence) == 1
        last_slot: str | None = None  # the slot the previous sentence ended on ("budget. fastest shipping")
        for sentence, clauses in per_sentence:
            act = sentence_act(
                sentence,
                clauses,
                [other for other, _ in per_sentence if other is not sentence],
                intent_of.get(sentence.text, (message_intent, message_p))
                if not single
                else (message_intent, message_p),
                intent_of,
                context,
                self.readers,
            )
            s_intent, s_p, hedged = act.intent, act.p, act.hedged
            s_intent, s_p, aside, asking = answer_then_ask(
                sentence, clauses, message, intent_of, s_intent, s_p
            )
            if s_intent == "question" and in_parentheses(message, sentence):
                s_intent = "answer"  # "always the same questions (what age? is it safe?)": the customers'
            answers_then_asks = bool(aside) and s_intent == "answer"
            if single:
                message_intent, message_p = s_intent, s_p
            if not single and ECHO.fullmatch(sentence.text) and context.asked is not None and not hedged:
                continue  # "customers? people furnishing beach houses, ...": the question said back, then answered
            asks_something = (
                (is_question_form(sentence.text) or ASKS_WITHOUT_MARK.match(sentence.text) is not None)
                and not REQUEST_FORM.match(sentence.text)
                and not hedged
                and not answers_then_asks
            )
            if s_intent in ("question", "request") and (
                asks_something or s_p >= 0.8 or not single or asks_outright(sentence.text)
            ):
                (questions if s_intent == "question" else requests).append(self._plain(sentence.text))
                continue
            if (
                s_intent == "greeting"
                and (not single or s_p >= GREETING_ALONE)  # "oi, tudo bem?" alone: nothing to file
                and (s_p >= SURE_GREETING or len(sentence.text.split()) <= 4)
            ):
                continue  # "hi!" before the answer; a longer sentence the head barely calls small talk is read
            # "we use shopify - would klaviyo or omnisend be better for us": the answer is read, the
            # clause that asks is answered and names no fact
            questions += [self._plain(c.text) for c in asking]
            content: dict[str, tuple[str, float]] = {}
            slotted = self._slots(
                message, [c for c in clauses if c not in aside], vectors, context, content, last_slot
            )
            last_slot = slotted[-1][1] if slotted else last_slot
            found = self._read(
                slotted,
                content,
                context,
                intent_of,
                clause_log,
                named,
                # "no idea honestly" is not a description of the data, nor is "maksudnya data apa ya?"
                # beside "what counts as data?": a question in another language
                typed_only=s_intent in NON_ANSWERS or (asks_something and not single),
                correcting=message_intent == "correction",
            )
            facts += found.facts
            clarifications += found.clarifications
            if not found.facts and not found.clarifications:
                if asks_something or s_intent in ("question", "request"):
                    (requests if s_intent == "request" else questions).append(sentence.text)
                elif asks_in_a_clause(clauses, intent_of):
                    # "my tools dont talk to each other, what should i do": nothing filed, so it asks
                    questions.append(self._plain(sentence.text))

        facts = tools_hold_data(
            niche_with_kind(
                usp_goes_on(
                    one_usp(one_niche(one_each(facts, context, self.readers), self.readers), self.readers),
                    message,
                    self.readers,
                ),
                message,
                self.readers,
            ),
            message,
            context,
            self.readers,
        )
        if questions:  # "what's a CDP? I keep seeing it everywhere": beside a question, only a sure answer
            facts = [
                f for f in facts if f.field not in BESIDE_A_QUESTION or f.confidence >= SURE_BESIDE_QUESTION
            ]
        facts = one_field_per_amount(whole_problem(facts, clause_log, context, self.readers))
        facts = taken_back(whole_team(facts, clause_log, context, self.readers), message)
        facts = whole_consent(facts, message, questions, context, self.readers)
        facts = goal_with_baseline(facts, clause_log, context, self.readers)
        if not questions and not requests:
            facts = goal_of_message(facts, message, context, self.readers)
        if (
            # "customer support on whatsapp, parents ask ... all day": the tools are in the problem's story
            (not facts or (context.asked == "pain_points" and all(f.field == "tech_stack" for f in facts)))
            and not clarifications
            and not questions
            and not requests
            and message_intent == "answer"
        ):
            facts += asked_free_text(message, context, self.readers)
        if len(clause_log) > 1:  # "..., I don't want to be — too many fake wigs there": no skip
            clause_log = [
                c.model_copy(update={"intent": "answer"})
                if c.intent == "skip" and not SKIP_CUE.search(c.text)
                else c
                for c in clause_log
            ]
        intent = message_act(
            message_intent, message, facts, clarifications, named, questions, requests, context.asked
        )
        if (
            intent == "answer"
            and any(c.filed and c.intent == "correction" for c in clause_log)
            and CORRECTION_CUE.search(message)
        ):
            intent = "correction"  # "sorry I meant 1500 CAD per month, we got a grant": the fix stands
        return Understanding(
            text=message,
            intent=intent,
            intent_confidence=round(message_p, 3),
            patch=ProfilePatch(facts=facts, currency=_currency(facts)),
            questions=questions,
            requests=requests,
            clarifications=clarifications,
            clauses=clause_log,
            named_fields=named,
            vector=[float(x) for x in vectors[message]],
        )

    def _about_else(
        self, text: str, content: tuple[str, float] | None, asked_p: float, context: Context
    ) -> bool:
        """The clause leans to the slot asked only because it was asked: on its own words the slot head
        reads another field, and that field's reader finds its value ("full customisation and 48-hour
        delivery" at the niche question is a USP, not what is sold)."""
        if content is None:
            return False
        slot, p = content
        if slot in (context.asked, "none", "tech_stack") or (
            slot in ("usp", "business") and context.asked == "market_position"
        ):
            return False  # tools are read from any clause anyway
        return (
            p >= ELSEWHERE_CONFIDENCE
            and p > asked_p  # surer of the other field than of the asked one
            and bool(self.readers.read(slot, text, context, p).facts)
        )

    def _plain(self, text: str) -> str:
        """A question without its lead-in fillers ("hang on, what does RICE mean" → "what does RICE mean")."""
        return strip_lead(text, self.readers.cues.filler_re)

    # ------------------------------------------------------------------------------------------
    def _intents(self, units: list[str], vectors: dict[str, np.ndarray]) -> dict[str, tuple[str, float]]:
        matrix = np.stack([vectors[u] for u in units])
        probs = self.heads.intent.distributions(matrix, units)
        return {unit: gated(unit, p) for unit, p in zip(units, probs, strict=True)}

    def _slots(
        self,
        message: str,
        clauses: list[Span],
        vectors: dict[str, np.ndarray],
        context: Context,
        content: dict[str, tuple[str, float]],
        before: str | None = None,
    ) -> list[tuple[Span, str, float]]:
        """Each clause with its slot; neighbours on the same slot joined into one span. ``content`` gets
        each span's slot read without the question asked (what its own words are about)."""
        if not clauses:
            return []
        matrix = np.stack([vectors[c.text] for c in clauses])
        texts = [c.text for c in clauses]
        predicted = self.heads.slot.predict(matrix, texts, [context.asked] * len(clauses))
        if context.asked is not None:
            # what each clause is about on its own words, for the agreement check in _read
            unasked = self.heads.slot.predict(matrix, texts, [None] * len(clauses))
            content.update(zip(texts, unasked, strict=True))
        return place_clauses(
            message,
            clauses,
            predicted,
            context,
            self.readers,
            content,
            before,
            slot_threshold=self.thresholds.slot,
        )

    def _read(
        self,
        readings: list[tuple[Span, str, float]],
        content: dict[str, tuple[str, float]],
        context: Context,
        intent_of: dict[str, tuple[str, float]],
        log: list[Clause],
        named: list[str],
        *,
        typed_only: bool = False,
        correcting: bool = False,
    ) -> Reading:
        """Typed facts of the placed clauses; catalogue tools named anywhere in an answer are kept too."""
        out = Reading()
        for span, slot, p in readings:
            intent, ip = intent_of.get(span.text, ("answer", 1.0))
            # typed readers check their own value; and a clause on the slot just asked agrees with the question
            # (not in a correction: "actually budget is 450, the other store is chipping in" answers nothing)
            agrees = (
                not correcting
                and (slot == context.asked or (slot == "usp" and context.asked == "market_position"))
                and (
                    p >= self.thresholds.slot
                    or not self._about_else(span.text, content.get(span.text), p, context)
                )
            )
            needed = (
                self.thresholds.agreed
                if agrees
                else self.thresholds.typed
                if slot in TYPED_SLOTS
                else self.thresholds.slot
            )
            if slot == context.previous and not correcting:
                needed = min(needed, LATE_ANSWER)  # the answer to the question before, a step late
            revises = slot == "goals" and context.goal is not None  # "make it 15% instead": only its figures
            readable = (
                slot != "none"
                and p >= needed
                and (slot in TYPED_SLOTS or not typed_only)
                # a correction is about the field it names ("actually budget is 450, the other store is
                # chipping in" says nothing about the pain point); "actually we sell sarees" names it
                and (
                    slot in CORRECTED_AS_SUCH
                    or not correcting
                    or p >= (POSITION_CORRECTED if slot == "market_position" else NAMED_CONFIDENCE)
                    or revises
                )
            )
            reading = self.readers.read(slot, span.text, context, p) if readable else Reading()
            if not readable and context.asked in ("team", "regions", "budget") and not correcting:
                # nothing the head recognised, but the typed reader of the slot asked finds its value ("jus me tbh")
                typed = self.readers.read(str(context.asked), span.text, context, TYPED_FALLBACK_CONFIDENCE)
                slot, reading = (
                    (str(context.asked), typed) if typed.facts or typed.clarifications else (slot, reading)
                )
            if (
                slot == "tech_stack"
                and context.asked == "business"
                and not correcting
                and not any(other == "business" for _, other, _ in readings)  # said elsewhere already
            ):
                # "silver jewelry on etsy n ebay": what is sold and where
                reading.facts += sold_beside_tools(span.text, context, p, self.readers)
            if not any(f.field == "tech_stack" for f in reading.facts):
                reading.facts += self.readers.tool_facts(span.text, TOOL_OVERRIDE_CONFIDENCE, slot)
            if not any(f.field == "regions" for f in reading.facts) and not reading.clarifications:
                said = {f.field: str(f.value) for f in reading.facts if f.field in ("audience", "niche")}
                passing = self.readers.regions_in_passing(
                    span.text, slot if readable else "none", said.get("audience"), said.get("niche")
                )
                reading.facts += passing.facts
                reading.clarifications += passing.clarifications
            out.facts += reading.facts
            out.clarifications += reading.clarifications
            if (
                slot != "none"
                and not (reading.facts or reading.clarifications)
                and intent in ("correction", "no")
            ):
                named.append(slot)
            log.append(
                Clause(
                    text=span.text, intent=intent, intent_confidence=round(ip, 3), slot=slot,
                    slot_confidence=round(p, 3), filed=bool(reading.facts),
                    fields=list(dict.fromkeys(f.field for f in reading.facts)),
                )
            )  # fmt: skip
        out.facts = without_unused_tools(
            out.facts, ", ".join(span.text for span, _, _ in readings), self.readers
        )
        return out


def _currency(facts: list[Fact]) -> str | None:
    return next((f.value for f in facts if f.field == "currency"), None)
