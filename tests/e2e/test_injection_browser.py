"""A graph full of hostile texts in a real browser: no dialog opens, no payload script runs.

The payload corpus of tests/injection_support.py is imported (CSV files through the
importer) into the embedded store of a temporary workspace, and the app serves it. In
Debian's headless Chromium the Network page is opened, every node is hovered (vis-network
builds every tooltip from the page's escaped HTML as the data loads) and several payload
nodes are picked for the detail panel; then the offline HTML export of the same graph is
opened from a file and hovered the same way. Every payload that could run script tries to
set ``window.jjPwned`` or call ``alert``: the sentinel must still be undefined in every
frame, no dialog may have opened, no request may have left the app (a Markdown image would
fetch ``http://evil.invalid/...``) and no element may have come from the data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from drawing.view import ViewFilters
from exports.html import view_html
from graph.memory_store import MemoryStore
from tests.e2e.conftest import AppServer, start_app, stop_app, watch
from tests.e2e.support import DRAWN_OR_ERROR, IDLE
from tests.injection_support import PAYLOADS, SENTINEL, import_payloads

pytestmark = [pytest.mark.browser, pytest.mark.timeout(400)]

LOAD_MS = 90_000
STEP_MS = 60_000
# picked in the detail panel: HTML, event handlers, Markdown link and image, templates
PICKED = ["script", "img_onerror_sentinel", "markdown_image", "markdown_link", "anchor_js", "jinja"]
# elements no payload may create anywhere in the page or its frames
FOREIGN = (
    'img[src="x"], svg[onload], details[ontoggle], iframe[src^="javascript"], '
    'a[href^="javascript"], a[href*="evil.invalid"], img[src*="evil.invalid"]'
)

HOVER_SETUP = """() => {
  const net = window.jejaringNetwork;
  window.jjHovered = new Set();
  net.on('hoverNode', (p) => window.jjHovered.add(p.node));
  const box = document.getElementById('jj-network').getBoundingClientRect();
  const ids = net.body.data.nodes.getIds();
  const positions = net.getPositions(ids);
  return ids.map((id) => {
    const at = net.canvasToDOM(positions[id]);
    return [id, box.left + at.x, box.top + at.y];
  }).filter(([, x, y]) => x > box.left && x < box.right && y > box.top && y < box.bottom);
}"""
TOOLTIP_SHOWN = """() => {
  const tip = document.querySelector('div.vis-tooltip');
  return !!tip && tip.style.visibility !== 'hidden' && tip.textContent.length > 0;
}"""
TOOLTIP_TAGS = """() => Array.from(document.querySelectorAll('div.vis-tooltip *'),
                                   (e) => e.tagName.toLowerCase())"""


def _sentinels(page) -> list[str]:
    """Frames (by address) where a payload managed to set the sentinel."""
    return [
        frame.url
        for frame in page.frames
        if frame.evaluate(f"() => typeof window.{SENTINEL} !== 'undefined'")
    ]


def _foreign(page) -> int:
    return sum(frame.locator(FOREIGN).count() for frame in page.frames)


def _hover_every_node(page, frame) -> tuple[int, int, list[str]]:
    """Hover each node of the drawing in ``frame``; (nodes, hovered, tags seen in tooltips)."""
    element = frame.frame_element() if frame.parent_frame else None
    offset = element.bounding_box() if element else {"x": 0, "y": 0}
    points = frame.evaluate(HOVER_SETUP)
    tags: set[str] = set()
    for _, x, y in points:
        page.mouse.move(offset["x"] + x, offset["y"] + y)
        try:
            frame.wait_for_function(TOOLTIP_SHOWN, timeout=3000)
        except Exception:  # noqa: BLE001 - a node under another one shows no tooltip of its own
            continue
        tags.update(frame.evaluate(TOOLTIP_TAGS))
    page.mouse.move(1, 1)
    hovered = frame.evaluate("() => window.jjHovered.size")
    return len(points), hovered, sorted(tags)


@pytest.fixture(scope="module")
def payload_server(tmp_path_factory, playwright_api) -> Iterator[AppServer]:
    folder: Path = tmp_path_factory.mktemp("e2e-payloads")
    import_payloads(MemoryStore.in_workspace(folder / "workspace"))
    server = start_app(folder / "workspace", folder / "streamlit.log")
    try:
        yield server
    finally:
        stop_app(server.process)


def _drawing_frame(page):
    for frame in page.frames:
        if frame.parent_frame and frame.evaluate("() => !!window.jejaringNetwork"):
            return frame
    raise AssertionError("no network drawing")


def _pick(page, text: str) -> None:
    box = page.locator(".st-key-network_node input")
    box.click()
    box.fill(text[:14])
    page.get_by_role("option", name=re.compile(re.escape(text[:14]))).first.click()


def test_the_network_page_with_payloads_runs_no_payload(payload_server, page, output_dir):
    seen = watch(page)
    page.goto(f"{payload_server.url}/network", wait_until="domcontentloaded")
    page.wait_for_function(IDLE, timeout=LOAD_MS)
    page.wait_for_function(DRAWN_OR_ERROR, timeout=LOAD_MS)
    errors = page.locator('[data-testid="stAlertContentError"], [data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()

    frame = _drawing_frame(page)
    assert frame.evaluate("() => window.jejaringNetwork.body.data.nodes.length") == len(PAYLOADS)
    nodes, hovered, tags = _hover_every_node(page, frame)
    assert nodes >= len(PAYLOADS) * 0.8, nodes
    assert hovered >= nodes * 0.6, (hovered, nodes)
    assert set(tags) <= {"div", "b", "br"}, tags  # the template's wrapper, bold, breaks

    for name in PICKED:
        text = PAYLOADS[name]
        _pick(page, text)
        page.get_by_role("heading", name=re.compile(re.escape(text[:8]))).first.wait_for(
            timeout=STEP_MS
        )
        page.wait_for_function(IDLE, timeout=STEP_MS)
        # the heading reads as the data (bare addresses carry an invisible word joiner)
        headings = page.locator("h1, h2, h3").all_inner_texts()
        assert text in [h.replace("\u2060", "") for h in headings], (name, headings)
    page.screenshot(path=str(output_dir / "payloads-network.png"), full_page=True)
    _record(output_dir, "network-page", nodes, hovered, tags, len(PICKED))

    assert _sentinels(page) == []
    assert _foreign(page) == 0
    assert not seen.dialogs, seen.dialogs
    assert not seen.outside(payload_server.url), seen.outside(payload_server.url)
    assert not seen.errors, seen.errors


def test_the_exported_html_with_payloads_runs_no_payload(tmp_path, page, output_dir):
    store = MemoryStore(None)
    import_payloads(store)
    path = tmp_path / "payloads.html"
    path.write_text(view_html(store.to_networkx(), ViewFilters()), encoding="utf-8")

    seen = watch(page)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(
        "() => !!window.jejaringNetwork && !!document.querySelector('#jj-network canvas')",
        timeout=LOAD_MS,
    )
    frame = page.main_frame
    assert frame.evaluate("() => window.jejaringNetwork.body.data.nodes.length") == len(PAYLOADS)
    nodes, hovered, tags = _hover_every_node(page, frame)
    assert nodes >= len(PAYLOADS) * 0.8, nodes
    assert hovered >= nodes * 0.6, (hovered, nodes)
    assert set(tags) <= {"div", "b", "br"}, tags  # the template's wrapper, bold, breaks
    # a click selects a node, as on the page
    page.mouse.click(*_first_node(frame))
    page.screenshot(path=str(output_dir / "payloads-export.png"), full_page=True)
    _record(output_dir, "exported-html", nodes, hovered, tags, 1)

    assert _sentinels(page) == []
    assert _foreign(page) == 0
    assert not seen.dialogs, seen.dialogs
    assert not seen.outside(path.as_uri()), seen.outside(path.as_uri())
    assert not seen.errors, seen.errors


def _record(output_dir: Path, what: str, nodes: int, hovered: int, tags, picked: int) -> None:
    """The figures of this run, for docs/reliability.md (test-output/ is git-ignored)."""
    figures = {"payloads": len(PAYLOADS), "nodes_on_screen": nodes, "hovered": hovered,
               "tooltip_tags": tags, "selected": picked}  # fmt: skip
    (output_dir / f"injection-{what}.json").write_text(json.dumps(figures), encoding="utf-8")


def _first_node(frame) -> tuple[float, float]:
    (_, x, y), *_ = frame.evaluate(HOVER_SETUP)
    return x, y
