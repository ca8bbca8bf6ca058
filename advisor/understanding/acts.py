"""What one sentence of an answer does, and what the whole message does.

The intent head reads each sentence; these rules correct it where its form says otherwise, in order:
a greeting whose words answer ("Returns!!"); an edit of the summary ("we also use Gorgias, please add
it"); a question about the advisor's own question ("not sure what u mean by main customers, like
age?"); a sentence one of whose clauses surely asks ("before i say yes — what happens with my data");
then, while answering a question, a sentence without a question's or a request's form is an answer
("people spell their dog's name wrong and want a free redo"), and a polite "Can you suggest …?" a request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.parsing.sentences import Span
from advisor.plan.goals import parse_goal
from advisor.understanding.forms import (
    ASKS_MEANING,
    DOES_START,
    REQUEST_FORM,
    SURE_REQUEST,
    UNSURE_REQUEST,
    asking_form,
    asks_in_other_words,
    asks_outright,
    hedged_answer,
    wants_done,
)
from advisor.understanding.intents import (
    ASKS_ENOUGH,
    ASKS_WITHOUT_MARK,
    CORRECTION_CUE,
    MISHEARD,
    WONDERS,
    is_question_form,
)
from advisor.understanding.models import SLOT_FIELDS, Clarification, Context, Fact
from advisor.understanding.readers import Readers

IntentOf = dict[str, tuple[str, float]]

ANSWER_WORDS = 2  # a clause longer than this, read as an answer, answers something ("like age" does not)
SURE_QUESTION_CLAUSE = 0.95  # a clause this surely a question, in a question's form, makes its sentence one
SURE_ANSWER_FORM = 0.9  # the head this sure of an answer outranks a question's form without its mark
# greetings in the owners' other languages, alone or with "how are you"
_HELLO_ABROAD = re.compile(
    r"\W*(?:oi|ol[aá]|hola|hallo|hej|hei|ciao|salut|bonjour|merhaba|namaste(?: ji)?|kumusta|halo|salaam|jambo|"
    r"habari|sawubona|sveiki|ahoj|cze[sś][cć])\W*"
    r"(?:(?:tudo bem|tudo bom|qu[eé] tal|c[oó]mo (?:est[aá]s?|va)|wie geht'?s|come va|[çc]a va|kaise ho|apa kabar|"
    r"nas[ıi]ls[ıi]n|kumusta ka|jak się masz|habari yako)\W*)?",
    re.IGNORECASE,
)
SURE_FOREIGN = (
    0.85  # a request in another language: the head this sure of it stands, if its gloss asks for work
)
# a piece of work asked for ("write me a welcome email for repeat customers"), not a goal said as a command
_WORK_ASKED = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:write|create|draft|design|generate|translate|give|send|build|code|set up|make me|"
    r"suggest|list|plan|outline|come up)\b",
    re.IGNORECASE,
)
# a request in another language, read in its gloss: a verb of work first ("escreve uma descrição" → "writes a
# descrição") or last ("welcome message likh do" → "write do"), or "for me"
_COMMAND_GLOSSED = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:write|writes|make|makes|create|creates|draft|translate|generate|give|send)\b"
    r"|\b(?:write|make|create|give|send|tell|do) (?:do|me)\b|\bfor (?:me|mim)\b",
    re.IGNORECASE,
)
# a clause that only checks the answer suits the question: it needs no answer of its own
_CHECKING = re.compile(
    r"^(?:is|was|would|will)\s+(?:that|this|it)\s+(?:be\s+)?(?:what you (?:mean|meant|need|needed|want|wanted|"
    r"are after|'re after)|ok(?:ay)?|enough|right|fine|correct|good|alright|all right|useful|helpful|clear)\W*$"
    r"|^(?:does|did)\s+(?:that|this)\s+(?:help|work|answer (?:it|that|your question)|make sense)\W*$"
    r"|^(?:hope|i hope)\s+(?:that|this)\s+(?:helps|makes sense|is ok(?:ay)?)\W*$",
    re.IGNORECASE,
)
# customers' questions reported in the answer: "same questions every day — what size, is it safe"
_REPORTED = re.compile(
    r"\b(?:questions?|dms?|emails?|messages?|inquiries|enquiries|calls|calling)\b"
    r"|\b(?:customers?|people|they|buyers|clients|parents|everyone|folks)\s+(?:\w+\s+){0,3}?"
    r"(?:asks?|asking|asked|wondering|want to know)\b",
    re.IGNORECASE,
)
# a later clause that asks in so many words, without its question mark: "we use shopify - would
# klaviyo or omnisend be better for us" ("what do you think" is too short to need an answer)
_ASKS_AT_LENGTH = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(?:would|should|could|can|is|are|do|does|will|what|which|how|why)\s+\S+(?:\s+\S+){3,}",
    re.IGNORECASE,
)
# a statement that ends unsure: "Shopify has something by default maybe?"
_UNSURE_END = re.compile(
    r"\b(?:maybe|perhaps|probably|possibly|i think|i guess|i believe|or something|or so|idk|not sure)\W*\?+\W*$",
    re.IGNORECASE,
)
# asking what a word means: "explain RICE to me", "define mid-market for me pls"
_DEFINE = re.compile(
    r"^\W*(?:(?:pls|please|can you|could you|quickly)\s+)*(?:define|explain)\b", re.IGNORECASE
)
DEFINE_WORDS = 6  # "explain to customers why our prices went up" is a task, not a question about a word
_NEGATION = re.compile(r"\b(?:not|isn'?t|wasn'?t|aren'?t|no|nope)\b", re.IGNORECASE)
FREE_TEXT_SLOTS = frozenset({"business", "audience", "data", "pain_points"})
_EDIT_PROFILE = re.compile(
    r"\b(?:add|include|put|change|update|remove|delete|drop|fix|correct)\s+(?:it|that|this|them|those)\b",
    re.IGNORECASE,
)
_ASKS_YOU = re.compile(r"^\W*(?:can|could|would|will)\s+(?:you|u|ya)\b", re.IGNORECASE)
_DISAGREES = re.compile(
    r"^\W*(?:no|nope|nah|nein|non|not|wrong|that'?s wrong|incorrect|actually|wait|sorry|oops|hmm+)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SentenceAct:
    intent: str
    p: float
    hedged: bool = False  # a short hedge on the slot asked ("cheap ish??"): an answer, not a question


def _intent(intent_of: IntentOf, text: str) -> tuple[str, float]:
    return intent_of.get(text, ("answer", 0.0))


def sentence_act(
    sentence: Span,
    clauses: Sequence[Span],
    others: Sequence[Span],
    said: tuple[str, float],
    intent_of: IntentOf,
    context: Context,
    readers: Readers,
) -> SentenceAct:
    """The act of one sentence; ``said`` is what the intent head read, ``others`` the message's other
    sentences."""
    intent, p = said
    text = sentence.text
    if _HELLO_ABROAD.fullmatch(text):
        return SentenceAct("greeting", 1.0, False)  # "oi, tudo bem?" is small talk, not an unsure answer
    if intent == "greeting" and context.asked is not None and len(clauses) == 1:
        c_intent, c_p = intent_of.get(clauses[0].text, said)
        if c_intent == "answer":  # "Returns!!": the exclamation marks read as small talk, the words answer
            intent, p = c_intent, c_p
    if (
        context.asked == "confirm"
        and intent == "request"
        and _EDIT_PROFILE.search(text)
        and not _ASKS_YOU.match(text)
    ):
        intent = "answer"  # "we also use Gorgias, please add it": a change to the summary, not a task
    outright = False  # asked in so many words: the form gate below does not turn it into an answer
    if intent in ("request", "answer") and (
        WONDERS.match(text) or (_DEFINE.match(text) and len(text.split()) <= DEFINE_WORDS)
    ):
        intent, outright = "question", True  # "define mid-market for me pls", "wondering what a SMART goal …"
    if (
        intent == "answer"
        and p < SURE_ANSWER_FORM
        and (ASKS_WITHOUT_MARK.match(text) or asks_in_other_words(text))
    ) or (intent in ("answer", "request") and ASKS_ENOUGH.match(text)):
        intent, p, outright = "question", 1.0 - p, True  # "does a cookie banner count as consent"
    if (
        ASKS_MEANING.search(text)
        and not any(
            _intent(intent_of, c.text)[0] == "answer" and not ASKS_MEANING.search(c.text)
            for c in clauses
            if len(c.text.split()) > ANSWER_WORDS
        )
    ):  # "not sure what u mean by main customers, like age?"; but "idk what u mean by goal, i just want more sales" answers
        if intent not in ("question", "request"):
            intent, p = "question", max(p, SURE_REQUEST)
        outright = True
    elif (
        intent in ("answer", "question")
        and any(
            _intent(intent_of, c.text)[0] == "question"
            and _intent(intent_of, c.text)[1] >= SURE_QUESTION_CLAUSE
            and asks_outright(c.text)
            for c in clauses
        )
        and all(_intent(intent_of, c.text)[0] != "answer" for c in clauses)
    ):  # "before i say yes — what happens with my data after": one clause surely asks, none answers
        intent, p, outright = "question", intent_of.get(text, (intent, p))[1], True
    hedged = context.asked is not None and hedged_answer(text, context, readers)
    if (
        hedged
        and others
        and context.asked in FREE_TEXT_SLOTS
        and any(is_question_form(o.text) for o in others)
    ):
        hedged = False  # "maksudnya data apa ya? what counts as data?": two ways of asking
    if (
        intent == "question"
        and not outright
        and context.asked not in (None, "confirm")
        and _UNSURE_END.search(text)
        and not asking_form(text.rstrip("?! "), readers.cues)
    ):
        return SentenceAct(
            "answer", 1.0 - p, True
        )  # "Shopify has something by default maybe?": unsure, not asking
    wish = intent == "request" and p >= SURE_REQUEST and wants_done(text, readers)
    if (
        context.asked == "goals"
        and intent == "request"
        and not _WORK_ASKED.match(text)
        and parse_goal(text, readers.metrics).metric is not None
    ):
        return SentenceAct(
            "answer", p, hedged
        )  # "Get the tourists to order again once they're home": the goal
    # the form gate knows English forms only: "escreve uma descrição pra mim" is judged by the head alone
    gloss = readers.glossary.gloss(text) if intent == "request" and p >= SURE_FOREIGN else None
    foreign = gloss is not None and _COMMAND_GLOSSED.search(gloss) is not None
    if (
        context.asked is not None
        and intent in ("question", "request")
        and not (outright or foreign or (DOES_START.match(text) and intent == "question"))
        and (hedged or not (asking_form(text, readers.cues) or wish))
    ):
        # answering a question: a sentence without a question's or a request's form is an answer,
        # however sure the head is, and so is a short hedge on the slot asked
        return SentenceAct("answer", 1.0 - p, hedged)
    if p < UNSURE_REQUEST and REQUEST_FORM.match(text) and text.rstrip().endswith("?"):
        # "Can you suggest a flow where …, so fewer people make it through?" asks for something
        return SentenceAct("request", UNSURE_REQUEST, hedged)
    return SentenceAct(intent, p, hedged)


def in_parentheses(message: str, sentence: Span) -> bool:
    """The sentence's question mark stands inside brackets: a question reported, not asked."""
    mark = message.rfind("?", sentence.start, sentence.end + 1)
    return mark >= 0 and message.count("(", 0, mark) > message.count(")", 0, mark)


def message_act(
    intent: str,
    message: str,
    facts: list[Fact],
    clarifications: list[Clarification],
    named: list[str],
    questions: list[str],
    requests: list[str],
    asked: str | None = None,
) -> str:
    """The act of the whole message, from the head's reading and what was found in it (``asked``: the
    slot just asked)."""
    answers_asked = any(f.field in SLOT_FIELDS.get(asked or "", ()) for f in facts)
    if facts and any(MISHEARD.match(s) for s in re.split(r"(?<=[.!?;])\s+", message)):
        return "correction"  # "oh u meant the data lol. its just ...": the earlier answer is replaced
    if intent == "skip" and facts:
        return "answer"  # "jus me tbh": a fact, however offhand
    if intent == "correction" and answers_asked and not CORRECTION_CUE.search(_NEGATION.sub(" ", message)):
        return "answer"  # "shopify + mailchimp, not linked": the question answered, nothing taken back
    if intent in ("start_over", "skip", "correction"):
        return intent  # the act stands; facts said alongside are still filed
    if named and not facts:
        return "no"  # "the region is wrong": which field, but not its new value
    if facts and intent == "no":
        # "no, the budget is 200"; but "shopfy n klavio" is the head's faint "no" on misspelt words
        return "correction" if _DISAGREES.match(message) or CORRECTION_CUE.search(message) else "answer"
    if facts or clarifications:
        return "answer"
    if intent == "answer" and questions:
        return "question"
    if intent == "answer" and requests:
        return "request"
    return intent


def answer_then_ask(
    sentence: Span, clauses: Sequence[Span], message: str, intent_of: IntentOf, intent: str, p: float
) -> tuple[str, float, list[Span], list[Span]]:
    """(intent, p, clauses set aside, clauses that ask) of a sentence whose later clauses ask or check:
    "we use shopify - would klaviyo or omnisend be better for us" answers, then asks; "mostly women,
    is that what you mean?" answers, then checks (no answer needed). Customers' questions reported
    in the answer ("same questions every day — what size, is it safe") are part of it."""
    checking = [c for c in clauses[1:] if _CHECKING.match(c.text)]
    asking = [
        c
        for c in clauses[1:]
        if c not in checking
        and not _REPORTED.search(message[sentence.start : c.start])
        and _asks_in_its_clause(c, message, intent_of)
    ]
    if (
        intent == "question"
        and (asking or checking)
        and intent_of.get(clauses[0].text, ("", 0.0))[0] == "answer"
        and not _asks_in_its_clause(clauses[0], message, intent_of)
        and not is_question_form(clauses[0].text)
    ):
        intent, p = "answer", 1.0 - p  # "mostly women, is that what you mean?": both
    return intent, p, checking + asking, asking


def asks_in_a_clause(clauses: Sequence[Span], intent_of: IntentOf) -> bool:
    """One clause of the sentence surely asks, in a question's form."""
    return any(
        _intent(intent_of, c.text)[0] == "question"
        and _intent(intent_of, c.text)[1] >= SURE_QUESTION_CLAUSE
        and asks_outright(c.text)
        for c in clauses
    )


def _asks_in_its_clause(clause: Span, message: str, intent_of: IntentOf) -> bool:
    """A later clause of an answer that asks: by an auxiliary's form ("is that bad"), or surely, with
    its question mark or at some length ("which tool would you pick for the emails")."""
    if ASKS_WITHOUT_MARK.match(clause.text):
        return True
    marked = message[clause.end : clause.end + 2].lstrip().startswith("?")
    return (marked or _ASKS_AT_LENGTH.match(clause.text) is not None) and asks_in_a_clause(
        [clause], intent_of
    )
