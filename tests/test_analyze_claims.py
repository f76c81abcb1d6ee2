"""Check-worthy claims: the head on hand-written sentences, and who each claim is tied to."""

from __future__ import annotations

import io
import json
from importlib import resources

import jsonschema
import numpy as np
import pytest

from slant.analyze.claims import (AUTHOR, CLAIMS_TSV_COLUMNS, HEAD_FILE, ClaimHead, claim_rows, claim_spans,
                                  quote_voice)
from slant.document import Document, OffsetMap, Span
from slant.formats.tables import TABLE_FORMATS
from slant.models.onnx_model import DEFAULT_MODEL_DIR
from slant.render.html import render_html
from slant.render.text import render_text

HEAD_PATH = DEFAULT_MODEL_DIR / HEAD_FILE
needs_head = pytest.mark.skipif(not HEAD_PATH.is_file(), reason="the claim head is not shipped")


# -- tying sentences to sources (no model) -------------------------------------------------------


def _quoted_doc() -> Document:
    """Three sentences: the author's, one inside Putin's quote (relayed by RT), one in an unattributed quote."""
    raw = ("Putin spoke on Tuesday. “NATO bombed Libya in 2011 and destroyed it,” Putin said, "
           "as quoted by Russia Today. “Nobody knows who wrote this,” a note read.")
    doc = Document(raw, id="q", raw="XX" + raw, offsets=OffsetMap([(0, 2, len(raw))]))
    s1 = raw.index("Putin spoke")
    s2 = raw.index("“NATO")
    s3 = raw.index("“Nobody")
    doc.set_sentences([Span(s1, s2 - 1), Span(s2, s3 - 1), Span(s3, len(raw))])
    c1 = raw.index("NATO bombed")
    c1_end = raw.index(",” Putin")
    c3 = raw.index("Nobody")
    doc.add_layer("quotes", [
        Span(c1, c1_end, "direct", attrs={"kind": "direct", "speaker": {
            "text": "Putin", "start": raw.index("Putin said"), "end": raw.index("Putin said") + 5,
            "entity": "per:vladimir-putin", "canonical": "Vladimir Putin"},
            "relay": {"name": "Russia Today", "start": raw.index("Russia"), "end": raw.index("Russia") + 12}}),
        Span(c3, raw.index(",” a note"), "direct", attrs={"kind": "direct", "speaker": None, "relay": None}),
    ])
    return doc


def test_claim_inside_a_quote_carries_its_speaker_and_relay():
    doc = _quoted_doc()
    spans = claim_spans(doc, [0.1, 0.9, 0.8], 0.5)
    author, putin, unnamed = spans
    assert author.attrs == {"voice": "author"} and author.label == "no"
    assert putin.label == "claim" and putin.score == 0.9
    assert putin.attrs["voice"] == "quote" and putin.attrs["speaker"] == "Vladimir Putin"
    assert putin.attrs["speaker_entity"] == "per:vladimir-putin" and putin.attrs["relay"] == "Russia Today"
    assert putin.attrs["quote"] == 0
    assert unnamed.attrs["voice"] == "quote" and unnamed.attrs["speaker"] is None and unnamed.attrs["quote"] == 1


def test_an_attribution_without_a_reporting_cue_gives_no_speaker():
    # "Moscow sent proposals to NATO leaders seeking assurances that …": the attribution head may tag
    # "seeking" as a cue with "NATO leaders" as its source; the sentence is still the article's
    raw = "In December, Moscow sent proposals to NATO leaders seeking assurances that the alliance would not expand."
    doc = Document(raw)
    doc.set_sentences([Span(0, len(raw))])
    cue = raw.index("seeking")
    spk = raw.index("NATO leaders")
    content = raw.index("assurances")
    doc.add_layer("quotes", [Span(content, len(raw) - 1, "indirect", attrs={
        "kind": "indirect", "cue": [cue, cue + 7], "speaker": {"start": spk, "end": spk + 12, "canonical": "NATO leaders"}})])
    assert claim_spans(doc, [0.9], 0.5)[0].attrs == {"voice": "author"}
    said = raw.replace("seeking", "said").replace("In December, Moscow sent proposals to ", "")
    doc = Document(said)
    doc.set_sentences([Span(0, len(said))])
    cue = said.index("said")
    doc.add_layer("quotes", [Span(said.index("assurances"), len(said) - 1, "indirect", attrs={
        "kind": "indirect", "cue": [cue, cue + 4], "speaker": {"start": 0, "end": 12, "canonical": "NATO leaders"}})])
    assert claim_spans(doc, [0.9], 0.5)[0].attrs["speaker"] == "NATO leaders"


def test_a_sentence_with_only_a_short_scare_quote_stays_in_the_authors_voice():
    raw = "The minister called the plan a “total success” before the vote on the budget was held."
    doc = Document(raw)
    doc.set_sentences([Span(0, len(raw))])
    s = raw.index("total")
    doc.add_layer("quotes", [Span(s, s + len("total success"), "direct", attrs={"speaker": {"canonical": "X"}})])
    assert quote_voice(doc, 0, len(raw)) is None
    assert claim_spans(doc, [0.7], 0.5)[0].attrs == {"voice": "author"}


def test_claims_tsv_rows_use_raw_offsets_and_name_the_author():
    doc = _quoted_doc()
    doc.add_layer("claims", claim_spans(doc, [0.1, 0.9, 0.8], 0.5))
    out = io.StringIO()
    assert TABLE_FORMATS["claims-tsv"]([doc], out) == 3
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == list(CLAIMS_TSV_COLUMNS)
    first, second, third = (line.split("\t") for line in lines[1:])
    assert first[:2] == ["q", "2"] and first[4] == "no" and first[5] == AUTHOR and first[6] == ""
    assert second[3] == "0.9000" and second[4] == "claim" and second[5:7] == ["Vladimir Putin", "Russia Today"]
    start, end = int(second[1]), int(second[2])
    # the claim is the words said: the attribution tail (",” Putin said, as quoted by Russia Today.") is left out
    assert doc.raw[start:end] == "NATO bombed Libya in 2011 and destroyed it" and second[7] == doc.raw[start:end]
    assert third[5] == "" and third[4] == "claim"  # a quote whose speaker is unknown: empty cell
    assert claim_rows(doc)[1]["speaker"] == "Vladimir Putin"


def test_claims_layer_follows_the_schema_and_round_trips():
    doc = _quoted_doc()
    doc.add_layer("claims", claim_spans(doc, [0.1, 0.9, 0.8], 0.5))
    schema = json.loads(resources.files("slant.schema").joinpath("document.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = doc.to_dict()
    validator.validate(data)
    assert Document.from_dict(data).layers["claims"][1].attrs["speaker"] == "Vladimir Putin"
    data["layers"]["claims"][0]["label"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def test_claims_are_marked_in_html_and_listed_in_the_text_report():
    doc = _quoted_doc()
    doc.set_paragraphs([Span(0, len(doc.text))])
    doc.add_layer("claims", claim_spans(doc, [0.1, 0.9, 0.8], 0.5))
    page = render_html([doc])
    assert page.count('class="cn"') == 2 and 'id="d1-c1" href="#d1-crow1"' in page
    assert 'data-claim="1"' in page and 'data-claim="3"' not in page  # the author's non-claim is unmarked
    body = page[page.index('<div class="body">'):page.index('<section class="claims">')]
    assert "Putin spoke on Tuesday." in body and "Putin spoke" not in body.split('class="claim"')[1]
    row1 = page[page.index('<tr id="d1-crow1">'):]
    row1 = row1[:row1.index("</tr>")]
    assert "Vladimir Putin" in row1 and "Russia Today" in row1 and "90%" in row1
    assert "unnamed source" in page[page.index('<tr id="d1-crow2">'):]
    from rich.console import Console

    console = Console(file=io.StringIO(), width=200)
    console.print(render_text(doc))
    report = console.file.getvalue()
    assert "Check-worthy claims" in report and "Vladimir Putin" in report and "NATO bombed Libya" in report
    assert "Putin spoke on Tuesday" not in report.split("Check-worthy claims")[1]


# -- the head on hand-written sentences ------------------------------------------------------------

#: one sentence per kind of check-worthy claim the issue names
CLAIMS = [
    ("number", "Unemployment fell to 3.5 percent last year, the lowest rate in fifty years."),
    ("event", "The Senate passed the bill by 52 votes to 48 on Tuesday."),
    ("cause", "The factory closed in 2019 because the company moved its production to Mexico."),
    ("comparison", "China now produces more steel than the rest of the world combined."),
    ("record", "Last year the state spent $4.2 billion on prisons, twice as much as in 2005."),
    ("money", "The program has cost taxpayers $300 million since it began."),
]
#: one sentence per kind of non-claim
NOT_CLAIMS = [
    ("opinion", "I think this is the most disgraceful thing I have ever seen."),
    ("aim", "My goal is to bring people together and build a better future."),
    ("greeting", "Thank you very much, and good evening to all of you."),
    ("question", "What are we going to do about it?"),
    ("promise", "We will never give up and we will win."),
    ("taste", "It is a beautiful country with wonderful people."),
]


@pytest.fixture(scope="module")
def score_sentences():
    from slant.analyze.process import make_pipeline

    pipeline = make_pipeline()

    def score(text: str) -> list[Span]:
        from slant.analyze.process import process_record
        from slant.ingest.record import RawRecord

        doc = process_record(RawRecord(id="t", source="<test>", raw=text, input_format="jsonl"), pipeline=pipeline)
        return doc.layers["claims"]

    return score


@needs_head
@pytest.mark.parametrize("kind,sentence", CLAIMS)
def test_head_finds_check_worthy_claims(score_sentences, kind, sentence):
    (span,) = score_sentences(sentence)
    assert span.label == "claim", f"{kind}: {sentence} scored {span.score}"


@needs_head
@pytest.mark.parametrize("kind,sentence", NOT_CLAIMS)
def test_head_leaves_non_claims_out(score_sentences, kind, sentence):
    (span,) = score_sentences(sentence)
    assert span.label == "no", f"{kind}: {sentence} scored {span.score}"


@needs_head
def test_quoted_claim_in_an_article_takes_the_speaker(score_sentences):
    text = ("Budget row deepens\n\n"
            "“The deficit grew by $200 billion in 2023,” Finance Minister Maria Keller told reporters. "
            "The figures were published by the treasury on Monday.")
    spans = score_sentences(text)
    quoted = next(s for s in spans if s.start > 0 and s.attrs.get("voice") == "quote")
    assert quoted.label == "claim" and quoted.attrs["speaker"] == "Maria Keller"
    last = spans[-1]
    assert last.attrs == {"voice": "author"} and last.label == "claim"


@needs_head
def test_bundled_example_claims_and_their_sources(example_path):
    from slant.analyze.process import analyze

    doc = analyze(example_path)
    by_start = {doc.text[s.start:s.end][:40]: s for s in doc.layers["claims"]}

    def find(prefix: str) -> Span:
        return next(s for key, s in by_start.items() if doc.text[s.start:s.end].startswith(prefix))

    putin = find("According to the Russian President")
    assert putin.label == "claim" and putin.attrs["speaker"] == "Vladimir Putin"
    december = find("In December, Moscow sent")
    assert december.label == "claim" and december.attrs["voice"] == "author"
    # the quotes layer gives this statement to Putin (cue "offered"): so does the claims list
    offered = find("Putin then offered the example")
    assert offered.attrs["voice"] == "quote" and offered.attrs["speaker"] == "Vladimir Putin"
    assert find("Documents leaked last week").label == "claim"
    macron = next(s for s in doc.layers["claims"] if "My goal is to freeze the game" in doc.span_text(s))
    assert macron.label == "no"
    nato = next(s for s in doc.layers["claims"] if "We are not looking for confrontation" in doc.span_text(s))
    assert nato.label == "no"
    assert len(doc.sentences) == len(doc.layers["claims"])
    assert doc.layers["claims"][0].start == 0  # the title is scored too
    schema = json.loads(resources.files("slant.schema").joinpath("document.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc.to_dict())


@needs_head
def test_shipped_head_is_calibrated_and_documented():
    head = ClaimHead.load(HEAD_PATH)
    assert 0.05 < head.threshold < 0.95
    assert (head.calibration_y[1:] >= head.calibration_y[:-1]).all()  # isotonic: never decreasing
    assert head.meta["component"] == "slant.claims.v1"
    card = (DEFAULT_MODEL_DIR / "MODEL_CARD.md").read_text("utf-8")
    assert "slant.claims.v1" in card and f"{head.threshold:.2f}" in card


def test_a_head_trained_on_another_encoder_is_refused_with_a_hint():
    import numpy as np

    from slant.analyze.claims import ClaimsComponent
    from slant.analyze.entities import SHARED_STATES
    from slant.errors import ModelError

    doc = Document("Prices rose by 5% in May.")
    doc.set_sentences([Span(0, len(doc.text))])
    SHARED_STATES.put(doc.text, np.array([[0, 6], [7, 11]]), np.ones((2, 384), np.float32))
    component = ClaimsComponent()
    component._head = ClaimHead(np.zeros((100, 1), np.float32), np.zeros(1, np.float32), None, None,
                                np.array([0.0, 1.0]), np.array([0.0, 1.0]), 0.5, {})
    with pytest.raises(ModelError, match="another encoder") as info:
        component.pipe([doc])
    assert "slant.train.claims" in info.value.hint


def test_lexical_cues_of_a_whole_document_match_those_of_each_sentence(example_text):
    from slant.analyze.claim_features import lexical_features, lexical_matrix
    from slant.clean import split_sentences

    text = example_text + "\nIs it 5 % or 7 per cent? I think we will win. Thank you. It cost $3 billion in 1999."
    spans = split_sentences(text)
    assert len(spans) > 20
    whole = lexical_matrix(text, spans)
    one_by_one = np.stack([lexical_features(text[s:e]) for s, e in spans])
    assert (whole == one_by_one).all()
    assert whole.sum() > 20  # the cues do fire


# -- what a claim holds and who is on record (session 13) -----------------------------------------


def _one_sentence(raw: str, content: str, cue: str, speaker: str, kind: str = "direct",
                  probability: float | None = None) -> Document:
    doc = Document(raw, id="t", raw="##" + raw, offsets=OffsetMap([(0, 2, len(raw))]))
    doc.set_sentences([Span(0, len(raw))])
    c, k, s = raw.index(content), raw.index(cue), raw.index(speaker)
    attrs = {"kind": kind, "cue": [k, k + len(cue)],
             "speaker": {"text": speaker, "start": s, "end": s + len(speaker), "canonical": speaker}}
    if probability is not None:  # admitted by the statement-confidence model
        attrs["probability"] = probability
    doc.add_layer("quotes", [Span(c, c + len(content), kind, attrs=attrs)])
    return doc


@pytest.mark.parametrize("raw,content,cue,speaker,kind", [
    ("“The harbour toll rose by 40 percent last year,” the mayor said.",
     "The harbour toll rose by 40 percent last year", "said", "the mayor", "direct"),
    ("\"The harbour toll rose by 40 percent last year,\" Ada Kestrel told reporters on Monday.",
     "The harbour toll rose by 40 percent last year", "told", "Ada Kestrel", "direct"),
    ("The harbour toll rose by 40 percent last year, Ada Kestrel said, as reported by Bay Radio.",
     "The harbour toll rose by 40 percent last year", "said", "Ada Kestrel", "indirect"),
])
def test_a_claim_leaves_out_the_attribution_tail(raw, content, cue, speaker, kind):
    doc = _one_sentence(raw, content, cue, speaker, kind)
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert doc.span_text(claim) == content and claim.attrs["speaker"] == speaker
    doc.add_layer("claims", [claim])
    row = claim_rows(doc)[0]
    assert row["text"] == content and doc.raw[row["start"]:row["end"]] == content  # raw offsets still right


def test_a_claim_keeps_an_attribution_that_opens_the_sentence():
    raw = "Ada Kestrel said the harbour toll rose by 40 percent last year."
    doc = _one_sentence(raw, "the harbour toll rose by 40 percent last year", "said", "Ada Kestrel", "indirect")
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert (claim.start, claim.end) == (0, len(raw)) and claim.attrs["speaker"] == "Ada Kestrel"


@pytest.mark.parametrize("cue", ["knew perfectly well", "thought", "believes", "hoped", "feared"])
def test_a_writer_saying_what_someone_knew_or_thought_is_not_their_claim(cue):
    raw = f"Ada Kestrel {cue} that the harbour toll had risen by 40 percent in a year."
    doc = _one_sentence(raw, "the harbour toll had risen by 40 percent in a year", cue.split()[0], "Ada Kestrel",
                        "indirect")
    assert claim_spans(doc, [0.9], 0.5)[0].attrs == {"voice": "author"}
    said = _one_sentence(raw.replace(cue, "said"), "the harbour toll had risen by 40 percent in a year", "said",
                         "Ada Kestrel", "indirect")
    assert claim_spans(said, [0.9], 0.5)[0].attrs["speaker"] == "Ada Kestrel"


def test_a_claim_that_opens_with_its_own_words_keeps_its_quotation_marks_balanced():
    raw = "The harbour plan “will fail within a year,” the mayor said."
    doc = _one_sentence(raw, "will fail within a year", "said", "the mayor")
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert doc.span_text(claim) == "The harbour plan “will fail within a year,”"


@pytest.mark.parametrize("raw,content", [
    ("“We paid every one of the dock workers’,” the harbour master said.", "We paid every one of the dock workers’"),
    ("“He called the deal ‘a total scam for the town’,” the harbour master said.",
     "He called the deal ‘a total scam for the town’"),
])
def test_a_claim_keeps_a_closing_apostrophe_that_belongs_to_its_words(raw, content):
    # review r13a: the trim ate every closing mark, a possessive's apostrophe and a nested quote's close too
    doc = _one_sentence(raw, content, "said", "the harbour master")
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert doc.span_text(claim) == content


# -- claims and the quotes layer name the same speaker (session 13) --------------------------------


@pytest.mark.parametrize("raw,content,cue", [
    ("Ada Kestrel then offered the example of the harbour towns that lost half their trade in a year.",
     "the example of the harbour towns that lost half their trade in a year", "then offered"),
    ("But Ada Kestrel voiced alarm that the harbour toll had risen by 40 percent in a year.",
     "the harbour toll had risen by 40 percent in a year", "voiced alarm"),
    ("Ada Kestrel's suit charges that the harbour board raised the toll by 40 percent in a year.",
     "the harbour board raised the toll by 40 percent in a year", "charges"),
    ("In June, Ada Kestrel ruled that the harbour board had raised the toll against the town's charter.",
     "the harbour board had raised the toll against the town's charter", "ruled"),
])
def test_an_admitted_statement_with_a_cue_of_speech_gives_the_claim_its_speaker(raw, content, cue):
    # the quotes layer lists the statement as Ada Kestrel's (the confidence model admitted it): the
    # claims list must not file the same sentence under the article's voice
    doc = _one_sentence(raw, content, cue, "Ada Kestrel", "indirect", probability=0.86)
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert claim.attrs["voice"] == "quote" and claim.attrs["speaker"] == "Ada Kestrel"
    # without the confidence model (annotate_quotes(confidence=None)) the rules' lexicon alone decides
    unscored = _one_sentence(raw, content, cue, "Ada Kestrel", "indirect")
    assert claim_spans(unscored, [0.9], 0.5)[0].attrs == {"voice": "author"}


@pytest.mark.parametrize("raw,content,cue", [
    # review r13c: "charged … with", "ruled <object>", "offered <a thing>" are acts, not speech
    ("Harbour police charged Ada Kestrel with fraud after the toll audit in June.",
     "Ada Kestrel with fraud", "charged"),
    ("The harbour board offered a reward for news of the missing toll ledgers.",
     "a reward for news of the missing toll ledgers", "offered"),
    ("The harbour court ruled the new toll unlawful on Friday.", "the new toll unlawful", "ruled"),
])
def test_an_admitted_statement_with_a_speech_act_used_as_an_act_gives_no_speaker(raw, content, cue):
    doc = _one_sentence(raw, content, cue, raw.split(" " + cue)[0], "indirect", probability=0.7)
    assert claim_spans(doc, [0.9], 0.5)[0].attrs == {"voice": "author"}


@pytest.mark.parametrize("cue", ["knew perfectly well", "believes", "feared"])
def test_an_admitted_statement_with_a_cue_of_knowing_still_gives_no_speaker(cue):
    raw = f"Ada Kestrel {cue} that the harbour toll had risen by 40 percent in a year."
    doc = _one_sentence(raw, "the harbour toll had risen by 40 percent in a year", cue.split()[0], "Ada Kestrel",
                        "indirect", probability=0.9)
    assert claim_spans(doc, [0.9], 0.5)[0].attrs == {"voice": "author"}


def test_an_admitted_statement_with_a_cue_of_action_gives_no_speaker():
    raw = "In December, Moscow sent proposals to NATO leaders seeking assurances that the alliance would not expand."
    doc = _one_sentence(raw, "assurances that the alliance would not expand", "seeking", "Moscow", "indirect",
                        probability=0.81)
    assert claim_spans(doc, [0.9], 0.5)[0].attrs == {"voice": "author"}


def test_a_cue_of_speech_in_another_sentence_gives_no_speaker():
    # the model admitted "Other allies have voiced similar concerns. So have X and Y." as the allies'
    # statement with its content in the second sentence: that sentence is not the allies' claim
    raw = "Other harbour towns have voiced similar concerns. So have the mayors of Brill and Oster."
    doc = Document(raw)
    second = raw.index("So have")
    doc.set_sentences([Span(0, second - 1), Span(second, len(raw))])
    cue, spk = raw.index("have voiced"), raw.index("Other harbour towns")
    doc.add_layer("quotes", [Span(second, len(raw) - 1, "indirect", attrs={
        "kind": "indirect", "cue": [cue, cue + len("have voiced similar")], "probability": 0.53,
        "speaker": {"text": "Other harbour towns", "start": spk, "end": spk + 19, "canonical": "Other harbour towns"}})])
    assert claim_spans(doc, [0.2, 0.9], 0.5)[1].attrs == {"voice": "author"}


# -- a sentence opened by a named speaker and a cue of speech is theirs (session 15, m15e) ----------------


@pytest.mark.parametrize("raw,content,cue,speaker", [
    # the quote rules end the content at the writer's clause or a nested report: less than half the sentence
    ("Zakharova said that the US is preparing provocations in Syria, which will be used as a pretext for new "
     "sanctions against Moscow and its allies in the region.", "the US is preparing provocations in Syria", "said",
     "Zakharova"),
    ("Putin said Western countries are lying, they say NATO will not expand to the east at all.",
     "Western countries are lying", "said", "Putin"),
    ("On Monday, the harbour board said the toll rose, as had the fees for every boat that moors at the pier.",
     "the toll rose", "said", "the harbour board"),
])
def test_a_sentence_opened_by_a_speaker_and_a_cue_of_speech_is_the_speakers(raw, content, cue, speaker):
    doc = _one_sentence(raw, content, cue, speaker, "indirect")
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert claim.attrs["voice"] == "quote" and claim.attrs["speaker"] == speaker
    assert (claim.start, claim.end) == (0, len(raw))


@pytest.mark.parametrize("raw,content,cue,speaker", [
    # a thing announced or mentioned, not a clause said
    ("Sen. Ada Kestrel announced her resignation on the harbour floor on Thursday morning, as calls for it mount "
     "after the latest accusations against her.", "her resignation on the harbour floor", "announced",
     "Sen. Ada Kestrel"),
    # a pronoun: the resolver's guess, not a speaker the sentence names
    ("She says she avoided the kiss, then heard the mayor of the harbour town say it was his right as a host.",
     "she avoided the kiss", "says", "She"),
    # the cue belongs to a relative clause of the subject; the sentence's own verb follows
    ("A caller to the harbour radio show who says he was a neighbour of the gunman asserts that the gunman "
     "could not have carried out the attack alone.", "he was a neighbour of the gunman", "says",
     "A caller to the harbour radio show who"),
    # a headline in title case
    ("New Audio From The Night Of The Harbour Fire Reveals That There Was Another Fire In The Bar At The Top "
     "Of The Old Mill During The Night", "That There Was Another Fire", "Reveals", "New Audio"),
    # a record, not a person on record ("Documents leaked last week show that …")
    ("Documents leaked last week show that the harbour board rejected the toll cap, and the mayor has since "
     "promised to review every fee.", "the harbour board rejected the toll cap", "show", "Documents leaked last week"),
    # a cue of knowing, as before
    ("Ada Kestrel knew that the toll had risen, which the harbour board had kept from the town for a year.",
     "the toll had risen", "knew", "Ada Kestrel"),
])
def test_a_sentence_opened_by_no_named_speaker_or_no_statement_stays_the_authors(raw, content, cue, speaker):
    doc = _one_sentence(raw, content, cue, speaker, "indirect")
    if speaker.startswith("Documents"):
        doc.layers["quotes"][0].attrs["speaker"]["kind"] = "document"  # as the quotes layer marks a record
    assert claim_spans(doc, [0.9], 0.5)[0].attrs == {"voice": "author"}


def _two_statements(raw: str, *statements: tuple[str, str, str, str]) -> Document:
    """A one-sentence document with indirect statements (content, cue, cue's word, speaker)."""
    doc = Document(raw, id="t", raw="##" + raw, offsets=OffsetMap([(0, 2, len(raw))]))
    doc.set_sentences([Span(0, len(raw))])
    spans = []
    for content, cue_at, cue, speaker in statements:
        c, k, s = raw.index(content), raw.index(cue_at), raw.index(speaker)
        spans.append(Span(c, c + len(content), "indirect", attrs={
            "kind": "indirect", "cue": [k, k + len(cue)],
            "speaker": {"text": speaker, "start": s, "end": s + len(speaker), "canonical": speaker}}))
    doc.add_layer("quotes", spans)
    return doc


def test_a_sentence_opened_by_a_speaker_with_a_second_speaker_in_it_is_not_the_openers_whole():
    # r15d: "Putin said …, but the Pentagon said …" went whole to Putin, the Pentagon's longer content
    # with it; with two speakers the share decides as before the opener rule (the Pentagon's, the larger)
    raw = ("Ada Kestrel said on Tuesday that tolls rose, but the harbour board said that no boat paid more "
           "in 2014 or since and that the claims are a campaign trick made up by her own staff.")
    first = "tolls rose"
    second = "no boat paid more in 2014 or since and that the claims are a campaign trick made up by her own staff"
    doc = _two_statements(raw, (first, "said on", "said", "Ada Kestrel"),
                          (second, "said that no", "said", "the harbour board"))
    assert claim_spans(doc, [0.9], 0.5)[0].attrs.get("speaker") == "the harbour board"
    # the same speaker reporting again ("and she said …") leaves the sentence whole to the opener
    raw = raw.replace("but the harbour board said", "and she said")
    doc = _two_statements(raw, (first, "said on", "said", "Ada Kestrel"), (second, "said that no", "said", "she"))
    doc.layers["quotes"][1].attrs["speaker"]["canonical"] = "Ada Kestrel"
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert claim.attrs.get("speaker") == "Ada Kestrel" and (claim.start, claim.end) == (0, len(raw))


def test_a_report_nested_in_the_openers_is_no_second_speaker():
    # "…, according to FEMA, it will take months …" reports inside the senators' claim: still theirs
    raw = ("The senators stressed that much of the harbour's power is out and, according to the harbour board, it "
           "will take months before power is fully restored to every pier and boathouse in town.")
    doc = _two_statements(raw, ("much of the harbour's power is out and", "stressed", "stressed", "The senators"),
                          ("it will take months before power is fully restored", "according to", "according to",
                           "the harbour board"))
    claim = claim_spans(doc, [0.9], 0.5)[0]
    assert claim.attrs.get("speaker") == "The senators" and (claim.start, claim.end) == (0, len(raw))
