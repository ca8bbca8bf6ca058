"""The embeddable widget script and a demo page that embeds it with one tag."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from advisor.api.routes import sources

router = APIRouter(tags=["widget"])
# The source titles the widget shows in citation popovers ride along with the widget's routes.
router.include_router(sources.router)
STATIC = Path(__file__).resolve().parent.parent / "static"


@lru_cache(maxsize=4)
def _read(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


@router.get("/widget.js", summary="The chat widget (one script tag)", include_in_schema=True)
def widget_js() -> Response:
    return Response(
        _read("widget.js"),
        media_type="application/javascript",
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.get("/", response_class=HTMLResponse, summary="Demo shop page embedding the widget")
def demo_page() -> HTMLResponse:
    return HTMLResponse(_read("demo.html"))
