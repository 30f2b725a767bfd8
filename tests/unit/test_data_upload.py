"""The Data page's upload: preview, confirmation, the all-or-nothing write, the size limit,
name matches, emptying first, template downloads; and ui.upload on its own.

Streamlit's AppTest cannot drive a file uploader, so the tests put the files where the
uploader's callback puts them, ``st.session_state["data_inbox"]`` as ``(name, bytes)``
pairs; from there on the page runs as it does in the browser.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import loaders.templates as template_files
import tests.unit.test_app_pages as base
from drawing.i18n import LANGUAGES, t
from graph.memory_store import MemoryStore
from loaders.templates import EXAMPLE_CONNECTIONS, EXAMPLE_ELEMENTS
from tests.unit.test_more_pages import small_ws  # noqa: F401 - the fixture
from ui.upload import MB, Refused, Upload, apply_upload, preview_upload, receive, staged

PAGE = "ui/data_page.py"
EXAMPLE = template_files.TEMPLATE_DIR / "contoh_desa_fiktif.xlsx"
BAD_CSV = b"id,label,name\nok_one,Program,Satu\nbad_two,Monster,Dua\n"
SAME_NAME_CSV = (
    b"id,label,name,type,sector,level,description\n"
    b"kades_baru,Actor,Kepala Desa Mongpok,village_government,governance,desa,"
    b"Diperbarui dari unggahan\n"
)


def _store(folder: Path) -> MemoryStore:
    return MemoryStore.in_workspace(folder)


def _totals(folder: Path) -> tuple[int, int]:
    counts = _store(folder).counts()
    return sum(counts["nodes"].values()), sum(counts["relationships"].values())


def _send(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    at.session_state["data_inbox"] = files
    at.run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest, column: str) -> pd.DataFrame:
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a column {column!r}")


def _counts(at: AppTest, lang: str) -> dict[str, dict[str, int]]:
    table = _table(at, t("data.col.added", lang))
    out = {}
    for part in ("nodes", "relationships"):
        row = table[table[t("data.col.part", lang)] == t(f"data.part.{part}", lang)].iloc[0]
        out[part] = {
            s: int(row[t(f"data.col.{s}", lang)]) for s in ("added", "updated", "unchanged")
        }
    return out


def _example_counts() -> tuple[Counter, Counter]:
    labels = Counter(row["label"] for row in EXAMPLE_ELEMENTS)
    return labels, Counter(row["type"] for row in EXAMPLE_CONNECTIONS)


# -- the page ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_example_upload_previews_confirms_and_every_page_sees_it(small_ws, lang):  # noqa: F811
    before_nodes, before_rels = _totals(small_ws)
    actors_before = _store(small_ws).counts()["nodes"].get("Actor", 0)
    at = base._open(PAGE, lang)
    _send(at, [(EXAMPLE.name, EXAMPLE.read_bytes())])
    header = "#### " + t("data.preview_header", lang, files=EXAMPLE.name)
    assert header in [m.value for m in at.markdown]
    counts = _counts(at, lang)
    assert counts["nodes"] == {"added": len(EXAMPLE_ELEMENTS), "updated": 0, "unchanged": 0}
    assert counts["relationships"]["added"] == len(EXAMPLE_CONNECTIONS)
    assert not at.error, [e.value for e in at.error]
    assert _totals(small_ws) == (before_nodes, before_rels), "the preview wrote something"

    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    assert _totals(small_ws) == (
        before_nodes + len(EXAMPLE_ELEMENTS),
        before_rels + len(EXAMPLE_CONNECTIONS),
    )
    done = [s.value for s in at.success if s.value.startswith(t("data.applied", lang)[:12])]
    assert len(done) == 1 and str(before_nodes + len(EXAMPLE_ELEMENTS)) in done[0], done
    assert "data_upload" not in at.session_state  # ready for the next upload

    # the same session, another page: the new actors are counted at once
    at.switch_page("ui/overview.py").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    labels, _ = _example_counts()
    assert metrics[t("count.Actor", lang)] == str(actors_before + labels["Actor"]), metrics


def test_property_change_reaches_the_pages_although_counts_stay(small_ws):  # noqa: F811
    """An update that adds nothing keeps the counts; the pages must still read it again."""
    at = base._open("ui/overview.py", "en")
    at.switch_page(PAGE).run()
    rename = b"id,label,name,name_en\nkampung_kb,Program,Kampung KB Baru,New Kampung KB\n"
    _send(at, [("rename.csv", rename)])
    assert _counts(at, "en")["nodes"] == {"added": 0, "updated": 1, "unchanged": 0}
    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    assert _store(small_ws).get_node("Program", "kampung_kb")["name"] == "Kampung KB Baru"
    at.toggle(key="data_whole").set_value(False).run()  # the filters read the cached graph
    assert at.selectbox(key="data_programme").options == ["New Kampung KB"]


def test_bad_file_names_row_and_column_and_writes_nothing(small_ws):  # noqa: F811
    before = _totals(small_ws)
    at = base._open(PAGE, "en")
    _send(at, [("bad.csv", BAD_CSV)])
    assert t("data.preview_errors", "en", n=1) in [e.value for e in at.error]
    problems = _table(at, t("data.col.message", "en"))
    errors = problems[problems[t("data.col.severity", "en")] == t("data.severity.error", "en")]
    assert errors[[t("data.col.row", "en"), t("data.col.column", "en")]].values.tolist() == [
        ["3", "label"]
    ]
    assert "Monster" in errors[t("data.col.message", "en")].iloc[0]
    assert at.button(key="data_confirm").disabled
    at.button(key="data_confirm").click().run()  # a disabled button does nothing
    assert _totals(small_ws) == before


@pytest.mark.parametrize("merge", [True, False])
def test_name_match_merges_only_when_ticked(small_ws, merge):  # noqa: F811
    actors = _store(small_ws).counts()["nodes"]["Actor"]
    at = base._open(PAGE, "en")
    _send(at, [("same_name.csv", SAME_NAME_CSV)])
    boxes = [c for c in at.checkbox if "Actor:kades_mongpok" in c.label]
    assert len(boxes) == 1 and "Actor:kades_baru" in boxes[0].label
    if merge:
        boxes[0].check().run()
        assert _counts(at, "en")["nodes"] == {"added": 0, "updated": 1, "unchanged": 0}
    else:
        assert _counts(at, "en")["nodes"] == {"added": 1, "updated": 0, "unchanged": 0}
    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    store = _store(small_ws)
    head = store.get_node("Actor", "kades_mongpok")
    if merge:
        assert store.counts()["nodes"]["Actor"] == actors
        assert store.get_node("Actor", "kades_baru") is None
        assert head["description"] == "Diperbarui dari unggahan"
    else:
        assert store.counts()["nodes"]["Actor"] == actors + 1
        assert store.get_node("Actor", "kades_baru")["name"] == "Kepala Desa Mongpok"
        assert head["description"] != "Diperbarui dari unggahan"


def test_oversize_upload_is_refused_with_the_limit(small_ws, monkeypatch):  # noqa: F811
    monkeypatch.setenv("JEJARING_UPLOAD_MAX_MB", "0.001")  # 1 kB: the example is larger
    before = _totals(small_ws)
    at = base._open(PAGE, "id")
    _send(at, [(EXAMPLE.name, EXAMPLE.read_bytes())])
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "JEJARING_UPLOAD_MAX_MB" in errors[0], errors
    assert "1 kB" in errors[0] and EXAMPLE.name in errors[0], errors
    assert not at.get("button") or "data_confirm" not in [b.key for b in at.button]
    assert _totals(small_ws) == before


def test_empty_first_needs_its_confirmation_then_holds_only_the_file(small_ws):  # noqa: F811
    at = base._open(PAGE, "en")
    _send(at, [(EXAMPLE.name, EXAMPLE.read_bytes())])
    at.toggle(key="data_empty_first").set_value(True).run()
    assert at.button(key="data_confirm").disabled  # not without the confirmation box
    at.checkbox(key="data_empty_confirm").check().run()
    assert not at.button(key="data_confirm").disabled
    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    labels, types = _example_counts()
    counts = _store(small_ws).counts()
    assert counts["nodes"] == dict(labels)
    assert counts["relationships"] == dict(types_in_schema(types))


def types_in_schema(types: Counter) -> Counter:
    """The example writes one row in Kumu's lower case (``collaborates_with``)."""
    return Counter({k.upper(): v for k, v in types.items()})


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_template_downloads_are_labelled_and_fictional(small_ws, lang):  # noqa: F811
    at = base._open(PAGE, lang)
    labels = [b.proto.label for b in at.get("download_button")]
    for name in (
        "template.xlsx",
        "template_elements.csv",
        "template_connections.csv",
        "contoh_desa_fiktif.xlsx",
        "contoh_desa_fiktif_elements.csv",
        "contoh_desa_fiktif_connections.csv",
    ):
        assert name in labels, labels
    bold = [m.value for m in at.markdown]
    assert f"**{t('data.template.example_xlsx', lang)}**" in bold
    assert t("data.template.fictional", lang) in [c.value for c in at.caption]
    assert t("data.upload_intro", lang, limit="20 MB") in [c.value for c in at.caption]


def test_missing_template_says_how_to_write_it(small_ws, tmp_path, monkeypatch):  # noqa: F811
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "template.xlsx").write_bytes(
        (template_files.TEMPLATE_DIR / "template.xlsx").read_bytes()
    )
    monkeypatch.setattr(template_files, "TEMPLATE_DIR", folder)
    at = base._open(PAGE, "en")
    infos = [i.value for i in at.info]
    assert len(infos) == 5 and all("python -m loaders.templates" in i for i in infos), infos
    assert "template.xlsx" in [b.proto.label for b in at.get("download_button")]


# -- ui.upload without the page -------------------------------------------------------------
def test_receive_checks_types_empty_files_and_the_total_size():
    assert receive([]) == Refused("nothing")
    assert receive([("x.exe", b"MZ")], limit=MB).reason == "type"
    assert receive([("a.csv", b"")], limit=MB).reason == "empty"
    assert receive([("a.csv", b"x"), ("dir/a.csv", b"y")], limit=MB).reason == "twice"
    refused = receive([("a.csv", b"x" * 600), ("b.csv", b"y" * 600)], limit=1000)
    assert refused.reason == "too_large" and "a.csv" in refused.params["files"]
    got = receive([("../../etc/a.csv", b"id\n"), ("C:\\x\\b.json", b"{}")], limit=MB)
    assert isinstance(got, Upload) and got.names == ["a.csv", "b.json"]
    assert got.digest == receive([("a.csv", b"id\n"), ("b.json", b"{}")], limit=MB).digest


def test_upload_limit_setting(monkeypatch):
    from ui.upload import upload_limit

    monkeypatch.setenv("JEJARING_UPLOAD_MAX_MB", "2.5")
    assert upload_limit() == int(2.5 * MB)
    for bad in ("many", "0", "-1"):
        monkeypatch.setenv("JEJARING_UPLOAD_MAX_MB", bad)
        with pytest.raises(ValueError, match="JEJARING_UPLOAD_MAX_MB"):
            upload_limit()


def test_files_live_only_in_a_temporary_folder_that_is_removed(tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    workspace = tmp_path / "ws"
    store = MemoryStore.in_workspace(workspace)
    upload = receive([(EXAMPLE.name, EXAMPLE.read_bytes())], limit=20 * MB)
    seen = []
    with staged(upload) as files:
        seen = [p for p in scratch.rglob("*") if p.is_file()]
        assert [n for n, _ in files] == [EXAMPLE.name]
    assert [p.name for p in seen] == [EXAMPLE.name]
    assert list(scratch.iterdir()) == []
    with pytest.raises(RuntimeError), staged(upload):
        raise RuntimeError("the import failed")
    assert list(scratch.iterdir()) == []
    preview_upload(upload, store)
    applied = apply_upload(upload, store)
    assert applied.ok and list(scratch.iterdir()) == []
    assert sorted(p.name for p in workspace.iterdir() if not p.name.startswith(".")) == [
        "graph.json"
    ]


def test_empty_first_restores_the_store_when_the_write_fails(tmp_path):
    store = MemoryStore.in_workspace(tmp_path / "ws")
    base._small_graph(store)
    before_nodes, before_rels = store.nodes(), store.relationships()
    upload = receive([(EXAMPLE.name, EXAMPLE.read_bytes())], limit=20 * MB)

    class Failing(MemoryStore):
        calls = 0

        def apply(self, nodes, relationships):
            Failing.calls += 1
            if Failing.calls == 1:
                raise OSError("disk full")
            return super().apply(nodes, relationships)

    failing = Failing(store.path)
    applied = apply_upload(upload, failing, empty_first=True)
    assert not applied.ok and "disk full" in applied.error
    key = lambda r: (r.get("type", r.get("label")), r.get("start", r.get("id")), r.get("end"))  # noqa: E731
    again = MemoryStore(store.path)
    assert sorted(map(key, again.nodes())) == sorted(map(key, before_nodes))
    assert sorted(map(key, again.relationships())) == sorted(map(key, before_rels))


def test_bad_upload_with_empty_first_touches_nothing(tmp_path):
    store = MemoryStore.in_workspace(tmp_path / "ws")
    base._small_graph(store)
    before = store.counts()
    applied = apply_upload(receive([("bad.csv", BAD_CSV)], limit=MB), store, empty_first=True)
    assert not applied.ok and not applied.emptied and applied.report.errors
    assert store.counts() == before
