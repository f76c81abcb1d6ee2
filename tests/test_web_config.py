"""WebSettings: defaults, SLANT_WEB_* variables, a web section of Settings, validation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from slant.errors import SettingsError
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


def test_web_config_takes_a_web_section_of_settings_and_overrides():
    @dataclass(frozen=True)
    class Section:  # what slant.settings may declare: same field names
        read_access: str = "token"
        page_size: int = 50

    @dataclass(frozen=True)
    class FakeSettings:
        web: Section = Section()

    web = web_settings(FakeSettings(), env={"SLANT_WEB_READ_ACCESS": "public"})
    assert web.read_access == "token" and web.page_size == 50  # the section wins over the environment
    assert web_settings(FakeSettings(), read_access="public").read_access == "public"
    with pytest.raises(SettingsError):
        web_settings(None, env={}, colour="blue")
