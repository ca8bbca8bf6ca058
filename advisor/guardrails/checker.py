"""Input guardrail: does the conversation ask for a manipulative or discriminatory tactic?

The last user message is checked alone; a short follow-up ("do it anyway", "now make them sound like
real customers") is checked together with the previous user messages, so a request split over turns
is still caught. Near-misses (accurate stock messages, fair pricing, bias audits, consent flows,
genuine review requests, detection questions) are allowed by each rule's ``allow`` patterns and by
the defensive patterns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.guardrails.rules import Rule, RuleBook
from advisor.guardrails.semantic import SemanticGuard

FOLLOW_UP = re.compile(
    r"^\s*(ok(ay)?|fine|yes|sure|please|just|now|then|so|but|and|also|still|anyway|do it|go ahead|come on)\b"
    r"|\b(anyway|regardless|them|those|it|that|this one|the same|like i said|as i said)\b",
    re.IGNORECASE,
)
MAX_FOLLOW_UP_CHARS = 160
MIN_SEMANTIC_WORDS = 5  # shorter texts ("tea lovers") embed too noisily to judge by similarity
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# Explicit deception words: when present, a near-miss ("allow") pattern cannot excuse the request
# ("write reviews that read like real customer reviews" stays a fake-review request).
DECEPTION = re.compile(
    r"\b(fake|faked|fabricat\w*|made[- ]up|bogus|pretend\w*|as if|as though|posing|impersonat\w*|secretly|covertly|"
    r"without (their |them |asking |customers'? )*(consent|knowing|knowledge|permission|telling)|trick\w*|exploit\w*|"
    r"false|phony|phoney|(sound|look|read|seem)(s|ing)? like (real|actual|genuine))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Violation:
    rule: Rule
    matched: str
    from_context: bool
    method: str = "pattern"


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


class GuardrailChecker:
    """Patterns first (precise, explainable); the semantic backstop when a guard is given."""

    def __init__(self, book: RuleBook, semantic: SemanticGuard | None = None) -> None:
        self.book = book
        self.semantic = semantic

    def _match(self, text: str) -> tuple[Rule, str] | None:
        if any(p.search(text) for p in self.book.defensive):
            return None
        explicit = DECEPTION.search(text) is not None
        sentences = [s for s in _SENTENCES.split(text) if s.strip()]
        for rule in self.book.rules:
            if not explicit and any(a.search(text) for a in rule.allow):
                continue
            for pattern in rule.patterns:
                found = pattern.search(text)
                if found:
                    return rule, found.group(0)
            for group in rule.co_occur:
                for sentence in sentences:
                    if all(p.search(sentence) for p in group):
                        return rule, sentence
        return None

    def check(self, message: str, history: Sequence[str] = ()) -> Violation | None:
        """The first rule the message (or the conversation it continues) breaks, if any.

        ``history`` is the earlier user messages, oldest first.
        """
        last = _normalise(message)
        hit = self._match(last)
        if hit:
            return Violation(hit[0], hit[1], from_context=False)
        follow_up = bool(history) and len(last) <= MAX_FOLLOW_UP_CHARS and FOLLOW_UP.search(last) is not None
        context = " ".join(_normalise(h) for h in history[-2:]) + " " + last if follow_up else ""
        if context:
            hit = self._match(context)
            if hit:
                return Violation(hit[0], hit[1], from_context=True)
        if self.semantic is None or any(p.search(last) for p in self.book.defensive):
            return None
        for text, from_context in ((last, False), (context, True)):
            if text and len(text.split()) >= MIN_SEMANTIC_WORDS:
                semantic = self.semantic.check(text)
                if semantic:
                    return Violation(
                        semantic.rule,
                        f"close to “{semantic.exemplar}” ({semantic.similarity})",
                        from_context,
                        "semantic",
                    )
        return None
