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
