"""The project's one sentence splitter (pysbd), made linear, and the clause splitter built on it.

pysbd knows abbreviations ("vs.", "e.g.", "i.e.", "Inc.") and decimals, so "RICE vs. ICE" stays one
sentence. Its rules are not linear on pathological input ("a. a. a. ..." of 8,000 characters takes
over a second), so text is cut into windows of at most ``WINDOW`` characters at whitespace first, and
a window that is mostly full stops (not prose) is split by a plain pattern. Every span is an exact
slice of the input, so a sentence can be quoted verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

WINDOW = 600
_MAX_STOPS_PER_WINDOW = 40  # more full stops than this in one window: not prose, split plainly
_PLAIN_STOP = re.compile(r"[.!?]+\s+")
# abbreviations pysbd does not know, after which a sentence goes on ("6 staff incl. one developer")
_ABBREVIATION_END = re.compile(r"\b(?:incl|excl|approx|appr|esp|ca|avg|pcs|qty|nr|resp)\.$", re.IGNORECASE)
# words pysbd takes for abbreviations ("ok." is Oklahoma to it) after which a new sentence starts
_STOP_AFTER = re.compile(
    r"\b(?:ok|okay|yes|yep|nope|lol|haha|thanks|no|me|alone|myself)\.\s+(?=[^\W\d_])", re.IGNORECASE
)  # "just me. budget maybe 100 a month"
# clause breaks inside a sentence: punctuation, or a conjunction that opens a new statement; a comma
# after a number is not one when a number follows ("600, 800 dollar", "35, 40, 50 years")
_CLAUSE_BREAK = re.compile(
    r"\s*[;:•|]\s*|\s+[–—-]\s+|(?:(?<!\d),|,(?!\s*\d))(?!\s*(?:canadian|australian|aussie|kiwi|american|singapore|cad|aud|nzd|sgd|usd)\b)\s+(?:(?:and|but|so|though|although|plus|also|while|whereas)\s+)?|\s*\+\s+(?=(?:we|i|our|my)\b)|\s+(?:but|though|although|whereas)\s+"
    # "me and my wife" is one subject, not two clauses
    # an emoji between two statements ("takes my whole night 😩 sales are around ₱80k")
    r"|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\uFE0F?\s+(?=(?:we|we're|i|i'm|our|my|they|it's|sales|revenue|turnover|"
    r"budget|there)\b)"
    r"|(?<!\bme)(?<!\bi)\s+(?:and|but|so|plus|while|though|although|also|then)\s+"
    r"(?=(?:we|we're|we've|i|i'm|i've|our|my|they|their|it's|its|customers|most|mostly|mainly|about|around|roughly|"
    r"maybe|probably|revenue|sales|turnover|budget|there|the difference|the (?:main |big )?goal|what (?:makes|sets) (?:us|me)|"
    r"(?:want|wanna|hope|plan|aim|need) to|would like to)\b)"
    # a dictated run-on without punctuation: a new subject opens a new statement ("brand based in Cornwall
    # we sell on Shopify our customers are mostly new parents"), not after a word that binds it ("what we sell")
    r"|(?<=[a-z])(?<!\bwhat)(?<!\bthat)(?<!\bwhich)(?<!\bwho)(?<!\bwhere)(?<!\bhow)(?<!\bwhy)(?<!\bwhen)(?<!\bif)"
    r"(?<!\bstuff)(?<!\bthings)(?<!\bitems)(?<!\bproducts)(?<!\beverything)(?<!\ball)(?<!\bonly)(?<!\bbecause)"
    r"(?<!\bsince)(?<!\bas)(?<!\bbefore)(?<!\bafter)(?<!\buntil)(?<!\bonce)(?<!\bwhat)(?<!\band)(?<!\bor)(?<!\bso)"
    r"(?<!\bbut)(?<!\bthen)(?<!\bplus)(?<!\bthe)(?<!\bstuff)(?<!\bwhile)(?<!\bwhether)(?<!\bthan)\s+"
    r"(?=(?:we|i) (?:(?:also|mostly|mainly|only|just) )?(?:sell|make|ship|want|use|teach)\b|"
    r"(?:our|my) (?:customers|clients|buyers|(?:main |big )?goal|budget|team)\b|the (?:main |big )?goal is\b)"
    # a question taken back in a dictated run-on: "what do you mean by data like the orders or ok I
    # think I understand so the orders are in WooCommerce"
    r"|\s+(?:or\s+)?(?:ok|okay|oh)\s+(?=i (?:think )?(?:i )?(?:understand|get it|see|got it)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """A piece of the owner's text: its characters and where they are."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _windows(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` into windows of at most WINDOW characters, at the last whitespace when there is one."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + WINDOW)
        if end < len(text):
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


def _split_window(text: str, offset: int) -> list[Span]:
    if text.count(".") > _MAX_STOPS_PER_WINDOW:
        spans, start = [], 0
        for match in _PLAIN_STOP.finditer(text):
            spans.append(Span(text[start : match.end()], offset + start, offset + match.end()))
            start = match.end()
        if start < len(text):
            spans.append(Span(text[start:], offset + start, offset + len(text)))
        return spans
    return [Span(s.sent, offset + s.start, offset + s.end) for s in _segmenter().segment(text)]


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` (paragraph breaks always end one), stripped, each an exact slice."""
    spans: list[Span] = []
    for block in re.finditer(r"[^\n]+", text):
        line = block.group(0)
        start = 0
        while start < len(line):
            end = _windows(line[start:])[0][1] + start
            pieces = _split_window(line[start:end], block.start() + start)
            if end < len(line) and len(pieces) > 1:
                # the window's last sentence may run on past the cut: it is split again with the next window
                pieces = pieces[:-1]
                end = pieces[-1].end - block.start()
            for span in pieces:
                stripped = span.text.strip()
                if stripped:
                    lead = len(span.text) - len(span.text.lstrip())
                    spans.append(Span(stripped, span.start + lead, span.start + lead + len(stripped)))
            start = end
    return _rejoin_abbreviations(text, [piece for span in spans for piece in _split_after_words(span)])


def _split_after_words(span: Span) -> list[Span]:
    """The sentence cut after "ok." and the like, which pysbd reads as abbreviations."""
    out: list[Span] = []
    start = 0
    for match in _STOP_AFTER.finditer(span.text):
        out.append(
            Span(span.text[start : match.end()].rstrip(), span.start + start, span.start + match.end())
        )
        start = match.end()
    out.append(Span(span.text[start:], span.start + start, span.end))
    return [Span(p.text, p.start, p.start + len(p.text)) for p in out if p.text]


def _rejoin_abbreviations(text: str, spans: list[Span]) -> list[Span]:
    """Join a sentence that ends in an abbreviation with the next one when that one goes on in lower case."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _ABBREVIATION_END.search(prev.text)
            and "\n" not in text[prev.end : span.start]
            and (span.text[:1].islower() or span.text[:1].isdigit())
        ):
            out[-1] = Span(text[prev.start : span.end], prev.start, span.end)
        else:
            out.append(span)
    return out


def split_clauses(sentence: Span) -> list[Span]:
    """Clauses of one sentence: cut at commas, semicolons, dashes and conjunctions opening a statement."""
    pieces: list[Span] = []
    start = 0
    text = sentence.text
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() > start:
            pieces.append(
                Span(text[start : match.start()], sentence.start + start, sentence.start + match.start())
            )
        start = match.end()
    if start < len(text):
        pieces.append(Span(text[start:], sentence.start + start, sentence.end))
    out = []
    for piece in pieces:
        stripped = piece.text.strip(" .!?,")
        if stripped:
            lead = piece.text.find(stripped)
            out.append(Span(stripped, piece.start + lead, piece.start + lead + len(stripped)))
    return out
