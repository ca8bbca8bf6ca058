"""What a sentence's form says while the owner answers: a question or a request (a question mark, a
question word first, "can you", "please", an imperative), a hedged answer ("cheap ish??", "maybe 30%
more repeat orders in 12 months?") or the question said back ("customers? …"). Quoted words and
customers' questions reported after a dash are someone else's and do not count.
"""

from __future__ import annotations

import re

from advisor.plan.goals import parse_goal
from advisor.understanding.intents import AUX_QUESTION, PSEUDO_CLEFT, is_question_form
from advisor.understanding.lexicons import Cues
from advisor.understanding.models import Context
from advisor.understanding.readers import Readers

HEDGE_WORDS = 6
# a longer hedge opens a clause with one: "maybe 30% more repeat orders in the next 12 months?"
_HEDGE_START = re.compile(
    r"(?:^|[,;]\s*|\bso\s+|\bbut\s+)\W*(?:maybe|perhaps|probably|possibly|like|around|about|roughly|i guess|i think)\b",
    re.I,
)
_WH_START = re.compile(
    r"^\s*(?:\w+,?\s+){0,2}?(?:what|how|why|which|who|where|when|whats|what's|hows|how's|wdym)\b", re.I
)
# the question words of the owners' other languages: "qué es un CDP", "c'est quoi RICE", "ye ROI kya hai"
_WH_ABROAD = re.compile(
    r"^\W*(?:qu[eé] (?:es|son|significa|quiere decir)|o que (?:é|e|são|significa|quer dizer)|c'?est quoi|"
    r"qu'?est[- ]ce que|was (?:ist|sind|bedeutet|heißt|heisst)|cos'?[eè]|che cos'?[eè]|co to (?:jest|je)|"
    r"wat (?:is|betekent)|vad (?:är|betyder)|apa (?:itu|maksud)|ano ang|(?:\w+\s+){0,3}kya (?:hai|hota hai|matlab))\b",
    re.IGNORECASE,
)
# the question word in place of what is asked: "and that costs what roughly", "the plan takes how long"
_IN_SITU = re.compile(
    r"\b(?:costs?|costing|takes?|comes? to)\s+(?:what|how (?:much|long|many))\b(?!\s+(?:we|i|they)\b)"
    r"|\b(?:is|are|be|means?)\s+(?:what|how (?:much|long|many))\s*\??\s*$",  # "quality is what sets us apart" states
    re.IGNORECASE,
)
# "when they order on whatsapp we ask if they want updates": when it happens, not a question
_WHEN_CLAUSE = re.compile(
    r"^\s*(?:when|whenever)\s+(?:they|we|customers|people|someone|somebody|a customer|buyers|i|you)\b[^?]*$",
    re.IGNORECASE,
)
_MODAL_REQUEST = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u|ya)\b|\bplease\b|\bpls\b|\bplz\b"
    r"|\b(?:i|we)(?:'d| would)? (?:like|want|need) (?:you|u) to\b"
    r"|\b(?:want|need|like|love|wish) to (?:know|learn|understand|see) how\b"
    r"|\bshould (?:i|we)\b|\bis it (?:ok|okay|possible|legal|fine|allowed|safe)\b|\bany (?:ideas|tips|advice)\b"
    r"|\bwhat if\b|\bi wonder\b|\bwondering\b"
    # "is klaviyo worth it over mailchimp or nah": an auxiliary, a name, then what is weighed
    r"|^\W*(?:so\W+|ok\W+|and\W+)?(?:is|are|does|do)\s+[\w.-]+(?:\s+[\w.-]+)?\s+(?:worth|better|any good|"
    r"good enough|free|necessary|needed|required|compatible|enough)\b"
    # at the start only: "customers tell me the sizes run small" reports, "tell me about RICE" asks
    r"|^\W*(?:\w+,?\s+){0,2}?(?:tell (?:me|us)|explain|show (?:me|us)|give (?:me|us)|help (?:me|us))\b"
    # noun-phrase questions: "difference between RICE and ICE", "pros and cons of chatbots", "tips for SEO"
    r"|^\W*(?:the\s+)?(?:difference between|meaning of|definition of|examples? of|pros and cons|tips (?:on|for)|"
    r"advice (?:on|for)|ideas? (?:on|for)|best (?:way|tools?|practices?) (?:to|for))\b|\b\w+ (?:vs\.?|versus) \w+",
    re.IGNORECASE,
)
# quoted words are someone else's ("they all ask 'is this still available'")
_QUOTED = re.compile(r"(?:(?<=\s)|^)['\"‘“][^'\"’”\n]{2,80}['\"’”](?=\W|$)")
# what customers ask, reported after a dash or a colon
_REPORTED = re.compile(
    r"\b(?:questions?|ask(?:s|ing|ed)?|messages?|dms?|e-?mails?|comments?|things like|stuff like)\b"
    r"[^.!?]{0,25}?(?:\s[—–-]\s?|:\s)",
    re.IGNORECASE,
)
ECHO = re.compile(  # "customers? people furnishing beach houses"; "whats RICE?" asks
    r"\s*(?!(?:what|whats|what's|how|hows|how's|why|which|who|where|when|wdym)\b)(?:the\s+|my\s+|our\s+)?"
    r"[\w'-]+(?:\s+[\w'-]+)?\s*\?+\s*",
    re.IGNORECASE,
)
UNSURE_REQUEST = 0.9  # below this, a "can you …?" sentence the head reads otherwise is a request
REQUEST_FORM = re.compile(r"^\s*(?:\w+,?\s+)?(?:can|could|would|will) you\b", re.IGNORECASE)


def asking_form(text: str, cues: Cues) -> bool:
    """A question's or a request's form, quoted words left out ("... 'is this still available'")."""
    own = _QUOTED.sub(" ", text)
    reported = _REPORTED.search(own)
    if reported:  # "same questions every day — what size, is it safe for newborn": the customers ask
        own = own[: reported.start()] + "."
    return _asks(own, _WH_START) or cues.commands(own)


def _asks(own: str, wh: re.Pattern[str]) -> bool:
    """A question mark or an auxiliary first, a question word (not a wh-clause subject, not "when
    they order ..."), or a polite request."""
    return (
        is_question_form(own)
        or (wh.match(own) is not None and PSEUDO_CLEFT.match(own) is None and not _WHEN_CLAUSE.match(own))
        or _MODAL_REQUEST.search(own) is not None
        or asks_in_other_words(own)
    )


def asks_in_other_words(text: str) -> bool:
    """A question without an English question's opening: the question word in place ("and that costs what
    roughly") or in another language ("qué es un CDP")."""
    return _IN_SITU.search(text) is not None or _WH_ABROAD.match(text) is not None


def asks_outright(text: str) -> bool:
    """A question's or a polite request's form without the imperative verbs: "can u build me ...",
    "what happens with my data after", "does PDPA count"."""
    own = _QUOTED.sub(" ", text)
    return _asks(own, _WH_FIRST) or DOES_START.match(own) is not None


# asking what the advisor's own question means: "hmm not sure what u mean by main customers, like age?"
ASKS_MEANING = re.compile(
    r"\b(?:not sure|unsure|dunno|don'?t (?:know|get|understand)|confused (?:about|by)?)\s+what\s+(?:you|u|ya)\s+mean"
    r"|\bwhat do (?:you|u|ya) mean\b|\bwdym\b|\bwhat does (?:that|this|it) mean\b",
    re.IGNORECASE,
)
_WH_FIRST = (
    re.compile(  # the question word first, after fillers only ("tourists who want ..." is no question)
        r"^\W*(?:(?:so|ok|okay|and|but|wait|hmm+|sorry|also|then|btw|oh)\W+){0,2}"
        r"(?:what|how|why|which|who|where|when|whats|what's|hows|how's|wdym)\b",
        re.IGNORECASE,
    )
)
DOES_START = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?does\s+\w+", re.IGNORECASE)


_STATEMENT_START = re.compile(
    r"^\W*(?:there'?s|there is|there are|we have|we've got|we got|we use|we do|it'?s|its|they|i think|just|only|"
    r"mostly|our|the|now|currently|right now|today)\b",
    re.IGNORECASE,
)


_ENOUGH = re.compile(r"^\W*(?:is|are|does|do|would|will|should|can)\b", re.IGNORECASE)


_JUST_AN_AMOUNT = re.compile(
    r"\W*(?:maybe|about|around|like|roughly|say|approx\.?|~)?\s*[$€£¥₹₦]?\s?\d[\d,.]*\s?(?:k|m|grand|%)?\s?"
    r"(?:[a-z]{1,8}\s?)?(?:a month|per month|/mo|a year|per year)?\s*\?+\W*",
    re.IGNORECASE,
)


def hedged_answer(text: str, context: Context, readers: Readers) -> bool:
    """A few words, or a hedge ("like 50% more …?"), with a question mark that the asked slot's reader
    understands ("premium?")."""
    if context.asked not in (None, "confirm") and _JUST_AN_AMOUNT.fullmatch(text.strip()):
        return True  # "£50?", "maybe 2k?": an amount with a question mark asks nothing
    return (
        context.asked not in (None, "confirm")
        and "?" in text  # "tell me more about chatbots" is short, but asks without hedging
        and (
            len(text.split()) <= HEDGE_WORDS
            or _HEDGE_START.search(text) is not None
            # a statement said with a rising tone: "there's a newsletter sign up box on the site?"
            or (
                _STATEMENT_START.match(text) is not None
                and not asking_form(text.rstrip("?! "), readers.cues)
                # "we have a newsletter, is that enough?" asks in its second part
                and not any(
                    AUX_QUESTION.match(part) or _WH_START.match(part) or _ENOUGH.match(part)
                    for part in re.split(r"[,;:]|\s[-–—]\s", text)[1:]
                )
            )
        )
        and _WH_START.match(text) is None
        and AUX_QUESTION.match(text) is None
        and (
            bool(readers.read(str(context.asked), text.rstrip("?! "), context, 1.0).facts)
            or (context.asked == "goals" and re.search(r"\d", text) is not None)  # "maybe 20%? by spring"
        )
    )


# "I want popups that guilt people into subscribing", "we'd like to email everyone on the list": a wish
# for something done, which the intent head reads as a request; a goal ("I want more repeat orders") is
# an answer, and the goal reader tells the two apart
_WANT_FORM = re.compile(
    r"^\W*(?:so\W+|and\W+|also\W+)?(?:(?:i|we)(?:'d| would)?\s+(?:really\s+)?(?:want|wanna|need|like)|need)\b",
    re.I,
)  # "need subject lines for black friday email": the subject left out
SURE_REQUEST = 0.9


def wants_done(text: str, readers: Readers) -> bool:
    """A wish for a tactic or a piece of work, not a business goal."""
    if not _WANT_FORM.match(text):
        return False
    return (
        parse_goal(text, readers.metrics).metric is None
    )  # a goal names what it moves: sales, repeat orders
