"""The team as size and skills: "me and my partner on weekends, nobody technical" → "2 people,
part-time; no developer".

The size is the total the owner states ("we're 6", "team is 7", "5 of us", "15 orang"), or else the
members counted one by one: the owner ("me", "I"), the relatives and partners they name ("my sister",
"my co-founder Lotte"), numbers in front of a role or a department ("2 seamstresses", "3 in the
warehouse", "2 sales") and single roles ("a student", "a part-time VA"). A stated number of staff
does not include the owner who adds "and me" ("8 staff: ..., and me" → 9); a number of people does
("6 people: 3 in the shop, 2 packing, and me" → 6). Skills and the developer come from curated cues.
"""

from __future__ import annotations

import re

from advisor.understanding.lexicons import Cues

_PERSON = (
    r"people|persons?|ppl|staff|employees?|workers?|members?|founders?|co-?founders?|partners?|owners?|"
    r"assistants?|vas?|freelancers?|developers?|devs?|designers?|packers?|helpers?|interns?|students?|marketers?|"
    r"bookkeepers?|accountants?|photographers?|copywriters?|writers?|mechanics?|seamstress(?:es)?|tailors?|bakers?|"
    r"makers?|weavers?|sewers?|sewists?|knitters?|embroiderers?|artisans?|craftsm[ae]n|riders?|drivers?|pickers?|agents?|reps?|salespeople|admins?|managers?|"
    r"part[- ]timers?|full[- ]timers?|casuals?|temps?|contractors?|apprentices?|trainees?|guys|girls|ladies|lads|"
    r"chemists?|engineers?|programmers?|coders?|analysts?|colleagues|hires|orang|personnes?|personas?|leute|mitarbeiter|"
    r"painters?|potters?|glassblowers?|carpenters?|woodworkers?|jewell?ers?|cooks?|chefs?|florists?|stylists?|sommeliers?|"
    r"roasters?|brewers?|butchers?|cleaners?|couriers?|operators?|technicians?|pharmacists?|nurses?|translators?|editors?"
)
_DEPARTMENT = (
    r"sales|ops|operations|packing|finance|admin|cs|customer service|content|marketing|support|warehouse|office|"
    r"production|design|shop|store|workshop|kitchen|dispatch|logistics|accounts|studio|factory|lab"
)
_NOT_COUNT = r"%|k\b|years?|yrs?|months?|weeks?|days?|hours?|hrs?|skus?|products?|orders?|items?|boxes|pieces|customers?"
# the whole team, said outright
_TOTAL = re.compile(
    r"\b(?:team (?:is|of)|we(?:'re| are)|there(?:'s| are| is)|total of|in total|all up|altogether)\s+"
    rf"(?:just |only |about |around |with |now |a team of )?(\d{{1,3}})\b(?!\s?(?:{_NOT_COUNT}))"
    rf"(?!\s+(?:in|at|on)\s+(?:the\s+)?(?:{_DEPARTMENT})\b)(?!\s+(?:staff|employees|workers)\b)"
    r"|\b(\d{1,3})\s+(?:people|persons|ppl|orang|heads|in total|all up|altogether)\b|\b([2-9]|\d{2,3})\s+of us\b"
    r"|\b(\d{1,3})[- ](?:person|people|man|woman)\b"
    r"|^\s*(\d{1,2})\s*(?:[.,;:!)-]|$)(?!\d)",  # "2. me and Pieter": the number first, alone, at the team question
    re.IGNORECASE,
)
_NUMBER_FIRST = re.compile(r"^\s*\d{1,2}\s*(?:[.,;:!)-]|$)(?!\d)")
_HELPING_ME = re.compile(
    r"\b(?:helping|help|working for|work for|under)\s+me\b|\b(?:i have|i've got|i got|i employ|i hire)\s+\d",
    re.I,
)
_PLUS_ME = re.compile(r"(?:\+|\bplus)\s*(?:me|myself)\b", re.IGNORECASE)
_PLUS_ROLE = re.compile(  # a freelancer or a contractor is help, not a head
    rf"(?:\+|\bplus)\s*(?:a|an|one|1)\s+(?!freelanc|contract|agency|outsourc)(?:[\w-]+\s+){{0,2}}?"
    rf"(?<!freelance )(?:{_PERSON})\b",
    re.IGNORECASE,
)
_STAFF_TOTAL = re.compile(r"\b(\d{1,3})\s+(?:staff|employees|workers)\b", re.IGNORECASE)
_OWNER = re.compile(r"\b(?:me|myself|i|i'm|i've|moi|y yo)\b", re.IGNORECASE)
_OWNER_ADDED = re.compile(
    r"(?:\+|\bplus|\band|\bwith|\bbesides|\bapart from|\bnot counting|\bexcluding)\s+(?:me|myself)\b"
    r"|\b(?:helping|help|working for|work for|under)\s+me\b|\b(?:i have|i've got|i got|i employ|i hire)\s+\d",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"(?:\bmy\s+|(?<=\band\sour\s)|(?<=,\sour\s)|(?<=\band\s)|(?<=&\s)|(?<=\+\s)|(?<=\bn\s))(?:(?:business|life|other|younger|older|little|big|elder|baby|twin|kid)\s+)?(?:partner|wife|husband|hubby|bf|gf|boyfriend|girlfriend|fianc\w*|sister|brother|"
    r"old man|old lady|missus|missis|misses|novi[ao]|esposa|esposo|marido|freundin|vriendin|mum|mom|mother|dad|father|son|daughter|cousin|uncle|aunt|niece|nephew|grand(?:father|mother|ma|pa|son|daughter)|"
    r"co-?founder|cofounder|friend|buddy|pal|mate|colleague|co-?owner|flatmate|neighbou?r|other half)\b"
    r"|\bmi\s+(?:hermana|hermano|esposa|esposo|marido|mujer|madre|padre|mam[aá]|pap[aá]|hij[oa]|soci[oa]|novi[oa]|prim[oa])\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    rf"(?<![\d.,$€£¥])(\d{{1,3}})\s+(?:(?:[\w-]+\s+){{0,2}}?(?:{_PERSON})\b|(?:in\s+(?:the\s+)?|on\s+(?:the\s+)?)?(?:{_DEPARTMENT})\b)"
    rf"(?!\s?(?:{_NOT_COUNT}))",
    re.IGNORECASE,
)
_SINGLE_ROLE = re.compile(
    r"\b(?:a|an|one|plus a|and a|with a)\s+(?!freelanc)(?:part[- ]time |full[- ]time |virtual |remote |new |[a-z]+ )?"
    r"(?:assistant|va|developer|dev|designer|packer|helper|intern|student|marketer|bookkeeper|employee|"
    r"photographer|girl|guy|lad|temp|apprentice|chemist|accountant|person|woman|man|lady)\b",
    re.IGNORECASE,
)
# what follows names members already counted ("6 staff incl. one developer", "5 people including me")
_INCLUDED = re.compile(
    r"\b(?:incl\.?|including|inc\.|counting|of (?:which|whom)|among them)(?:(?!\s(?:and|plus)\s\d)[^,;])*",
    re.I,
)
_REPLACED = re.compile(r"\b(?:not|instead of|rather than|no longer)\s+\d{1,3}\b", re.IGNORECASE)  # "3 not 2"
# "he is not a developer", "one of us is a developer": no one more
_NOT_A_ROLE = re.compile(
    r"\b(?:not|no|isn'?t|aren'?t|never|without|is|are|was|'s|as|like)\s+(?:\w+\s+)?(?:a|an|one)\s+\w+", re.I
)
_OUTSIDE = re.compile(
    r"\b(?:more|other|extra)\s+(?:staff|people|workers)\b[^.;]{0,40}\b(?:don'?t|do not|never)\b", re.I
)
_SKILLS = {
    "marketing": r"\bmarket(?:ing|er)s?\b",
    "design": r"\bdesign(?:er|ers)?\b",
    "customer service": r"\b(?:customer service|support)\b",
    "data analysis": r"\b(?:data analy\w+|analysts?|data scien\w+)\b",
    "an agency": r"\bagency\b",
    "a freelancer": r"\bfreelanc\w*\b",
}


def _same_person(mention: str) -> str:
    return " ".join(mention.lower().split())


def states_team_size(text: str) -> bool:
    """The clause says how many the team is ("sorry we are 3", "team of 5", "4 of us")."""
    return _TOTAL.search(_REPLACED.sub(" ", text)) is not None and _NUMBER_FIRST.match(text) is None


def team_size(text: str, cues: Cues) -> int | None:
    """The number of people in the team, or None when the text does not say."""
    text = _REPLACED.sub(" ", text)
    total = _TOTAL.search(text)
    if total:
        size = int(next(g for g in total.groups() if g))
        size += len(_PLUS_ROLE.findall(text[total.end() :]))  # "team is 2 + a part-time packer"
        # "2 people + me", "3 people helping me"; but "6 people: ..., and me" is 6
        return size + 1 if _PLUS_ME.search(text) or _HELPING_ME.search(text) else size
    staff = _STAFF_TOTAL.search(text)
    if (staff and _OWNER_ADDED.search(text)) or (staff and re.search(r"\band (?:me|myself)\b", text, re.I)):
        return int(staff.group(1)) + 1  # "8 staff: 2 sales, ..., and me"
    if staff:
        before = text[: staff.start()]  # "me, my partner and 3 employees": the staff and those named first
        named = len({m.lower() for m in _RELATIVE.findall(before)}) + (1 if _OWNER.search(before) else 0)
        return int(staff.group(1)) + named
    counted_text = _INCLUDED.sub(" ", text)
    if _OUTSIDE.search(counted_text):  # "the bakery has 8 more staff but they don't touch the computer"
        counted_text = counted_text[: _OUTSIDE.search(counted_text).start()]  # type: ignore[union-attr]
    members = sum(int(m.group(1)) for m in _COUNTED.finditer(counted_text))
    members += len({_same_person(m) for m in _RELATIVE.findall(counted_text)})  # "my son ... my son can"
    singles = len(_SINGLE_ROLE.findall(_NOT_A_ROLE.sub(" ", counted_text)))
    members += singles
    res = cues.team_res
    if res["pair"].search(text) and members < 2 and not _RELATIVE.search(counted_text):
        return 2  # "the two of us", "both of us"
    owner = bool(_OWNER.search(counted_text)) or bool(res["solo"].search(text))
    if members == 0:
        return 1 if res["solo"].search(text) else None
    if members == singles and not owner:
        return None  # "we have a freelance developer": help, not a head count
    return members + (1 if owner else 0)


def read_team(text: str, cues: Cues) -> str | None:
    """A normalised team description, or None when the text states neither size nor skills."""
    res = cues.team_res
    size = team_size(text, cues)
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
