import pytest

from slant.analyze.registry import Pipeline, register, registered
from slant.document import Document, Span
from slant.errors import ComponentFailed, PipelineError, UnknownComponent


@register("slant.testupper.v1", provides=("upper",))
def _make_upper():
    def upper(doc):
        doc.add_layer("upper", [Span(0, 1, "U")])
        return doc
    return upper


@register("slant.testneedsupper.v2", requires=("upper",), provides=("after",))
def _make_after():
    def after(doc):
        assert "upper" in doc.layers
        doc.add_layer("after", [])
        return doc
    return after


@register("slant.testboom.v1")
def _make_boom():
    def boom(doc):
        raise ValueError("kaput")
    return boom


def test_registry_runs_in_order_and_records_versions():
    pipe = Pipeline.from_names(["slant.testupper.v1", "slant.testneedsupper"])
    doc = pipe(Document("Hello"))
    assert [p["name"] for p in doc.provenance] == ["slant.testupper.v1", "slant.testneedsupper.v2"]
    assert doc.provenance[1]["version"] == "v2"


def test_registry_refuses_wrong_order():
    with pytest.raises(PipelineError, match="needs upper"):
        Pipeline.from_names(["slant.testneedsupper.v2", "slant.testupper.v1"])


def test_registry_unknown_component():
    with pytest.raises(UnknownComponent):
        Pipeline.from_names(["slant.nothing.v1"])


def test_registry_bad_names_are_refused():
    with pytest.raises(PipelineError):
        register("NoVersion")


def test_registry_component_failure_names_component_and_document():
    pipe = Pipeline.from_names(["slant.testboom.v1"])
    with pytest.raises(ComponentFailed, match="slant.testboom.v1 failed: ValueError: kaput") as info:
        pipe(Document("x", id="doc-7"))
    assert info.value.source == "doc-7"


def test_registry_lists_registered():
    assert "slant.testupper.v1" in registered()


@register("slant.testsettings.v1", settings_section="analyze")
def _make_settings_probe(section=None):
    def probe(doc):
        doc.add_layer("probe", [Span(0, 1, str(getattr(section, "model_dir", None)))])
        return doc
    return probe


@pytest.mark.parametrize("whole", [True, False])
def test_registry_hands_each_component_its_settings_section(whole):
    # make_pipeline hands over settings.analyze; a whole Settings works too
    from slant.settings import Settings

    settings = Settings().with_overrides(analyze={"model_dir": "/models/here"})
    pipe = Pipeline.from_names(["slant.testsettings.v1"], settings if whole else settings.analyze)
    (doc,) = pipe.pipe([Document("Hello")])
    assert doc.layers["probe"][0].label == "/models/here"


def test_registry_refuses_settings_of_another_section():
    from slant.errors import PipelineError
    from slant.settings import Settings

    with pytest.raises(PipelineError, match="needs the 'analyze' settings section, not a ReadSettings"):
        Pipeline.from_names(["slant.testsettings.v1"], Settings().read)


def test_registry_names_a_settings_section_that_does_not_exist(monkeypatch):
    from slant.analyze import registry
    from slant.errors import PipelineError

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))  # the misspelt one is not kept
    register("slant.testnosection.v1", settings_section="analyse")(lambda section=None: (lambda doc: doc))
    with pytest.raises(PipelineError, match="'analyse', which Settings does not have"):
        Pipeline.from_names(["slant.testnosection.v1"])


def test_registry_without_settings_hands_none():
    (doc,) = Pipeline.from_names(["slant.testsettings.v1"]).pipe([Document("Hello")])
    assert doc.layers["probe"][0].label == "None"
