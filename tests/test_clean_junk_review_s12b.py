"""Session 12 review of the junk rules (r12a): lines the session's new shapes took from articles, and one
pattern that could run for seconds on a crafted line. Written for these tests (no corpus text)."""

from __future__ import annotations

import time

import pytest

from slant.clean import clean_record
from slant.clean.junk import _SITE_NAME_RE
from slant.ingest.record import RawRecord

TITLE = "Council approves new budget"
BEFORE = ["The city council approved a $2.1 billion budget on Tuesday after a nine-hour session that ended late.",
          "Council members voted 7-2 in favour, with the two dissenters saying the plan relied on one-off transfers."]
AFTER = ["The mayor said the budget protected services while holding property taxes flat for a third year.",
         "Residents who spoke at the meeting were split, with many asking for more money for libraries and parks."]


def _removed(lines: list[str]) -> dict[str, str]:
    raw = TITLE + "\n\n" + "\n\n".join(lines) + "\n"
    return {r.text: r.reason for r in clean_record(RawRecord(id="t", source="t", raw=raw)).removed}


def test_a_comment_count_mid_article_takes_no_paragraph_after_it():
    quote = "Starmer said: 'We will not rest until every patient is seen on time, whatever it costs us this year.'"
    timeline = ["2019: The Conservatives promised 40 new hospitals, none of which had opened by the end of 2023.",
                "2024: Labour won a landslide and promised to review every one of the hospital projects it inherited."]
    assert quote not in _removed(BEFORE + ["12 comments", quote] + AFTER)
    removed = _removed(BEFORE + ["View comments"] + timeline + AFTER)
    assert not any(line in removed for line in timeline)


def test_comments_after_the_article_still_go():
    comment = "Maria T. — I think this is the worst decision the council has made in years, and I will vote them out."
    assert _removed(BEFORE + AFTER + ["12 comments", comment]).get(comment) == "reader comment"


@pytest.mark.parametrize("answer", ["Yes, I want to.", "Yes, I would like to see the richest pay more."])
def test_an_interview_answer_is_no_subscribe_button(answer):
    assert answer not in _removed(BEFORE + ["Would you pay more tax for better schools?", answer] + AFTER)


def test_a_standfirst_with_written_by_the_is_no_site_header():
    standfirst = ("Stories of survival from the Rhine valley, written by the families who lived through the worst "
                  "night")
    assert standfirst not in _removed([standfirst] + BEFORE + AFTER)


def test_a_ticker_after_the_last_paragraph_is_junk_again():
    ticker = "Gold: $2,310 | Oil: $82 | Bitcoin: $64,000 | Euro: $1.08"
    removed = _removed(BEFORE + AFTER + [ticker, "Most read", "Storm closes the coast road for a second day"])
    assert ticker in removed


def test_a_long_capitals_token_before_a_dash_is_read_in_linear_time():
    head = "WWW.NORTHERNBORDERLANDSDAILYNEWSTRIBUNEONLINEEDITIONARCHIVE.COM:"
    start = time.process_time()
    assert _SITE_NAME_RE.match(head) is None
    _removed([head + " — our story (founded 1999)"] + BEFORE + AFTER)
    assert time.process_time() - start < 1.0  # 17 s before the fix: the optional space let the token split 7 ways
