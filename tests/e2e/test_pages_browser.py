"""The finished pages in a real browser (headless Debian Chromium driven by Playwright).

What AppTest cannot see: the indicator chart on the Pathways page is laid out readably (its
plot is tall, its title inside the chart, one tick a year, every point inside the plot), a
language switch keeps the page address and so the view it describes, and presentation mode
has a visible way out. Waits are on conditions, never on fixed sleeps.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from drawing.i18n import t
from tests.conftest import require
from tests.e2e.conftest import AppServer
from tests.e2e.support import DRAWN_OR_ERROR, IDLE, NETWORK_SIZE
from tests.e2e.test_browser import _curated_dataset_is_valid

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

LOAD_MS = 90_000  # first run of a page: imports, loading the case study, the layout
STEP_MS = 60_000  # a rerun after a widget change
ACTOR = "kepala_desa_mongpok"

# The indicator chart's SVG: the plot's height, the title's top against the chart's, the
# year labels of the x axis, and the highest y of a drawn point against the plot's top.
CHART = """() => {
  const svg = document.querySelector('[data-testid="stVegaLiteChart"] svg.marks');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const title = svg.querySelector('.role-title-text text');
  const years = [...svg.querySelectorAll('.role-axis-label text')]
    .map(e => e.textContent).filter(s => /^\\d{4}$/.test(s));
  const rows = [...svg.querySelectorAll('.role-axis-grid line')]
    .map(e => e.getBoundingClientRect()).filter(r => r.width > r.height);
  const points = [...svg.querySelectorAll('.mark-symbol.role-mark path')]
    .map(e => e.getBoundingClientRect());
  const tops = rows.map(r => r.top);
  return {
    svgTop: box.top, titleTop: title ? title.getBoundingClientRect().top : null, years: years,
    plotTop: tops.length ? Math.min(...tops) : null,
    plotHeight: tops.length ? Math.max(...tops) - Math.min(...tops) : null,
    highest: points.length ? Math.min(...points.map(p => p.top + p.height / 2)) : null,
  };
}"""


@pytest.fixture(scope="module")
def curated_app(app_server) -> AppServer:
    require(_curated_dataset_is_valid(), "the curated dataset does not pass its checks")
    return app_server


def _open(page, server: AppServer, path: str) -> None:
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    page.wait_for_function(IDLE, timeout=LOAD_MS)


def test_pathways_chart_is_readable(curated_app, page):
    _open(page, curated_app, "pathways")
    page.wait_for_function(f"() => ({CHART})() && ({CHART})().years.length", timeout=LOAD_MS)
    chart = page.evaluate(CHART)
    assert chart["plotHeight"] >= 250, chart  # the plot, not the legend, gets the height
    assert chart["titleTop"] is not None and chart["titleTop"] >= chart["svgTop"] - 1, chart
    assert len(chart["years"]) == len(set(chart["years"])) >= 3, chart  # one tick a year
    assert chart["highest"] >= chart["plotTop"] - 1, chart  # 55 % inside the plot


def test_language_switch_keeps_the_network_view(curated_app, page):
    _open(page, curated_app, f"network?focus={ACTOR}&depth=2")
    page.wait_for_function(DRAWN_OR_ERROR, timeout=LOAD_MS)
    before = page.evaluate(NETWORK_SIZE)
    page.get_by_text("English", exact=True).click()
    page.wait_for_function(
        "(title) => [...document.querySelectorAll('h1')].some(h => h.textContent.includes(title))",
        arg=t("network.title", "en"),
        timeout=STEP_MS,
    )
    page.wait_for_function(IDLE, timeout=STEP_MS)
    page.wait_for_function(DRAWN_OR_ERROR, timeout=STEP_MS)
    assert ACTOR in page.url and "depth=2" in page.url, page.url
    after = page.evaluate(NETWORK_SIZE)
    assert after[0] == before[0] < 88, (before, after)  # the focus, not the whole graph


def test_network_poster_and_data_page_take_the_view(curated_app, page):
    _open(page, curated_app, f"network?focus={ACTOR}&depth=2")
    page.wait_for_function(DRAWN_OR_ERROR, timeout=LOAD_MS)
    button = page.locator(".st-key-network_download_poster").get_by_role(
        "button", name=t("network.download_poster", "id", fmt="PDF")
    )
    with page.expect_download(timeout=STEP_MS) as download:
        button.click()
    name = download.value.suggested_filename
    assert name == "jejaring-fokus-kepala-desa-mongpok-2-langkah-a4-tegak.pdf", name
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
    page.locator('[data-testid="stSidebarNav"] a[href$="/data_page"]').click()
    page.wait_for_function(
        "() => !!document.querySelector('.st-key-data_network_view')", timeout=STEP_MS
    )
    page.wait_for_function(IDLE, timeout=STEP_MS)
    caption = page.get_by_text("Kepala Desa Mongpok", exact=False).first.inner_text()
    assert t("file.steps", "id", n=2) in caption, caption


def test_year_filter_can_leave_out_undated_nodes(curated_app, page):
    _open(page, curated_app, "network?years=2023-2023")
    page.wait_for_function(DRAWN_OR_ERROR, timeout=LOAD_MS)
    kept = page.evaluate(NETWORK_SIZE)[0]
    page.locator(".st-key-network_undated").get_by_text(t("network.undated.drop", "id")).click()
    page.wait_for_function(
        "(n) => { const s = (" + NETWORK_SIZE + ")(); return s && s[0] < n; }",
        arg=kept,
        timeout=STEP_MS,
    )
    assert "undated=drop" in page.url, page.url
    assert page.get_by_text(t("network.undated_dropped", "id")).count() == 1


def test_centrality_csv_reads_as_numbers(curated_app, page):
    _open(page, curated_app, "centrality")
    button = page.locator(".st-key-centrality_download").get_by_role(
        "button", name=t("analysis.download_csv", "id")
    )
    with page.expect_download(timeout=STEP_MS) as download:
        button.click()
    assert download.value.suggested_filename == "jejaring-semua-data-sentralitas.csv"
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data))
    assert ACTOR in table[t("col.id", "id")].tolist()
    numbers = table.select_dtypes("number").columns
    assert len(numbers) >= 10, table.dtypes  # measures and ranks read as numbers


def test_presentation_mode_has_a_visible_exit(curated_app, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, curated_app, "centrality?present=1")
    exit_button = page.get_by_role("button", name=t("present.exit", "id"))
    exit_button.wait_for(state="visible", timeout=STEP_MS)  # the page may still be drawing
    assert exit_button.is_visible()
    assert page.locator(".st-key-centrality_metric").count() == 0  # no controls
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    exit_button.click()
    page.wait_for_function("() => !location.search.includes('present')", timeout=STEP_MS)
    page.wait_for_function(IDLE, timeout=STEP_MS)
    page.locator(".st-key-centrality_metric").wait_for(timeout=STEP_MS)
    assert page.locator('[data-testid="stSidebar"]').is_visible()


def test_pages_say_what_is_left_out_and_why_places_lack_data(curated_app, page):
    _open(page, curated_app, "network")
    page.wait_for_function(DRAWN_OR_ERROR, timeout=LOAD_MS)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text(t("network.choice.all", "id"), exact=True).count() == 4
    narrowed = [t(f"network.choice.{k}", "id", values="").strip() for k in ("except", "only")]
    assert sum(sidebar.get_by_text(text).count() for text in narrowed) == 1  # kinds of node
    _open(page, curated_app, "national")
    page.get_by_text("tanpa data", exact=False).first.wait_for(timeout=STEP_MS)
    assert page.get_by_text("Desa Mongpok", exact=False).count() >= 1
    words = t("national.no_data_why", "id", missing=0, total=0).split("0 ", 2)[-1][:30]
    note = page.get_by_text(re.compile(r"(\d+) dari (\d+) " + re.escape(words)))
    assert note.count() == 1
    missing, total = map(int, re.search(r"(\d+) dari (\d+)", note.inner_text()).groups())
    assert 16 <= missing < total  # Mongpok has a prevalence, the other villages do not
    _open(page, curated_app, "compare")
    assert page.get_by_text(t("compare.families_note", "id")).count() >= 1
