"""The documents citations point to: file name → readable title (for citation popovers)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from advisor.api.deps import AdvisorDep
from advisor.api.schemas import API_ERRORS, SourceDocument, Sources

router = APIRouter(prefix="/v1", tags=["sources"], responses=API_ERRORS)


@router.get("/sources", response_model=Sources, summary="The corpus documents that citations name")
def sources(advisor: AdvisorDep, response: Response) -> Sources:
    documents: dict[str, SourceDocument] = {}
    for chunk in advisor.kb.retriever.chunks.values():
        documents.setdefault(
            chunk.source, SourceDocument(source=chunk.source, id=chunk.doc_id, title=chunk.title)
        )
    response.headers["Cache-Control"] = "public, max-age=300"
    return Sources(sources=sorted(documents.values(), key=lambda d: d.source))
