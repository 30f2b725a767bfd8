"""Where the app listens by default, what the documentation says about it, and the secrets file."""

from __future__ import annotations

import re
import tomllib

import pytest

import settings
from tests.conftest import ROOT


def _doc_section(page: str, title: str) -> str:
    text = (ROOT / page).read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n## ", start + len(title))
    return text[start : end if end != -1 else None]


def test_the_app_binds_where_streamlit_binds_by_default():
    from streamlit import config as st_config

    # Streamlit's own default: no address, which makes its server listen on every interface
    assert st_config._config_options_template["server.address"].default_val is None
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert "address" not in config["server"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^ADDRESS\s*\?=\s*$", makefile, re.M)
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    # the address is passed only when asked for (ADDRESS=127.0.0.1 for this machine only)
    assert "$(if $(ADDRESS),--server.address $(ADDRESS))" in run_recipe


def test_the_documentation_states_both_bindings_as_they_are():
    section = _doc_section("docs/app.md", "## Running the app for a workshop (LAN) vs localhost")
    assert "where Streamlit listens by default" in section
    assert "every network interface" in section and "127.0.0.1 only" in section
    assert "make run ADDRESS=127.0.0.1" in section


def test_a_broken_secrets_file_is_named_without_its_content(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('NEO4J_PASSWORD = "half-typed-secret\n', encoding="utf-8")
    monkeypatch.setattr(settings, "_secrets_file", lambda: secrets)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(ValueError) as caught:
        settings.get("NEO4J_PASSWORD")
    assert str(secrets) in str(caught.value) and "line 1" in str(caught.value)
    assert "half-typed-secret" not in str(caught.value)


def test_a_missing_secrets_file_falls_back_to_environment_then_default(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "_secrets_file", lambda: tmp_path / "absent.toml")
    monkeypatch.setenv("NEO4J_USER", "analis")
    assert settings.get("NEO4J_USER") == "analis"
    monkeypatch.delenv("NEO4J_USER")
    assert settings.get("NEO4J_USER") == settings.SETTINGS["NEO4J_USER"].default
