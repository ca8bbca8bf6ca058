"""High-precision cue gates on the intent head: a reading that changes or destroys what the owner said
(a correction, a start-over) or that builds the plan (a yes) needs words that say so.

The head proposes a distribution; a label whose cue is missing is passed over for the next one. A
yes/no question opened by an auxiliary verb and a subject ("is a spreadsheet enough", "do I need a
CRM") is a question even without a question mark.
"""

from __future__ import annotations

import re

# words that say an earlier answer changes; a story that mentions "the wrong date" or "rounds of
# changes" does not
CORRECTION_CUE = re.compile(
    r"\b(?:actually|actualy|sorry|oops|my bad|i meant?|meant to say|correct(?:ion|ed|ing)?|wait|hang on|hold on|"
    r"instead|rather|make (?:that|it)|should (?:be|say|read|have)|scratch that|no longer|any ?more|now|misspoke|"
    r"mis-?typed|typo|mistake|i said|previous\w*|earlier|in fact|to be (?:precise|exact|honest)|more like|"
    r"chang(?:e|ed|ing) (?:it|that|this|the|my|our)|chang(?:e|ed|ing) (?:[\w-]+ ){0,3}?(?:to|from|into)\b|change:|changed my mind|fix (?:it|that|this|the|my|our)|"
    r"updat(?:e|ed)\b|switch\w*|moved|replace|remove|delete|"
    r"(?:is|was|are|were|'s|got|get|that'?s|thats|it'?s|its|all|bit|slightly) (?:\w+ )?wrong|"
    r"wrong (?:field|number|one|answer|amount|country|thing|place|figure)|^\W*wrong|not|isn'?t|wasn'?t|aren'?t|"
    r"^\W*(?:no|nope)\b)"
    r"|->|→|<",
    re.IGNORECASE,
)
START_OVER_CUE = re.compile(
    r"\b(?:start(?:ing)? (?:over|again|afresh|from scratch|fresh)|restart|reset|begin again|from scratch|"
    r"new (?:session|chat|conversation|start)|wipe|clear (?:everything|it all|all|my answers)|redo|do (?:it|this|that) again|"
    r"go back to the (?:start|beginning)|back to square one|different (?:shop|business|store|company)|"
    # the same in the owners' other languages: "borra todo, empezamos de nuevo", "von vorne"
    r"empez\w* de nuevo|de cero|borra\w* todo|recome[cç]\w*|do zero|von vorne|neu anfangen|alles l[oö]schen|"
    r"recommencer|tout effacer|ricominci\w*|da capo|opnieuw beginnen|od nowa|ba[sş]tan|mulai (?:dari )?awal|ulang)\b",
    re.IGNORECASE,
)
# a go-ahead beside facts that change nothing: "3000 pesos is right. build it"
GOES_AHEAD = re.compile(
    r"\b(?:build it|go ahead|(?:is|are|looks|that'?s|thats) (?:right|correct|good|fine)|all good)\b", re.I
)
YES_START = re.compile(
    r"^\s*(?:y|yes|yep|yeah|yup|sure|ok(?:ay)?|correct|right|perfect|great|go|looks|all good|confirm)\b", re.I
)
# a lead word before the auxiliary is a filler or ends with a comma: "so do I need a CRM", "ok, is it
# free"; "nobody is a developer" states
_LEAD = r"(?:(?:so|ok|okay|and|but|also|hey|hi|hmm|um|well|wait|sorry|btw|oh|then|now)\W+|\w+,\s+)?"
AUX_QUESTION = re.compile(
    rf"^\s*{_LEAD}(?:is|are|do|does|did|should|shall|am|has|have|may|might|can|could|would|will)\s+"
    r"(?:i|we|my|our|a|an|the|this|that|these|those|there|it|they|ai|chatbots?|one)\b",
    re.IGNORECASE,
)
# asking in so many words without the mark: "wondering what a SMART goal would look like", "curious what
# shops my size spend"
WONDERS = re.compile(
    r"^\W*(?:(?:i'?m|im|i am|just|also|and|so)\s+)*(?:wondering|curious)\s+(?:about\s+)?"
    r"(?:what|how|if|whether|why|which|when|where|who)\b",
    re.IGNORECASE,
)
# the auxiliaries that open a question even without its mark, the head unsure: "does a cookie banner count
# as consent", "would klaviyo or omnisend be better for us" ("have a shopify store" and "do the packing
# myself" answer)
ASKS_WITHOUT_MARK = re.compile(
    rf"^\s*{_LEAD}(?:is|are|does|did|should|shall|can|could|would|will)\s+"
    r"(?:i|we|you|u|my|our|a|an|the|this|that|it|there|they|ai|chatbots?|\w+\s+or\s+\w+)\b"
    r"|^\s*(?:is|are|will|would)\s+[^.!?]{1,50}\b(?:enough|too much|too little|worth it)\b"
    r"|" + WONDERS.pattern,
    re.IGNORECASE,
)
# whether an amount suffices, however sure the head is of an answer: "is 200 a month too much"
ASKS_ENOUGH = re.compile(
    r"^\s*(?:is|are|will|would)\s+[^.!?]{1,50}\b(?:enough|too much|too little|worth it)\b", re.IGNORECASE
)
# "what makes us different is the fit", "how we work is simple": a wh-clause as subject, a statement
PSEUDO_CLEFT = re.compile(
    r"^\s*(?:what|where|how|why|who)\s+(?:we|our|my|i|they|their|people|customers|clients|buyers|"
    r"makes?|made|sets?|keeps?|drives?|matters?|sells?|works?|separates?|helps?|brings?|gets?)(?:['’][a-z]{1,2})?\b"
    r"(?:\s+[\w'’-]+){0,8}?\s+(?:is|are|was|were)\s+(?!(?:it|there|they|we|i|you)\b)"
    # "whats different is my husband builds the hives", "what's special about us is the aftercare"
    r"|^\s*what['’]?s\s+(?:different|special|unique|new|good|great|best|nice|cool)\b(?:\s+[\w'’-]+){0,5}?\s+is\s+"
    r"|^\s*what (?:makes|sets) (?:us|me|my \w+|our \w+) (?:different|unique|special|apart) is\b",  # "... is i actually run"
    re.IGNORECASE,
)
NAMED_CONFIDENCE = 0.8
# a clause that names its field and then states it ("our budget is $800", "the region is wrong")
_FIELD_NAMES = {
    "budget": r"(?:ai |tools? |monthly )?budget",
    "revenue": r"revenue|turnover|sales",
    "team": r"team",
    "regions": r"regions?|countr(?:y|ies)|market",
    "audience": r"customers|audience|target (?:market|group)",
    "goals": r"(?:goal|target|aim)(?:'?s)?(?: deadline| timeframe| time ?frame| date| number| percentage)?|deadline",
    "tech_stack": r"platform|tools?|stack",
    "data": r"data",
    "consent": r"consent",
    "market_position": r"positioning|position|price point",
    "pain_points": r"(?:biggest |main )?(?:problem|issue|pain(?: point)?)",
}
_NAMED = re.compile(
    # without "our/my/the" only where the bare word cannot be the fact itself ("actually budget is
    # €500"; but "sales are slow" is a problem, not revenue)
    r"^\s*(?:\w+,?\s+){0,3}?(?:(?:our|my|the)\s+|(?=(?:(?:ai |tools? |monthly )?budget|team|consent|regions?|(?:biggest|main) (?:problem|issue|pain)|goal|aim|customers (?:are|r) (?:mostly|mainly|usually|largely|typically|generally|predominantly))\b))(?:"
    + "|".join(f"(?P<{slot}>{names})" for slot, names in _FIELD_NAMES.items())
    + r")(?:\s+(?:is|are|was|were|=|should be|would be|bit is|part is|isn'?t)\b|\s*[:=]|\s+(?=(?:no|yes|none|nope)\b)|\s+(?=(?:to\s+)?[$€£¥₹]?\d))",
    re.IGNORECASE,
)


# a label before a colon names the slot of what follows it in the line ("- Positioning: mid-market,
# every switch is hand-lubed"); owners write these in bullet lists
_LABELS = {
    "market_position": r"positioning|position|market position|pricing|price point|price level|segment",
    "usp": r"usp|differentiator|what makes us different|our edge|edge",
    "audience": r"customers|audience|buyers|clients|target (?:market|audience|customers)|who buys",
    "business": r"products?|what we sell|niche|business|we sell",
    "goals": r"goals?|main goal|aim|objective|target",
    "data": r"data|crm|customer data",
    "tech_stack": r"tools|stack|tech stack|tech|platforms?|software",
    "team": r"team|staff|people",
    "budget": r"budget|ai budget",
    "revenue": r"revenue|sales|turnover",
    "pain_points": r"problems?|biggest problem|pain points?|issues?|challenges?|headaches?",
    "regions": r"regions?|markets?|countries|locations?",
    "consent": r"consent|gdpr|privacy",
}
_LABEL = re.compile(
    r"^[\W_]*(?:" + "|".join(f"(?P<{slot}>{names})" for slot, names in _LABELS.items()) + r")\s*$",
    re.IGNORECASE,
)


# the owner sees they answered the wrong question: "oh u meant the data lol. its just ..."
MISHEARD = re.compile(
    r"^\W*(?:(?:oh+|ah+|sorry|wait|ok(?:ay)?)\W+)*(?:you|u|ya)\s+(?:meant|mean|were asking|asked)\s+(?:about\s+)?"
    r"(?:the\s+|my\s+|our\s+)?(?P<label>[a-z][a-z ]{1,24}?)\W*(?:\s+(?:lol|haha|sorry|my bad))?\W*$",
    re.IGNORECASE,
)


def labelled_slot(clause: str, after: str) -> str | None:
    """The slot a label names when the clause is only the label and a colon follows it, or the slot the
    owner sees was asked ("oh u meant the data lol")."""
    misheard = MISHEARD.match(clause)
    if misheard:
        clause, after = misheard.group("label"), ":"
    match = _LABEL.match(clause) if after.lstrip().startswith(":") else None
    return next(slot for slot, value in match.groupdict().items() if value) if match else None


# where the customers are, said as such: "Customers are all in South Africa", "most buyers come from Texas"
WHERE_CUSTOMERS = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:our |my |the |most |all )?(?:customers|buyers|clients|shoppers|orders|sales)\s+"
    r"(?:are|r|come|comes|ship|go)\s+(?:(?:all|mostly|mainly|largely|primarily|almost all|based|located|spread|scattered)\s+){0,2}"
    r"(?:in|from|to|across|all over)\b",
    re.IGNORECASE,
)


def named_slot(text: str) -> str | None:
    """The slot a clause names before stating it ("actually our budget is $800" → budget)."""
    match = _NAMED.match(text)
    if match is None:
        return None
    return next(
        slot for slot, value in match.groupdict().items() if value
    )  # above this the head is trusted without a cue


_SHRUG = re.compile(r"^\s*(?:🤷[\u200d\u2640\u2642\ufe0f\U0001F3FB-\U0001F3FF]*|¯\\_\(ツ\)_/¯)+\s*$")


def gated(text: str, probs: dict[str, float]) -> tuple[str, float]:
    """The most probable intent whose cue gate ``text`` passes."""
    if _SHRUG.match(text):
        return "skip", 1.0  # "🤷": the owner does not know
    for label, p in sorted(probs.items(), key=lambda item: -item[1]):
        if label == "correction" and not CORRECTION_CUE.search(text):
            continue
        if label == "start_over" and not START_OVER_CUE.search(text):
            continue
        if label == "yes" and len(text.split()) > 8 and not YES_START.match(text):
            continue
        if label == "question" and PSEUDO_CLEFT.match(text) and not text.rstrip().endswith("?"):
            continue
        return label, p
    return "answer", 0.0


def is_question_form(text: str) -> bool:
    """A question mark at the end, or an auxiliary verb and a subject first ("do I need a CRM")."""
    return text.rstrip().endswith("?") or AUX_QUESTION.match(text) is not None


# what a clause that passes on the question says: "no idea", "rather not say", "não sei" — a fragment such
# as "I don't want to be" (on Amazon) is no skip however the head reads it
SKIP_CUE = re.compile(
    r"\b(?:no idea|not sure|unsure|dunno|idk|don'?t know|do not know|no clue|pass|skip|rather not|prefer not|"
    r"can'?t say|no comment|next|move on|later|n/?a|leave (?:it|that)|not applicable|haven'?t decided|"
    r"no s[eé]|n[aã]o sei|keine ahnung|weiß nicht|aucune id[eé]e|je sais pas|boh|non lo so|tidak tahu|"
    r"hindi ko alam|sijui|bilmiyorum|weet ik niet|vet inte|nie wiem|pata nahi|nahi pata)\b",
    re.IGNORECASE,
)
