"""A local Neo4j Community 5.26 server for Jejaring, without Docker.

Developers and the test suite call :func:`start` to get a Neo4j server on
127.0.0.1 (Bolt only, password-protected), :func:`status` to see whether it
runs and :func:`stop` to shut it down. The jars come from Maven Central the
first time (:func:`ensure_jars`). From a shell::

    python -m neo4j_local start [--port N]
    python -m neo4j_local status
    python -m neo4j_local stop
"""

from neo4j_local.manager import (
    DEFAULT_PASSWORD,
    DEFAULT_PORT,
    Neo4jLocalError,
    PortInUseError,
    PrerequisiteError,
    ServerInfo,
    ServerStatus,
    StartError,
    ensure_jars,
    load_settings,
    start,
    status,
    stop,
)

__all__ = [
    "DEFAULT_PASSWORD",
    "DEFAULT_PORT",
    "Neo4jLocalError",
    "PortInUseError",
    "PrerequisiteError",
    "ServerInfo",
    "ServerStatus",
    "StartError",
    "ensure_jars",
    "load_settings",
    "start",
    "status",
    "stop",
]
