"""Text files in the encodings people's tools write: UTF-8 (with or without BOM), UTF-16 with
BOM, Windows-1252 (what Excel on Windows writes), and the problems of a file that mixes them."""

from __future__ import annotations

import re

from loaders.import_records import ERROR, ImportProblem

__all__ = ["decode_bytes", "encoding_problem", "mixed_encoding"]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def encoding_problem(file: str, data: bytes, exc: UnicodeDecodeError) -> ImportProblem:
    """The problem of a file whose byte-order mark promises an encoding its bytes break."""
    line = data.count(b"\n", 0, exc.start) + 1
    return ImportProblem(
        file,
        "",
        line,
        "",
        f"starts with a {exc.encoding} byte-order mark but byte {exc.start + 1} (line {line}) "
        f"is not {exc.encoding}: save the file again as CSV UTF-8",
        ERROR,
        "encoding",
    )


def mixed_encoding(data: bytes) -> tuple[int, int] | None:
    """``(line that is not UTF-8, line that is)`` when a file mixes UTF-8 with another
    encoding (e.g. rows pasted from a Windows-1252 file into a UTF-8 one), else None."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        bad = exc.start
    good = _UTF8_SEQUENCE.search(data)
    if good is None:
        return None
    return data.count(b"\n", 0, bad) + 1, data.count(b"\n", 0, good.start()) + 1
