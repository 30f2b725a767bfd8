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
