"""Session 9 (helper j9a): junk told by structure and category, from set O's misses, in our own wordings.

Each kind is tested with invented lines between paragraphs (where a line has no trailing-block lift), and
with content traps that must stay: the same words in a sentence of news.
"""

from __future__ import annotations

import pytest

from slant.clean.junk import classify_lines, junk_score

TITLE = "Harbour town votes to rebuild its flooded ferry terminal"
BYLINE = "By Petra Lindqvist, Marine Reporter"
PARAGRAPHS = [
    "OSTERBY — Residents of Osterby voted on Sunday to borrow 14 million kroner to rebuild the ferry terminal "
    "that was wrecked by a storm surge in March.",
    "Turnout was 61 per cent, and the loan passed by 1,204 votes to 877, the municipal returning officer said.",
    "The terminal serves about 300 commuters a day who cross the sound to jobs on the mainland.",
    "Engineers have proposed raising the quay by 80 centimetres to keep future surges off the car deck.",
    "Work is expected to start in the spring and take about 18 months, the harbour board said.",
]


def between(line: str, *, before: list[str] | None = None, title: str = TITLE):
    """``line`` between the article's second and third paragraphs (``before`` lines just above it)."""
    lines = [BYLINE] + PARAGRAPHS[:2] + (before or []) + [line] + PARAGRAPHS[2:]
    return classify_lines(lines, title=title)[1 + 2 + len(before or [])]


CAPTIONS = [
    # a caption's sentence, then its credit after a bar, a dash or a stop
    "Commuters queue at the old ramp on Tuesday. | FILE",
    "The damaged quay after the surge. — Harbour Board/Handout",
    "A ferry leaves the mainland pier at dawn. – File photo",
    "Divers inspect the piles under the car deck. Photo / Supplied",
    "The terminal's waiting room. Picture: Ida Brandt/Osterby Tidende.",
    "Storm damage on the ramp, March 2026. (Image via Osterby Council)",
    "NEW QUAY. Workers pour concrete at the test section. Photo courtesy of the harbour board",
    "A crane barge off the breakwater. Nordic Wire/Lars Holm/File Photo Purchase Licensing Rights",
    # a credit alone on its line, also in the page's own language
    "Pic by Mads Rasmussen",
    "Foto: Arkiv",
    # what the photo shows, with no verb of its own
    "The old ramp pictured in March.",
    "Harbour master Eva Holm, pictured at the quay",
    # a caption in the photo's present: a noun phrase, a visible act, where or when
    "Volunteers sort donated coats at the church hall on Saturday.",
    "A lifeguard climbs the signal tower at the north beach.",
    "Two ferry hands unload bicycles at the temporary pontoon.",
    "Engineers inspecting the quay wall after the surge.",
    "The damaged ramp, photographed on Tuesday.",
    # a gallery's counter
    "Gallery: 9 images",
    "View all 12 photos",
]


@pytest.mark.parametrize("line", CAPTIONS)
def test_clean_junk_s9_caption_credit_removed_between_paragraphs(line):
    verdict = between(line)
    assert verdict.junk and verdict.reason in ("image credit", "image caption"), verdict


CAPTION_TRAPS = [
    "The council kept the photo of the old terminal in its archive.",
    "Divers found the piles had rotted, the engineer said. They filed a report in May.",
    "Picture this: a harbour with no ferry for a year and a half.",
    "The band played AC/DC covers at the reopening party.",
    "Handout rules for flood grants were changed in April, the ministry said.",
    "The harbour master was pictured at the quay with the minister.",
    # one-line news in the present: a state, a habit, a figure, a clause before the act, a pronoun
    "The new timetable takes effect on July 1.",
    "Latest figures show a rise in ferry delays.",
    "Protesters march through the town centre every Saturday.",
    "The harbour's March report sold out in two days.",
    "Nevertheless, the crew gathers at the quay at dawn.",
    "He walks to work along the quay.",
    "Police arrested two men at the harbour on Monday.",
]


@pytest.mark.parametrize("line", CAPTION_TRAPS)
def test_clean_junk_s9_caption_words_in_prose_kept(line):
    assert not between(line).junk


def test_clean_junk_s9_headlines_under_a_related_label_removed_between_paragraphs():
    lines = [BYLINE] + PARAGRAPHS[:2] + ["More on this topic:", "Krone slips as fuel prices climb",
                                         "Island school gets new science block",
                                         "Fishing quota talks stall in Bergen"] + PARAGRAPHS[2:]
    verdicts = classify_lines(lines, title=TITLE)
    assert [v.junk for v in verdicts[3:7]] == [True, True, True, True], verdicts[3:7]
    assert verdicts[4].reason == "headline under a related label"
    assert not any(v.junk for i, v in enumerate(verdicts) if lines[i] in PARAGRAPHS)


def test_clean_junk_s9_question_headlines_under_a_related_label_removed():
    lines = [BYLINE] + PARAGRAPHS[:2] + ["Related stories", "Explainer: Who pays for a new ferry?",
                                         "Island school gets new science block"] + PARAGRAPHS[2:]
    verdicts = classify_lines(lines, title=TITLE)
    assert verdicts[4].junk and verdicts[5].junk, verdicts[3:6]
    # an article's own question subheading after a paragraph stays
    lines = [BYLINE] + PARAGRAPHS[:2] + ["Who pays for a new ferry?"] + PARAGRAPHS[2:]
    assert not classify_lines(lines, title=TITLE)[3].junk


def test_clean_junk_s9_related_label_holds_only_headline_shaped_lines():
    # the label's list ends at the first line that ends a sentence: the paragraph after it stays, and a label
    # that holds its own headline ("Read: ...") claims nothing below it
    lines = [BYLINE] + PARAGRAPHS[:2] + ["Related stories", "Ferry fares to rise in January",
                                         "The harbour board met again on Monday to discuss the tender."] + PARAGRAPHS[2:]
    verdicts = classify_lines(lines, title=TITLE)
    assert verdicts[3].junk and verdicts[4].junk
    assert not verdicts[5].junk
    lines = [BYLINE] + PARAGRAPHS[:2] + ["Read: Ferry fares to rise in January", "What happens to the cars"] + PARAGRAPHS[2:]
    verdicts = classify_lines(lines, title=TITLE)
    assert not verdicts[4].junk  # the article's own subheading after an inline link


def test_clean_junk_s9_list_after_the_articles_intro_kept():
    lines = [BYLINE] + PARAGRAPHS[:2] + ["The board listed three options:", "Raise the existing quay",
                                         "Build a new ramp to the north"] + PARAGRAPHS[2:]
    verdicts = classify_lines(lines, title=TITLE)
    assert not verdicts[4].junk and not verdicts[5].junk


def test_clean_junk_s9_bio_of_the_bylines_writer_removed():
    # a bio in words no bio pattern holds: only the byline says whose it is
    tail = ["Petra Lindqvist joined the paper in 2019 after a decade at sea. When she is not on deadline she sails.",
            "Share this article"]
    lines = [BYLINE] + PARAGRAPHS + tail
    verdicts = classify_lines(lines, title=TITLE)
    assert verdicts[len(PARAGRAPHS) + 1].junk and verdicts[len(PARAGRAPHS) + 1].reason == "author bio"
    # the same opening with another person's name is the article's
    other = ["Anders Holm is a ferry captain who has crossed the sound for 30 years.", "Share this article"]
    verdicts = classify_lines([BYLINE] + PARAGRAPHS + other, title=TITLE)
    assert not verdicts[len(PARAGRAPHS) + 1].junk
    # and without a byline no name is the writer's
    verdicts = classify_lines(PARAGRAPHS + tail, title=TITLE)
    assert not verdicts[len(PARAGRAPHS)].junk


def test_clean_junk_s9_title_inside_a_widget_line_removed():
    verdict = between("Comments Closed on " + TITLE)
    assert verdict.junk and verdict.reason == "repeated title"
    # a sentence that holds the title with more words of its own stays
    long_line = f"The headline '{TITLE}' was used by three papers on Monday, the press council said."
    assert not between(long_line).junk


NOTICES = [
    ("Part of the Fjordline Media group. Our reporters follow the press council's code.", "copyright notice"),
    ("Osterby Tidende is part of Nordkyst Publishing Ltd.", "copyright notice"),
    ("This reporting is co-funded by the Coastal Press Fund and the Local Journalism Trust.", "copyright notice"),
    ("Headlines are collected from partner sites. All content belongs to the original publishers.", "copyright notice"),
    ("The Sound Courier is an independent community newspaper.", "copyright notice"),
    ("By entering your email you agree to our terms and confirm you are over 16.", "subscribe prompt"),
    ("Comments are checked by a moderator before they appear under the article.", "comment widget"),
    ("Discussion guidelines: keep it civil and on topic.", "comment widget"),
    ("Start each weekday with our Harbour Morning newsletter.", "subscribe prompt"),
    ("Posted in Harbour, Transport | Tagged ferry, storm damage", "tags"),
    ("Fast broadband for your farm, from 199 kr a month. Learn more", "advertisement"),
    ("Did the surge reach your street? Message our newsroom", "contact line"),
    ("🎧 Podcast: Harbour Talk, Episode 31 — the ferry question", "audio or podcast prompt"),
    ("Osterby Boat Show — tickets now on sale", "site prompt"),
    ("Osterby Tidende Ltd. ACN 012 345 678", "footer"),
]


@pytest.mark.parametrize("line,reason", NOTICES)
def test_clean_junk_s9_site_notices_removed_between_paragraphs(line, reason):
    verdict = between(line)
    assert verdict.junk and verdict.reason == reason, verdict


NOTICE_TRAPS = [
    "The paper is part of a wider media debate about funding, the minister said.",
    "The terminal project is funded by the regional development bank.",
    "Tickets are on sale now at the harbour office, the organisers said.",
    "Residents may comment on the plan until June; the board will review all comments before it votes.",
    "All comments will be reviewed by planners before the hearing, the council said.",
    "The rebuild will get started in spring. Learn more at the public meeting on Thursday.",
    "Contact the harbour office if your car was damaged, the board said.",
    "The Sound Courier, an independent newspaper, first reported the cracks in 2024.",
]


@pytest.mark.parametrize("line", NOTICE_TRAPS)
def test_clean_junk_s9_notice_words_in_news_kept(line):
    assert not between(line).junk, junk_score(line)
