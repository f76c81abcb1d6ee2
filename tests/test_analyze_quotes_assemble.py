"""Quotes: assembly of the rules' and the head's statements (slant.analyze.quotes.assemble), hand-written sentences."""

from __future__ import annotations

from slant.analyze.attribution_rules import split_paragraphs
from slant.analyze.entities import annotate_entities
from slant.analyze.quotes import Quote, extract_quotes
from slant.document import Document, Span


def _doc(text: str) -> Document:
    doc = Document(text)
    doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(text))
    return annotate_entities(doc)


def _tagged(text: str, cue: str, content: str, source: str | None = None) -> Quote:
    """A statement as the attribution head gives it (content, cue, and a source if given)."""
    from slant.analyze.quotes import Mention

    c0, k = text.index(content), text.index(cue)
    speaker = None
    if source is not None:
        s0 = text.index(source)
        speaker = Mention(s0, s0 + len(source), source)
    return Quote("indirect", [(c0, c0 + len(content))], (k, k + len(cue)), speaker)


def _at(quotes, text: str, cue: str) -> Quote:
    return next(q for q in quotes if q.cue and text[q.cue[0]:q.cue[1]] == cue)


def test_speaker_read_inside_the_content_is_no_speaker():
    # the word after a participle cue opens what was said: "he" is no speaker of it
    text = "Critics pointed to remarks the developer made in 2006 saying he “sort of hopes” the market would crash."
    q = _at(extract_quotes(_doc(text), tagged=[_tagged(text, "saying", "he “sort of hopes” the market would crash")]),
            text, "saying")
    assert q.speaker is None or q.speaker.text != "he"
    assert q.speaker is not None or "speaker_unresolved" in q.flags


def test_speaker_inside_content_from_the_head_is_no_speaker():
    # a head Source inside its own content: the subject before the cue speaks
    text = "The new campaign ad hit Dana Smith for hiding the report from the board."
    tagged = _tagged(text, "hit", "Dana Smith for hiding the report from the board", source="Dana Smith")
    q = _at(extract_quotes(_doc(text), tagged=[tagged]), text, "hit")
    assert q.speaker is not None and q.speaker.text == "The new campaign ad"


def test_inverted_speaker_at_the_content_start_stays():
    # "…, said X, who …": where the content holds the inverted speaker, the speaker stays
    text = "Prices fell, said Tom Ekovich, who noted that the sales had cratered to half their value."
    tagged = _tagged(text, "said", "Tom Ekovich, who noted that the sales had cratered to half their value",
                     source="Tom Ekovich")
    quotes = extract_quotes(_doc(text), tagged=[tagged])
    assert any(q.speaker is not None and q.speaker.text == "Tom Ekovich" for q in quotes)
