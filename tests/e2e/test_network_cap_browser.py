"""The network page in a real browser on a graph larger than the node cap.

With ``JEJARING_NODE_CAP`` below the size of the case study's network, the page must send no
drawing at all until an actor is searched, then draw that actor's neighbourhood with at most
the cap of nodes; no request may leave 127.0.0.1 and the browser must log no error.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import start_app, stop_app, watch
from tests.e2e.support import HAS_NODE, IDLE, NETWORK_SIZE

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

CAP = 12
LOAD_MS = 90_000
STEP_MS = 60_000


def _pick_when_offered(page, name: str) -> None:
    """Choose ``name`` in the focus picker once the search's rerun has offered it (the
    picker may be opened before that rerun has reached the browser: open it again)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    option = page.get_by_role("option", name=re.compile(re.escape(name))).first
    picker = page.locator(".st-key-network_large_focus input")
    for _ in range(STEP_MS // 2_000):
        page.wait_for_function(IDLE, timeout=STEP_MS)
        picker.click()
        try:
            option.wait_for(timeout=2_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        option.click()
        return
    raise AssertionError(f"the search never offered {name!r}")


def test_above_the_cap_only_a_searched_neighbourhood_is_drawn(
    tmp_path, monkeypatch, page, output_dir
):
    monkeypatch.setenv("JEJARING_NODE_CAP", str(CAP))
    server = start_app(tmp_path / "workspace", tmp_path / "streamlit.log")
    try:
        seen = watch(page)
        page.goto(f"{server.url}/network", wait_until="domcontentloaded")
        page.get_by_text(re.compile(rf"lebih dari batas {CAP} simpul")).wait_for(timeout=LOAD_MS)
        page.wait_for_function(IDLE, timeout=STEP_MS)
        assert page.evaluate(NETWORK_SIZE) is None, "a graph above the cap was drawn"
        search = page.locator(".st-key-network_large_search input")
        search.fill("kepala desa")
        search.press("Enter")
        _pick_when_offered(page, "Kepala Desa Mongpok")
        page.wait_for_function(HAS_NODE, arg="Actor:kepala_desa_mongpok", timeout=STEP_MS)
        page.wait_for_function(IDLE, timeout=STEP_MS)
        nodes, _, physics = page.evaluate(NETWORK_SIZE)
        assert 1 < nodes <= CAP and not physics
        page.screenshot(path=str(output_dir / "network-above-cap.png"), full_page=True)
        assert "focus=kepala_desa_mongpok" in page.url
        assert not seen.outside(server.url), seen.outside(server.url)
        assert not seen.errors, seen.errors
        assert not seen.dialogs
    finally:
        stop_app(server.process)
