"""Chat sessions: the interview engine plus persistence, one atomic turn at a time.

A message is redacted before anything else sees it. The turn then holds its session in the store
(across threads and worker processes), the interviewer computes ``reply(state, text)``, and the user's
message, the advisor's answer and the new state are committed in one transaction: concurrent messages
to one session apply one after the other, and a crash never leaves a transcript that disagrees with
its state. The interview state is an opaque pydantic model to this module.
"""

from __future__ import annotations

from typing import Any

from advisor.guardrails.redaction import redact
from advisor.interview.engine import Interviewer
from advisor.interview.state import InterviewState, Turn
from advisor.sessions.models import NewMessage, Session
from advisor.sessions.store import SessionStore

TURN_EXCLUDE = {"plan", "plan_markdown"}  # the plan lives in the state, not in every transcript entry


def _raw(state: InterviewState) -> dict[str, Any]:
    return {"interview": state.model_dump(mode="json"), "profile": state.profile.model_dump(mode="json")}


class ChatService:
    def __init__(self, interviewer: Interviewer, store: SessionStore) -> None:
        self.interviewer = interviewer
        self.store = store

    @staticmethod
    def state_of(session: Session) -> InterviewState:
        """The interview state a stored session holds."""
        return InterviewState.model_validate(session.state.get("interview", {}))

    @staticmethod
    def _advisor(turn: Turn) -> NewMessage:
        return NewMessage(
            role="advisor", text=turn.message, payload=turn.model_dump(mode="json", exclude=TURN_EXCLUDE)
        )

    def start(self, session_id: str | None = None) -> Turn:
        state, turn = self.interviewer.start()
        session = self.store.create(_raw(state), [self._advisor(turn)], session_id=session_id)
        turn.session_id = session.id
        return turn

    def resume(self, session_id: str) -> Turn:
        turn = self.interviewer.resume(self.state(session_id))
        turn.session_id = session_id
        return turn

    def send(self, session_id: str, text: str) -> Turn:
        clean = redact(text)
        with self.store.turn(session_id) as held:
            new_state, turn = self.interviewer.reply(self.state_of(held.session), clean)
            turn.session_id = session_id
            held.commit(_raw(new_state), [NewMessage(role="user", text=clean.strip()), self._advisor(turn)])
        return turn

    def state(self, session_id: str) -> InterviewState:
        return self.state_of(self.store.get(session_id))
