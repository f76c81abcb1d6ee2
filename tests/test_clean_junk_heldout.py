"""Junk of the kinds a news page trails or interleaves, by category, on hand-written held-out sets (issue 14).

tests/data/clean_heldout_a.json and clean_heldout_b.json were written before the cleaner's rules
were read: junk lines of 14 kinds (newsletter, consent, report-an-error, share/follow, comments,
paywall, reading time, related links, app, donation, ad labels, footer, author bio, image credit)
and news paragraphs close to junk. Set A was scored first (0.808 of junk decisions removed, 0.970
of content kept) and then used to build the newer categories in slant.clean.junk_categories, so
its figure now is a regression check, not an estimate. Set B was kept aside and scored once at the
end (169/180 removed, 300/300 kept; docs/cleaning.md has the details). The layout
of the articles (three rounds, each junk line at a random one of three places per round: after the
title, between paragraphs, in the trailing block) is benchmarks/eval_junk_heldout.py's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from slant.clean import clean_record
from slant.clean.junk_categories import categorize
from slant.ingest.record import RawRecord

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval_junk_heldout  # noqa: E402

PARAGRAPHS = [
    "The city council voted 7-2 on Tuesday night to approve a new budget that raises property taxes by 3 percent.",
    "Residents packed the chamber for more than four hours, many of them opposed to a plan to close two libraries.",
    "The mayor defended the plan, arguing that the city had put off maintenance for a decade.",
]


def _clean(lines: list[str]):
    raw = "Council Approves Budget\n\n" + "\n\n".join(lines) + "\n"
    doc = clean_record(RawRecord(id="t", source="t", raw=raw))
    return {r.text: r for r in doc.removed}


def test_clean_junk_heldout_set_a_removed_and_content_kept():
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load("a"))
    removed = result["junk_removed"] / result["junk_decisions"]
    kept = result["content_kept"] / result["content_decisions"]
    assert result["junk_decisions"] >= 170 and result["content_decisions"] >= 290
    assert removed >= 0.95, result["misses"]
    assert kept >= 0.99, result["lost"]


def test_clean_junk_heldout_set_b_as_first_scored():
    """Set B was scored once, after all changes: a later change must not make it worse."""
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load("b"))
    assert result["junk_removed"] >= 169, result["misses"]
    assert result["content_kept"] == result["content_decisions"] == 300, result["lost"]


def test_clean_junk_heldout_set_c_removed_and_content_kept():
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load("c"))
    assert result["junk_removed"] / result["junk_decisions"] >= 0.95, result["misses"]
    assert result["content_kept"] == result["content_decisions"], result["lost"]


def test_clean_junk_heldout_set_d_removed_and_content_kept():
    """Set D was written after B was scored; first run 89/114 removed, 186/195 kept (see junk_categories)."""
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load("d"))
    assert result["junk_removed"] / result["junk_decisions"] >= 0.92, result["misses"]
    assert result["content_kept"] == result["content_decisions"], result["lost"]


@pytest.mark.parametrize("name", ["f", "g"])
def test_clean_junk_heldout_sets_f_g_removed_and_content_kept(name):
    """Sets F and G (helper i14h, written before reading the cleaner) were scored once on main before
    the changes they led to: F 358/384 (0.932), G 337/369 (0.913), content 645/645 and 615/615.
    In-sample since (the structure cues of issue 14's last round: bio shapes, rows and inline lists of
    headlines, pointer-led titles, edition notices, bracketed input fields)."""
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load(name))
    assert result["junk_removed"] / result["junk_decisions"] >= 0.98, result["misses"]
    assert result["content_kept"] == result["content_decisions"], result["lost"]


def test_clean_junk_heldout_set_e_removed_and_content_kept():
    # first run, before any rule change: 172/183 removed (0.940), 315/315 kept; in-sample since
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load("e"))
    assert result["junk_decisions"] == 183 and result["content_decisions"] == 315
    assert result["junk_removed"] / result["junk_decisions"] >= 0.97, result["misses"]
    assert result["content_kept"] == result["content_decisions"], result["lost"]


# the misses of sets B and E, caught by broader signals than their strings: a link worded as the
# reader ("my"), an imperative after a fronted purpose clause, what a form answers once used, a
# question about the page with its Yes / No buttons, edit buttons of the corrections widget
@pytest.mark.parametrize("line,category", [
    ("Do Not Sell or Share My Personal Information", "consent banner"),
    ("Manage my privacy choices", "consent banner"),
    ("To keep reading, subscribe or log in.", "paywall prompt"),
    ("To see the full story, create a free account.", "paywall prompt"),
    ("Thanks for subscribing! Look out for our first email tomorrow.", "subscribe prompt"),
    ("Thank you for your feedback.", "form response"),
    ("You're all set! Your first edition arrives on Monday.", "form response"),
    ("Was this story useful? Yes | No", "feedback widget"),
    ("Did this answer your question? Yes No", "feedback widget"),
    ("Suggest an edit", "corrections widget"),
    ("File photo by Ana Ruiz", "image credit"),
])
def test_clean_junk_heldout_b_e_misses_generalised(line, category):
    removed = _clean(PARAGRAPHS[:2] + [line] + PARAGRAPHS[2:])
    assert line in removed, line
    assert removed[line].reason == category, removed[line]


@pytest.mark.parametrize("line", [
    "My personal information was leaked twice last year.",
    "\"Do not sell my data,\" the campaign's posters read.",
    "To continue reading the report, officials said, residents must request a paper copy.",
    "Thanks to the feedback from parents, the school changed its timetable.",
    "Was this decision helpful to the town? Most residents say no.",
    "You're all set to pay more for parking from April, the council has warned.",
    "Success has come slowly for the club.",
])
def test_clean_junk_heldout_b_e_prose_traps_stay(line):
    for lines in (PARAGRAPHS[:2] + [line] + PARAGRAPHS[2:], PARAGRAPHS + [line, "Share this article"]):
        assert line not in _clean(lines), line


@pytest.mark.parametrize("kind", ["app", "author_bio", "comments", "donation", "paywall", "share_follow"])
def test_clean_junk_heldout_set_a_every_kind_removed(kind):
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load("a"))
    ok, n = result["by_kind"][kind]
    assert ok / n >= 0.95, [m for m in result["misses"] if m[1] == kind]


@pytest.mark.parametrize("line,category", [
    ("You've reached your limit of free articles this month.", "paywall prompt"),
    ("Download the Herald app for iOS and Android", "app prompt"),
    ("If you value our reporting, please consider making a contribution of any size.", "donation ask"),
    ("Please keep comments civil and on topic. Read our community guidelines.", "comment widget"),
    ("Like our page to see more news in your feed", "share or follow prompt"),
    ("Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, "
     "rewritten or redistributed.", "copyright notice"),
    ("Jane Doe is a senior correspondent covering energy and climate. She previously worked at the Daily Courier.",
     "author bio"),
])
def test_clean_junk_heldout_new_categories_mid_article_with_evidence(line, category):
    removed = _clean(PARAGRAPHS[:2] + [line] + PARAGRAPHS[2:])
    assert line in removed, line
    assert removed[line].reason == category
    assert removed[line].evidence  # plain words: what it is about, and how it speaks


@pytest.mark.parametrize("line", [
    "Reading time for pupils has fallen by a third since 2010, a survey of teachers found.",
    "Email newsletters have become a key tool for political campaigns seeking to reach voters directly.",
    "Copyright lawyers say the ruling could reshape how artists are paid for online streams.",
    "Share prices tumbled.",
    "Support them financially if you can. Many sites have Patreon accounts or donate buttons.",
    "This story has been updated to include comments from the mayor's office.",
    "And why are those members of Congress still allowed to serve?",
    "“Download the app and you'll see the problem yourself,” said one driver, who asked not to be named.",
    "Trump posted a message on Twitter reading “Thank you Georgia” moments after polls closed.",
    "Log in details for thousands of accounts were sold online, investigators found.",
    "Powered by two diesel engines, the ferry carries 400 passengers.",
    "Source: a senior official who spoke on condition of anonymity.",
    "The victory fund is seeking donations of $10,000 per person for the first dinner.",
])
def test_clean_junk_heldout_prose_on_the_same_subjects_stays(line):
    for lines in (PARAGRAPHS[:2] + [line] + PARAGRAPHS[2:], PARAGRAPHS + [line, "Share this article"]):
        assert line not in _clean(lines), line


def test_clean_junk_heldout_embedded_post_is_no_follow_prompt():
    line = ("Thank you to everyone who came out today! Follow us for updates. pic.twitter.com/abc123 "
            "— Jane Roe (@janeroe) May 2, 2018")
    assert categorize(line) is None


def test_clean_junk_heldout_gates_never_change_the_answer():
    from slant.clean.junk import strongest_cue

    lines = []
    for name in ("a", "b", "c", "d", "e"):
        data = eval_junk_heldout.load(name)
        lines += [line for kind in data["junk"].values() for line in kind] + data["content"] + data["body"]
    for line in lines:
        norm = " ".join(line.split())
        assert categorize(norm) == categorize(norm, gated=False), line
        assert strongest_cue(norm) == strongest_cue(norm, gated=False), line


def test_written_layout_scores_each_line_where_its_writer_put_it():
    data = {
        "junk": {"consent": ["We use cookies to improve your experience. Accept all cookies?"],
                 "share": ["Share on Facebook | Share on X | Email"]},
        "content": [], "body": PARAGRAPHS,
        "articles": [{"title": "Council Approves Budget", "lines": [
            ["We use cookies to improve your experience. Accept all cookies?", "consent"],
            [PARAGRAPHS[0], "body"], [PARAGRAPHS[1], "body"], [PARAGRAPHS[2], "content"],
            ["Share on Facebook | Share on X | Email", "share"]]}],
    }
    result = eval_junk_heldout.evaluate(data, layout="written")
    assert result["junk_decisions"] == 2 and result["content_decisions"] == 3
    assert result["by_position"]["junk/lead"] == [1, 1]
    assert result["by_position"]["junk/trail"] == [1, 1]
    assert result["by_position"]["content/last"] == [1, 1]
    with pytest.raises(SystemExit, match="no written layout"):
        eval_junk_heldout.evaluate({k: v for k, v in data.items() if k != "articles"}, layout="written")
