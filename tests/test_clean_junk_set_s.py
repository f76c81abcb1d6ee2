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


def _mid(line: str):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    return _verdicts(lines)[3]


# --- 2. a widget's buttons left at the end of its line -----------------------------------------------
@pytest.mark.parametrize("line", [
    "Never miss a tide table — turn on harbour alerts. [Not now] [Allow]",
    "Which ferry do you take most often? ○ Morning ○ Evening [Vote]",
    "Protect your savings before the rate cut. Download the free guide »",
    "Open an account in five minutes ›",
    "We are funded by readers like you. Keep the harbour desk afloat → SUPPORT US",
    "No billionaire owns us. Help us keep reporting → Give $12 today",
])
def test_clean_junk_line_ending_on_its_buttons_is_a_call_to_action(line):
    from slant.clean.junk import _button_residue, _core  # noqa: PLC0415
    assert _button_residue(line, _core(line), len(line.split())), line
    verdict = _mid(line)  # (a category that names it, "donation ask", wins the reason)
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", [
    "The skipper called the delay “a disgrace” and said the board had been “asleep at the wheel” [sic]",
    "Fares rose from $5 → $7 over the summer, the operator said, and will rise again in spring.",
    "« Nous attendons depuis des années », a déclaré le maire »",
    "The board will publish the contract on its website on Friday, a spokesman said.",
])
def test_clean_junk_line_ending_in_brackets_or_arrows_of_prose_stays(line):
    from slant.clean.junk import _button_residue, _core  # noqa: PLC0415
    assert not _button_residue(line, _core(line), len(line.split())), line
    assert not _mid(line).junk, _mid(line)


# --- an embed's placeholder in brackets on its own line --------------------------------------------
@pytest.mark.parametrize("line", ["[Interactive chart — tap to explore]", "[Map: Dredging zones in the eastern channel]",
                                  "[Video embed]"])
def test_clean_junk_bracketed_embed_placeholder_removed(line):
    verdict = _mid(line)
    assert verdict.junk and verdict.reason == "embed placeholder", verdict


@pytest.mark.parametrize("line", ["[inaudible]", "[Applause]", "[recording cuts out...]"])
def test_clean_junk_transcript_marks_in_brackets_stay(line):
    assert not _mid(line).junk, _mid(line)


# --- an advert's card: a brand, a dash, the reader told what to do ---------------------------------
@pytest.mark.parametrize("line", ["NORTHCOAST MARINE INSURANCE — Get a quote for your boat in minutes",
                                  "Quayside Bistro — Try our new winter tasting menu!"])
def test_clean_junk_brand_dash_imperative_is_an_advert(line):
    verdict = _mid(line)
    assert verdict.junk and verdict.reason == "advertisement", verdict


@pytest.mark.parametrize("line", ["10:00-11:00 – Visit The Old Lighthouse And The Maritime Museum",
                                  "The chair's message to the crews — Keep your boats off the channel until December."])
def test_clean_junk_dash_imperative_traps_stay(line):
    assert not _mid(line).junk, _mid(line)


# --- a most-read widget's numbered headlines under its label -----------------------------------------
def test_clean_junk_numbered_headlines_under_a_most_read_label():
    block = ["MOST READ", "1. Lifeboat crew rescue two kayakers off the point",
             "2. New car park charges to start in January", "3. Bakery on the quay closes after 40 years",
             "Comments are closed."]
    verdicts = _verdicts(PARAGRAPHS + block)
    assert all(v.junk for v in verdicts[len(PARAGRAPHS):]), verdicts[len(PARAGRAPHS):]


def test_clean_junk_article_numbered_list_after_its_intro_stays():
    lines = PARAGRAPHS[:3] + ["The board set three conditions:", "1. Work stops during the herring run",
                              "2. Spoil goes to the licensed site off the bar", "3. Crews report weekly to the harbour master"] \
        + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdicts = _verdicts(lines)
    assert not any(v.junk for v in verdicts[:len(PARAGRAPHS) + 4]), verdicts


# --- 5. the site naming itself after the article -----------------------------------------------------
# "<Site> is a reader-funded ...", "<Site> Staff covers ...", "About <Site>": the site's name is a capitalised run
# that two of the page's own lines hold (its masthead before the article, its copyright line after it).
SITE_PAGE_HEAD = ["≡ Harbour Herald", "By Mara Quinn"]
SITE_PAGE_TAIL = ["Share this article", "Related Stories", "© 2026 Harbour Herald Ltd. All rights reserved."]


@pytest.mark.parametrize("line", [
    "Harbour Herald is a reader-funded newsroom that has covered the north coast since 1998.",
    "The Harbour Herald relies on its members to keep its reporting free for everyone on the coast.",
    "About Harbour Herald",
])
def test_clean_junk_site_naming_itself_after_the_article(line):
    lines = SITE_PAGE_HEAD + PARAGRAPHS + [line] + SITE_PAGE_TAIL
    verdicts = _verdicts(lines)
    i = len(SITE_PAGE_HEAD) + len(PARAGRAPHS)
    assert verdicts[i].junk, verdicts[i]
    assert not any(v.junk for v in verdicts[len(SITE_PAGE_HEAD):i]), verdicts


@pytest.mark.parametrize("line", [
    "Harbour Herald reporters counted more than forty boats at the western moorings on Monday evening.",
    "Harbour Board members will meet again in March to review the cost of the dredging work.",
])
def test_clean_junk_article_sentence_on_a_name_stays(line):
    lines = SITE_PAGE_HEAD + PARAGRAPHS + [line] + SITE_PAGE_TAIL
    verdicts = _verdicts(lines)
    assert not verdicts[len(SITE_PAGE_HEAD) + len(PARAGRAPHS)].junk


# --- 6. a blog's stamps, comments, references and credits, as structure --------------------------------
@pytest.mark.parametrize("line", [
    "Posted by Harbour Desk Staff on October 27, 2026 at 6:14 am",  # a stamp verb, by, a name, a stamp
    "Published by admin on 3 November 2026 | Permalink",
    "Ines K. says: November 14, 2026 at 9:02 am — Good post, but the dredging will not fix the silting for long.",
    "Tom R. wrote: 14/11/2026 11:47 — Reply",  # a comment's header: name, verb of writing, colon, when
    "More information: Ana Ruiz et al, Silt transport in tidal channels, Coastal Research (2026). DOI: 10.1016/j.cr.2026.104412",
    "Provided by Northshore Port Authority",  # who gave the piece to the site
    "This article is protected by copyright. No part may be reproduced without the written permission of the publisher.",
    "★ Like Be the first to like this.",  # a like widget's empty state
    "Ad removed. Details",  # an advert slot's state
    "ferries, port of the north, dredging, harbour board",  # tags, one a name with "of the" inside
])
def test_clean_junk_blog_furniture_as_structure(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", [
    "Published by a small press in 2019, the pilot's memoir sold more than 40,000 copies along the coast.",
    'The chair says: "We will start on November 14, 2026, whatever the weather does."',
    "The ferry operator says the crossing will resume on November 14, 2026 at 9 am.",
    "The court found that the charts were protected by copyright and could not be sold.",
    "the wind, the rain, the cold",
])
def test_clean_junk_blog_furniture_traps_stay(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert not verdict.junk, verdict


# --- 7. notices as categories, labels as structure -------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Get the Harbour & Coast app for tide tables on the go",  # the site's app, a name with "&"
    "This story is also available in: Français · Deutsch · Español",  # a row of languages after a colon
    "Play the ferry derby with our partner TideBet. 18+. Gambling problem? Call 1-800-GAMBLER.",
    "Editor's note: This story was reviewed according to the site's editorial process and policies.",
    "We use your sign-up to send you the newsletters you've consented to. See our Privacy Notice.",
    "This analysis is part of our Ports Pro subscription. Free preview.",  # an access tier
    "Free to read · Registered readers get 5 articles a month",  # a meter
    "Chart: Channel depth by month, 2020–2026. Source: Harbour Board soundings.",  # a chart's label
    "Source: Northshore Port Authority, Q3 2026 soundings",  # a chart's source, a noun phrase
    "LATEST ◆ Ferry fares to rise in January",  # a ticker's label, a symbol, a headline
    "PULL QUOTE",  # a page element's name
])
def test_clean_junk_notice_categories_and_labels(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", [
    "If the skipper had a gambling problem, nobody on the quay knew about it, his brother said.",
    "Source: the harbour master said the soundings were taken in October.",  # a sentence after the label
    "The app the board uses to track silting was built by a student in the north.",
    "The reporters who covered the vote were reviewed according to nothing but the deadline.",
])
def test_clean_junk_notice_category_traps_stay(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert not verdict.junk, verdict


@pytest.mark.parametrize("bio", [
    "Mara Quinn is a writer and critic in Galway. Her first book, Low Water, comes out next spring.",
    "Tomas Reyes, a former harbour pilot, is a contributing editor at Coastline and lives in Cork.",
])
def test_clean_junk_writer_bio_after_the_article(bio):
    lines = PARAGRAPHS + [bio] + TRAILING_BLOCK
    verdicts = _verdicts(lines)
    assert verdicts[len(PARAGRAPHS)].junk, verdicts[len(PARAGRAPHS)]
    assert not any(v.junk for v in verdicts[:len(PARAGRAPHS)])


def test_clean_junk_bio_shaped_sentence_inside_the_article_stays():
    line = "Mara Quinn is a writer who spent a year on the dredgers before she wrote about the harbour."
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    assert not _verdicts(lines)[3].junk


# --- 8. notices that hold at any length, live labels, a summary's points on one line ----------------------
@pytest.mark.parametrize("line", [
    "Coast Wire writers Ana Ruiz in Cork and Tom Reyes in Galway contributed to this report.",
    "The views expressed in the comments above are those of our readers and do not necessarily reflect the views of the Herald.",
    "Local journalism costs money. Help us keep going with a small monthly contribution by card or bank transfer.",
    "We don't have a paywall. Keep the Harbour Herald free for everyone on the coast →",
    "🔐 Premium story. You have 2 free premium articles left this month.",
    "Do not sell or share my personal information · Limit use of sensitive personal information",
    "LIVE: Storm updates from along the north coast",
    "🟡 Live — Harbour board meeting: all the votes as they happen",
    "• Board votes to dredge eastern channel • Work starts next month • Fishing crews move west until it ends",
    "- Channel silting faster than expected - Ferries may wait for the tide - Contract worth 4 million euros",
])
def test_clean_junk_long_notices_live_labels_and_summary_rows(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", [
    '"We need your help to keep going," the lifeboat station\'s coxswain told the volunteers on Sunday.',
    "Live music returns to the quay on Saturday, with three bands from the north coast on the bill.",
    "- and the board, he said, has not yet decided who will pay for it.",
    "Crews from three harbours contributed to the rescue, which took most of the night.",
])
def test_clean_junk_long_notice_traps_stay(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert not verdict.junk, verdict


# --- 9. a sponsor's label, a document's link, an affiliate's share, a serial number -----------------------
@pytest.mark.parametrize("line", [
    "Harbour Herald may receive a share of revenue from products purchased through some links on this page.",
    "In partnership with the Coastal Trust",
    "Recommended by Outbrain",
    "Read the board's full decision (PDF, 2.4 MB)",
    "Download the tender documents [PDF]",
    "Gallery: 12 photos of the dredgers at work",
    "People also read",
    "ISSN 2049-1234",
])
def test_clean_junk_sponsor_file_link_and_serial_labels(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", [
    "Supported by the harbour's fishing crews, the plan passed with a comfortable majority.",
    "The full decision runs to 40 pages (PDF).",
    "The skipper said he bought the boat through links to a broker in Cork, not a commission.",
])
def test_clean_junk_sponsor_and_file_link_traps_stay(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert not verdict.junk, verdict


# --- 10. a press release's end, a gallery's controls and counters, agency and translator credits ----------
@pytest.mark.parametrize("line", [
    "— END —", "ENDS", "Notes to editors", "Media enquiries: press office, 01234 567890",
    "This statement was distributed by NewsWire on behalf of the Northshore Port Authority.",
    "Hide caption", "Enlarge this image", "Photo 3 of 12", "Page 1 of 3",
    "Disclosure statement: Mara Quinn receives funding from the Marine Institute.",
    "Translated from the Irish by Tomas Reyes", "With AFP", "— With files from The Canadian Press",
    "Word count: 842", "Joined: 12 Mar 2019 Posts: 1,204",
])
def test_clean_junk_release_ends_gallery_controls_and_agency_credits(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", [
    "With the ferries gone, the quay was quiet for the first time in years.",
    "They won 3 of 12 races this season, their best record since the club was founded.",
    "The note to editors was never sent, the harbour master admitted.",
])
def test_clean_junk_release_end_traps_stay(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert not verdict.junk, verdict


# --- 11. who made the episode, an advert's countdown, the page's age and archive ---------------------------
@pytest.mark.parametrize("line", [
    "This episode was produced by Mara Quinn and edited by Tomas Reyes.",
    "This ad will close in 5 seconds",
    "Ad closes in 5s ✕",
    "This article is more than 2 years old",
    "This article is from the archive of our partner The Coast Ledger.",
])
def test_clean_junk_episode_credits_countdowns_and_page_age(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", [
    "The video ends in 30 seconds of silence, the court heard on Tuesday.",
    "The harbour wall is more than 200 years old and needs repair, engineers said.",
])
def test_clean_junk_countdown_and_age_traps_stay(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert not verdict.junk, verdict


# --- 12. a chart's label between paragraphs, a credit naming the site, a call with its link ----------------
@pytest.mark.parametrize("line", [
    "Chart: Channel depth by month, 2020–2026. Source: Harbour Board soundings, author's calculations.",
    "Download the board's full decision: https://harbourboard.example/decision-2026.pdf",
])
def test_clean_junk_chart_label_and_call_with_link_between_paragraphs(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("credit", ["MARA QUINN — THE HARBOUR HERALD", "Mara Quinn/Harbour Herald"])
def test_clean_junk_photo_credit_naming_the_site(credit):
    lines = SITE_PAGE_HEAD + PARAGRAPHS[:3] + [credit] + PARAGRAPHS[3:] + SITE_PAGE_TAIL
    verdict = _verdicts(lines)[len(SITE_PAGE_HEAD) + 3]
    assert verdict.junk, verdict


def test_clean_junk_capitals_subheading_with_a_dash_stays():
    # the same shape, but its second part is not the site's name: a section's heading in capitals
    lines = SITE_PAGE_HEAD + PARAGRAPHS[:3] + ["ROUND ONE — THE OPENING"] + PARAGRAPHS[3:] + SITE_PAGE_TAIL
    assert not _verdicts(lines)[len(SITE_PAGE_HEAD) + 3].junk


# --- 13. a writer's role alone, an advertiser's content label ------------------------------------------------
@pytest.mark.parametrize("line", ["Senior Reporter", "Freelance journalist", "Contributor", "Advertiser content from Tidewell"])
def test_clean_junk_role_alone_and_advertiser_content(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    verdict = _verdicts(lines)[3]
    assert verdict.junk, verdict


@pytest.mark.parametrize("line", ["Europe Desk", "The editor in the dock"])
def test_clean_junk_role_alone_traps_stay(line):
    lines = PARAGRAPHS[:3] + [line] + PARAGRAPHS[3:] + TRAILING_BLOCK
    assert not _verdicts(lines)[3].junk
