"""Secrets and exposure: the Neo4j password appears in no log, message, page or export.

A Neo4j user with a distinctive password is created on the suite's server; the CLI, the
store (with the driver logging at DEBUG), every page of the app and every export format
then run against it, and everything they print, log, draw or write is searched for the
password, as is every message about a wrong password (searched for the wrong one too) and
the server's own log files. The secrets file is git-ignored and its example committed.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import cli
import tests.unit.test_app_pages as base
from graph.neo4j.store import Neo4jStore, StoreUnavailable
from tests.conftest import ROOT
from tests.unit.test_every_page import app_pages

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(900)]

USER = "jejaring_secret_check"
LOCKED_OUT = "jejaring_secret_wrong"  # gets the wrong password: the server may lock it a while
PASSWORD = "Rahasia-Sekali-4tQ8zW"
WRONG = "Salah-Tebak-7nB2xK"


def _leaks(text: str | bytes) -> list[str]:
    """Which of the two passwords ``text`` contains."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return [p for p in (PASSWORD, WRONG) if p in text]


@pytest.fixture(scope="module")
def secret_user(neo4j_server):
    """A user with the distinctive password on the suite's server (dropped afterwards)."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(neo4j_server.bolt_uri, auth=neo4j_server.auth) as admin:
        for user in (USER, LOCKED_OUT):
            admin.execute_query(
                "CREATE OR REPLACE USER $user SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                user=user,
                password=PASSWORD,
                database_="system",
            )
        try:
            yield neo4j_server
        finally:
            for user in (USER, LOCKED_OUT):
                admin.execute_query("DROP USER $user IF EXISTS", user=user, database_="system")


@pytest.fixture()
def secret_env(secret_user, neo4j_module_store, sources_dir, tmp_path, monkeypatch):
    """The settings of a user who configured the secret password; the graph starts empty."""
    neo4j_module_store.clear()
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.setenv("JEJARING_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", secret_user.bolt_uri)
    monkeypatch.setenv("NEO4J_USER", USER)
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.setenv("NEO4J_DATABASE", "neo4j")
    monkeypatch.setenv("JEJARING_WORKSPACE", str(tmp_path / "unused-workspace"))
    monkeypatch.delenv("JEJARING_LANG", raising=False)
    yield secret_user
    neo4j_module_store.clear()


def _run_cli(capsys, *argv: str) -> tuple[int, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def _page_text(at: AppTest) -> str:
    """Everything a rendered app holds: every element's full message (tables included)."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def test_the_password_is_in_no_output_log_or_export(secret_env, capsys, tmp_path):
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.DEBUG)
    root, driver_log = logging.getLogger(), logging.getLogger("neo4j")
    old_levels = root.level, driver_log.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    driver_log.setLevel(logging.DEBUG)
    try:
        # the store itself with the driver logging everything it does (connect, log in, run)
        store = Neo4jStore.from_settings()
        try:
            store.upsert_nodes([{"label": "Actor", "id": "probe", "name": "Probe"}])
            store.counts()
            store.clear()
        finally:
            store.close()
        assert "HELLO" in log.getvalue() or "LOGON" in log.getvalue()  # the login was logged
        outputs: dict[str, str] = {}
        for argv in (
            ("load",),
            ("stats",),
            ("stats", "--format", "json"),
            ("settings",),
            ("query", "--list"),
            ("query", "partners_of_actor", "--format", "json"),
            ("cypher", "MATCH (n) RETURN count(n) AS n"),
            ("import", str(ROOT / "data/templates/contoh_desa_fiktif.xlsx"), "--dry-run"),
        ):
            driver_log.setLevel(logging.DEBUG)  # cli.main quiets the driver: undo it
            code, text = _run_cli(capsys, *argv)
            assert code == 0, (argv, text[-2000:])
            outputs[" ".join(argv)] = text
        exports = tmp_path / "exports"
        for fmt in ("json", "graphml", "gexf", "csv", "cypher", "html", "svg"):
            code, text = _run_cli(
                capsys, "export", "--format", fmt, "--out", str(exports / f"graph.{fmt}")
            )
            assert code == 0, (fmt, text[-2000:])
            outputs[f"export {fmt}"] = text
    finally:
        root.removeHandler(handler)
        root.setLevel(old_levels[0])
        driver_log.setLevel(old_levels[1])
    assert "PASSWORD" in outputs["settings"] and "********" in outputs["settings"]
    assert {k: _leaks(v) for k, v in outputs.items() if _leaks(v)} == {}
    assert _leaks(log.getvalue()) == []
    written = sorted(exports.iterdir())
    assert len(written) == 7
    assert {p.name: _leaks(p.read_bytes()) for p in written if _leaks(p.read_bytes())} == {}


def test_a_wrong_password_is_reported_without_either_password(secret_env, capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_USER", LOCKED_OUT)
    monkeypatch.setenv("NEO4J_PASSWORD", WRONG)
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore.from_settings()
    message = str(caught.value)
    assert secret_env.bolt_uri in message and LOCKED_OUT in message
    assert _leaks(message) == [] and _leaks(repr(caught.value)) == []
    code, text = _run_cli(capsys, "stats")
    assert code == 2 and text.startswith("error: cannot reach Neo4j")
    assert len(text.strip().splitlines()) == 1 and _leaks(text) == []
    base._clear_caches()
    try:
        at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT).run()
        assert not at.exception, at.exception
        assert at.error and secret_env.bolt_uri in " ".join(e.value for e in at.error)
        assert _leaks(_page_text(at)) == []
    finally:
        base._clear_caches()


def test_every_page_of_the_app_keeps_the_password_hidden(secret_env):
    base._clear_caches()
    texts: dict[str, str] = {}
    try:
        for page in app_pages():
            at = AppTest.from_file(base.APP, default_timeout=base.TIMEOUT).run()
            at.switch_page(page).run()
            assert not at.exception, (page, at.exception)
            assert not at.error, (page, [e.value for e in at.error])
            texts[page] = _page_text(at)
    finally:
        _close_app_store(secret_env.bolt_uri)
        base._clear_caches()
    assert len(texts) == len(app_pages())
    assert "********" in texts["ui/settings_page.py"]  # the settings table masks it
    assert "Mongpok" in texts["ui/network.py"]  # the search covers what the pages draw
    assert {page: _leaks(text) for page, text in texts.items() if _leaks(text)} == {}


def _close_app_store(uri: str) -> None:
    from ui.state import _open_store

    with contextlib.suppress(Exception):  # best effort: the server outlives the test anyway
        _open_store("neo4j", uri).close()


def test_the_server_logs_hold_no_password(secret_env):
    """Runs after the tests above in this module: the server logged their logins and errors."""
    logs = Path(secret_env.home) / "logs"
    files = [p for p in logs.rglob("*") if p.is_file()]
    assert files
    assert {p.name: _leaks(p.read_bytes()) for p in files if _leaks(p.read_bytes())} == {}


def test_the_secrets_file_is_git_ignored_and_its_example_committed():
    example = ROOT / ".streamlit" / "secrets.toml.example"
    assert example.is_file()
    text = example.read_text(encoding="utf-8")
    assert "NEO4J_PASSWORD" in text and "jejaring-dev-password" not in text
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text().splitlines()
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        ignored = subprocess.run(
            [git, "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT, check=False
        )
        assert ignored.returncode == 0
        tracked = subprocess.run(
            [git, "ls-files", "--error-unmatch", ".streamlit/secrets.toml.example"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        assert tracked.returncode == 0, "the example secrets file is not committed"
