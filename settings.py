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
        Setting("NEO4J_URI", "bolt://127.0.0.1:7687", "Neo4j connection URI"),
        Setting("NEO4J_USER", "neo4j", "Neo4j user name"),
        Setting("NEO4J_PASSWORD", "jejaring-dev-password", "Neo4j password", secret=True),
        Setting("NEO4J_DATABASE", "neo4j", "Neo4j database name"),
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
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        value = tomllib.load(fh).get(name)
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
