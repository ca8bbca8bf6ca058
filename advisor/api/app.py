"""FastAPI application factory. The library never imports FastAPI; only this package does."""

from __future__ import annotations

from fastapi import FastAPI

from advisor import __version__


def create_app() -> FastAPI:
    """The advisor's HTTP API."""
    app = FastAPI(
        title="advisor",
        version=__version__,
        description="Offline-first advisor for a Strategic AI E-commerce Action Plan.",
    )

    @app.get("/healthz", tags=["ops"], summary="Liveness probe")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
