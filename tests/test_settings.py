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
                                     "not toml [", "[clean]\njunk_threshold = 1.5\n",
                                     "[store]\nbackend = \"postgres\"\n", "[corpus]\nlsh_bands = 100\n",
                                     "[corpus]\njaccard_threshold = 0\n", "[web]\nread_access = \"open\"\n"])
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


def test_settings_store_and_corpus_sections_reach_the_ingest(tmp_path):
    from slant.corpus.ingest import NearDupHook
    from slant.store.settings import store_settings

    toml = tmp_path / "slant.toml"
    toml.write_text('[store]\nbatch_docs = 5\n[corpus]\njaccard_threshold = 0.5\nquote_ratio = 90\n')
    s = load_settings(toml, env={"SLANT_CORPUS_CONTAINMENT_THRESHOLD": "0.7"})
    assert store_settings(s).batch_docs == 5
    index_settings = NearDupHook.from_settings(s).index.settings
    assert (index_settings.jaccard_threshold, index_settings.containment_threshold) == (0.5, 0.7)
    assert s.corpus.quote_ratio == 90.0


def test_learned_junk_lines_need_a_model_file_before_any_article(tmp_path):
    with pytest.raises(SettingsError) as info:
        load_settings(path=None, env={"SLANT_CLEAN_LEARNED_LINES": "true"})
    assert "no learned junk-line model ships" in info.value.message
    assert "SLANT_CLEAN_LEARNED_LINES_PATH" in info.value.hint and "slant.train.junk_learned" in info.value.hint
    with pytest.raises(SettingsError, match="not a file"):
        load_settings(env={"SLANT_CLEAN_LEARNED_LINES": "1", "SLANT_CLEAN_LEARNED_LINES_PATH": str(tmp_path / "no.gz")})
    model = tmp_path / "m.json"
    model.write_text('{"threshold": 0.9, "weights": {}}', "utf-8")
    settings = load_settings(env={"SLANT_CLEAN_LEARNED_LINES": "1", "SLANT_CLEAN_LEARNED_LINES_PATH": str(model)})
    assert settings.clean.learned_lines and settings.clean.learned_lines_path == str(model)
    # off (the default): no file needed
    assert not load_settings(env={}).clean.learned_lines


@pytest.mark.parametrize("toml, key", [
    ('[clean]\nlearned_lines = true\nlearned_lines_path = 5\n', "clean.learned_lines_path"),  # was a TypeError
    ('[clean]\nlocale = 3\n', "clean.locale"),
    ('[clean]\nlearned_lines = "maybe"\n', "clean.learned_lines"),  # was silently off
    ('[analyze]\nfast = 2\n', "analyze.fast"),
])
def test_settings_a_value_of_the_wrong_kind_is_a_settings_error(tmp_path, toml, key):
    path = tmp_path / "slant.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(path, env={})
    assert info.value.message.startswith(key + " has the value")


@pytest.mark.parametrize("value, on", [("yes", True), ("On", True), ("1", True), ("false", False), ("0", False),
                                       ("off", False), ("", False)])
def test_settings_booleans_read_the_usual_words(value, on):
    assert load_settings(env={"SLANT_ANALYZE_FAST": value}).analyze.fast is on
    with pytest.raises(SettingsError, match="true/false"):
        load_settings(env={"SLANT_ANALYZE_FAST": value + "x"})


@pytest.mark.parametrize("toml, key", [
    ("[analyze]\nbatch_size = true\n", "analyze.batch_size"),  # was silently 1 (bool is an int in Python)
    ("[corpus]\nseed = false\n", "corpus.seed"),  # was silently 0
    ("[clean]\njunk_threshold = true\n", "clean.junk_threshold"),  # was 1.0, then "must lie between 0 and 1"
    ("[read]\nmax_bytes = 2.5\n", "read.max_bytes"),  # was silently 2
])
def test_settings_a_boolean_or_a_fraction_is_not_a_whole_number(tmp_path, toml, key):
    path = tmp_path / "slant.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(path, env={})
    assert info.value.message.startswith(key + " has the value")
    assert "write a" in info.value.hint and "SLANT_" + key.upper().replace(".", "_") in info.value.hint
    if "true" in toml or "false" in toml:
        assert "true/false is not a number" in info.value.hint
    with pytest.raises(SettingsError, match="true/false is not a number"):
        load_settings(env={"SLANT_" + key.upper().replace(".", "_"): "true"})
    # whole numbers still read, from TOML (4, 4.0) and from the environment ("4")
    assert load_settings(env={}, analyze={"batch_size": 4.0}).analyze.batch_size == 4
    assert load_settings(env={"SLANT_ANALYZE_BATCH_SIZE": "4"}).analyze.batch_size == 4
