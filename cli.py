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
from graph.neo4j.store import StoreConnectionLost, StoreUnavailable
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
    # the source's own figures: findings about the source, not problems of the dataset, so
    # they do not change the exit status
    report["quality"] = _quality_findings(dataset)
    report["quality_summary"] = {
        sev: sum(1 for f in report["quality"] if f["severity"] == sev)
        for sev in ("error", "warning", "info")
    }
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
        summary = ", ".join(f"{n} {sev}" for sev, n in report["quality_summary"].items())
        print(f"data quality of the source's figures: {summary}")
        for f in report["quality"]:
            print(
                f"  [{f['severity']}] {f['category']}: {f['subject']} @ {f['locator']}\n"
                f"      claim: {f['claim']} | computed: {f['computed']} | {f['detail']}"
            )
    return 0 if not problems else 1


def _quality_findings(dataset: Any) -> list[dict[str, Any]]:
    """The data-quality report (queries.quality) of a dataset, as JSON-ready rows."""
    from graph.memory_store import MemoryStore
    from graph.store import MissingNode
    from queries.quality import quality_report

    store = MemoryStore(None)
    try:
        store.upsert_nodes(dataset.nodes)
        store.upsert_relationships(dataset.relationships)
    except (MissingNode, ValueError, KeyError):  # a broken dataset: its problems say why
        return []
    frame = quality_report(store.to_networkx())
    return [
        {k: (None if v is None or v != v else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


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
    from graph import questions

    lang = args.lang or settings.get("JEJARING_LANG")
    if args.list or not args.name:
        listing = questions.list_questions()
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
        questions.convert_params(questions.get_question(args.name), params)
        store = open_ready_store(args.backend)
        try:
            unknown = _unknown_ids(store, args.name, params)
            frame = None if unknown else store.ask(args.name, params)
        finally:
            store.close()
    except (questions.UnknownQuestion, questions.BadParameter, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if frame is None:
        print(unknown, file=sys.stderr)
        return 1
    _print_frame(frame, args.format)
    return 0


def _unknown_ids(store: Any, name: str, params: dict[str, str]) -> str | None:
    """An error naming each parameter whose id matches no node, with the nodes it may mean."""
    from queries.lookup import unknown_ids

    lines = []
    for row in unknown_ids(store, name, params):
        lines.append(f"error: no {row['label']} has the id {row['value']!r} ({row['param']})")
        for node in row["matches"]:
            lines.append(f"  did you mean {row['param']}={node['id']}  ({node.get('name')})")
        if not row["matches"]:
            lines.append("  no name or id is like it; the Query page lists them by name")
    return "\n".join(lines) or None


def cmd_cypher(args: argparse.Namespace) -> int:
    from graph.console import ConsoleError

    store = open_store("neo4j")  # the console is Neo4j's, whichever store JEJARING_BACKEND names
    try:
        result = store.console(
            args.query,
            timeout_s=float(settings.get("JEJARING_CONSOLE_TIMEOUT")),
            row_cap=int(settings.get("JEJARING_CONSOLE_ROW_CAP")),
        )
    except ConsoleError as exc:
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


def _refuse_view(problems: list, lang: str) -> int:
    """Refuse a view the data cannot show: each problem in the words the network page uses
    when it leaves the same value out of a link."""
    for problem in problems:
        print(f"error: {problem.text(lang)}", file=sys.stderr)
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from drawing.view import ViewFilters, data_choices, network_universe, read_view
    from exports.formats import ExportUnavailable, export_graph

    lang = args.lang or settings.get("JEJARING_LANG")
    if args.filter:
        # the text alone first, so a typo is refused before the store is opened
        problems = ViewFilters.from_pairs(args.filter)[1]
        if problems:
            return _refuse_view(problems, lang)
    store = open_ready_store(args.backend)
    try:
        graph = store.to_networkx()
    finally:
        store.close()
    filters = None
    if args.filter:
        # the network page reads its address the same way: one view, one rule
        filters, problems = read_view(args.filter, data_choices(network_universe(graph)))
        if problems:
            return _refuse_view(problems, lang)
    try:
        exported = export_graph(
            graph,
            args.format,
            filters,
            lang=lang,
            paper=args.paper,
            orientation=args.orientation,
            dpi=args.dpi,
            title=args.title,
        )
    except (ExportUnavailable, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(exported.data)
    partial.replace(out)  # a reader never sees half a file
    print(f"wrote {out} ({args.format}, {len(exported.data):,} bytes)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from loaders.importer import apply_import, preview_import
    from loaders.safety import UploadRefused, read_file

    try:
        files = [read_file(f) for f in args.files]  # refuses a file over the size limit unread
    except (OSError, UploadRefused) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    store = open_store(args.backend)
    try:
        match: Any = args.match_names
        preview = preview_import(files, store, match_names=match)
        pending = [m for m in preview.report.name_matches if not m.confirmed]
        if pending and not args.dry_run and not args.match_names and sys.stdin.isatty():
            confirmed = set()
            for m in pending:
                answer = input(
                    f"{m.file_key} ({m.file}, row {m.row}) has the name {m.name!r} of the stored "
                    f"{m.stored_key}: update {m.stored_key} instead of adding? [y/N] "
                )
                if answer.strip().lower() in ("y", "ya", "yes"):
                    confirmed.add((m.file_key, m.stored_key))
            match = confirmed
        if args.dry_run:
            report = preview_import(files, store, match_names=match).report
        else:
            report = apply_import(files, store, match_names=match)
    finally:
        store.close()
    if args.format == "json":
        print(
            json.dumps({**report.as_dict(), "dry_run": args.dry_run}, indent=2, ensure_ascii=False)
        )
    else:
        print(report.text(dry_run=args.dry_run))
    return 0 if report.ok else 1


def cmd_clear(args: argparse.Namespace) -> int:
    store = open_store(args.backend)
    try:
        counts = store.counts()
        total = sum(counts["nodes"].values())
        rels = sum(counts["relationships"].values())
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "error: clear needs a confirmation: run it in a terminal or add --yes",
                    file=sys.stderr,
                )
                return 1
            answer = input(
                f"remove all {total} nodes and {rels} relationships from the {store.backend} "
                "store? type 'yes' to confirm: "
            )
            if answer.strip().lower() not in ("yes", "ya"):
                print("nothing was removed")
                return 1
        store.clear()
        from loaders.bootstrap import mark_cleared  # an emptied store stays empty until `load`

        mark_cleared(store)
        print(f"removed {total} nodes and {rels} relationships from the {store.backend} store")
        print("it stays empty (also for the app) until `import` or `load` fills it")
    finally:
        store.close()
    return 0


def cmd_import_places(args: argparse.Namespace) -> int:
    from loaders.places import PlacesFileError, import_places
    from loaders.progress import ProgressBar

    try:
        with open(args.file, "rb") as fh:
            total = max(0, sum(1 for _ in fh) - 1)
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    store = open_store(args.backend)
    try:
        with ProgressBar(total, "import-places", unit="rows") as bar:
            report = import_places(args.file, store, crosswalk=args.crosswalk, progress=bar.update)
    except PlacesFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.text())
    return 0 if report.ok else 1


def cmd_synth(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from loaders.places import PlacesFileError
    from loaders.progress import ProgressBar
    from loaders.synth import generate, load

    try:
        network = generate(args.villages, args.seed, args.places)
    except (PlacesFileError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for note in network.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.out:
        out = Path(args.out)
        partial = out.with_name(out.name + ".partial")
        n_nodes = n_rels = 0
        with (
            ProgressBar(network.villages, "synth", unit="villages") as bar,
            partial.open("w", encoding="utf-8") as fh,
        ):
            for nodes, rels in network.units():
                for record in nodes:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                for record in rels:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                n_nodes += len(nodes)
                n_rels += len(rels)
                if nodes and nodes[0].get("place_level") in ("desa", "kelurahan"):
                    bar.update(1)
        os.replace(partial, out)
        print(
            f"wrote {n_nodes} synthetic nodes and {n_rels} relationships of "
            f"{network.villages} villages (seed {args.seed}) to {out} (JSON Lines)"
        )
        return 0
    store = open_store(args.backend)
    try:
        with ProgressBar(network.villages, f"synth -> {store.backend}", unit="villages") as bar:
            result = load(network, store, progress=bar.update)
        print(
            f"loaded {result.nodes} synthetic nodes and {result.relationships} relationships "
            f"of {network.villages} villages (seed {args.seed}) into the {store.backend} store "
            f"in {result.seconds:.1f} s ({result.nodes / max(result.seconds, 1e-9):,.0f} nodes/s, "
            f"{result.relationships / max(result.seconds, 1e-9):,.0f} relationships/s)"
        )
        _print_counts(store.counts())
    finally:
        store.close()
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    for row in settings.describe():
        print(f"{row['name']:<22} = {row['value']}\n    {row['help']} (default: {row['default']})")
    return 0


Subparsers = Any  # argparse's _SubParsersAction, which has no public name


def _command(
    sub: Subparsers, name: str, func: Callable[[argparse.Namespace], int], help_text: str
) -> argparse.ArgumentParser:
    """A subcommand whose help is also its description, run by ``func``."""
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(func=func)
    return p


def _backend_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--backend",
        choices=BACKENDS,
        default=None,
        help="graph store (default: JEJARING_BACKEND, else memory)",
    )


def _add_store_commands(sub: Subparsers) -> None:
    """load and stats: fill the store with the case study, count what it holds."""
    p = _command(sub, "load", cmd_load, "load the curated case-study dataset and print counts")
    _backend_option(p)
    p = _command(
        sub, "stats", cmd_stats, "print node counts per label and relationship counts per type"
    )
    _backend_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")


def _add_dataset_commands(sub: Subparsers) -> None:
    """validate, passages and settings: the curated dataset, its sources and the settings."""
    p = _command(
        sub,
        "validate",
        cmd_validate,
        "check the dataset (schema errors, unresolved locators, records without evidence) and "
        "report the data quality of the source's figures",
    )
    p.add_argument(
        "--format", choices=("text", "table", "json"), default="text", help="table = text"
    )
    p.add_argument("--data", help="dataset folder (default: JEJARING_DATA)")
    p.add_argument("--sources", help="sources folder (default: JEJARING_SOURCES)")
    p = _command(
        sub,
        "passages",
        cmd_passages,
        "print a source's numbered paragraphs, as evidence locators count them",
    )
    p.add_argument("--source", default="mongpok_case_study", help="Source id")
    p.add_argument("--section", help="only this section")
    p.add_argument("--sources", help="sources folder (default: JEJARING_SOURCES)")
    _command(sub, "settings", cmd_settings, "list every setting with its current value and help")


def _add_national_commands(sub: Subparsers) -> None:
    """import-places and synth: the administrative hierarchy and the synthetic nation."""
    p = _command(
        sub,
        "import-places",
        cmd_import_places,
        "load the administrative hierarchy from a Kemendagri code file (Place nodes with "
        "PART_OF up to the province); rows that cannot be placed are reported (exit status 1)",
    )
    _backend_option(p)
    p.add_argument("file", metavar="FILE", help="Kemendagri code file (kode, nama, level, ...)")
    p.add_argument("--crosswalk", metavar="FILE", help="BPS 2018 -> Kemendagri crosswalk file")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p = _command(
        sub,
        "synth",
        cmd_synth,
        "generate a synthetic national programme network (every record marked synthetic) and "
        "load it into the store, or write it to a file with --out",
    )
    _backend_option(p)
    p.add_argument("--villages", type=int, required=True, help="number of villages")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--places", metavar="FILE", help="Kemendagri code file whose real codes to use")
    p.add_argument("--out", metavar="FILE", help="write JSON Lines records here instead")


def _add_import_commands(sub: Subparsers) -> None:
    """import and clear: files into the store (checked first, written all-or-nothing), and
    emptying it."""
    p = _command(
        sub,
        "import",
        cmd_import,
        "import spreadsheets (XLSX, CSV, a zip of CSVs), GraphML, GEXF or JSON node-link into "
        "the store: everything is checked first, then written all-or-nothing",
    )
    _backend_option(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="file(s) to import together")
    p.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    p.add_argument(
        "--match-names",
        action="store_true",
        help="a row whose name is that of a stored node (other id, same label) updates it",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p = _command(sub, "clear", cmd_clear, "remove every node and relationship from the store")
    _backend_option(p)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _add_export_command(sub: Subparsers) -> None:
    """export: the graph or a view of it, as data files, a Cypher script, HTML or posters."""
    p = _command(
        sub,
        "export",
        cmd_export,
        "write the graph or a view of it: interchange files, a Cypher script, offline HTML, "
        "posters",
    )
    _backend_option(p)
    p.add_argument(
        "--format",
        required=True,
        choices=("graphml", "gexf", "json", "csv", "cypher", "html", "png", "svg", "pdf"),
    )
    p.add_argument("--out", required=True, help="file to write")
    p.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a part of the network page's view, as its address writes it (labels, rels, "
        "levels, types, sectors, programme, focus, depth, years, colour, layout, from, to, "
        "size, physics, node); repeat for several, lists comma-separated. A value the data "
        "does not hold is refused. Without any, data formats hold the whole graph",
    )
    p.add_argument("--lang", choices=("id", "en"), help="language (default: JEJARING_LANG)")
    p.add_argument("--paper", choices=("A4", "A3"), default="A4", help="poster paper size")
    p.add_argument("--orientation", choices=("portrait", "landscape"), default="portrait")
    p.add_argument("--dpi", type=int, default=150, help="PNG resolution (default 150)")
    p.add_argument("--title", help="title of a poster or HTML page")


def _add_query_commands(sub: Subparsers) -> None:
    """query and cypher: the named questions, and the read-only console of Neo4j."""
    p = _command(
        sub, "query", cmd_query, "list the named questions, or answer one (--list to see them)"
    )
    _backend_option(p)
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
    p = _command(
        sub,
        "cypher",
        cmd_cypher,
        "run a read-only Cypher query on the Neo4j backend (time limit, row cap)",
    )
    p.add_argument("query", help="the Cypher text; writes are refused")
    p.add_argument("--format", choices=("table", "json"), default="table")


def _add_server_command(sub: Subparsers) -> None:
    """neo4j: the local Neo4j server."""
    p = _command(
        sub,
        "neo4j",
        cmd_neo4j,
        "start, stop or query the local Neo4j server (127.0.0.1; see the README)",
    )
    p.add_argument("action", choices=("start", "stop", "status", "jars"))
    p.add_argument(
        "--port", type=int, help="Bolt port for start (default: JEJARING_NEO4J_PORT or 7687)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The command line: every subcommand with its options, in the order ``--help`` lists them."""
    parser = argparse.ArgumentParser(
        prog="cli.py",
        description="Jejaring: the stakeholder network of village stunting reduction.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_store_commands(sub)
    _add_dataset_commands(sub)
    _add_national_commands(sub)
    _add_import_commands(sub)
    _add_export_command(sub)
    _add_query_commands(sub)
    _add_server_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # the console collects the server's notifications itself; the driver's log lines would
    # only repeat them on stderr
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    # the driver logs each retry and each broken connection; when it gives up the store
    # raises one error that says what happened and what to do, printed below in one line
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreConnectionLost as exc:  # the server went away mid-command: one line, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except StoreUnavailable as exc:  # names the URI and user, never the password
        print(
            f"error: {exc}; start the local server with `python cli.py neo4j start`, "
            "check NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, or use --backend memory",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
