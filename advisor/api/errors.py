"""Advisor errors → HTTP errors, with a JSON body and never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from advisor.errors import AdvisorError, InputError, ModelError, NotFoundError, ServiceError

logger = logging.getLogger("advisor.api")
RETRY_AFTER_SECONDS = 5


def error_body(status: int, message: str, kind: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"type": kind, "message": message}})


def status_of(exc: AdvisorError) -> tuple[int, str]:
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, InputError):
        return 400, "bad_request"
    if isinstance(exc, ModelError):
        return 502, "model_error"
    if isinstance(exc, ServiceError):
        return 503, "service_unavailable"
    return 500, "error"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AdvisorError)
    async def advisor_error(_: Request, exc: AdvisorError) -> JSONResponse:
        status, kind = status_of(exc)
        response = error_body(status, str(exc), kind)
        if status == 503:  # starting, busy or a store away for a moment: worth trying again soon
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
            parts.append(f"{where}: {error.get('msg')}")
        return error_body(422, "; ".join(parts) or "invalid request", "validation_error")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = error_body(exc.status_code, str(exc.detail), "http_error")
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.exception("unexpected error")
        return error_body(500, "internal error — the advisor logged the details", "internal_error")
