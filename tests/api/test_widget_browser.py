"""The widget in real headless Chromium (Debian's), driven by Playwright: open, chat, cite, progress."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from advisor.api.app import create_app
from advisor.config import PROJECT_ROOT
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.api.conftest import make_advisor

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def server(tmp_path: Path, knowledge_base: KnowledgeBase) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    app = create_app(make_advisor(tmp_path / "data", knowledge_base))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not uv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


def test_widget_chat_citations_progress_and_reload(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 860})
        page.goto(server + "/")
        launcher = page.locator("advisor-chat .launcher")
        expect(launcher).to_have_attribute("aria-expanded", "false")
        launcher.click()
        expect(launcher).to_have_attribute("aria-expanded", "true")
        log = page.locator("advisor-chat .log")
        expect(log).to_contain_text("10 minutes", timeout=30_000)
        progress = page.locator("advisor-chat .progress")

        textarea = page.locator("advisor-chat textarea")
        textarea.fill("We sell hand-poured candles on Shopify")
        textarea.press("Enter")
        expect(progress).to_contain_text("2 of 11", timeout=30_000)
        expect(page.locator("advisor-chat .msg.advisor").last).to_contain_text("Who are your main customers")

        textarea.fill("How can a chatbot help with order status questions?")
        page.locator("advisor-chat .send").click()
        chip = page.locator("advisor-chat .msg.advisor").last.locator(".cite").first
        expect(chip).to_be_visible(timeout=30_000)
        chip.click()
        expect(page.locator("advisor-chat .source").first).to_contain_text("“")
        expect(page.locator("advisor-chat .msg.advisor").last).to_contain_text("Back to your plan")
        page.screenshot(path=str(ARTIFACTS / "widget.png"))

        page.reload()  # the session is kept across reloads
        page.locator("advisor-chat .launcher").click()
        expect(page.locator("advisor-chat .msg.user").first).to_contain_text(
            "hand-poured candles", timeout=30_000
        )
        expect(page.locator("advisor-chat .progress")).to_contain_text("2 of 11")

        mobile = browser.new_page(viewport={"width": 390, "height": 760})
        mobile.goto(server + "/")
        mobile.locator("advisor-chat .launcher").click()
        box = mobile.locator("advisor-chat .panel").bounding_box()
        assert box is not None and box["width"] >= 380  # full-width panel on a phone
        mobile.screenshot(path=str(ARTIFACTS / "widget-mobile.png"))
        browser.close()
