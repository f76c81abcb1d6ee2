"""Claims across a store: by speaker, by outlet, travelling claims, the claims export (no model)."""

from __future__ import annotations

import io
import json

import pytest

from slant.corpus import claims
from slant.corpus.export import export
from slant.document import Document, Metadata, Span
from slant.store import Store, open_store

CLAIM_A = "NATO bombed Libya in 2011 and destroyed the country."
CLAIM_B = "Unemployment fell to 3.5 percent last year."
OPINION = "This is a disgrace."


def build(doc_id: str, outlet: str, published: str, sentences: list[tuple[str, str, dict]]) -> Document:
    """A document of sentences, each (text, label, attrs) in the claims layer."""
    text = " ".join(s for s, _, _ in sentences)
    doc = Document(text, id=doc_id, meta=Metadata(outlet=outlet, published=published, title=f"Title {doc_id}"))
    spans, at = [], 0
    for sentence, label, attrs in sentences:
        start = text.index(sentence, at)
        spans.append(Span(start, start + len(sentence), label, 0.9 if label == "claim" else 0.1, attrs))
        at = start + len(sentence)
    doc.add_layer("claims", spans)
    return doc


PUTIN = {"voice": "quote", "speaker": "Vladimir Putin", "speaker_entity": "per:vladimir-putin", "relay": "Russia Today"}
AUTHOR = {"voice": "author"}


@pytest.fixture
def store() -> Store:
    s = open_store(None)
    docs = [
        build("a1", "Alpha", "2024-01-05", [(CLAIM_A, "claim", PUTIN), (OPINION, "no", AUTHOR)]),
        build("b1", "Beta", "2024-01-07", [("“NATO bombed Libya in 2011 and destroyed the country!”", "claim", PUTIN),
                                           (CLAIM_B, "claim", AUTHOR)]),
        build("c1", "Gamma", "2024-01-02", [(CLAIM_B, "claim", AUTHOR)]),
        build("c2", "Gamma", "2024-01-09", [(OPINION, "no", AUTHOR)]),
    ]
    with s.session() as w:
        for d in docs:
            w.put(d)
    yield s
    s.close()


def test_claims_by_speaker_counts_quoted_people_and_outlets_own_voice(store):
    rows = {r["speaker"]: r for r in claims.claims_by_speaker(store)}
    putin = rows["Vladimir Putin"]
    assert putin["claims"] == 2 and putin["documents"] == 2 and putin["outlets"] == ["Alpha", "Beta"]
    assert putin["voice"] == "quote" and putin["relayed_by"] == ["Russia Today"]
    assert rows["Gamma (author's voice)"]["claims"] == 1 and rows["Beta (author's voice)"]["claims"] == 1
    assert sum(r["claims"] for r in rows.values()) == 4  # "no" sentences are not claims


def test_claims_by_speaker_follow_the_quotes_linked_speakers():
    """On 530 real articles the table listed "I" (34 claims), and "Trump" and "Obama" apart from
    "Donald Trump" and "Barack Obama": a quoted claim is now counted under its quote's speaker as
    linked across the store, and a pronoun is an unnamed source."""
    from slant.corpus.speakers import link_speakers

    def quoted(doc_id: str, outlet: str, said: list[tuple[str, str]]) -> Document:
        doc = build(doc_id, outlet, "2024-01-05", [(s, "claim", {"voice": "quote", "speaker": who, "quote": i})
                                                    for i, (s, who) in enumerate(said)])
        people = {"Donald Trump": "per:donald-trump", "Trump": "per:trump"}  # as the quotes component resolves them
        doc.add_layer("quotes", [Span(c.start, c.end, "direct", attrs={"speaker": {"text": who, "entity": people.get(who)}})
                                 for c, (_, who) in zip(doc.layers["claims"], said)])
        return doc

    s = open_store(None)
    with s.session() as w:
        w.put(quoted("t1", "Alpha", [(CLAIM_A, "Donald Trump"), (CLAIM_B, "I")]))
        w.put(quoted("t2", "Beta", [("Steel output doubled in 2019.", "Trump")]))
        w.put(quoted("t3", "Gamma", [("Exports rose 4 percent in May.", "Trump"), ("Wages rose in June.", "I")]))
    link_speakers(s)
    rows = {r["speaker"]: r for r in claims.claims_by_speaker(s)}
    s.close()
    assert rows["Donald Trump"]["claims"] == 3 and rows["Donald Trump"]["outlets"] == ["Alpha", "Beta", "Gamma"]
    assert "Trump" not in rows and "I" not in rows
    assert rows["(unnamed source)"]["claims"] == 2


def test_claims_by_outlet_splits_quoted_and_own_voice(store):
    rows = {r["outlet"]: r for r in claims.claims_by_outlet(store)}
    assert rows["Beta"]["claims"] == 2 and rows["Beta"]["quoted"] == 1 and rows["Beta"]["own_voice"] == 1
    assert rows["Gamma"]["claims"] == 1 and rows["Gamma"]["documents"] == 2
    assert rows["Gamma"]["claims_per_document"] == 0.5
    assert rows["Alpha"]["speakers"] == 1


def test_travelling_claims_group_the_same_claim_across_outlets_earliest_first(store):
    rows = claims.travelling_claims(store)
    by_text = {r["text"]: r for r in rows}
    libya = next(r for r in rows if "Libya" in r["text"])
    assert libya["outlets"] == 2 and libya["first_outlet"] == "Alpha" and libya["repeated_by"] == ["Beta"]
    assert libya["speaker"] == "Vladimir Putin"
    jobs = by_text[CLAIM_B]
    assert jobs["first_outlet"] == "Gamma" and jobs["first_published"] == "2024-01-02" and jobs["repeated_by"] == ["Beta"]
    assert jobs["speaker"] == ""  # the outlets' own voice: nobody else is on record
    assert claims.travelling_claims(store, min_outlets=3) == []


def test_claims_export_has_one_row_per_claim_with_its_source(store):
    out = io.StringIO()
    assert export(store, "claims", "jsonl", out) == 4
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    first = rows[0]
    assert first["doc_id"] == "a1" and first["outlet"] == "Alpha" and first["speaker"] == "Vladimir Putin"
    assert first["relay"] == "Russia Today" and first["voice"] == "quote" and first["text"] == CLAIM_A
    assert {r["voice"] for r in rows} == {"quote", "author"}


def test_claims_articles_that_name_no_outlet_are_no_outlet_row(store):
    """Articles that name no outlet are not one outlet: claims_by_outlet had a row for "" (null in JSON)
    ranked first among the outlets, and claims_by_speaker an "outlet not named (author's voice)" row
    pooling the writers of every such article. Their quoted claims still count for the person quoted."""
    with store.session() as w:
        w.put(build("n1", "", "2024-01-03", [(CLAIM_B, "claim", AUTHOR), (CLAIM_A, "claim", PUTIN)]))
        w.put(build("n2", "", "2024-01-04", [("Prices rose 9 percent in May.", "claim", AUTHOR)]))
    by_outlet = claims.claims_by_outlet(store)
    assert [(r["outlet"], r["claims"]) for r in by_outlet] == [("Beta", 2), ("Alpha", 1), ("Gamma", 1)]
    rows = {r["speaker"]: r for r in claims.claims_by_speaker(store)}
    assert not [who for who in rows if "not named" in who]
    assert rows["Vladimir Putin"]["claims"] == 3 and rows["Vladimir Putin"]["outlets"] == ["Alpha", "Beta"]


def test_corpus_claims_does_not_import_the_stats_that_import_it():
    """claims and stats imported each other (final read f14b): the speaker names both use live in
    slant.corpus.speakers, so importing claims loads no slant.corpus.stats."""
    import subprocess
    import sys

    code = "import sys, slant.corpus.claims; print('slant.corpus.stats' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_claims_and_travelling_quotes_read_a_blank_outlet_of_an_older_store_as_none(store):
    """Review r15a: two articles whose outlet an older store kept as "  " pooled their author's voice into
    one "not named (author's voice)" row and listed "  " among a person's outlets (truthiness tests on
    the stored outlet), and `slant stats` travelling_quotes.relayed_by held None for them. A blank
    outlet is no outlet in both, as "" is."""
    from slant.corpus import stats
    from tests.test_corpus_stats import build as build_quoted

    with store.session() as w:
        w.put(build("n1", "x", "2024-01-03", [(CLAIM_B, "claim", AUTHOR), (CLAIM_A, "claim", PUTIN)]))
        w.put(build("n2", "y", "2024-01-04", [("Prices rose 9 percent in May.", "claim", AUTHOR)]))
        for doc_id, outlet, day in (("q1", "Alpha", "2024-01-01"), ("q2", "Beta", "2024-01-02"), ("q3", "z", "2024-01-03")):
            w.put(build_quoted(doc_id, outlet, day, [], quote=("The harbour will reopen in May", "Ann Lee")))
        w.execute("UPDATE documents SET outlet = '  ' WHERE doc_id IN ('n1', 'n2', 'q3')")  # as stored before
    rows = {r["speaker"]: r for r in claims.claims_by_speaker(store)}
    assert not [who for who in rows if "not named" in who or not who.strip()], sorted(rows)
    assert rows["Vladimir Putin"]["outlets"] == ["Alpha", "Beta"]
    travelling = stats.travelling_quotes(store)
    assert [(t["first_outlet"], t["relayed_by"], t["outlets"]) for t in travelling] == [("Alpha", ["Beta"], 2)]
