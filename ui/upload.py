"""Uploads of the Data page, without Streamlit: the size limit, a temporary folder, the
preview and the all-or-nothing write.

The page hands over what the browser sent as ``(file name, bytes)`` pairs (:func:`receive`);
everything after that is plain Python, so the tests drive it as the page does. An upload is
only ever written to disk inside a temporary folder (:func:`staged`) that is removed when the
preview or the write is done, whatever happens; nothing else of it reaches the workspace.
Reading, checking and planning are :func:`loaders.importer.preview_import`; writing is
:func:`loaders.importer.apply_import` (one ``store.apply``).
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import settings
from graph.memory_store import MemoryStore
from graph.store import GraphStore
from loaders.importer import ImportReport, apply_import, preview_import

__all__ = [
    "ACCEPTED",
    "MB",
    "Upload",
    "Refused",
    "Applied",
    "upload_limit",
    "human_size",
    "receive",
    "staged",
    "preview_upload",
    "apply_upload",
]

# what the uploader offers: the importer's formats (zip = the CSV export of this page)
ACCEPTED = ("csv", "xlsx", "graphml", "gexf", "json", "zip")
MB = 1024 * 1024  # Streamlit's server.maxUploadSize counts megabytes of 1024 * 1024 bytes
PairSet = Collection[tuple[str, str]]


@dataclass(frozen=True)
class Upload:
    """The files of one upload, checked against the limit, and a digest that names them."""

    files: tuple[tuple[str, bytes], ...]
    digest: str

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.files]

    @property
    def size(self) -> int:
        return sum(len(data) for _, data in self.files)


@dataclass(frozen=True)
class Refused:
    """Why an upload was not taken: ``reason`` is a key of the page's strings
    (``data.refused.<reason>``), ``params`` fill it in."""

    reason: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Applied:
    """The outcome of a confirmed upload: the importer's report and the counts around it."""

    report: ImportReport | None  # None when the store failed before a report was made
    before: dict[str, dict[str, int]]
    after: dict[str, dict[str, int]]
    emptied: bool = False
    error: str = ""  # a failure of the store while writing (nothing of the upload was kept)

    @property
    def ok(self) -> bool:
        return not self.error and self.report is not None and self.report.ok


def upload_limit() -> int:
    """The largest upload in bytes (setting ``JEJARING_UPLOAD_MAX_MB``)."""
    raw = settings.get("JEJARING_UPLOAD_MAX_MB").strip()
    try:
        megabytes = float(raw)
    except ValueError:
        raise ValueError(
            f"JEJARING_UPLOAD_MAX_MB must be a number of megabytes, got {raw!r}"
        ) from None
    if not megabytes > 0:
        raise ValueError(f"JEJARING_UPLOAD_MAX_MB must be more than 0, got {raw!r}")
    return int(megabytes * MB)


def human_size(size: int) -> str:
    """``20 MB``, ``1.5 MB``, ``12 kB``: sizes as the page states limits and files."""
    if size >= MB:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    return f"{max(size / 1024, 0.1):.1f}".removesuffix(".0") + " kB"


def receive(files: Sequence[tuple[str, bytes]], limit: int | None = None) -> Upload | Refused:
    """Check what the browser sent: known file types, no empty file, the size limit (all
    files together). Only the base name of a file is kept (a browser sends no folders)."""
    limit = upload_limit() if limit is None else limit
    if not files:
        return Refused("nothing")
    kept: list[tuple[str, bytes]] = []
    for raw_name, data in files:
        name = Path(str(raw_name).replace("\\", "/")).name.strip()
        suffix = Path(name).suffix.lower().lstrip(".")
        if not name or suffix not in ACCEPTED:
            return Refused("type", {"name": name or "?", "accepted": ", ".join(ACCEPTED)})
        if not data:
            return Refused("empty", {"name": name})
        if name in {n for n, _ in kept}:
            return Refused("twice", {"name": name})
        kept.append((name, bytes(data)))
    total = sum(len(d) for _, d in kept)
    if total > limit:
        sizes = ", ".join(f"{n} {human_size(len(d))}" for n, d in kept)
        return Refused(
            "too_large", {"size": human_size(total), "limit": human_size(limit), "files": sizes}
        )
    digest = hashlib.sha256()
    for name, data in kept:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return Upload(tuple(kept), digest.hexdigest()[:16])


@contextlib.contextmanager
def staged(upload: Upload) -> Iterator[list[tuple[str, bytes]]]:
    """The upload written into a new temporary folder and read back from there as the
    importer's ``(name, bytes)`` list; the folder and its files are removed on leaving,
    also when the import fails."""
    with tempfile.TemporaryDirectory(prefix="jejaring-upload-") as folder:
        root = Path(folder)
        paths = []
        for name, data in upload.files:
            path = root / name  # a base name (see receive): it cannot leave the folder
            path.write_bytes(data)
            paths.append(path)
        yield [(p.name, p.read_bytes()) for p in paths]


def preview_upload(
    upload: Upload,
    store: GraphStore,
    *,
    confirmed: PairSet = frozenset(),
    empty_first: bool = False,
) -> ImportReport:
    """What importing ``upload`` would do (nothing is written). With ``empty_first`` the plan
    is made against an empty store: every record is new and no name can match."""
    target = MemoryStore() if empty_first else store
    with staged(upload) as files:
        return preview_import(files, target, match_names=set(confirmed)).report


def apply_upload(
    upload: Upload,
    store: GraphStore,
    *,
    confirmed: PairSet = frozenset(),
    empty_first: bool = False,
) -> Applied:
    """Import ``upload`` into ``store``, all or nothing.

    Without ``empty_first`` this is one :func:`apply_import`: the plan is made again against
    the store as it is now, and nothing is written when it has an error. With
    ``empty_first`` the files are checked against an empty store first (nothing is touched
    when that fails); then the store's records are kept in memory, the store is emptied and
    the import written; should that write fail, the kept records are written back.
    """
    before = store.counts()
    with staged(upload) as files:
        if not empty_first:
            try:
                report = apply_import(files, store, match_names=set(confirmed))
            except Exception as exc:  # noqa: BLE001 - the store's own error, shown on the page
                return Applied(None, before, before, error=str(exc))
            return Applied(report, before, store.counts())
        check = preview_import(files, MemoryStore()).report
        if not check.ok:
            return Applied(check, before, before, emptied=False)
        kept_nodes, kept_rels = store.nodes(), store.relationships()
        store.clear()
        try:
            report = apply_import(files, store)
            if not report.ok:  # cannot happen on an empty store, but never leave it empty
                raise RuntimeError("; ".join(str(p) for p in report.errors[:3]))
        except Exception as exc:  # noqa: BLE001 - restore what was there, then report
            store.clear()
            store.apply(kept_nodes, kept_rels)
            return Applied(None, before, store.counts(), error=str(exc))
        return Applied(report, before, store.counts(), emptied=True)
