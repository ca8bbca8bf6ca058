"""One-off questions (JSON, or server-sent events that stream a chat model's answer) and suggested questions."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from advisor.answers.models import Answer
from advisor.api.deps import AdvisorDep
from advisor.api.schemas import API_ERRORS, QuestionIn, SuggestedQuestions, errors
from advisor.api.streaming import relay, sse
from advisor.runtime import Advisor

router = APIRouter(prefix="/v1", tags=["answers"], responses=API_ERRORS)


def _answer(advisor: Advisor, body: QuestionIn) -> Answer:
    """The answer, with the session's facts and (once the interview is complete) its plan."""
    profile = plan = None
    if body.session_id:
        state = advisor.chat.state(body.session_id)
        profile, plan = state.profile, state.plan if state.phase == "complete" else None
    return advisor.answers.ask(body.question, profile=profile, plan=plan)


def _closing(answer: Answer) -> list[str]:
    """After the deltas: the citations, then the checked answer."""
    citations = [sse("citations", [c.model_dump() for c in answer.citations])] if answer.citations else []
    return [*citations, sse("answer", answer.model_dump())]


def _stream(advisor: Advisor, body: QuestionIn) -> AsyncIterator[str]:
    """status, the chat model's tokens as it writes (delta), then citations and the checked answer."""
    return relay(lambda: _answer(advisor, body), lambda a: a.answer, _closing)


@router.post(
    "/ask",
    response_model=Answer,
    summary="A cited answer (or a refusal with an ethical alternative); JSON, or server-sent events",
    responses={
        200: {
            "content": {
                "text/event-stream": {
                    "schema": {"type": "string"},
                    "example": 'event: status\ndata: {"state": "thinking"}\n\nevent: answer\ndata: {...}\n\n',
                }
            },
            "description": "The answer (JSON), or with Accept: text/event-stream the events status, delta "
            "(the chat model's tokens as they arrive), citations and answer (the checked final answer), or error.",
        },
        **errors(400, 404, 422, 502),
    },
)
async def ask(body: QuestionIn, request: Request, advisor: AdvisorDep) -> Response:
    if "text/event-stream" in request.headers.get("accept", ""):
        if body.session_id:  # an unknown session is a 404 before the stream starts
            await run_in_threadpool(advisor.sessions.get, body.session_id)
        return StreamingResponse(
            _stream(advisor, body),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )
    answer = await run_in_threadpool(_answer, advisor, body)
    return Response(answer.model_dump_json(), media_type="application/json")


@router.get(
    "/suggested-questions",
    response_model=SuggestedQuestions,
    summary="Questions worth asking",
    responses=errors(404, 422),
)
def suggested(advisor: AdvisorDep, session_id: str | None = Query(None)) -> SuggestedQuestions:
    profile = advisor.sessions.get(session_id).profile if session_id else None
    return SuggestedQuestions(suggested_questions=advisor.answers.suggestions(profile))
