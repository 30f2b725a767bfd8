"""Data quality of a source's figures: its own claims recomputed, ambiguous and conflicting values.

A ``Claim`` node records what a source asserts about its figures (a rank, a total, a comparison)
and a ``check`` mapping that says how to recompute it from the ``Observation`` nodes; the
vocabulary is documented at the top of ``data/case_study/claims.yaml``. :func:`check_claims`
evaluates every check and reports, per claim, what was asserted, what the figures give and
whether the claim holds (``None`` when it cannot be checked, with the reason). Nothing is
corrected: the report shows where a source and its own numbers disagree.

All functions take a NetworkX view of the graph (``store.to_networkx()``, node keys
``Label:id``) and return DataFrames; none prints or imports Streamlit.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

import settings

__all__ = [
    "CLAIM_COLUMNS",
    "OPS",
    "check_claims",
    "evaluate_check",
    "ambiguous_numbers",
    "conflicting_values",
    "default_reference_dir",
]

CLAIM_COLUMNS = (
    "claim",
    "name",
    "name_en",
    "claim_kind",
    "op",
    "asserted",
    "expected",
    "computed",
    "holds",
    "reason",
    "detail",
    "description",
    "description_en",
)
EPSILON = 1e-9  # float sums such as 0.1 + 0.2 must still equal what was printed


class NotCheckable(Exception):
    """A check cannot be evaluated; ``reason`` is a short code the UI translates."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def default_reference_dir() -> Path:
    """Folder of the reference tables (the taxonomy's folder, ``../shared/data`` by default)."""
    return Path(settings.get("JEJARING_TAXONOMY")).parent


# -- reading observations -----------------------------------------------------------------


class _Figures:
    """Observations of a graph, looked up by key and by table cell."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.by_key = {
            key: data for key, data in graph.nodes(data=True) if data.get("label") == "Observation"
        }

    def node(self, ref: str) -> Mapping[str, Any]:
        node = self.by_key.get(ref) or self.by_key.get(f"Observation:{ref}")
        if node is None:
            raise NotCheckable("missing_observation", ref)
        return node

    def value(self, ref: str) -> float:
        value = self.node(ref).get("value")
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise NotCheckable("no_value", ref)
        return float(value)

    def table_column(self, check: Mapping[str, Any], column: str) -> list[Mapping[str, Any]]:
        rows = [
            n
            for n in self.by_key.values()
            if n.get("table") == check.get("table")
            and n.get("column") == column
            and not (check.get("exclude_printed_total") and n.get("printed_total"))
        ]
        if not rows:
            raise NotCheckable("missing_observation", f"{check.get('table')} / {column}")
        return rows


def _columns(check: Mapping[str, Any]) -> list[str]:
    return list(check.get("columns") or [check.get("column")])


def _num(x: float) -> str:
    """A number as short as it reads (27.2, 1673), for the formulas in ``detail``."""
    return f"{x:.6g}" if isinstance(x, float) else str(x)


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance + EPSILON


# -- one evaluator per op ---------------------------------------------------------------------
# Each returns (computed, holds, detail); ``computed`` is what the figures give.

Result = tuple[Any, bool, str]


def _position(subject: float, others: Sequence[float], order: str) -> int:
    """1-based position; ties share the better position."""
    better = [v for v in others if (v < subject if order == "asc" else v > subject)]
    return 1 + len(better)


def _rank(check: Mapping[str, Any], figs: _Figures, _ref: Path) -> Result:
    order = str(check.get("order", "asc"))
    expected = int(check["expected"])
    if "table" in check:
        positions, details = [], []
        for column in _columns(check):
            rows = figs.table_column(check, column)
            subject = [r for r in rows if r.get("row") == check.get("row")]
            if not subject:
                raise NotCheckable("missing_observation", f"{check.get('row')} / {column}")
            value = float(subject[0]["value"])
            pos = _position(value, [float(r["value"]) for r in rows], order)
            ahead = [r.get("row") for r in rows if r.get("row") in (check.get("above") or [])]
            positions.append(pos)
            details.append(
                f"{column}: {pos}/{len(rows)}" + (f" ({', '.join(ahead)})" if ahead else "")
            )
        computed = positions[0] if len(set(positions)) == 1 else positions
        return computed, all(p == expected for p in positions), "; ".join(details)
    subject = figs.value(check["subject"])
    others = [figs.value(r) for r in check.get("among", [])]
    pos = _position(subject, [subject, *others], order)
    return pos, pos == expected, f"{pos}/{len(others) + 1} ({order})"


def _selection_values(check: Mapping[str, Any], figs: _Figures) -> list[list[float]]:
    """The numbers a sum adds up: one list per table column, or one list of ``among``/``values``."""
    if "values" in check:
        return [[float(v) for v in check["values"]]]
    if "among" in check:
        return [[figs.value(r) for r in check["among"]]]
    if "table" in check:
        return [[float(r["value"]) for r in figs.table_column(check, c)] for c in _columns(check)]
    raise NotCheckable("bad_check", "sum needs values, among or table")


def _sum(check: Mapping[str, Any], figs: _Figures, _ref: Path) -> Result:
    expected = float(check["expected"])
    tolerance = float(check.get("tolerance", 0))
    sums = [sum(values) for values in _selection_values(check, figs)]
    holds = all(_close(s, expected, tolerance) for s in sums)
    computed = sums[0] if len(sums) == 1 else sums
    parts = _selection_values(check, figs)[0]
    detail = (
        " + ".join(_num(v) for v in parts) if len(parts) <= 6 else f"{len(parts)} rows"
    ) + f" = {', '.join(_num(s) for s in sums)}"
    if check.get("printed_total"):
        detail += f"; printed total {_num(figs.value(check['printed_total']))}"
    return _int_if_whole(computed), holds, detail


_RELATIONS: dict[str, Callable[[float, float], bool]] = {
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "eq": lambda a, b: abs(a - b) <= EPSILON,
}
_SYMBOLS = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "="}


def _compare(check: Mapping[str, Any], figs: _Figures, _ref: Path) -> Result:
    relation = check.get("relation")
    if relation not in _RELATIONS:
        raise NotCheckable("bad_check", f"relation {relation!r}")
    left_ref = check["left"]
    left = (
        sum(figs.value(r) for r in left_ref) if isinstance(left_ref, list) else figs.value(left_ref)
    )
    if "right_value" in check:
        rights = [(str(check.get("right_label", "")), float(check["right_value"]))]
    else:
        refs = check["right"] if isinstance(check["right"], list) else [check["right"]]
        rights = [(r, figs.value(r)) for r in refs]
    results = [(ref, value, _RELATIONS[relation](left, value)) for ref, value in rights]
    computed = all(ok for _, _, ok in results)
    symbol = _SYMBOLS[relation]
    detail = "; ".join(
        f"{_num(left)} {symbol} {_num(v)}: {'✓' if ok else '✗'}" for _, v, ok in results
    )
    return computed, computed == bool(check["expected"]), detail


def _difference(check: Mapping[str, Any], figs: _Figures, _ref: Path) -> Result:
    a, b = figs.value(check["minuend"]), figs.value(check["subtrahend"])
    computed = round(a - b, 6)
    holds = _close(computed, float(check["expected"]), float(check.get("tolerance", 0)))
    return computed, holds, f"{_num(a)} − {_num(b)} = {_num(computed)}"


def _period_key(node: Mapping[str, Any]) -> str:
    return str(node.get("date") or node.get("year") or "")


def _trend(check: Mapping[str, Any], figs: _Figures, _ref: Path) -> Result:
    nodes = sorted((figs.node(r) for r in check["series"]), key=_period_key)
    values = [float(n["value"]) for n in nodes]
    pairs = list(zip(values, values[1:], strict=False))
    if check.get("direction") == "increasing":
        computed = all(b > a for a, b in pairs)
    else:
        computed = all(b < a for a, b in pairs)
    detail = " → ".join(
        f"{_num(v)} ({_period_key(n)})" for v, n in zip(values, nodes, strict=False)
    )
    return computed, computed == bool(check["expected"]), detail


def _count(check: Mapping[str, Any], _figs: _Figures, reference_dir: Path) -> Result:
    if "items" in check:
        computed = len(check["items"])
        return computed, computed == int(check["expected"]), f"{computed} items"
    ref = check.get("reference") or {}
    path = reference_dir / str(ref.get("file", ""))
    if not path.is_file():
        raise NotCheckable("missing_reference", str(ref.get("file", "")))
    with path.open(encoding="utf-8", newline="") as fh:
        computed = sum(
            1
            for row in csv.DictReader(fh)
            if str(row.get("level")) == str(ref.get("level"))
            and str(row.get("kode", "")).startswith(str(ref.get("code_prefix", "")))
        )
    detail = f"{ref.get('file')}: level {ref.get('level')}, {ref.get('code_prefix')}* = {computed}"
    return computed, computed == int(check["expected"]), detail


def _int_if_whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_int_if_whole(v) for v in value]
    return value


def _ratio(check: Mapping[str, Any], figs: _Figures, _ref: Path) -> Result:
    num, den = figs.value(check["numerator"]), figs.value(check["denominator"])
    computed = f"{_num(_int_if_whole(num))}:{_num(_int_if_whole(den))}"
    return computed, computed == str(check["expected"]).replace(" ", ""), computed


def _share(check: Mapping[str, Any], figs: _Figures, _ref: Path) -> Result:
    part, whole = figs.value(check["part"]), figs.value(check["whole"])
    if whole == 0:
        raise NotCheckable("bad_check", "whole is 0")
    computed = round(100 * part / whole, 4)
    holds = _close(computed, float(check["expected"]), float(check.get("tolerance", 0)))
    return computed, holds, f"100 × {_num(part)} / {_num(whole)} = {_num(computed)}"


OPS: dict[str, Callable[[Mapping[str, Any], _Figures, Path], Result]] = {
    "rank": _rank,
    "sum": _sum,
    "compare": _compare,
    "difference": _difference,
    "trend": _trend,
    "count": _count,
    "ratio": _ratio,
    "share": _share,
}


def _decoded(check: Any) -> Any:
    """A claim's check as a mapping (the Neo4j store keeps mappings as JSON text)."""
    if isinstance(check, str):
        try:
            return json.loads(check)
        except ValueError:
            return None
    return check


def evaluate_check(
    check: Mapping[str, Any], graph: nx.MultiDiGraph, *, reference_dir: Path | None = None
) -> dict[str, Any]:
    """Recompute one check: ``{"computed", "holds", "reason", "detail"}``.

    ``holds`` is True or False when the figures decide it, None when they cannot (``reason``
    then says why: ``missing_observation``, ``missing_reference``, ``unknown_op``, ``bad_check``,
    ``no_value``).

    >>> g = nx.MultiDiGraph()
    >>> evaluate_check({"op": "sum", "values": [4, 2, 3, 2], "expected": 10}, g)["computed"]
    11
    """
    op = check.get("op") if isinstance(check, Mapping) else None
    evaluator = OPS.get(str(op))
    if evaluator is None:
        return {"computed": None, "holds": None, "reason": "unknown_op", "detail": str(op)}
    try:
        computed, holds, detail = evaluator(
            check, _Figures(graph), reference_dir or default_reference_dir()
        )
    except NotCheckable as exc:
        return {"computed": None, "holds": None, "reason": exc.reason, "detail": exc.detail}
    except (KeyError, TypeError, ValueError) as exc:  # a check missing a field it needs
        return {"computed": None, "holds": None, "reason": "bad_check", "detail": str(exc)}
    return {"computed": computed, "holds": bool(holds), "reason": "computed", "detail": detail}


def check_claims(graph: nx.MultiDiGraph, *, reference_dir: Path | None = None) -> pd.DataFrame:
    """Every Claim of the graph with its check recomputed, one row each (columns CLAIM_COLUMNS).

    Rows come in claim-id order; ``holds`` is True, False or None (not checkable).
    """
    rows = []
    for _key, node in sorted(graph.nodes(data=True)):
        if node.get("label") != "Claim":
            continue
        check = _decoded(node.get("check")) or {}
        result = evaluate_check(check, graph, reference_dir=reference_dir)
        rows.append(
            {
                "claim": node.get("id"),
                "name": node.get("name"),
                "name_en": node.get("name_en"),
                "claim_kind": node.get("claim_kind"),
                "op": check.get("op") if isinstance(check, Mapping) else None,
                "asserted": node.get("asserted"),
                "expected": str(check.get("expected")) if isinstance(check, Mapping) else None,
                "computed": None if result["computed"] is None else str(result["computed"]),
                "holds": result["holds"],
                "reason": result["reason"],
                "detail": result["detail"],
                "description": node.get("description"),
                "description_en": node.get("description_en"),
            }
        )
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    frame["holds"] = frame["holds"].astype("object")  # keep None apart from False
    return frame


# -- ambiguous and conflicting figures --------------------------------------------------------


def _linked(graph: nx.MultiDiGraph, key: str, rel_type: str) -> str | None:
    for _, end, k in graph.out_edges(key, keys=True):
        if k == rel_type:
            return graph.nodes[end].get("id")
    return None


def ambiguous_numbers(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Observations whose printed form reads more than one way (they carry ``ambiguity``)."""
    rows = [
        {
            "observation": node.get("id"),
            "name": node.get("name"),
            "name_en": node.get("name_en"),
            "value_text": node.get("value_text"),
            "value": node.get("value"),
            "ambiguity": node.get("ambiguity"),
        }
        for _key, node in sorted(graph.nodes(data=True))
        if node.get("label") == "Observation" and node.get("ambiguity")
    ]
    columns = ["observation", "name", "name_en", "value_text", "value", "ambiguity"]
    return pd.DataFrame(rows, columns=columns)


def conflicting_values(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Observations that give different values for one place, indicator and period.

    Targets and printed totals are left out (a total is not a second measurement of a place);
    the rows of one conflict share a ``group`` number so a table can show them together.
    """
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for key, node in graph.nodes(data=True):
        if node.get("label") != "Observation" or node.get("target") or node.get("printed_total"):
            continue
        place = _linked(graph, key, "OBSERVED_IN")
        indicator = _linked(graph, key, "OBSERVED_FOR")
        period = _period_key(node)
        if place and indicator and period:
            groups[(place, indicator, period)].append(node)
    rows = []
    conflicts = [g for g in sorted(groups) if len({n.get("value") for n in groups[g]}) > 1]
    for number, (place, indicator, period) in enumerate(conflicts, start=1):
        for node in sorted(groups[(place, indicator, period)], key=lambda n: str(n.get("id"))):
            rows.append(
                {
                    "group": number,
                    "place": place,
                    "indicator": indicator,
                    "period": period,
                    "observation": node.get("id"),
                    "value": node.get("value"),
                    "value_text": node.get("value_text"),
                    "instrument": node.get("instrument"),
                }
            )
    columns = [
        "group",
        "place",
        "indicator",
        "period",
        "observation",
        "value",
        "value_text",
        "instrument",
    ]
    return pd.DataFrame(rows, columns=columns)


# -- evidence per paragraph --------------------------------------------------------------------


def _locators(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    evidence = _decoded(record.get("evidence")) or []
    return [loc for loc in evidence if isinstance(loc, Mapping)]


def records_by_paragraph(
    graph: nx.MultiDiGraph, source_id: str, section: str
) -> dict[int, list[str]]:
    """Which nodes and links cite each paragraph of one section of a source.

    Nodes appear as ``Label:id``, links as ``TYPE Label:id -> Label:id``; a locator without its
    own ``source`` belongs to the graph's only source, as the dataset's shorthand allows.
    """
    cited: dict[int, list[str]] = defaultdict(list)

    def add(record: Mapping[str, Any], name: str) -> None:
        for loc in _locators(record):
            if loc.get("source", source_id) == source_id and loc.get("section") == section:
                try:
                    cited[int(loc.get("paragraph"))].append(name)
                except (TypeError, ValueError):
                    continue

    for key, node in graph.nodes(data=True):
        add(node, str(key))
    for start, end, rel_type, data in graph.edges(keys=True, data=True):
        add(data, f"{rel_type} {start} -> {end}")
    return {number: sorted(set(names)) for number, names in cited.items()}
