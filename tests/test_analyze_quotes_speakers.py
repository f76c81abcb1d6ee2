"""Quotes: who a speaker phrase names, and who it does not (hand-written sentences; issue 13)."""

from __future__ import annotations

import pytest

from slant.analyze.attribution_rules import split_paragraphs
from slant.analyze.entities import annotate_entities
from slant.analyze.names import speaker_name
from slant.analyze.quotes import extract_quotes
from slant.document import Document, Span


def quotes_of(text: str):
    doc = Document(text)
    doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(text))
    annotate_entities(doc)
    return extract_quotes(doc)


def the_quote(text: str):
    (q,) = quotes_of(text)
    return q


@pytest.mark.parametrize("text, phrase", [
    ("Sergey Kislyak met officials in May. The ambassador to Russia said the talks would resume in June.",
     "The ambassador to Russia"),
    ("“We will resume the talks in June,” the ambassador to Russia said.", "the ambassador to Russia"),
    ("The head of the UN said the talks would resume in June.", "The head of the UN"),
])
def test_a_role_with_a_preposition_is_not_the_place_it_serves(text, phrase):
    q = the_quote(text)
    assert q.speaker.text == phrase
    assert q.speaker.canonical is None  # nobody the text names
    assert speaker_name(q.speaker.to_dict(), text) == (phrase, False)  # never ranked as a name


@pytest.mark.parametrize("text, who", [
    ("The US ambassador to Russia, Jon Huntsman, said the talks would resume in June.", "Jon Huntsman"),
    ("James Comey spoke. The director of the FBI, James Comey, said the inquiry was closed.", "James Comey"),
])
def test_a_role_with_a_preposition_speaks_as_the_person_the_text_names_there(text, who):
    assert the_quote(text).speaker.canonical == who


def test_a_name_in_a_clause_after_a_role_with_a_preposition_does_not_hold_the_role():
    q = the_quote("The director of National Nurses United, a union that has endorsed Mr. Sanders, said the race "
                  "was open.")
    assert q.speaker.canonical is None


@pytest.mark.parametrize("text, phrase", [
    ("Donald Trump spoke in Ohio. “We will win this state by a lot,” a Trump supporter said.", "a Trump supporter"),
    ("Hillary Clinton spoke in Ohio. “We will win this state by a lot,” the Clinton campaign said.",
     "the Clinton campaign"),
    ("Hillary Clinton spoke in Ohio. The Clinton campaign said it would win the state.", "The Clinton campaign"),
])
def test_a_name_before_the_noun_that_heads_the_phrase_is_not_the_speaker(text, phrase):
    q = the_quote(text)
    assert q.speaker.text == phrase
    assert q.speaker.canonical is None


@pytest.mark.parametrize("text, who", [
    ("“We will win this state by a lot,” Donald Trump himself said.", "Donald Trump"),
    ("It was also true, as Senate Majority Leader Mitch McConnell reportedly warned, that the vote would be close.",
     "Mitch McConnell"),
    ("Another Clinton ally, Agriculture Secretary Tom Vilsack, said the vote would be close.", "Tom Vilsack"),
])
def test_a_name_before_a_word_that_is_no_head_noun_or_in_an_appositive_still_speaks(text, who):
    assert the_quote(text).speaker.canonical.endswith(who)  # (the rule recogniser keeps titles in a name)


@pytest.mark.parametrize("text, name, relay", [
    ("“We will not back down on this,” CNN’s Jake Tapper said on Sunday.", "Jake Tapper", "CNN"),
    ("CNN’s Jake Tapper said the White House would not comment on the report.", "Jake Tapper", "CNN"),
    ("The Hill’s John Solomon reported that the memo was ready.", "John Solomon", "The Hill"),
])
def test_an_outlets_possessive_is_where_the_speaker_spoke(text, name, relay):
    q = the_quote(text)
    assert (q.speaker.text, q.speaker.canonical) == (name, name)
    assert q.relay is not None and q.relay[2] == relay and text[q.relay[0]:q.relay[1]] == relay


def test_a_possessive_that_is_no_outlet_is_no_relay():
    q = the_quote("Pfizer’s Albert Bourla said the vaccine works.")
    assert q.speaker.canonical == "Albert Bourla"
    assert q.relay is None


def test_the_and_one_name_is_a_publication_not_a_person_of_that_surname():
    text = "Katie Hill spoke on Monday. “The report is wrong on every count,” The Hill reported."
    q = the_quote(text)
    assert q.speaker.text == "The Hill"
    assert q.speaker.canonical != "Katie Hill"


@pytest.mark.parametrize("verb", ["shook", "took"])
def test_an_irregular_past_before_and_said_has_the_sentence_subject(verb):
    q = the_quote(f"Mrs. Clinton {verb} her head and said, “No, we will not do that.”")
    assert q.speaker.text == "Mrs. Clinton"


@pytest.mark.parametrize("tail", ["", " on Monday", " last week"])
def test_the_by_phrase_of_an_accusation_names_the_accuser_before_a_time_phrase(tail):
    text = f"The mayor was accused of greed by Anna Berg{tail}."
    q = the_quote(text)
    assert [text[s:e] for s, e in q.parts] == ["The mayor", "greed"]
    assert q.speaker is not None and q.speaker.canonical == "Anna Berg"


@pytest.mark.parametrize("word, past", [("agreed", True), ("pushed", True), ("shook", True), ("said", True),
                                        ("greed", False), ("speed", False), ("bloodshed", False), ("plan", False)])
def test_one_past_form_for_the_direct_and_the_indirect_rules(word, past):
    """quotes.direct read "greed" as a past form where quotes.indirect (before "by") did not."""
    from slant.analyze.quotes.speakers import past_form

    assert past_form(word) is past


def quotes_with_mentions(text: str, names: list[tuple[str, str]]):
    """Quotes with the named mentions the NER head gives (it tags "Russian" MISC and the name PER)."""
    doc = Document(text)
    doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(text))
    annotate_entities(doc, [(text.index(n), text.index(n) + len(n), kind) for n, kind in names])
    return extract_quotes(doc)


@pytest.mark.parametrize("role, who", [
    ("The head of the Russian Foreign Ministry", "Sergei Lavrov"),
    ("The official representative of the Russian Foreign Ministry", "Maria Zakharova"),
])
def test_a_role_with_a_preposition_and_the_name_after_it_without_a_comma_speaks_as_that_person(role, who):
    """A style of translated news (m15f): the person ending the phrase holds the role (8a3587b left it
    unresolved, so the corpus counted nobody)."""
    text = f"{role} {who} said that the alliance was moving its forces closer to the border."
    (q,) = quotes_with_mentions(text, [("Russian", "MISC"), (who, "PER")])
    assert q.speaker.canonical == who
    assert speaker_name(q.speaker.to_dict(), text) == (who, True)


@pytest.mark.parametrize("phrase, served", [
    ("The spokesman for the campaign of Hillary Clinton", "Hillary Clinton"),
])
def test_a_person_the_role_serves_is_not_its_holder(phrase, served):
    text = f"{phrase} said that the vote would be close."
    (q,) = quotes_with_mentions(text, [(served, "PER")])
    assert q.speaker.canonical != served


@pytest.mark.parametrize("owner, kind, who", [
    ("The Environmental Protection Agency", "ORG", "Gina McCarthy"),
    ("American Express", "ORG", "Ken Chenault"),
    ("The Central Intelligence Agency", "ORG", "John Brennan"),
])
def test_an_agencys_or_a_companys_possessive_is_no_relay(owner, kind, who):
    """8a3587b made any name ending in a media word ("agency", "express") an outlet (m15f)."""
    text = f"{owner}'s {who} said that the rules would save lives."
    (q,) = quotes_with_mentions(text, [(owner.removeprefix("The "), kind), (who, "PER")])
    assert q.speaker.canonical == who
    assert q.relay is None


@pytest.mark.parametrize("owner, who, mentions", [
    ("The Hill", "Bob Cusack", [("Hill's Bob Cusack", "PER")]),  # the NER head's reading
    ("NBC News", "Chuck Todd", [("NBC News", "ORG"), ("Chuck Todd", "PER")]),
    ("The Moscow Times", "Anna Berg", [("Moscow Times", "ORG"), ("Anna Berg", "PER")]),
])
def test_a_news_outlets_possessive_is_the_relay_and_the_person_after_it_speaks(owner, who, mentions):
    text = f"{owner}'s {who} said that the vote would be close."
    (q,) = quotes_with_mentions(text, mentions)
    assert (q.speaker.text, q.speaker.canonical) == (who, who)
    assert q.relay is not None and q.relay[2] == owner


APPRENTICE = ("Trump, who was once the star of the reality TV show “The Apprentice,” said in an interview on Monday "
              "that he would win Ohio.")


def test_a_tagged_relative_clause_speaks_as_the_name_before_who():
    # the attribution head tagged the whole clause after the name as the Source: the name before "who"
    # speaks, never the title named inside the clause (it gave "Apprentice")
    from slant.analyze.quotes import Mention, Quote

    text = APPRENTICE
    doc = Document(text)
    doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(text))
    annotate_entities(doc)
    c0, k, w = text.index("that he"), text.index("said"), text.index("who")
    tagged = Quote("indirect", [(c0, len(text) - 1)], (k, k + 4), Mention(w, k - 1, text[w:k - 1]))
    (q,) = [q for q in extract_quotes(doc, tagged=[tagged]) if q.kind == "indirect"]
    assert q.speaker.text == "Trump"


@pytest.mark.parametrize("phrase", [
    "Trump, who was once the star of the reality TV show “The Apprentice,”",
    "Trump, the former star of the reality TV show “The Apprentice,”",
])
def test_a_name_the_recogniser_missed_before_a_comma_is_not_a_name_after_it(phrase):
    # the recogniser found "Apprentice" and missed "Trump": the appositive's title is not who speaks
    from slant.analyze.entities import EntityIndex
    from slant.analyze.quotes import Mention

    text = phrase + " said he would win Ohio."
    a = text.index("Apprentice")
    doc = Document(text)
    index = EntityIndex.build(doc, [Span(a, a + len("Apprentice"), "PER")])
    mention = Mention(0, len(phrase), phrase)
    index.resolve_mention(mention)
    assert mention.canonical is None


def test_a_name_set_off_after_a_common_noun_still_speaks():
    from slant.analyze.entities import EntityIndex
    from slant.analyze.quotes import Mention

    text = "The stepmother, Samina Gilani, said the family would appeal."
    doc = Document(text)
    index = EntityIndex.build(doc, [Span(16, 29, "PER")])
    mention = Mention(0, 30, text[:30])
    index.resolve_mention(mention)
    assert mention.canonical == "Samina Gilani"


def test_a_title_after_a_show_noun_is_no_statement():
    # "the reality TV show “The Apprentice”": "show" is the noun, so no statement of "the reality TV"
    quotes = quotes_of(APPRENTICE)
    assert all(q.speaker is None or "TV" not in q.speaker.text for q in quotes)
    assert all(q.cue is None or APPRENTICE[q.cue[0]:q.cue[1]] != "show" for q in quotes)
    # the verb after a plural, or after a preposition's object, still reports
    for text in ("Polls show “a dead heat” in the state, the paper said.",
                 "Polls in New Hampshire show “a dead heat” in the state, the paper said."):
        assert any(text[q.cue[0]:q.cue[1]] == "show" for q in quotes_of(text) if q.cue)


def test_speakers_a_surname_two_people_share_is_shown_as_written_and_never_counted():
    # issue 13: "Mrs. Clinton" went to Bill Clinton, the nearest full name before it, with his key
    text = ("Bill Clinton spoke in Ohio on Monday. Hillary Clinton spoke in Iowa. "
            "Mrs. Clinton shook her head and said, “No, we will not do that.”")
    (q,) = quotes_of(text)
    assert q.speaker.text == "Mrs. Clinton" and q.speaker.kind == "surname"
    assert speaker_name(q.speaker.to_dict(), text) == ("Mrs. Clinton", False)


def test_speakers_a_surname_the_text_ties_to_one_person_by_sex_is_theirs():
    text = ("Bill Clinton spoke in Ohio on Monday. Hillary Clinton said she would win the state. "
            "Mrs. Clinton shook her head and said, “No, we will not do that.”")
    q = quotes_of(text)[-1]
    assert q.speaker.text == "Mrs. Clinton" and q.speaker.canonical == "Hillary Clinton" and not q.speaker.kind
    assert speaker_name(q.speaker.to_dict(), text) == ("Hillary Clinton", True)


def _resolve_missed(text: str, named: list[tuple[str, int]], phrase: str):
    """Resolve ``phrase`` (its last occurrence), a name the recogniser missed, against ``named``."""
    from slant.analyze.entities import EntityIndex, group_mentions
    from slant.analyze.quotes import Mention

    spans = []
    for p, nth in named:
        start = -1
        for _ in range(nth + 1):
            start = text.index(p, start + 1)
        spans.append((start, start + len(p), "PER"))
    entities, grouped = group_mentions(text, spans)
    index = EntityIndex(text, entities, [(s, e, ent) for s, e, _, ent in grouped])
    start = text.rindex(phrase)
    m = Mention(start, start + len(phrase), phrase)
    index.resolve_mention(m)
    return m


def test_speakers_a_surname_the_recogniser_missed_is_not_the_first_person_of_that_surname():
    text = "Bill Clinton spoke in Ohio. Hillary Clinton spoke in Iowa. Mrs. Clinton said no."
    m = _resolve_missed(text, [("Bill Clinton", 0), ("Hillary Clinton", 0)], "Mrs. Clinton")
    assert m.entity is None and m.kind == "surname"  # was Bill Clinton, the first of the two
    # the one of them written with that honorific elsewhere is the one
    text = "Bill Clinton spoke in Ohio. Hillary Clinton said she was ready. Mrs. Clinton left. Mrs. Clinton said no."
    m = _resolve_missed(text, [("Bill Clinton", 0), ("Hillary Clinton", 0), ("Mrs. Clinton", 0)], "Mrs. Clinton")
    assert m.canonical == "Hillary Clinton" and not m.kind


def test_speakers_a_description_set_off_before_a_name_is_that_persons():
    # issue 13: "lead voice of the victims in Chile, Juan Carlos Cruz" was ranked as a speaker
    text = "The chief advocate of the farmers in Peru, Jorge Luis Mesa, said the dam would ruin the valley."
    (q,) = quotes_of(text)
    assert q.speaker.canonical == "Jorge Luis Mesa"
    assert speaker_name(q.speaker.to_dict(), text) == ("Jorge Luis Mesa", True)
    phrase = "The chief advocate of the farmers in Peru, Jorge Luis Mesa"
    m = _resolve_missed(text, [("Jorge Luis Mesa", 0)], phrase)
    assert m.canonical == "Jorge Luis Mesa"
    # a person before the comma is the speaker's own name, not a description ("Ana Lima, Jorge Mesa")
    text = "Ana Lima, Jorge Luis Mesa and others said the dam would ruin the valley."
    m = _resolve_missed(text, [("Ana Lima", 0), ("Jorge Luis Mesa", 0)], "Ana Lima, Jorge Luis Mesa")
    assert m.canonical == "Ana Lima"


def test_speakers_the_subject_after_a_subordinator_speaks():
    # issue 13: "primary after Trump" (from "during the primary after Trump questioned …") was ranked
    text = "The two clashed during the primary after Ana Lima questioned Tom Berg's eligibility to run."
    m = _resolve_missed(text, [("Ana Lima", 0), ("Tom Berg", 0)], "the primary after Ana Lima")
    assert (m.text, m.canonical) == ("Ana Lima", "Ana Lima")


def test_speakers_a_shared_surname_stays_no_ones_in_the_quote_that_continues_it():
    text = ("Bill Clinton spoke in Ohio on Monday. Hillary Clinton spoke in Iowa.\n\n"
            "Mrs. Clinton said that the state was hers to win.\n\n“And then we will win the next one too.”")
    quotes = quotes_of(text)
    assert len(quotes) == 2 and "speaker_from_previous_quote" in quotes[1].flags
    assert [q.speaker.kind for q in quotes] == ["surname", "surname"]
    assert not speaker_name(quotes[1].speaker.to_dict(), text)[1]


@pytest.mark.parametrize("phrase, served", [
    ("A senior adviser to Donald Trump", "Donald Trump"),
    ("An adviser to Trump", "Trump"),
    ("The chief of staff to President Barack Obama", "Barack Obama"),
    ("The director of the office of Hillary Clinton", "Hillary Clinton"),
    ("The wife of Bill Clinton", "Bill Clinton"),
    ("A close friend of Bernie Sanders", "Bernie Sanders"),
    ("An aide to Senator Ted Cruz", "Ted Cruz"),
    ("The son of former President George Bush", "George Bush"),
])
def test_the_person_a_role_or_a_relation_serves_is_not_the_speaker(phrase, served):
    """A role's or a relation's preposition names whom the speaker serves (m15h): the adviser is not
    Trump, so the quote is shown as the phrase and counted for nobody, not for Trump."""
    text = f"{phrase} said the plan was dead."
    (q,) = quotes_with_mentions(text, [(served, "PER")])
    assert q.speaker.text == phrase
    assert q.speaker.entity is None and q.speaker.canonical is None
    assert speaker_name(q.speaker.to_dict(), text) == (phrase, False)


@pytest.mark.parametrize("phrase, names, who", [
    ("Secretary of State John Kerry", ["John Kerry"], "John Kerry"),
    ("Chief of Staff Reince Priebus", ["Reince Priebus"], "Reince Priebus"),
    ("The wife of Bill Clinton, Hillary Clinton,", ["Bill Clinton", "Hillary Clinton"], "Hillary Clinton"),
    ("The head of the Russian Foreign Ministry Sergei Lavrov", ["Sergei Lavrov"], "Sergei Lavrov"),
    ("Nick Merrill, a spokesman for Mrs. Clinton,", ["Nick Merrill", "Clinton"], "Nick Merrill"),
    ("Trump", ["Trump"], "Trump"),
])
def test_a_role_held_by_the_person_named_after_it_keeps_its_speaker(phrase, names, who):
    """A department's person ("Secretary of State John Kerry") and an appositive after the served
    person ("the wife of Bill Clinton, Hillary Clinton") name the speaker."""
    text = f"{phrase} said the plan was dead."
    (q,) = quotes_with_mentions(text, [(n, "PER") for n in names])
    assert q.speaker.canonical == who
    assert speaker_name(q.speaker.to_dict(), text) == (who, True)



def test_people_a_role_serves_joined_by_and_are_neither_the_speaker():
    text = "Strategists for Barack Obama and Hillary Clinton said the plan was dead."
    (q,) = quotes_with_mentions(text, [("Barack Obama", "PER"), ("Hillary Clinton", "PER")])
    assert q.speaker.entity is None
    assert speaker_name(q.speaker.to_dict(), text)[1] is False


def test_an_organisations_name_with_for_and_and_keeps_its_speaker():
    text = "The Organization for Economic Cooperation and Development said the plan was dead."
    (q,) = quotes_with_mentions(text, [("Organization for Economic Cooperation and Development", "ORG")])
    assert q.speaker.canonical == "Organization for Economic Cooperation and Development"
