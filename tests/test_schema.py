import json
from importlib import resources

import jsonschema
import pytest

from slant.document import Label, Span


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("slant.schema").joinpath("document.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_accepts_a_full_document(validator, hand_doc):
    hand_doc.add_layer("techniques", [Span(0, 7, "Loaded_Language", 0.8, {"explanation": "x"})])
    hand_doc.set_labels("frames", [Label("Political", 0.9, True)])
    hand_doc.provenance.append({"component": "slant.x", "version": "v1", "name": "slant.x.v1", "seconds": 0.1})
    validator.validate(hand_doc.to_dict())
    validator.validate(hand_doc.to_dict(include_raw=True))


def test_schema_accepts_a_label_reason(validator, hand_doc):
    """Labels may say why none of their set is selected (schema 1.3); a reason must be a string."""
    hand_doc.set_labels("genre", [Label("satire", 0.98, False, "too short to judge the genre: 19 words"),
                                  Label("reporting", 0.02, False, "too short to judge the genre: 19 words")])
    data = hand_doc.to_dict()
    validator.validate(data)
    data["labels"]["genre"][0]["reason"] = 3
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("text"),
    lambda d: d.__setitem__("schema_version", "2.0"),
    lambda d: d["paragraphs"][0].pop("raw_start"),
    lambda d: d["meta"].__setitem__("published", "8/2/2022"),
    lambda d: d.__setitem__("surprise", 1),
])
def test_schema_rejects_broken_documents(validator, hand_doc, breakage):
    data = hand_doc.to_dict()
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)
