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
    r"\b(?:we(?:'re| are)|there(?:'s| are| is)|team of|a team of|total of)\s+(?:just |only |about )?(\d{1,3})\b"
    r"(?!\s?(?:%|k\b|years|months|yrs|skus|products|orders))|\b(\d{1,3})[- ](?:person|people|man|woman) (?:shop|team|business|company|operation|outfit|biz)\b",
    re.I,
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
    size: int | None = None
    if res["pair"].search(text):
        size = 2
    elif res["solo"].search(text):
        size = 1
    stated = _STATED_SIZE.search(text)
    if stated:
        size = int(stated.group(1) or stated.group(2))
    counted = [
        int(m.group(1))
        for m in cues.team_count_re.finditer(text)
        if not re.match(
            r"\s+(?:us\s+)?(?:is|are|does|do|has|have|knows?|can)\b", text[m.end() :], re.IGNORECASE
        )
    ]
    if counted and not stated:
        size = sum(counted) + (1 if size == 1 or (size is None and _OWNER.search(text)) else (size or 0))
    singles = len(_SINGLE_ROLE.findall(text))
    if singles and size is not None and not stated:
        size += singles
    elif singles and re.search(r"\b(?:me|myself|i)\b", text, re.I):
        size = 1 + singles
    no_dev = bool(res["no_developer"].search(text))
    developer = not no_dev and bool(res["developer"].search(text))
    part_time = bool(res["part_time"].search(text))
    skills = [name for name, pattern in _SKILLS.items() if re.search(pattern, text, re.I)]
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
