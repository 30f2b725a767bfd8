"""What the browser tests and the app benchmark (bench/bench_app.py) share.

Serving the app with ``streamlit run`` on a free port of 127.0.0.1, Debian's headless Chromium
(never a downloaded browser), and the page conditions both wait on: the app is idle, the
network drawing is on its canvas. No pytest in here: a failure is an :class:`AppStartError`,
which tests.e2e.conftest turns into a test failure and the benchmark into a broken-off run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from settings import PROJECT_ROOT

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "STARTUP_TIMEOUT",
    "AppServer",
    "AppStartError",
    "free_port",
    "start_app",
    "stop_app",
    "IDLE",
    "DRAWN",
    "DRAWN_OR_ERROR",
    "NETWORK_SIZE",
    "CANVAS_MEASURE",
]

CHROMIUM = os.environ.get("JEJARING_CHROMIUM", "/usr/bin/chromium")
# No sandbox (containers), no GPU, and none of Chromium's own calls home: every request the
# page makes must be to the app on 127.0.0.1.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT = 90  # seconds for `streamlit run` to answer /_stcore/health


class AppStartError(RuntimeError):
    """The app exited or did not answer in time; the message ends with its log."""


@dataclass
class AppServer:
    """A running ``streamlit run app.py`` and the workspace it uses."""

    url: str
    workspace: Path
    process: subprocess.Popen
    log: Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll /_stcore/health until it answers "ok" (bounded); raise with the server log."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AppStartError(
                f"the app exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling interval, not a wait for something to happen
    raise AppStartError(
        f"the app did not answer within {STARTUP_TIMEOUT}s:\n{log.read_text()[-3000:]}"
    )


def start_app(workspace: Path, log: Path) -> AppServer:
    """Start the app on a free 127.0.0.1 port with ``workspace``; returns once it is healthy."""
    port = free_port()
    env = {
        **os.environ,
        "JEJARING_WORKSPACE": str(workspace),
        "JEJARING_BACKEND": "memory",
    }
    env.pop("JEJARING_LANG", None)  # Bahasa Indonesia, the default
    # The project's .streamlit/config.toml is used as it is (usage statistics off, among
    # others): the test sees what a workshop laptop sees.
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    handle = log.open("w")
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
    except BaseException:
        stop_app(process)
        raise
    return AppServer(url=url, workspace=workspace, process=process, log=log)


def stop_app(process: subprocess.Popen) -> None:
    """Stop the server started here (only that process), waiting a bounded time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


# Streamlit 1.52 marks its root element with the connection and script state; the status
# widget shows a running icon while a script runs.
IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector('[data-testid="stStatusWidgetRunningManIcon"]');
}"""

# The network drawing, inside the component's iframe (same origin, srcdoc): a sized canvas
# with at least one painted pixel, and, when the template exposes the vis Network, physics
# either off or stabilised.
DRAWN = """() => {
  for (const frame of document.querySelectorAll('iframe')) {
    let doc, win;
    try { win = frame.contentWindow; doc = frame.contentDocument; } catch (e) { continue; }
    if (!doc) continue;
    const canvas = doc.querySelector('#jj-network canvas') || doc.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height) continue;
    const net = win.jejaringNetwork;
    if (net && net.physics && net.physics.physicsEnabled && !net.physics.stabilized) return false;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
  }
  return false;
}"""

# Drawn, or an error box on the page: an error ends the wait at once with its text.
DRAWN_OR_ERROR = f"""() => ({DRAWN})()
  || !!document.querySelector('[data-testid="stAlertContentError"], [data-testid="stException"]')"""

# What the drawing holds: [nodes, lines, physics on] of the vis Network, or null.
# Whether the drawing holds a node with this id (vis DataSet of the iframe's Network).
HAS_NODE = """(key) => {
  for (const frame of document.querySelectorAll('iframe')) {
    let net;
    try { net = frame.contentWindow.jejaringNetwork; } catch (e) { continue; }
    if (net && net.body.data.nodes.get(key)) return true;
  }
  return false;
}"""

NETWORK_SIZE = """() => {
  for (const frame of document.querySelectorAll('iframe')) {
    let net;
    try { net = frame.contentWindow.jejaringNetwork; } catch (e) { continue; }
    if (net) return [net.body.data.nodes.length, net.body.data.edges.length,
                     !!net.physics.physicsEnabled];
  }
  return null;
}"""

# What the network drawing looks like on screen, for a node key (or null): the names drawn
# (their boxes in CSS pixels, from the page's own labels or, on a page without them,
# vis-network's), how many overlap and the smallest font size in pixels; how much of the canvas
# the nodes fill (the bounding box of their discs, and the share of a k x k grid's cells that
# hold a node, about three nodes per cell, so a drawing squeezed into a corner with a few
# outliers does not count as full); and for the node: where it is, its radius on screen,
# and how many other nodes cover it.
CANVAS_MEASURE = """(focus) => {
  for (const frame of document.querySelectorAll('iframe')) {
    let net, win, doc;
    try { win = frame.contentWindow; doc = frame.contentDocument; net = win.jejaringNetwork; }
    catch (e) { continue; }
    if (!net) continue;
    const canvas = doc.querySelector('#jj-network canvas');
    const W = canvas.clientWidth, H = canvas.clientHeight, scale = net.getScale();
    let labels = [];
    if (typeof win.jejaringLabelBoxes === 'function') {
      labels = win.jejaringLabelBoxes();
    } else {
      for (const id of net.body.nodeIndices) {
        const node = net.body.nodes[id], size = node.labelModule.size;
        if (!node.options.label || !size || !size.width) continue;
        const corner = net.canvasToDOM({x: size.left, y: size.top});
        labels.push({id: id, left: corner.x, top: corner.y, width: size.width * scale,
                     height: size.height * scale, px: node.options.font.size * scale});
      }
    }
    const shown = labels.filter(b => b.left < W && b.left + b.width > 0
                                     && b.top < H && b.top + b.height > 0);
    let overlaps = 0;
    for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i], b = shown[j];
      if (a.left < b.left + b.width && b.left < a.left + a.width
          && a.top < b.top + b.height && b.top < a.top + a.height) overlaps++;
    }
    const pos = net.getPositions(), discs = {};
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of Object.keys(pos)) {
      const p = net.canvasToDOM(pos[id]), r = (net.body.nodes[id].options.size || 10) * scale;
      discs[id] = [p.x, p.y, r];
      x0 = Math.min(x0, p.x - r); y0 = Math.min(y0, p.y - r);
      x1 = Math.max(x1, p.x + r); y1 = Math.max(y1, p.y + r);
    }
    const boxW = Math.max(0, Math.min(W, x1) - Math.max(0, x0));
    const boxH = Math.max(0, Math.min(H, y1) - Math.max(0, y0));
    const all = Object.values(discs);
    const k = Math.max(2, Math.round(Math.sqrt(all.length / 3)));
    const cells = new Set();
    for (const [x, y] of all) {
      if (x >= 0 && x < W && y >= 0 && y < H) cells.add(Math.floor(x / W * k) + ':' + Math.floor(y / H * k));
    }
    let covered = 0;
    const mine = focus && discs[focus];
    if (mine) {
      for (const id of Object.keys(discs)) {
        if (id === focus) continue;
        const [x, y, r] = discs[id];
        if (Math.hypot(x - mine[0], y - mine[1]) < (r + mine[2]) * 0.9) covered++;
      }
    }
    return {nodes: all.length, canvas: [W, H], scale: scale, labels: shown.length,
            named: shown.map(b => b.id),
            min_px: shown.length ? Math.min(...shown.map(b => b.px)) : 0,
            overlaps: overlaps, box_fill: (boxW * boxH) / (W * H), cell_fill: cells.size / (k * k),
            focus_at: mine ? [mine[0], mine[1]] : null, focus_radius: mine ? mine[2] : null,
            focus_covered: covered};
  }
  return null;
}"""
