"""Command line for the local Neo4j server: ``python -m neo4j_local ...``.

Exit code 0 means the command did what was asked (for ``status``: the
server runs); 1 means it did not, with the reason on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from neo4j_local import manager


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per action."""
    parser = argparse.ArgumentParser(
        prog="python -m neo4j_local",
        description="Run the local Neo4j Community 5.26 server Jejaring develops "
        "against (127.0.0.1 only; home folder from JEJARING_NEO4J_HOME).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    start = commands.add_parser("start", help="start the server and wait until Bolt answers")
    start.add_argument(
        "--port", type=int, default=None, help="Bolt port (default: JEJARING_NEO4J_PORT or 7687)"
    )
    start.add_argument(
        "--timeout", type=float, default=180, help="seconds to wait for Bolt (default 180)"
    )
    stop = commands.add_parser("stop", help="stop the server (SIGTERM, then SIGKILL)")
    stop.add_argument(
        "--timeout", type=float, default=60, help="seconds before SIGKILL (default 60)"
    )
    commands.add_parser("status", help="tell whether the server runs; exit 1 if not")
    commands.add_parser("jars", help="only fetch the Neo4j and plugin jars with Maven")
    return parser


def run(args: argparse.Namespace) -> int:
    """Carry out one parsed command and return the exit code."""
    if args.command == "start":
        info = manager.start(port=args.port, timeout=args.timeout)
        print(
            f"running pid={info.pid} bolt={info.bolt_uri} user={info.user} "
            f"plugins={','.join(info.plugins) or 'none'}"
        )
        return 0
    if args.command == "stop":
        manager.stop(timeout=args.timeout)
        return 0
    if args.command == "jars":
        print(manager.ensure_jars())
        return 0
    state = manager.status()
    if not state.running:
        print(f"stopped (home {state.home})")
        return 1
    print(
        f"running pid={state.pid} bolt={state.bolt_uri} "
        f"reachable={'yes' if state.bolt_reachable else 'no'} "
        f"plugins={','.join(state.plugins) or 'none'} home={state.home}"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m neo4j_local``."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help (0) or a usage error (argparse says 2)
        return 0 if stop.code == 0 else 1
    try:
        return run(args)
    except manager.Neo4jLocalError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1


if __name__ == "__main__":
    sys.exit(main())
