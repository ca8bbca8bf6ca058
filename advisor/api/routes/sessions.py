"""Chat sessions: create, read, send a message (JSON or server-sent events), download the plan
(a draft at any time during the interview, the confirmed plan after it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from advisor.api.deps import AdvisorDep
from advisor.api.schemas import API_ERRORS, MessageIn, SessionCreated, SessionView, errors
from advisor.api.streaming import relay, sse
from advisor.errors import NotFoundError
from advisor.interview.state import Turn
from advisor.plan.export import MEDIA_TYPES, ExportFormat, render_bytes
from advisor.plan.models import Plan
from advisor.runtime import Advisor
from advisor.strategy.draft import current_plan

router = APIRouter(prefix="/v1/sessions", tags=["sessions"], responses=API_ERRORS)


@router.post(
    "", response_model=SessionCreated, status_code=201, summary="Start an interview", responses=errors(400)
)
def create_session(advisor: AdvisorDep) -> SessionCreated:
    turn = advisor.chat.start()
    return SessionCreated(session_id=turn.session_id or "", turn=turn)


@router.get(
    "/{session_id}",
    response_model=SessionView,
    summary="Transcript and plan progress",
    responses=errors(404, 422),
)
def read_session(session_id: str, advisor: AdvisorDep) -> SessionView:
    snapshot = advisor.sessions.snapshot(session_id)  # state and transcript from one consistent read
    session = snapshot.session
    state = advisor.chat.state_of(session)
    return SessionView(
        session_id=session.id,
        created_at=session.created_at,
        updated_at=session.updated_at,
        transcript=snapshot.transcript,
        plan_progress=advisor.chat.interviewer.progress(state),
        plan_complete=state.phase == "complete",
        profile=state.profile.model_dump(mode="json", exclude={"evidence"}),
    )


@router.delete(
    "/{session_id}",
    status_code=204,
    summary="Delete a session and its transcript (the owner's right to erasure)",
    responses=errors(404, 422),
)
def delete_session(session_id: str, advisor: AdvisorDep) -> Response:
    advisor.sessions.delete(session_id)
    return Response(status_code=204)


def _closing(turn: Turn) -> list[str]:
    """After the deltas: the citations, the plan's progress, then the turn."""
    citations = [sse("citations", [c.model_dump() for c in turn.citations])] if turn.citations else []
    return [*citations, sse("progress", turn.plan_progress.model_dump()), sse("turn", turn.model_dump())]


def _stream(advisor: AdvisorDep, session_id: str, text: str) -> AsyncIterator[str]:
    """status, then the chat model's tokens as it writes an answer (live deltas), then the turn."""
    return relay(lambda: advisor.chat.send(session_id, text), lambda t: t.message, _closing)


@router.post(
    "/{session_id}/messages",
    response_model=Turn,
    summary="Send a message; JSON turn, or server-sent events with Accept: text/event-stream",
    responses={
        200: {
            "content": {
                "text/event-stream": {
                    "schema": {"type": "string"},
                    "example": 'event: status\ndata: {"state": "thinking"}\n\nevent: turn\ndata: {...}\n\n',
                }
            },
            "description": "The advisor's turn (JSON), or events status, delta, citations, progress, turn "
            "(or error) with Accept: text/event-stream.",
        },
        **errors(400, 404, 422, 502),
    },
)
async def send_message(session_id: str, body: MessageIn, request: Request, advisor: AdvisorDep) -> Response:
    if not await run_in_threadpool(advisor.sessions.exists, session_id):
        raise NotFoundError(f"unknown session: {session_id}")
    if "text/event-stream" in request.headers.get("accept", ""):
        return StreamingResponse(
            _stream(advisor, session_id, body.text),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )
    turn = await run_in_threadpool(advisor.chat.send, session_id, body.text)
    return Response(turn.model_dump_json(), media_type="application/json")


def session_plan(advisor: Advisor, session_id: str) -> Plan:
    """The session's plan: the confirmed one once the interview is complete, else a draft from the facts
    so far. The one place that reads the interview's state for a plan."""
    state = advisor.chat.state(session_id)
    interviewer = advisor.chat.interviewer
    if state.plan is not None:
        with suppress(ValidationError):  # a plan stored by an older schema is rebuilt from the same facts
            return Plan.model_validate(state.plan)

    def fields(slot_ids: list[str]) -> list[str]:
        return [f for sid in slot_ids for f in interviewer.script.get(sid).fields]

    skipped = fields(state.unknown)
    return current_plan(
        advisor.engine,
        state.profile,
        skipped=skipped,
        not_asked=[f for f in fields(interviewer.progress(state).missing) if f not in skipped],
        confirmed=state.plan is not None,
    )


@router.get(
    "/{session_id}/plan",
    summary="The plan as JSON, Markdown, HTML or PDF: a draft during the interview, final after confirmation",
    responses={
        200: {
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "The plan in the requested format.",
        },
        **errors(400, 404, 422),
    },
)
def get_plan(
    session_id: str,
    advisor: AdvisorDep,
    format: Annotated[ExportFormat, Query(description="json, md, html or pdf")] = "json",
) -> Response:
    plan = session_plan(advisor, session_id)
    headers: dict[str, str] = {"X-Plan-Status": plan.status}
    if format in ("md", "pdf"):
        headers["Content-Disposition"] = f'attachment; filename="ai-plan-{session_id[:8]}.{format}"'
    return Response(render_bytes(plan, format), media_type=MEDIA_TYPES[format], headers=headers)
