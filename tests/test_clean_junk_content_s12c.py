"""Content kept (session 12, helper j12c): four more shapes of an article's own lines that held-back sets lost, as
general rules. Every line here is invented for the test; none is a set's (the losses were described to this helper by
shape and by the reason the cleaner gave).

* a review's star rating alone on its line ("★★★★☆") anywhere in the review's lead or between its paragraphs, not
  only right above a paragraph (a rate-this widget, a block of other reviews' ratings and stars after the last
  paragraph still go);
* a match report's scoreline in capitals in its lead ("HARBOUR CITY 2 ASHFORD 1"), when it is the only one there and
  names a team of the report (a results ticker of several games still goes);
* a table's title with its unit, place or day in brackets ("Rice prices (per kg, Kano, Friday)") over its row of
  labelled figures ("Stall A: N1,150 | Stall B: N1,200 | Stall C: N1,240"), and such a row beside a paragraph even
  without a title ("Yes: 6 · No: 3 · Abstained: 1"); a site's counter ("Visitors today: ...") still goes;
* a numbered section heading ("2. The app") of an explainer that numbers its sections ("1. ...", "3. ..."), which a
  cue took for the site's line.
"""

from __future__ import annotations

import pytest

from tests.test_clean_junk_heldout import _clean as _removed

_REVIEW = ["Marta Oyelaran's debut novel follows three sisters who inherit a failing ferry company on a northern lake.",
           "The book is strongest when it stays on the water, in the small rows over timetables and fuel and weather.",
           "Its last chapters hurry, but the sisters are drawn so well that the hurry hardly matters."]
_SHARE = ["Share on Facebook", "Share on WhatsApp", "Illustration: Lee Okafor/Book Pages"]


@pytest.mark.parametrize("lead", [
    ["A warm, funny first novel about three sisters and a boat nobody wants", "★★★★☆", "By Dana Pryce", "Review"],
    ["★★★★☆", "By Dana Pryce", "Tue 4 Mar 2026 06.00 GMT"],
    ["By Dana Pryce", "★★★★☆"] + _SHARE,  # after the byline, the share bar and a credit before the first paragraph
    ["Fiction", "The Ferry Sisters by Marta Oyelaran", "★★★☆☆", "Picador, 320pp, £16.99"],
])
def test_clean_junk_review_stars_in_the_lead_kept(lead):
    removed = _removed(lead + _REVIEW)
    stars = next(line for line in lead if "★" in line)
    assert stars not in removed
    assert lead[-1] in removed or lead[-1] in ("Review", "Picador, 320pp, £16.99")  # the lead's furniture is judged apart


def test_clean_junk_review_stars_between_paragraphs_kept():
    assert "★★★★☆" not in _removed(_REVIEW[:2] + ["★★★★☆", "Share on WhatsApp"] + _REVIEW[2:])


@pytest.mark.parametrize("lines", [
    ["By Dana Pryce", "★★★★☆", "Rate this book"] + _REVIEW,  # the reader asked to rate
    ["By Dana Pryce", "★★★★☆", "4.2 (1,318 ratings)"] + _REVIEW,  # readers' votes counted
    ["More reviews", "The Salt Road", "★★★☆☆", "Night Trains", "★★★★☆", "By Dana Pryce"] + _REVIEW,  # other reviews
    _REVIEW + ["★★★★☆", "Share on WhatsApp", "© 2026 Book Pages"],  # after the last paragraph
])
def test_clean_junk_stars_not_the_reviews_still_removed(lines):
    removed = _removed(lines)
    assert all(line in removed for line in lines if "★" in line)


_MATCH = ["Tomas Reilly scored twice as Harbour City came from behind to beat Ashford at the Quayside on Saturday.",
          "Ashford had led through a Jon Bates header after nine minutes and hit the bar before half-time.",
          "Reilly levelled from the penalty spot and headed the winner with six minutes left."]


@pytest.mark.parametrize("lead", [
    ["League One", "HARBOUR CITY 2 ASHFORD 1", "By Nia Holt", "Saturday 8 March 2026"],
    ["HARBOUR CITY 2 ASHFORD 1", "Match report"],
    ["By Nia Holt", "HARBOUR CITY 2 ASHFORD 1", "Share on Facebook", "Share on WhatsApp"],
    ["Football", "HARBOUR CITY (0) 2 ASHFORD (1) 1", "By Nia Holt"],  # half-time goals in brackets
])
def test_clean_junk_scoreline_of_the_report_kept(lead):
    removed = _removed(lead + _MATCH)
    assert not any(line.startswith("HARBOUR CITY") and line in removed for line in lead)
    assert "By Nia Holt" in removed or "By Nia Holt" not in lead


def test_clean_junk_scoreline_naming_teams_by_short_names_kept():
    report = ["Rookwood Town came from two goals down to beat Foxley Athletic in front of 4,000 fans on Saturday.",
              "The visitors led through goals from Ray Ode and Sam Kirby inside the first half hour.",
              "Town's substitutes turned the game, with Eli Marsh scoring twice in the last ten minutes."]
    assert "ROOKS 3 FOXES 2" not in _removed(["National League", "ROOKS 3 FOXES 2", "By Nia Holt"] + report)


@pytest.mark.parametrize("lead, line", [
    (["DALE TOWN 0 KELSO ROVERS 3", "PORTSEA 1 MILLBROOK 1", "HARBOUR CITY 2 ASHFORD 1"], "HARBOUR CITY 2 ASHFORD 1"),
    (["DALE TOWN 0 KELSO ROVERS 3", "PORTSEA 1 MILLBROOK 1", "HARBOUR CITY 2 ASHFORD 1"], "PORTSEA 1 MILLBROOK 1"),
    (["Latest scores", "DALE TOWN 0 KELSO ROVERS 3", "By Nia Holt"], "DALE TOWN 0 KELSO ROVERS 3"),  # another game
    (["SERIES 2 EPISODE 4", "By Nia Holt"], "SERIES 2 EPISODE 4"),
])
def test_clean_junk_results_ticker_in_the_lead_still_removed(lead, line):
    assert line in _removed(lead + _MATCH)


_PRICES = ["Rice prices in Kano rose for a third week as traders passed on the cost of transport from the farms.",
           "A kilogram now sells for between N1,150 and N1,240 in the city's main markets, a survey found.",
           "Traders say buyers have switched to smaller bags as a result."]
_AFTER = ["Related: Bread prices climb again", "© 2026 The Daily Ledger"]


@pytest.mark.parametrize("caption", ["Rice prices (per kg, Kano, Friday)", "Rice, per kg (N)", "What a bag costs (50kg, Kano)"])
def test_clean_junk_table_title_and_row_after_the_last_paragraph_kept(caption):
    row = "Stall A: N1,150 | Stall B: N1,200 | Stall C: N1,240"
    removed = _removed(_PRICES + [caption, row] + _AFTER)
    assert caption not in removed and row not in removed
    assert "Related: Bread prices climb again" in removed and "© 2026 The Daily Ledger" in removed
    assert caption not in _removed(_PRICES + [caption, row]) and row not in _removed(_PRICES + [caption, row])


@pytest.mark.parametrize("row", ["Stall A: N1,150 | Stall B: N1,200 | Stall C: N1,240",
                                 "Yes: 6 · No: 3 · Abstained: 1 (Councillors Ayo and Park)",
                                 "Lagos: 42% | Kano: 35% | Abuja: 23%"])
def test_clean_junk_row_of_labelled_figures_beside_a_paragraph_kept(row):
    assert row not in _removed(_PRICES[:2] + [row] + _PRICES[2:])
    assert row not in _removed(_PRICES + [row] + _AFTER)


@pytest.mark.parametrize("lines, line", [
    (_PRICES + ["Visitors today: 52 118 | Total: 418 907 332 | Online: 12"] + _AFTER,
     "Visitors today: 52 118 | Total: 418 907 332 | Online: 12"),  # the site's counter
    (_PRICES + ["Published: 9:02 | Updated: 11:40 | Comments: 12"] + _AFTER, "Published: 9:02 | Updated: 11:40 | Comments: 12"),
    (_PRICES + ["Most read (24 hours)", "1. Bread prices climb | 2. Fuel queues return | 3. Kano floods"] + _AFTER,
     "Most read (24 hours)"),
    (_PRICES + ["Home | News | Business | Markets"] + _AFTER, "Home | News | Business | Markets"),
])
def test_clean_junk_site_rows_after_the_article_still_removed(lines, line):
    assert line in _removed(lines)


_EXPLAINER = ["The new parking rules start on Monday and change how drivers pay on most streets in the city centre.",
              "1. The zones", "The centre is split into three zones, each with its own hourly rate set by the council.",
              "2. The app", "Drivers will pay through a phone app, which replaces the old meters on most streets.",
              "3. The fines", "Fines for overstaying rise to £70, halved if paid within 14 days."]


def test_clean_junk_numbered_section_heading_kept():
    removed = _removed(_EXPLAINER + ["Download our app", "© 2026 City Post"])
    assert "2. The app" not in removed
    assert "Download our app" in removed


@pytest.mark.parametrize("lines, line", [
    # no heading numbered next to it ("1." then "3.")
    (_EXPLAINER[:3] + ["3. The app"] + _EXPLAINER[4:5], "3. The app"),
    # a run of other stories' headlines, line after line, after the article
    (_EXPLAINER[:1] + ["Most read", "1. Get the app", "2. Download our app", "3. Fuel prices rise"], "2. Download our app"),
])
def test_clean_junk_numbered_line_not_a_section_heading_still_removed(lines, line):
    assert line in _removed(lines)


def test_clean_junk_numbered_section_headings_over_paragraphs_about_an_app_kept():
    explainer = _EXPLAINER[:3] + ["2. The app", "The app can be downloaded free from the App Store and Google Play, and "
                                  "drivers register with their number plate and a bank card.", "3. Notifications",
                                  "Drivers get a warning on their phone ten minutes before their time runs out."]
    removed = _removed(explainer)
    assert "2. The app" not in removed and "3. Notifications" not in removed


@pytest.mark.parametrize("before", ["A film about the vote that split a village", "Voted best debut of the year"])
def test_clean_junk_review_stars_beside_a_standfirst_of_votes_kept(before):
    assert "★★★★☆" not in _removed([before, "★★★★☆", "By Dana Pryce"] + _REVIEW)
