"""Tables as CSV files that spreadsheets and pandas read as numbers.

The bytes start with the UTF-8 byte order mark, so Excel opens Indonesian and accented names
as UTF-8 instead of guessing a legacy code page; numbers use a dot for decimals (pandas and
every CSV reader's default) and are rounded to :data:`DECIMALS` places, so 0.30407523510971787
is written 0.3041; flags are written 1 and 0. ``pandas.read_csv`` skips the mark.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["DECIMALS", "csv_bytes"]

DECIMALS = 4  # places after the dot for every non-integer number


def csv_bytes(frame: pd.DataFrame, decimals: int = DECIMALS) -> bytes:
    """``frame`` as CSV bytes: UTF-8 with a byte order mark, no index, floats rounded.

    >>> csv_bytes(pd.DataFrame({"a": [0.30407523510971787], "ok": [True]}))
    b'\\xef\\xbb\\xbfa,ok\\n0.3041,1\\n'
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_bool_dtype(values):
            out[column] = values.astype(int)
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(decimals)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
