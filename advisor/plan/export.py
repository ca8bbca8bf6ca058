"""Plan exports: JSON (byte-stable), Markdown and HTML."""

from __future__ import annotations

from typing import Literal

from advisor.plan.models import Plan
from advisor.plan.render_html import render_html
from advisor.plan.render_markdown import render_markdown

ExportFormat = Literal["json", "md", "html"]
MEDIA_TYPES: dict[str, str] = {"json": "application/json", "md": "text/markdown", "html": "text/html"}


def render(plan: Plan, fmt: ExportFormat) -> str:
    """The plan in one format. JSON is indented and key-ordered by the model, so equal plans are equal bytes."""
    if fmt == "json":
        return plan.model_dump_json(indent=2) + "\n"
    if fmt == "md":
        return render_markdown(plan)
    if fmt == "html":
        return render_html(plan)
    raise ValueError(f"unknown format {fmt!r}")
