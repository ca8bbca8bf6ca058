"""Injected dependencies: tests swap ``get_advisor`` through ``app.dependency_overrides``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from advisor.errors import ServiceError
from advisor.runtime import Advisor


def get_advisor(request: Request) -> Advisor:
    advisor: Advisor | None = getattr(request.app.state, "advisor", None)
    if advisor is None:
        raise ServiceError("the advisor is still starting")
    advisor.sync_index()  # another worker may have re-ingested: reload before answering
    return advisor


AdvisorDep = Annotated[Advisor, Depends(get_advisor)]
