"""The plan as a PDF: the HTML export laid out for A4 by WeasyPrint (page header, page numbers)."""

from __future__ import annotations

import logging

from advisor.errors import ServiceError
from advisor.plan.models import Plan
from advisor.plan.render_html import render_html

log = logging.getLogger(__name__)


def render_pdf(plan: Plan) -> bytes:
    """PDF bytes of the plan. WeasyPrint is imported here: it loads Pango and fonts, which the other
    exports do not need."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango system libraries are missing
        raise ServiceError(
            "PDF export needs WeasyPrint and its system libraries (apt-get install weasyprint)"
        ) from exc
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    pdf = HTML(string=render_html(plan)).write_pdf()
    if not pdf:
        raise ServiceError("WeasyPrint produced an empty PDF")
    log.debug("rendered a %d-byte PDF", len(pdf))
    return bytes(pdf)
