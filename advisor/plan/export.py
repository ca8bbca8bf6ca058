"""Plan exports: JSON (byte-stable), Markdown, HTML and PDF."""

from __future__ import annotations

from typing import Literal, get_args

from advisor.plan.models import Plan
from advisor.plan.render_html import render_html
from advisor.plan.render_markdown import render_markdown
from advisor.plan.render_pdf import render_pdf

ExportFormat = Literal["json", "md", "html", "pdf"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def render(plan: Plan, fmt: Literal["json", "md", "html"]) -> str:
    """The plan in a text format. JSON is indented and key-ordered by the model, so equal plans are equal bytes."""
    if fmt == "json":
        return plan.model_dump_json(indent=2) + "\n"
    if fmt == "md":
        return render_markdown(plan)
    if fmt == "html":
        return render_html(plan)
    raise ValueError(f"unknown text format {fmt!r}")


def render_bytes(plan: Plan, fmt: ExportFormat) -> bytes:
    """The plan in any format, as the bytes of a download."""
    if fmt == "pdf":
        return render_pdf(plan)
    return render(plan, fmt).encode("utf-8")
