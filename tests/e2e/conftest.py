"""Browser fixtures: Playwright for Python driving Debian's chromium (never `playwright install`).

Without a chromium the browser tests are skipped with the reason, except in CI (CI=true), where a
missing browser is a failure: a green CI must mean the pages were really driven in a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def find_chromium() -> str | None:
    if os.access(DEFAULT_CHROMIUM, os.X_OK):
        return DEFAULT_CHROMIUM
    return shutil.which("chromium")


def _missing_browser(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests may not be skipped)", pytrace=False)
    print(f"SKIP browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        _missing_browser(
            f"no chromium at {DEFAULT_CHROMIUM} or on PATH; install it with `apt-get install -y chromium`"
        )
    return path  # type: ignore[return-value]


@pytest.fixture
def browser(chromium_path: str, transactional_db, monkeypatch) -> Iterator[object]:
    """A headless chromium for one test.

    Playwright's sync API keeps an asyncio loop running in this thread while it is open, and Django
    refuses database calls from a thread with a running loop. The database is set up first (through
    transactional_db), and the check is switched off only while this browser is open: the test body
    itself is plain synchronous code. Function scope, so no later test runs under that loop.

    Django keeps connections in context-local storage and Playwright switches greenlets, each with
    its own context: a connection opened on one side of the switch is invisible on the other and
    would stay open, so dropping the test database at the end fails. Close them on both sides.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the dev lock
        _missing_browser("the playwright package is not installed")
    from django.db import connections

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot when E2E_SCREENSHOT_DIR is set (to look at a page by eye)."""

    def take(name: str) -> None:
        directory = os.environ.get("E2E_SCREENSHOT_DIR")
        if directory:
            Path(directory).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def demo_data(transactional_db) -> None:
    from django.core.management import call_command

    call_command("demo_data", verbosity=0)
