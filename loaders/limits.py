"""The caps of one import: file size, unpacked size, compression ratio, rows, columns, nesting.

Every stage of an import reads the same :class:`Limits`, taken once from the settings when the
import starts (:func:`limits`): the byte checks of ``loaders.safety`` and the readers of
``loaders.formats``. The ``JEJARING_IMPORT_*`` settings change them (see ``settings.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import settings

__all__ = ["Limits", "limits"]


@dataclass(frozen=True)
class Limits:
    """The caps of one import (from the ``JEJARING_IMPORT_*`` settings)."""

    max_bytes: int = 50_000_000
    max_unpacked: int = 200_000_000
    max_ratio: int = 100
    max_rows: int = 200_000
    max_columns: int = 200
    max_depth: int = 64


def limits() -> Limits:
    """The caps as the settings give them now (environment, secrets file, defaults)."""

    def number(name: str, default: int) -> int:
        try:
            value = int(str(settings.get(name)).strip())
        except ValueError:
            return default
        return value if value > 0 else default

    base = Limits()
    return Limits(
        max_bytes=number("JEJARING_IMPORT_MAX_BYTES", base.max_bytes),
        max_unpacked=number("JEJARING_IMPORT_MAX_UNPACKED", base.max_unpacked),
        max_ratio=number("JEJARING_IMPORT_MAX_RATIO", base.max_ratio),
        max_rows=number("JEJARING_IMPORT_MAX_ROWS", base.max_rows),
        max_columns=number("JEJARING_IMPORT_MAX_COLUMNS", base.max_columns),
        max_depth=number("JEJARING_IMPORT_MAX_DEPTH", base.max_depth),
    )
