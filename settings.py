"""Every setting of Jejaring in one registry: name, default and help.

A setting is read from the environment first, then from ``.streamlit/secrets.toml``
(top-level keys of the same name), then its default. Secrets are never printed:
``describe()`` masks them.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Setting", "SETTINGS", "PROJECT_ROOT", "get", "lookup", "describe"]

PROJECT_ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Setting:
    """One configurable value."""

    name: str
    default: str
    help: str
    secret: bool = False


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("JEJARING_BACKEND", "memory", "graph store: memory (embedded NetworkX) or neo4j"),
        Setting(
            "JEJARING_WORKSPACE",
            str(PROJECT_ROOT / "workspace"),
            "folder where the memory store keeps its graph file (graph.json)",
        ),
        Setting(
            "JEJARING_SOURCES",
            str(PROJECT_ROOT.parent / "shared" / "sources"),
            "folder of source documents that evidence locators resolve against",
        ),
        Setting(
            "JEJARING_DATA",
            str(PROJECT_ROOT / "data" / "case_study"),
            "folder of the curated case-study dataset (YAML files)",
        ),
        Setting(
            "JEJARING_TAXONOMY",
            str(PROJECT_ROOT.parent / "shared" / "data" / "stunting_program_taxonomy.json"),
            "national strategy taxonomy (JSON) that gap analysis compares the graph with",
        ),
        Setting("JEJARING_LANG", "id", "default interface language: id (Bahasa Indonesia) or en"),
        Setting("JEJARING_BATCH_SIZE", "500", "records written per batch"),
        Setting(
            "JEJARING_NODE_CAP",
            "1500",
            "most nodes a drawing sends to the browser; larger views are aggregated (Places) "
            "or drawn around one actor (Network)",
        ),
        Setting(
            "JEJARING_TABLE_ROWS",
            "1000",
            "most rows an analysis table sends to the browser (its CSV download holds all)",
        ),
        Setting("JEJARING_IMPORT_MAX_BYTES", "50000000", "largest file an import accepts (bytes)"),
        Setting(
            "JEJARING_IMPORT_MAX_UNPACKED",
            "200000000",
            "most bytes an imported XLSX workbook or zip may unpack to",
        ),
        Setting(
            "JEJARING_IMPORT_MAX_RATIO",
            "100",
            "largest compression ratio of a member of an imported XLSX or zip (zip bombs)",
        ),
        Setting(
            "JEJARING_UPLOAD_MAX_MB",
            "20",
            "largest upload (MB, all files of one upload together) the app's Data page accepts",
        ),
        Setting("JEJARING_IMPORT_MAX_ROWS", "200000", "most rows an imported sheet or file holds"),
        Setting("JEJARING_IMPORT_MAX_COLUMNS", "200", "most columns an imported sheet holds"),
        Setting(
            "JEJARING_IMPORT_MAX_DEPTH", "64", "deepest nesting of an imported JSON or XML file"
        ),
        Setting("NEO4J_URI", "bolt://127.0.0.1:7687", "Neo4j connection URI"),
        Setting("NEO4J_USER", "neo4j", "Neo4j user name"),
        Setting("NEO4J_PASSWORD", "jejaring-dev-password", "Neo4j password", secret=True),
        Setting("NEO4J_DATABASE", "neo4j", "Neo4j database name"),
        Setting(
            "NEO4J_CONNECTION_TIMEOUT",
            "5",
            "seconds to wait for a Neo4j connection before reporting the server unreachable",
        ),
        Setting(
            "NEO4J_MAX_RETRY_TIME",
            "15",
            "seconds a write or read keeps retrying after transient Neo4j errors",
        ),
        Setting(
            "NEO4J_LIVENESS_CHECK",
            "30",
            "seconds a pooled Neo4j connection may sit idle before it is checked (empty: never)",
        ),
        Setting(
            "JEJARING_CONSOLE_TIMEOUT", "10", "time limit in seconds of a Cypher console query"
        ),
        Setting("JEJARING_CONSOLE_ROW_CAP", "1000", "most rows a Cypher console query returns"),
        Setting("JEJARING_NEO4J_PORT", "7687", "Bolt port of the local Neo4j server"),
        Setting(
            "JEJARING_NEO4J_HOME",
            str(PROJECT_ROOT / ".neo4j"),
            "folder of the local Neo4j server's configuration, data, logs and plugins",
        ),
        Setting(
            "JEJARING_NEO4J_HTTP_PORT", "", "HTTP port of the local Neo4j server (empty: HTTP off)"
        ),
        Setting(
            "JEJARING_NEO4J_PLUGINS",
            "gds,apoc",
            "plugins of the local Neo4j server: gds, apoc, or none",
        ),
    )
}


def _secrets_file() -> Path:
    return PROJECT_ROOT / ".streamlit" / "secrets.toml"


def _from_secrets(name: str) -> str | None:
    path = _secrets_file()
    if not path.is_file():  # no file is fine: the environment and the defaults remain
        return None
    try:
        with path.open("rb") as fh:
            value = tomllib.load(fh).get(name)
    except tomllib.TOMLDecodeError as exc:
        # the parser's message names a line and column, never the file's values
        raise ValueError(f"{path} is not valid TOML: {exc}") from None
    return None if value is None else str(value)


def lookup(name: str) -> str | None:
    """The value of setting ``name`` set in the environment or secrets file, else None."""
    if name not in SETTINGS:
        raise KeyError(f"unknown setting {name!r}")
    value = os.environ.get(name)
    return _from_secrets(name) if value is None else value


def get(name: str) -> str:
    """Return the current value of setting ``name`` (environment, secrets file, default)."""
    value = lookup(name)
    return SETTINGS[name].default if value is None else value


def describe() -> list[dict[str, str]]:
    """All settings with their current values; secret values are masked."""
    rows = []
    for s in SETTINGS.values():
        value = "********" if s.secret else get(s.name)
        rows.append({"name": s.name, "value": value, "default": s.default, "help": s.help})
    return rows
