"""Offline extraction: every fact a message contains, not only the one asked for.

"We sell candles on Shopify, $40k a month" fills the niche, the stack and the revenue. Rules run on
every message; the slot that was asked also takes the whole answer as free text when no rule matched
(an audience or a pain point is best kept in the owner's words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.knowledge.curated import load_curated
from advisor.plan.goals import parse_goal
from advisor.plan.metrics import MetricLexicon
from advisor.plan.normalize import detect_tools, strip_negated
from advisor.plan.quantities import monthly_amount, parse_money

UNKNOWN = re.compile(
    r"^\s*(i\s*)?(don'?t|do not|dont)\s+know\b|^\s*(not sure|no idea|unsure|skip|pass|n/?a|no clue|dunno|"
    r"can'?t say|hard to say|i'?m not sure|not really sure|next|prefer not to say|rather not say)\b",
    re.IGNORECASE,
)
CORRECTION = re.compile(
    r"\b(actually|correction|i meant|sorry,? i meant|to correct|change (my|the|our)|update (my|the|our)|wait)\b",
    re.I,
)
QUESTION_START = re.compile(
    r"^\s*(how|what|which|why|can|could|should|would|will|is|are|do|does|did|where|when|who|may|tell me)\b",
    re.I,
)
_SELL = re.compile(
    r"\b(?:we|i|they)\s+(?:mainly |mostly |primarily |currently |also )?(?:sell|make|offer|run|have|own|operate|design|produce|import|retail)\s+(?P<what>[^.;!?]+)"
    r"|\b(?:our|my)\s+(?:shop|store|brand|business|company)\s+(?:sells|offers|is an?|makes)\s+(?P<what2>[^.;!?]+)"
    r"|\b(?:we'?re|we are|i'?m|i am)\s+(?:an?\s+)?(?P<what3>[^.;!?]{3,80}?(?:shop|store|brand|boutique|retailer|business|company|seller|marketplace|startup))\b"
    r"|^\s*(?:selling|we sell|i sell)\s+(?P<what4>[^.;!?]+)",
    re.IGNORECASE,
)
_PLATFORM_TAIL = re.compile(
    r"\s+(?:on|through|via|using|with|from|in|at)\s+(?:our own |my own |a |an |the )?(?:\w+\s+)?(?:store|shop|website|site|platform|shopify|woo\w*|etsy|amazon|bigcommerce|wix|squarespace|magento|ebay)\b.*$"
    r"|,?\s+(?:and|with)?\s*(?:we |i )?(?:make|do|turn over|earn|bring in)\s+.*$|,?\s+(?:about|around|roughly)?\s*\$.*$",
    re.IGNORECASE,
)
_REVENUE = re.compile(
    r"\b(revenue|sales|turnover|make|makes|making|do|doing|earn|earning|bring in|gmv|income|per month|a month|monthly|"
    r"a year|per year|annual)\b|/\s*(mo|month|yr|year)\b",
    re.I,
)
_TO_AUDIENCE = re.compile(
    r"\s+(?:to|for)\s+(?P<who>(?:[\w'-]+\s+){0,4}(?:owners|people|customers|parents|buyers|shoppers|women|men|families|"
    r"businesses|students|professionals|teens|teenagers|kids|fans|lovers|enthusiasts|collectors|gamers|athletes|runners|"
    r"moms|mums|dads|brides|couples|homeowners|gardeners|cyclists|hikers|travellers|travelers|retailers|salons|cafes|restaurants)\b[^,.;!?]*)",
    re.IGNORECASE,
)
_BUDGET = re.compile(
    r"\b(budget|spend|spending|afford|invest|put aside|allocate|per month on|for tools|for ai)\b", re.I
)
_AUDIENCE = re.compile(
    r"\b(?:our|my) (?:customers|buyers|shoppers|clients|audience) (?:are|is)\s+(?P<a>[^.;!?]+)"
    r"|\b(?:we )?sell(?:ing)? (?:mostly |mainly )?to\s+(?P<b>[^.;!?]+)"
    r"|\b(?:customers|buyers|shoppers) (?:are )?(?:mostly|mainly|largely)\s+(?P<c>[^.;!?]+)",
    re.IGNORECASE,
)
_POSITION = re.compile(
    r"\b(premium|luxury|high[- ]end|low[- ]cost|cheap|discount|mid[- ]?market|mid[- ]range|affordable|niche|value|"
    r"budget (?:brand|range|segment|option|end|prices?|positioning))\b",
    re.I,
)
_STORE_WORD = re.compile(r"\b(shop|store|brand|boutique|business|company|label|studio|marketplace)\b", re.I)
_CLAUSE_BREAK = re.compile(
    r"\s*(?:,|;|\band\b|\bbut\b|\bwhile\b)\s+(?:my|our|we|i|they|it|the customers|customers)\b.*$", re.I
)
_USP = re.compile(
    r"\b(?:what makes us (?:different|unique)|our usp|we(?:'re| are) known for|unlike (?:others|competitors))\b[^.;!?]*",
    re.I,
)
_PAIN = re.compile(
    r"\b(struggl\w*|problem|pain|headache|drowning|overwhelm\w*|too many|too much|can'?t keep up|losing|lose|slow|"
    r"manual(?:ly)?|waste|wasting|hard to|difficult|frustrat\w*|keep running out|never come back|abandon\w*|chargebacks?|fraud)\b",
    re.I,
)
_TEAM_SIZE = re.compile(
    r"\b(just me|only me|myself|solo|(?:two|three|four|five|\d+) (?:of us|people|person|employees|staff)|small team|team of \w+|a team|our team|my team|developer|freelancer|agency|data scientist|engineer|marketing team|co-?founder)\b",
    re.I,
)
_CONSENT_YES = re.compile(
    r"\b(yes|we do|opt[- ]?in|consent (banner|management|form|checkbox)|cookie banner|double opt[- ]?in|gdpr[- ]compliant|we ask)\b",
    re.I,
)
_CONSENT_NO = re.compile(r"^\s*(no|nope|not really|not yet|we don'?t|not sure)\b|\bno consent\b", re.I)
_BUDGET_BANDS = [
    (re.compile(r"under \$?100|less than \$?100|below \$?100", re.I), 80.0),
    (re.compile(r"\$?100\s*[–-]\s*\$?500", re.I), 300.0),
    (re.compile(r"\$?500\s*[–-]\s*\$?2,?000", re.I), 1000.0),
    (re.compile(r"more than \$?2,?000|over \$?2,?000", re.I), 3000.0),
]
_NOTHING = re.compile(r"^\s*(nothing|none|zero|nil|no budget|\$?0)\b", re.I)


@dataclass
class Extraction:
    """Facts found in one message: profile field → value; what was marked unknown; notes."""

    facts: dict[str, Any] = field(default_factory=dict)
    unknown: bool = False
    correction: bool = False
    question: bool = False

    def merge(self, other: Extraction) -> None:
        for key, value in other.facts.items():
            if key not in self.facts or not self.facts[key]:
                self.facts[key] = value


def _clean_phrase(text: str) -> str:
    text = re.sub(r"^\s*(?:and|but|so|also|mostly|mainly|a lot of|lots of)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" ,.-–—")


def _split_list(text: str) -> list[str]:
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*|;\s*|\s*/\s*", text)
    return [_clean_phrase(p) for p in parts if len(_clean_phrase(p)) > 1]


def clean_niche(text: str) -> str:
    """'Handmade wallets through our WooCommerce site, and we ...' → 'Handmade wallets'."""
    what = _CLAUSE_BREAK.sub("", text)
    what = _PLATFORM_TAIL.sub("", what)
    return re.sub(r"^(?:a|an|the)\s+", "", _clean_phrase(what), flags=re.I)


def extract_business(text: str) -> dict[str, Any]:
    match = _SELL.search(text)
    if not match:
        return {}
    what = next(g for g in match.groups() if g)
    verb = re.search(r"\b(run|have|own|operate)\b", text[match.start() : match.start() + 40], re.I)
    if verb and not _STORE_WORD.search(what):
        return {}
    facts: dict[str, Any] = {}
    audience = _TO_AUDIENCE.search(what)
    if audience:
        who = _clean_phrase(audience.group("who"))
        if not re.match(
            r"^(customers|people|buyers|shoppers|clients)\s+(in|from|across|all over)\b", who, re.I
        ):
            facts["audience"] = who  # "customers in the US" says where, not who
        what = what[: audience.start()]
    what = clean_niche(what)
    if not what or len(what.split()) > 14:
        return {}
    facts["niche"] = what
    items = _split_list(what)
    if len(items) >= 2:
        facts["products"] = items
    return facts


def extract_money(text: str, asked: str | None) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if asked == "budget":
        for pattern, value in _BUDGET_BANDS:
            if pattern.search(text):
                return {"budget_monthly": value}
    for sentence in re.split(r"(?<=[.;!?])\s+|,\s+(?=(?:and |but )?(?:we|i|our|my|the)\b)", text):
        amount = monthly_amount(sentence)
        if amount is None:
            continue
        if _BUDGET.search(sentence) or asked == "budget":
            facts.setdefault("budget_monthly", amount)
        elif _REVENUE.search(sentence) and parse_money(sentence):
            facts.setdefault("monthly_revenue", amount)
    if asked == "budget" and "budget_monthly" not in facts:
        if _NOTHING.search(text):
            facts["budget_monthly"] = 0.0
        else:
            bare = re.search(r"(?<![\d.])(\d{2,6})(?![\d%])", text)
            if bare:
                facts["budget_monthly"] = float(bare.group(1))
    return facts


class Extractor:
    """Rule-based extractors over the curated lexicons (tools, metrics, rubrics, regions)."""

    def __init__(self, knowledge_dir: Path) -> None:
        self.knowledge_dir = knowledge_dir
        self.lexicon = MetricLexicon.load(knowledge_dir)
        self.tools = load_curated(knowledge_dir, "tools.yaml")["tools"]
        self.rubrics = load_curated(knowledge_dir, "rubrics.yaml")
        self.regulations = load_curated(knowledge_dir, "regulations.yaml")["regulations"]
        self._region_words = re.compile(
            r"\b(?:"
            + "|".join(p for r in self.regulations for p in r["patterns"])
            + r"|worldwide|global(?:ly)?|international(?:ly)?|everywhere)\b",
            re.IGNORECASE,
        )
        self._maturity_cues = [c for level in self.rubrics["data_maturity"]["levels"] for c in level["cues"]]

    def regions(self, text: str) -> list[str]:
        found: list[str] = []
        for match in self._region_words.finditer(text):
            word = match.group(0)
            canonical = {
                "us": "United States",
                "usa": "United States",
                "uk": "United Kingdom",
                "eu": "European Union",
                "ca": "California",
            }.get(word.lower(), word.strip())
            if canonical.lower() not in {f.lower() for f in found}:
                found.append(canonical if not canonical.islower() else canonical.title())
        return found

    def goal(self, text: str) -> str | None:
        """The sentence that states a goal (a metric with a direction or a number), as written."""
        for sentence in re.split(r"(?<=[.;!?])\s+", text):
            parsed = parse_goal(sentence, self.lexicon)
            if parsed.metric and (
                parsed.target_pct is not None or parsed.target_value is not None or parsed.timeframe_months
            ):
                return _clean_phrase(
                    re.sub(r"^(?:our|my|the) (?:main |primary )?goal is (?:to )?", "", sentence, flags=re.I)
                )
        return None

    def extract(self, text: str, asked: str | None) -> Extraction:
        """Facts in ``text``; ``asked`` is the slot the advisor just asked (its answer may be free text)."""
        message = text.strip()
        result = Extraction(
            unknown=bool(UNKNOWN.search(message)) and len(message) < 80,
            correction=bool(CORRECTION.search(message)),
            question=message.endswith("?") and bool(QUESTION_START.search(message)),
        )
        if result.unknown:
            return result
        if result.question:
            asked = None  # a question is not an answer: only facts stated outright are taken from it
        facts = result.facts
        facts.update(extract_business(message))
        facts.update(extract_money(message, asked))
        tools = detect_tools([message], self.tools)
        if tools:
            facts["tech_stack"] = [t.name for t in tools if not t.name.startswith(("a ", "an "))] or [
                t.name for t in tools
            ]
        positive = strip_negated(message)
        mentions_data = re.search(r"\b(spreadsheets?|crm|warehouse|analytics|data)\b", message, re.I)
        if asked == "data_maturity" or (
            mentions_data
            and any(re.search(rf"\b(?:{c})\b", positive, re.I) for c in self._maturity_cues[:12])
        ):
            facts["data_maturity"] = message
        goal = self.goal(message)
        if goal:
            facts["goals"] = [goal]
        regions = self.regions(message)
        if regions:
            facts["regions"] = regions
        audience = _AUDIENCE.search(message)
        if audience:
            phrase = _clean_phrase(_CLAUSE_BREAK.sub("", next(g for g in audience.groups() if g)))
            if not re.match(r"^(in|from|based|located|across|all over)\b", phrase, re.I):
                facts["audience"] = phrase
        if asked == "team" or (_TEAM_SIZE.search(message) and asked in (None, "business")):
            facts["team"] = message
        if asked == "market_position" or (_POSITION.search(message) and asked in ("audience", "business")):
            position = _POSITION.search(message)
            if asked == "market_position":
                facts["market_position"] = message
            elif position:
                facts["market_position"] = position.group(0)
            usp = _USP.search(message)
            if usp:
                facts["usp"] = _clean_phrase(usp.group(0))
        if asked == "pain_points":
            facts["pain_points"] = [_clean_phrase(message)]
        elif (
            _PAIN.search(message)
            and asked not in ("goals", "data_maturity", "team")
            and len(message.split()) >= 4
        ):
            facts["pain_points"] = [_clean_phrase(_pain_sentence(message))]
        if asked == "consent":
            facts["consent"] = (
                "no consent mechanism yet"
                if _CONSENT_NO.search(message) and not _CONSENT_YES.search(message[3:])
                else message
            )
        elif re.search(r"\b(consent|opt[- ]?in|cookie banner)\b", message, re.I):
            facts["consent"] = message
        # free-text answer to the asked slot when no rule produced it
        free = {
            "business": "niche",
            "audience": "audience",
            "goals": "goals",
            "tech_stack": "tech_stack",
            "regions": "regions",
        }
        key = free.get(asked or "")
        if key and key not in facts and not result.question and not result.correction:
            if key == "niche":
                facts[key] = clean_niche(message)
            else:
                facts[key] = (
                    [_clean_phrase(message)]
                    if key in ("goals", "tech_stack", "regions")
                    else _clean_phrase(message)
                )
        return result


def _pain_sentence(text: str) -> str:
    for sentence in re.split(r"(?<=[.;!?])\s+", text):
        if _PAIN.search(sentence):
            return sentence
    return text
