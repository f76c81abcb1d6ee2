"""Speaker names: titles stripped, natural case, and phrases that are not names (issue 13)."""

from __future__ import annotations

import pytest

from slant.analyze.names import is_speaker_name, natural_case, speaker_name


@pytest.mark.parametrize("phrase, name", [
    ("Senate Majority Leader Mitch McConnell", "Mitch McConnell"),
    ("FBI Director James Comey", "James Comey"),
    ("Democratic presidential nominee Hillary Clinton", "Hillary Clinton"),
    ("President Trump", "Trump"),
    ("Mr. Trump", "Trump"),
    ("ROBERT MUELLER", "Robert Mueller"),
    ("JUSTICE DEPARTMENT", "Justice Department"),  # an organisation keeps its "title" word
    ("Martin Luther King", "Martin Luther King"),  # a title word inside a name stays
    ("the White House", "White House"),
])
def test_names_speaker_phrases_become_natural_names(phrase, name):
    assert speaker_name({"text": phrase}) == (name, True)


@pytest.mark.parametrize("phrase", ["I", "Who", "They", "It", "he", "the Republican nominee", "officials",
                                    "a White House spokesman", "41 percent", "3rd Highest Ranked Dem Civil Rights Hero",
                                    "Clinton’s campaign", "the French President",
                                    "a spokeswoman for Hillary Clinton"])
def test_names_pronouns_roles_and_quantities_are_not_names(phrase):
    shown, named = speaker_name({"text": phrase})
    assert not named and shown == phrase


def test_names_resolved_speaker_takes_its_entity_name_in_natural_case():
    assert speaker_name({"text": "he", "entity": "per:donald-trump", "canonical": "DONALD TRUMP"}) == \
        ("Donald Trump", True)
    assert speaker_name({"text": "FBI", "entity": "org:fbi", "canonical": "FBI"}) == ("FBI", True)


@pytest.mark.parametrize("speaker", [{"entity": "per:x", "text": ""}, {"entity": "per:x", "text": "  ", "canonical": ""},
                                     {"entity": "org:x", "canonical": "\u2014"}, "   ", {"text": ""}])
def test_names_an_empty_speaker_is_never_a_name(speaker):
    """A resolved speaker with no words (an empty mention, a dash) is shown as it is but not counted."""
    shown, named = speaker_name(speaker)
    assert not named and not shown.strip("\u2014 ")


def test_names_natural_case_keeps_acronyms_and_mixed_case():
    assert natural_case("NATO", "ORG") == "NATO"
    assert natural_case("NBC NEWS", "ORG") == "NBC News"
    assert natural_case("McConnell") == "McConnell"
    assert is_speaker_name("jane roe", require_capital=False) and not is_speaker_name("jane roe")


@pytest.mark.parametrize("phrase", ["People briefed on the move", "Two-thirds of respondents", "Half of those polled",
                                    "Many Americans", "Forty-two percent", "42%", "Nine in 10", "Many in the crowd",
                                    "Some of the women", "Thousands of protesters"])
def test_names_a_counted_group_opening_a_sentence_is_not_a_name(phrase):
    """A group or share of people is a speaker a statement may have, but never a name to rank."""
    assert speaker_name({"text": phrase})[1] is False


@pytest.mark.parametrize("phrase", ["Half Moon Bay Council", "People for the American Way", "Dana Ortiz",
                                    "Majority Leader Mitch McConnell", "Reuters", "the White House"])
def test_names_a_name_that_opens_with_a_counting_word_stays_a_name(phrase):
    assert speaker_name({"text": phrase})[1] is True
