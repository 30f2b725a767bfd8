"""The benchmark results page (docs/benchmarks-results.md), written by ``bench/run.py``.

The page holds one section per benchmark and size (full or quick). A run replaces the
sections of the benchmarks it ran and keeps the others, so running one benchmark never
erases the figures of another. Each section says when and where it ran (date, cores, CPU,
memory, Python, platform, load average at the start), the command that repeats it, its
wall time, every ratio, target and verdict the benchmark returned, and everything the
benchmark printed.
"""

from __future__ import annotations

import contextlib
import io
import os
import platform
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = PROJECT_ROOT / "docs" / "benchmarks-results.md"
MODES = ("full", "quick")

HEADER = """# Benchmark results

Written by `bench/run.py` (`make bench`, `make bench-quick`); do not edit by hand. Each run
replaces the sections of the benchmarks it ran and keeps the others, so the sections may come
from different days and machines: each says when and where it ran. What the benchmarks
measure and how to run them: [benchmarks.md](benchmarks.md).
"""

# keys of a benchmark's result that hold a ratio, a target or a verdict
_SUMMARY_KEY = re.compile(r"ratio|speedup|target|verdict|^pass$|^exact$|idempotent", re.I)
# fields that name an item of a list of results (a view, a page, a metric, a sample size)
_ITEM_NAMES = ("benchmark", "metric", "page", "view", "name", "k")
_SECTION = re.compile(r"<!-- bench:(\w+):(full|quick) -->\n.*?<!-- /bench:\1:\2 -->\n", re.S)


@dataclass
class Run:
    """One benchmark as ``bench/run.py`` ran it: what it returned and what it printed."""

    name: str
    quick: bool
    started: datetime
    machine: dict[str, Any]
    seconds: float = 0.0
    result: Any = None
    output: str = ""
    error: str | None = None  # the exception that broke the run off

    @property
    def mode(self) -> str:
        """``quick`` or ``full``."""
        return "quick" if self.quick else "full"

    @property
    def command(self) -> str:
        """The command that runs this benchmark again at the same size."""
        return _command(self.name, self.mode)


def _command(name: str, mode: str) -> str:
    return " ".join(["bench/run.py", *(["--quick"] if mode == "quick" else []), name])


def machine_facts() -> dict[str, Any]:
    """Cores, CPU model, memory, Python, platform and the load average, read now."""
    return {
        "cores": os.cpu_count(),
        "cpu": _proc_field("/proc/cpuinfo", "model name"),
        "memory": _memory(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _proc_field(path: str, name: str) -> str | None:
    """The value of the first ``name: value`` line of a /proc file (None elsewhere)."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


def _memory() -> str | None:
    """Total memory as ``N.N GiB`` (None where /proc/meminfo is missing)."""
    total = _proc_field("/proc/meminfo", "MemTotal")
    if not total or not total.split()[0].isdigit():
        return None
    return f"{int(total.split()[0]) / 2**20:.1f} GiB"


class _Tee(io.TextIOBase):
    """A text stream that writes to ``stream`` and keeps a copy of everything written."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.stream.write(text)
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()


@contextlib.contextmanager
def printed(into: list[str], stream: TextIO) -> Iterator[None]:
    """Print to ``stream`` as usual and append all of it, as one text, to ``into``."""
    tee = _Tee(stream)
    try:
        with contextlib.redirect_stdout(tee):
            yield
    finally:
        into.append("".join(tee.parts))


def summary_rows(result: Any) -> list[tuple[str, str]]:
    """Every ratio, target and verdict of a benchmark's result, with where it sits."""
    rows: list[tuple[str, str]] = []
    _collect(result, [], rows)
    return rows


def _collect(value: Any, path: list[str], rows: list[tuple[str, str]], every: bool = False) -> None:
    """Rows for the keys that name a ratio, target or verdict, and for every value under
    such a key (``"pass": {"pagerank": true, ...}``)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            wanted = every or bool(_SUMMARY_KEY.search(str(key)))
            if isinstance(item, Mapping | list):
                _collect(item, [*path, str(key)], rows, wanted)
            elif wanted:
                rows.append((" › ".join([*path, str(key)]), _shown(item)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _collect(item, [*path, _item_name(item, i)], rows, every)


def _item_name(item: Any, index: int) -> str:
    """``view=case study, page=ui/network.py`` for a list item that names itself, else ``#i``."""
    if isinstance(item, Mapping):
        names = [f"{key}={item[key]}" for key in _ITEM_NAMES if key in item]
        if names:
            return ", ".join(names)
    return f"#{index + 1}"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "PASS" if value else "FAIL"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def section(run: Run) -> str:
    """The page's section for one run, between its markers."""
    facts = run.machine
    where = ", ".join(
        part
        for part in (
            f"{facts.get('cores')} cores",
            facts.get("cpu"),
            f"{facts['memory']} memory" if facts.get("memory") else None,
            f"Python {facts.get('python')}",
            facts.get("platform"),
            "load average at the start "
            + " / ".join(str(x) for x in facts.get("load_average", [])),
        )
        if part
    )
    status = f"broke off: {run.error}" if run.error else "ran to its end"
    lines = [
        f"<!-- bench:{run.name}:{run.mode} -->",
        f"## {run.name} ({run.mode} size)",
        "",
        f"`{run.command}` on {run.started.strftime('%Y-%m-%d %H:%M UTC')}: "
        f"{run.seconds:.1f} s wall time, {status}.",
        f"Machine: {where}.",
        "",
        *_summary_table(summary_rows(run.result)),
        *_output_block(run.output),
        f"<!-- /bench:{run.name}:{run.mode} -->",
    ]
    return "\n".join(lines) + "\n"


def _summary_table(rows: Sequence[tuple[str, str]]) -> list[str]:
    if not rows:
        return []
    table = ["| ratio, target or verdict | value |", "|---|---|"]
    table += [f"| {name.replace('|', '/')} | {value.replace('|', '/')} |" for name, value in rows]
    return [*table, ""]


def _output_block(output: str) -> list[str]:
    fence = "````" if "```" in output else "```"
    return [
        "<details><summary>What the benchmark printed</summary>",
        "",
        f"{fence}text",
        output.rstrip("\n") or "(nothing)",
        fence,
        "",
        "</details>",
    ]


def placeholder(name: str, mode: str) -> str:
    """The section of a benchmark that has not run at this size yet."""
    command = _command(name, mode)
    return (
        f"<!-- bench:{name}:{mode} -->\n## {name} ({mode} size)\n\n"
        f"Not run at this size yet: `{command}` writes this section.\n"
        f"<!-- /bench:{name}:{mode} -->\n"
    )


def sections_of(text: str) -> dict[tuple[str, str], str]:
    """The sections of an existing page by (benchmark, mode), each with its markers."""
    return {(m.group(1), m.group(2)): m.group(0) for m in _SECTION.finditer(text)}


def page(names: Sequence[str], old: str, runs: Sequence[Run]) -> str:
    """The whole page: the new runs' sections, the other sections of ``old`` as they were."""
    sections = sections_of(old)
    for run in runs:
        sections[(run.name, run.mode)] = section(run)
    known = [(name, mode) for name in names for mode in MODES]
    order = known + sorted(set(sections) - set(known))
    body = "\n".join(sections.get(key) or placeholder(*key) for key in order)
    return f"{HEADER}\n{body}"


def write_page(names: Sequence[str], runs: Sequence[Run], path: Path = PAGE) -> Path:
    """Update the page at ``path`` with ``runs``; returns the path."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page(names, old, runs), encoding="utf-8")
    return path


def now() -> datetime:
    """The current time in UTC (the date a section states)."""
    return datetime.now(UTC)
