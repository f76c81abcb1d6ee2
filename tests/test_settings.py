import pytest

from slant.errors import SettingsError
from slant.settings import DEFAULT_MAX_BYTES, load_settings


def test_settings_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s.read.max_bytes == DEFAULT_MAX_BYTES


def test_settings_toml_then_env_then_overrides(tmp_path):
    toml = tmp_path / "slant.toml"
    toml.write_text('[read]\nmax_bytes = 1000\n[clean]\nlocale = "en-GB"\n')
    s = load_settings(toml, env={})
    assert s.read.max_bytes == 1000 and s.clean.locale == "en-GB"
    s = load_settings(toml, env={"SLANT_READ_MAX_BYTES": "2000"})
    assert s.read.max_bytes == 2000
    s = load_settings(toml, env={"SLANT_MAX_BYTES": "3000"}, read={"max_bytes": 4000})
    assert s.read.max_bytes == 4000


@pytest.mark.parametrize("content", ["[read]\nmax_bytes = -1\n", "[nope]\nx = 1\n", "[read]\nbogus = 1\n",
                                     "not toml [", "[clean]\njunk_threshold = 1.5\n"])
def test_settings_invalid_values_are_errors(tmp_path, content):
    toml = tmp_path / "slant.toml"
    toml.write_text(content)
    with pytest.raises(SettingsError):
        load_settings(toml, env={})


def test_settings_env_value_of_wrong_type(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError):
        load_settings(env={"SLANT_READ_MAX_BYTES": "lots"})


def test_settings_are_copied_not_mutated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    t = s.with_overrides(read={"max_bytes": 10})
    assert s.read.max_bytes == DEFAULT_MAX_BYTES and t.read.max_bytes == 10
