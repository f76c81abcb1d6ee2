"""Rule-based sentence splitting: abbreviations, initials, decimals, quotes, ellipses, paragraphs."""

from __future__ import annotations

import pytest

from slant.clean.segment import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("Gen. Milley and Sen. Graham spoke. Nothing changed.",
     ["Gen. Milley and Sen. Graham spoke.", "Nothing changed."]),
    ("John F. Kennedy was elected in 1960. He was 43.",
     ["John F. Kennedy was elected in 1960.", "He was 43."]),
    ("J. K. Rowling wrote it. Fans loved it.", ["J. K. Rowling wrote it.", "Fans loved it."]),
    ("Growth was 2.5 percent in 2021. It slowed.", ["Growth was 2.5 percent in 2021.", "It slowed."]),
    ("The U.S. Senate voted on Jan. 5. It passed.", ["The U.S. Senate voted on Jan. 5.", "It passed."]),
    ("Troops left the U.S. The base closed.", ["Troops left the U.S.", "The base closed."]),
    ("He lives at No. 10 Downing Street. It is old.",
     ["He lives at No. 10 Downing Street.", "It is old."]),
    ("She fell ill. Doctors were called.", ["She fell ill.", "Doctors were called."]),
    ("The firm, Acme Inc. said it would appeal. Shares fell.",
     ["The firm, Acme Inc. said it would appeal.", "Shares fell."]),
    ("It opened at 9 a.m. and closed at 5 p.m. on Friday.",
     ["It opened at 9 a.m. and closed at 5 p.m. on Friday."]),
])
def test_clean_segment_abbreviations_initials_decimals(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text", [
    "The bill was backed by then-Sen. Barack Obama of Illinois.",
    "He met ex-Rep. John Smith and then-Lt. Gov. Ann Lee on Monday.",
    "Then-Gov. Jerry Brown signed it.",
])
def test_clean_segment_hyphenated_title_does_not_end_a_sentence(text):
    assert sentences(text) == [text]
    assert sentences(text + " It passed.") == [text, "It passed."]


@pytest.mark.parametrize("text", ["The new consoles are next-gen.", "The chips are second-gen.", "They met mid-st."])
def test_clean_segment_a_hyphenated_word_that_is_no_title_ends_a_sentence(text):
    """Only a capitalised title after the hyphen keeps the sentence open ("then-Sen."), not "next-gen."."""
    assert sentences(text + " Sony said sales would rise.") == [text, "Sony said sales would rise."]


@pytest.mark.parametrize("text,expected", [
    ('"We are not looking for confrontation," he said. Then he left.',
     ['"We are not looking for confrontation," he said.', "Then he left."]),
    ("“We will win!” Zelensky said. The crowd cheered.",
     ["“We will win!” Zelensky said.", "The crowd cheered."]),
    ('"Why?" she asked. "Because." He laughed.', ['"Why?" she asked.', '"Because."', "He laughed."]),
    ('"My goal is to freeze the game," Macron said. "This goal for me is fulfilled."',
     ['"My goal is to freeze the game," Macron said.', '"This goal for me is fulfilled."']),
    ("He said: “It is over.” Nobody answered.", ["He said: “It is over.”", "Nobody answered."]),
    ("(The vote was close.) It passed.", ["(The vote was close.)", "It passed."]),
])
def test_clean_segment_sentence_ends_inside_closing_quotes(text, expected):
    assert sentences(text) == expected


def test_clean_segment_ellipsis_splits_only_before_a_capital():
    assert sentences("He paused... and went on. It was late... Nobody stayed.") == [
        "He paused... and went on.", "It was late...", "Nobody stayed."]
    assert sentences("Wait… What?") == ["Wait…", "What?"]


def test_clean_segment_never_crosses_a_line_break():
    text = "First paragraph has no full stop\n\nSecond one. Two sentences."
    assert sentences(text) == ["First paragraph has no full stop", "Second one.", "Two sentences."]


def test_clean_segment_respects_start_and_end():
    text = "Skip this. Title here\n\nMr. Brown spoke. He left.\n\nAfter."
    start = text.index("Mr.")
    end = text.index("\n\nAfter")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Mr. Brown spoke.", "He left."]
    assert all(start <= s < e <= end for s, e in spans)


def test_clean_segment_spans_are_trimmed_and_ordered():
    text = "  One.   Two!  Three?  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two!", "Three?"]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    assert spans == sorted(spans)


def test_clean_segment_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []
