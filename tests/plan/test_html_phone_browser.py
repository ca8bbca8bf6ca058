"""The HTML export on a phone, in real headless Chromium (Debian's): no sideways scrolling, readable
text, tables stacked into labelled cards. A screenshot is kept under test-artifacts/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from advisor.config import PROJECT_ROOT
from advisor.plan.export import render
from advisor.plan.models import Plan

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


def test_plan_reads_on_a_phone_without_sideways_scrolling(candles: Plan) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
        page.set_content(render(candles, "html"))
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('table, td, p, li')].map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= 375
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 14
        label = page.evaluate(
            "getComputedStyle(document.querySelector('td[data-label]'), '::before').content"
        )
        assert label.strip('"') and label != "none"
        page.locator("#source-1").scroll_into_view_if_needed()
        page.click("a[href='#source-1'] >> nth=0")
        assert page.evaluate("location.hash") == "#source-1"
        page.goto("about:blank")
        page.set_content(render(candles, "html"))
        page.screenshot(path=str(ARTIFACTS / "plan-phone.png"), full_page=False)
        browser.close()
