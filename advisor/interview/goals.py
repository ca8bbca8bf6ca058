"""SMART follow-ups for the goal: one precise question for what the goal lacks, at most twice.

"more repeat customers" → "By how much ...?" → "by 15%" → "By when ...?" → "within a year" →
"Increase repeat purchase rate by 15% within 12 months".
"""

from __future__ import annotations

import re
from pathlib import Path

from advisor.interview.state import InterviewState
from advisor.parsing.numbers import normalize_numbers
from advisor.plan.goals import parse_goal
from advisor.plan.metrics import MetricLexicon
from advisor.understanding.models import Understanding

MAX_GOAL_FOLLOW_UPS = 2
# a deadline in a correction, the one not said to be wrong: "before I said 18 months, make it 12 months"
_DEADLINE = re.compile(r"\b(\d{1,2})\s?(months?|mos?|mths?|years?|yrs?)\b", re.IGNORECASE)
_NOT_THIS = re.compile(r"\b(?:not|instead of|rather than|said|had|was)\W+(?:\w+\W+)?$", re.IGNORECASE)
_PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d)?)\s?(?:%|percent|per cent)", re.IGNORECASE)
_ABOUT_GOAL = re.compile(r"\b(?:goal|target|deadline|timeline|timeframe|time frame)\b", re.IGNORECASE)


class GoalFollowUp:
    def __init__(self, knowledge_dir: Path) -> None:
        self.lexicon = MetricLexicon.load(knowledge_dir)

    def _set(self, state: InterviewState, text: str) -> None:
        goals = [text, *[g for g in state.profile.goals[1:] if g != text]]
        state.profile = state.profile.model_copy(update={"goals": goals[:2]})
        state.pending_goal = None

    def complete(self, state: InterviewState) -> bool:
        """The goal needs no more questions: SMART, or as complete as the owner made it when asked."""
        if state.pending_goal is not None or not state.profile.goals:
            return False
        goal = parse_goal(state.profile.goals[0], self.lexicon)
        return goal.is_smart or goal.metric is None or state.follow_ups > 0

    def drop_vague(self, state: InterviewState) -> None:
        """A goal with no metric ("just want to grow tbh") gives way to one said with a metric later."""
        goals = state.profile.goals
        specific = [g for g in goals if parse_goal(g, self.lexicon).metric is not None]
        if specific and len(specific) < len(goals):
            state.profile = state.profile.model_copy(update={"goals": specific})

    def settle(
        self,
        state: InterviewState,
        reading: Understanding,
        message: str,
        filed: set[str],
        parts: list[str],
        label: str,
    ) -> tuple[str | None, list[str]]:
        """At the goal question: (the follow-up to ask, or None, and the reply's notes). Once settled, the
        notes say the goal as it now stands, whether the message completed it ("20% more in 6 months"
        after "more repeat customers") or set it anew."""
        before = list(state.profile.goals)
        follow_up = self.next_question(state, reading, message)
        if follow_up or state.profile.goals == before:
            return follow_up, parts
        if "goals" not in filed:
            return None, [*parts, f"Noted — {label}: {state.profile.goals[0]}."]
        said = reading.patch.get("goals")
        return None, [p.replace(str(said.display), state.profile.goals[0]) for p in parts] if said else parts

    def follow_up_for_stated(self, state: InterviewState) -> str | None:
        """The follow-up for a goal given earlier in passing ("more sales"), when the goal question comes up."""
        if self.complete(state) or not state.profile.goals:
            return None
        goal = parse_goal(state.profile.goals[0], self.lexicon)
        if goal.follow_up is None or goal.follow_up in state.asked:
            return None
        state.pending_goal = goal.restated()
        state.follow_ups += 1
        return goal.follow_up

    def next_question(self, state: InterviewState, reading: Understanding, message: str) -> str | None:
        """The follow-up to ask about the goal, or None when it is complete (or cannot be completed)."""
        stated = reading.patch.get("goals")
        if state.pending_goal is not None:
            if reading.intent in ("question", "request", "greeting") and stated is None:
                return state.current_question
            if reading.intent == "skip" or (stated is None and reading.patch.facts):
                self._set(state, state.pending_goal)  # skipped, or answered something else: keep it as it is
                return None
            text = (
                stated.value[0]
                if stated is not None and parse_goal(stated.value[0], self.lexicon).metric
                else f"{state.pending_goal} {message}"
            )
        elif stated is not None:
            text = stated.value[0]
        else:
            return None
        goal = parse_goal(normalize_numbers(text), self.lexicon)
        if goal.metric is not None and goal.direction is not None:
            text = goal.restated()
        if (
            goal.is_smart
            or goal.metric is None
            or state.follow_ups >= MAX_GOAL_FOLLOW_UPS
            or goal.follow_up in state.asked
        ):
            self._set(state, text)
            return None
        state.pending_goal = text
        state.follow_ups += 1
        return goal.follow_up

    def corrections(self, state: InterviewState, message: str) -> list[str]:
        """The goal's deadline and percentage moved as a correction says: each change "from A to B"."""
        return [moved for fix in (self.fix_deadline, self.fix_target) if (moved := fix(state, message))]

    def fix_deadline(self, state: InterviewState, message: str) -> str | None:
        """Move the stated goal's deadline as a correction says; "from A to B", or None when it names none."""
        if not state.profile.goals:
            return None
        before = state.profile.goals[0]
        fixed = self.with_new_deadline(before, message)
        if fixed is None:
            return None
        state.profile = state.profile.model_copy(update={"goals": [fixed, *state.profile.goals[1:]]})
        return f"from {before} to {fixed}"

    def fix_target(self, state: InterviewState, message: str) -> str | None:
        """Change the stated goal's percentage as a correction says ("that goal — I said 15%, I meant
        25%"); "from A to B", or None when it names none."""
        if not state.profile.goals or not _ABOUT_GOAL.search(message):
            return None
        meant = [
            m
            for m in _PERCENT.finditer(message)
            if not _NOT_THIS.search(message[max(0, m.start() - 25) : m.start()])
        ]
        before = state.profile.goals[0]
        goal = parse_goal(before, self.lexicon)
        if not meant or goal.metric is None or goal.target_pct is None or goal.target_points is not None:
            return None
        pct = float(meant[-1].group(1))
        if pct == goal.target_pct:
            return None
        fixed = goal.model_copy(update={"target_pct": pct}).restated()
        state.profile = state.profile.model_copy(update={"goals": [fixed, *state.profile.goals[1:]]})
        return f"from {before} to {fixed}"

    def with_new_deadline(self, goal_text: str, message: str) -> str | None:
        """The goal with the deadline a correction gives ("goal should be 6 months not 12"), or None when
        the message names no goal deadline."""
        if not _ABOUT_GOAL.search(message):
            return None
        meant = [
            m
            for m in _DEADLINE.finditer(message)
            if not _NOT_THIS.search(message[max(0, m.start() - 25) : m.start()])
        ]
        if not meant:
            return None
        number, unit = int(meant[-1].group(1)), meant[-1].group(2).lower()
        months = number * 12 if unit.startswith("y") else number
        goal = parse_goal(goal_text, self.lexicon)
        if goal.metric is None or goal.timeframe_months == months:
            return None
        return goal.model_copy(update={"timeframe_months": float(months), "deadline_text": None}).restated()
