"""The facts of one message reconciled before they are filed: clauses on the goal, the team or the
problem describe one of each; of several niches, the one said with a selling verb, of several
differentiators the one said as such; tools named at the
data question describe the data; and, at a free-text question nothing else could read, the answer
taken as that with a low confidence the summary asks to check.
"""

from __future__ import annotations

import re
from itertools import pairwise

from advisor.plan.goals import SmartGoal, parse_goal
from advisor.understanding.models import Clause, Context, Fact
from advisor.understanding.position import USP_LEAD
from advisor.understanding.readers import Readers
from advisor.understanding.text import strip_lead

PROBLEM_CHARS = 240  # a longer story is cut at a clause: the plan lists problems, not letters
IN_A_STORY = frozenset({"tech_stack", "regions", "pain_points"})  # facts a problem's own story may name
FREE_TEXT_FALLBACK = frozenset({"pain_points", "audience"})
FALLBACK_CONFIDENCE = 0.45
FALLBACK_WORDS = 3
_PREAMBLE = re.compile(
    r"\b(?:from|based|since|generation|family|started|founded|established)\b", re.IGNORECASE
)
_LINKED = re.compile(r"\b(?:crm|connected|synced|syncs|integrated|linked|plugged into)\b", re.IGNORECASE)
_DONT_KNOW = re.compile(
    r"\b(?:no idea|not sure|unsure|dunno|idk|don'?t know|no clue|pass|skip)\b", re.IGNORECASE
)
_ASKS = re.compile(
    r"^\W*(?:is|are|does|do|should|can|could|would|will|what|how|why|which|when)\b", re.IGNORECASE
)
CONSENT_WHOLE_CONFIDENCE = 0.7  # read from the whole answer: the summary lists it to check if unsure
# a goal says what should change: a wish, a direction, a target or a share
_WANTS_CHANGE = re.compile(
    r"%|\b(?:want|wants|wanna|would like|'d like|hope|hoping|aim|goal|target|grow\w*|increas\w*|more|less|fewer|"
    r"reduc\w*|cut|double|triple|boost\w*|improv\w*|rais\w*|lower|up|down|get to|reach|bigger|higher|better|"
    r"from [^.;]{1,30}? to)\b",
    re.IGNORECASE,
)


def one_each(facts: list[Fact], context: Context, readers: Readers) -> list[Fact]:
    """Clauses of one message on the goal or the team describe one goal, one team: "get returns down
    ... by a third in 12 months"; "4 of us. No developer, we pay an agency" → read together."""
    for field, slot in (("goals", "goals"), ("team", "team"), ("pain_points", "pain_points")):
        same = [f for f in facts if f.field == field]
        if len(same) < 2:
            continue
        joined = ", ".join(dict.fromkeys(f.quote for f in same))
        merged = [
            f
            for f in readers.read(slot, joined, context, min(f.confidence for f in same)).facts
            if f.field == field
        ]
        if merged:
            facts = [f for f in facts if f.field != field] + merged
    return facts


def one_usp(facts: list[Fact], readers: Readers) -> list[Fact]:
    """Of several differentiators in one message, the one said as such: "We're never going to beat
    Amazon on price. What we do differently is free assembly" is free assembly."""
    usps = [f for f in facts if f.field == "usp"]
    led = [f for f in usps if USP_LEAD.match(strip_lead(f.quote, readers.cues.filler_re))]
    if not led or len(led) == len(usps):
        return facts
    return [f for f in facts if f.field != "usp" or f in led]


def usp_goes_on(facts: list[Fact], message: str, readers: Readers) -> list[Fact]:
    """A differentiator said as such and spelled out after a dash or a colon is one: "what sets us apart is
    our aftercare - free repotting and a hotline" is not also a product line, when the niche is known."""
    niches = [f for f in facts if f.field == "niche"]
    for usp in [
        f for f in facts if f.field == "usp" and USP_LEAD.match(strip_lead(f.quote, readers.cues.filler_re))
    ]:
        at = message.find(usp.quote)
        after = re.match(r"\s*[-–—:]\s*", message[at + len(usp.quote) :]) if at >= 0 else None
        if after is None:
            continue
        start = at + len(usp.quote) + after.end()
        more = [f for f in facts if f.field in ("niche", "products") and message.find(f.quote) == start]
        if not more or not any(n.quote != more[0].quote for n in niches):
            continue
        quote = message[at : start + len(more[0].quote)]
        value = f"{usp.value} - {more[0].quote}"
        joined = usp.model_copy(update={"value": value, "display": value, "quote": quote})
        facts = [joined if f is usp else f for f in facts if not any(f is m for m in more)]
    return facts


def one_field_per_amount(facts: list[Fact]) -> list[Fact]:
    """An amount its own clause calls sales is not also the budget: "not sure on budget but we make about
    €240k a year" gives revenue, and the budget stays unanswered."""
    revenue = next((f for f in facts if f.field == "monthly_revenue"), None)
    budget = next((f for f in facts if f.field == "budget_monthly"), None)
    if (
        revenue is None
        or budget is None
        or revenue.value != budget.value
        or revenue.quote not in budget.quote
    ):
        return facts
    return [f for f in facts if f is not budget]


def asked_free_text(message: str, context: Context, readers: Readers) -> list[Fact]:
    """Nothing placed anywhere, at a question whose answer is free text (the biggest problem, the
    customers): the answer is read as that, with a low confidence the summary asks to check."""
    if context.asked not in FREE_TEXT_FALLBACK or len(message.split()) < FALLBACK_WORDS:
        return []
    return readers.read(str(context.asked), message, context, FALLBACK_CONFIDENCE).facts


def one_niche(facts: list[Fact], readers: Readers) -> list[Fact]:
    """Of several niches in one message, the one said with a selling verb ("We are a family business
    from Denizli. We sell Turkish towels, bathrobes and throws")."""
    niches = [f for f in facts if f.field == "niche"]
    if len(niches) < 2:
        return facts
    sold = [f for f in niches if readers.what_is_sold(f.quote)]
    first = niches[0]
    if (
        len(sold) > 1
    ):  # "started selling the duplicates on eBay ... Now we sell model railway stuff": the surer
        keep = max(sold, key=lambda f: (f.confidence, niches.index(f))).quote
        return [f for f in facts if f.field not in ("niche", "products") or f.quote == keep]
    if (
        not sold
        or (first in sold)
        or (
            len(str(first.value).split()) <= 4
            and not _PREAMBLE.search(first.quote)
            and not readers.places.find(str(first.value))  # "I am potter near Kyoto. I make and sell ..."
        )
    ):
        return facts  # "B2B coffee roaster based in Dublin. We sell beans to cafés": the first names it
    keep = sold[-1].quote
    return [f for f in facts if f.field not in ("niche", "products") or f.quote == keep]


# the kind of business named apart from what it sells: "We are family tea farm ... we sell our sencha",
# "B2B coffee roaster based in Dublin. We sell beans"
_KIND = re.compile(
    r"(?:^|\b(?:we(?:'re| are)|i(?:'m| am)|it'?s|we run|i run|we have|i have|we own|i own)\s+)(?:a |an |the )?"
    r"((?:[\w'-]+\s+){0,3}?(?:shop|store|farm|roaster|roastery|brewery|cervecer[ií]a|bakery|studio|boutique|brand|"
    r"company|service|box|club|label|atelier|workshop|distillery|winery|nursery|pharmacy|salon|grove|kitchen))\b",
    re.IGNORECASE,
)


def niche_with_kind(facts: list[Fact], message: str, readers: Readers) -> list[Fact]:
    """The niche as the kind of business and what it sells, when the message names both apart: "tea farm
    selling sencha, matcha and hojicha"; a niche that is only a kind ("digital products") takes the
    products named with it ("digital products: workout plans, healthy recipe ebooks")."""
    niches = [f for f in facts if f.field == "niche"]
    if len(niches) != 1:
        return facts
    niche = str(niches[0].value)
    generic = readers.cues.generic_re
    kind = _KIND.search(message)
    *modifiers, head = kind.group(1).split() if kind else [""]
    # "a Cairo brand selling ...": where the business is says nothing of its kind
    words = [
        w
        for w in modifiers
        if not generic.match(w) and not readers.places.find(w) and not readers.places.is_nationality(w)
    ]
    phrase = " ".join([*words, head])
    if words and phrase.lower() not in niche.lower() and niche.lower() not in phrase.lower():
        value = f"{phrase} selling {niche}"
    else:
        products = [str(p) for f in facts if f.field == "products" for p in f.value]
        own = [w for w in re.findall(r"[\w'-]+", niche) if not generic.match(w)]
        if len(own) > 1 or not products or any(p.lower() in niche.lower() for p in products):
            return facts
        value = f"{niche}: {', '.join(products[:4])}"
    fixed = niches[0].model_copy(update={"value": value, "display": value})
    return [fixed if f is niches[0] else f for f in facts]


def tools_hold_data(facts: list[Fact], message: str, context: Context, readers: Readers) -> list[Fact]:
    """Asked where the data lives, tools named are the answer: "HubSpot, synced with Woo" describes
    the data (a CRM) as well as the stack."""
    tools = [f for f in facts if f.field == "tech_stack"]
    data = [f for f in facts if f.field == "data_maturity"]
    if context.asked != "data":  # "... Zoho CRM is connected to it, all customer data is there": one answer
        tools = [
            t
            for t in tools
            if _LINKED.search(t.quote) and any(_adjacent(t.quote, d.quote, message) for d in data)
        ]
    if not tools or (context.asked != "data" and not data):
        return facts
    parts = tools + data
    quotes = sorted(dict.fromkeys(f.quote for f in parts), key=lambda q: max(message.find(q), 0))
    joined = ", ".join(q for q in quotes if not any(q != o and q in o for o in quotes))
    conf = max(f.confidence for f in parts)
    read = [f for f in readers.read("data", joined, context, conf).facts if f.field == "data_maturity"]
    return [f for f in facts if f.field != "data_maturity"] + read


def _rejoin(parts: list[str], message: str) -> str:
    """Clauses joined as the message had them: a full stop between two sentences stays one ("Shoper for
    the shop. team is me and my wife Kasia": the shop is no member of the team)."""
    out = parts[0] if parts else ""
    for before, after in pairwise(parts):
        a, b = message.find(before), message.find(after)
        gap = message[a + len(before) : b] if 0 <= a < b else ""
        out += (". " if re.search(r"[.!?]", gap) else ", ") + after
    return out


def _adjacent(first: str, second: str, message: str) -> bool:
    """The two quotes follow each other in the message with only a comma or an "and" between."""
    a, b = message.find(first), message.find(second)
    if a < 0 or b < 0:
        return False
    (left, start), (_, end) = sorted([(first, a), (second, b)], key=lambda x: x[1])
    gap = message[start + len(left) : end]
    return re.fullmatch(r"[\s,;-]*(?:and|so|,)?[\s,;-]*", gap) is not None


def whole_problem(facts: list[Fact], clauses: list[Clause], context: Context, readers: Readers) -> list[Fact]:
    """Asked for the biggest problem, the answer is the problem: its clauses the slot head placed
    elsewhere without filing anything ("biggest problem: sizing, parents don't know which TOG rating
    to pick"), or only tools and places named in the story ("we retype them into Xero"), stay in it.
    Clauses that filed another fact ("also our budget is more like 200") do not."""
    pains = [f for f in facts if f.field == "pain_points"]
    if context.asked != "pain_points" or not pains:
        return facts
    parts: list[str] = []
    seen_pain = False
    for clause in clauses:
        seen_pain = seen_pain or clause.slot == "pain_points"
        if not seen_pain and clause.filed and not set(clause.fields) <= IN_A_STORY:
            parts = []  # "scratch that, I talked to my partner — budget is 200. Biggest headache is …"
            continue
        if clause.slot == "pain_points" or not clause.filed or set(clause.fields) <= IN_A_STORY:
            if sum(len(p) + 2 for p in parts) + len(clause.text) > PROBLEM_CHARS and parts:
                break
            parts.append(clause.text)
    conf = max(f.confidence for f in pains)
    read = [
        f
        for f in readers.read("pain_points", ", ".join(parts), context, conf).facts
        if f.field == "pain_points"
    ]
    return [f for f in facts if f.field != "pain_points"] + read if read else facts


def whole_team(facts: list[Fact], clauses: list[Clause], context: Context, readers: Readers) -> list[Fact]:
    """Asked about the team, the answer is one team: "me and my bf Minh, he's a software developer ..."
    is read whole, with the clauses the slot head placed elsewhere without filing anything ("my bf
    Minh"). Clauses that filed another fact ("budget is 200 max") stay out."""
    team = [f for f in facts if f.field == "team"]
    if context.asked != "team" or not team:
        return facts
    parts = [
        c.text for c in clauses if c.slot == "team" or not c.filed or set(c.fields) <= IN_A_STORY | {"team"}
    ]
    conf = max(f.confidence for f in team)
    read = [
        f
        for f in readers.read("team", _rejoin(parts, context.message), context, conf).facts
        if f.field == "team"
    ]
    return [f for f in facts if f.field != "team"] + read if read else facts


def whole_consent(
    facts: list[Fact], message: str, questions: list[str], context: Context, readers: Readers
) -> list[Fact]:
    """Asked about consent, the answer is read whole when no clause gave it: "we've never really thought
    about it tbh" (no), "eh... the web has the Habeas Data checkbox when they buy" (partly). A question
    asked alongside ("what do you mean consent?") is left out."""
    if context.asked != "consent" or any(f.field == "consent" for f in facts) or _DONT_KNOW.search(message):
        return facts  # "no idea" skips the question; it says nothing about consent
    rest = message
    for question in questions:  # "we don't ask, is that a problem?": the statement before the question stays
        kept = [p for p in re.split(r"[,;]", question) if not (_ASKS.match(p) or p.rstrip().endswith("?"))]
        rest = rest.replace(question, ", ".join(kept) if kept else " ")
    if not re.search(r"[a-z]{2}", rest, re.IGNORECASE):
        return facts
    found = [f for f in readers.read("consent", rest.strip(), context, CONSENT_WHOLE_CONFIDENCE).facts]
    return facts + [f for f in found if f.field == "consent"]


def goal_with_baseline(
    facts: list[Fact], clauses: list[Clause], context: Context, readers: Readers
) -> list[Fact]:
    """A goal whose figure today comes in the next clause, which the slot head could not place: "get to
    500 orders a month by christmas, were at 250 right now" is +100%, read together."""
    goals = [f for f in facts if f.field == "goals"]
    if len(goals) != 1 or parse_goal(goals[0].quote, readers.metrics).target_pct is not None:
        return facts
    texts = [c.text for c in clauses]
    at = next((i for i, c in enumerate(clauses) if c.text in goals[0].quote and "goals" in c.fields), None)
    if at is None or at + 1 >= len(texts) or clauses[at + 1].filed or not _DIGIT.search(texts[at + 1]):
        return facts
    joined = f"{goals[0].quote}, {texts[at + 1]}"
    read = [
        f for f in readers.read("goals", joined, context, goals[0].confidence).facts if f.field == "goals"
    ]
    if not read or parse_goal(joined, readers.metrics).target_pct is None:
        return facts
    return [f for f in facts if f.field != "goals"] + read


_DIGIT = re.compile(r"\d")


GOAL_OF_MESSAGE_CONFIDENCE = 0.6


def _completeness(goal: SmartGoal) -> int:
    """How much of a SMART goal is stated: a target and a deadline ("Conversion. It's 0.9% ... Want +50%
    in 2 quarters" read whole has both; its first clause only today's rate)."""
    # a change in percent says more than a level to reach ("did €90k, want €135k" is +50%)
    return (2 if goal.target_pct is not None else int(goal.target_value is not None)) + int(
        goal.timeframe_months is not None or goal.deadline_text is not None
    )


def goal_of_message(facts: list[Fact], message: str, context: Context, readers: Readers) -> list[Fact]:
    """Asked for the goal, no clause held one, but the message read whole names a metric: "bigger orders
    – average order is about 30 euro, i want 40 euro by the summer" is +33% average order value."""
    goals = [f for f in facts if f.field == "goals"]
    # a goal clause without its metric takes it from the rest of the message, whatever was asked: "no i
    # said repeat customers. 20% more in 6 months"
    metricless = len(goals) == 1 and parse_goal(goals[0].quote, readers.metrics).metric is None
    if (context.asked != "goals" and not metricless) or len(goals) > 1:
        return facts
    whole = parse_goal(message, readers.metrics)
    if whole.metric is None or not _WANTS_CHANGE.search(message):
        return facts  # "about 400 orders in shopify, email list of 1200": figures, no goal
    if goals:  # one clause named the metric, the message as a whole gives more of the goal
        said = parse_goal(goals[0].quote, readers.metrics)
        if said.metric not in (None, whole.metric) or (
            said.metric is not None and _completeness(whole) <= _completeness(said)
        ):
            return facts
    read = readers.read(
        "goals", message, context, max([GOAL_OF_MESSAGE_CONFIDENCE, *(f.confidence for f in goals)])
    ).facts
    return [f for f in facts if f.field != "goals"] + [f for f in read if f.field == "goals"]


def without_unused_tools(facts: list[Fact], text: str, readers: Readers) -> list[Fact]:
    """Tools the message first says are not used stay out when named again: "Not eBay, eBay is a joke"."""
    unused = readers.tools_said_unused(text)
    if not unused:
        return facts
    kept = []
    for fact in facts:
        if fact.field == "tech_stack":
            tools = [v for v in fact.value if v not in unused]
            if not tools:
                continue
            fact = fact.model_copy(update={"value": tools, "display": ", ".join(tools)})
        kept.append(fact)
    return kept
