import json

import pytest

from slant.document import SCHEMA_VERSION, Document, Label, OffsetMap, Span
from slant.errors import SchemaError, SpanError


def test_document_text_is_read_only(hand_doc):
    with pytest.raises(AttributeError):
        hand_doc.text = "changed"


def test_document_span_outside_text_is_refused(hand_doc):
    with pytest.raises(SpanError):
        hand_doc.add_layer("x", [Span(0, len(hand_doc.text) + 1)])
    with pytest.raises(SpanError):
        hand_doc.add_layer("x", [Span(5, 3)])


def test_document_every_paragraph_maps_to_same_raw_characters(hand_doc):
    for par in hand_doc.paragraphs:
        raw_start, raw_end = hand_doc.raw_span(par)
        assert hand_doc.raw[raw_start:raw_end] == hand_doc.text[par.start:par.end]


def test_document_bom_is_counted_in_raw_offsets(hand_doc):
    title = hand_doc.paragraphs[0]
    assert hand_doc.text[title.start:title.end] == "A title"
    assert hand_doc.raw_span(title) == (1, 8)
    assert hand_doc.raw_line(hand_doc.raw_span(title)[0]) == 1


def test_document_raw_lines_count_junk_and_blank_lines(hand_doc):
    lines = [hand_doc.raw_line(hand_doc.raw_span(p)[0]) for p in hand_doc.paragraphs]
    assert lines == [1, 4, 6]


def test_document_span_crossing_separator_maps_inside_raw(hand_doc):
    first, second = hand_doc.paragraphs[1], hand_doc.paragraphs[2]
    span = Span(first.end - 5, second.start + 6)
    raw_start, raw_end = hand_doc.raw_span(span)
    assert hand_doc.raw[raw_start:raw_start + 5] == "here."
    assert hand_doc.raw[raw_end - 6:raw_end] == "Second"


@pytest.mark.parametrize("alignment,expected", [("strict", None), ("contract", "real"), ("expand", "First real paragraph")])
def test_document_char_span_alignment(hand_doc, alignment, expected):
    text = hand_doc.text
    start = text.index("irst")
    end = text.index("paragraph") + 4
    span = hand_doc.char_span(start, end, "x", alignment=alignment)
    if expected is None:
        assert span is None
    else:
        assert hand_doc.span_text(span) == expected


def test_document_json_round_trip(hand_doc):
    hand_doc.add_layer("techniques", [Span(0, 7, "Loaded_Language", 0.8, {"explanation": "x"}),
                                      Span(2, 5, "Doubt", 0.6)])
    hand_doc.set_labels("genre", [Label("opinion", 0.7, True), Label("reporting", 0.3)])
    hand_doc.provenance.append({"component": "slant.test", "version": "v1", "name": "slant.test.v1"})
    data = json.loads(json.dumps(hand_doc.to_dict(include_raw=True)))
    back = Document.from_dict(data)
    assert back.text == hand_doc.text and back.raw == hand_doc.raw
    assert back.to_dict(include_raw=True) == data
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["layers"]["techniques"][0]["raw_start"] == 1


def test_document_rejects_other_major_schema(hand_doc):
    data = hand_doc.to_dict()
    data["schema_version"] = "9.0"
    with pytest.raises(SchemaError):
        Document.from_dict(data)
    with pytest.raises(SchemaError):
        Document.from_dict({"schema_version": SCHEMA_VERSION})


def test_offset_map_rejects_overlapping_segments():
    with pytest.raises(SpanError):
        OffsetMap([(0, 0, 10), (5, 20, 3)])


def test_offset_map_identity_and_ends():
    m = OffsetMap.identity(10)
    assert m.span_to_raw(2, 5) == (2, 5)
    assert m.span_to_raw(4, 4) == (4, 4)


def test_document_missing_outlet_is_null_in_json_and_old_empty_string_still_reads(hand_doc):
    hand_doc.meta.outlet = ""
    data = hand_doc.to_dict()
    assert data["meta"]["outlet"] is None
    assert Document.from_dict(data).meta.outlet == ""
    older = json.loads(json.dumps(data))
    older["meta"]["outlet"], older["schema_version"] = "", "1.1"  # as stored before 1.2
    assert Document.from_dict(older).meta.outlet == ""
    hand_doc.meta.outlet = "Kestrel Post"
    assert Document.from_dict(hand_doc.to_dict()).meta.outlet == "Kestrel Post"


def test_document_reads_a_later_minor_version_with_keys_it_does_not_know(hand_doc):
    """A minor bump is one old readers can ignore: a 1.x reader read 1.3's labels[].reason as
    Label(**label) -> TypeError "unexpected keyword argument" -> SchemaError "not a Slant document"
    (and Metadata, DateEvidence and RemovedLine had the same pattern). Every from_dict now drops keys
    it does not know."""
    from slant.document import DateEvidence, RemovedLine

    hand_doc.meta.date = DateEvidence("2022-02-08", "text:numeric", 0.9, text="8 Feb 2022")
    hand_doc.removed.append(RemovedLine(0, 5, "Junk", "junk", 0.9))
    hand_doc.add_layer("techniques", [Span(0, 7, "Doubt", 0.6)])
    hand_doc.set_labels("genre", [Label("opinion", 0.7, True), Label("reporting", 0.3)])
    data = json.loads(json.dumps(hand_doc.to_dict(include_raw=True)))
    later = json.loads(json.dumps(data))
    later["schema_version"] = "1.99"
    later["future"] = 1
    later["meta"]["future"] = 1
    later["meta"]["date"]["future"] = 1
    later["removed"][0]["future"] = 1
    later["labels"]["genre"][0]["future"] = 1
    later["layers"]["techniques"][0]["future"] = 1
    back = Document.from_dict(later)
    assert back.to_dict(include_raw=True) == data and back.labels["genre"][0].selected
    assert back.meta.date.value == "2022-02-08" and back.removed[0].text == "Junk"
