"""The network drawing reads at first sight, measured in a real browser on the case study.

On the default view, a focus at depth 2 around the village head and the layout by level: no
name on the canvas is smaller than 11 px on screen, no two names overlap, and the nodes fill
at least half of the canvas (their bounding box, and at least half the cells of a grid over
it). Picking a node brings it into view, close enough to read; presentation mode at 1280x720
shows the drawing above the fold, with larger names. Measures come from vis-network's own
positions (getPositions, canvasToDOM) and the boxes of the names drawn (support.CANVAS_MEASURE).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import AppServer
from tests.e2e.support import CANVAS_MEASURE, DRAWN, IDLE

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

LOAD_MS = 90_000
FOCUS = "Actor:kepala_desa_mongpok"
MIN_PX = 11


def _measure(page, server: AppServer, query: str) -> dict:
    page.goto(f"{server.url}/network{query}", wait_until="domcontentloaded")
    page.wait_for_function(DRAWN, timeout=LOAD_MS)
    page.wait_for_function(IDLE, timeout=LOAD_MS)
    found = page.evaluate(CANVAS_MEASURE, FOCUS)
    assert found is not None, "no drawing on the page"
    return found


def _readable(found: dict) -> None:
    assert found["labels"] >= 10, found  # names are drawn at all
    assert found["min_px"] >= MIN_PX, found
    assert found["overlaps"] == 0, found
    assert found["box_fill"] >= 0.5, found
    assert found["cell_fill"] >= 0.5, found


@pytest.mark.parametrize(
    "query",
    ["", "?focus=kepala_desa_mongpok&depth=2", "?layout=level"],
    ids=["default", "focus-depth-2", "by-level"],
)
def test_names_are_legible_apart_and_the_drawing_fills_the_canvas(app_server, page, query):
    found = _measure(page, app_server, query)
    _readable(found)
    if "focus" in query:
        assert found["focus_covered"] == 0, found  # the village head is under no other node
        assert FOCUS in found["named"], found  # and its name is on the drawing


def test_picking_a_node_brings_it_into_view(app_server, page):
    found = _measure(page, app_server, f"?node={FOCUS}")
    x, y = found["focus_at"]
    width, height = found["canvas"]
    assert abs(x - width / 2) < width * 0.1 and abs(y - height / 2) < height * 0.1, found
    assert found["focus_radius"] >= 8, found  # zoomed in to read it
    assert FOCUS in found["named"], found
    assert found["min_px"] >= MIN_PX and found["overlaps"] == 0, found


def test_presentation_mode_fits_above_the_fold_with_larger_names(browser, app_server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        found = _measure(page, app_server, "?present=1")
        frame = page.locator("iframe").first.bounding_box()
        canvas = page.frame_locator("iframe").first.locator("#jj-network").bounding_box()
        assert frame is not None and canvas is not None
        assert canvas["y"] >= 0 and canvas["y"] + canvas["height"] <= 720, canvas
        assert canvas["height"] >= 400, canvas
        assert found["min_px"] >= 15 and found["overlaps"] == 0, found
    finally:
        context.close()
