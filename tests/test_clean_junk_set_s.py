"""Junk of the long tail of sites (helper j9c, from set S's misses as structure): invented lines only.

Each rule is a structure or a category that marks a line as the site's on any site; each test also
keeps content that looks like it (a table row of the article's figures, a vote tally, a caption-like
sentence of the story).
"""

from __future__ import annotations

import pytest

from slant.clean.junk import _headline_shaped, _shape, classify_lines

TITLE = "Harbour Board Votes to Dredge the Eastern Channel Before Winter"
# Solid paragraphs written for these tests (not taken from any corpus).
PARAGRAPHS = [
    "The harbour board voted on Tuesday to dredge the eastern channel before the winter storms, "
    "ending a dispute that had held up the work since the spring.",
    "Pilots had warned that the channel was silting faster than expected and that larger ferries "
    "would soon have to wait for the tide, the board's chair told reporters.",
    "The contract, worth about 4 million euros, goes to a firm from the north coast that dredged "
    "the western approach two years ago.",
    "Work is due to start next month and should take about six weeks, weather permitting.",
    "Fishing crews said they would keep their boats on the western moorings until it is done.",
]
TRAILING_BLOCK = ["Share this article", "Related Stories", "Comments (0)"]


def _verdicts(lines: list[str]):
    return classify_lines(lines, title=TITLE)


# --- 1. a row of the article's figures is its table, not a row of links -------------------------------
# Set S lost five such rows as "navigation" in all five articles that had one. Each is introduced by the
# article ("Final results:") or opens on its own label with what it counts ("Match stats: possession ...").
INTRODUCED_ROWS = [
    ("Final standings, junior sculls:", "1. Harbour RC 7:41.2 · 2. Ashby BC 7:44.9 · 3. Kell Oars 7:50.3"),
    ("Landing prices this week (per box):", "Cod €88 (+€4) · Haddock €61 (−€2) · Monkfish €140 (unch.)"),
    ("Her record in numbers:", "4 national titles · 2 European medals · 1 course record · 19 wins"),
    ("Tolls from 1 January:", "Cars £2.40 · Vans £3.10 · Lorries £7.80 · Coaches £6.50"),
]


@pytest.mark.parametrize("intro, row", INTRODUCED_ROWS)
def test_clean_junk_introduced_row_of_figures_stays_between_paragraphs(intro, row):
    lines = PARAGRAPHS[:2] + [intro, row] + PARAGRAPHS[2:] + TRAILING_BLOCK
    verdicts = _verdicts(lines)
    assert not verdicts[2].junk and not verdicts[3].junk, verdicts[2:4]


@pytest.mark.parametrize("intro, row", INTRODUCED_ROWS)
def test_clean_junk_introduced_row_of_figures_stays_as_the_article_end(intro, row):
    lines = PARAGRAPHS + [intro, row] + TRAILING_BLOCK
    verdicts = _verdicts(lines)
    n = len(PARAGRAPHS)
    assert not verdicts[n].junk and not verdicts[n + 1].junk, verdicts[n:n + 2]
    assert all(v.junk for v in verdicts[n + 2:]), verdicts[n + 2:]


@pytest.mark.parametrize("row", ["Match figures: possession 41%–59% · shots 11–8 · fouls 14–9 · corners 2–6",
                                 "Turnout by ward: north 58% · centre 47% · harbour 62% · east 51%"])
def test_clean_junk_self_labelled_row_of_figures_stays(row):
    lines = PARAGRAPHS[:3] + [row] + PARAGRAPHS[3:] + TRAILING_BLOCK
    assert not _verdicts(lines)[3].junk, _verdicts(lines)[3]


# A site's ticker has the same shape but stands alone, or under the site's own label: still furniture.
@pytest.mark.parametrize("row", ["Gold $2,604 · Brent $77.90 · EUR/USD 1.081 · FTSE 8,112",
                                 "LIVE: HAR 2-1 ASH (71') · KEL 0-0 MOR (HT) · DUN 3-2 BAY (FT)",
                                 "Markets: Dow 41,220 · Nasdaq 18,004 · S&P 5,611"])
def test_clean_junk_ticker_row_still_removed(row):
    before = [row] + PARAGRAPHS + TRAILING_BLOCK
    assert _verdicts(before)[0].junk, _verdicts(before)[0]
    between = PARAGRAPHS[:3] + [row] + PARAGRAPHS[3:] + TRAILING_BLOCK
    assert _verdicts(between)[3].junk, _verdicts(between)[3]


@pytest.mark.parametrize("row", ["Home · Ports · Shipping · Fisheries · Weather",
                                 "Tides · Moorings · Ferries · Lifeboats"])
def test_clean_junk_row_of_links_after_an_intro_is_still_navigation(row):
    lines = PARAGRAPHS[:2] + ["More from the coast:", row] + PARAGRAPHS[2:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk and verdict.reason == "navigation", verdict


def test_clean_junk_row_of_figures_after_a_site_label_is_still_removed():
    lines = PARAGRAPHS[:2] + ["Trending now:", "Gold $2,604 · Brent $77.90 · EUR/USD 1.081"] + PARAGRAPHS[2:]
    assert _verdicts(lines)[3].junk, _verdicts(lines)[3]


# --- a vote tally is a result line: never a headline, never a subheading --------------------------
TALLIES = ["Councillor Maeve Dunne: 12,408 (51.2%) — Challenger Tom Reilly: 11,822 (48.8%)",
           "Yes 48,112 (53%), No 42,670 (47%)"]


@pytest.mark.parametrize("line", TALLIES)
def test_clean_junk_vote_tally_is_a_result_line(line):
    assert not _headline_shaped(line, _shape(line, set())), line
    between = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    assert not _verdicts(between)[3].junk, _verdicts(between)[3]
    last = PARAGRAPHS + [line] + TRAILING_BLOCK
    assert not _verdicts(last)[len(PARAGRAPHS)].junk, _verdicts(last)[len(PARAGRAPHS)]


# A headline on the article's subject after its last paragraph is a related link, not a subheading of
# the article (a subheading stands over a paragraph): it no longer hides another story's headline that
# sits between the paragraphs.
def test_clean_junk_related_headline_after_the_article_does_not_count_as_its_subheading():
    foreign = "Vintage tram museum reopens with a Sunday jazz festival"
    lines = PARAGRAPHS[:3] + [foreign] + PARAGRAPHS[3:] + ["Harbour board split over channel dredging contract"]
    verdicts = _verdicts(lines)
    assert verdicts[3].junk and verdicts[3].reason == "headline of another story", verdicts[3]
    assert not any(v.junk for i, v in enumerate(verdicts[:len(PARAGRAPHS) + 1]) if i != 3), verdicts
