"""Real-browser fixtures: the app served by ``streamlit run`` and Debian's headless Chromium.

Nothing is downloaded: Playwright drives /usr/bin/chromium (apt package ``chromium``), and
``playwright install`` is never needed. Outside CI the browser tests skip when Playwright or
Chromium is missing; under CI=true they fail instead (tests.conftest.require).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT, require
from tests.e2e import support
from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, AppServer, AppStartError, stop_app

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "AppServer", "start_app", "stop_app", "watch", "Watched"]

OUTPUT = Path(ROOT) / "test-output"  # screenshots; git-ignored


def start_app(workspace: Path, log: Path) -> AppServer:
    """Start the app on a free 127.0.0.1 port with ``workspace``; fail the test if it cannot.

    The serving itself lives in tests/e2e/support.py, shared with bench/bench_app.py.
    """
    try:
        return support.start_app(workspace, log)
    except AppStartError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def playwright_api():
    """Playwright's sync API, or a skip (a failure under CI=true) when it cannot run here."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed; pip install -r requirements-dev.txt")
    require(
        shutil.which(CHROMIUM) is not None or Path(CHROMIUM).is_file(),
        f"Chromium not found at {CHROMIUM}; apt-get install chromium",
    )
    with sync_playwright() as api:
        yield api


@pytest.fixture(scope="session")
def browser(playwright_api):
    """One headless Debian Chromium for the whole session."""
    instance = playwright_api.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, playwright_api) -> Iterator[AppServer]:
    """The app on the curated case study: an empty workspace is filled on first use."""
    folder = tmp_path_factory.mktemp("e2e-curated")
    server = start_app(folder / "workspace", folder / "streamlit.log")
    try:
        yield server
    finally:
        stop_app(server.process)


@dataclass
class Watched:
    """What the browser did while a test ran: requests, console errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def outside(self, allowed: str) -> list[str]:
        """Addresses requested that are not under ``allowed`` (data:/blob:/about: stay local)."""
        local = (allowed, "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]


# Opened on a page's address (e.g. /network), Streamlit's frontend first looks for its
# server under that path (/network/_stcore/health, 404) and then at the root: expected.
_PROBE = re.compile(r"^http://127\.0\.0\.1:\d+/[^/]+/_stcore/(health|host-config)$")


def _path_probe(url: str) -> bool:
    return bool(_PROBE.match(url))


def watch(page) -> Watched:
    """Record every request (of every frame), console error, page error and dialog."""
    seen = Watched()
    page.on("request", lambda request: seen.requests.append(request.url))

    def on_console(message) -> None:
        where = (message.location or {}).get("url", "")
        if message.type == "error" and not _path_probe(where):
            seen.errors.append(f"console: {message.text} ({where})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(f"pageerror: {error}"))
    # Console messages about failed loads do not name the address; this does.
    page.on(
        "response",
        lambda response: seen.errors.append(f"HTTP {response.status}: {response.url}")
        if response.status >= 400 and not _path_probe(response.url)
        else None,
    )

    def on_dialog(dialog) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


@pytest.fixture()
def page(browser):
    """A fresh browser context and page per test; requests are watched from the start."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
