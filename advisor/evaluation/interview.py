"""Interview suite: scripted personas drive the chat; completion, turns, slot accuracy, repeats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from advisor.evaluation import load_dataset
from advisor.interview.service import ChatService
from advisor.plan.goals import parse_goal
from advisor.plan.metrics import MetricLexicon

MAX_TURNS = 25


class Persona(BaseModel):
    id: str
    answers: dict[str, str] = Field(description="Reply per slot id; a slot without one gets 'not sure'.")
    followups: list[str] = Field(default_factory=list, description="Replies to SMART follow-ups, in order.")
    expect: dict[str, Any] = Field(default_factory=dict)


class PersonaDataset(BaseModel):
    suite: str = "interview"
    personas: list[Persona] = Field(min_length=1)


class PersonaResult(BaseModel):
    id: str
    completed: bool
    turns: int
    slot_accuracy: float
    repeated_questions: int
    failures: list[str]


class InterviewMetrics(BaseModel):
    personas: int
    completion_rate: float
    mean_turns: float
    slot_accuracy: float
    repeated_questions: int
    results: list[PersonaResult]


def load_personas(path: Path) -> PersonaDataset:
    return load_dataset(path, PersonaDataset)


def _check(
    persona: Persona, plan: dict[str, Any] | None, profile: dict[str, Any], lexicon: MetricLexicon
) -> list[str]:
    expect, failures = persona.expect, []
    if "niche" in expect and expect["niche"].lower() not in str(profile.get("niche", "")).lower():
        failures.append(f"niche {profile.get('niche')!r} lacks {expect['niche']!r}")
    goal = parse_goal((profile.get("goals") or [""])[0], lexicon)
    for key, value in (
        ("goal_metric", goal.metric),
        ("goal_pct", goal.target_pct),
        ("goal_months", goal.timeframe_months),
    ):
        if key in expect and value != expect[key]:
            failures.append(f"{key} {value!r} != {expect[key]!r}")
    if plan is not None and "initiatives_any" in expect:
        chosen = [i["id"] for i in plan["initiatives"]]
        if not set(chosen) & set(expect["initiatives_any"]):
            failures.append(f"initiatives {chosen} miss {expect['initiatives_any']}")
    if plan is not None:
        risks = plan["governance"]["bias_risks"] + plan["governance"]["other_risks"]
        for initiative in plan["initiatives"]:
            if not any(r["initiative_id"] == initiative["id"] for r in risks):
                failures.append(f"ethics names no risk of {initiative['id']}")
    return failures


def run_persona(chat: ChatService, persona: Persona, lexicon: MetricLexicon) -> PersonaResult:
    turn = chat.start()
    sid = turn.session_id or ""
    followups = list(persona.followups)
    questions: list[str] = []
    turns = 0
    while not turn.plan_complete and turns < MAX_TURNS:
        if turn.next_question:
            questions.append(turn.next_question)
        if turn.asking == "confirm":
            reply = "yes"
        elif turn.asking == "goals" and questions and questions[-1].startswith("SMART goals"):
            reply = followups.pop(0) if followups else "not sure"
        else:
            reply = persona.answers.get(turn.asking or "", "not sure")
        turn = chat.send(sid, reply)
        turns += 1
    profile = chat.state(sid).profile.model_dump()
    failures = _check(persona, turn.plan, profile, lexicon)
    checks = max(
        1, len([k for k in persona.expect if k != "initiatives_any"]) + ("initiatives_any" in persona.expect)
    )
    if not turn.plan_complete:
        failures.insert(0, f"no plan within {MAX_TURNS} turns")
    return PersonaResult(
        id=persona.id,
        completed=turn.plan_complete,
        turns=turns,
        slot_accuracy=round(
            1 - len([f for f in failures if not f.startswith(("no plan", "ethics"))]) / checks, 4
        ),
        repeated_questions=len(questions) - len(set(questions)),
        failures=failures,
    )


def evaluate_interview(dataset: PersonaDataset, chat: ChatService, knowledge_dir: Path) -> InterviewMetrics:
    lexicon = MetricLexicon.load(knowledge_dir)
    results = [run_persona(chat, p, lexicon) for p in dataset.personas]
    n = len(results)
    return InterviewMetrics(
        personas=n,
        completion_rate=round(sum(r.completed for r in results) / n, 4),
        mean_turns=round(sum(r.turns for r in results) / n, 2),
        slot_accuracy=round(sum(r.slot_accuracy for r in results) / n, 4),
        repeated_questions=sum(r.repeated_questions for r in results),
        results=results,
    )
