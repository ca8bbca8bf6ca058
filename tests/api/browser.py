"""Debian's Chromium driven by Playwright, and what the widget's browser tests look at (open shadow DOM)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor.config import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "widget"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
DESKTOP = {"width": 1200, "height": 860}
PHONE = {"width": 390, "height": 760}
WIDGET_JS = PROJECT_ROOT / "advisor" / "api" / "static" / "widget.js"


def require_chromium() -> None:
    """Skip (or fail in CI) the calling module when Debian's Chromium is missing."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def in_widget(page: Any, body: str, arg: Any = None) -> Any:
    """Evaluate ``body`` (a function body using ``root``, the widget's shadow root, and ``arg``)."""
    return page.evaluate(
        "([body, arg]) => new Function('root', 'arg', body)(document.querySelector('advisor-chat').shadowRoot, arg)",
        [body, arg],
    )


def at_newest(page: Any) -> bool:
    """The conversation is scrolled to its end and the newest message is inside the visible area."""
    return bool(
        in_widget(
            page,
            """const log = root.querySelector('.log');
            const msgs = log.querySelectorAll('.msg'), last = msgs[msgs.length - 1];
            if (!last || log.hidden) return false;
            const a = log.getBoundingClientRect(), b = last.getBoundingClientRect();
            return log.scrollHeight - log.scrollTop - log.clientHeight < 2 && b.bottom <= a.bottom + 1 && b.bottom > a.top;""",
        )
    )


def serious_axe_violations(page: Any) -> list[str]:
    """axe-core (shipped by axe-playwright-python, no network) on the page: serious and critical issues."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def small_targets(page: Any) -> list[str]:
    """Visible buttons and fields of the widget smaller than 24 × 24 CSS pixels."""
    return list(
        in_widget(
            page,
            """return [...root.querySelectorAll('button, input, textarea, summary')]
              .filter(n => n.getClientRects().length)
              .map(n => [n, n.getBoundingClientRect()])
              .filter(([n, r]) => r.width < 24 || r.height < 24)
              .map(([n, r]) => `${n.className || n.tagName} "${n.textContent.trim().slice(0, 20)}" ${r.width}x${r.height}`);""",
        )
    )


def eventually(check: Callable[[], bool], what: str, timeout: float = 30) -> None:
    """Wait for a condition (never a fixed sleep): slow shared machines take their time."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.1)
