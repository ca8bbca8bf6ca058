"""PDF export (WeasyPrint), checked the way a reader sees it: its text extracted with pdftotext and page
1 rendered to an image with pdftoppm, kept under test-artifacts/ for a human look."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from advisor.config import PROJECT_ROOT
from advisor.evaluation.plan_quality import flat_text
from advisor.plan.export import render_bytes
from advisor.plan.models import Plan
from tests.plan.conftest import build

ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "plan-pdf"
MISSING = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]
if MISSING:
    if os.environ.get("CI"):
        pytest.fail("poppler-utils is missing in CI: .ci/run must install it", pytrace=False)
    pytest.skip(
        f"{', '.join(MISSING)} not installed (apt-get install poppler-utils)", allow_module_level=True
    )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_carries_the_whole_plan_and_page_one_is_kept_as_an_image(candles: Plan) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "candles.pdf"
    pdf.write_bytes(render_bytes(candles, "pdf"))
    text = flat_text(pdf_text(pdf))
    assert flat_text(candles.title) in text
    for heading in ("1. Executive summary", "Self-validation checklist", "Sources"):
        assert flat_text(heading) in text
    for paragraph in candles.executive_summary.text.split("\n\n"):
        assert flat_text(paragraph) in text
    assert re.search(r"Page1of\d+", text)
    first = ARTIFACTS / "candles-page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(first)],
        check=True,
    )
    image = first.with_suffix(".png")
    assert image.stat().st_size > 20_000  # a rendered page, not a blank one


def test_pdf_in_euros_with_text_an_owner_typed() -> None:
    plan = build(
        {
            "name": "Kaffee <Rösterei> & Söhne",
            "niche": "specialty coffee beans",
            "currency": "EUR",
            "goals": ["increase repeat purchase rate by 15% within 12 months"],
            "tech_stack": "shopify, klaviyo",
            "team": "2 ppl, no dev",
            "budget_monthly": "€200",
            "regions": ["Germany", "Austria"],
        }
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "eur.pdf"
    pdf.write_bytes(render_bytes(plan, "pdf"))
    text = flat_text(pdf_text(pdf))
    for typed in ("Kaffee <Rösterei> & Söhne", "€200", "per €10,000"):
        assert flat_text(typed) in text
    assert flat_text(plan.executive_summary.text.split("\n\n")[0]) in text
