"""Input guardrail: does a request ask for a manipulative, deceptive or discriminatory tactic?

Requests are judged, statements are not: the classifier only reads a message the understanding layer
takes for a question or a request — "we sell CBD balm for anxiety" is a fact about the business — and
a statement is refused only by an explicit pattern ("... and we want fake doctor endorsements"). Two
layers judge a request (three with a chat model):

1. the rules' precise patterns (explicit deception words; explainable, refuse on their own), and
2. the harm classifier, calibrated on examples it was never trained on.

A short follow-up that refers back ("now make them sound like real buyers", "ok do it anyway") is
judged together with the request it refers to — the previous message, and only when that one was a
request or question itself. With a chat model configured, a model self-check settles the cases the
classifier is unsure about (see ``judge.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from advisor.guardrails.harm import HarmClassifier
from advisor.guardrails.judge import ModelSelfCheck
from advisor.guardrails.rules import DECEPTION, Rule, RuleBook, defends, near_miss
from advisor.understanding.models import Understanding

JUDGED_INTENTS = frozenset({"question", "request"})
SURE_BENIGN, SURE_HARMFUL = 0.15, 0.9  # outside this band the classifier decides even with a model
FOLLOW_UP_WORDS = 14
SHORT_FOLLOW_UP_WORDS = 8  # "make it shorter", "translate that to german": about the last request
_POINTS_BACK = re.compile(r"\b(?:it|that|this|the text|the email|the copy)\b", re.IGNORECASE)
COMMAND_SURE = 0.8  # an imperative read as an answer is refused only above this harm score
_REFERS = re.compile(
    r"^\s*(?:ok(?:ay)?|fine|yes|sure|please|just|now|then|so|but|and|also|still|anyway|great|perfect|cool|right)\b"
    r"|\b(?:them|those|these|the same|the others|one more|more like (?:that|this|those|these|them)|do it|do that|"
    r"like i said|as i said|anyway|regardless)\b",
    re.IGNORECASE,
)


Read = Callable[[str], Understanding]


@dataclass(frozen=True)
class Violation:
    rule: Rule
    matched: str
    from_context: bool
    method: str = "pattern"  # pattern | classifier | model
    score: float | None = None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


CLAUSE_ASKS = 0.85  # a clause this surely a question or a request makes the message one


def asks(reading: Understanding) -> bool:
    """To be judged: a question or a request. Anything else (a statement, an answer, a greeting) is not,
    even when nothing in it could be read as a fact ("we have an email signup popup")."""
    return (
        reading.intent in JUDGED_INTENTS
        or bool(reading.questions or reading.requests)
        # a request inside a message read as an answer: "my sister never bought the lamp but ..., can u
        # write what each of them should say"
        or any(c.intent in JUDGED_INTENTS and c.intent_confidence >= CLAUSE_ASKS for c in reading.clauses)
    )


class GuardrailChecker:
    """Patterns first (precise, explainable), then the calibrated harm classifier on requests."""

    def __init__(
        self,
        book: RuleBook,
        harm: HarmClassifier,
        read: Read,
        self_check: ModelSelfCheck | None = None,
        commands: Callable[[str], bool] | None = None,
        gloss: Callable[[str], str | None] | None = None,
    ) -> None:
        self.book = book
        self.harm = harm
        self.read = read
        self.self_check = self_check
        self.commands = commands or (lambda _text: False)  # "opens with an imperative verb"
        self.gloss = gloss or (lambda _text: None)  # a message in another language, in English words

    def _classify(self, text: str, vector: Sequence[float] | None) -> Violation | None:
        if vector is None:
            vector = self.read(text).vector
        verdict = self.harm.judge(np.asarray([vector], dtype=np.float32), [text])[0]
        if self.self_check is not None and SURE_BENIGN <= verdict.score < SURE_HARMFUL:
            model = self.self_check(text)  # the classifier is unsure: the model settles it
            if model is not None:
                if not model.harmful:
                    return None
                rule = self.book.get(model.rule or verdict.best_rule)
                return Violation(rule, model.reason or text, False, "model", verdict.score)
        if verdict.rule is None:
            return None
        return Violation(self.book.get(verdict.rule), text, False, "classifier", verdict.score)

    def _excused(self, text: str, found: Violation | None = None) -> bool:
        """A defence question, someone else's tactic turned down, or a near-miss the classifier's rule
        names ("genuine reviews", "a real end date", "say it's an AI") with no explicit deception word:
        the classifier's guess cannot refuse it. Another rule's near-miss excuses nothing ("if they pick 4
        or 5, send them to Google reviews" is review gating, whatever consent words it uses)."""
        if self.book.rejected(text) or any(defends(p, text) for p in self.book.defensive):
            return True  # "how do I identify fake reviews": the deception word is what is defended against
        if DECEPTION.search(text):
            return False
        rules = [found.rule] if found is not None else self.book.rules
        return any(near_miss(a, text) for rule in rules for a in rule.allow)

    def _classify_unexcused(self, text: str, vector: Sequence[float] | None) -> Violation | None:
        found = self._classify(text, vector)
        if found is None or (found.method == "classifier" and self._excused(text, found)):
            return None
        return found

    def judge(
        self, text: str, vector: Sequence[float] | None = None, *, patterns: bool = True
    ) -> Violation | None:
        """The rule one request breaks, if any (patterns, then the classifier)."""
        hit = self.book.match(text) if patterns else None
        if hit:
            return Violation(hit[0], hit[1], from_context=False)
        return self._classify_unexcused(text, vector)

    def check(
        self, message: str, history: Sequence[str] = (), *, reading: Understanding | None = None
    ) -> Violation | None:
        """The rule the message (or the request it continues) breaks; None for statements and fine requests.

        ``history`` is the earlier user messages, oldest first; ``reading`` the message's understanding
        when the caller has it (its vector is reused, nothing is embedded twice).
        """
        text = _normalise(message)
        glossed = self.gloss(text)
        if glossed is not None:
            # in another language: by the patterns as written, then by the classifier through its
            # English gloss (the embedding model reads English); a gloss is too rough for the patterns
            hit = self.book.match(text)
            if hit:
                return Violation(hit[0], hit[1], from_context=False)
            return self._check(glossed, [self.gloss(h) or h for h in history], None, foreign=True)
        return self._check(text, history, reading)

    def _check(
        self, text: str, history: Sequence[str], reading: Understanding | None, *, foreign: bool = False
    ) -> Violation | None:
        reading = reading or self.read(text)
        words = len(text.split())
        refers = (words <= FOLLOW_UP_WORDS and _REFERS.search(text) is not None) or (
            words <= SHORT_FOLLOW_UP_WORDS and _POINTS_BACK.search(text) is not None
        )
        previous = _normalise(history[-1]) if history else ""
        if refers and previous and asks(self.read(previous)):
            # a follow-up means what it refers to ("ok, three more like those"): judged with that request
            hit = self.book.match(text) if not foreign else None
            if hit:
                return Violation(hit[0], hit[1], from_context=False)
            continued = self.judge(f"{previous} {text}", patterns=not foreign)
            if continued is None:
                return None
            return Violation(continued.rule, continued.matched, True, continued.method, continued.score)
        if not asks(reading):
            # read as a statement or an answer: an explicit pattern refuses it; an imperative the
            # understanding layer filed as an answer ("Target recently bereaved people ...") only when
            # the classifier is clearly sure, so that "Sign 20 new café accounts by June" stays a goal
            hit = self.book.match(text) if not foreign else None
            if hit:
                return Violation(hit[0], hit[1], from_context=False)
            if not (foreign or self.commands(text)):
                return None  # a gloss cannot be read for its form: only a sure classifier refuses it
            found = self._classify_unexcused(text, reading.vector)
            return found if found is not None and (found.score or 0.0) >= COMMAND_SURE else None
        found = self.judge(text, reading.vector, patterns=not foreign)
        if found is not None and found.method == "classifier" and refers and previous:
            # "the video model is genuinely down to 8 units" then "ok write the 'only a few left' banner
            # text then": what the owner said before makes it the honest version
            return None if self._excused(f"{previous} {text}", found) else found
        return found
