"""Pinned PolNeAR dev output of the quotes layer (data test: skips without the development corpora).

The pins are hashes of the statements found in each dev text (never the texts): one set for the
rules alone, one for the rules merged with statements decoded from PolNeAR's gold tags (which
exercises the head's decoding and the merge without the encoder), and a third for those merged
statements as the layer lists them: with each one's probability from the statement-confidence model
(:mod:`slant.analyze.quotes.confidence`), those below its threshold dropped. A change of any statement's
kind, parts, cue, speaker, relay or flags changes its text's hash. When a change is meant, rerun
``python tests/test_analyze_quotes_regression.py ../shared/data`` and say in the commit which
texts changed and why.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

PINS = Path(__file__).parent / "data" / "polnear_dev_quotes.json"


def _summary(quotes) -> str:
    """A short hash of every statement's kind, parts, cue, speaker, relay and flags (and its
    probability, where the statement-confidence model gave one), in text order."""
    rows = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        sp = q.speaker
        rows.append([q.kind, [list(p) for p in q.parts], list(q.cue) if q.cue else None,
                     [sp.start, sp.end, sp.entity, sp.canonical, sp.resolved_by] if sp else None,
                     list(q.relay) if q.relay else None, sorted(set(q.flags)),
                     [list(p) for p in q.nested], [list(p) for p in q.verbatim]]
                    + ([round(q.probability, 3)] if q.probability is not None else []))
    return hashlib.sha1(json.dumps(rows).encode()).hexdigest()[:16]


def _gold_tagged(docs):
    """Statements decoded from the gold Source/Cue/Content tags of each text (no encoder needed)."""
    from slant.analyze.quotes.head import decode_attributions
    from slant.models import chunking
    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train.attribution import piece_labels

    tokenizer = chunking.load_tokenizer(DEFAULT_MODEL_DIR / "tokenizer.json")
    encodings = chunking.encode_batch(tokenizer, [d.text for d in docs])
    return [decode_attributions(d.text, enc.offsets, piece_labels(d.text, enc.offsets, d.attributions))
            for d, enc in zip(docs, encodings)]


def current_pins(data: Path) -> dict:
    """Per-text hashes of the rules' output and of the rules merged with gold-tag statements."""
    from slant.train.attribution import read_polnear, rule_predictions

    from slant.analyze.quotes import load_confidence

    docs = read_polnear(data / "polnear" / "dev")
    rules = rule_predictions(docs)
    merged = rule_predictions(docs, _gold_tagged(docs))
    # the merged statements as the layer lists them: each with the statement-confidence model's
    # probability (its model without the head's scores: gold tags have none), those below its
    # threshold dropped
    pins = {"rules": {d.name: _summary(q) for d, q in zip(docs, rules)},
            "merged": {d.name: _summary(q) for d, q in zip(docs, merged)}}
    model = load_confidence()
    pins["admitted"] = {d.name: _summary(model.admit(d.text, q, None)) for d, q in zip(docs, merged)}
    return pins


def test_analyze_quotes_polnear_dev_output_is_pinned(data_dir):
    if not (data_dir / "polnear" / "dev").is_dir():
        pytest.skip("PolNeAR dev not found")
    pinned = json.loads(PINS.read_text("utf-8"))
    now = current_pins(data_dir)
    for variant in ("rules", "merged", "admitted"):
        changed = sorted(k for k in pinned[variant] if now[variant].get(k) != pinned[variant][k])
        assert not changed, f"{variant}: statements changed in {len(changed)} dev texts: {changed[:10]}"
        assert set(now[variant]) == set(pinned[variant])


if __name__ == "__main__":
    PINS.write_text(json.dumps(current_pins(Path(sys.argv[1])), indent=1, sort_keys=True) + "\n", "utf-8")
