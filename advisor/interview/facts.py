"""Filing understood facts into the interview's profile, and saying back what changed.

An answer fills empty fields and adds to lists; it replaces a filled field only when that field's
question was just asked. A correction (or any fact after the summary) replaces the field it names and
says so: "changed your AI budget from £80 a month to £150 a month".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from advisor.interview.script import InterviewScript
from advisor.parsing.home_currency import home_currency
from advisor.plan.money import Money
from advisor.plan.profile import BusinessProfile, FactEvidence
from advisor.understanding.amounts import SHARED_WORD, local_currency
from advisor.understanding.models import LIST_FIELDS, SLOT_FIELDS, ProfilePatch
from advisor.understanding.revisions import TAKES_BACK
from advisor.understanding.team import states_team_size
from advisor.understanding.text import sentence_case

EXTRA_LABELS = {
    "products": "products",
    "usp": "what makes you different",
    "monthly_revenue": "revenue",
    "currency": "currency",
    "niche": "what you sell",
}
ANSWER_REPLACES_PASSING = frozenset({"regions"})
ADDED_TO = frozenset({"audience", "usp"})  # text fields an answer adds to when it says "too"
DOUBTFUL = 0.6  # an answer read this unsurely gives way to a surer one about the same field
MONEY_FIELDS = ("budget_monthly", "monthly_revenue")
DEFAULT_CURRENCY: str = BusinessProfile.model_fields["currency"].default


@dataclass
class Applied:
    """What filing a patch did, in words the owner reads."""

    noted: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)

    @property
    def message(self) -> str:
        parts = []
        if self.changed:
            parts.append("Changed " + "; ".join(self.changed) + ".")
        if self.noted:
            merged: dict[str, list[str]] = {}  # "your tools: Etsy" and "your tools: Shopify" said once
            for line in self.noted:
                name, _, value = line.partition(": ")
                merged.setdefault(name, []).append(value)
            parts.append("Noted — " + "; ".join(f"{k}: {', '.join(v)}" for k, v in merged.items()) + ".")
        return " ".join(parts)


def label(field_name: str, script: InterviewScript) -> str:
    if field_name in EXTRA_LABELS:
        return EXTRA_LABELS[field_name]
    slot = script.slot_of_field(field_name)
    return slot.label if slot else field_name.replace("_", " ")


def show(field_name: str, value: Any, profile: BusinessProfile) -> str:
    """A profile value as the advisor says it."""
    if field_name in MONEY_FIELDS and isinstance(value, int | float):
        return (
            "nothing for now"
            if value == 0
            else Money.for_plan(profile.currency, profile.currency).fmt(value) + " a month"
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _has(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def apply_patch(
    profile: BusinessProfile,
    patch: ProfilePatch,
    *,
    replace: bool,
    asked_fields: set[str],
    source: str,
    script: InterviewScript,
    message: str = "",
) -> tuple[BusinessProfile, Applied]:
    """The profile with the patch filed, and what was noted or changed.

    ``message`` is the owner's whole message: "Oh, I forgot, we have Aoife on Saturdays too, so it's 3
    of us" fixes the team in a clause of its own.

    ``replace`` (a correction, or facts given after the summary) replaces the fields the message is
    about; lists read in passing (tools named while describing the data) are added to, never replaced.
    Otherwise a filled field changes only when its question was just asked; lists are added to.
    """
    before = BusinessProfile.model_validate({**profile.model_dump(), "evidence": {}})
    data = profile.model_dump()
    evidence = dict(profile.evidence)
    applied = Applied()
    currency_fact = patch.get("currency")
    if currency_fact is not None and (replace or "currency" not in evidence):
        if replace and data.get("currency") != currency_fact.value:  # "actually our budget is €80 a month"
            applied.changed.append(f"your currency from {data.get('currency')} to {currency_fact.value}")
            applied.fields.add("currency")
        data["currency"] = currency_fact.value
        evidence["currency"] = FactEvidence(quote=currency_fact.quote, confidence=1.0, source=source)
    shown = BusinessProfile.model_validate({**data, "evidence": {}})
    restarted: set[str] = set()
    for fact in patch.facts:
        name = fact.field
        if name == "currency":
            continue
        old = getattr(before, name)
        about = name in SLOT_FIELDS.get(fact.slot, ())  # the clause is about this field, not in passing
        if name in LIST_FIELDS:
            dropped = _named_as_wrong(
                message if about and message else fact.quote, list(data.get(name) or [])
            )
            adding = _ADDING.search(fact.quote) is not None  # "and we sell to australia too"
            earlier = evidence.get(name)
            # the answer to the regions question replaces places caught in passing ("women in the US and
            # europe" at the customers question, then "USA, canada, UK, germany")
            answers_passing = (
                name in ANSWER_REPLACES_PASSING
                and about
                and name in asked_fields
                and earlier is not None
                and not earlier.asked
                and not earlier.confirmed
            )
            if answers_passing and not adding:
                current: list[Any] = []
            elif replace and about and adding:
                current = list(data.get(name) or [])
            elif replace and about and dropped:
                current = [v for v in data.get(name) or [] if v not in dropped]  # "not France, Belgium"
            elif replace and about and name not in restarted:
                restarted.add(name)
                current = []
            else:
                current = list(data.get(name) or [])
            added = [v for v in fact.value if v not in current]
            new = current + added
            if new == list(data.get(name) or []):
                continue
            data[name] = new
            if replace and about and old:
                applied.changed.append(
                    f"{label(name, script)} from {show(name, old, before)} to {show(name, new, shown)}"
                )
            else:
                applied.noted.append(f"{label(name, script)}: {show(name, added, shown)}")
        else:
            # a size for a team known only by its skills ("none of us is technical", then "5 of us")
            sizes = name == "team" and isinstance(old, str) and _HAS_SIZE.search(str(fact.value)) is not None
            sizes = sizes and _HAS_SIZE.search(str(old).split(";")[0]) is None
            if (
                name == "team"
                and (replace or sizes or TAKES_BACK.search(fact.quote))
                and isinstance(old, str)
                and old
            ):
                fact = fact.model_copy(update={"value": _keep_team_details(old, str(fact.value))})
            elif name == "team" and isinstance(old, str) and _fewer_named(old, str(fact.value), fact.quote):
                # "4 of us", then "my son does the website stuff": the son is one of the four
                fact = fact.model_copy(update={"value": _keep_team_size(old, str(fact.value))})
            if _has(old) and old == fact.value:
                continue
            refines = isinstance(old, str) and isinstance(fact.value, str) and _refines(old, fact.value)
            # "sorry we are 3, I forgot our seamstress"
            fixes = TAKES_BACK.search(fact.quote) is not None or (
                about and TAKES_BACK.search(message) is not None
            )
            # a clause about the field outranks a value caught in passing ("our sarees are 8k to 40k
            # rupees" was no budget once "15-20k rupees per month" is said)
            earlier = evidence.get(name)
            overrides_passing = (
                about
                and earlier is not None
                and (
                    not earlier.asked
                    or (earlier.confidence < DOUBTFUL and fact.confidence > earlier.confidence)
                )
                and not earlier.confirmed
            )
            adds = (
                name in ADDED_TO
                and isinstance(old, str)
                and bool(old)
                and _ADDING.search(fact.quote) is not None
                and not TAKES_BACK.search(fact.quote)
                and str(fact.value).lower() not in str(old).lower()
            )
            if adds:  # "oh and interior designers too": more customers, the others stay
                fact = fact.model_copy(update={"value": f"{old}; {fact.value}"})
            if _has(old) and not replace and _restates(old, fact.value):
                continue  # "excel" in a tool list after "everything is in excel": nothing new
            if _has(old) and not (
                replace or name in asked_fields or refines or fixes or overrides_passing or sizes or adds
            ):
                continue  # said again in passing: the earlier answer stands (a correction changes it)
            data[name] = fact.value
            if (
                _has(old)
                and name in MONEY_FIELDS
                and currency_fact is not None
                and currency_fact.quote == fact.quote
                and data.get("currency") != currency_fact.value
            ):  # "budget can be more like 200 bucks CAD": the amount and its currency change together
                data["currency"] = currency_fact.value
                evidence["currency"] = FactEvidence(quote=currency_fact.quote, confidence=1.0, source=source)
                shown = BusinessProfile.model_validate({**data, "evidence": {}})
            if _has(old) and not adds:
                applied.changed.append(
                    f"{label(name, script)} from {show(name, old, before)} to {show(name, fact.value, shown)}"
                )
            else:
                applied.noted.append(f"{label(name, script)}: {show(name, fact.value, shown)}")
        evidence[name] = FactEvidence(
            quote=fact.quote,
            confidence=fact.confidence,
            confirmed=replace,
            source=source,
            asked=name in asked_fields,
        )
        applied.fields.add(name)
    said = evidence.get("currency")
    if "regions" in applied.fields and said is not None and not said.confirmed:
        code = str(data.get("currency"))  # "3 millones de pesos" said before "all argentina": Argentine pesos
        if code in SHARED_WORD and re.search(SHARED_WORD[code], said.quote, re.IGNORECASE):
            data["currency"] = local_currency(code, said.quote, list(data.get("regions") or []))
    if "regions" in applied.fields and said is None:  # "200 a month" from a UK shop is pounds
        data["currency"] = home_currency(list(data.get("regions") or [])) or DEFAULT_CURRENCY
    data["evidence"] = evidence
    return BusinessProfile.model_validate(data), applied


# "and germany too" adds; "way too ambitious" does not ("too" before a word qualifies it)
_ADDING = re.compile(
    r"\btoo\b(?=\s*(?:[.,;:!?)]|$|\s(?:and|but|so|we|i|they)\b))|\b(?:also|as well|additionally|another|add|plus)\b"
    r"|\b(?:i|we)\s+(?:forgot|forgotten|left out|missed)\b",  # "sorry, I forgot Austria": one more
    re.IGNORECASE,
)


def _named_as_wrong(quote: str, items: list[Any]) -> list[Any]:
    """Items of a list the correction names as wrong ("sorry not France, it's Belgium" → [France]);
    the others stay."""
    low = quote.lower()
    return [
        item
        for item in items
        if isinstance(item, str)
        and re.search(
            rf"\b(?:not|no|instead of|rather than|remove|drop|without|scratch|forget|delete|take out)\s+(?:the\s+)?{re.escape(item.lower())}\b",
            low,
        )
    ]


_HAS_SIZE = re.compile(r"\d")
_TEAM_SIZE = re.compile(r"^(\d+) (?:people|person)\b")


def _keep_team_details(old: str, new: str) -> str:
    """A corrected team size keeps the skills and the developer note said before ("actually we're 3
    people" after "2 people, skills: design; no developer")."""
    head, _, tail = new.partition(";")
    old_head, _, old_tail = old.partition(";")
    if "skills:" not in head and "skills:" in old_head:
        head += ", skills:" + old_head.split("skills:", 1)[1]
    return f"{head};{tail or old_tail}" if (tail or old_tail) else head


def _size(team: str) -> int | None:
    found = _TEAM_SIZE.match(team)
    return int(found.group(1)) if found else None


def _fewer_named(old: str, new: str, quote: str) -> bool:
    """The new reading counts fewer people than the size already stated, only from the people it
    names (no total of its own, nothing taken back)."""
    before, after = _size(old), _size(new)
    return (
        before is not None
        and after is not None
        and 1 < after < before  # "It's only me" says the size
        and not states_team_size(quote)
        and not TAKES_BACK.search(quote)
    )


def _keep_team_size(old: str, new: str) -> str:
    """The stated size, with what the new reading adds ("4 people" + "2 people; has a developer")."""
    tail = new.partition(";")[2]
    return f"{old.partition(';')[0]};{tail}" if tail else old


def _refines(old: str, new: str) -> bool:
    """The new reading says what the old one said and more: "10 people" → "10 people; no developer"."""
    return len(new) > len(old) and new.startswith(old.split(";")[0]) and old.split(";")[0] != ""


def confirm_all(profile: BusinessProfile) -> BusinessProfile:
    """Every fact confirmed by the owner (a plain yes to the summary)."""
    evidence = {k: v.model_copy(update={"confirmed": True}) for k, v in profile.evidence.items()}
    return profile.model_copy(update={"evidence": evidence})


def unsure(profile: BusinessProfile, threshold: float) -> list[str]:
    """Fields read with low confidence and not yet confirmed."""
    return [
        k
        for k, v in profile.evidence.items()
        if not v.confirmed and v.confidence < threshold and k != "currency"
    ]


def summary_text(
    profile: BusinessProfile, script: InterviewScript, unknown: list[str], low_confidence: float
) -> str:
    """The facts gathered, one Markdown line each in the script's order, for the owner to confirm:
    doubtful ones flagged, slots marked unknown with the assumption the plan will make."""
    lines = []
    doubtful = set(unsure(profile, low_confidence))
    for slot in script.slots:
        for name in slot.fields:
            value = getattr(profile, name)
            if value not in (None, [], ""):
                flag = " _(please check)_" if name in doubtful else ""
                lines.append(
                    f"- **{sentence_case(label(name, script))}:** {show(name, value, profile)}{flag}"
                )
        if slot.id in unknown:
            lines.append(
                f"- **{sentence_case(slot.label)}:** not known — the plan will assume: {slot.assumption}"
            )
    if profile.monthly_revenue is not None:
        lines.append(f"- **Revenue:** {show('monthly_revenue', profile.monthly_revenue, profile)}")
    return "\n".join(lines)


def _restates(old: Any, new: Any) -> bool:
    """A shorter saying of the same free-text fact: every word of ``new`` is already in ``old``."""
    if not (isinstance(old, str) and isinstance(new, str)):
        return False
    words = set(re.findall(r"\w+", new.lower()))
    return bool(words) and words <= set(re.findall(r"\w+", old.lower()))
