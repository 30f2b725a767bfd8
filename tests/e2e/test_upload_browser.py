"""The Data page's upload in a real browser: the file goes through Streamlit's own uploader
(which AppTest cannot drive), is previewed, confirmed, and lands in the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.unit.test_app_pages as base
from drawing.i18n import t
from graph.memory_store import MemoryStore
from loaders.templates import EXAMPLE_CONNECTIONS, EXAMPLE_ELEMENTS, TEMPLATE_DIR
from tests.e2e.conftest import AppServer, start_app, stop_app, watch
from tests.e2e.support import IDLE

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

LOAD_MS = 90_000
STEP_MS = 60_000
EXAMPLE = TEMPLATE_DIR / "contoh_desa_fiktif.xlsx"


@pytest.fixture(scope="module")
def small_server(tmp_path_factory, playwright_api) -> Iterator[AppServer]:
    folder: Path = tmp_path_factory.mktemp("e2e-upload")
    base._small_graph(MemoryStore.in_workspace(folder / "workspace"))
    server = start_app(folder / "workspace", folder / "streamlit.log")
    try:
        yield server
    finally:
        stop_app(server.process)


def _totals(workspace: Path) -> tuple[int, int]:
    counts = MemoryStore.in_workspace(workspace).counts()
    return sum(counts["nodes"].values()), sum(counts["relationships"].values())


def test_upload_preview_confirm_in_the_browser(small_server, page, output_dir):
    seen = watch(page)
    before = _totals(small_server.workspace)
    page.goto(f"{small_server.url}/data_page", wait_until="domcontentloaded")
    page.get_by_role("heading", name=t("data.title", "id")).wait_for(timeout=LOAD_MS)
    page.wait_for_function(IDLE, timeout=LOAD_MS)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(EXAMPLE))
    header = t("data.preview_header", "id", files=EXAMPLE.name)
    page.get_by_role("heading", name=header).wait_for(timeout=STEP_MS)
    page.wait_for_function(IDLE, timeout=STEP_MS)
    assert _totals(small_server.workspace) == before  # the preview writes nothing
    page.screenshot(path=str(output_dir / "upload-preview.png"), full_page=True)

    page.get_by_role("button", name=t("data.confirm", "id")).click()
    page.get_by_text(t("data.applied", "id")[:12]).first.wait_for(timeout=STEP_MS)
    page.wait_for_function(IDLE, timeout=STEP_MS)
    page.screenshot(path=str(output_dir / "upload-done.png"), full_page=True)
    assert _totals(small_server.workspace) == (
        before[0] + len(EXAMPLE_ELEMENTS),
        before[1] + len(EXAMPLE_CONNECTIONS),
    )
    assert not seen.outside(small_server.url), seen.outside(small_server.url)
    assert not seen.errors, seen.errors
