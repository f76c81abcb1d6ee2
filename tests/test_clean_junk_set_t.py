"""Set T's misses as structure (session 10, helper j9a): big outlets' templates. Every line here is invented
for the test.

* a menu laid out by wide gaps ("Home  News  Sport  Weather"), not a table's row or a numbered list;
* a credit alone in the other grammars ("(Name/Agency)", "(Name for The Outlet)", "Credit...Name", "Courtesy
  of X", "Name | Reuters") and glued to its caption ("....CreditCredit...Name/Outlet");
* a caption beside a credit alone: no full stop, an act the camera shows, the passive of seeing; a video's
  title beside its player ("VIDEO 03:51"); a paragraph beside a lone credit is kept;
* a label of figures that is a phrase ("Deal at a glance: $142 a share · ...") is the article's;
* notices: a copyright with its year at any length, a news-tip ask, the site's audio of its articles, the
  site using AI to summarise, a follow button with a name, a link's "opens new tab" note, a media label
  before a headline, the writers' addresses, a print-edition note with its date, "Why you can trust X", a link
  to the page in another language, "Support the <Outlet>", a summary by the site's AI, an advert's label before a
  headline, a podcast's label before an episode, a newsletter's pitch by when it comes, the advert's feedback
  question; a row of three UI words laid out by wide gaps; a headline with its own label inside a related block.
"""

from __future__ import annotations

import pytest

from slant.clean.junk import junk_score
from tests.test_clean_junk_heldout import PARAGRAPHS
from tests.test_clean_junk_heldout import _clean as _removed


def _mid(*lines: str) -> list[str]:
    return PARAGRAPHS[:2] + list(lines) + PARAGRAPHS[2:]


@pytest.mark.parametrize("line", [
    "Home  Local  Region  Opinion  Arts & Leisure  Obituaries  Weather  Traffic  Jobs",
    "About Us  Work With Us  Advertise  Reprints & Permissions  Help Centre  Privacy Notice  Contact",
])
def test_clean_junk_row_laid_out_by_wide_gaps_is_navigation(line):
    assert junk_score(line)[0] >= 0.5
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "I. Dawn Chorus  II. River Song  III. Nightfall  IV. Return",  # the article's numbered list
    "Region        Share",  # a table's header
    "Harbour 41.2%   Eastside 38.0%   Northgate 20.8%",  # a table's row of figures
])
def test_clean_junk_row_with_wide_gaps_that_is_the_articles_kept(line):
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "(Tomas Greaves/Harbour Images)",
    "(Ana Ruiz-Peralta for The Valley Courier)",
    "Credit...Idris Kamau for The Daily Ledger",
    "Courtesy of the Mill Lane Historical Society",
    "Priya Haldane | Reuters",
])
def test_clean_junk_credit_alone_in_other_grammars(line):
    assert junk_score(line)[1] == "image credit"
    assert line in _removed(_mid(line))


def test_clean_junk_credit_glued_to_its_caption():
    line = "Ferries wait at the quay as the storm passes.CreditCredit...Noor Haddad/The Daily Ledger"
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("caption", [
    "Volunteers from the rowing club carry sandbags to the quay on Sunday evening",  # no full stop
    "Harbour master Elin Vos (left) inspects the new breakwater from a pilot boat at the mouth of the estuary.",
    "The new lifeboat is seen at its mooring in Port Ellis, Wales, May 4, 2026.",
])
def test_clean_junk_caption_beside_a_lone_credit(caption):
    for lines in (_mid("(Tomas Greaves/Harbour Images)", caption), _mid(caption, "(Tomas Greaves/Harbour Images)")):
        assert caption in _removed(lines), lines


def test_clean_junk_paragraph_beside_a_lone_credit_kept():
    # a news sentence in the past beside a credit is the article's; two candidates on both sides: neither is taken
    line = "The council said it would publish the full budget on Friday."
    assert line not in _removed(_mid("(Tomas Greaves/Harbour Images)", line))
    one, two = "Ferry crews stand by at the harbour wall", "Ferry crews wait at the harbour wall"
    removed = _removed(_mid(one, "(Tomas Greaves/Harbour Images)", two))
    assert one not in removed and two not in removed


def test_clean_junk_row_of_three_ui_words_with_wide_gaps():
    line = "Watch  Listen  Live Radio"
    assert line in _removed(_mid(line))


def test_clean_junk_headline_with_its_own_label_does_not_end_a_related_block():
    lines = PARAGRAPHS + ["Most viewed", "Live: Harbour festival - all the updates as crowds arrive",
                          "‘We had nowhere to go’: the families living in cars", "© 2026 Riverside Media Ltd."]
    assert "‘We had nowhere to go’: the families living in cars" in _removed(lines)


def test_clean_junk_video_title_beside_its_player():
    title = "How the harbour wall was rebuilt after the storm, explained by an engineer"
    for lines in (_mid("VIDEO 02:14", title), _mid(title, "01:58 - Source: Harbour TV")):
        removed = _removed(lines)
        assert title in removed, lines


def test_clean_junk_label_phrase_with_figures_is_the_articles():
    line = "Budget at a glance: $4.1 million · 3% rise · 2 libraries closed"
    assert line not in _removed(PARAGRAPHS + [line])


@pytest.mark.parametrize("line", [
    "Copyright 2026 Riverside Media. Riverside Media is not responsible for the content of external sites. "
    "Read about our approach to external linking.",
    "Have a confidential tip? Send it to our investigations team",
    "NEW You can now listen to Riverside Post articles!",
    "Riverside Post is using AI to generate summaries of this article. They may contain errors.",
    "Follow Marta Lindqvist",
    "Purchase Licensing Rights, opens new tab",
    "WATCH: Crowds gather as the bridge reopens",
    "Write to Jane Roe at jane.roe@example.com and John Doe at john.doe@example.com",
    "Appeared in the May 4, 2026, print edition as 'Council Approves Budget'.",
    "Become a Riverside Post sponsor",
    "Why you can trust the Riverside Post",
    "Lire en français",
    "Support the Riverside Post",
    "Summary by Riverside AI",
    "Sponsored content: How one bakery cut its energy bill",
    "Harbour Talk podcast: Can the ferry service survive the winter?",
    "Local news and sharp analysis, direct from the Riverside Post every morning",
    "How relevant is this ad to you?",
])
def test_clean_junk_set_t_notices(line):
    assert junk_score(line)[0] >= 0.5, line
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "Follow the money, the auditors told the committee.",
    "The company is using AI to generate reports, executives said.",
    "Support for the plan",  # a subheading: a cause in lower case
    "Why voters trust the mayor less than before",
])
def test_clean_junk_set_t_notice_lookalikes_kept(line):
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line", ["Mar 3, 2026 - Politics", "Tuesday 3 March 2026 09:12, UK"])
def test_clean_junk_date_line_filed_under_a_section_or_region(line):
    assert junk_score(line)[1] == "date line"
    assert line in _removed(_mid(line))


def test_clean_junk_timeline_entry_with_a_date_kept():
    line = "March 3, 2019 - Brexit"
    assert junk_score(line)[1] != "date line"


@pytest.mark.parametrize("caption", [
    "The old customs house on Quay Street, where the council plans to move its offices next year.",
    "A page from the harbour master's logbook, with notes in pencil in the margins.",
])
def test_clean_junk_noun_phrase_caption_beside_a_lone_credit(caption):
    assert caption in _removed(_mid("(Tomas Greaves/Harbour Images)", caption))


def test_clean_junk_sentence_with_a_relative_clause_beside_a_lone_credit_kept():
    line = "The old customs house on Quay Street, where the council met, was sold on Monday."
    assert line not in _removed(_mid("(Tomas Greaves/Harbour Images)", line))


def test_clean_junk_sentence_about_photos_with_a_past_verb_kept():
    line = "Photos of the stolen van, released by police on Friday, led to two arrests."
    assert line not in _removed(_mid(line))
    assert junk_score("Satellite image showing the flooded delta.")[1] == "image caption"
