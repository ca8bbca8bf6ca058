"""Guardrail rules and ethics notes loaded from ``knowledge/guardrails.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.errors import ServiceError
from advisor.knowledge.curated import load_curated
from advisor.knowledge.references import ReferenceResolver, SourceRef


def _compile(patterns: list[str], vocab: dict[str, str] | None = None) -> list[re.Pattern[str]]:
    """Compile patterns, replacing ``{NAME}`` with the shared vocabulary alternation."""
    out = []
    for pattern in patterns:
        for name, alternation in (vocab or {}).items():
            pattern = pattern.replace("{" + name + "}", f"(?:{alternation})")
        out.append(re.compile(pattern, re.IGNORECASE))
    return out


# Explicit deception words: when present, a near-miss ("allow") pattern cannot excuse the request.
DECEPTION = re.compile(
    r"\b(fake|faked|fabricat\w*|made[- ]up|bogus|pretend\w*|as if|as though|posing|impersonat\w*|secretly|covertly|"
    r"without (their |them |asking |customers'? )*(consent|knowing|knowledge|permission|telling)|exploit\w*|"
    r"trick(s|ed|ing)? (them|customers?|people|shoppers?|users?|buyers?|visitors?|clients?|someone|everyone|into)|trickery|"
    r"false|phony|phoney|(sound|look|read|seem)(s|ing)? like (real|actual|genuine)|"
    r"(never|didn'?t|did not|haven'?t|have not|hasn'?t|not|no one|nobody)( \w+)? (opt(ed)?[- ]?in|agreed|consented|signed up)|"
    r"without (an? |any )?opt[- ]?ins?|no opt[- ]?ins?|silently|quietly|"
    r"without (\w+ ){0,2}?(mention|mentioning|tell|telling|inform|informing|disclos\w*|notice|disclosure)|"
    r"(do(n'?t| not)|dont|no need to|never|rather not|prefer not to|better not) (\w+ ){0,2}?(mention|disclose|say|tell (them|customers|anyone|people|buyers))|"
    r"so (that )?(buyers|customers|shoppers|people|visitors|they) (think|believe|assume)|"
    r"(whether|if) (it'?s |that'?s |they'?re |it is |they are )?true or not|"
    r"(with|under|using) (different|other|made-up|invented|random) names|(different|invented|random) (first )?names|"
    # the truth said beside the claim: "basically unlimited supply", "customers were never told"
    r"(unlimited|endless|plenty of) (supply|stock)|plenty (left )?in (the )?(warehouse|stock)|"
    r"(were|was|are|been|being) never (told|informed|asked)|even (though|tho|thou)|in reality|"
    r"regardless of (the )?(actual|real|true) \w+|(it'?s|its|it is|that'?s) not (technically |actually |really |strictly )?true|"
    r"nobody reads (the )?(privacy|terms|fine print|small print|t&cs?)|"
    # "'limited edition'. It isn't really, we reorder every month"; "we'd mention it somewhere vague"
    r"(isn'?t|aren'?t|is not|are not|it'?s not|they'?re not) (really|actually|true)(?=\s*[,.;!])|"
    r"somewhere vague|(buried|hidden) (deep )?in the (privacy|terms|fine print|small print)|"
    # the claim said not to be true: "our 'limited edition' mugs aren't really limited"
    r"(aren'?t|isn'?t|are not|is not|wasn'?t|weren'?t) (really|actually|truly|genuinely|technically) (limited|handmade|hand[- ]made|"
    r"organic|natural|numbered|rare|scarce|exclusive|certified|vegan|local|new|original|one of a kind|in short supply)|"
    r"leave (it|this|that|them) out of (the |our )?(privacy policy|policy|terms|t&cs?|cookie banner)|"
    r"even if (they|people|customers|users|visitors|shoppers) (never|don'?t|do not|didn'?t) (submit|consent|agree|opt[- ]?in|sign up)|"
    r"(don'?t|do not|not|never|without) (want to |going to )?(add|put|mention|include|list)\w* (it |this |that )?(in|to|on|into) (the |our )?(privacy policy|policy|terms|t&cs?)|"
    r"(it'?d|it would|would|will) scare (people|customers|them|shoppers) off|without (technically |actually |explicitly |directly )?(claiming|saying|stating)|"
    r"so (that )?(nobody|no one|no-one|customers|people|they) (\w+ ){0,2}?(notices?|realises?|realizes?)|"
    r"so (that )?(it|the count|the number|the total|they|the page) (looks?|seems?|appears?) (bigger|higher|larger|more)|"
    # "if a customer asks whether they're talking to a real person, it should say yes"
    r"(real|actual|live) (person|human)[^.?!]{0,30}\b(say|answer|reply|respond)\w* (yes|yep|that it is))\b",
    re.IGNORECASE,
)


# a near-miss said the other way round: "I'd rather not send any reminder", "never admits it's an AI",
# "without adding it to the privacy policy"
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|never|no|without|don'?t|doesn'?t|won'?t|shouldn'?t|skip(?:ping)?|avoid(?:ing)?|instead of|"
    r"leave out|hide|hiding|remove|drop)\b(?:[^\w.?!]+[\w']+){0,4}[^\w.?!]*$",  # within the sentence
    re.IGNORECASE,
)


# "avoid getting caught posting fake reviews" evades detection; it does not defend against the tactic
_EVADES = re.compile(
    r"\b(?:getting|get|being|be|without)\s+(?:caught|detected|flagged|banned|noticed|found out)\b|\bundetected\b"
    r"|\bunder the radar\b",
    re.IGNORECASE,
)


def _evading(text: str, match: re.Match[str]) -> bool:
    """The defence words are about not being caught ("avoid getting caught posting fake reviews"), or a
    permission question that asks for the tactic too ("is it ok if we say 'as seen on BBC'? How would I
    word it on the label?")."""
    return _EVADES.search(text[max(0, match.start() - 20) : match.end()]) is not None or (
        _PERMISSION.search(match.group(0)) is not None and _ASKS_FOR_IT.search(text) is not None
    )


_PERMISSION = re.compile(r"\b(?:ok|okay|fine|allowed|acceptable|alright|all right)\b", re.IGNORECASE)
# the wording or the set-up asked for: "how would I phrase the intro", "how would I set that up in Klaviyo"
_ASKS_FOR_IT = re.compile(
    r"\bhow (?:would|should|do|can|could) (?:i|we) (?:best )?(?:word|phrase|write|put|say|frame|brief|"
    r"set (?:it |that |this )?up|build|implement|code|do (?:it|that|this))\b"
    r"|\b(?:what|which) (?:wording|words|copy)\b|\b(?:can|could|would) you (?:write|draft|word|phrase)\b",
    re.IGNORECASE,
)


def defends(pattern: re.Pattern[str], text: str) -> bool:
    """A defence pattern matches, not after a negation and not to evade detection, and no deception
    word stands outside what it matched ("how do I identify fake reviews" defends)."""
    for match in pattern.finditer(text):
        if _evading(text, match) or not near_miss(pattern, text[: match.end()]):
            continue
        if not _deceives_beside(text, match):
            return True
    return False


def _deceives_beside(text: str, match: re.Match[str]) -> bool:
    """An explicit deception word outside what the defence matched (asking whether something would
    count as fake is none)."""
    return (
        DECEPTION.search(_COUNTS_AS.sub(" ", text[: match.start()] + " " + text[match.end() :])) is not None
    )


# asking whether something would count as the tactic: "or would that count as fake urgency?"
_COUNTS_AS = re.compile(
    r"\b(?:count|counts|be counted|considered|be seen|seen|classed|qualify|qualifies|be called|look) as (?:an? )?"
    r"(?:fake|false|misleading|deceptive|manipulative|a trick)\b",
    re.IGNORECASE,
)


def near_miss(pattern: re.Pattern[str], text: str) -> bool:
    """The pattern of an honest near-miss matches, and not just after a negation."""
    return any(
        not _NEGATED_BEFORE.search(text[max(0, m.start() - 40) : m.start()]) for m in pattern.finditer(text)
    )


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    description: str
    reason: str
    alternative: str
    patterns: list[re.Pattern[str]]
    co_occur: list[list[re.Pattern[str]]]
    allow: list[re.Pattern[str]]
    examples: list[str]
    near_misses: list[str]
    refs: list[SourceRef]
    firm: list[re.Pattern[str]] = field(default_factory=list)  # refuse whatever near-miss words it uses


@dataclass(frozen=True)
class EthicsNote:
    id: str
    triggers: list[re.Pattern[str]]
    note: str
    ref: SourceRef


@dataclass(frozen=True)
class Rejection:
    """Someone else's tactic the owner turns down: reported, then rejected, not asked for after all."""

    reported: list[re.Pattern[str]]
    rejects: list[re.Pattern[str]]
    still: list[re.Pattern[str]]

    def rejected(self, text: str) -> bool:
        said = next((m for p in self.reported for m in p.finditer(text)), None)
        if said is None:
            return False
        later = text[said.end() :]
        turned = [m for p in self.rejects for m in p.finditer(later)]
        if not turned:
            return False
        after = later[max(m.end() for m in turned) :]
        return not any(p.search(after) for p in self.still)


@dataclass(frozen=True)
class RuleBook:
    rules: list[Rule]
    defensive: list[re.Pattern[str]]
    notes: list[EthicsNote]
    benign_examples: list[str]
    rejection: Rejection | None = None

    def rejected(self, text: str) -> bool:
        """Someone else proposed the tactic and the owner turns it down ("my cofounder wants to buy fake
        reviews, how do I convince him it's a bad idea?"): asking how to say no is no request for it."""
        return self.rejection is not None and self.rejection.rejected(text)

    @classmethod
    def load(cls, knowledge_dir: Path, resolver: ReferenceResolver) -> RuleBook:
        data: Any = load_curated(knowledge_dir, "guardrails.yaml")
        vocab: dict[str, str] = data.get("vocab", {})
        try:
            rules = [
                Rule(
                    id=r["id"],
                    title=r["title"],
                    description=r["description"],
                    reason=" ".join(r["reason"].split()),
                    alternative=" ".join(r["alternative"].split()),
                    patterns=_compile(r["patterns"], vocab),
                    co_occur=[_compile(group, vocab) for group in r.get("co_occur", [])],
                    allow=_compile(r.get("allow", []), vocab),
                    examples=list(r.get("examples", [])),
                    near_misses=list(r.get("near_misses", [])),
                    refs=resolver.resolve_all(r["refs"]),
                    firm=_compile(r.get("firm", []), vocab),
                )
                for r in data["rules"]
            ]
            notes = [
                EthicsNote(n["id"], _compile(n["triggers"]), n["note"], resolver.resolve(n["ref"]))
                for n in data.get("ethics_notes", [])
            ]
            defensive = _compile(data.get("defensive", []))
            turned = data.get("rejected")
            rejection = (
                Rejection(
                    _compile(turned["reported"]), _compile(turned["rejects"]), _compile(turned["still"])
                )
                if turned
                else None
            )
        except (KeyError, TypeError, re.error) as exc:
            raise ServiceError(f"knowledge/guardrails.yaml is malformed: {exc}") from exc
        return cls(
            rules=rules,
            defensive=defensive,
            notes=notes,
            benign_examples=list(data.get("benign_examples", [])),
            rejection=rejection,
        )

    def match(self, text: str) -> tuple[Rule, str] | None:
        """The first rule whose precise patterns the text matches, and what matched (explainable).

        A defence question ("how do I spot fake reviews") matches nothing; a rule's near-miss pattern
        ("genuine reviews") excuses the text unless it carries an explicit deception word.
        """
        if self.rejected(text):
            return None
        firm = next(
            ((rule, found.group(0)) for rule in self.rules for p in rule.firm if (found := p.search(text))),
            None,
        )
        if any(
            not _evading(text, m)
            and not _deceives_beside(text, m)
            # asking leave for a firm tactic is asking for it ("is it ok if we switch off the warning for
            # customers with dementia")
            and not (firm and _PERMISSION.search(m.group(0)))
            for p in self.defensive
            for m in p.finditer(text)
        ):
            return (
                None  # a defence, with no deception word beside it ("…, I'd rather not mention it" is none)
            )
        if firm:
            return firm
        explicit = DECEPTION.search(text) is not None
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
        for rule in self.rules:
            if not explicit and any(near_miss(a, text) for a in rule.allow):
                continue
            for pattern in rule.patterns:
                found = pattern.search(text)
                if found:
                    return rule, found.group(0)
            for group in rule.co_occur:
                for sentence in sentences:
                    if all(p.search(sentence) for p in group):
                        return rule, sentence
        return None

    def get(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)
