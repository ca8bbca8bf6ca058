"""Chat sessions: the interview engine plus persistence (SessionStore), one lock per session.

State lives in the session row (JSON) and every turn in the transcript, so a conversation resumes
after a restart; concurrent messages to one session are applied one after the other.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Any

from advisor.interview.engine import Interviewer
from advisor.interview.state import InterviewState, Turn
from advisor.sessions.store import SessionStore


class ChatService:
    def __init__(self, interviewer: Interviewer, store: SessionStore) -> None:
        self.interviewer = interviewer
        self.store = store
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def _lock(self, session_id: str) -> threading.Lock:
        with self._guard:
            return self._locks[session_id]

    @staticmethod
    def _state(raw: dict[str, Any]) -> InterviewState:
        return InterviewState.model_validate(raw.get("interview", {}))

    def start(self, session_id: str | None = None) -> Turn:
        state, turn = self.interviewer.start()
        session = self.store.create(
            {"interview": state.model_dump(mode="json"), "profile": state.profile.model_dump(mode="json")},
            session_id=session_id,
        )
        turn.session_id = session.id
        self.store.append(
            session.id, "advisor", turn.message, turn.model_dump(exclude={"plan", "plan_markdown"})
        )
        return turn

    def resume(self, session_id: str) -> Turn:
        state = self._state(self.store.get(session_id).state)
        turn = self.interviewer.resume(state)
        turn.session_id = session_id
        return turn

    def send(self, session_id: str, text: str) -> Turn:
        with self._lock(session_id):
            session = self.store.get(session_id)
            state = self._state(session.state)
            new_state, turn = self.interviewer.reply(state, text)
            turn.session_id = session_id
            self.store.append(session_id, "user", new_state.history[-1] if new_state.history else "")
            self.store.append(
                session_id, "advisor", turn.message, turn.model_dump(exclude={"plan", "plan_markdown"})
            )
            self.store.save_state(
                session_id,
                {
                    "interview": new_state.model_dump(mode="json"),
                    "profile": new_state.profile.model_dump(mode="json"),
                },
            )
            return turn

    def state(self, session_id: str) -> InterviewState:
        return self._state(self.store.get(session_id).state)
