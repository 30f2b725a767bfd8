"""Every setting is in one registry, documented in docs/configuration.md, and secrets stay hidden."""

import settings
from drawing.i18n import has_text, t
from tests.conftest import ROOT


def test_every_setting_is_documented_in_the_configuration_page():
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in settings.SETTINGS if f"| `{name}` |" not in page]
    assert missing == []


def test_environment_overrides_default(monkeypatch):
    monkeypatch.setenv("JEJARING_BACKEND", "neo4j")
    assert settings.get("JEJARING_BACKEND") == "neo4j"
    monkeypatch.delenv("JEJARING_BACKEND")
    monkeypatch.setattr(settings, "_secrets_file", lambda: ROOT / "no-such-secrets.toml")
    assert settings.get("JEJARING_BACKEND") == "memory"


def test_secrets_file_is_read_and_secrets_are_masked(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('NEO4J_PASSWORD = "s3cret-value"\nNEO4J_DATABASE = "stunting"\n')
    monkeypatch.setattr(settings, "_secrets_file", lambda: secrets)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    assert settings.get("NEO4J_DATABASE") == "stunting"
    assert settings.get("NEO4J_PASSWORD") == "s3cret-value"
    assert "s3cret-value" not in repr(settings.describe())


def test_every_setting_says_what_it_does_in_both_languages():
    """The Settings page describes each setting in the page language, not only in English."""
    for name, setting in settings.SETTINGS.items():
        key = f"setting_help.{name}"
        assert has_text(key), f"{name} has no description in the catalogues"
        assert t(key, "en") == setting.help
        assert t(key, "id") != setting.help
