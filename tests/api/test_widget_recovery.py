"""Failures never lose work: the server is stopped and started again under an open widget, in Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from advisor.api.app import create_app
from advisor.config import PROJECT_ROOT
from advisor.retrieval.knowledge_base import KnowledgeBase
from tests.api.browser import WIDGET_JS, require_chromium, shot
from tests.api.conftest import make_advisor
from tests.api.servers import AdvisorProcess, exhaust_rate_limit, free_port, serve_in_thread, serve_page

pytestmark = pytest.mark.slow
require_chromium()
DEMO = PROJECT_ROOT / "advisor" / "api" / "static" / "demo.html"
REPLY = 60_000  # ms
RESTART = 300_000  # ms: a server start on a slow shared machine, then the widget's next attempt


def test_first_connection_fails_then_text_kept_retry_offered_and_reconnects_without_reload(
    tmp_path: Path, knowledge_base: KnowledgeBase, new_page: Any
) -> None:
    from playwright.sync_api import expect

    data = tmp_path / "data"
    shutil.copytree(knowledge_base.settings.data_dir, data)  # the session's index: no second build
    server = AdvisorProcess(data)
    page = new_page()
    # The shop's page and the script come from the shop; the advisor behind them starts later.
    page.route(server.base + "/", lambda route: route.fulfill(path=DEMO, content_type="text/html"))
    page.route(
        server.base + "/widget.js",
        lambda route: route.fulfill(path=WIDGET_JS, content_type="text/javascript"),
    )
    try:
        page.goto(server.base + "/")
        page.evaluate("window.sameDocument = true")  # gone if the page reloads
        page.locator("advisor-chat .launcher").click()
        notice = page.locator("advisor-chat .notice")
        expect(notice).to_contain_text("Can't reach the advisor")
        expect(notice).to_contain_text("Retrying in")
        textarea = page.locator("advisor-chat textarea")
        textarea.fill("We sell candles on Shopify")
        page.locator("advisor-chat .send").click()
        expect(textarea).to_have_value("We sell candles on Shopify")  # Send keeps the text while offline
        shot(page, "offline-first-connection")

        server.start()  # the widget connects by itself, then sends the text it kept
        log = page.locator("advisor-chat .log")
        expect(log).to_contain_text("10 minutes", timeout=RESTART)
        expect(page.locator("advisor-chat .progress")).to_contain_text("2 of 11", timeout=REPLY)
        expect(textarea).to_have_value("")
        expect(page.locator("advisor-chat .msg.user")).to_have_text(["We sell candles on Shopify"])

        server.stop()  # mid-conversation: the message fails, keeps its text and offers Retry
        textarea.fill("gift buyers")
        page.locator("advisor-chat .send").click()
        failed = page.locator("advisor-chat .msg.user.failed")
        expect(failed).to_contain_text("gift buyers", timeout=REPLY)
        expect(failed.get_by_role("button", name="Retry")).to_be_visible()
        expect(textarea).to_have_value("gift buyers")
        expect(notice).to_contain_text("Retrying in")
        shot(page, "offline-retry")

        server.start()  # same data dir: the session survives; the widget notices by itself
        expect(notice).to_contain_text("Connected again", timeout=RESTART)
        failed.get_by_role("button", name="Retry").click()
        expect(page.locator("advisor-chat .progress")).to_contain_text("3 of 11", timeout=REPLY)
        expect(page.locator("advisor-chat .failed")).to_have_count(0)
        expect(textarea).to_have_value("")
        expect(page.locator("advisor-chat .msg.user")).to_have_text(
            ["We sell candles on Shopify", "gift buyers"]
        )
        assert page.evaluate("window.sameDocument") is True
        shot(page, "reconnected")
        assert page.errors == []
    finally:
        server.stop()


@pytest.fixture
def shop(tmp_path: Path, knowledge_base: KnowledgeBase) -> Iterator[tuple[str, int]]:
    """The advisor in this process, with a widget key for a shop on another loopback origin."""
    port = free_port()
    app = create_app(
        make_advisor(
            tmp_path / "data",
            knowledge_base,
            widget_keys={"shop": [f"http://localhost:{port}"]},
            rate_limit_per_minute=30,
        )
    )
    with serve_in_thread(app) as base:
        yield base, port


@contextmanager
def _shop_page(new_page: Any, shop: tuple[str, int], key: str) -> Iterator[Any]:
    """The shop's own page (a real server on its origin) embedding the widget with ``key``; opened."""
    base, port = shop
    html = (
        '<!doctype html><html lang="en"><title>Shop</title><h1>Shop</h1>'
        f'<script src="{base}/widget.js" data-advisor-url="{base}" data-key="{key}"></script></html>'
    )
    with serve_page(html, port) as origin:
        page = new_page()
        page.goto(origin + "/")
        page.locator("advisor-chat .launcher").click()
        yield page


def test_cross_origin_embed_with_a_key_chats(shop: Any, new_page: Any) -> None:
    from playwright.sync_api import expect

    with _shop_page(new_page, shop, "shop") as page:
        expect(page.locator("advisor-chat .log")).to_contain_text("10 minutes", timeout=REPLY)
        page.locator("advisor-chat textarea").fill("We sell candles on Shopify")
        page.locator("advisor-chat .send").click()
        expect(page.locator("advisor-chat .progress")).to_contain_text("2 of 11", timeout=REPLY)
        assert page.errors == []


def test_cross_origin_busy_answer_is_read_and_retried(shop: Any, new_page: Any) -> None:
    from playwright.sync_api import expect

    with _shop_page(new_page, shop, "shop") as page:
        expect(page.locator("advisor-chat .log")).to_contain_text("10 minutes", timeout=REPLY)
        exhaust_rate_limit(shop[0])
        page.locator("advisor-chat textarea").fill("We sell candles on Shopify")
        page.locator("advisor-chat .send").click()
        expect(page.locator("advisor-chat .typing")).to_contain_text("busy — retrying in", timeout=20_000)
        expect(page.locator("advisor-chat .progress")).to_contain_text("2 of 11", timeout=REPLY)


def test_cross_origin_refusal_shows_its_reason(shop: Any, new_page: Any) -> None:
    from playwright.sync_api import expect

    with _shop_page(new_page, shop, "someone-elses-key") as page:
        expect(page.locator("advisor-chat .notice")).to_contain_text(
            f"not allowed from http://localhost:{shop[1]}", timeout=20_000
        )
        shot(page, "forbidden-key")
