from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from advisor.api.app import create_app
from advisor.config import Settings
from advisor.retrieval.knowledge_base import KnowledgeBase
from advisor.runtime import Advisor
from tests.conftest import CORPUS_DIR


def make_advisor(data_dir: Path, kb: KnowledgeBase, **settings: object) -> Advisor:
    settings.setdefault("allowed_hosts", ["testserver", "127.0.0.1", "localhost"])
    return Advisor(
        Settings(data_dir=data_dir, knowledge_dir=CORPUS_DIR, **settings), kb=kb, use_chat_model=False
    )  # type: ignore[arg-type]


@pytest.fixture
def client(tmp_path: Path, knowledge_base: KnowledgeBase) -> Iterator[TestClient]:
    app = create_app(
        make_advisor(
            tmp_path / "data",
            knowledge_base,
            admin_key="s3cret",
            widget_keys={"shop": ["https://shop.example"]},
        )
    )
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium (never a downloaded browser), one per test module."""
    from playwright.sync_api import expect, sync_playwright

    from tests.api.browser import CHROMIUM, FLAGS

    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Pages in fresh contexts (own storage); each records uncaught page errors in ``page.errors``."""
    from tests.api.browser import DESKTOP

    contexts: list[Any] = []

    def make(viewport: dict[str, int] = DESKTOP) -> Any:
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        return page

    yield make
    for context in contexts:
        context.close()
