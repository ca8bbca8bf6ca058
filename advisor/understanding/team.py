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
    r"roasters?|brewers?|butchers?|cleaners?|couriers?|operators?|technicians?|pharmacists?|nurses?|translators?|editors?|"
    r"beaders?|watchmakers?|admin|"
    r"cousins|brothers|sisters|sons|daughters|friends|kids|children|nephews|nieces|aunts|uncles|boys?|men|women|"
    r"guy|girl|lady|lad|"
    r"hosts?|groomers?|baristas?|cashiers?|waiters?|waitress(?:es)?|receptionists?|therapists?|instructors?|teachers?|"
    r"tutors?|sellers?|salesm[ae]n|saleswom[ae]n|warehousem[ae]n|handym[ae]n|grooms?|helpers?|hands|volunteers?|"
    r"contadora?s?|costureiras?|costureras?|ayudantes?|emplead[oa]s?|funcion[aá]rios?|dipendenti|pracownik\w*"
)
# help from outside is not a head: "a freelance video editor", "2 contractors", "an agency"
_OUTSIDE_HELP = re.compile(
    r"(?:\b(?:a|an|one|two|\d{1,2}|our|my|the)\s+)?\b(?:freelanc\w*|contract(?:or|ors|ed)|agenc(?:y|ies)|outsourc\w*|"
    r"external)\b(?:\s+(?!and\b|plus\b|with\b)[\w-]+){0,2}",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "duas": 2, "dois": 2, "zwei": 2,
    "drei": 3, "deux": 2, "trois": 3, "due": 2, "twee": 2, "drie": 3, "três": 3, "quatro": 4, "cinq": 5,
    "vier": 4, "tre": 3, "quattro": 4,
}  # fmt: skip
_TOTAL_WORD = re.compile(
    r"(\b(?:we(?:'re| are)|there(?:'re| are)|team (?:is|of)|total of|somos|nous sommes|on est|wir sind|siamo)"
    r"\s+(?:actually\s+|now\s+|just\s+|only\s+|really\s+)?)(" + "|".join(_NUMBER_WORDS) + r")\b",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?=\s+[a-z])", re.IGNORECASE)
# someone named in a list of the team ("me and Giulia", "2 packers, Kayla and me"), a capitalised name
_NAMED = re.compile(
    r"(?:^|,\s*|\b(?:and|with|plus)\s+|[&+]\s*)([A-Z][a-zà-ÿ]{2,})\b(?=\s*(?:$|[,.;!)(]|\band\b|&|\+|\bin\b|\bwho\b|"
    r"\bdoes\b|\bdo\b|\bfor\b|\bon\b|\bhelps?\b|\bruns?\b|\bhandles?\b|\bworks?\b|\bpacks?\b|\bis\b|"
    r"\bpart\b|\bfull\b|\bfrom\b|\bat\b|\bwith\b|\bthat\b))"
)
# someone said to work in the business
_WORKS = re.compile(
    r"\b(?:works?|working|helps?|helping|does|do|runs?|running|packs?|packing|handles?|makes?|ships?|"
    r"manages?|in charge|full[- ]time|part[- ]time|with me|together|joined|team)\b",
    re.IGNORECASE,
)
# a relative who helps now and then, when the owner says they run it alone: not a member
_NOW_AND_THEN = re.compile(
    r"\b(?:sometimes|occasionally|now and then|from time to time|when (?:needed|i ask))\b", re.I
)
_DEPARTMENT = (
    r"sales|ops|operations|packing|finance|admin|cs|customer service|content|marketing|support|warehouse|office|"
    r"production|design|shop|store|workshop|kitchen|dispatch|logistics|accounts|studio|factory|lab"
)
_NOT_COUNT = r"%|k\b|years?|yrs?|months?|weeks?|days?|hours?|hrs?|skus?|products?|orders?|items?|boxes|pieces|customers?"
# the whole team, said outright
_ONE_PERSON_SHOW = re.compile(
    r"\bone[- ](?:wo)?(?:man|person|girl|guy)[- ](?:show|band|army|operation|business|team)\b", re.I
)
_PART_OF_TEAM = re.compile(
    r"\s*(?:full[- ]time|part[- ]time|in the (?:shop|office|workshop|studio)|permanent|core)\b", re.I
)
_TOTAL = re.compile(
    r"\b(?:team (?:is|of)|we(?:'re| are)|there(?:'s| are| is)|total of|in total|all up|altogether|somos|nous sommes|"
    r"wir sind|siamo(?: in)?|jesteśmy|we zijn|vi är|vi er|hum(?: log)?|on est)\s+"
    rf"(?:just |only |about |around |with |now |actually |really |a team of )?(\d{{1,3}})\b(?!\s?(?:{_NOT_COUNT}))"
    rf"(?!\s+(?:in|at|on)\s+(?:the\s+)?(?:{_DEPARTMENT})\b)(?!\s+(?:staff|employees|workers)\b)"
    r"|\b(\d{1,3})\s+(?:people|persons|ppl|orang|personas|pessoas|persone|personen|personnes|osób|osoby|heads|in total|"
    r"all up|altogether)\b|\b([2-9]|\d{2,3})\s+of us\b"
    r"|\b(\d{1,3})[- ](?:person|people|man|woman)\b"
    r"|^\s*(\d{1,2})\s*(?:[.,;:!()-]|$)(?!\d)"  # "2. me and Pieter", "4 (me, 2 artisans, ...)": the number first
    r"|(?:\bso\s+|,\s*)(\d{1,2})\s*(?:[.,;!]|$)",  # "moi et mon compagnon, so 2."
    re.IGNORECASE,
)
_NUMBER_FIRST = re.compile(r"^\s*\d{1,2}\s*(?:[.,;:!)-]|$)(?!\d)")
_HELPING_ME = re.compile(
    r"\b(?:helping|help|working for|work for|under)\s+me\b|\b(?:i have|i've got|i got|i employ|i hire)\s+\d",
    re.I,
)
# "me + 1, no dev": the owner and as many more
_ME_PLUS = re.compile(
    r"^\W*(?:just\s+)?(?:me|myself|i)\s*(?:\+|\bplus\b|\band\b|&)\s*(\d{1,2})\b(?!\s*(?:%|k\b|years?|yrs?|months?|days?|hours?))",
    re.IGNORECASE,
)
_PLUS_ME = re.compile(r"(?:\+|\bplus)\s*(?:me|myself)\b", re.IGNORECASE)
_PLUS_ROLE = re.compile(  # a freelancer or a contractor is help, not a head
    rf"(?:\+|\bplus)\s*(?:a|an|one|1)\s+(?!freelanc|contract|agency|outsourc)(?:[\w-]+\s+){{0,2}}?"
    rf"(?<!freelance )(?:{_PERSON})\b",
    re.IGNORECASE,
)
_STAFF_TOTAL = re.compile(r"\b(\d{1,3})\s+(?:staff|employees|workers)\b", re.IGNORECASE)
_OWNER = re.compile(
    r"\b(?:me|myself|i|i'm|i've|moi|y yo|yo|saya|aku|ich|ik|jag|jeg|io|eu(?= e\b))\b", re.IGNORECASE
)
# a number of people named by their job: "2 admin for chat, 1 for packing"
_COUNTED_FOR = re.compile(
    r"(?:^|[,;+&]\s*|\band\s+)(\d{1,2})\s+(?:for|on|doing|does|do)\s+(?:the\s+)?(?:packing|packaging|chats?|orders|"
    r"shipping|customer service|cs|social(?: media)?|admin|photos?|design|delivery|deliveries|production|sewing|"
    r"warehouse|marketing|accounts|sales|support|content|ads)\b",
    re.IGNORECASE,
)
_OWNER_ADDED = re.compile(
    r"(?:\+|\bplus|\band|\bwith|\bbesides|\bapart from|\bnot counting|\bexcluding)\s+(?:me|myself)\b"
    r"|\b(?:helping|help|working for|work for|under)\s+me\b|\b(?:i have|i've got|i got|i employ|i hire)\s+\d",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"(?:\bmy\s+|\b(?:his|her)\s+(?=(?:business\s+)?(?:partner|wife|husband|girlfriend|boyfriend|gf|bf|fianc\w*|sister|brother|mum|mom|dad|son|daughter|cousin|friend)\b)|(?<=\band\sour\s)|(?<=,\sour\s)|(?<=\band\s)|(?<=&\s)|(?<=\+\s)|(?<=\bn\s))(?:(?:business|life|other|younger|older|little|big|elder|baby|twin|kid)\s+)?(?:partner|wife|husband|hubby|bf|gf|boyfriend|girlfriend|fianc\w*|sister|brother|"
    r"boet|old man|old lady|missus|missis|misses|novi[ao]|esposa|esposo|marido|freundin|vriendin|mum|mom|mother|dad|father|son|daughter|cousin|uncle|aunt|niece|nephew|grand(?:father|mother|ma|pa|son|daughter)|"
    r"mamma|mama|mamá|mãe|papà|papá|papa|mutter|vater|madre|padre|"
    r"co-?founder|cofounder|friend|buddy|pal|mate|colleague|co-?owner|flatmate|neighbou?r|other half)\b"
    r"|\bmi\s+(?:hermana|hermano|esposa|esposo|marido|mujer|madre|padre|mam[aá]|pap[aá]|hij[oa]|soci[oa]|novi[oa]|prim[oa])\b"
    # "ich und mein Partner", "moi et ma sœur", "eu e meu marido", "jag och min fru", "ik en mijn vriendin"
    r"|\b(?:mein(?:e|em)?|mon|ma|meu|minha|mio|mia|min|mijn)\s+(?:partner(?:in)?|frau|mann|bruder|schwester|freund(?:in)?|"
    r"sohn|tochter|vater|mutter|mari|femme|fr[eè]re|s(?:oe|œ)ur|associ[eé]e?|copain|copine|fils|fille|p[eè]re|m[eè]re|"
    r"marido|esposa|irm[aã]o?|s[oó]ci[oa]|filh[oa]|namorad[oa]|pai|m[aã]e|marito|moglie|fratello|sorella|socio|"
    r"fru|man|bror|syster|sambo|vrouw|broer|zus|vriend(?:in)?)\b",
    re.IGNORECASE,
)
# a relative who only has a say: "my husband keeps telling me to get a proper system"
_ONLY_SAYS = re.compile(
    r"\s+(?:\w+\s+)?(?:keeps?\s+(?:telling|saying|nagging|asking)|says|said|told|tells|thinks|reckons|wants me|asked me|"
    r"nags|laughs|jokes)\b",
    re.IGNORECASE,
)
_RELATIVE_NAMED = re.compile(rf"(?:{_RELATIVE.pattern})\s+([A-Z][a-zà-ÿ]{{2,}})", re.IGNORECASE)
_COUNTED = re.compile(
    rf"(?<![\d.,$€£¥])(\d{{1,3}})\s+(?:(?:[\w-]+\s+){{0,2}}?(?:{_PERSON})\b|(?:in\s+(?:the\s+)?|on\s+(?:the\s+)?)?(?:{_DEPARTMENT})\b)"
    rf"(?!\s?(?:{_NOT_COUNT}))",
    re.IGNORECASE,
)
_SINGLE_ROLE = re.compile(
    r"\b(?:a|an|one|plus a|and a|with a|my|our|plus the|and the)\s+(?!freelanc)"
    # "my operations manager", not "my brother Dev"
    r"(?:part[- ]time |full[- ]time |virtual |remote |new |(?!(?:brother|sister|wife|husband|partner|son|daughter|"
    r"cousin|mum|mom|dad|father|mother|friend|nephew|niece|uncle|aunt|bf|gf|boyfriend|girlfriend|old|business|"
    r"life|other)\b)[a-z]+ ){0,2}"
    r"(?:assistant|va|developer|dev|designer|packer|helper|intern|student|marketer|bookkeeper|employee|"
    r"photographer|girl|guy|lad|boy|temp|apprentice|chemist|accountant|person|woman|man|lady|manager|tailor|"
    r"seamstress|baker|driver|cook|chef|editor|writer|copywriter|admin|receptionist|cashier|technician|"
    r"part[- ]timer|full[- ]timer|worker|analyst|engineer|programmer|coder|picker|cleaner|watchmaker|"
    r"jeweller|jeweler|florist|beader|weaver|potter|craftsman|craftswoman|artisan|mechanic|fitter|builder|"
    r"welder|carpenter|stylist|barista|courier|rider|knitter|illustrator|videographer|"
    # "a part-time mechanic who builds the bikes": whoever works part-time is a person
    r"(?<=(?:part|full)[- ]time )(?!(?:job|basis|role|position|gig|thing|hustle|business|course|study)\b)[a-z]{3,})\b",
    re.IGNORECASE,
)
# a role listed without an article, as one item of a list: "ops manager, 2 packers, a designer and me"
_BARE_ROLE = re.compile(
    r"(?:^|[,;+&]\s*|\band\s+)(?!(?:a|an|one|my|our|the|plus|with|and|no|not|any|hakuna|sin|sem|kein|keine|ohne|geen|"
    r"ingen|walang|nessun|brak|zero)\s)(?:[a-z]+\s+)?"
    r"(?:assistant|va|developer|designer|packer|bookkeeper|photographer|accountant|manager|tailor|seamstress|"
    r"baker|driver|cook|chef|editor|copywriter|admin|receptionist|cashier|technician|analyst|engineer|"
    r"programmer|picker|cleaner|marketer)(?=\s*(?:[,;+&.]|\band\b|$))",
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
    r"\b(?:not|no|isn'?t|aren'?t|never|without|is|are|was|'s|i'?m|am|as|like|sort of|kind of|be|been)\s+(?:\w+\s+)?(?:a|an|one)\s+\w+",
    re.I,
)
# names count only in a sentence that is about people: "Shoper for the shop. team is me and my wife Kasia"
_NAME_AFTER = re.compile(r"\s+([A-Z][a-zà-ÿ]{2,})\b")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_ABOUT_PEOPLE = re.compile(
    rf"\b(?:me|myself|i|we|us|team|staff|{_PERSON})\b|{_RELATIVE.pattern}", re.IGNORECASE
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


# technical help from outside the team still counts as a developer (the interview's convention)
_HIRED_DEVELOPER = re.compile(
    r"\b(?:freelanc\w*|contract(?:or|ed)?|outsourced|external|hired)\s+(?:[\w-]+\s+)?(?:developers?|devs?|programmers?|coders?)\b"
    r"|\b(?:developers?|devs?)\s+(?:that\s+|who\s+)?(?:we|i)\s+(?:call|hire|pay|use|ring)\b",
    re.IGNORECASE,
)


# a relative named in the owner's language and again in English ("só eu e minha esposa — just me and my
# wife") is one person: the foreign word read as its English one
_RELATIVE_EN = {
    "esposa": "wife", "mujer": "wife", "frau": "wife", "femme": "wife", "moglie": "wife", "fru": "wife",
    "vrouw": "wife", "marido": "husband", "mann": "husband", "mari": "husband", "marito": "husband",
    "hermana": "sister", "irmã": "sister", "irma": "sister", "schwester": "sister", "soeur": "sister",
    "sœur": "sister", "sorella": "sister", "syster": "sister", "zus": "sister", "hermano": "brother",
    "irmão": "brother", "irmao": "brother", "bruder": "brother", "frère": "brother", "frere": "brother",
    "fratello": "brother", "bror": "brother", "broer": "brother", "socio": "partner", "socia": "partner",
    "sócio": "partner", "sócia": "partner", "partnerin": "partner", "associé": "partner", "associée": "partner",
    "madre": "mother", "mãe": "mother", "mae": "mother", "mutter": "mother", "mère": "mother", "mamma": "mum",
    "mama": "mum", "mamá": "mum", "padre": "father", "pai": "father", "vater": "father", "père": "father",
    "papa": "dad", "papá": "dad", "papà": "dad", "hijo": "son", "filho": "son", "sohn": "son", "fils": "son",
    "hija": "daughter", "filha": "daughter", "tochter": "daughter", "fille": "daughter",
}  # fmt: skip
_POSSESSIVE = frozenset(
    {
        "my",
        "mi",
        "mein",
        "meine",
        "meinem",
        "mon",
        "ma",
        "meu",
        "minha",
        "mio",
        "mia",
        "min",
        "mijn",
        "his",
        "her",
    }
)


def _same_person(mention: str) -> str:
    words = [_RELATIVE_EN.get(w, w) for w in mention.lower().split()]
    return " ".join(w for w in words if w not in _POSSESSIVE) or " ".join(words)


def states_team_size(text: str) -> bool:
    """The clause says how many the team is ("sorry we are 3", "team of 5", "4 of us", "we're actually
    three now")."""
    return _TOTAL.search(_digits(_REPLACED.sub(" ", text))) is not None and _NUMBER_FIRST.match(text) is None


def team_size_spans(text: str) -> list[tuple[int, int]]:
    """Where a head count is stated ("we are 2", "3 not 2"): numbers there are people, not money."""
    return [m.span() for m in _TOTAL.finditer(text)] + [m.span() for m in _REPLACED.finditer(text)]


def _digits(text: str) -> str:
    """Number words before a word as digits: "two part-time hosts" → "2 part-time hosts"; and a total
    said in words: "We are three: me, ..." → "We are 3: me, ..."."""
    text = _TOTAL_WORD.sub(lambda m: m.group(1) + str(_NUMBER_WORDS[m.group(2).lower()]), text)
    return _NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS[m.group(1).lower()]), text)


def _members(text: str, cues: Cues) -> int | None:
    """The members named one by one: the owner, relatives, numbers of a role, single roles and names.
    None when nobody is named."""
    counted_text = _INCLUDED.sub(" ", text)
    outside = _OUTSIDE.search(counted_text)
    if outside:  # "the bakery has 8 more staff but they don't touch the computer"
        counted_text = counted_text[: outside.start()]
    helped = _OUTSIDE_HELP.sub(", ", counted_text)  # freelancers and agencies: help, not heads
    res = cues.team_res
    members = sum(int(m.group(1)) for m in _COUNTED.finditer(helped))
    members += sum(int(m.group(1)) for m in _COUNTED_FOR.finditer(helped))
    # "my 2 cousins, my cousin Dimas handles the website": Dimas is one of the two
    plural = {w.lower() for m in _COUNTED.finditer(helped) for w in re.findall(r"[a-z]+", m.group(0), re.I)}
    relatives = {
        r
        for m in _RELATIVE.finditer(helped)
        if f"{(r := _same_person(m.group(0))).split()[-1]}s" not in plural
        and not _ONLY_SAYS.match(helped[m.end() : m.end() + 40])
    }
    solo = bool(res["solo"].search(text))
    if solo and _NOW_AND_THEN.search(text):
        relatives = set()  # "just me, alone. my boyfriend helps with photos sometimes"
    members += len(relatives)
    unsaid = _NOT_A_ROLE.sub(" ", helped)
    singles = len(_SINGLE_ROLE.findall(unsaid)) + len(_BARE_ROLE.findall(helped))
    members += singles
    # a name counts once, and not when it names a relative already counted ("my partner Lukas")
    known = {m.group(1) for m in _RELATIVE_NAMED.finditer(helped)}
    # "my operations manager Layla": the role and the name are one person
    known |= {n.group(1) for m in _SINGLE_ROLE.finditer(helped) if (n := _NAME_AFTER.match(helped, m.end()))}
    if members or relatives or _OWNER.search(counted_text):  # names among people, not a list of tools
        members += len(
            {
                n
                for sentence in _SENTENCE_END.split(helped)
                if _ABOUT_PEOPLE.search(sentence)  # "WooCommerce, and Yoco for card payments.": tools
                for n in _NAMED.findall(sentence)
                if n.lower() not in cues.not_names and n not in known
            }
        )
    if res["pair"].search(text) and members < 2 and not _RELATIVE.search(counted_text):
        return 2  # "the two of us", "both of us"
    # relatives are the owner's: "my brother does the packing" is the two of them
    owner = bool(_OWNER.search(counted_text)) or solo or bool(relatives)
    if members == 0:
        return 1 if solo else None
    if not _OWNER.search(counted_text) and members == len(relatives) == 1 and not _WORKS.search(text):
        return None  # "my father will want to read it": a relative named, nobody said to work
    if members == singles and not owner:
        return None  # "we have a part-time VA": help, not a head count
    return members + (1 if owner else 0)


def team_size(text: str, cues: Cues) -> int | None:
    """The number of people in the team, or None when the text does not say. A stated total stands
    unless the members named one by one are more ("2 of us full time, ..., plus a uni student")."""
    text = _digits(_ONE_PERSON_SHOW.sub(" just me ", _REPLACED.sub(" ", text)))
    total = _TOTAL.search(text)
    me_plus = _ME_PLUS.match(text)
    if total is None and me_plus:  # "me + 2 craftsmen, and my sister answers the msgs": the most named
        return max(1 + int(me_plus.group(1)), _members(text, cues) or 0)
    # the members named besides the total ("2 of us full time, me and Tash, plus a uni student")
    members = _members(text[: total.start()] + ", " + text[total.end() :] if total else text, cues)
    if total:
        size = int(next(g for g in total.groups() if g))
        size += len(_PLUS_ROLE.findall(text[total.end() :]))  # "team is 2 + a part-time packer"
        # "2 people + me", "3 people helping me"; but "6 people: ..., and me" is 6
        size = size + 1 if _PLUS_ME.search(text) or _HELPING_ME.search(text) else size
        # a total qualified as part of the team ("2 of us full time, ..., plus a uni student") is a floor
        return max(size, members or 0) if _PART_OF_TEAM.match(text[total.end() :]) else size
    staff = _STAFF_TOTAL.search(text)
    if (staff and _OWNER_ADDED.search(text)) or (staff and re.search(r"\band (?:me|myself)\b", text, re.I)):
        return int(staff.group(1)) + 1  # "8 staff: 2 sales, ..., and me"
    if staff:
        before = text[: staff.start()]  # "me, my partner and 3 employees": the staff and those named first
        named = len({m.lower() for m in _RELATIVE.findall(before)}) + (1 if _OWNER.search(before) else 0)
        return int(staff.group(1)) + named
    return members


def read_team(text: str, cues: Cues) -> str | None:
    """A normalised team description, or None when the text states neither size nor skills."""
    res = cues.team_res
    size = team_size(text, cues)
    hired = _HIRED_DEVELOPER.search(text) is not None  # "no in-house dev but a freelance developer we call"
    no_dev = bool(res["no_developer"].search(text)) and not hired
    developer = hired or (not no_dev and bool(res["developer"].search(text)))
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
