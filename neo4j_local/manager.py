"""Start, stop and inspect the local Neo4j server that Jejaring works against.

Jejaring's loaders, queries and UI talk to Neo4j over Bolt. So that a
developer (or CI) needs nothing but Java 17 and Maven, this module fetches
Neo4j Community 5.26 LTS from Maven Central (see ``neo4j_local/pom.xml``),
keeps the jars in ``<project>/.neo4j/lib`` and runs the real server entry
point, ``org.neo4j.server.CommunityEntryPoint``, on 127.0.0.1 only.

Everything the server writes lives in one home folder, ``<project>/.neo4j``
by default (``JEJARING_NEO4J_HOME`` moves it)::

    conf/neo4j.conf      generated from neo4j_local/neo4j.conf.template
    data/  logs/  import/  plugins/
    run/neo4j.pid        pid of the running server
    run/neo4j.json       port, Bolt URI and java command of that server

Environment variables read at each call:

``JEJARING_NEO4J_PORT``      Bolt port (default 7687)
``JEJARING_NEO4J_HOME``      home folder (default ``<project>/.neo4j``)
``JEJARING_NEO4J_HTTP_PORT`` turn the HTTP connector on, on this port
``JEJARING_NEO4J_PLUGINS``   comma list from ``gds``, ``apoc`` (default both;
                             empty or ``none`` for no plugins)
``NEO4J_PASSWORD``           password of user ``neo4j``, applied before the
                             first start (default ``jejaring-dev-password``)
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import settings as project_settings

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
POM_PATH = PACKAGE_DIR / "pom.xml"
CONF_TEMPLATE = PACKAGE_DIR / "neo4j.conf.template"
CACHE_DIR = PROJECT_ROOT / ".neo4j"
LIB_DIR = CACHE_DIR / "lib"
PLUGIN_JARS_DIR = CACHE_DIR / "plugin-jars"
MARKER_NAME = ".jejaring-resolved.json"
PLUGIN_MANIFEST = ".jejaring-plugins.json"
BUILD_DIR = CACHE_DIR / "build"

# Plugins that need a small extension of ours built next to their jars
# (see neo4j_local/gds-extension/pom.xml for why GDS does).
PLUGIN_EXTENSIONS = {"gds": PACKAGE_DIR / "gds-extension"}

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 7687
DEFAULT_PASSWORD = "jejaring-dev-password"
USER = "neo4j"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
SUPPORTED_JAVA = (17, 21)

# Plugin name -> procedure namespace that must run unrestricted.
KNOWN_PLUGINS = {"gds": "gds.*", "apoc": "apoc.*"}
DEFAULT_PLUGINS = ("gds", "apoc")

LOG_TAIL_LINES = 30
POLL_SECONDS = 0.5

# Servers started by this Python process, so that their exit is reaped
# (a zombie would otherwise look alive to os.kill(pid, 0)).
_CHILDREN: dict[int, subprocess.Popen] = {}


class Neo4jLocalError(RuntimeError):
    """Base class for every failure this module reports to its users."""


class PrerequisiteError(Neo4jLocalError):
    """Java or Maven is missing, or the Neo4j jars could not be resolved."""


class PortInUseError(Neo4jLocalError):
    """Another program already listens on the port the server should use."""


class StartError(Neo4jLocalError):
    """The server process did not come up; the message carries its log."""


@dataclasses.dataclass(frozen=True)
class Settings:
    """Where and how the local server runs, read from the environment."""

    home: Path
    port: int
    password: str
    plugins: tuple[str, ...]
    plugins_explicit: bool
    http_port: int | None

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    @property
    def plugins_dir(self) -> Path:
        return self.home / "plugins"

    @property
    def import_dir(self) -> Path:
        return self.home / "import"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "neo4j.pid"

    @property
    def info_file(self) -> Path:
        return self.run_dir / "neo4j.json"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def server_log(self) -> Path:
        return self.logs_dir / "neo4j.log"


@dataclasses.dataclass(frozen=True)
class ServerInfo:
    """What a caller needs to talk to the running server."""

    pid: int
    port: int
    bolt_uri: str
    home: Path
    user: str = USER
    password: str = dataclasses.field(default=DEFAULT_PASSWORD, repr=False)
    plugins: tuple[str, ...] = ()
    http_port: int | None = None
    already_running: bool = False
    command: tuple[str, ...] = dataclasses.field(default=(), repr=False)

    @property
    def auth(self) -> tuple[str, str]:
        """(user, password), ready for ``neo4j.GraphDatabase.driver``."""
        return (self.user, self.password)


@dataclasses.dataclass(frozen=True)
class ServerStatus:
    """Whether the server of a home folder runs, and where it listens."""

    running: bool
    home: Path
    pid: int | None = None
    port: int | None = None
    bolt_uri: str | None = None
    bolt_reachable: bool = False
    plugins: tuple[str, ...] = ()


# --------------------------------------------------------------------------
# Settings


def load_settings(home: Path | str | None = None, port: int | None = None) -> Settings:
    """Read the server settings from the environment; arguments win over it."""
    env_home = project_settings.lookup("JEJARING_NEO4J_HOME")
    chosen_home = Path(home or env_home or CACHE_DIR).expanduser().resolve()
    plugins, explicit = _plugins_from_env()
    return Settings(
        home=chosen_home,
        port=port if port is not None else _port_from_env("JEJARING_NEO4J_PORT", DEFAULT_PORT),
        password=project_settings.lookup("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
        plugins=plugins,
        plugins_explicit=explicit,
        http_port=_port_from_env("JEJARING_NEO4J_HTTP_PORT", None),
    )


def _port_from_env(name: str, default: int | None) -> int | None:
    """Parse a TCP port from an environment variable."""
    raw = (project_settings.lookup(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise Neo4jLocalError(f"{name}={raw!r} is not a TCP port number (1-65535)")
    return int(raw)


def _plugins_from_env() -> tuple[tuple[str, ...], bool]:
    """Parse JEJARING_NEO4J_PLUGINS; returns (plugins, set_explicitly)."""
    raw = project_settings.lookup("JEJARING_NEO4J_PLUGINS")
    if raw is None:
        return DEFAULT_PLUGINS, False
    names = [n.strip().lower() for n in raw.split(",") if n.strip()]
    if names in ([], ["none"]):
        return (), True
    unknown = sorted(set(names) - set(KNOWN_PLUGINS))
    if unknown:
        raise Neo4jLocalError(
            f"JEJARING_NEO4J_PLUGINS names unknown plugin(s) {', '.join(unknown)}; "
            f"known: {', '.join(KNOWN_PLUGINS)} (or 'none')"
        )
    return tuple(dict.fromkeys(names)), True


def _say(message: str) -> None:
    """Print one progress line for the developer watching the terminal."""
    print(f"[neo4j_local] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Tools: Java and Maven


def _java_executable() -> str:
    """Find a Java 17+ runtime, preferring JAVA_HOME, and return its path."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home, "bin", "java") if java_home else None
    java = str(candidate) if candidate and candidate.is_file() else shutil.which("java")
    if not java:
        raise PrerequisiteError(
            "Java 17 or 21 is needed to run Neo4j 5.26 but no 'java' was found "
            "(install e.g. openjdk-17-jre-headless, or set JAVA_HOME)"
        )
    major = _java_major_version(java)
    if major < 17:
        raise PrerequisiteError(f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or 21")
    if major not in SUPPORTED_JAVA:
        _say(f"warning: {java} is Java {major}; Neo4j 5.26 supports Java 17 and 21 only")
    return java


def _java_major_version(java: str) -> int:
    """Ask a java binary for its feature version (8, 11, 17, 21, ...)."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise PrerequisiteError(f"could not tell the version of {java}: {out.stderr.strip()}")
    first = int(match.group(1))
    return int(match.group(2) or 0) if first == 1 else first


def _maven_executable() -> str:
    """Find Maven, which fetches the Neo4j jars on the first start."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise PrerequisiteError(
            "Maven ('mvn') is needed once to fetch the Neo4j jars into "
            f"{LIB_DIR} (install the 'maven' package)"
        )
    return mvn


# --------------------------------------------------------------------------
# Jars


def ensure_jars(plugins: Sequence[str] | None = None) -> Path:
    """Make sure the Neo4j server jars (and the wanted plugins') are on disk.

    Checks first that Java 17+ is there. The first call lets Maven download
    Neo4j into ``.neo4j/lib`` (about 120 MB) and each plugin into
    ``.neo4j/plugin-jars/<name>``; later calls only check a marker and the
    files, and run nothing. Raises PrerequisiteError when Java or Maven is
    missing or Maven fails. Plugins default to
    ``JEJARING_NEO4J_PLUGINS``. A default plugin that cannot be fetched is
    left out with a warning; one asked for explicitly raises. Returns the
    lib folder.
    """
    _java_executable()  # the jars are of no use without Java 17+
    explicit = plugins is not None
    wanted = tuple(plugins) if explicit else load_settings().plugins
    server_artifacts = _ensure_profile("server", LIB_DIR, exclude=set())
    for name in wanted:
        try:
            _ensure_profile(name, PLUGIN_JARS_DIR / name, exclude=set(server_artifacts))
        except PrerequisiteError:
            if explicit:
                raise
            _say(f"warning: plugin {name!r} could not be fetched and is left out")
    return LIB_DIR


def _ensure_profile(profile: str, target: Path, exclude: set[str]) -> dict[str, str]:
    """Resolve one Maven profile into ``target`` unless that is already done.

    Returns the artifacts kept, as ``{"group:artifact": "file name"}``.
    Artifacts named in ``exclude`` (those the server already ships) are
    dropped, so a plugin never puts a second copy of a library in front of
    the server's own on the class path.
    """
    fingerprint = _fingerprint(profile)
    cached = _read_marker(target, fingerprint)
    if cached is not None:
        return cached
    staging = target.with_name(target.name + ".partial")
    artifacts = _resolve_with_maven(profile, staging)
    for key in exclude & set(artifacts):
        (staging / artifacts.pop(key)).unlink(missing_ok=True)
    if profile in PLUGIN_EXTENSIONS:
        artifacts.update(_build_extension(profile, PLUGIN_EXTENSIONS[profile], staging))
    marker = {"fingerprint": fingerprint, "profile": profile, "artifacts": artifacts}
    (staging / MARKER_NAME).write_text(json.dumps(marker, indent=1, sort_keys=True))
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return artifacts


def _fingerprint(profile: str) -> str:
    """Hash of the poms, sources and profile: a change means fetch again."""
    digest = hashlib.sha256(POM_PATH.read_bytes() + profile.encode())
    extension = PLUGIN_EXTENSIONS.get(profile)
    if extension is not None:
        for path in sorted(p for p in extension.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(extension)).encode() + path.read_bytes())
    return digest.hexdigest()


def _read_marker(target: Path, fingerprint: str) -> dict[str, str] | None:
    """The cached artifact map of ``target``, or None if it must be fetched."""
    try:
        marker = json.loads((target / MARKER_NAME).read_text())
    except (OSError, ValueError):
        return None
    artifacts = marker.get("artifacts") or {}
    if marker.get("fingerprint") != fingerprint:
        return None
    if not all((target / name).is_file() for name in artifacts.values()):
        return None
    return artifacts


def _resolve_with_maven(profile: str, staging: Path) -> dict[str, str]:
    """Copy a profile's runtime jars into ``staging``; return what came."""
    listing = staging / "artifacts.txt"
    goals = [
        "-P",
        profile,
        "dependency:copy-dependencies",
        "dependency:list",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={staging}",
        f"-DoutputFile={listing}",
    ]
    what = "Neo4j server jars" if profile == "server" else f"plugin {profile!r}"
    for offline in (True, False):
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if _run_maven(goals, what, offline=offline):
            break
    artifacts = _parse_dependency_list(listing.read_text())
    listing.unlink()
    missing = [name for name in artifacts.values() if not (staging / name).is_file()]
    if missing:
        raise PrerequisiteError(f"Maven listed jars it did not copy: {', '.join(missing[:5])}")
    return artifacts


def _build_extension(profile: str, source: Path, staging: Path) -> dict[str, str]:
    """Build the small extension jar a plugin needs; copy it into ``staging``."""
    build_dir = BUILD_DIR / source.name
    goals = ["package", "-Dmaven.test.skip=true", f"-Djejaring.build.dir={build_dir}"]
    what = f"{source.name} jar of plugin {profile!r}"
    for offline in (True, False):
        shutil.rmtree(build_dir, ignore_errors=True)
        if _run_maven(goals, what, offline=offline, pom=source / "pom.xml"):
            break
    jar_name = f"jejaring-{source.name}.jar"
    shutil.copy2(build_dir / jar_name, staging / jar_name)
    return {f"jejaring:jejaring-{source.name}": jar_name}


def _run_maven(goals: list[str], what: str, *, offline: bool, pom: Path = POM_PATH) -> bool:
    """Run Maven on ``pom`` (neo4j_local/pom.xml by default).

    Offline it runs quietly and just reports success, which is how a warm
    ~/.m2 is used without touching the network. Online it prints progress
    lines as files arrive and raises PrerequisiteError on failure.
    """
    command = [_maven_executable(), "-B", "-f", str(pom)]
    if offline:
        done = subprocess.run(command + ["-o", "-q"] + goals, capture_output=True, text=True)
        return done.returncode == 0
    _say(f"running Maven for the {what} (first time only: downloads from Maven Central)")
    started = time.monotonic()
    process = subprocess.Popen(
        command + goals,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    tail, count = _follow_maven_output(process)
    if process.wait() != 0:
        raise PrerequisiteError(
            f"Maven could not resolve the {what} (exit {process.returncode}); "
            "last lines of its output:\n" + "\n".join(tail)
        )
    _say(f"{what}: ready ({count} files downloaded in {time.monotonic() - started:.0f} s)")
    return True


def _follow_maven_output(process: subprocess.Popen) -> tuple[list[str], int]:
    """Read Maven's output, print a line every few downloads; return its tail."""
    tail: collections.deque[str] = collections.deque(maxlen=LOG_TAIL_LINES)
    count, last_report = 0, time.monotonic()
    assert process.stdout is not None
    for line in process.stdout:
        tail.append(line.rstrip())
        if "Downloaded from" not in line:
            continue
        count += 1
        if count % 25 == 0 or time.monotonic() - last_report > 10:
            name = re.search(r"/([^/\s]+) \(", line)
            _say(f"  ... {count} files downloaded (latest: {name.group(1) if name else '?'})")
            last_report = time.monotonic()
    return list(tail), count


def _parse_dependency_list(text: str) -> dict[str, str]:
    """Turn ``dependency:list`` output into ``{"group:artifact": file name}``.

    Lines look like ``g:a:jar:1.0:compile`` or ``g:a:jar:classifier:1.0:runtime``,
    possibly followed by `` -- module name``; copy-dependencies names the
    files ``a-1.0.jar`` / ``a-1.0-classifier.jar``.
    """
    artifacts: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.strip().split(" ")[0].split(":")
        if len(parts) not in (5, 6):
            continue
        group, artifact, kind = parts[0], parts[1], parts[2]
        version = parts[-2]
        classifier = f"-{parts[3]}" if len(parts) == 6 else ""
        if kind == "jar":
            artifacts[f"{group}:{artifact}"] = f"{artifact}-{version}{classifier}.jar"
    return artifacts


# --------------------------------------------------------------------------
# Home folder: config, password, plugins


def _prepare_home(settings: Settings) -> str:
    """Create the home folders and write neo4j.conf; return its text."""
    for folder in (
        settings.conf_dir,
        settings.data_dir,
        settings.logs_dir,
        settings.run_dir,
        settings.plugins_dir,
        settings.import_dir,
    ):
        folder.mkdir(parents=True, exist_ok=True)
    conf_text = _render_conf(settings)
    (settings.conf_dir / "neo4j.conf").write_text(conf_text)
    return conf_text


def _render_conf(settings: Settings) -> str:
    """Fill neo4j.conf.template for these settings."""
    if settings.plugins:
        namespaces = ",".join(KNOWN_PLUGINS[name] for name in settings.plugins)
        plugin_settings = f"dbms.security.procedures.unrestricted={namespaces}"
    else:
        plugin_settings = "# no plugins enabled (JEJARING_NEO4J_PLUGINS)"
    return string.Template(CONF_TEMPLATE.read_text()).substitute(
        bolt_port=settings.port,
        http_enabled="true" if settings.http_port else "false",
        http_port=settings.http_port or 7474,
        plugin_settings=plugin_settings,
        data_dir=settings.data_dir,
        logs_dir=settings.logs_dir,
        plugins_dir=settings.plugins_dir,
        run_dir=settings.run_dir,
        import_dir=settings.import_dir,
        lib_dir=LIB_DIR,
    )


def _set_initial_password(settings: Settings, java: str) -> None:
    """Give user neo4j its password before the very first start.

    Neo4j reads ``data/dbms/auth.ini`` once, when it creates the system
    database; afterwards the password lives in that database, so this is
    skipped once ``data/databases/system`` exists.
    """
    if (settings.data_dir / "databases" / "system").exists():
        return
    command = [
        java,
        "-cp",
        str(LIB_DIR / "*"),
        ADMIN_TOOL,
        "dbms",
        "set-initial-password",
        settings.password,
    ]
    env = dict(os.environ, NEO4J_HOME=str(settings.home), NEO4J_CONF=str(settings.conf_dir))
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise StartError(
            "neo4j-admin dbms set-initial-password failed (NEO4J_PASSWORD must have "
            f"at least 8 characters):\n{done.stdout}{done.stderr}".rstrip()
        )


def _sync_plugins(settings: Settings) -> tuple[str, ...]:
    """Copy the enabled plugins' jars into ``<home>/plugins``.

    Only jars this module put there before are removed, so a jar a developer
    dropped in by hand stays. Returns the plugins actually installed.
    """
    manifest = settings.plugins_dir / PLUGIN_MANIFEST
    for name in _read_json(manifest).get("jars", []):
        (settings.plugins_dir / name).unlink(missing_ok=True)
    installed, jars, seen = [], [], set()
    for plugin in settings.plugins:
        source = PLUGIN_JARS_DIR / plugin
        artifacts = _read_marker(source, _fingerprint(plugin))
        if artifacts is None:
            continue
        for key, name in sorted(artifacts.items()):
            if key not in seen:
                shutil.copy2(source / name, settings.plugins_dir / name)
                seen.add(key)
                jars.append(name)
        installed.append(plugin)
    manifest.write_text(json.dumps({"plugins": installed, "jars": jars}, indent=1))
    return tuple(installed)


def _read_json(path: Path) -> dict:
    """Load a small JSON file, or {} when it is missing or broken."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# --------------------------------------------------------------------------
# Java command line


def _java_command(settings: Settings, java: str, conf_text: str) -> list[str]:
    """Build the java command the way Neo4j's own launcher does.

    Class path: plugins, then conf, then lib; JVM flags from the
    ``server.jvm.additional`` lines and heap settings of neo4j.conf.
    """
    class_path = os.pathsep.join(
        str(folder / "*") for folder in (settings.plugins_dir, settings.conf_dir, LIB_DIR)
    )
    return [
        java,
        *_jvm_options(conf_text),
        "-cp",
        class_path,
        ENTRY_POINT,
        f"--home-dir={settings.home}",
        f"--config-dir={settings.conf_dir}",
    ]


def _jvm_options(conf_text: str) -> list[str]:
    """JVM arguments named in a neo4j.conf text."""
    options, heap = [], {}
    for line in conf_text.splitlines():
        key, sep, value = line.strip().partition("=")
        if not sep or key.startswith("#"):
            continue
        if key == "server.jvm.additional":
            options.append(value.strip())
        elif key in ("server.memory.heap.initial_size", "server.memory.heap.max_size"):
            heap[key] = value.strip()
    if "server.memory.heap.initial_size" in heap:
        options.append(f"-Xms{heap['server.memory.heap.initial_size']}")
    if "server.memory.heap.max_size" in heap:
        options.append(f"-Xmx{heap['server.memory.heap.max_size']}")
    options.append("-Dfile.encoding=UTF-8")
    return options


# --------------------------------------------------------------------------
# Processes, pid file, ports


@contextlib.contextmanager
def _home_lock(settings: Settings) -> Iterator[None]:
    """Serialise start/stop on one home folder across processes."""
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.run_dir / "manager.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _is_alive(pid: int) -> bool:
    """True while process ``pid`` exists and is not a zombie."""
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"


def _is_our_server(pid: int, settings: Settings) -> bool:
    """True if ``pid`` is a Neo4j server of this home (guards pid reuse)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False
    except OSError:
        return True  # no /proc to ask: trust the pid file
    wanted = f"--home-dir={settings.home}".encode()
    return ENTRY_POINT.encode() in args and wanted in args


def _running_pid(settings: Settings) -> int | None:
    """Pid of this home's running server; stale pid files are removed."""
    try:
        raw = settings.pid_file.read_text().strip()
    except FileNotFoundError:
        return None
    pid = int(raw) if raw.isdigit() else None
    if pid is not None and _is_alive(pid) and _is_our_server(pid, settings):
        return pid
    _say(f"removing stale pid file {settings.pid_file} (no Neo4j server runs as pid {raw or '?'})")
    _clear_run_files(settings)
    return None


def _clear_run_files(settings: Settings) -> None:
    """Remove the pid file and the run info of this home."""
    settings.pid_file.unlink(missing_ok=True)
    settings.info_file.unlink(missing_ok=True)


def _port_in_use(port: int) -> bool:
    """True if something on 127.0.0.1 already accepts or holds ``port``."""
    if _tcp_open(port):
        return True
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            return True
    return False


def _tcp_open(port: int, timeout: float = 1.0) -> bool:
    """True if a TCP connection to 127.0.0.1:port is accepted."""
    try:
        with socket.create_connection((LOOPBACK, port), timeout=timeout):
            return True
    except OSError:
        return False


def _check_ports_free(settings: Settings) -> None:
    """Refuse to start when another program holds one of our ports."""
    ports = [("Bolt", settings.port)]
    if settings.http_port:
        ports.append(("HTTP", settings.http_port))
    for label, port in ports:
        if _port_in_use(port):
            raise PortInUseError(
                f"port {port} on {LOOPBACK} is already in use by another program, so "
                f"the local Neo4j server cannot listen there for {label}. Stop that "
                f"program, or choose another port (--port N / JEJARING_NEO4J_PORT=N)."
            )


def _bolt_uri(port: int) -> str:
    return f"bolt://{LOOPBACK}:{port}"


# --------------------------------------------------------------------------
# Logs


def _log_sizes(settings: Settings) -> dict[Path, int]:
    """Current size of the logs, so an error shows only this start's lines."""
    return {
        path: (path.stat().st_size if path.exists() else 0)
        for path in (settings.server_log, settings.console_log)
    }


def _log_excerpt(since: dict[Path, int]) -> str:
    """The last lines each log got since ``since``, with the first ERROR line."""
    parts = []
    for path, offset in since.items():
        try:
            with open(path, "rb") as handle:
                handle.seek(offset)
                lines = handle.read().decode("utf-8", "replace").splitlines()
        except OSError:
            continue
        if not lines:
            continue
        tail = lines[-LOG_TAIL_LINES:]
        first_error = next((line for line in lines if " ERROR " in line), None)
        if first_error and first_error not in tail:
            tail = [first_error, "..."] + tail
        parts.append(f"--- last lines of {path} ---\n" + "\n".join(tail))
    return "\n".join(parts) or "(the server wrote no log lines)"


# --------------------------------------------------------------------------
# Public API


def start(
    *, port: int | None = None, timeout: float = 180, home: Path | str | None = None
) -> ServerInfo:
    """Start the local Neo4j server and wait until Bolt answers.

    Returns at once with the existing server's details if this home's
    server already runs. Raises PortInUseError if another program holds the
    port, PrerequisiteError if Java/Maven/jars are missing, and StartError
    (with the last lines of the server log) if the server does not answer
    within ``timeout`` seconds of launching the JVM (a first-time download of
    the jars is not counted). A server that fails is stopped again.
    """
    settings = load_settings(home=home, port=port)
    with _home_lock(settings):
        existing = _existing_server(settings)
        if existing is not None:
            return existing
        _check_ports_free(settings)
        java = _java_executable()
        ensure_jars(settings.plugins if settings.plugins_explicit else None)
        return _launch(settings, java, timeout)


def _existing_server(settings: Settings) -> ServerInfo | None:
    """Info of this home's running server, after telling the user about it."""
    pid = _running_pid(settings)
    if pid is None:
        return None
    info = _read_json(settings.info_file)
    port = int(info.get("port") or settings.port)
    _say(f"Neo4j is already running (pid {pid}) at {_bolt_uri(port)}")
    if port != settings.port:
        _say(f"note: it listens on port {port}, not {settings.port}; stop it to change the port")
    return ServerInfo(
        pid=pid,
        port=port,
        bolt_uri=_bolt_uri(port),
        home=settings.home,
        password=settings.password,
        plugins=tuple(info.get("plugins", ())),
        http_port=info.get("http_port"),
        already_running=True,
        command=tuple(info.get("command", ())),
    )


def _launch(settings: Settings, java: str, timeout: float) -> ServerInfo:
    """Write the config, spawn the JVM, record its pid and wait for Bolt."""
    conf_text = _prepare_home(settings)
    _set_initial_password(settings, java)
    plugins = _sync_plugins(settings)
    command = _java_command(settings, java, conf_text)
    marks = _log_sizes(settings)
    _say(
        f"starting Neo4j on {_bolt_uri(settings.port)} (home {settings.home}, "
        f"plugins: {', '.join(plugins) or 'none'})"
    )
    started = time.monotonic()
    process = _spawn(settings, command)
    info = ServerInfo(
        pid=process.pid,
        port=settings.port,
        bolt_uri=_bolt_uri(settings.port),
        home=settings.home,
        password=settings.password,
        plugins=plugins,
        http_port=settings.http_port,
        command=tuple(command),
    )
    _write_run_files(settings, info)
    try:
        _wait_until_ready(process, info, started + timeout, marks)
    except BaseException:
        _terminate(process.pid, 10)
        _clear_run_files(settings)
        raise
    _say(f"Neo4j is up (pid {process.pid}) after {time.monotonic() - started:.1f} s")
    return info


def _spawn(settings: Settings, command: list[str]) -> subprocess.Popen:
    """Start the JVM detached from our terminal, output to logs/console.log."""
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    with open(settings.console_log, "ab") as console:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            cwd=settings.home,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
    _CHILDREN[process.pid] = process
    return process


def _write_run_files(settings: Settings, info: ServerInfo) -> None:
    """Record pid and connection details for status() and later calls."""
    settings.pid_file.write_text(f"{info.pid}\n")
    details = {
        "pid": info.pid,
        "port": info.port,
        "bolt_uri": info.bolt_uri,
        "http_port": info.http_port,
        "plugins": list(info.plugins),
        "command": list(info.command),
        "started_at": time.time(),
    }
    settings.info_file.write_text(json.dumps(details, indent=1))


def _wait_until_ready(
    process: subprocess.Popen, info: ServerInfo, deadline: float, marks: dict[Path, int]
) -> None:
    """Poll until Bolt accepts a verified driver connection."""
    while True:
        if process.poll() is not None:
            raise StartError(
                f"Neo4j exited with code {process.returncode} while starting. If a plugin is "
                "to blame, try JEJARING_NEO4J_PLUGINS=none.\n" + _log_excerpt(marks)
            )
        if _tcp_open(info.port) and _bolt_answers(info):
            return
        if time.monotonic() > deadline:
            raise StartError(
                f"Neo4j did not answer on {info.bolt_uri} in time; it was stopped.\n"
                + _log_excerpt(marks)
            )
        time.sleep(POLL_SECONDS)


def _bolt_answers(info: ServerInfo) -> bool:
    """True once the driver can log in; a rejected password is fatal."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    try:
        with GraphDatabase.driver(info.bolt_uri, auth=info.auth, connection_timeout=5) as driver:
            driver.verify_connectivity()
        return True
    except AuthError as error:
        raise StartError(
            f"Neo4j runs but refused user {info.user!r}: {error.message}. The data in "
            f"{info.home / 'data'} was created with another NEO4J_PASSWORD; use that one, "
            "or remove the data folder to start afresh."
        ) from error
    except (DriverError, Neo4jError, OSError):
        return False


def stop(timeout: float = 60, *, home: Path | str | None = None) -> bool:
    """Stop this home's server: SIGTERM, then SIGKILL after ``timeout`` s.

    Returns True if a server was stopped, False if none was running.
    The pid file is removed either way.
    """
    settings = load_settings(home=home)
    with _home_lock(settings):
        pid = _running_pid(settings)
        if pid is None:
            _say("Neo4j is not running")
            return False
        _say(f"stopping Neo4j (pid {pid})")
        _terminate(pid, timeout)
        _clear_run_files(settings)
        _say("Neo4j stopped")
        return True


def _terminate(pid: int, timeout: float) -> None:
    """Ask the JVM to shut down cleanly; kill it if it will not."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return
    _say(f"Neo4j (pid {pid}) did not stop within {timeout:g} s; sending SIGKILL")
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _wait_gone(pid, 10)


def _wait_gone(pid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for ``pid`` to exit."""
    deadline = time.monotonic() + timeout
    while _is_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    _CHILDREN.pop(pid, None)
    return True


def status(*, home: Path | str | None = None) -> ServerStatus:
    """Report whether this home's server runs, its pid and Bolt URI."""
    settings = load_settings(home=home)
    pid = _running_pid(settings)
    if pid is None:
        return ServerStatus(running=False, home=settings.home)
    info = _read_json(settings.info_file)
    port = int(info.get("port") or settings.port)
    return ServerStatus(
        running=True,
        home=settings.home,
        pid=pid,
        port=port,
        bolt_uri=_bolt_uri(port),
        bolt_reachable=_tcp_open(port),
        plugins=tuple(info.get("plugins", ())),
    )
