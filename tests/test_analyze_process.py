"""process_stream: order kept, one bad record costs only itself, failures leave at once."""

from __future__ import annotations

from slant.analyze.process import process_stream
from slant.analyze.registry import Pipeline
from slant.errors import BadRecord
from slant.ingest.record import RawRecord
from slant.settings import load_settings


def test_process_stream_yields_failures_as_they_come_not_after_a_batch_of_good_records():
    # issue 16 #3: errors waited in `pending` for a batch of good records, and `pending` was
    # recounted after every append (quadratic in a run of failures)
    pulled = 0

    def items():
        nonlocal pulled
        for i in range(50):
            pulled += 1
            yield BadRecord("not valid JSON", source=f"f.jsonl:{i + 1}")

    seen_at = []
    for out in process_stream(items(), load_settings(env={}), Pipeline([]), batch_size=16):
        assert isinstance(out, BadRecord)
        seen_at.append(pulled)
    assert seen_at == list(range(1, 51))


def test_process_stream_keeps_input_order_around_good_records():
    records = [RawRecord(id=f"r{i}", source=f"s{i}", raw=f"Title {i}\n\nBody text number {i}.") for i in range(3)]
    items = [BadRecord("x", source="e0"), records[0], BadRecord("y", source="e1"), records[1], records[2],
             BadRecord("z", source="e2")]
    out = list(process_stream(iter(items), load_settings(env={}), Pipeline([]), batch_size=2))
    assert [getattr(o, "source", None) for o in out] == ["e0", "s0", "e1", "s1", "s2", "e2"]


def test_process_stream_cuts_a_batch_of_long_documents_by_size(monkeypatch):
    # the components keep each document's encoder states until the batch is done: 16 documents of
    # a megabyte would hold gigabytes
    from slant.analyze import process

    sizes = []

    class Recording(Pipeline):
        def pipe(self, docs):
            sizes.append(len(docs))
            return docs

    monkeypatch.setattr(process, "DEFAULT_BATCH_CHARS", 10_000)
    long_text = "Title\n\n" + "A long sentence about the budget. " * 100  # ~3,400 characters
    records = [RawRecord(id=f"r{i}", source=f"s{i}", raw=long_text) for i in range(7)]
    pipeline = Recording([])
    pipeline.components = [object()]  # not empty: the pipeline runs
    out = list(process_stream(iter(records), load_settings(env={}), pipeline, batch_size=16))
    assert len(out) == 7
    assert max(sizes) <= 3


def test_shared_states_hold_a_bounded_number_of_bytes():
    import numpy as np

    from slant.analyze.entities import SharedStates

    shared = SharedStates(capacity=64, max_bytes=10_000_000)
    for i in range(10):
        shared.put(f"text {i}", np.zeros((10, 2), np.int64), np.zeros((2000, 384), np.float32))  # ~3 MB each
    assert shared.nbytes() <= 10_000_000
    assert shared.get("text 9") is not None and shared.get("text 0") is None
    shared.put("huge", np.zeros((1, 2), np.int64), np.zeros((10_000, 384), np.float32))  # over the budget alone
    assert shared.get("huge") is not None  # the newest is always kept


def test_shipped_pipeline_gives_the_same_output_with_and_without_overlap():
    # the persuasion encoder runs ahead on the next documents in a worker thread while the entity,
    # quote and claim components finish the previous ones (slant.analyze.registry.Pipeline)
    from slant.analyze.process import make_pipeline, process_records_batch
    from slant.analyze.registry import OVERLAP_DOCS

    settings = load_settings(env={})
    off = make_pipeline(settings)
    assert not off.overlap  # off by default (docs/design.md, "Overlap")
    on = Pipeline(off.components, overlap=True)
    assert getattr(on.components[0][1], "runs_ahead", False)
    people = ["Maria Lopez", "John Carter", "Aiko Tanaka", "Peter Marsh", "Dana Smith", "Liu Wei", "Sam Okafor"]
    records = [RawRecord(id=f"r{i}", source=f"s{i}", raw=(
        f"Council {i} approves a budget critics call a disaster\n\n"
        f"The city council approved the budget on Monday, {name} said. \"This plan will destroy our schools,\" "
        f"said {name}, a teacher in Springfield. Officials insisted that spending on roads would rise by {i + 3} "
        "percent next year.\n\nThe mayor's office said the corrupt opposition was lying again. "
        + "Analysts expect inflation to fall. " * (i * 7)))
        for i, name in enumerate(people)]
    assert len(records) > OVERLAP_DOCS

    def plain(docs):
        return [{**d.to_dict(), "provenance": [{k: v for k, v in p.items() if k != "seconds"}
                                               for p in d.provenance]} for d in docs]

    got_on = process_records_batch(records, settings, on)
    got_off = process_records_batch(records, settings, off)
    assert [d.id for d in got_on] == [r.id for r in records]
    assert plain(got_on) == plain(got_off)
    assert any(d.layers.get("quotes") for d in got_on) and all(d.labels.get("genre") for d in got_on)
