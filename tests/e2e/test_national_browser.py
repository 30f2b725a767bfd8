"""The drill-down page in a real browser: from Indonesia to Desa Mongpok under the node cap.

At every level the vis-network DataSet in the drawing's iframe is read back: it must hold
the place expected there and never more nodes than the cap (``JEJARING_NODE_CAP``, 1,500
by default), the count the page prints must match it, no request may leave 127.0.0.1 and
the browser must log no error.
"""

from __future__ import annotations

import re

import pytest

import settings
from tests.e2e.conftest import AppServer, watch
from tests.e2e.support import HAS_NODE, IDLE, NETWORK_SIZE

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

LOAD_MS = 90_000
STEP_MS = 60_000


def _cap() -> int:
    return int(settings.get("JEJARING_NODE_CAP"))


def _wait_for(page, key: str, timeout: int = STEP_MS) -> None:
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_function(HAS_NODE, arg=key, timeout=timeout)
    page.wait_for_function(IDLE, timeout=timeout)


def _check(page) -> int:
    """Nodes in the drawing: at most the cap, and as many as the page says it drew."""
    size = page.evaluate(NETWORK_SIZE)
    assert size is not None, "no drawing on the page"
    nodes, _, physics = size
    assert nodes <= _cap()
    if nodes > 300:
        assert not physics
    said = page.get_by_text(re.compile(r"^\d+ simpul dan \d+ garis digambar")).first.inner_text()
    assert int(said.split()[0]) == nodes
    return nodes


def _pick(page, text: str) -> None:
    box = page.locator(".st-key-national_pick input")
    box.click()
    box.fill(text)
    page.get_by_role("option", name=re.compile(re.escape(text))).first.click()


def test_drill_from_indonesia_to_desa_mongpok(app_server: AppServer, page, output_dir):
    seen = watch(page)
    page.goto(f"{app_server.url}/national", wait_until="domcontentloaded")
    # the case study holds one province with data: the page opens at Kecamatan Cikeusal
    _wait_for(page, "Place:desa_mongpok", timeout=LOAD_MS)
    counts = [_check(page)]
    page.get_by_role("button", name="Indonesia", exact=True).click()
    _wait_for(page, "Place:prov_banten")
    counts.append(_check(page))
    for name, child in (
        ("Provinsi Banten", "Place:kab_serang"),
        ("Kabupaten Serang", "Place:kec_cikeusal"),
        ("Kecamatan Cikeusal", "Place:desa_mongpok"),
        ("Desa Mongpok", "Actor:kepala_desa_mongpok"),
    ):
        _pick(page, name)
        _wait_for(page, child)
        counts.append(_check(page))
    page.screenshot(path=str(output_dir / "national-desa-mongpok.png"), full_page=True)
    assert counts[-1] > 10  # the village's actual network, not a summary
    assert max(counts) <= _cap()
    assert not seen.outside(app_server.url), seen.outside(app_server.url)
    assert not seen.errors, seen.errors
    assert not seen.dialogs
