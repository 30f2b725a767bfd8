"""Benchmarks of the browser explorer: the network page in a real browser, and reruns of the
app with its caches warm against cleared, each measured side by side in one run.

1. Request to drawn network in Debian's headless Chromium (driven by Playwright, never a
   downloaded browser), on the app served by ``streamlit run`` on a free port of 127.0.0.1
   (tests/e2e/support.py, shared with the browser tests). The clock starts when the browser
   asks for ``/network`` and stops when the vis-network canvas has painted pixels and its
   physics is off or stabilised (the browser tests' DRAWN condition). Two views:
   (a) the curated case study (actors, programmes and interventions, as the page opens);
   (b) a seeded synthetic graph of 1,500 Actor and Intervention nodes, all of them sent:
   the page has no node cap (above 300 nodes it only keeps physics off, and positions come
   from Python), and the run checks the vis DataSet in the browser holds every node. Its
   kecamatan are not linked to each other (parts of at most 172 nodes); ``--connected``
   builds one connected kabupaten instead (one part laid out with the sparse spring layout).
   Cold: a fresh app process (started, healthy, nothing cached), first load in a new
   browser context. Warm: reloads of the same page in the same process. The workspace is
   filled before the app starts, so a cold run reads its graph.json, as on any start after
   the first.
2. One script run of a page with Streamlit's ``AppTest``: ``st.cache_data`` and
   ``st.cache_resource`` cleared (cold) against a second session with the caches warm
   (warm), alternating, several repetitions, medians: every page of app.py's navigation on
   the curated case study, the network page on the synthetic graph.
   Target (overview and network page): warm at least 10x faster than cold; the other pages'
   warm runs are printed so that a change can be checked against them (no page slower). The scripts' bytecode is kept between runs,
   as the server keeps it per process; AppTest alone would recompile app.py and the page
   on every run (that time is printed, not counted).

Results go to ``bench/results/app.json`` (``app-quick.json`` for ``--quick``: 400 synthetic
nodes, fewer repetitions). A missed target prints FAIL and does not change the exit status.

Run it with ``.venv/bin/python bench/bench_app.py [--quick] [--connected]`` or
``bench/run.py app``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(PROJECT_ROOT))

import networkx as nx  # noqa: E402

from drawing.view import DEFAULT_LABELS, network_universe  # noqa: E402
from graph.memory_store import MemoryStore  # noqa: E402
from graph.schema import validate_node, validate_relationship  # noqa: E402
from loaders.bootstrap import load_curated  # noqa: E402
from tests.e2e.support import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    DRAWN_OR_ERROR,
    IDLE,
    NETWORK_SIZE,
    start_app,
    stop_app,
)

RESULTS_DIR = PROJECT_ROOT / "bench" / "results"
APP = PROJECT_ROOT / "app.py"
SEED = 20_240_611
TARGET = 10.0  # warm rerun at least this many times faster than cold
TARGET_PAGES = ("ui/overview.py", "ui/network.py")  # the pages the target applies to
LOAD_MS = 600_000  # bound on one page load in the browser (a cold 1,500-node layout included)
VIEWPORT = {"width": 1400, "height": 1000}
ERROR_BOX = '[data-testid="stAlertContentError"], [data-testid="stException"]'


@dataclass(frozen=True)
class Sizes:
    synthetic_nodes: int
    cold_starts: int  # fresh app processes per view (browser)
    reloads: int  # warm reloads per process (browser)
    reruns: int  # cold/warm pairs per page (AppTest)


FULL = Sizes(synthetic_nodes=1_500, cold_starts=3, reloads=3, reruns=7)
QUICK = Sizes(synthetic_nodes=400, cold_starts=1, reloads=2, reruns=3)


def say(line: str = "") -> None:
    print(line, flush=True)


# -- the synthetic graph ---------------------------------------------------------------------
SOURCE = "bench_synthetic"
# (role, name, actor_type, sector, level) of the actors of one village
VILLAGE_ACTORS = (
    ("kepala_desa", "Kepala Desa", "village_government", "governance", "desa"),
    ("sekdes", "Sekretaris Desa", "village_government", "governance", "desa"),
    ("tpps", "TPPS Desa", "working_group", "governance", "desa"),
    ("tpk", "Tim Pendamping Keluarga", "working_group", "family_planning", "desa"),
    ("pkk", "TP PKK Desa", "community_group", "women_children", "desa"),
    ("bidan", "Bidan Desa", "health_facility", "health", "desa"),
    ("kader_posyandu", "Kader Posyandu", "cadre", "health", "dusun_rw"),
    ("kader_kb", "Kader KB", "cadre", "family_planning", "dusun_rw"),
    ("kader_bkb", "Kader BKB", "cadre", "family_planning", "dusun_rw"),
    ("ketua_rw", "Ketua RW", "community_leader", "governance", "dusun_rw"),
    ("tokoh_agama", "Tokoh Agama", "religious", "religion", "desa"),
    ("karang_taruna", "Karang Taruna", "community_group", "social_welfare", "desa"),
    ("umkm", "Kelompok UMKM", "business", "economy", "desa"),
    ("bumdes", "BUMDes", "business", "economy", "desa"),
)
# (role, name, intervention_kind, pillar) of the interventions of one village
VILLAGE_INTERVENTIONS = (
    ("posyandu", "Posyandu bulanan", "specific", "pilar_3"),
    ("pmt", "PMT balita", "specific", "pilar_3"),
    ("kelas_bumil", "Kelas ibu hamil", "specific", "pilar_3"),
    ("bkb", "Bina Keluarga Balita", "sensitive", "pilar_4"),
    ("jamban", "Jamban sehat", "sensitive", "pilar_4"),
    ("dashat", "Dapur Sehat Atasi Stunting", "sensitive", "pilar_4"),
    ("rembuk", "Rembuk stunting desa", "convergence", "pilar_2"),
)
KECAMATAN_ACTORS = (
    ("camat", "Camat", "government_office", "governance"),
    ("puskesmas", "Puskesmas", "health_facility", "health"),
    ("kua", "KUA", "religious", "religion"),
    ("plkb", "PLKB", "field_officer", "family_planning"),
)
KABUPATEN_ACTORS = (
    ("bappeda", "Bappeda", "government_office", "governance"),
    ("dinkes", "Dinas Kesehatan", "government_office", "health"),
    ("dp3akb", "DP3AKB", "government_office", "family_planning"),
    ("dpmd", "DPMD", "government_office", "governance"),
    ("baznas", "Baznas", "zakat_philanthropy", "social_welfare"),
    ("kodim", "Kodim", "military", "security"),
)
VILLAGES_PER_KECAMATAN = 8
# By default nothing ties one kecamatan to another, so the page lays out many parts of at most
# 172 nodes; ``bench_app.py --connected`` builds one connected kabupaten instead, whose single
# large part takes NetworkX's sparse (scipy) spring layout.


class _Builder:
    """Schema-valid node and relationship records, stopping at exactly ``limit`` nodes."""

    def __init__(self, limit: int, rng: random.Random) -> None:
        self.limit, self.rng = limit, rng
        self.nodes: list[dict[str, Any]] = []
        self.rels: list[dict[str, Any]] = []
        self.keys: set[str] = set()

    def _evidence(self) -> list[dict[str, Any]]:
        return [{"source": SOURCE, "section": "Sintetis", "paragraph": 1 + len(self.nodes) % 40}]

    def actor(self, key: str, name: str, atype: str, sector: str, level: str) -> str | None:
        if len(self.nodes) >= self.limit:
            return None
        self.nodes.append(
            {
                "label": "Actor",
                "id": key,
                "name": name,
                "name_en": name,
                "actor_type": atype,
                "sector": sector,
                "level": level,
                "evidence": self._evidence(),
                "synthetic": True,
            }
        )
        self.keys.add(f"Actor:{key}")
        return f"Actor:{key}"

    def intervention(self, key: str, name: str, kind: str, pillar: str) -> str | None:
        if len(self.nodes) >= self.limit:
            return None
        record = {
            "label": "Intervention",
            "id": key,
            "name": name,
            "name_en": name,
            "intervention_kind": kind,
            "pillar": pillar,
            "evidence": self._evidence(),
            "synthetic": True,
        }
        if self.rng.random() < 0.6:
            record["start"] = str(self.rng.randint(2019, 2023))
        self.nodes.append(record)
        self.keys.add(f"Intervention:{key}")
        return f"Intervention:{key}"

    def link(self, rel_type: str, start: str | None, end: str | None) -> None:
        if start is None or end is None or start == end:
            return
        self.rels.append(
            {
                "type": rel_type,
                "start": start,
                "end": end,
                "evidence": [{"source": SOURCE, "section": "Sintetis", "paragraph": 1}],
                "synthetic": True,
            }
        )


def _village(b: _Builder, key: str, label: str, offices: dict[str, str | None]) -> list[str]:
    """One village's actors and interventions and the links among them and to the kecamatan."""
    actors = {
        role: b.actor(f"{key}.{role}", f"{name} {label}", atype, sector, level)
        for role, name, atype, sector, level in VILLAGE_ACTORS
    }
    people = [a for a in actors.values() if a]
    for role in ("kader_posyandu", "kader_kb", "kader_bkb", "bidan"):
        b.link("MEMBER_OF", actors[role], actors["tpk"])
    for role in ("tpk", "pkk", "sekdes"):
        b.link("MEMBER_OF", actors[role], actors["tpps"])
    b.link("LEADS", actors["kepala_desa"], actors["tpps"])
    b.link("COORDINATES", offices.get("camat"), actors["kepala_desa"])
    b.link("SUPPORTS", offices.get("plkb"), actors["tpk"])
    for i, a in enumerate(people):
        for c in people[i + 1 :]:
            if b.rng.random() < 0.04:
                b.link("COLLABORATES_WITH", a, c)
    for role, name, kind, pillar in VILLAGE_INTERVENTIONS:
        work = b.intervention(f"{key}.{role}", f"{name} {label}", kind, pillar)
        if work is None:
            continue
        b.link("COORDINATES", actors["tpps"], work)
        doers = [a for a in people if a != actors["kepala_desa"]]
        for doer in b.rng.sample(doers, k=min(len(doers), b.rng.choice((1, 2, 2, 3)))):
            b.link("IMPLEMENTS", doer, work)
        office = offices.get("puskesmas" if kind == "specific" else "plkb")
        b.link("SUPPORTS", office, work)
        if b.rng.random() < 0.35:
            b.link("FUNDS", actors["kepala_desa"], work)
        if b.rng.random() < 0.05:
            b.link("FUNDS", offices.get("baznas"), work)
        if role == "rembuk":
            b.link("LEADS", actors["kepala_desa"], work)
    return people


def synthetic_app_graph(
    total: int, seed: int = SEED, *, connected: bool = False
) -> tuple[list[dict], list[dict]]:
    """A seeded graph of exactly ``total`` Actor and Intervention nodes (and one Source).

    Shaped like a kabupaten: offices on top, kecamatan offices below them, villages of 14
    actors and 7 interventions (who implements, coordinates, supports and funds each),
    and a few ties between neighbouring villages; every record passes the schema's checks.
    Unless ``connected``, nothing ties one kecamatan (172 nodes) to another or to the
    kabupaten offices: see the note at VILLAGES_PER_KECAMATAN for why.
    """
    b = _Builder(total, random.Random(seed))
    kab = {
        role: b.actor(f"kab.{role}", f"{name} Kabupaten Sintetis", atype, sector, "kabupaten")
        for role, name, atype, sector in KABUPATEN_ACTORS
    }
    for i, (a, _, _, _) in enumerate(KABUPATEN_ACTORS):
        for c, _, _, _ in KABUPATEN_ACTORS[i + 1 :]:
            if b.rng.random() < 0.5:
                b.link("COLLABORATES_WITH", kab[a], kab[c])
    previous: list[str] = []
    kec = 0
    while len(b.nodes) < total:
        offices: dict[str, str | None] = {
            role: b.actor(
                f"kec{kec:02d}.{role}", f"{name} Kec. {kec + 1}", atype, sector, "kecamatan"
            )
            for role, name, atype, sector in KECAMATAN_ACTORS
        }
        b.link("COLLABORATES_WITH", offices["camat"], offices["kua"])
        if connected:
            offices["baznas"] = kab["baznas"]
            b.link("COORDINATES", kab["bappeda"], offices["camat"])
            b.link("SUPPORTS", kab["dinkes"], offices["puskesmas"])
            b.link("SUPPORTS", kab["dp3akb"], offices["plkb"])
        else:
            previous = []  # no ties between villages of different kecamatan
        for v in range(VILLAGES_PER_KECAMATAN):
            if len(b.nodes) >= total:
                break
            label = f"Desa {kec + 1}.{v + 1}"
            people = _village(b, f"kec{kec:02d}.desa{v}", label, offices)
            if previous and people and b.rng.random() < 0.5:
                b.link("COLLABORATES_WITH", b.rng.choice(people), b.rng.choice(previous))
            previous = people or previous
        kec += 1
    source = {
        "label": "Source",
        "id": SOURCE,
        "name": "Data sintetis untuk benchmark",
        "name_en": "Synthetic benchmark data",
        "title": "Synthetic benchmark data",
        "sections": ["Sintetis"],
        "evidence": [{"source": SOURCE, "section": "Sintetis", "paragraph": 1}],
        "synthetic": True,
    }
    nodes = [*b.nodes, source]
    rels = [r for r in b.rels if r["start"] in b.keys and r["end"] in b.keys]
    for record in nodes:
        if errors := validate_node(record):
            raise ValueError(f"synthetic node is not schema-valid: {errors[0]}")
    for record in rels:
        if errors := validate_relationship(record):
            raise ValueError(f"synthetic relationship is not schema-valid: {errors[0]}")
    return nodes, rels


# -- workspaces ------------------------------------------------------------------------------
@dataclass
class View:
    """A workspace the app is pointed at and what the network page should show of it."""

    name: str
    workspace: Path
    nodes: int  # nodes the network page opens with (the default kinds of node)
    relationships: int
    largest_part: int | None = None  # nodes in the largest connected part the page lays out


def _view_of(name: str, workspace: Path) -> View:
    store = MemoryStore.in_workspace(workspace)
    counts = store.counts()
    shown = sum(n for label, n in counts["nodes"].items() if label in DEFAULT_LABELS)
    return View(name, workspace, shown, sum(counts["relationships"].values()))


def curated_view(folder: Path) -> View:
    """The curated case study, validated and loaded into the workspace before any app starts."""
    load_curated(MemoryStore.in_workspace(folder))
    return _view_of("curated case study", folder)


def synthetic_view(folder: Path, total: int, connected: bool = False) -> View:
    nodes, rels = synthetic_app_graph(total, connected=connected)
    store = MemoryStore.in_workspace(folder)
    store.upsert_nodes(nodes)
    store.upsert_relationships(rels)
    view = _view_of(f"synthetic {total:,} nodes", folder)
    if view.nodes != total:
        raise AssertionError(f"the synthetic view holds {view.nodes} nodes, not {total}")
    universe = network_universe(store.to_networkx()).to_undirected(as_view=True)
    view.largest_part = max((len(c) for c in nx.connected_components(universe)), default=0)
    return view


# -- part 1: the browser ---------------------------------------------------------------------
def _load(page, action: Callable[[], Any]) -> float:
    """Seconds from ``action`` (a navigation) to the drawn network; raise on an error box."""
    started = time.perf_counter()
    action()
    page.wait_for_function(DRAWN_OR_ERROR, timeout=LOAD_MS, polling=50)
    seconds = time.perf_counter() - started
    errors = page.locator(ERROR_BOX)
    if errors.count():
        first = errors.first.inner_text().strip().splitlines()[0]  # not the whole traceback
        raise RuntimeError(f"the network page shows an error: {first}")
    return seconds


def _check_sent(page, view: View) -> list[Any]:
    """The drawing's [nodes, lines, physics]; every node of the view must have been sent."""
    size = page.evaluate(NETWORK_SIZE)
    if not size or size[0] != view.nodes:
        raise AssertionError(f"{view.name}: the drawing holds {size}, expected {view.nodes} nodes")
    if size[2]:
        raise AssertionError(f"{view.name}: physics is on; positions should come from Python")
    return size


def browser_view(browser, view: View, sizes: Sizes, logs: Path) -> dict[str, Any]:
    """Cold loads (a fresh app each) and warm reloads of /network for one view."""
    cold, warm, starts, sent = [], [], [], None
    for attempt in range(sizes.cold_starts):
        log = logs / f"{view.workspace.name}-{attempt}.log"
        started = time.perf_counter()
        server = start_app(view.workspace, log)
        starts.append(time.perf_counter() - started)
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            url = f"{server.url}/network"
            cold.append(_load(page, lambda: page.goto(url, wait_until="commit")))  # noqa: B023
            sent = _check_sent(page, view)
            page.wait_for_function(IDLE, timeout=LOAD_MS)
            for _ in range(sizes.reloads):
                warm.append(_load(page, lambda: page.reload(wait_until="commit")))  # noqa: B023
                _check_sent(page, view)
                page.wait_for_function(IDLE, timeout=LOAD_MS)
        finally:
            context.close()
            stop_app(server.process)
        say(
            f"    start {attempt + 1}: app healthy after {starts[-1]:.1f} s; cold {cold[-1]:.2f} s; "
            f"warm {', '.join(f'{s:.2f}' for s in warm[-sizes.reloads :])} s"
        )
    return {
        "view": view.name,
        "nodes_sent": sent[0] if sent else None,
        "lines_drawn": sent[1] if sent else None,
        "app_start_seconds": [round(s, 2) for s in starts],
        "cold_seconds": [round(s, 3) for s in cold],
        "warm_seconds": [round(s, 3) for s in warm],
        "cold_median": round(statistics.median(cold), 3),
        "warm_median": round(statistics.median(warm), 3),
        "ratio": round(statistics.median(cold) / statistics.median(warm), 2),
    }


def bench_browser(views: list[View], sizes: Sizes, logs: Path) -> tuple[list[dict], str]:
    """Part 1 for every view; returns the rows and the browser's version."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise RuntimeError(
            "playwright is not installed; pip install -r requirements-dev.txt"
        ) from exc
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        raise RuntimeError(f"Chromium not found at {CHROMIUM}; apt-get install chromium")
    rows = []
    with sync_playwright() as api:
        browser = api.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            version = browser.version
            for view in views:
                say(f"  {view.name}: /network, {view.nodes:,} nodes")
                rows.append(browser_view(browser, view, sizes, logs))
        finally:
            browser.close()
    return rows, version


# -- part 2: AppTest reruns ------------------------------------------------------------------
@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def _server_like_script_cache() -> Iterator[float]:
    """Keep the scripts' bytecode between AppTest runs, as one server process does.

    AppTest builds a new ScriptCache for every run and so recompiles app.py and the page
    each time; yields the seconds one such compilation of the app and both pages takes.
    """
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    started = time.perf_counter()
    fresh = ScriptCache()
    for script in ("app.py", *TARGET_PAGES):
        fresh.get_bytecode(str(PROJECT_ROOT / script))
    compile_seconds = time.perf_counter() - started
    shared = ScriptCache()
    original = app_test.ScriptCache
    app_test.ScriptCache = lambda: shared
    try:
        yield compile_seconds
    finally:
        app_test.ScriptCache = original


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _one_run(page: str) -> float:
    """Seconds of one script run of ``page`` in a new session (a new AppTest)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=600).switch_page(page)
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    if at.error:
        raise RuntimeError(f"{page}: {at.error[0].value}")
    return seconds


def apptest_page(view: View, page: str, reruns: int) -> dict[str, Any]:
    """Cold and warm runs of one page, alternating, after one run that imports everything."""
    with _environment(JEJARING_WORKSPACE=str(view.workspace), JEJARING_BACKEND="memory"):
        _clear_caches()
        _one_run(page)  # imports pandas, altair, networkx, ...: not part of either number
        cold, warm = [], []
        for _ in range(reruns):
            _clear_caches()
            cold.append(_one_run(page))
            warm.append(_one_run(page))
        _clear_caches()
    ratio = statistics.median(cold) / statistics.median(warm)
    judged = {"target": TARGET, "verdict": "PASS" if ratio >= TARGET else "FAIL"}
    return {
        "view": view.name,
        "page": page,
        "cold_ms": [round(s * 1000, 1) for s in cold],
        "warm_ms": [round(s * 1000, 1) for s in warm],
        "cold_median_ms": round(statistics.median(cold) * 1000, 1),
        "warm_median_ms": round(statistics.median(warm) * 1000, 1),
        "ratio": round(ratio, 2),
        **(judged if page in TARGET_PAGES else {}),  # the other pages: measured, not judged
    }


def app_pages() -> list[str]:
    """The page scripts of app.py's navigation, in its order (read from app.py, not run)."""
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "PAGES" for target in node.targets
        ):
            return [script for script, _, _ in ast.literal_eval(node.value)]
    raise RuntimeError("app.py defines no PAGES")


def bench_apptest(curated: View, synthetic: View, reruns: int) -> tuple[list[dict], float]:
    """Part 2: every page of the navigation (curated), the network page (synthetic)."""
    # AppTest runs without a server, and Streamlit warns about that on every run and every
    # cache clearing: keep the report readable.
    with _environment(STREAMLIT_LOGGER_LEVEL="error"):
        from streamlit import config as st_config
        from streamlit import logger as st_logger

        st_config.get_option("logger.level")  # parse the configuration now, with the variable
    st_logger.set_log_level("error")
    rows = []
    with _server_like_script_cache() as compile_seconds:
        runs = [(curated, page) for page in app_pages()] + [(synthetic, "ui/network.py")]
        for view, page in runs:
            rows.append(apptest_page(view, page, reruns))
            row = rows[-1]
            say(
                f"  {page} on {view.name}: cold {row['cold_median_ms']:.0f} ms, "
                f"warm {row['warm_median_ms']:.1f} ms (medians of {reruns})"
            )
    return rows, compile_seconds


# -- the run ---------------------------------------------------------------------------------
def print_table(browser_rows: list[dict], apptest_rows: list[dict], sizes: Sizes) -> None:
    say()
    say(f"{'measure':<44} {'view':<26} {'cold':>10} {'warm':>10} {'cold/warm':>10} {'target':>8}")
    say("-" * 113)
    for row in browser_rows:
        say(
            f"{'browser: request -> network drawn':<44} {row['view']:<26} "
            f"{row['cold_median']:>8.2f} s {row['warm_median']:>8.2f} s {row['ratio']:>9.1f}x "
            f"{'-':>8}"
        )
    for row in apptest_rows:
        page = row["page"].removeprefix("ui/").removesuffix(".py")
        verdict = row.get("verdict", "-")
        say(
            f"{'AppTest: one run of ' + page:<44} {row['view']:<26} "
            f"{row['cold_median_ms']:>7.0f} ms {row['warm_median_ms']:>7.1f} ms "
            f"{row['ratio']:>9.1f}x {verdict:>8}"
        )
    say("-" * 113)
    say(
        f"browser: medians of {sizes.cold_starts} cold start(s) and "
        f"{sizes.cold_starts * sizes.reloads} warm reload(s) per view; "
        f"AppTest: medians of {sizes.reruns} cold/warm pairs; target warm >= {TARGET:g}x faster "
        f"({', '.join(Path(p).stem for p in TARGET_PAGES)})"
    )
    for row in browser_rows:
        say(
            f"  {row['view']}: {row['nodes_sent']:,} nodes and {row['lines_drawn']:,} lines in "
            f"the browser's drawing, physics off; app process start to healthy "
            f"{statistics.median(row['app_start_seconds']):.1f} s (not counted)"
        )


def run(quick: bool = False, connected: bool = False) -> dict[str, Any]:
    """Both parts; prints as it goes, writes the JSON and returns what it wrote."""
    sizes = QUICK if quick else FULL
    started = time.perf_counter()
    results: dict[str, Any] = {
        "benchmark": "app",
        "mode": "quick" if quick else "full",
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": SEED,
        "sizes": asdict(sizes),
    }
    folder = Path(tempfile.mkdtemp(prefix="jejaring-bench-app-"))
    try:
        curated = curated_view(folder / "curated")
        synthetic = synthetic_view(folder / "synthetic", sizes.synthetic_nodes, connected)
        results["synthetic_largest_part"] = synthetic.largest_part
        logs = folder / "logs"
        logs.mkdir()
        say(
            f"views: {curated.name} ({curated.nodes} nodes on the network page, "
            f"{curated.relationships} relationships in all); {synthetic.name} "
            f"({synthetic.nodes:,} Actor/Intervention nodes, {synthetic.relationships:,} "
            f"relationships, largest connected part {synthetic.largest_part} nodes, seed {SEED})"
        )
        say("[1] browser: request to drawn network (cold: fresh app process; warm: reload)")
        browser_rows, chromium = bench_browser([curated, synthetic], sizes, logs)
        say("[2] AppTest: one script run, caches cleared (cold) vs a new session (warm)")
        apptest_rows, compile_seconds = bench_apptest(curated, synthetic, sizes.reruns)
        import streamlit

        results["machine"] = {
            "cores": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "platform": platform.platform(),
            "python": platform.python_version(),
            "streamlit": streamlit.__version__,
            "chromium": chromium,
        }
        results["browser"] = browser_rows
        results["apptest"] = apptest_rows
        results["apptest_compile_ms_not_counted"] = round(compile_seconds * 1000, 1)
        print_table(browser_rows, apptest_rows, sizes)
        say(
            f"  AppTest alone would also recompile app.py and the page on every run: "
            f"{compile_seconds * 1000:.0f} ms for app.py + both pages (kept, as a server does)"
        )
        say(
            f"machine: {os.cpu_count()} cores, load average {results['machine']['load_average']}, "
            f"Chromium {chromium}, Streamlit {streamlit.__version__}"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    results["wall_seconds"] = round(time.perf_counter() - started, 1)
    path = RESULTS_DIR / ("app-quick.json" if quick else "app.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(
        f"app benchmark wall time {results['wall_seconds']:.0f} s; results in "
        f"{path.relative_to(PROJECT_ROOT)}"
    )
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: ``bench_app.py [--quick]``; exit 0 whether the target passes or fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="400 synthetic nodes and fewer repetitions, for a smoke test",
    )
    parser.add_argument(
        "--connected",
        action="store_true",
        help="one connected synthetic kabupaten instead of separate kecamatan",
    )
    args = parser.parse_args(argv)
    run(quick=args.quick, connected=args.connected)
    return 0


if __name__ == "__main__":
    sys.exit(main())
