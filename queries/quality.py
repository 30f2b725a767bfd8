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
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

import settings
from queries.overview import instrument_kind

__all__ = [
    "CLAIM_COLUMNS",
    "OPS",
    "check_claims",
    "evaluate_check",
    "ambiguous_numbers",
    "conflicting_values",
    "default_reference_dir",
    "FINDING_COLUMNS",
    "quality_report",
    "number_format_anomalies",
    "indonesian_number",
    "locator_text",
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
    """Observations that give different values for one place, indicator, period and kind of
    instrument (a sample survey and administrative records are never compared as one).

    Targets and printed totals are left out (a total is not a second measurement of a place);
    the rows of one conflict share a ``group`` number so a table can show them together.
    """
    groups: dict[tuple[str, str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for key, node in graph.nodes(data=True):
        if node.get("label") != "Observation" or node.get("target") or node.get("printed_total"):
            continue
        place = _linked(graph, key, "OBSERVED_IN")
        indicator = _linked(graph, key, "OBSERVED_FOR")
        period = _period_key(node)
        if place and indicator and period:
            # a survey and administrative records measure differently: never one quantity
            groups[(place, indicator, period, instrument_kind(node.get("instrument")))].append(node)
    rows = []
    conflicts = [g for g in sorted(groups) if len({n.get("value") for n in groups[g]}) > 1]
    for number, (place, indicator, period, kind) in enumerate(conflicts, start=1):
        for node in sorted(
            groups[(place, indicator, period, kind)], key=lambda n: str(n.get("id"))
        ):
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
                    "instrument_kind": kind,
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
        "instrument_kind",
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


# -- the data-quality report: one finding per problem, with its locator and severity ---------

FINDING_COLUMNS = (
    "category",
    "severity",
    "subject",
    "name",
    "name_en",
    "locator",
    "claim",
    "computed",
    "detail",
)
# What a failing claim's check is about, by its op (a printed total is told apart below).
_CATEGORY_OF_OP = {
    "rank": "rank",
    "sum": "parts_vs_total",
    "count": "parts_vs_total",
    "compare": "comparison",
    "trend": "comparison",
    "difference": "arithmetic",
    "ratio": "arithmetic",
    "share": "arithmetic",
}
SEVERITIES = ("error", "warning", "info")
CATEGORIES = (
    "total_vs_rows",
    "rank",
    "parts_vs_total",
    "comparison",
    "arithmetic",
    "same_quantity_different_values",
    "repeated_name",
    "mixed_series",
    "number_format",
    "ambiguous_value",
    "not_checkable",
)


def locator_text(evidence: Any) -> str:
    """Locators as ``source · section ¶n`` joined by ``; `` (JSON text is decoded first).

    >>> locator_text([{"source": "s", "section": "Hasil", "paragraph": 3}])
    's · Hasil ¶3'
    """
    parts = []
    for loc in _decoded(evidence) or []:
        if isinstance(loc, Mapping):
            parts.append(
                f"{loc.get('source', '')} · {loc.get('section', '')} ¶{loc.get('paragraph', '')}"
            )
    return "; ".join(parts)


def _finding(category: str, severity: str, node: Mapping[str, Any], **values: Any) -> dict:
    return {
        "category": category,
        "severity": severity,
        "subject": f"{node.get('label')}:{node.get('id')}",
        "name": node.get("name"),
        "name_en": node.get("name_en"),
        "locator": locator_text(node.get("evidence")),
        **{k: (None if v is None else str(v)) for k, v in values.items()},
    }


def _referenced(check: Mapping[str, Any]) -> list[str]:
    """Observation references a check names (subject, among, left, right, series, ...)."""
    refs: list[str] = []
    for name in ("subject", "among", "left", "right", "series", "minuend", "subtrahend"):
        value = check.get(name)
        for ref in value if isinstance(value, list) else [value]:
            if isinstance(ref, str) and ref:
                refs.append(ref if ref.startswith("Observation:") else f"Observation:{ref}")
    for name in ("numerator", "denominator", "part", "whole", "printed_total"):
        ref = check.get(name)
        if isinstance(ref, str) and ref:
            refs.append(ref if ref.startswith("Observation:") else f"Observation:{ref}")
    return refs


def _claim_findings(graph: nx.MultiDiGraph, reference_dir: Path | None) -> list[dict]:
    rows = []
    claims = check_claims(graph, reference_dir=reference_dir)
    for claim in claims.itertuples():
        node = graph.nodes.get(f"Claim:{claim.claim}") or {}
        check = _decoded(node.get("check")) or {}
        if claim.holds is False:
            category = _CATEGORY_OF_OP.get(str(claim.op), "comparison")
            if claim.op == "sum" and check.get("printed_total"):
                category = "total_vs_rows"
            rows.append(
                _finding(
                    category,
                    "error",
                    node,
                    claim=claim.asserted,
                    computed=claim.computed,
                    detail=claim.detail,
                )
            )
        elif claim.holds is None:
            rows.append(
                _finding(
                    "not_checkable",
                    "info",
                    node,
                    claim=claim.asserted,
                    computed=None,
                    detail=f"{claim.reason}: {claim.detail}",
                )
            )
        refs = [r for r in _referenced(check) if r in graph]
        # the same place twice in a list meant to name distinct places: one indicator and
        # period, so a series over time (a place in 2020 and 2021) is not a repetition
        places: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for ref in dict.fromkeys(refs):
            obs = graph.nodes[ref]
            place = _linked(graph, ref, "OBSERVED_IN")
            if place and not obs.get("target"):
                indicator = _linked(graph, ref, "OBSERVED_FOR") or ""
                places[(place, indicator, _period_key(obs))].append(
                    str(obs.get("value_text") or obs.get("value"))
                )
        for (place, _indicator, period), values in sorted(places.items()):
            if len(values) > 1 and check.get("op") in ("rank", "compare"):
                place_node = graph.nodes.get(f"Place:{place}") or {}
                rows.append(
                    _finding(
                        "repeated_name",
                        "warning",
                        node,
                        claim=f"{place_node.get('name') or place} × {len(values)} ({period})",
                        computed=", ".join(values),
                        detail=f"Place:{place} appears {len(values)} times in one list",
                    )
                )
        # survey and administrative figures are different measurements, never one series
        kinds = {
            instrument_kind(graph.nodes[r].get("instrument"))
            for r in refs
            if not graph.nodes[r].get("target")
        }
        if {"survey", "records"} <= kinds:
            rows.append(
                _finding(
                    "mixed_series",
                    "warning",
                    node,
                    claim=claim.asserted,
                    computed=", ".join(sorted(kinds)),
                    detail="the check compares sample-survey and administrative figures",
                )
            )
    return rows


_NUMBER = re.compile(r"\d[\d.,]*")


def indonesian_number(text: str) -> float | None:
    """The first number in ``text`` read the Indonesian way (``.`` thousands, ``,`` decimals).

    >>> indonesian_number("14.863"), indonesian_number("15,40%"), indonesian_number("2,794")
    (14863.0, 15.4, 2.794)
    """
    match = _NUMBER.search(str(text))
    if not match:
        return None
    token = match.group(0).rstrip(".,")
    try:
        return float(token.replace(".", "").replace(",", "."))
    except ValueError:
        return None


def number_format_anomalies(graph: nx.MultiDiGraph) -> list[dict]:
    """Observations whose printed figure, read in Indonesian notation, is not the value
    recorded (a comma used as a thousands separator, a decimal point, a typo)."""
    rows = []
    for _key, node in sorted(graph.nodes(data=True)):
        if node.get("label") != "Observation" or not node.get("value_text"):
            continue
        read = indonesian_number(node["value_text"])
        value = node.get("value")
        if read is None or not isinstance(value, int | float) or isinstance(value, bool):
            continue
        if abs(read - float(value)) > EPSILON * max(1.0, abs(float(value))):
            where = " / ".join(str(node[k]) for k in ("table", "row", "column") if node.get(k))
            rows.append(
                _finding(
                    "number_format",
                    "warning",
                    node,
                    claim=node["value_text"],
                    computed=_num(float(value)),
                    detail=f"{where}: reads as {_num(read)} in Indonesian notation; "
                    f"recorded as {_num(float(value))}"
                    + (f". {node['ambiguity']}" if node.get("ambiguity") else ""),
                )
            )
    return rows


def quality_report(graph: nx.MultiDiGraph, *, reference_dir: Path | None = None) -> pd.DataFrame:
    """Every finding about the source's figures, one row each (columns FINDING_COLUMNS).

    Claims that the figures contradict (printed totals against their rows, ranks, counts of
    parts against stated totals, comparisons in words against the numbers), the same
    quantity printed with different values (one place, indicator, period and kind of
    instrument: a survey and administrative records are never one series), a place named
    twice in a list of distinct places, checks that mix survey and administrative figures,
    printed numbers that read otherwise in Indonesian notation, ambiguous values, and claims
    that cannot be checked. Each row names the locator of its subject. Errors first.
    """
    rows = _claim_findings(graph, reference_dir)
    conflicts = conflicting_values(graph)
    for _, group in conflicts.groupby("group", sort=True):
        for observation in group.itertuples():
            node = graph.nodes[f"Observation:{observation.observation}"]
            others = group[group["observation"] != observation.observation]
            rows.append(
                _finding(
                    "same_quantity_different_values",
                    "warning",
                    node,
                    claim=observation.value_text,
                    computed="; ".join(
                        f"{o.value_text} ({o.instrument}, {locator_text(graph.nodes[f'Observation:{o.observation}'].get('evidence'))})"
                        for o in others.itertuples()
                    ),
                    detail=f"{observation.indicator} · {observation.place} · {observation.period} "
                    f"· {observation.instrument_kind}",
                )
            )
    rows += number_format_anomalies(graph)
    for _key, node in sorted(graph.nodes(data=True)):
        if node.get("label") == "Observation" and node.get("ambiguity"):
            rows.append(
                _finding(
                    "ambiguous_value",
                    "info",
                    node,
                    claim=node.get("value_text"),
                    computed=_num(node.get("value")) if node.get("value") is not None else None,
                    detail=node.get("ambiguity"),
                )
            )
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    categories = {c: i for i, c in enumerate(CATEGORIES)}
    return frame.sort_values(
        ["severity", "category", "subject"],
        key=lambda col: col.map(order)
        if col.name == "severity"
        else (col.map(categories) if col.name == "category" else col),
        ignore_index=True,
        kind="stable",
    )
