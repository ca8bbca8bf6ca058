"""Pure ASGI guards: widget keys tied to origins (403), rate limits (429), body size (413), and the
security headers every response carries. CORS itself is Starlette's CORSMiddleware (see app.py), placed
outside these so refusals carry CORS headers and a widget can read their reason and Retry-After.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.api.errors import error_body
from advisor.api.ratelimit import RateLimits
from advisor.config import Settings

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's interactive docs load Swagger UI / ReDoc from their CDN (and need a network to work at all).
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
SESSION_PATH = re.compile(r"/v1/sessions/([^/]{1,200})")


class SecurityHeaders:
    """Adds the security headers; a CSP on every HTML response; ``no-store`` on every API response
    (transcripts and plans are personal and must not sit in a shared cache)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope["path"])
        api = path.startswith("/v1/")
        csp = DOCS_CSP if path in DOCS_PATHS else PAGE_CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", csp)
                if api:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, with_headers)


class Guard:
    """Cross-origin calls need a widget key valid for their origin; every API call is rate limited
    (per IP, per session, and per widget key when it comes from one of the key's origins); bodies larger
    than ``max_message_bytes`` get 413 whether declared or streamed (chunked)."""

    def __init__(self, app: ASGIApp, settings: Settings, limits: RateLimits | None = None) -> None:
        self.app = app
        self.settings = settings
        self.limits = limits or RateLimits(settings)
        self.limit = settings.max_message_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        if str(scope["path"]).startswith("/v1/"):
            refusal = await self._refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        body = await self._read_body(scope, receive)
        if body is None:
            too_large = error_body(413, f"request body larger than {self.limit} bytes", "payload_too_large")
            await too_large(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refusal(self, scope: Scope) -> JSONResponse | None:
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        key = headers.get("x-advisor-key") or QueryParams(scope.get("query_string", b"")).get("key")
        same_origin = (
            origin is not None and origin == f"{scope.get('scheme', 'http')}://{headers.get('host')}"
        )
        key_origins = set(self.settings.widget_keys.get(key, ())) if key else set()
        if origin and not same_origin:
            if key is None and origin not in self.settings.cors_origins:
                return error_body(403, "cross-origin calls need a widget key (X-Advisor-Key)", "forbidden")
            if key is not None and origin not in key_origins | set(self.settings.cors_origins):
                return error_body(403, f"this widget key is not allowed from {origin}", "forbidden")
        session = SESSION_PATH.match(str(scope["path"]))
        client = scope.get("client")
        limited = await self.limits.check(
            ip=client[0] if client else "unknown",
            session=session.group(1) if session else None,
            # the key pays only for calls from its own origins: a copied key cannot drain its budget
            key=key if origin in key_origins else None,
        )
        if limited is None:
            return None
        response = error_body(429, limited.reason, "rate_limited")
        response.headers["Retry-After"] = str(limited.retry_after)
        return response

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body (bounded by the limit), or None when it is larger."""
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that hands the buffered body over once, then the client's own events."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
