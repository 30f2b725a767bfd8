"""AppTest of the Data page in both languages: downloads in every format family, templates,
upload section; and the Sources page's data-quality report."""

from __future__ import annotations

import pytest

import tests.unit.test_app_pages as base
from drawing.i18n import LANGUAGES, t
from tests.unit.test_more_pages import small_ws  # noqa: F401 - the fixture

PAGE = "ui/data_page.py"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_data_page_runs_in_both_languages(small_ws, lang):  # noqa: F811
    at = base._open(PAGE, lang)
    assert not at.exception, at.exception
    titles = base._titles(at)
    assert t("data.title", lang) in titles
    assert t("data.title", "en" if lang == "id" else "id") not in titles
    subheaders = [s.value for s in at.subheader]
    for key in ("data.download_header", "data.templates_header", "data.upload_header"):
        assert t(key, lang) in subheaders
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("fmt", ["cypher", "html", "pdf"])
def test_prepare_then_download(small_ws, fmt):  # noqa: F811
    at = base._open(PAGE, "en")
    at.selectbox(key="data_format").set_value(fmt).run()
    if fmt == "pdf":
        at.toggle(key="data_whole").set_value(False).run()
        at.radio(key="data_paper").set_value("A3").run()
    at.button(key="data_prepare").click().run()
    assert not at.exception, at.exception
    buttons = [b for b in at.get("download_button") if "Download jejaring" in b.proto.label]
    assert len(buttons) == 1
    assert (".zip" if fmt == "csv" else f".{fmt}") in buttons[0].proto.label


def test_sources_page_lists_quality_findings(small_ws):  # noqa: F811
    at = base._open("ui/sources.py", "id")
    assert not at.exception, at.exception
    assert t("quality.findings", "id") in [m.value.strip("*") for m in at.markdown]
