"""FastAPI application factory. The library never imports FastAPI; only this package does."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from itertools import chain

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from advisor import __version__
from advisor.api.errors import install_error_handlers
from advisor.api.routes import answers, ops, sessions, sources, widget
from advisor.api.security import Guard, SecurityHeaders
from advisor.config import Settings, get_settings
from advisor.errors import AdvisorError
from advisor.runtime import Advisor
from advisor.sessions.retention import retention

logger = logging.getLogger("advisor.api")
PURGE_EVERY_SECONDS = 3600


async def _purge_expired_sessions(advisor: Advisor) -> None:
    """Retention: delete sessions older than ADVISOR_SESSION_RETENTION_DAYS at start-up, then hourly."""
    age = retention(advisor.settings.session_retention_days)
    while age is not None:
        try:
            removed = await run_in_threadpool(advisor.sessions.purge, age)
            if removed:
                logger.info("retention: deleted %d session(s) untouched for %s", removed, age)
        except AdvisorError as exc:
            logger.warning("retention purge failed: %s", exc)
        await asyncio.sleep(PURGE_EVERY_SECONDS)


def create_app(advisor: Advisor | None = None, settings: Settings | None = None) -> FastAPI:
    """The advisor's HTTP API. Models and index are loaded once, in the lifespan, not per request."""
    settings = settings or (advisor.settings if advisor else get_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        instance = advisor or Advisor(settings)
        logger.info("warming up: index, embedding model, guardrails")
        await run_in_threadpool(instance.warm_up)
        app.state.advisor = instance
        housekeeping = asyncio.create_task(_purge_expired_sessions(instance))
        yield
        housekeeping.cancel()
        if advisor is None:
            instance.close()

    app = FastAPI(
        title="advisor",
        version=__version__,
        description=(
            "Offline-first advisor that interviews a small e-commerce business and builds its Strategic AI "
            "Action Plan, answering questions with cited guidance."
        ),
        lifespan=lifespan,
    )
    install_error_handlers(app)
    # Outermost last: Host check → CORS (so 403/413/429 refusals carry CORS headers) → headers → guard.
    app.add_middleware(Guard, settings=settings)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=sorted({*settings.cors_origins, *chain.from_iterable(settings.widget_keys.values())}),
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "Accept", "X-Advisor-Key"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    for module in (ops, sessions, answers, sources, widget):
        app.include_router(module.router)
    return app
