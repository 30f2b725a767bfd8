"""The Query page in a real browser: an analyst picks an actor by name, not by id.

Typing part of a name into the parameter's picker finds the actor; choosing it answers the
question in rows with headers in the page's language, and the partners are counted as the other
pages count them. No request may leave 127.0.0.1 and the browser must log no error.
"""

from __future__ import annotations

import re

import pytest

from drawing.i18n import t
from tests.e2e.conftest import watch
from tests.e2e.support import IDLE

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

LOAD_MS = 90_000
STEP_MS = 60_000
PICKER = ".st-key-query_param_partners_of_actor_actor_id"


def _pick(page, typed: str, name: str) -> None:
    """Type ``typed`` into the actor picker and choose the option ``name``."""
    page.wait_for_function(IDLE, timeout=STEP_MS)
    page.locator(f"{PICKER} input").click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=re.compile(rf"^{re.escape(name)}$")).first.click()
    page.wait_for_timeout(300)  # the rerun starts after the click reaches the server
    page.wait_for_function(IDLE, timeout=STEP_MS)


def test_an_actor_is_picked_by_name_and_the_answer_has_rows(app_server, page, output_dir):
    seen = watch(page)
    page.goto(f"{app_server.url}/query", wait_until="domcontentloaded")
    page.get_by_text(t("query.params", "id")).first.wait_for(timeout=LOAD_MS)
    _pick(page, "kader kampung", "Kader Kampung KB Desa Mongpok")
    page.get_by_text(re.compile(r"^\d+ mitra: 4 langsung")).wait_for(timeout=STEP_MS)
    _pick(page, "Kepala Desa Mong", "Kepala Desa Mongpok")
    summary = page.get_by_text(re.compile(r"^\d+ mitra: 2 langsung, \d+ lewat"))
    summary.wait_for(timeout=STEP_MS)
    rows = page.get_by_text(re.compile(r"^\d+ baris\.$")).first.inner_text()
    assert int(rows.split()[0]) > 2
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=STEP_MS)
    assert "Tidak ada baris" not in page.inner_text("body")
    page.screenshot(path=str(output_dir / "query-picked.png"), full_page=True)
    assert seen.errors == []
    assert all(
        url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) for url in seen.requests
    )
