"""WebSettings: defaults, SLANT_WEB_* variables, the [web] section of slant.toml, validation."""

from __future__ import annotations

import pytest

from slant.errors import SettingsError
from slant.settings import load_settings
from slant.web.config import WebSettings, web_settings


def test_web_config_defaults_are_public_and_bounded():
    web = web_settings(env={})
    assert web == WebSettings() and web.read_access == "public" and web.max_body_bytes > 1_000_000


def test_web_config_reads_environment_variables():
    web = web_settings(env={"SLANT_WEB_READ_ACCESS": "token", "SLANT_WEB_READ_PER_MINUTE": "30",
                            "SLANT_WEB_SECURE_COOKIES": "yes", "SLANT_OTHER": "x"})
    assert (web.read_access, web.read_per_minute, web.secure_cookies) == ("token", 30, True)


@pytest.mark.parametrize("env", [{"SLANT_WEB_READ_ACCESS": "open"}, {"SLANT_WEB_PAGE_SIZE": "0"},
                                 {"SLANT_WEB_MAX_BODY_BYTES": "lots"}, {"SLANT_WEB_PAGE_SIZE": "500"}])
def test_web_config_rejects_impossible_values(env):
    with pytest.raises(SettingsError):
        web_settings(env=env)


def test_web_config_takes_the_web_section_of_slant_toml_and_overrides(tmp_path):
    toml = tmp_path / "slant.toml"
    toml.write_text('[web]\nread_access = "token"\npage_size = 50\n', encoding="utf-8")
    settings = load_settings(toml, env={"SLANT_WEB_PAGE_SIZE": "40"})
    web = web_settings(settings)
    assert web.read_access == "token" and web.page_size == 40  # the environment wins over the file
    assert web_settings(settings, read_access="public").read_access == "public"
    with pytest.raises(SettingsError):
        web_settings(None, env={}, colour="blue")
