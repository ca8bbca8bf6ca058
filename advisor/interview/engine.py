"""The interview as an explicit state machine: one question at a time, every fact a message holds,
targeted SMART follow-ups, skips, corrections, side questions, a confirmation, then the plan.

Phases: ``interview`` (slots in order, a filled slot is never asked again) → ``confirm`` (summary) →
``complete`` (the plan; later messages are answered, and corrections rebuild the plan).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from advisor.answers.models import Answer
from advisor.answers.service import AnswerService
from advisor.config import MAX_MESSAGE_CHARS
from advisor.errors import InputError
from advisor.guardrails.redaction import redact
from advisor.interview.extract import Extraction, Extractor
from advisor.interview.state import InterviewState, PlanProgress, Turn
from advisor.knowledge.curated import load_curated
from advisor.plan.checklist import finalize
from advisor.plan.goals import parse_goal
from advisor.plan.profile import BusinessProfile
from advisor.plan.render_markdown import render_markdown
from advisor.strategy.engine import StrategyEngine

MAX_GOAL_FOLLOW_UPS = 2
YES = re.compile(
    r"^\s*(y|yes|yep|yeah|yup|correct|right|that'?s right|looks (good|right|correct)|ok(ay)?|sure|go( ahead)?|build|confirm\w*|perfect|all good|great)\b",
    re.I,
)
NO = re.compile(r"^\s*(no|nope|not quite|wrong|change|i want to change|edit)\b", re.I)
LABELS = {
    "niche": "what you sell", "products": "products", "audience": "customers", "market_position": "market position",
    "usp": "what makes you different", "goals": "goal", "data_maturity": "data", "tech_stack": "tools",
    "team": "team", "budget_monthly": "AI budget", "monthly_revenue": "revenue", "pain_points": "main pain point",
    "regions": "customers' regions", "consent": "consent today",
}  # fmt: skip
LIST_FIELDS = {"products", "goals", "tech_stack", "pain_points", "regions", "kpis"}

ExtractFn = Callable[[str, str | None], Extraction]


def validate_message(text: Any) -> str:
    if not isinstance(text, str):
        raise InputError("the message must be text")
    if "\x00" in text:
        raise InputError("the message looks binary")
    clean = re.sub(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text).strip()
    if not clean:
        raise InputError("the message is empty")
    if len(clean) > MAX_MESSAGE_CHARS:
        raise InputError(f"the message is too long ({len(clean)} characters; at most {MAX_MESSAGE_CHARS})")
    return clean


def _fmt(key: str, value: Any) -> str:
    if key in ("budget_monthly", "monthly_revenue"):
        return f"${value:,.0f} a month"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class Interviewer:
    def __init__(
        self,
        knowledge_dir: Path,
        answers: AnswerService,
        engine: StrategyEngine,
        extract: ExtractFn | None = None,
    ) -> None:
        script = load_curated(knowledge_dir, "interview.yaml")
        self.greeting: str = " ".join(script["greeting"].split())
        self.slots: list[dict[str, Any]] = script["slots"]
        self.slot_ids: list[str] = [str(s["id"]) for s in self.slots]
        self.answers = answers
        self.engine = engine
        self.extractor = Extractor(knowledge_dir)
        self.extract: ExtractFn = extract or self.extractor.extract

    # --- state helpers ------------------------------------------------------------------------
    def slot(self, slot_id: str) -> dict[str, Any]:
        return next(s for s in self.slots if s["id"] == slot_id)

    def _has(self, state: InterviewState, field: str) -> bool:
        value = state.profile.get(field)
        return value is not None and value != [] and value != ""

    def _refresh_filled(self, state: InterviewState) -> None:
        for slot in self.slots:
            sid = slot["id"]
            if sid in state.filled or sid in state.unknown:
                continue
            if sid == "goals" and state.pending_goal:
                continue
            if self._has(state, slot["fields"][0]):
                state.filled.append(sid)

    def progress(self, state: InterviewState) -> PlanProgress:
        done = [s for s in self.slot_ids if s in state.filled or s in state.unknown]
        return PlanProgress(
            filled=len(done), total=len(self.slot_ids), missing=[s for s in self.slot_ids if s not in done]
        )

    def profile(self, state: InterviewState) -> BusinessProfile:
        try:
            return BusinessProfile.model_validate(state.profile)
        except ValidationError:  # never lose the session over one odd value
            return BusinessProfile.model_validate(
                {k: v for k, v in state.profile.items() if k in ("niche", "goals")}
            )

    def _turn(self, state: InterviewState, message: str, **extra: Any) -> Turn:
        return Turn(
            message=message,
            next_question=state.current_question if state.phase != "complete" else None,
            asking=state.current
            if state.phase == "interview"
            else ("confirm" if state.phase == "confirm" else None),
            quick_replies=extra.pop("quick_replies", self._quick_replies(state)),
            plan_progress=self.progress(state),
            plan_complete=state.phase == "complete",
            plan=state.plan if state.phase == "complete" else None,
            plan_markdown=state.plan_markdown if state.phase == "complete" else None,
            **extra,
        )

    def _quick_replies(self, state: InterviewState) -> list[str]:
        if state.phase == "confirm":
            return ["Yes, build my plan", "I want to change something"]
        if state.phase == "interview" and state.current and not state.pending_goal:
            return list(self.slot(state.current).get("quick_replies", []))
        return []

    def _ask(self, state: InterviewState, slot_id: str, question: str | None = None) -> str:
        text = question or self.slot(slot_id)["question"]
        state.current, state.current_question = slot_id, text
        state.asked.append(text)
        return text

    # --- the conversation -------------------------------------------------------------------
    def start(self) -> tuple[InterviewState, Turn]:
        state = InterviewState()
        question = self._ask(state, self.slot_ids[0])
        return state, self._turn(state, f"{self.greeting}\n\n{question}")

    def resume(self, state: InterviewState) -> Turn:
        if state.phase == "complete":
            return self._turn(
                state,
                "Welcome back! Your plan is ready — ask me anything about it, or correct a fact to rebuild it.",
            )
        return self._turn(
            state, f"Welcome back! Let's continue where we left off.\n\n{state.current_question}"
        )

    def reply(self, state: InterviewState, text: str) -> tuple[InterviewState, Turn]:
        message = redact(validate_message(text))
        state = state.model_copy(deep=True)
        state.turns += 1
        history = list(state.history)
        state.history = ([*state.history, message])[-5:]

        violation = self.answers.checker.check(message, history)
        if violation:
            refusal = self.answers.refusal(violation)
            return state, self._side_answer(state, refusal)
        extraction = self.extract(message, state.current if state.phase == "interview" else None)
        asked_fields = (
            self.slot(state.current)["fields"] if state.current and state.phase == "interview" else []
        )
        if extraction.question and not any(f in extraction.facts for f in asked_fields):
            answer = self.answers.ask(message, history=history, profile=self.profile(state))
            if extraction.facts:
                self._apply(state, extraction)
            return state, self._side_answer(state, answer)
        if state.phase == "complete":
            return state, self._after_plan(state, message, extraction, history)
        if state.phase == "confirm":
            return state, self._confirm(state, message, extraction)
        return state, self._interview(state, message, extraction)

    def _side_answer(self, state: InterviewState, answer: Answer) -> Turn:
        resume = ""
        if state.phase != "complete" and state.current_question:
            resume = f"\n\n**Back to your plan:** {state.current_question}"
        return self._turn(
            state,
            answer.answer + resume,
            citations=answer.citations,
            refusal=answer.refusal,
            mode=answer.mode,
            notice=answer.notice,
        )

    def _apply(self, state: InterviewState, extraction: Extraction) -> list[str]:
        """Write extracted facts into the profile; returns the acknowledgement parts."""
        noted: list[str] = []
        asked_fields = (
            set(self.slot(state.current)["fields"]) if state.current and state.phase == "interview" else set()
        )
        for key, value in extraction.facts.items():
            if key == "goals":
                continue  # goals go through the SMART check
            have = self._has(state, key)
            if have and not (extraction.correction or key in asked_fields):
                if key in LIST_FIELDS and isinstance(value, list):
                    merged = state.profile[key] + [v for v in value if v not in state.profile[key]]
                    if merged != state.profile[key]:
                        state.profile[key] = merged
                        noted.append(f"{LABELS.get(key, key)}: {_fmt(key, merged)}")
                continue
            if key in LIST_FIELDS and have and not extraction.correction and isinstance(value, list):
                value = state.profile[key] + [v for v in value if v not in state.profile[key]]
            state.profile[key] = value
            noted.append(f"{LABELS.get(key, key)}: {_fmt(key, value)}")
            for slot in self.slots:  # a corrected slot counts as answered, not unknown
                if key == slot["fields"][0] and slot["id"] in state.unknown:
                    state.unknown.remove(slot["id"])
        return noted

    def _goal(self, state: InterviewState, message: str, extraction: Extraction) -> str | None:
        """Handle a goal statement; returns a follow-up question when the goal is not SMART yet."""
        stated = extraction.facts.get("goals")
        if state.pending_goal and state.current == "goals":
            combined = f"{state.pending_goal} {message}"
            text = (
                stated[0] if stated and parse_goal(stated[0], self.extractor.lexicon).is_smart else combined
            )
        elif stated:
            text = stated[0]
        else:
            return None
        goal = parse_goal(text, self.extractor.lexicon)
        if not goal.metric and state.current != "goals":
            return None
        if goal.is_smart or state.follow_ups >= MAX_GOAL_FOLLOW_UPS or goal.follow_up in state.asked:
            state.profile["goals"] = [text]
            state.pending_goal = None
            return None
        state.pending_goal = text
        state.follow_ups += 1
        return goal.follow_up

    def _next(self, state: InterviewState) -> str | None:
        self._refresh_filled(state)
        for sid in self.slot_ids:
            if sid not in state.filled and sid not in state.unknown:
                return sid
        return None

    def _interview(self, state: InterviewState, message: str, extraction: Extraction) -> Turn:
        parts: list[str] = []
        if extraction.unknown and state.current:
            if state.current == "goals" and state.pending_goal:
                state.profile["goals"] = [state.pending_goal]
                state.pending_goal = None
                parts.append(
                    "No problem — I'll keep the goal as you stated it and mark what's missing in the plan."
                )
            else:
                state.unknown.append(state.current)
                parts.append(
                    f"No problem — I'll note {LABELS.get(self.slot(state.current)['fields'][0], state.current)} as unknown and state my assumption in the plan."
                )
        else:
            noted = self._apply(state, extraction)
            goal_before = state.profile.get("goals")
            follow_up = self._goal(state, message, extraction)
            if state.profile.get("goals") and state.profile.get("goals") != goal_before:
                noted.append(f"goal: {state.profile['goals'][0]}")
            if noted:
                parts.append("Noted — " + "; ".join(dict.fromkeys(noted)) + ".")
            if follow_up:
                question = self._ask(state, "goals", follow_up)
                parts.append(question)
                return self._turn(state, "\n\n".join(parts), quick_replies=[])
            self._refresh_filled(state)
            if state.current and state.current not in state.filled and not state.pending_goal:
                # the answer did not fill the slot that was asked: keep free text as written; otherwise
                # note it as unknown rather than ask the same question twice
                field = self.slot(state.current)["fields"][0]
                if field in (
                    "audience",
                    "market_position",
                    "team",
                    "consent",
                    "data_maturity",
                    "pain_points",
                ):
                    state.profile[field] = [message] if field in LIST_FIELDS else message
                    parts.append(f"Noted — {LABELS.get(field, field)}: {message}.")
                else:
                    state.unknown.append(state.current)
                    parts.append(
                        f"I couldn't read {LABELS.get(field, field)} from that, so I'll note it as unknown — you can correct it any time."
                    )
        nxt = self._next(state)
        if nxt is None:
            return self._summary(state, parts)
        question = self._ask(state, nxt)
        parts.append(question)
        return self._turn(state, "\n\n".join(parts))

    def summary_text(self, state: InterviewState) -> str:
        profile = self.profile(state)
        lines = []
        for key, label in LABELS.items():
            value = getattr(profile, key, None)
            if value not in (None, [], ""):
                lines.append(f"- **{label[:1].upper() + label[1:]}:** {_fmt(key, value)}")
        for sid in state.unknown:
            lines.append(
                f"- **{sid.replace('_', ' ').capitalize()}:** not known — the plan will state its assumption"
            )
        return "\n".join(lines)

    def _summary(self, state: InterviewState, parts: list[str]) -> Turn:
        self._refresh_filled(state)
        state.phase = "confirm"
        question = "Is this right? Reply “yes” to build your plan, or correct anything (for example “actually our budget is $800”)."
        if question in state.asked:
            question = "Anything else to change? Reply “yes” to build your plan with these facts."
        state.current, state.current_question = None, question
        state.asked.append(question)
        parts += ["Here's what I have:", self.summary_text(state), question]
        return self._turn(state, "\n\n".join(parts))

    def _confirm(self, state: InterviewState, message: str, extraction: Extraction) -> Turn:
        if extraction.facts:
            noted = self._apply(state, extraction)
            goal_question = self._goal(state, message, extraction) if "goals" in extraction.facts else None
            if goal_question:
                state.phase = "interview"
                return self._turn(state, self._ask(state, "goals", goal_question), quick_replies=[])
            return self._summary(state, ["Updated — " + "; ".join(noted) + "."] if noted else [])
        if YES.search(message):
            return self._build(state)
        if NO.search(message):
            question = "What should I change? For example “actually our budget is $800” or “our customers are mostly in Canada”."
            state.current_question = question
            state.asked.append(question)
            return self._turn(state, question, quick_replies=[])
        return self._turn(
            state, "I didn't catch that. Reply “yes” to build your plan, or tell me what to change."
        )

    def _build(self, state: InterviewState) -> Turn:
        plan = self.engine.build_plan(self.profile(state))
        if all(c.passed for c in plan.checklist):
            plan = finalize(plan)
        state.plan = plan.model_dump(mode="json")
        state.plan_markdown = render_markdown(plan)
        state.phase = "complete"
        state.current = state.current_question = None
        names = ", ".join(i.name for i in plan.initiatives)
        passed = sum(c.passed for c in plan.checklist)
        text = (
            f"Your Strategic AI Action Plan is ready ({plan.status}). Top initiatives: {names}. "
            f"Self-validation checklist: {passed}/5 checks pass."
        )
        if passed < 5:
            failing = [c.reasons[0] for c in plan.checklist if not c.passed]
            text += " To make it final: " + "; ".join(failing) + "."
        text += "\n\nDownload it as Markdown or HTML, or ask me anything about it."
        return self._turn(state, text)

    def _after_plan(
        self, state: InterviewState, message: str, extraction: Extraction, history: list[str]
    ) -> Turn:
        if extraction.facts and (extraction.correction or len(message.split()) <= 12):
            noted = self._apply(state, extraction)
            if "goals" in extraction.facts:
                state.profile["goals"] = extraction.facts["goals"]
            if noted or "goals" in extraction.facts:
                turn = self._build(state)
                turn.message = "Updated — " + "; ".join(noted or ["goal"]) + ". " + turn.message
                return turn
        answer = self.answers.ask(message, history=history, profile=self.profile(state))
        return self._side_answer(state, answer)
