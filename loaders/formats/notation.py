"""Values written by people and by programs: Indonesian numbers, dates, yes/no, JSON cells.

Numbers written as text follow Indonesian notation (:func:`parse_number`): ``.`` groups
thousands, ``,`` marks decimals: ``1.685`` is 1685, ``39,43`` is 39.43, ``Rp 20 juta`` is
20000000, ``1,5 miliar`` is 1500000000, ``15%`` is 15. ``2,794`` reads as 2.794 with a warning
(in English notation it would be 2794); ``1.5`` and ``1,234.5`` are refused (English notation:
write ``1,5`` and ``1.234,5``). Numbers typed as numbers in a workbook are taken as they are;
XML and JSON attributes use machine notation (:func:`parse_machine_number`).

JSON held in a cell or an attribute is read by :func:`loads_cell`, which caps its nesting at
``JEJARING_IMPORT_MAX_DEPTH`` (:func:`json_depth` counts it without recursion).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from loaders.limits import limits

__all__ = [
    "NumberError",
    "NumberReading",
    "parse_number",
    "parse_machine_number",
    "parse_date",
    "parse_bool",
    "loads_cell",
    "json_depth",
]

_TRUE = {"true", "ya", "yes", "y", "1", "benar", "iya"}
_FALSE = {"false", "tidak", "no", "n", "0", "salah", "bukan"}
_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "januari",
                "februari",
                "maret",
                "april",
                "mei",
                "juni",
                "juli",
                "agustus",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    "pebruari": 2,
    "nopember": 11,
}
_MULTIPLIERS = {
    "ribu": 1_000,
    "rb": 1_000,
    "juta": 1_000_000,
    "jt": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "triliun": 1_000_000_000_000,
}


class NumberError(ValueError):
    """A text that is not a number in Indonesian notation (the message says how to write it)."""


@dataclass(frozen=True)
class NumberReading:
    value: int | float
    warning: str | None = None
    currency: str | None = None


_INT = re.compile(r"^\d+$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_DECIMAL = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+),\d+$")
_EXPONENT = re.compile(r"^(\d+(?:,\d+)?)e([+-]?\d+)$")
_AMBIGUOUS_COMMA = re.compile(r"^\d{1,3},\d{3}$")
_ENGLISH = re.compile(r"^(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)$")


def parse_number(text: str) -> NumberReading:
    """Read a number written in Indonesian notation.

    >>> parse_number("1.685").value, parse_number("39,43").value
    (1685, 39.43)
    >>> parse_number("Rp 20 juta").value, parse_number("Rp 20 juta").currency
    (20000000, 'IDR')
    >>> parse_number("2,794").warning is not None
    True
    """
    raw = str(text)
    s = raw.strip().lower().replace("\u00a0", " ").replace("\u2212", "-")
    currency = None
    if s.startswith("rp"):
        currency = "IDR"
        s = s[2:].lstrip(". ").strip()
    if s.endswith("%"):
        s = s[:-1].strip()
    multiplier = 1
    m = re.match(r"^(.*?)\s*([a-z]+)\.?$", s)
    if m and m.group(2) in _MULTIPLIERS:
        s, multiplier = m.group(1).strip(), _MULTIPLIERS[m.group(2)]
    negative = s.startswith("-")
    if negative:
        s = s[1:].strip()
    warning = None
    value: int | float
    if _INT.match(s):
        value = int(s)
    elif _THOUSANDS.match(s):
        value = int(s.replace(".", ""))
    elif _DECIMAL.match(s):
        value = float(s.replace(".", "").replace(",", "."))
        if _AMBIGUOUS_COMMA.match(s) and multiplier == 1:
            warning = (
                f"{raw.strip()!r} read as {value:g} (Indonesian decimal comma); in English "
                f"notation it would be {int(s.replace(',', ''))}: check the value"
            )
    elif _EXPONENT.match(s):
        mant, exp = _EXPONENT.match(s).groups()
        value = float(f"{mant.replace(',', '.')}e{exp}")
    elif _ENGLISH.match(s):
        raise NumberError(
            f"{raw.strip()!r} is English notation; in Indonesian notation a dot groups thousands "
            f"and a comma marks decimals (write e.g. 1,5 or 1.234,5)"
        )
    else:
        raise NumberError(f"{raw.strip()!r} is not a number (Indonesian notation: 1.685 or 39,43)")
    if multiplier != 1:
        value = value * multiplier
        if float(value).is_integer():
            value = int(value)
    if negative:
        value = -value
    return NumberReading(value, warning, currency)


def parse_machine_number(value: Any) -> int | float:
    """A number in the notation of XML and JSON (``39.43``, ``1e-05``)."""
    s = str(value).strip()
    if re.match(r"^[+-]?\d+$", s):
        return int(s)
    result = float(s)
    if math.isnan(result) or math.isinf(result):
        raise ValueError(f"{s!r} is not a finite number")
    return result


def parse_date(value: Any) -> tuple[str, str | None]:
    """An ISO date text (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and a warning, or ValueError.

    Accepts ISO forms, day/month/year (the Indonesian order) and month names in Bahasa
    Indonesia or English (``17 Agustus 2023``, ``Februari 2023``).
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value), None
    s = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(s, fmt)
            return s, None
        except ValueError:
            continue
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})[T ]", s)
    if m:
        return parse_date("-".join(m.groups()))
    m = re.match(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", s)
    if m:
        day, month, year = (int(g) for g in m.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError as exc:
            raise ValueError(f"{s!r} is not a date: {exc}") from exc
        warning = None
        if day <= 12 and month <= 12 and day != month:
            warning = f"{s!r} read as day/month/year ({iso}), the Indonesian order"
        return iso, warning
    m = re.match(r"^(?:(\d{1,2})\s+)?([a-zA-Z]+)\s+(\d{4})$", s)
    if m and m.group(2).lower() in _MONTHS:
        month, year = _MONTHS[m.group(2).lower()], int(m.group(3))
        if m.group(1):
            return dt.date(year, month, int(m.group(1))).isoformat(), None
        return f"{year:04d}-{month:02d}", None
    raise ValueError(
        f"{s!r} is not a date: write YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or '17 Agustus 2023'"
    )


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes/no (true/false, ya/tidak)")


def loads_cell(text: str) -> Any:
    """JSON text of a cell or attribute; every failure (bad syntax, nesting deeper than
    ``JEJARING_IMPORT_MAX_DEPTH``, a number too long to convert) is a ``json.JSONDecodeError``."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        cap = limits().max_depth
        raise json.JSONDecodeError(f"nested deeper than {cap} levels", text, 0) from None
    except ValueError as exc:
        raise json.JSONDecodeError(str(exc), text, 0) from None
    if text.count("[") + text.count("{") > 8:  # fewer brackets cannot nest past any real cap
        cap = limits().max_depth
        if json_depth(value, cap) > cap:
            raise json.JSONDecodeError(f"nested deeper than {cap} levels", text, 0)
    return value


def json_depth(value: Any, cap: int) -> int:
    """The nesting depth of a parsed JSON value, counted without recursion; stops at ``cap + 1``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (list, dict)):
            continue
        deepest = max(deepest, depth)
        if deepest > cap:
            return deepest
        children: Iterable[Any] = item.values() if isinstance(item, Mapping) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest
