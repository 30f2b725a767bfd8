"""Jejaring on the command line: load, inspect and check the stakeholder graph.

Run ``python cli.py --help`` for the commands and ``python cli.py COMMAND --help`` for
each command's options.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

import settings
from graph.backends import BACKENDS, open_store
from graph.evidence import load_document
from graph.neo4j_store import StoreUnavailable
from loaders.bootstrap import load_curated, open_ready_store
from loaders.case_study import DatasetError, Problem, check_dataset, read_dataset

PROBLEM_GROUPS = {
    "schema": "schema_errors",
    "reference": "reference_errors",
    "unresolved_locator": "unresolved_locators",
    "not_mentioned": "locators_not_mentioning_subject",
    "without_evidence": "without_evidence",
}


def _print_counts(counts: dict[str, dict[str, int]]) -> None:
    for part in ("nodes", "relationships"):
        total = sum(counts[part].values())
        print(f"{part}: {total}")
        for name, n in counts[part].items():
            print(f"  {name:<20} {n:>6}")


def cmd_load(args: argparse.Namespace) -> int:
    store = open_store(args.backend)
    try:
        written = load_curated(store)
        print(
            f"loaded {written['nodes']} nodes and {written['relationships']} relationships "
            f"into the {store.backend} store"
        )
        _print_counts(store.counts())
    except DatasetError as exc:
        print(f"error: nothing was loaded. {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store = open_ready_store(args.backend)
    try:
        counts = store.counts()
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(counts, indent=2, sort_keys=True))
    else:
        _print_counts(counts)
    return 0


def _group(problems: Sequence[Problem]) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = {name: [] for name in PROBLEM_GROUPS.values()}
    for p in problems:
        grouped[PROBLEM_GROUPS[p.kind]].append(p.as_dict())
    return grouped


def cmd_validate(args: argparse.Namespace) -> int:
    data_dir = args.data or settings.get("JEJARING_DATA")
    sources_dir = args.sources or settings.get("JEJARING_SOURCES")
    dataset = read_dataset(data_dir)
    problems = check_dataset(dataset, sources_dir)
    report: dict[str, Any] = {
        "dataset": str(data_dir),
        "sources": str(sources_dir),
        "records": {"nodes": len(dataset.nodes), "relationships": len(dataset.relationships)},
        **_group(problems),
    }
    report["ok"] = not problems
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(
            f"{report['records']['nodes']} nodes, {report['records']['relationships']} "
            f"relationships read from {data_dir}"
        )
        for group in PROBLEM_GROUPS.values():
            print(f"{group}: {len(report[group])}")
            for p in report[group]:
                print(f"  {p['origin']}: {p['subject']}: {p['field']}: {p['message']}")
    return 0 if not problems else 1


def cmd_passages(args: argparse.Namespace) -> int:
    dataset = read_dataset(settings.get("JEJARING_DATA"))
    sources = {n["id"]: n for n in dataset.nodes if n.get("label") == "Source"}
    if args.source not in sources:
        print(
            f"error: unknown source {args.source!r}; known: {', '.join(sorted(sources))}",
            file=sys.stderr,
        )
        return 1
    source = sources[args.source]
    path = f"{args.sources or settings.get('JEJARING_SOURCES')}/{source['file']}"
    doc = load_document(path, source.get("sections") or [])
    for section, paragraphs in doc.paragraphs.items():
        if args.section and section != args.section:
            continue
        for number, text in enumerate(paragraphs, 1):
            print(f"[{section} #{number}] {text.replace(chr(10), ' | ')}")
    return 0


def cmd_neo4j(args: argparse.Namespace) -> int:
    from neo4j_local.__main__ import main as neo4j_main

    argv = [args.action]
    if args.action == "start" and args.port:
        argv += ["--port", str(args.port)]
    return neo4j_main(argv)


def _print_frame(frame: Any, fmt: str) -> None:
    """Print a pandas DataFrame as a table, CSV or JSON (a list of row objects)."""
    if fmt == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    elif fmt == "csv":
        print(frame.to_csv(index=False), end="")
    else:
        print(frame.to_string(index=False) if len(frame) else "(no rows)")


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--param wants key=value, got {pair!r}")
        params[key.strip()] = value
    return params


def cmd_query(args: argparse.Namespace) -> int:
    from queries import catalogue

    lang = args.lang or settings.get("JEJARING_LANG")
    if args.list or not args.name:
        listing = catalogue.list_questions()
        if args.format == "json":
            print(json.dumps(listing, indent=2, ensure_ascii=False))
        else:
            for q in listing:
                title = q["title_en"] if lang == "en" else q["title_id"]
                params = ", ".join(f"{k}={v}" for k, v in q["params"].items())
                print(f"{q['name']:<34} {title}" + (f"  [{params}]" if params else ""))
        return 0
    try:
        params = _parse_params(args.param)
        # a mistyped name or parameter is reported before any store is opened or loaded
        catalogue.convert_params(catalogue.get_question(args.name), params)
        store = open_ready_store(args.backend)
        try:
            frame = catalogue.run_question(store, args.name, params)
        finally:
            store.close()
    except (catalogue.UnknownQuestion, catalogue.BadParameter, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    _print_frame(frame, args.format)
    return 0


def cmd_cypher(args: argparse.Namespace) -> int:
    from graph.neo4j_store import Neo4jStore
    from queries import console

    store = Neo4jStore.from_settings()
    try:
        result = console.run_console(
            store.driver,
            args.query,
            database=store.database,
            timeout_s=float(settings.get("JEJARING_CONSOLE_TIMEOUT")),
            row_cap=int(settings.get("JEJARING_CONSOLE_ROW_CAP")),
        )
    except (console.QueryRefused, console.QueryFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        _print_frame(result.frame(), "table")
        for note in [*result.notes, *([result.note] if result.truncated else [])]:
            print(f"note: {note}", file=sys.stderr)
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    for row in settings.describe():
        print(f"{row['name']:<22} = {row['value']}\n    {row['help']} (default: {row['default']})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cli.py",
        description="Jejaring: the stakeholder network of village stunting reduction.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def backend_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--backend",
            choices=BACKENDS,
            default=None,
            help="graph store (default: JEJARING_BACKEND, else memory)",
        )

    p = add("load", cmd_load, "load the curated case-study dataset and print counts")
    backend_option(p)
    p = add("stats", cmd_stats, "print node counts per label and relationship counts per type")
    backend_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p = add(
        "validate",
        cmd_validate,
        "check the dataset: schema errors, unresolved locators, records without evidence",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--data", help="dataset folder (default: JEJARING_DATA)")
    p.add_argument("--sources", help="sources folder (default: JEJARING_SOURCES)")
    p = add(
        "passages",
        cmd_passages,
        "print a source's numbered paragraphs, as evidence locators count them",
    )
    p.add_argument("--source", default="mongpok_case_study", help="Source id")
    p.add_argument("--section", help="only this section")
    p.add_argument("--sources", help="sources folder (default: JEJARING_SOURCES)")
    add("settings", cmd_settings, "list every setting with its current value and help")
    p = add("query", cmd_query, "list the named questions, or answer one (--list to see them)")
    backend_option(p)
    p.add_argument("name", nargs="?", help="question name (see --list)")
    p.add_argument("--list", action="store_true", help="list the catalogue of questions")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter of the question; repeat for several",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument(
        "--lang", choices=("id", "en"), help="language of titles (default: JEJARING_LANG)"
    )
    p = add(
        "cypher",
        cmd_cypher,
        "run a read-only Cypher query on the Neo4j backend (time limit, row cap)",
    )
    p.add_argument("query", help="the Cypher text; writes are refused")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p = add(
        "neo4j",
        cmd_neo4j,
        "start, stop or query the local Neo4j server (127.0.0.1; see the README)",
    )
    p.add_argument("action", choices=("start", "stop", "status", "jars"))
    p.add_argument(
        "--port", type=int, help="Bolt port for start (default: JEJARING_NEO4J_PORT or 7687)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # the console collects the server's notifications itself; the driver's log lines would
    # only repeat them on stderr
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreUnavailable as exc:
        print(
            f"error: {exc}\nstart the local server with `python cli.py neo4j start`, "
            "check NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, or use --backend memory",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
