"""The interview as an explicit state machine over the understanding layer's readings.

Phases: ``interview`` (slots in order; a filled slot is never asked again) → ``confirm`` (a summary;
only a plain yes builds the plan) → ``complete`` (later facts rebuild the plan; questions are answered).

Each message is read once (``Understanding``): facts go to the fields their content is about,
whichever question was asked; questions and requests are answered (the guardrails judge them, never
statements); a clarification ("CA": Canada or California?) or a start-over is asked before anything is
filed or reset. When the asked question got no answer it is asked once more, saying what was
understood; after that the slot is recorded as unknown and the plan states its assumption.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from advisor.answers.models import Answer
from advisor.answers.service import AnswerService
from advisor.interview.facts import Applied, apply_patch, confirm_all, label, show, summary_text, unsure
from advisor.interview.goals import GoalFollowUp
from advisor.interview.messages import validate_message
from advisor.interview.replies import merge_answers, plan_ready
from advisor.interview.script import InterviewScript
from advisor.interview.state import InterviewState, Pending, PlanProgress, Turn
from advisor.plan.checklist import finalize
from advisor.plan.money import CurrencyRates, Money
from advisor.plan.profile import BusinessProfile
from advisor.plan.render_markdown import render_markdown
from advisor.strategy.engine import StrategyEngine
from advisor.understanding.intents import GOES_AHEAD
from advisor.understanding.lexicons import Cues
from advisor.understanding.models import Context, Understanding

logger = logging.getLogger(__name__)
MAX_REASKS = 1
HISTORY = 5
UnderstandFn = Callable[[str, Context], Understanding]
RESTARTED = object()  # _pending reset the interview and the message is to be read afresh
_NOT_MEANT = re.compile(
    r"\b(?:not what i (?:meant|mean|asked)|(?:you )?misunderst\w*|misread|that'?s not it|i didn'?t (?:mean|ask)|"
    r"i wasn'?t asking|no,? i meant|not asking (?:for|you to))\b",
    re.IGNORECASE,
)


# a clause this surely "not sure" skips the question, beside a tool in passing ("Etsy handles it. Not sure.")
SURE_SKIP = 0.8


class Interviewer:
    def __init__(
        self,
        knowledge_dir: Path,
        answers: AnswerService,
        engine: StrategyEngine,
        understand: UnderstandFn,
        *,
        low_confidence: float = 0.6,
        source: str = "rules",
    ) -> None:
        self.script = InterviewScript.load(knowledge_dir)
        self.answers = answers
        self.engine = engine
        self.understand = understand
        self.low_confidence = low_confidence
        self.source = source
        self.goals = GoalFollowUp(knowledge_dir)
        self.rates = CurrencyRates.load(knowledge_dir)
        self.commands = Cues.load(knowledge_dir).commands  # "opens with an imperative verb"

    # --- state helpers ------------------------------------------------------------------------
    def filled(self, state: InterviewState, slot_id: str) -> bool:
        if slot_id == "goals":
            return self.goals.complete(state)
        value = getattr(state.profile, self.script.get(slot_id).fields[0])
        return value is not None and value != [] and value != ""

    def progress(self, state: InterviewState) -> PlanProgress:
        done = [s for s in self.script.ids if self.filled(state, s) or s in state.unknown]
        return PlanProgress(
            filled=len(done),
            total=len(self.script.ids),
            missing=[s for s in self.script.ids if s not in done],
        )

    def profile(self, state: InterviewState) -> BusinessProfile:
        return state.profile

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
        pending, money = state.pending, Money.for_currency(state.profile.currency, self.rates)
        if pending is not None:
            return [*pending.options] or (["Yes", "No"] if pending.kind == "start_over" else [])
        if state.phase == "confirm":
            return ["Yes, build my plan", "I want to change something"]
        if state.phase == "interview" and state.current and not state.pending_goal:
            return self.script.quick_replies(state.current, money)  # "Under £70": the owner's currency
        return []

    def _ask(self, state: InterviewState, slot_id: str, question: str | None = None) -> str:
        text = question or self.script.get(slot_id).question
        state.current, state.current_question = slot_id, text
        state.asked.append(text)
        if not state.asked_slots or state.asked_slots[-1] != slot_id:
            state.asked_slots.append(slot_id)
        return text

    def _next(self, state: InterviewState) -> str | None:
        return next(
            (s for s in self.script.ids if not self.filled(state, s) and s not in state.unknown), None
        )

    # --- the conversation -------------------------------------------------------------------
    def start(self) -> tuple[InterviewState, Turn]:
        state = InterviewState()
        question = self._ask(state, self.script.ids[0])
        return state, self._turn(state, f"{self.script.greeting}\n\n{question}")

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
        message = validate_message(text)  # redacted by the chat service before it gets here
        state = state.model_copy(deep=True)
        state.turns += 1
        history = list(state.history)
        state.history = [*state.history, message][-HISTORY:]
        reading = self.understand(message, state.reading_context())
        if reading.intent == "answer" and not reading.questions and self.script.about_answer(message):
            reading = reading.as_question()  # about the advisor itself: "is my data stored anywhere"
        refused, state.refused = state.refused, None
        if refused and (_NOT_MEANT.search(message) or (reading.intent == "no" and reading.plain)):
            question = state.current_question or ""
            return state, self._turn(
                state,
                f"Sorry — I read that as a request for {refused.lower()}. Could you say it another way? "
                f"Or simply answer: {question}",
            )
        if state.pending is not None:
            handled = self._pending(state, reading, message)
            if handled is RESTARTED:
                reading = self.understand(message, state.reading_context())  # read again as a first answer
            elif isinstance(handled, Turn):
                return state, handled
        if reading.intent == "start_over":
            state.pending = Pending(
                kind="start_over", question="Start over and clear everything you've told me so far?"
            )
            state.asked.append(state.pending.question)
            return state, self._turn(state, state.pending.question)
        if state.phase == "complete":
            return state, self._after_plan(state, reading, history)
        if state.phase == "confirm":
            return state, self._confirm(state, reading, history)
        return state, self._interview(state, reading, message, history)

    # --- pieces of a turn ---------------------------------------------------------------------
    def _file(self, state: InterviewState, reading: Understanding, *, replace: bool) -> Applied:
        asked = (
            set(self.script.get(state.current).fields)
            if state.current and state.phase == "interview"
            else set()
        )
        replace = replace or reading.intent == "correction"
        state.profile, applied = apply_patch(
            state.profile,
            reading.patch,
            replace=replace,
            asked_fields=asked,
            source=self.source,
            script=self.script,
            message=reading.text,
        )
        correcting = reading.intent == "correction" and "goals" not in applied.fields
        for moved in self.goals.corrections(state, reading.text) if correcting else []:
            applied.changed.append(
                f"{label('goals', self.script)} {moved}"
            )  # "make it 12 months", "I meant 25%"
            applied.fields.add("goals")
        for name in applied.fields:
            slot = self.script.slot_of_field(name)
            if slot and slot.id in state.unknown:
                state.unknown.remove(slot.id)
        return applied

    def _answers(self, state: InterviewState, reading: Understanding, history: list[str]) -> list[Answer]:
        """Answers to the questions and requests in the message (the guardrails judge these, and only these)."""
        asked = reading.questions + reading.requests
        plan = state.plan if state.phase == "complete" else None  # questions about the plan use it
        progress = self.progress(state)
        # a question about the interview itself, unless it also tells the advisor to do something
        # (once the plan is built, "how much will this cost me?" is about the plan's costs: the answer service)
        about = [
            None if self.commands(q) or plan is not None else self.script.about_answer(q, state.current)
            for q in asked[:2]
        ]
        return [
            Answer(answer=text.format(done=progress.filled, total=progress.total), mode="offline")
            if text is not None
            else self.answers.ask(
                q,
                history=history,
                profile=state.profile,
                plan=plan,
                reading=reading if q.strip() == reading.text.strip() else None,  # read and embedded once
            )
            for q, text in zip(asked[:2], about, strict=True)
        ]

    def _with_answers(
        self, state: InterviewState, parts: list[str], answers: list[Answer], **extra: Any
    ) -> Turn:
        body, merged = merge_answers(answers)
        state.refused = merged.refusal.title if merged.refusal is not None else None
        return self._turn(
            state,
            "\n\n".join([*body, *parts]),
            citations=merged.citations,
            refusal=merged.refusal,
            mode=merged.mode,
            notice=merged.notice,
            **extra,
        )

    def _pending(self, state: InterviewState, reading: Understanding, message: str) -> Turn | object | None:
        pending = state.pending
        assert pending is not None
        state.pending = None
        if pending.kind == "start_over":
            moved_on = bool(reading.patch.facts) and reading.intent not in ("no", "skip")
            if reading.intent == "yes" or moved_on:
                turns, history = state.turns, state.history
                fresh, turn = self.start()
                state.__dict__.update(fresh.__dict__)
                state.turns, state.history = turns, history[-1:]
                if moved_on:  # "ok: we sell 3d printed miniatures...": the new shop's first answer
                    return RESTARTED
                turn.message = "Done — we're starting again from scratch.\n\n" + turn.message
                return turn
            return self._turn(state, "OK, nothing was cleared.\n\n" + (state.current_question or ""))
        if pending.kind == "clarify" and pending.field == "regions":
            picked = [o for o in pending.options if o.lower() in message.lower()]
            if len(picked) == 1:
                regions = [*state.profile.regions, *[p for p in picked if p not in state.profile.regions]]
                state.profile = state.profile.model_copy(update={"regions": regions})
                return self._continue(
                    state, [f"Noted — {label('regions', self.script)}: {', '.join(regions)}."]
                )
        return None  # anything else: read the message as usual

    def _continue(self, state: InterviewState, parts: list[str], answers: list[Answer] | None = None) -> Turn:
        """Ask what comes next: the next open slot, or the summary."""
        if state.phase == "interview":
            nxt = self._next(state)
            if nxt is None:
                return self._summary(state, parts, answers or [])
            follow_up = self.goals.follow_up_for_stated(state) if nxt == "goals" else None
            if follow_up:
                question = self._ask(state, "goals", follow_up)
            elif nxt != state.current or not state.current_question:
                question = self._ask(state, nxt)
            else:
                question = state.current_question
            parts.append(f"**Back to your plan:** {question}" if answers else question)
        elif state.phase == "confirm":
            return self._summary(state, parts, answers or [])
        return self._with_answers(state, parts, answers or [])

    def _interview(
        self, state: InterviewState, reading: Understanding, message: str, history: list[str]
    ) -> Turn:
        current = state.current
        parts: list[str] = ["Hello!"] if reading.intent == "greeting" and state.turns <= 2 else []
        applied = self._file(state, reading, replace=False)
        self.goals.drop_vague(state)
        if applied.message:
            parts.append(applied.message)
        answers = self._answers(state, reading, history)
        if reading.clarifications:
            return self._clarify(state, reading, parts, answers)
        if current == "goals":
            goal_label = self.script.get("goals").label
            follow_up, parts = self.goals.settle(state, reading, message, applied.fields, parts, goal_label)
            if follow_up:
                parts.append(self._ask(state, "goals", follow_up))
                return self._with_answers(state, parts, answers, quick_replies=[])
        if current and not self.filled(state, current) and current not in state.unknown:
            unsure = any(c.intent == "skip" and c.intent_confidence >= SURE_SKIP for c in reading.clauses)
            if reading.intent == "skip" or unsure:
                state.unknown.append(current)
                parts.append(
                    f"No problem — I'll note {self.script.get(current).label} as unknown; the plan will say what it assumes."
                )
            elif reading.intent in ("answer", "correction", "no", "yes") or (
                not answers and reading.intent != "greeting"
            ):
                times = state.reasks.get(current, 0)
                if times >= MAX_REASKS:
                    state.unknown.append(current)
                    parts.append(
                        f"I'll leave {self.script.get(current).label} as unknown for now — you can tell me any time, and the plan states its assumption."
                    )
                else:
                    state.reasks[current] = times + 1
                    if reading.patch.facts and not applied.fields:
                        known = dict.fromkeys(
                            f"{label(f.field, self.script)} ({show(f.field, getattr(state.profile, f.field), state.profile)})"
                            for f in reading.patch.facts
                            if f.field != "currency"
                        )
                        parts.append(f"I already have {', '.join(known)}.")
                    elif not applied.fields:
                        parts.append(f"Sorry, I couldn't tell {self.script.get(current).label} from that.")
                    parts.append(self._ask(state, current, self.script.get(current).reask))
                    return self._with_answers(state, parts, answers)
        return self._continue(state, parts, answers)

    def _summary(self, state: InterviewState, parts: list[str], answers: list[Answer]) -> Turn:
        state.phase = "confirm"
        doubtful = unsure(state.profile, self.low_confidence)
        question = "Is this right? Reply “yes” to build your plan, or correct anything (for example “actually our budget is $800”)."
        if doubtful:
            names = ", ".join(label(n, self.script) for n in doubtful)
            question = f"I'm not sure I got {names} right — please check. " + question
        state.current, state.current_question = None, question
        state.asked.append(question)
        return self._with_answers(
            state,
            [
                *parts,
                "Here's what I have:",
                summary_text(state.profile, self.script, state.unknown, self.low_confidence),
                question,
            ],
            answers,
        )

    def _clarify(
        self, state: InterviewState, reading: Understanding, parts: list[str], answers: list[Answer]
    ) -> Turn:
        """Ask about the first thing that cannot be filed as said ("CA": Canada or California?)."""
        clarification = reading.clarifications[0]
        state.pending = Pending(
            kind="clarify",
            field=clarification.field,
            question=clarification.question,
            options=clarification.options,
        )
        return self._with_answers(
            state, [*parts, clarification.question], answers, quick_replies=clarification.options
        )

    def _confirm(self, state: InterviewState, reading: Understanding, history: list[str]) -> Turn:
        if reading.intent == "yes" and reading.plain:
            state.profile = confirm_all(state.profile)
            return self._build(state)
        applied = self._file(state, reading, replace=True)
        answers = self._answers(state, reading, history)
        parts = [applied.message] if applied.message else []
        if reading.clarifications:
            return self._clarify(state, reading, parts, answers)
        if reading.named_fields and not applied.fields:
            slot = reading.named_fields[0]
            question = (
                f"What should I put instead? {self.script.get(slot).reask}"
                if slot in self.script.ids
                else "What should I put instead?"
            )
            state.current, state.current_question = slot if slot in self.script.ids else None, question
            return self._with_answers(state, [*parts, question], answers, quick_replies=[])
        if applied.fields or answers:
            return self._summary(state, parts, answers)
        if GOES_AHEAD.search(reading.text) and not reading.named_fields:
            state.profile = confirm_all(
                state.profile
            )  # "si, 3000 pesos is right. build it": nothing to change
            return self._build(state)
        if reading.intent == "no":
            question = "What should I change? For example “actually our budget is $800” or “our customers are mostly in Canada”."
            state.current_question = question
            return self._turn(state, question, quick_replies=[])
        return self._turn(
            state, "I didn't catch a change there. Reply “yes” to build your plan, or tell me what to change."
        )

    def _build(self, state: InterviewState) -> Turn:
        plan = self.engine.build_plan(state.profile)
        if all(c.passed for c in plan.checklist):
            plan = finalize(plan)
        state.plan = plan.model_dump(mode="json")
        state.plan_markdown = render_markdown(plan)
        state.phase = "complete"
        state.current = state.current_question = None
        return self._turn(state, plan_ready(plan))

    def _after_plan(self, state: InterviewState, reading: Understanding, history: list[str]) -> Turn:
        if (reading.questions or reading.requests) and reading.intent != "correction":
            # "I don't have a website, I only sell on WhatsApp. Can the chatbot work inside WhatsApp?": what
            # is said beside a question is its context, not an edit of the plan
            answers = self._answers(state, reading, history)
            if answers:
                return self._with_answers(state, [], answers)
        applied = self._file(state, reading, replace=True)
        if applied.fields:
            turn = self._build(state)
            turn.message = applied.message + " " + turn.message
            return turn
        answers = self._answers(state, reading, history)
        if answers:
            return self._with_answers(state, [], answers)
        return self._turn(
            state, "Your plan is ready — ask me anything about it, or correct a fact to rebuild it."
        )
