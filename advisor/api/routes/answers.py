"""One-off questions and suggested questions."""

from __future__ import annotations

from fastapi import APIRouter, Query

from advisor.answers.models import Answer
from advisor.api.deps import AdvisorDep
from advisor.api.schemas import API_ERRORS, QuestionIn, SuggestedQuestions, errors

router = APIRouter(prefix="/v1", tags=["answers"], responses=API_ERRORS)


@router.post(
    "/ask",
    response_model=Answer,
    summary="A cited answer (or a refusal with an ethical alternative)",
    responses=errors(400, 404, 422, 502),
)
def ask(body: QuestionIn, advisor: AdvisorDep) -> Answer:
    """A plain ``def``: FastAPI runs it in the threadpool, never on the event loop."""
    profile = advisor.sessions.get(body.session_id).profile if body.session_id else None
    return advisor.answers.ask(body.question, profile=profile)


@router.get(
    "/suggested-questions",
    response_model=SuggestedQuestions,
    summary="Questions worth asking",
    responses=errors(404, 422),
)
def suggested(advisor: AdvisorDep, session_id: str | None = Query(None)) -> SuggestedQuestions:
    profile = advisor.sessions.get(session_id).profile if session_id else None
    return SuggestedQuestions(suggested_questions=advisor.answers.suggestions(profile))
