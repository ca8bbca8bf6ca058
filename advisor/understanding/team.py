"""The team as size and skills: "me and my partner on weekends, nobody technical" → "2 people,
part-time; no developer". Counts come from numbers next to role words ("two founders and a part-time
assistant" → 3); skills from the curated cue words."""

from __future__ import annotations

import re

from advisor.understanding.lexicons import Cues

_SINGLE_ROLE = re.compile(
    r"\b(?:a|an|one|plus a|and a|with a)\s+(?:part[- ]time |full[- ]time |freelance |virtual |remote )?"
    r"(?:assistant|va|freelancer|developer|dev|designer|packer|helper|intern|marketer|bookkeeper|employee|partner|photographer)\b",
    re.IGNORECASE,
)
_STATED_SIZE = re.compile(
    r"\b(?:we(?:'re| are)|there(?:'s| are| is)|team of|a team of|total of)\s+(?:just |only |about |with |now )?(\d{1,3})\b"
    r"(?!\s?(?:%|k\b|years|months|yrs|skus|products|orders))|\b(\d{1,3})[- ](?:person|people|man|woman) (?:shop|team|business|company|operation|outfit|biz)\b",
    re.I,
)
# "6 staff incl. one developer", "5 people including me": what follows names members already counted
_INCLUDED = re.compile(r"\b(?:incl\.?|including|inc\.|counting|of (?:which|whom)|among them)[^,;]*", re.I)
# a corrected count is not a member: "I meant 3 people not 2"
_REPLACED = re.compile(r"\b(?:not|instead of|rather than|no longer)\s+\d{1,3}\b", re.IGNORECASE)
# "3 people", "4 of us": everyone, the owner included — unless the owner is added ("2 people + me")
_TOTAL = re.compile(r"^\s+(?:people|persons|ppl|of us|in total|total|heads)\b", re.IGNORECASE)
_OWNER_ADDED = re.compile(
    r"(?:\+|\bplus|\band|\bwith|\bbesides|\bapart from|\bnot counting|\bexcluding)\s+(?:me|myself)\b"
    r"|\b(?:me|myself|i)\s+(?:and|plus|\+|with|n|&)\s+\d|\b(?:helping|help|working for|work for|under)\s+me\b"
    r"|\b(?:i have|i've got|i got|i employ|we employ|i hire)\s+\d",
    re.IGNORECASE,
)
_PER_PLACE = re.compile(
    r"(?<![\d.])(\d{1,3})\s+(?:people\s+|staff\s+|of us\s+)?(?:in|at|on)\s+(?:the\s+)?"
    r"(?:workshop|office|warehouse|shop|store|studio|factory|kitchen|back office|front|field|production|packing|sales|support)\b",
    re.IGNORECASE,
)
_NOT_A_ROLE = re.compile(
    r"\b(?:not|no|isn'?t|aren'?t|never|without)\s+(?:\w+\s+)?(?:a|an|one)\s+\w+", re.IGNORECASE
)
_OWNER = re.compile(r"\b(?:me|myself|i|i'm|i've|i have|plus me)\b", re.IGNORECASE)
_SKILLS = {
    "marketing": r"\bmarket(?:ing|er)s?\b",
    "design": r"\bdesign(?:er|ers)?\b",
    "customer service": r"\b(?:customer service|support)\b",
    "data analysis": r"\b(?:data analy\w+|analysts?|data scien\w+)\b",
    "an agency": r"\bagency\b",
    "a freelancer": r"\bfreelanc\w*\b",
}


def read_team(text: str, cues: Cues) -> str | None:
    """A normalised team description, or None when the text states neither size nor skills."""
    res = cues.team_res
    full = text
    text = _REPLACED.sub(" ", _INCLUDED.sub(" ", text))  # counted without members named as included
    size: int | None = None
    if res["pair"].search(text):
        size = 2
    elif res["solo"].search(text):
        size = 1
    stated_match = _STATED_SIZE.search(text)
    stated = stated_match is not None  # the whole team's size, said outright
    if stated_match:
        size = int(stated_match.group(1) or stated_match.group(2))
    counted = [
        int(m.group(1))
        for m in cues.team_count_re.finditer(text)
        if not re.match(
            r"\s+(?:us\s+)?(?:is|are|does|do|has|have|knows?|can)\b", text[m.end() :], re.IGNORECASE
        )
    ]
    totals = [
        int(m.group(1))
        for m in cues.team_count_re.finditer(text)
        if _TOTAL.match(text[m.start() + len(m.group(1)) :])
    ]
    places = [int(m.group(1)) for m in _PER_PLACE.finditer(text)]
    if len(places) >= 2 and (not stated or size in places):
        size, stated = sum(places), True  # "8 in the workshop and 2 in the office"
    elif counted and not stated and len(counted) == 1 and totals and not _OWNER_ADDED.search(text):
        size, stated = totals[0], True  # "oops, 3 people": the whole team
    elif counted and not stated:
        size = sum(counted) + (1 if size == 1 or (size is None and _OWNER.search(text)) else (size or 0))
    singles = len(_SINGLE_ROLE.findall(_NOT_A_ROLE.sub(" ", text)))  # "he is not a developer" adds no one
    if singles and size is not None and not stated:
        size += singles
    elif singles and not stated and re.search(r"\b(?:me|myself|i)\b", text, re.I):
        size = 1 + singles
    no_dev = bool(res["no_developer"].search(full))
    developer = not no_dev and bool(res["developer"].search(full))
    part_time = bool(res["part_time"].search(full))
    skills = [name for name, pattern in _SKILLS.items() if re.search(pattern, full, re.I)]
    if size is None and not (no_dev or developer or skills):
        return None
    parts: list[str] = []
    if size is not None:
        parts.append("1 person (the owner)" if size == 1 else f"{size} people")
    if part_time:
        parts.append("part-time")
    if skills:
        parts.append("skills: " + ", ".join(skills))
    head = ", ".join(parts) if parts else "a team"
    if no_dev:
        return f"{head}; no developer"
    if developer:
        return f"{head}; has a developer or technical help"
    return head
