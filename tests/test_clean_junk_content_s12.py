"""Content kept (session 12, helper j12b): the article's own lines that a held-back set of mainstream papers,
broadcasters, wires, liveblogs, reviews and sports pages lost, as general rules. Every line here is invented for
the test; none is the set's (its losses were described to this helper by shape and by the reason given).

* a data line whose figure follows a label's colon, its commas a date's or a figure's ("Previous high, Aug. 2019:
  1,204 feet"), is no row of tags, and a comma inside a figure ("1,200") splits no tag;
* a review's star rating alone on its line ("★★★★☆", one star filled at least) right above a paragraph heads it;
* a match report's attendance ("Att: 31,204") or referee after its last paragraph is the report's;
* a live post's heading ("Counting slows in Nevada"; in Title Case when it shares most of its words with the post) between
  its time ("11.48pm ET") and its paragraph is the post's, also
  before the article's first paragraph;
* a label in capitals ("UP NEXT") in a wire story that writes its own subheadings in capitals ("TAKEAWAYS"), with a
  sentence of the story after it ("Peaks: Host Phoenix on Tuesday night."), is the story's subheading;
* a short subheading that a comment widget's cue took ("Have your say") is the story's when the paragraph after it
  tells of a public consultation, hearing or objections (the site's voice, "Tell us", a count, "the comments" keep the cue).
"""

from __future__ import annotations

import pytest

from slant.clean.junk import junk_score
from tests.test_clean_junk_heldout import PARAGRAPHS
from tests.test_clean_junk_heldout import _clean as _removed


def _mid(*lines: str) -> list[str]:
    return PARAGRAPHS[:2] + list(lines) + PARAGRAPHS[2:]


@pytest.mark.parametrize("kept, line", [
    ("Reservoir level, Oct. 3: 1,038.6 feet (record low)", "Previous low, June 1983: 1,225.9 feet"),
    ("Ice extent, Sept. 14: 4.2 million sq km (record low)", "Previous record, Sept. 17, 2012: 4.1 million sq km"),
    ("Peak demand, Jan. 9: 61,300 megawatts (record high)", "Previous high, Feb. 2021: 58,812 megawatts"),
    ("Coldest night, Jan. 4: minus 38 degrees (record low)", "Previous low, Feb. 3, 1996: minus 36 degrees"),  # a word before it
])
def test_clean_junk_data_line_after_its_neighbour_is_no_tag_row(kept, line):
    assert junk_score(line)[1] != "tags"
    removed = _removed(_mid(kept, line, "Chart: the level since 1935"))
    assert kept not in removed and line not in removed


@pytest.mark.parametrize("line", [
    "Mumbai Police, cyber fraud, job scam, WhatsApp",
    "budget, council, 1,200 jobs, strikes",  # a figure's comma splits no tag: four tags
])
def test_clean_junk_tag_rows_still_tags(line):
    assert junk_score(line)[1] == "tags"


@pytest.mark.parametrize("stars", ["★★★★☆", "★★☆☆☆", "★★★★★", "⭐⭐⭐", "★ ★ ★ ☆ ☆"])
def test_clean_junk_star_rating_above_the_review_kept(stars):
    review = ["Theatre  Film  Music  Books", "By Ines Calloway", stars] + PARAGRAPHS
    assert stars not in _removed(review)
    assert "Theatre  Film  Music  Books" in _removed(review)  # the lead's menu still goes


def test_clean_junk_star_rating_mid_article_kept():
    assert "★★★☆☆" not in _removed(_mid("★★★☆☆"))


@pytest.mark.parametrize("lines", [
    PARAGRAPHS + ["☆☆☆☆☆", "Rate this review"],  # empty stars: a widget asking for the reader's rating
    PARAGRAPHS + ["★★★★☆"],  # after the last paragraph, heading nothing
    ["☆☆☆☆☆"] + PARAGRAPHS,
])
def test_clean_junk_stars_heading_no_paragraph_still_removed(lines):
    stars = next(line for line in lines if "☆" in line or "★" in line)
    assert stars in _removed(lines)


_WIDGETS_AFTER = ["Sign up to our football newsletter for the best reads every Friday", "Enter your email",
                  "© 2026 The Sports Page"]


@pytest.mark.parametrize("fact", ["Att: 31,204", "Attendance: 8,112", "Crowd: 41000", "Att 2,960",
                                  "Referee: Kim Hale (Durham)"])
def test_clean_junk_match_facts_after_the_report_kept(fact):
    report = PARAGRAPHS + ["Home fans celebrate the late winner in front of the north stand",
                           "Photograph: Jon Marsh/PA", fact] + _WIDGETS_AFTER
    removed = _removed(report)
    assert fact not in removed
    assert "Enter your email" in removed


@pytest.mark.parametrize("line", ["Views: 31,204", "Shares: 2,960", "Comments: 412"])
def test_clean_junk_counts_after_the_article_still_removed(line):
    assert line in _removed(PARAGRAPHS + [line] + _WIDGETS_AFTER)


_LIVE_LEAD = ["Home  News  Politics  Business", "LIVE", "Updated 6 minutes ago"]


@pytest.mark.parametrize("clock, head", [
    ("11.48pm ET", "Counting slows in Nevada"),
    ("12.41 GMT", "Speaker calls order"),
    ("9:05 a.m.", "Ferry services suspended"),
    ("Tue 5 Nov 21:14", "Polls close in the east"),
])
def test_clean_junk_live_post_heading_after_its_time_kept(clock, head):
    removed = _removed(_LIVE_LEAD + [clock, head] + PARAGRAPHS)
    assert head not in removed  # the first post, before the article's first paragraph
    assert "Home  News  Politics  Business" in removed
    assert head not in _removed(PARAGRAPHS[:2] + [clock, head] + PARAGRAPHS[2:])


@pytest.mark.parametrize("clock, line", [
    ("11:48 a.m. ET", "Maria Lopez in Kyiv"),  # a name: the post's writer
    ("11:48 a.m. ET", "From our correspondent in Kyiv"),
    ("11:48 a.m. ET", "See all updates"),
    ("Updated 11:48 a.m. ET", "Counting slows in Nevada"),  # the page's stamp, not a post's time
    ("11:48 a.m. ET", "Counting slows in Nevada"),  # heading no paragraph: the next line is a widget
])
def test_clean_junk_lead_lines_after_a_time_still_removed(clock, line):
    after = ["Share this post"] + PARAGRAPHS if line == "Counting slows in Nevada" and clock[0] == "1" else PARAGRAPHS
    assert line in _removed(_LIVE_LEAD + [clock, line] + after)


_GAME = ["TORONTO (AP) — Mara Quinn scored 28 points and the Toronto Lynx beat the Denver Peaks 104-97 on Sunday night.",
         "Ola Bright added 19 points and nine assists for Toronto, which led by as many as 17 in the third quarter.",
         "Kit Moreno had 24 points for Denver, which has lost five of its last six games."]


def test_clean_junk_wire_story_caps_subheading_like_its_own_kept():
    story = _GAME + ["TAKEAWAYS", "Peaks: Denver shot 6 of 29 from 3-point range and never led after the first quarter.",
                     "Lynx: Toronto won the rebounding battle 51-38.", "UP NEXT",
                     "Peaks: Host Phoenix on Tuesday night.", "Lynx: At Chicago on Wednesday night.",
                     "Copyright 2026 The Wire Service. All rights reserved."]
    removed = _removed(story)
    assert "UP NEXT" not in removed and "TAKEAWAYS" not in removed
    assert "Copyright 2026 The Wire Service. All rights reserved." in removed


@pytest.mark.parametrize("label, after", [
    ("UP NEXT", "Peaks: Host Phoenix on Tuesday night."),  # no subheading of the story's in capitals
    ("RELATED COVERAGE", "Peaks: Host Phoenix on Tuesday night."),  # a block of links by its words
])
def test_clean_junk_caps_label_alone_still_removed(label, after):
    story = _GAME + (["TAKEAWAYS", "Lynx: Toronto won the rebounding battle 51-38."] if label != "UP NEXT" else []) \
        + [label, after]
    assert label in _removed(story)


def test_clean_junk_caps_label_before_another_story_still_removed():
    story = _GAME + ["KEY MOMENT", "Quinn's 3-pointer with 1:12 left put Toronto up by nine.", "UP NEXT",
                     "Glacier retreat speeds up across the Andes, satellite survey finds.", "© 2026 The Wire Service"]
    assert "UP NEXT" in _removed(story)


_PLANNING = ["Plans for 240 homes on farmland east of Hollins Green have been lodged with the borough council.",
             "The developer says the scheme would bring a new surgery and a bus route to the village.",
             "Residents have raised concerns about flooding on the lane that leads to the site."]
_CONSULTED = "The council's public consultation on the application runs until 14 March, and residents can comment online or at the library."


@pytest.mark.parametrize("head", ["Your comments wanted", "Have your say", "Share your thoughts",
                                  "Send your comments to the council"])
def test_clean_junk_subheading_before_a_consultation_paragraph_kept(head):
    removed = _removed(_PLANNING + [head, _CONSULTED, "A decision is expected in the summer."])
    assert head not in removed and _CONSULTED not in removed


@pytest.mark.parametrize("head, after", [
    ("Have your say", "Residents said they were worried about the loss of green space near the school."),
    ("Join the debate", _CONSULTED),  # a thread's label
    ("Tell us your views", _CONSULTED),  # the site asking
    ("Comments (12)", _CONSULTED),
    ("Have your say in the comments", _CONSULTED),
])
def test_clean_junk_comment_widget_mid_article_still_removed(head, after):
    assert head in _removed(_PLANNING + [head, after, "A decision is expected in the summer."])


@pytest.mark.parametrize("after", [
    "Comments on the application can be made to the planning department until 2 April.",
    "People can give their views on the draft local plan at three drop-in sessions next month.",
    "Residents have until Friday to have their say on the proposals, the council said.",
])
def test_clean_junk_subheading_before_other_consultation_wordings_kept(after):
    assert "Have your say" not in _removed(_PLANNING + ["Have your say", after, "A decision is expected in the summer."])


_POLLS = "Polls closed in Georgia at 7 p.m., and the first results from the Atlanta suburbs showed a tight race."


@pytest.mark.parametrize("head", ["Polls Close in Georgia", "‘We are not done yet’", "“Count every vote”, says governor"])
def test_clean_junk_live_post_heading_in_title_case_or_quoted_kept(head):
    assert head not in _removed(_LIVE_LEAD + ["11:48 p.m. ET", head, _POLLS] + PARAGRAPHS)


@pytest.mark.parametrize("line", ["Maria Lopez in Kyiv", "We are live from Georgia", "Jane Doe Reports",
                                  "Jane Doe, reporting from Atlanta", "Jane Doe writes"])  # a post's writer
def test_clean_junk_title_case_or_site_line_after_a_time_still_removed(line):
    assert line in _removed(_LIVE_LEAD + ["11:48 p.m. ET", line, _POLLS] + PARAGRAPHS)


@pytest.mark.parametrize("after", [
    "Residents can comment until 14 March, and the planning committee will meet in May.",
    "The deadline for comments is 14 March, the council said.",
])
def test_clean_junk_subheading_before_a_comment_deadline_kept(after):
    assert "Your comments wanted" not in _removed(_PLANNING + ["Your comments wanted", after,
                                                               "A decision is expected in the summer."])
