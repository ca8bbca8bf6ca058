"""Health, readiness and admin re-ingest."""

from __future__ import annotations

import hmac
import os

from fastapi import APIRouter, Header, HTTPException
from starlette.concurrency import run_in_threadpool

from advisor.api.deps import AdvisorDep
from advisor.api.schemas import API_ERRORS, Health, errors
from advisor.retrieval.ingest import IngestReport

router = APIRouter(tags=["ops"])


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    """Answered on the event loop itself (no threadpool), so it stays fast while turns compute."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, summary="Index and models loaded", responses=errors(503))
def readyz(advisor: AdvisorDep) -> Health:
    return Health(
        status="ready",
        detail={
            "chunks": advisor.kb.store.count(),
            "mode": "llm" if advisor.chat_model else "offline",
            "index_version": advisor.index_version,
            "worker": os.getpid(),
        },
    )


@router.post(
    "/v1/admin/reingest",
    response_model=IngestReport,
    summary="Re-ingest the corpus (admin key); every worker reloads",
    responses={**API_ERRORS, **errors(401, 422)},
)
async def reingest(advisor: AdvisorDep, x_admin_key: str | None = Header(None)) -> IngestReport:
    expected = advisor.settings.admin_key
    if expected is None:
        raise HTTPException(403, "admin endpoints are disabled (set ADVISOR_ADMIN_KEY)")
    if not x_admin_key or not hmac.compare_digest(x_admin_key, expected.get_secret_value()):
        raise HTTPException(401, "wrong or missing X-Admin-Key")
    return await run_in_threadpool(advisor.reingest)
