"""Request guards: body size, widget keys tied to origins, rate limits, CORS and security headers."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.api.errors import error_body
from advisor.config import Settings

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"


class BodyLimit:
    """ASGI middleware: requests with a body larger than ``limit`` bytes get 413, read or declared."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await error_body(413, f"request body larger than {self.limit} bytes", "payload_too_large")(
                scope, receive, send
            )
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await error_body(413, f"request body larger than {self.limit} bytes", "payload_too_large")(
                scope, receive, send
            )


class _TooLarge(Exception):
    pass


class RateLimiter:
    """Token buckets per client (IP or key): ``per_minute`` requests, refilled continuously."""

    def __init__(self) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str, per_minute: int) -> float:
        """0 when allowed; otherwise seconds until the next request is allowed."""
        now = time.monotonic()
        rate = per_minute / 60.0
        with self._lock:
            tokens, last = self._buckets.get(client, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - last) * rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / rate


class Guard(BaseHTTPMiddleware):
    """Widget keys tied to allowed origins, CORS for those origins, rate limits, security headers."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        super().__init__(app)
        self.settings = settings
        self.limiter = RateLimiter()

    def allowed_origins(self, key: str | None) -> set[str]:
        origins = set(self.settings.cors_origins)
        if key and key in self.settings.widget_keys:
            origins |= set(self.settings.widget_keys[key])
        return origins

    def _cors(self, response: Response, origin: str) -> None:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, X-Advisor-Key"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Max-Age"] = "600"

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        origin = request.headers.get("origin")
        key = request.headers.get("x-advisor-key") or request.query_params.get("key")
        api = request.url.path.startswith("/v1/")
        same_origin = origin is not None and origin == f"{request.url.scheme}://{request.url.netloc}"
        if request.method == "OPTIONS" and origin and api:
            response: Response = Response(status_code=204)
            if (
                same_origin
                or origin in self.settings.cors_origins
                or any(origin in o for o in self.settings.widget_keys.values())
            ):
                self._cors(response, origin)
            return self._headers(response, request)
        if api and origin and not same_origin:
            if key is None and origin not in self.settings.cors_origins:
                return self._headers(
                    error_body(403, "cross-origin calls need a widget key (X-Advisor-Key)", "forbidden"),
                    request,
                )
            if key is not None and origin not in self.allowed_origins(key):
                return self._headers(
                    error_body(403, f"this widget key is not allowed from {origin}", "forbidden"), request
                )
        if api:
            ip = request.client.host if request.client else "unknown"
            wait = self.limiter.hit(f"ip:{ip}", self.settings.rate_limit_per_minute)
            if not wait and key:
                wait = self.limiter.hit(f"key:{key}", self.settings.key_rate_limit_per_minute)
            if wait:
                limited = error_body(429, "too many requests — slow down", "rate_limited")
                limited.headers["Retry-After"] = str(max(1, math.ceil(wait)))
                return self._headers(limited, request)
        response = await call_next(request)
        if api and origin and not same_origin:
            self._cors(response, origin)
        return self._headers(response, request)

    def _headers(self, response: Response, request: Request) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.headers.get("content-type", "").startswith("text/html") and request.url.path == "/":
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        return response
