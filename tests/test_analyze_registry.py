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


# -- overlap: the first component runs ahead on the next group in a worker thread ----------------

class _Ahead:
    """A first component that may run ahead: it sleeps (releasing the GIL, like the ONNX call)
    and records the thread and the documents of each call."""

    runs_ahead = True

    def __init__(self, fail_on=None):
        self.calls = []
        self.fail_on = fail_on

    def pipe(self, docs):
        import threading
        import time

        self.calls.append((threading.current_thread().name, [d.id for d in docs]))
        time.sleep(0.02)
        for d in docs:
            if d.id == self.fail_on:
                raise ValueError(f"ahead broke on {d.id}")
            d.add_layer("ahead", [Span(0, 1, "A" + d.id)])
        return docs


class _Later:
    def __init__(self, name, fail_on=None):
        self.name, self.fail_on, self.calls = name, fail_on, []

    def pipe(self, docs):
        import threading

        self.calls.append((threading.current_thread().name, [d.id for d in docs]))
        out = []
        for d in docs:
            assert "ahead" in d.layers  # the first component always ran before on this document
            if d.id == self.fail_on:
                raise RuntimeError(f"{self.name} broke on {d.id}")
            d.add_layer(self.name, [Span(0, 1, d.layers["ahead"][0].label + self.name)])
            out.append(d)
        return out


def _info(name):
    from slant.analyze.registry import ComponentInfo

    return ComponentInfo(name, lambda: None)


def _overlap_pipeline(overlap, ahead=None, later=None, quotes=None):
    ahead = ahead or _Ahead()
    later = later or _Later("later")
    quotes = quotes or _Later("quotesish")
    return Pipeline([(_info("slant.testahead.v1"), ahead), (_info("slant.testlater.v1"), later),
                     (_info("slant.testquotesish.v3"), quotes)], overlap=overlap), ahead, later, quotes


def _docs(n):
    return [Document(f"Text {i}.", id=f"d{i}") for i in range(n)]


def _plain(docs):
    return [{**d.to_dict(), "provenance": [{k: v for k, v in p.items() if k != "seconds"} for p in d.provenance]}
            for d in docs]


@pytest.mark.parametrize("n", [1, 2, 3, 7, 16])
def test_registry_overlap_gives_the_same_documents_in_the_same_order(n):
    from slant.analyze import registry

    on, ahead, later, _ = _overlap_pipeline(True)
    off, *_ = _overlap_pipeline(False)
    got_on, got_off = on.pipe(_docs(n)), off.pipe(_docs(n))
    assert [d.id for d in got_on] == [f"d{i}" for i in range(n)]
    assert _plain(got_on) == _plain(got_off)
    assert [p["name"] for p in got_on[-1].provenance] == ["slant.testahead.v1", "slant.testlater.v1",
                                                         "slant.testquotesish.v3"]
    main = [name for name, _ in later.calls]
    if n > registry.OVERLAP_DOCS:  # groups: the first component ran in the worker thread, group by group
        assert all(name.startswith("slant-ahead") for name, _ in ahead.calls)
        assert [ids for _, ids in ahead.calls] == [ids for _, ids in later.calls]
        assert all(len(ids) <= registry.OVERLAP_DOCS for _, ids in ahead.calls)
        assert not any(name.startswith("slant-ahead") for name in main)
    else:  # one group: nothing to overlap, everything in this thread, the batch at once
        assert ahead.calls == [(main[0], [f"d{i}" for i in range(n)])]


def test_registry_overlap_runs_the_first_component_while_later_ones_work():
    """The first component is started on group k+1 before the later ones finish group k."""
    import threading

    events = []
    lock = threading.Lock()

    class Ahead(_Ahead):
        def pipe(self, docs):
            with lock:
                events.append(("ahead-start", docs[0].id))
            return super().pipe(docs)

    class Later(_Later):
        def pipe(self, docs):
            import time

            time.sleep(0.05)  # the first component, now running ahead, starts on the next group
            with lock:
                events.append(("later-end", docs[0].id))
            return super().pipe(docs)

    pipe, *_ = _overlap_pipeline(True, ahead=Ahead(), later=Later("later"))
    pipe.pipe(_docs(6))
    assert events.index(("ahead-start", "d2")) < events.index(("later-end", "d0"))


def test_registry_overlap_error_in_a_later_component_names_it_and_stops_the_worker():
    import threading

    for overlap in (True, False):
        pipe, ahead, later, quotes = _overlap_pipeline(overlap, quotes=_Later("quotesish", fail_on="d3"))
        with pytest.raises(ComponentFailed, match="slant.testquotesish.v3 failed: RuntimeError: quotesish broke on d3") \
                as info:
            pipe.pipe(_docs(16))
        # the documents of the call that failed: its group with overlap, else the batch's first three
        assert info.value.source == ("d2, d3" if overlap else "d0, d1, d2")
        assert not [t for t in threading.enumerate() if t.name.startswith("slant-ahead")]
        if overlap:
            # group d2-d3 failed; the worker had at most the next group in hand and got no further
            ran = [ids for _, ids in ahead.calls]
            assert ran[:2] == [["d0", "d1"], ["d2", "d3"]] and len(ran) <= 3
            assert [ids for _, ids in quotes.calls] == [["d0", "d1"], ["d2", "d3"]]


def test_registry_overlap_error_in_the_first_component_names_it():
    for overlap in (True, False):
        pipe, ahead, later, _ = _overlap_pipeline(overlap, ahead=_Ahead(fail_on="d5"))
        with pytest.raises(ComponentFailed, match="slant.testahead.v1 failed: ValueError: ahead broke on d5") as info:
            pipe.pipe(_docs(16))
        assert info.value.source == ("d4, d5" if overlap else "d0, d1, d2")


def test_registry_no_overlap_for_one_component_or_a_first_that_may_not_run_ahead():
    import threading

    ahead = _Ahead()
    Pipeline([(_info("slant.testahead.v1"), ahead)]).pipe(_docs(8))
    assert ahead.calls == [(threading.current_thread().name, [f"d{i}" for i in range(8)])]

    class Stays(_Ahead):
        runs_ahead = False

    stays, later = Stays(), _Later("later")
    Pipeline([(_info("slant.testahead.v1"), stays), (_info("slant.testlater.v1"), later)]).pipe(_docs(8))
    assert [name for name, _ in stays.calls] == [threading.current_thread().name]


def test_registry_overlap_setting_reaches_the_pipeline():
    from slant.settings import Settings, load_settings

    assert not Pipeline.from_names(["slant.testupper.v1"]).overlap  # off by default
    assert not Pipeline.from_names(["slant.testupper.v1"], Settings()).overlap
    on = Settings().with_overrides(analyze={"overlap": True})
    assert Pipeline.from_names(["slant.testupper.v1"], on).overlap
    assert Pipeline.from_names(["slant.testupper.v1"], on.analyze).overlap
    assert load_settings(env={"SLANT_ANALYZE_OVERLAP": "1"}).analyze.overlap
