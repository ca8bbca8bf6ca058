"""Value readers: a clause the slot head placed (e.g. "budget") → typed, normalised profile facts.

A reader returns nothing when it cannot read a value: text is never filed just because a slot was
asked. Free-text facts (niche, audience, pain point) are trimmed to the phrase that carries them;
the owner's words stay in each fact's ``quote``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from advisor.knowledge.lexicons import ToolCatalogue
from advisor.parsing.money import CurrencyTable, find_money
from advisor.parsing.numbers import normalize_numbers
from advisor.parsing.places import Gazetteer, says_eu_as_i
from advisor.plan.goals import parse_goal
from advisor.plan.metrics import MetricLexicon
from advisor.plan.money import CurrencyRates, Money
from advisor.understanding.amounts import (
    BUDGET_CUE,
    REVENUE_WORD,
    SHARED_WORD,
    local_currency,
    pick_amount,
    placed_money_slot,
)
from advisor.understanding.consent import ConsentReader
from advisor.understanding.glossary import Glossary
from advisor.understanding.lexicons import Cues
from advisor.understanding.models import Clarification, Context, Fact
from advisor.understanding.position import PositionReader
from advisor.understanding.revisions import revised_goal
from advisor.understanding.sold import AUDIENCE_TAIL, WhatIsSold
from advisor.understanding.team import read_team, states_team_size, team_size_spans
from advisor.understanding.text import clean_phrase, strip_lead
from advisor.understanding.unlisted_tools import unlisted_channels, unlisted_tools

# businesses a shop supplies: "we roast coffee for offices and cafes" ("shirts for men" is a product)
_FOR_TRADE = re.compile(
    r"^\s*for\s+(?:\w+\s+){0,3}(?:caf[eé]s|restaurants|offices|shops|retailers|stores|salons|gyms|hotels|schools|"
    r"clinics|businesses|companies|wholesalers|bakeries|bars)\b",
    re.IGNORECASE,
)
# where the customers named after "sell ... to" end: the channel, the place or the next clause
_SOLD_TO_END = re.compile(
    r"\s+(?:through|on|via|in|from|at|with|using|and (?:we|i)|but|so|because)\s+|\s*[,;:(]\s*", re.IGNORECASE
)
# the owner changes their mind mid-message: "i want more repeat customers... wait, actually revenue"
_CHANGED_MIND = re.compile(
    r"\b(?:wait|actually|i mean|or rather|scratch that|no no|on second thought)\b\W*", re.I
)
_PLACE_FILLERS = frozenset(
    ("people", "customers", "buyers", "shoppers", "clients", "folks", "mostly", "mainly", "some", "few", "a",
     "the", "in", "from", "of", "and", "or", "plus", "around", "across", "all", "over", "also", "us", "our",
     "with", "bit", "lot", "lots", "majority", "rest", "others", "other", "nationwide", "locally", "local",
     "city", "cities", "area", "region", "country", "countries")
)  # fmt: skip
_NO_GOAL_WORDS = frozenset(
    {"not", "more", "less", "fewer", "than", "that", "max", "maximum", "tops", "any", "way"}
)
_TOOL_FIX = re.compile(r"\b(?:i said|i meant|we said|not|sorry|it'?s|is|was|wrong)\b", re.IGNORECASE)
_AUDIENCE_LEAD = re.compile(
    r"^(?:(?:our|my|the) )?(?:main |target |typical )?(?:customers?|buyers?|shoppers?|clients?|audience|market)"
    r"(?: (?:are|is|=|mostly|mainly|tend to be|would be))*\s*|^(?:we )?sell(?:ing)? (?:mostly |mainly )?to\s+"
    r"|^(?:mostly |mainly |largely |primarily )?to\s+(?=\w)"  # "we sell baby clothes on shopify, mostly to new moms"
    r"|^(?:it'?s|its|they'?re|they are)\s+(?:mostly |mainly )?"
    # "i make candles for people who love cosy evenings": who it is for
    r"|^(?:we|i)\s+(?:\w+\s+){1,6}?(?:for|to)\s+(?=(?:\w+\s+)?(?:people|customers|parents|women|men|mums|moms|dads|kids|"
    r"families|anyone|those|folks|buyers|fans|lovers|owners|businesses|shops|caf[eé]s|students|teens|seniors|collectors)\b)",
    re.IGNORECASE,
)
_PAIN_LEAD = re.compile(
    r"^(?:the |our |my )?(?:biggest |main |main big |real )?(?:problem|issue|pain(?: point)?|headache|struggle|challenge)"
    r"(?:s)?(?: (?:day[- ]to[- ]day|right now|at the moment|these days|for us))?(?: (?:is|are))?\s*(?:that\s+)?:?\s*",
    re.IGNORECASE,
)
_DATA_LEAD = re.compile(
    r"^(?:data[- ]wise|as for (?:the )?data|for (?:the )?data|in terms of data)\W+"
    r"|^(?:we )?(?:keep|store|have|track)\s+(?:it |everything |our data |customer data )?(?:in|on)\s+"
    r"|^(?:it'?s|its|it is|that'?s|thats)\s+(?:just|only|all|mostly)\s+(?:(?:in|on)\s+)?",  # "its just bigcommerce reports"
    re.I,
)
# unasked, a clause describes the data only with words about records ("based in denver" does not)
_DATA_WORDS = re.compile(
    r"\b(?:data|crm|spread ?sheets?|sheets?|excel|csv|notebook|paper|records?|reports?|analytics|dashboards?|"
    r"database|warehouse|orders?|lists?|contacts?|emails?|addresses|customer (?:info|details|history)|in my head|"
    r"stored|kept|keep|exercise books?|ledgers?|log ?books?|track\w*|logged|exports?|files?|folders?|cloud|drive|notion|airtable)\b",
    re.IGNORECASE,
)
_ZERO = re.compile(r"^\s*(?:nothing|zero|nil|none|no budget|no money|0|\$0|nada)\b", re.IGNORECASE)


_US_IN_LIST = re.compile(
    r"(?:^|[,+&/]|\band\b)\s*us\s*(?:[,+&/]|\band\b|$|\b(?:mostly|mainly|only|primarily|first)\b)",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(r"\b(?:in|across|throughout|from|all over)\s+(?:the\s+)?[A-Za-z]", re.IGNORECASE)
_CODE_IN_LIST = re.compile(r".*(?:,|\band|&|/)\s*(?-i:[A-Z]{2,3})\b", re.IGNORECASE)  # "CA and GA"
_SOLD_IN = re.compile(r"\s+(?:in|across|throughout|all over)\s+(?:the\s+)?[A-Za-z]", re.IGNORECASE)
_SHIP_TO = re.compile(
    r"(?i:\b(?:ship(?:ping|s)?|deliver(?:ing|y|s)?|sell(?:ing|s)?(?: online)?|customers?|buyers?|clients?)\s+"
    r"(?:to|across|throughout|within|all over|in|mostly in|mainly in)\s+)|\b[A-Z]{2,3}[- ]wide\b"
)
PASSING_CONFIDENCE = 0.7
SHORT_MONEY_ANSWER = 16  # words: an answer this short to the money question is read whole


@dataclass
class Reading:
    """What a reader made of one clause."""

    facts: list[Fact] = field(default_factory=list)
    clarifications: list[Clarification] = field(default_factory=list)


class Readers:
    """One reader per slot, over the curated lexicons."""

    def __init__(self, knowledge_dir: Path) -> None:
        self.currencies = CurrencyTable.load(knowledge_dir)
        self.places = Gazetteer.load(knowledge_dir)
        self.tools = ToolCatalogue.load(knowledge_dir)
        self.cues = Cues.load(knowledge_dir)
        self.glossary = Glossary.load(knowledge_dir)
        self.foreign_words = frozenset(self.glossary.words)  # common words, never tool names
        self.metrics = MetricLexicon.load(knowledge_dir)
        self.sold = WhatIsSold(self.cues, self.places, self.tools, self.currencies)
        self.rates = CurrencyRates.load(knowledge_dir)
        self.positions = PositionReader(self.cues, self.currencies, self._phrase)
        self.consents = ConsentReader(self.cues)
        self._readers: dict[str, Callable[[str, Context, float], Reading]] = {
            "business": self.business, "audience": self.audience, "market_position": self.position,
            "usp": self.usp, "goals": self.goals, "data": self.data, "tech_stack": self.tech_stack,
            "team": self.team, "budget": self.budget, "revenue": self.revenue, "pain_points": self.pain,
            "regions": self.regions, "consent": self.consent,
        }  # fmt: skip

    def read(self, slot: str, text: str, context: Context, confidence: float) -> Reading:
        """Facts of ``text`` read as ``slot``. With ``context.placed`` (a model placed the value) a bare
        number counts as an amount and the budget/revenue cue check is skipped."""
        if slot in ("budget", "revenue") and not context.placed:
            slot = placed_money_slot(slot, text, context, self.currencies, self.rates.usd_per_unit)
        reader = self._readers.get(slot)
        return reader(text, context, confidence) if reader else Reading()

    # --- helpers ---------------------------------------------------------------------------
    def _fact(self, field: str, value: object, display: str, conf: float, quote: str, slot: str) -> Fact:
        return Fact.read(field, value, display, conf, quote, slot)

    def _phrase(self, text: str) -> str:
        return clean_phrase(strip_lead(text, self.cues.filler_re))

    def tool_facts(self, text: str, conf: float, slot: str) -> list[Fact]:
        found = self.tools.find(text)
        places = self.places.find(text, asked=True) if found else []
        # "we ship to CA and GA": a code among places is a place, not Google Analytics
        listed = [(m.start, m.end) for m in places] if len(places) > 1 or _SHIP_TO.search(text) else []
        names = [
            t.name
            for pos, t in found
            if not self._said_unused(text, pos)
            and not self.cues.rival_after_re.match(text[pos : pos + 60])
            and not any(start <= pos < end for start, end in listed)
            and not (listed and _CODE_IN_LIST.match(text[max(0, pos - 6) : pos + 4]))
        ]
        known = {n.lower() for n in names}
        names += [
            n
            for n in unlisted_channels(text, self.tools, self.cues, self.foreign_words, self._is_place)
            if n.lower() not in known
        ]
        if not names:
            return []
        return [self._fact("tech_stack", names, ", ".join(names), conf, text, slot)]

    def tools_said_unused(self, text: str) -> set[str]:
        """Tools the message first names as not used ("Not eBay, eBay is a joke")."""
        return {t.name for pos, t in self.tools.find(text) if self._said_unused(text, pos)}

    def _said_unused(self, text: str, pos: int) -> bool:
        return self.cues.not_used_re.search(text[max(0, pos - 40) : pos]) is not None

    def _is_place(self, name: str) -> bool:
        return bool(self.places.find(name, asked=True))

    def what_is_sold(self, text: str) -> str | None:
        """What the owner says they sell or make (see ``sold.py``)."""
        return self.sold.what_is_sold(text)

    def business(self, text: str, context: Context, conf: float) -> Reading:
        facts = self.tool_facts(text, conf * 0.9, "business")
        found = self.sold.niche(text, self._phrase(text))
        if found is not None:
            niche, items = found
            facts.append(self._fact("niche", niche, niche, conf, text, "business"))
            if len(items) >= 2:
                facts.append(self._fact("products", items, ", ".join(items), conf, text, "business"))
            sold_to = AUDIENCE_TAIL.search(text)
            # "we sell cleaning supplies to coffee shops and restaurants through our store"; but "shirts for
            # men" is a product
            to = sold_to is not None and re.match(r"\s*(?:to|aimed at)\b", sold_to.group(0)) is not None
            if sold_to and (to or _FOR_TRADE.search(sold_to.group(0))):
                who = _SOLD_TO_END.split(re.sub(r"^\s*(?:to|for|aimed at)\s+", "", sold_to.group(0)), 1)[0]
                who = clean_phrase(who)
                if who and niche.lower() not in who.lower():
                    facts.append(self._fact("audience", who, who, conf * 0.8, text, "audience"))
        return Reading(facts)

    def audience(self, text: str, context: Context, conf: float) -> Reading:
        phrase = clean_phrase(_AUDIENCE_LEAD.sub("", self._phrase(text)))
        if not phrase or not re.search(r"[a-z]{2}", phrase, re.I) or self._only_places(phrase):
            return Reading()
        return Reading([self._fact("audience", phrase, phrase, conf, text, "audience")])

    def _only_places(self, phrase: str) -> bool:
        """ "people in nairobi and mombasa, some in uganda" says where customers are, not who they are."""
        mentions = self.places.find(phrase, asked=True)
        if not mentions:
            return False
        rest = phrase
        for mention in reversed(mentions):
            rest = rest[: mention.start] + " " + rest[mention.end :]
        return not [w for w in re.findall(r"[a-z]+", rest.lower()) if w not in _PLACE_FILLERS]

    def position(self, text: str, context: Context, conf: float) -> Reading:
        return Reading(self.positions.position(text, context, conf))

    def usp(self, text: str, context: Context, conf: float) -> Reading:
        return Reading(self.positions.usp(text, context, conf))

    def goals(self, text: str, context: Context, conf: float) -> Reading:
        phrase = self._phrase(text)
        phrase = re.sub(
            r"^(?:(?:our|my|the) (?:main |primary |big )?goal(?: is)?(?: to)?|i want(?: to)?|we want(?: to)?|we'?d like(?: to)?|i'?d like(?: to)?|hoping to|aim(?:ing)? (?:is )?to)\s+",
            "",
            phrase,
            flags=re.I,
        )
        changed = list(_CHANGED_MIND.finditer(phrase))
        later = phrase[changed[-1].end() :] if changed else ""
        revised = None
        if later and parse_goal(normalize_numbers(later), self.metrics).metric:
            phrase = later  # "more repeat customers... wait, grow revenue 50%": the later goal
        elif later:  # "grow revenue 20%, actually make it 25% in a year": the first goal, revised
            first = parse_goal(normalize_numbers(phrase[: changed[-1].start()]), self.metrics)
            revised = revised_goal(first.restated(), later, self.metrics) if first.metric else None
        goal = revised or parse_goal(normalize_numbers(phrase), self.metrics)
        glossed = self.glossary.gloss(phrase) if goal.metric is None else None
        if glossed is not None:  # "Vi vill öka försäljningen med 30 % på ett år": read in its English gloss
            goal = parse_goal(normalize_numbers(glossed), self.metrics)
        if goal.metric is None and context.goal:  # "let's say 20% in six months instead": the known goal
            goal = revised_goal(context.goal, phrase, self.metrics) or goal
        if goal.metric is None:
            # no metric: a goal still needs a direction ("more customers ordering online"), and words
            words = [w for w in re.findall(r"[a-z]{3,}", phrase, re.I) if w.lower() not in _NO_GOAL_WORDS]
            # "…15000 bob a month, not more" wants no change of anything
            if goal.direction is None or not words or len(re.findall(r"[a-z]{3,}", phrase, re.I)) < 2:
                return Reading()
            value, c = clean_phrase(phrase), conf * 0.7
        else:
            value, c = goal.restated(), conf
        return Reading([self._fact("goals", [value], value, c, text, "goals")])

    def data(self, text: str, context: Context, conf: float) -> Reading:
        phrase = clean_phrase(_DATA_LEAD.sub("", self._phrase(text)))
        if len(re.findall(r"[a-z]{2,}", phrase, re.I)) < 1:
            return Reading()
        if context.asked not in ("data", "confirm") and not (
            _DATA_WORDS.search(text) or (self.tools.find(text) and not _SELLS_THROUGH.search(text))
        ):
            return Reading()  # "mostly through our Shopify store" is where the shop sells, not its data
        if _TOOL_FIX.search(phrase) and not re.search(
            r"[a-z]{3,}", _TOOL_FIX.sub(" ", self.tools.without(phrase)), re.I
        ):
            return Reading(
                self.tool_facts(text, conf, "data")
            )  # "I said Woo not Wix" fixes a tool, not the data
        facts = [self._fact("data_maturity", phrase, phrase, conf, text, "data")]
        return Reading(facts + self.tool_facts(text, conf * 0.85, "data"))

    def tech_stack(self, text: str, context: Context, conf: float) -> Reading:
        facts = self.tool_facts(text, conf, "tech_stack")
        known = {t.lower() for f in facts for t in f.value}
        listed = facts or context.asked in ("tech_stack", "data")  # "sim, yes" at the summary names no tool
        other = (
            [
                n
                for n in unlisted_tools(text, self.tools, self.cues, self.foreign_words)
                if n.lower() not in known
            ]
            if listed
            else []
        )
        if other:  # "Bexio for accounting and Twint for payments": tools the catalogue does not hold
            facts.append(self._fact("tech_stack", other, ", ".join(other), conf * 0.9, text, "tech_stack"))
        return Reading(facts)

    def team(self, text: str, context: Context, conf: float) -> Reading:
        if context.asked != "team" and not (_OUR_PEOPLE.search(text) or states_team_size(text)):
            return Reading()  # "also a lot of programmers" at the customer question describes buyers
        # "Tokopedia, Shopee, WooCommerce ... just me": the tools named are not people
        summary = read_team(normalize_numbers(self.tools.without(text)), self.cues)
        if summary is None or (context.asked != "team" and _OUTSIDE_HELP_ONLY.match(summary)):
            return Reading()  # "an agency built it for us" at the data question: who built it, not the team
        facts = [self._fact("team", summary, summary, conf, text, "team")]
        if any(m.currency and m.period == "month" for m in find_money(text, self.currencies)):
            facts += self.read(
                "budget", text, context, conf * 0.9
            ).facts  # "just me and I have like $50 a month"
        return Reading(facts)

    def _money(
        self, field: str, slot: str, text: str, context: Context, conf: float, *, zero: bool
    ) -> Reading:
        if zero and _ZERO.search(text):
            return Reading([self._fact(field, 0.0, "nothing for now", conf, text, slot)])
        whole = context.message or ""
        if (
            context.asked == slot
            and whole != text
            and text in whole
            and len(whole.split()) <= SHORT_MONEY_ANSWER
            and re.search(r"\d", whole.replace(text, " ", 1)) is not None  # another amount beside it
            and not REVENUE_WORD.search(whole)  # "turnover is £15k a month so maybe £200-300": two things
        ):
            text = whole  # "£30? maybe £40", "1 lakh? no way, maybe 10-15k": the amounts weigh each other
        # a bare number ("maybe 2,000") is money only when the budget was asked or the words name it
        bare = context.placed or (
            BUDGET_CUE.search(text) is not None or "budget" in (context.asked, context.previous)
            if slot == "budget"
            else REVENUE_WORD.search(text) is not None
        )
        people = team_size_spans(text)
        amounts = [
            a
            for a in find_money(text, self.currencies, bare=bare)
            if a.currency or not any(start <= a.start < end for start, end in people)
        ]  # "we are 2, so maybe 50", "so we are 3 not 2": the head count is the team, not money
        if not amounts:
            return Reading()
        money = pick_amount(normalize_numbers(text), amounts, field)
        named = (
            None if money.currency else self.currencies.named_alone(context.message or text)
        )  # "150 a month, AUD"
        if named:
            money = dataclasses.replace(money, currency=named)
        code = money.currency or context.currency or self.currencies.default
        if code in SHARED_WORD and re.search(SHARED_WORD[code], text, re.I):  # "kr", "pesos": whose?
            code = local_currency(code, f"{text} {context.message}", context.regions)
        shown = Money.for_plan(code, code).fmt(money.monthly) + " a month"
        c = conf * (0.85 if money.hedged else 1.0) * (1.0 if money.currency or context.currency else 0.9)
        facts = [self._fact(field, money.monthly, shown, c, text, slot)]
        if money.currency:
            facts.append(self._fact("currency", code, code, c, text, slot))
        return Reading(facts)

    def budget(self, text: str, context: Context, conf: float) -> Reading:
        return self._money("budget_monthly", "budget", text, context, conf, zero=True)

    def revenue(self, text: str, context: Context, conf: float) -> Reading:
        reading = self._money("monthly_revenue", "revenue", text, context, conf, zero=False)
        if _WANTS.search(text):  # "I want revenue from €1.800 to €2.700 a month": today's revenue and a goal
            goal = self.goals(text, context, conf)
            reading.facts += [f for f in goal.facts if parse_goal(str(f.value[0]), self.metrics).target_pct]
        return reading

    def pain(self, text: str, context: Context, conf: float) -> Reading:
        phrase = clean_phrase(_PAIN_LEAD.sub("", self._phrase(text)))
        if len(re.findall(r"[a-z]{4,}", phrase, re.I)) < (1 if context.asked == "pain_points" else 2):
            return Reading()
        return Reading([self._fact("pain_points", [phrase], phrase, conf, text, "pain_points")])

    def regions(self, text: str, context: Context, conf: float) -> Reading:
        regions, ambiguous = self.places.customer_regions(text, asked=context.asked == "regions")
        for mention in list(ambiguous):
            # the owner's currency names the country: "SA mostly" from a shop that prices in rand
            paying = [r for r in mention.regions if context.currency and r.code == context.currency[:2]]
            if len(paying) == 1:
                ambiguous.remove(mention)
                regions.append(paying[0])
        names = [r.name for r in regions]
        if "European Union" in names and "EU" not in text and says_eu_as_i(context.message or text):
            names.remove("European Union")  # a clause "eu" of "Somos três: eu, meu sócio …"
        if _US_IN_LIST.search(text) and "United States" not in names:
            names.append("United States")  # "us, uk, eu": lowercase "us" in a list of places
        clarifications = [
            Clarification(
                field="regions",
                question=f"By “{m.text}”, do you mean {' or '.join(r.name for r in m.regions)}?",
                options=[r.name for r in m.regions],
                quote=m.text,
            )
            for m in ambiguous
        ]
        facts = [self._fact("regions", names, ", ".join(names), conf, text, "regions")] if names else []
        return Reading(facts, clarifications)

    def regions_in_passing(
        self, text: str, slot: str, audience: str | None = None, sold: str | None = None
    ) -> Reading:
        """Where customers are, said in passing ("we ship across the Netherlands", "moms in the US");
        ``audience``, read from the same clause, places the people named ("wallets on etsy to men in the
        UK"), never where the goods come from ("candles from Vermont to women"); ``sold`` places the
        goods sold ("we sell refurbished phones in Poland")."""
        if slot == "regions":
            return Reading()
        said = audience or sold
        after = text.lower().find(said.lower()) if said else -1
        if slot == "audience" or after < 0:
            match = (_IN_PLACE if slot == "audience" else _SHIP_TO).search(text)
        else:
            end = after + len(said or "")
            match = _SHIP_TO.search(text) or (
                _IN_PLACE.search(text, end) if audience else _SOLD_IN.match(text, end)
            )
        if not match:
            return Reading()
        found = self.regions(text[match.start() :].lstrip(), Context(), PASSING_CONFIDENCE)
        # said in passing, the clause is about its own slot: a correction beside it does not replace the list
        found.facts = [f.model_copy(update={"slot": slot}) for f in found.facts]
        return found

    def consent(self, text: str, context: Context, conf: float) -> Reading:
        return Reading(self.consents.read(text, context, conf))


_SELLS_THROUGH = re.compile(
    r"\b(?:through|via|on|from)\s+(?:our|my|the)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:store|shop|site|website|webshop)\b",
    re.IGNORECASE,
)
_WANTS = re.compile(r"\b(?:want|wants|wanna|goal|aim|target|hope|hoping|like to|plan to)\b", re.IGNORECASE)
# in passing, a team is the owner's own people: "we're 4", "my sister helps", "our developer"
_OUTSIDE_HELP_ONLY = re.compile(r"^skills: (?:an agency|a freelancer)(?:, (?:an agency|a freelancer))?$")
_OUR_PEOPLE = re.compile(
    r"\b(?:we|we'?re|our|us|me|i|i'?m|my|myself|team|staff|employees?|hired?|founders?|co-?founders?|people)\b",
    re.IGNORECASE,
)
