"""Whether the owner asks customers for consent: yes (marketing and personalisation), partial (the email
list only) or no, from the curated cues in ``knowledge/understanding/cues.yaml``."""

from __future__ import annotations

import re

from advisor.understanding.lexicons import Cues
from advisor.understanding.models import Context, Fact

_CONSENT_TOPIC = re.compile(
    r"\b(?:consent\w*|opt(?:ed)?[- ]?(?:in|out)s?|permission|gdpr|newsletter|sign[- ]?ups?|check ?box|tick ?box|cookies?|"
    r"agree\w*|privacy|unsubscribe|mailing list|e-?mail list|marketing e-?mails?|personali[sz]\w*)\b",
    re.IGNORECASE,
)
_HEDGED = re.compile(r"\?|\b(?:i think|i guess|maybe|probably|perhaps|might|i suppose)\b", re.IGNORECASE)
_UNSURE = re.compile(r"\b(?:not sure|unsure|idk|no idea|dunno|don'?t know|no clue)\b", re.IGNORECASE)


class ConsentReader:
    """Reads the consent level of a clause."""

    def __init__(self, cues: Cues) -> None:
        self.cues = cues

    def read(self, text: str, context: Context, conf: float) -> list[Fact]:
        if context.asked not in ("consent", "confirm") and not _CONSENT_TOPIC.search(text):
            return []  # "thinking about shopify but not yet" says nothing about consent
        if _UNSURE.search(context.message or text) and _HEDGED.search(text):
            return []  # "not sure, I think Shopify has a checkbox?? idk": unknown, not a guess
        res = self.cues.consent_res
        personal = res["personal"].search(text) and not res["personal_negated"].search(text)
        level = (
            "yes" if personal
            else "no" if res["without_asking"].search(text) and not res["asked_first"].search(text)
            else next(
                (
                    lv
                    for lv in ("partial", "no", "yes")
                    if res[lv].search(text) and not (lv == "partial" and res["partial_negated"].search(text))
                ),
                None,
            )
        )  # fmt: skip
        if level is None:
            return []
        if level == "yes" and res["personal_negated"].search(text):
            level = "partial"  # "yes they accept marketing in the contract, for personalisation nothing"
        value = self.cues.consent_values[level]
        return [Fact.read("consent", value, value, conf, text, "consent")]
