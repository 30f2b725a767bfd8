"""The import is a pipeline: for every format, ``apply_import`` checks the bytes, parses,
drafts, plans and applies, each stage once and in that order; the byte checks happen only in
the first stage and each file is read once by its format's reader, in the second."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph.memory_store import MemoryStore
from loaders import formats, pipeline, safety
from loaders.importer import apply_import, preview_import
from tests.import_support import TEMPLATES, seed

STAGES = list(pipeline.STAGES)
SAFETY_CHECKS = ("inspect", "check_archive", "check_xlsx", "_check_xlsx", "_check_zip")


def _exported(fmt: str) -> list[tuple[str, bytes]]:
    store = MemoryStore(None)
    seed(store)
    name = "ekspor.zip" if fmt == "csv" else f"ekspor.{fmt}"
    return [(name, formats.write(store.to_networkx(), fmt))]


FILES: dict[str, Callable[[], list[tuple[str, bytes]]]] = {
    "csv": lambda: [
        (f, (TEMPLATES / f).read_bytes())
        for f in ("contoh_desa_fiktif_elements.csv", "contoh_desa_fiktif_connections.csv")
    ],
    "xlsx": lambda: [
        ("contoh_desa_fiktif.xlsx", (TEMPLATES / "contoh_desa_fiktif.xlsx").read_bytes())
    ],
    "zip": lambda: _exported("csv"),
    "graphml": lambda: _exported("graphml"),
    "gexf": lambda: _exported("gexf"),
    "json": lambda: _exported("json"),
}


class _Log:
    """Every stage entered and left, every byte check and every reader call, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, str]] = []
        for name in STAGES:
            monkeypatch.setattr(pipeline, name, self._stage(name, getattr(pipeline, name)))
        for name in SAFETY_CHECKS:
            monkeypatch.setattr(safety, name, self._call("check", name, getattr(safety, name)))
        for fmt, reader in list(formats.READERS.items()):
            monkeypatch.setitem(formats.READERS, fmt, self._call("read", fmt, reader))

    def _stage(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def stage(*args: Any, **kwargs: Any) -> Any:
            self.events.append(("enter", name))
            try:
                return fn(*args, **kwargs)
            finally:
                self.events.append(("leave", name))

        return stage

    def _call(self, kind: str, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.events.append((kind, name))
            return fn(*args, **kwargs)

        return call

    def stages(self) -> list[str]:
        return [name for kind, name in self.events if kind == "enter"]

    def inside(self, stage: str) -> list[tuple[str, str]]:
        """The events between entering and leaving ``stage``."""
        start = self.events.index(("enter", stage))
        end = self.events.index(("leave", stage))
        return self.events[start + 1 : end]


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_each_stage_runs_once_and_in_order(fmt, monkeypatch):
    files = FILES[fmt]()
    log = _Log(monkeypatch)
    report = apply_import(files, MemoryStore(None))
    assert report.ok and report.applied, report.text()
    assert report.formats == [fmt] * len(files)
    assert log.stages() == STAGES
    # stages are not nested: each is left before the next is entered
    assert [kind for kind, _ in log.events if kind in ("enter", "leave")] == [
        "enter",
        "leave",
    ] * len(STAGES)
    checks = [event for event in log.events if event[0] == "check"]
    assert checks and set(checks) <= set(log.inside("check_bytes"))
    assert [name for kind, name in log.events if kind == "check" and name == "inspect"] == [
        "inspect"
    ] * len(files)
    assert [e for e in log.inside("parse_files") if e[0] != "read"] == []
    assert log.inside("parse_files") == [("read", fmt)] * len(files)
    for stage in ("make_drafts", "plan_against_store", "apply_plan"):
        assert log.inside(stage) == [], stage


def test_a_preview_stops_before_applying_and_writes_nothing(monkeypatch):
    store = MemoryStore(None)
    log = _Log(monkeypatch)
    preview = preview_import(FILES["xlsx"](), store)
    assert preview.report.ok and preview.nodes and not preview.report.applied
    assert log.stages() == STAGES[:-1]
    assert store.to_networkx().number_of_nodes() == 0


def test_a_refused_file_still_goes_through_every_stage_once_and_nothing_is_read(monkeypatch):
    store = MemoryStore(None)
    log = _Log(monkeypatch)
    report = apply_import([("desa.xlsx", b"id,label\nx,Actor\n")], store)
    assert not report.ok and not report.applied
    assert "content is a CSV file" in report.errors[0].message
    assert report.errors[0].file == "desa.xlsx"
    assert log.stages() == STAGES
    assert log.inside("parse_files") == []
    assert store.to_networkx().number_of_nodes() == 0
