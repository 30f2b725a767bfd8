"""What an import accepts before any reader looks at a file: size, type by content, limits.

Every file of an import (the CLI's ``import``, the app's Data page) passes :func:`inspect`
first; the Data page can call :func:`check_upload` as soon as a file arrives::

    from loaders.safety import UploadRefused, check_upload

    try:
        fmt = check_upload("desa.xlsx", data)   # "csv", "xlsx", "zip", "graphml", "gexf", "json"
    except UploadRefused as exc:
        show(str(exc))                         # names the file and says what is wrong

The type of a file is told by its content, not only by its name:

- XLSX: the zip signature, a ``[Content_Types].xml`` member, no encryption, and a bounded
  uncompressed size and compression ratio (read from the archive's directory: nothing is
  unpacked to check it, and the zip reader never unpacks more than a member declares);
- zip of CSV files: the same bounds, CSV members only, no member path that leaves the archive;
- GraphML / GEXF: the root element of the XML (``<graphml>`` / ``<gexf>``), with no DOCTYPE;
- JSON: starts as a JSON object or list (the reader parses it with a nesting cap);
- CSV: text in an accepted encoding (UTF-8, UTF-16 with BOM, Windows-1252), no NUL bytes.

A file whose name says one type and whose content is another is refused, and so is a file
larger than ``JEJARING_IMPORT_MAX_BYTES``. The limits are settings (see ``settings.py``);
:func:`~loaders.limits.limits` reads them when an import starts. This is the first stage of
an import (``loaders.pipeline.check_bytes``): the readers of ``loaders.formats`` take only
bytes that passed it. Nothing here, nor in the readers, writes to disk: files are processed as
bytes in memory, and members of a zip are read, never extracted.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath, PureWindowsPath

from loaders.import_records import ERROR, ImportProblem
from loaders.limits import Limits, limits

__all__ = [
    "Limits",
    "UploadRefused",
    "limits",
    "inspect",
    "check_upload",
    "read_file",
    "check_archive",
    "check_xlsx",
    "FORMATS",
    "ACCEPTED_EXTENSIONS",
]

FORMATS = ("csv", "xlsx", "zip", "graphml", "gexf", "json")
ACCEPTED_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".zip": "zip",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
}
_NAMES = {
    "csv": "a CSV file",
    "xlsx": "an XLSX workbook",
    "zip": "a zip of CSV files",
    "graphml": "a GraphML file",
    "gexf": "a GEXF file",
    "json": "a JSON file",
}
MAX_MEMBERS = 1000  # members of an XLSX or zip (a workbook has a few dozen)
RATIO_FLOOR = 1_000_000  # members smaller than this unpack to too little to matter
_PROLOG_MAX = 65_536  # bytes of an XLSX part read to find its root element
_SNIFF = 4096  # bytes looked at to find an XML root element or the start of JSON


class UploadRefused(ValueError):
    """A file an import does not take; ``str()`` names the file and says why."""

    def __init__(self, file: str, message: str, kind: str = "format") -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
        self.kind = kind

    def problem(self) -> ImportProblem:
        return ImportProblem(self.file, "", None, "", self.message, ERROR, self.kind)


def _size(n: int) -> str:
    return f"{n:,} bytes"


# -- archives ------------------------------------------------------------------------------------
def _unsafe_member(name: str) -> bool:
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    return (
        name.startswith(("/", "\\"))
        or posix.is_absolute()
        or windows.is_absolute()
        or bool(windows.drive)
        or ".." in posix.parts
        or ".." in windows.parts
    )


def check_archive(
    data: bytes, file: str, what: str, lim: Limits | None = None
) -> list[zipfile.ZipInfo]:
    """The members of a zip (an XLSX is one) once its directory shows it is safe to read:
    at most :data:`MAX_MEMBERS` members, no encryption, no member path leaving the archive, a
    total uncompressed size within ``max_unpacked`` and no large member compressed more than
    ``max_ratio`` : 1. Only the directory is read; nothing is unpacked. Raises
    :class:`UploadRefused`."""
    lim = lim or limits()
    if not data.startswith(b"PK\x03\x04"):
        if data.startswith((b"PK\x05\x06", b"PK\x07\x08")):
            raise UploadRefused(file, f"an empty or split zip archive, not {what}")
        raise UploadRefused(file, f"not {what}: the content is not a zip archive")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UploadRefused(
            file, f"{what} that is truncated or damaged (not a complete zip archive: {exc})"
        ) from exc
    if len(infos) > MAX_MEMBERS:
        raise UploadRefused(file, f"{what} with {len(infos):,} members (at most {MAX_MEMBERS:,})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UploadRefused(file, f"{what} that is password-protected (encrypted)")
        if _unsafe_member(info.filename):
            raise UploadRefused(
                file, f"{what} with a member path outside the archive: {info.filename!r}"
            )
        total += info.file_size
        if total > lim.max_unpacked:
            raise UploadRefused(
                file,
                f"{what} that unpacks to more than {_size(lim.max_unpacked)} "
                "(JEJARING_IMPORT_MAX_UNPACKED)",
                "too_large",
            )
        if info.file_size > RATIO_FLOOR:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > lim.max_ratio:
                raise UploadRefused(
                    file,
                    f"{what} whose member {info.filename!r} is compressed {ratio:,.0f}:1 "
                    f"(at most {lim.max_ratio}:1, JEJARING_IMPORT_MAX_RATIO): "
                    "refused as a possible zip bomb",
                    "too_large",
                )
    return infos


def _check_xlsx(data: bytes, file: str, lim: Limits) -> None:
    infos = check_archive(data, file, "an XLSX workbook", lim)
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise UploadRefused(file, "not an XLSX workbook: a zip archive without [Content_Types].xml")
    if not any(n.startswith("xl/") for n in names):
        raise UploadRefused(
            file, "not an XLSX workbook: an Office file without a workbook (no xl/ part)"
        )
    archive = zipfile.ZipFile(io.BytesIO(data))
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as fh:
                head = fh.read(_PROLOG_MAX)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            raise UploadRefused(
                file, f"an XLSX workbook with a damaged part {info.filename!r}: {exc}"
            ) from exc
        m = _PROLOG.match(head)
        rest = head[m.end() :] if m else head
        if rest[:9].upper() == b"<!DOCTYPE" or b"<!ENTITY" in head.upper():
            raise UploadRefused(
                file,
                f"an XLSX workbook whose part {info.filename!r} has a DOCTYPE (DTD, entities), "
                "which is not accepted",
            )
        if not rest and len(head) == _PROLOG_MAX:
            raise UploadRefused(
                file, f"an XLSX workbook whose part {info.filename!r} has no element in its start"
            )


def check_xlsx(data: bytes, file: str, lim: Limits | None = None) -> None:
    """:func:`check_archive` for a workbook, a ``[Content_Types].xml`` and an ``xl/`` part,
    and no XML part that starts with a DOCTYPE (only the first 64 kB of each part, where an
    XML prolog sits, are unpacked). Raises :class:`UploadRefused`."""
    _check_xlsx(data, file, lim or limits())


def _check_zip(data: bytes, file: str, lim: Limits) -> None:
    infos = check_archive(data, file, "a zip of CSV files", lim)
    if any(i.filename == "[Content_Types].xml" for i in infos):
        raise UploadRefused(
            file, "an Office document (XLSX) named .zip: rename it to .xlsx to import it"
        )
    if not any(i.filename.lower().endswith(".csv") and not i.is_dir() for i in infos):
        raise UploadRefused(file, "the zip holds no .csv file")


# -- text formats ----------------------------------------------------------------------------------
_PROLOG = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?.*?\?>)\s*)*",
    re.DOTALL,
)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _xml_root(data: bytes) -> str | None:
    """The local name of the root element of an XML document, ``"!doctype"`` when a DOCTYPE
    comes first, None when the start does not look like XML."""
    head = data[: _SNIFF * 4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None
    m = _PROLOG.match(head)
    rest = head[m.end() :] if m else head
    if rest[:9].upper() == b"<!DOCTYPE":
        return "!doctype"
    root = _ROOT.match(rest)
    return root.group(2).decode("ascii").lower() if root else None


def _check_xml(data: bytes, file: str, fmt: str) -> None:
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        raise UploadRefused(file, "a DOCTYPE (DTD, entities) is not accepted in XML")
    root = _xml_root(data)
    if root != fmt:
        found = "no XML root element" if root is None else f"the root element <{root}>"
        raise UploadRefused(file, f"not {_NAMES[fmt]}: {found} where <{fmt}> was expected")


def _check_json(data: bytes, file: str) -> None:
    head = data[:_SNIFF]
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(enc, errors="ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"{", b"[")):
        raise UploadRefused(file, "not a JSON file: it does not start with { or [")


def _check_text(data: bytes, file: str) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with BOM: NUL bytes are part of the encoding
    at = data.find(b"\x00")
    if at >= 0:
        line = data.count(b"\n", 0, at) + 1
        raise UploadRefused(
            file,
            f"not a text (CSV) file: a NUL byte at line {line}; save the sheet as CSV "
            "(UTF-8) or upload the workbook as .xlsx",
        )


def _by_content(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            return None
        return "xlsx" if "[Content_Types].xml" in names else "zip"
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json"
    root = _xml_root(data)
    if root in ("graphml", "gexf"):
        return root
    if root is not None or head.startswith(b"<"):
        return None
    if b"\x00" in data[:_SNIFF] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    return "csv"


def inspect(name: str, data: bytes, lim: Limits | None = None) -> str:
    """The format of an uploaded file (``csv``, ``xlsx``, ``zip``, ``graphml``, ``gexf``,
    ``json``) once its size and content show it is one the import takes; raises
    :class:`UploadRefused` naming the file otherwise."""
    lim = lim or limits()
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UploadRefused(name, "the upload is not bytes")
    data = bytes(data)
    if len(data) > lim.max_bytes:
        raise UploadRefused(
            name,
            f"larger than {_size(lim.max_bytes)} ({_size(len(data))}; JEJARING_IMPORT_MAX_BYTES)",
            "too_large",
        )
    if re.search(rb"\S", data) is None:  # no copy of the data, unlike .strip()
        raise UploadRefused(name, "the file is empty")
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    by_name = ACCEPTED_EXTENSIONS.get(suffix)
    if by_name is None:
        if suffix not in ("", ".xml", ".dat", ".bin") and suffix:
            raise UploadRefused(
                name,
                f"files named {suffix} are not imported; import one of: "
                f"{', '.join(sorted(ACCEPTED_EXTENSIONS))}",
            )
        fmt = _by_content(data)
        if fmt is None or (fmt == "csv" and suffix == ".xml"):
            raise UploadRefused(
                name, f"unknown file type; import one of: {', '.join(FORMATS)} (by content)"
            )
    else:
        fmt = by_name
        found = _by_content(data)
        # csv/json: a CSV may start with "[" or "{"; xlsx/zip: told apart below, more clearly
        mismatch = found is not None and found != fmt
        if mismatch and {found, fmt} not in ({"csv", "json"}, {"xlsx", "zip"}):
            raise UploadRefused(
                name, f"named {suffix} but the content is {_NAMES[found]}; rename it"
            )
    if fmt == "xlsx":
        _check_xlsx(data, name, lim)
    elif fmt == "zip":
        _check_zip(data, name, lim)
    elif fmt in ("graphml", "gexf"):
        _check_xml(data, name, fmt)
    elif fmt == "json":
        _check_json(data, name)
    else:
        if data.startswith(b"PK\x03\x04"):
            raise UploadRefused(name, f"named {suffix} but the content is a zip archive")
        _check_text(data, name)
    return fmt


def check_upload(name: str, data: bytes) -> str:
    """Check one uploaded file (name and bytes) before preview: the size limit, the type by
    content, the archive bounds. Returns the format; raises :class:`UploadRefused` (a
    ValueError whose text names the file) when the import would refuse it."""
    return inspect(name, data)


def read_file(path: str | Path, lim: Limits | None = None) -> tuple[str, bytes]:
    """``(file name, bytes)`` of a file on disk for an import, without reading more than
    ``JEJARING_IMPORT_MAX_BYTES`` of it: a larger file raises :class:`UploadRefused` before it
    is read (the CLI's ``import`` uses this)."""
    lim = lim or limits()
    path = Path(path)
    size = path.stat().st_size
    if size > lim.max_bytes:
        raise UploadRefused(
            path.name,
            f"larger than {_size(lim.max_bytes)} ({_size(size)}; JEJARING_IMPORT_MAX_BYTES)",
            "too_large",
        )
    with path.open("rb") as fh:
        data = fh.read(lim.max_bytes + 1)
    return path.name, data
