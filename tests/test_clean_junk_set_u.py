"""Set U's misses as categories (session 11, helper j11): TV and radio stations, magazines, finance, sports, tech and
science sites, non-US sites. Every line here is invented for the test, in other wordings and for other sites than
the set's, and each category has lookalikes from news prose that must stay.

* notices: advice disclaimers (medical, financial, legal), the writer's holdings, a risk warning as its own sentence,
  a betting advert's fine print, a publisher's legal lines (trade mark, trading name, company registration, press
  council, a broadcaster's public file, prices as of the page), a shop's affiliate line and test method, a magazine's
  print issue, an ask as the reader leaves, a login's promise, a station's contest, a topic hub, a paper's link;
* shapes: a call at a line's end after a dash, a shop's deal, a rating box, a site-wide alert, a market quote, a
  fantasy or betting game, an advert's question and call, labels of the next video and of a site's links, a row of
  long headlines between bars, a newsroom's byline, the byline's name alone, a bio on a name from any byline;
* the article's own lines kept: a label with figures as a fact box, a result's date and venue, a review describing
  an app, a subheading "How we test".
"""

from __future__ import annotations

import pytest

from slant.clean.junk import junk_score
from tests.test_clean_junk_heldout import PARAGRAPHS
from tests.test_clean_junk_heldout import _clean as _removed


def _mid(*lines: str) -> list[str]:
    return PARAGRAPHS[:2] + list(lines) + PARAGRAPHS[2:]


def _after(*lines: str) -> list[str]:
    return PARAGRAPHS + list(lines)


@pytest.mark.parametrize("line, reason", [
    ("This guide is for general information purposes only and is not a substitute for professional legal advice.",
     "disclaimer"),
    ("Nothing on this page constitutes investment advice or a recommendation to buy any security.", "disclaimer"),
    ("The content above is not intended as personalised financial advice.", "disclaimer"),
    ("This information should not be relied upon as tax or accounting advice.", "disclaimer"),
    ("The writer owns no shares in any of the companies discussed.", "disclaimer"),
    ("The columnist has no position in the stocks mentioned.", "disclaimer"),
    ("Invest with fractional shares from $1. Your capital is at risk.", "disclaimer"),
    ("Past performance is not a reliable indicator of future returns.", "disclaimer"),
    ("Claim a £20 free bet. New customers only. 18+ only. Full T&Cs apply.", "advertisement"),
    ("Harbour Sound is a registered trade mark of Lakeside Audio Group.", "copyright notice"),
    ("Coastline Radio is the trading name of Northshore Broadcasting Ltd.", "copyright notice"),
    ("MCI (P) 045/09/2026. Co. Regn. No. 199203571K", "footer"),
    ("The Valley Sentinel subscribes to the Editors' Code of Practice and is regulated by IPSO.", "footer"),
    ("WXRT-TV is a member of the Great Lakes Broadcasting Group. Public Inspection File | Closed Captioning", "footer"),
    ("Prices and availability are subject to change without notice.", "footer"),
    ("We may earn a commission if you buy through the links below.", "affiliate disclosure"),
    ("How we tested: see our review methodology for air fryers.", "editorial note"),
    ("Why you can trust our reviews: 40 testers and 12,000 hours in our lab", "editorial note"),
    ("This feature appeared in the Spring 2027 issue of the magazine.", "paywall prompt"),
    ("Subscribe to the print edition: 6 issues for $24", "paywall prompt"),
    ("Before you go: independent science reporting needs readers like you. Become a member today.", "donation ask"),
    ("Would you consider supporting our journalism with a small monthly gift?", "donation ask"),
    ("Log in to save this recipe", "site prompt"),
    ("Enter to win a weekend for two! Text BEACH to 72100.", "call to action"),
    ("Know a teacher who goes above and beyond? Nominate them for our Golden Apple award.", "call to action"),
    ("Election 2027: all our coverage in one place", "link list"),
    ("Read the full study: Journal of Coastal Ecology, 2026", "citation"),
    ("Morning Markets Daily: five things to know before the bell, every weekday.", "subscribe prompt"),
])
def test_clean_junk_set_u_notices(line, reason):
    assert junk_score(line)[1] == reason
    assert line in _removed(_mid(line))
    assert line in _removed(_after(line))


@pytest.mark.parametrize("line", [
    "Dr. Patel said the app was not a substitute for professional medical advice and urged parents to see a GP.",
    "Investors were warned that past performance, however strong, guarantees nothing.",
    "The fund put $2 billion of capital at risk.",
    "Regulators said the broker had described its tips as for educational purposes only.",
    "Text HELP to 85258 to get free support.",
    "Sign in with your bank card at the kiosk, officials said.",
    "How we test",
    "The council is a member of the regional transport group, which meets monthly.",
])
def test_clean_junk_set_u_notice_lookalikes_kept(line):
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line, reason", [
    ("Bus routes 4 and 12 on diversion - check your journey", "call to action"),
    ("Polls close at 8pm - see where to vote", "call to action"),
    ("Harbour Jazz Night, 14 March, Old Customs House - book now", "call to action"),
    ("Best for families: Vela Cruiser 2 - $349 - Buy it", "call to action"),
    ("Cup draw in full - all the ties inside", "call to action"),
    ("CYBER MONDAY: Orbit Watch 4 now $179 (was $249) - ends tonight", "advertisement"),
    ("Top deals on robot vacuums - up to 40% off with code CLEAN40", "advertisement"),
    ("Verdict: 3.5 out of 5 stars", "review box"),
    ("Tornado Warning until 4:45 PM CDT for Ellis County", "alert banner"),
    ("HEAT ADVISORY in effect through Saturday evening", "alert banner"),
    ("GBP/EUR 1.1742 +0.0031 (+0.26%) | Open 1.1711", "weather or market widget"),
    ("Fantasy Football tips: the waiver wire targets for week 9", "advertisement"),
    ("NBA odds: Celtics +250, Nuggets +400, Thunder +450", "advertisement"),
    ("Worried about your energy bills? Compare tariffs with Voltwise today.", "advertisement"),
])
def test_clean_junk_set_u_offers_by_shape(line, reason):
    # (a label and a headline, "JUST IN: Power cut hits thousands ...", is taken as navigation before this)
    assert junk_score(line)[1] == reason
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "The mayor's message to residents was short - get out now.",
    "A Winter Storm Warning covers the region through Friday.",
    "Flood Watch is in effect until 9 p.m., the weather service said.",
    "Retailers said Black Friday discounts of 40% off drew crowds, and some stores sold out.",
    "BREAKING: Court papers say the man was arrested at a compound. — Wire Desk (@wiredesk) August 8, 2018",
    "Critics gave the film 4 out of 5 stars, and audiences agreed.",
])
def test_clean_junk_set_u_offer_lookalikes_kept(line):
    assert line not in _removed(_mid(line))


def test_clean_junk_row_of_long_headlines_between_bars():
    line = ("Ferry fares rise for third year running | Inside the town that banned leaf blowers | "
            "Five walks for a winter weekend")
    assert line in _removed(_after(line))
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", ["Trending on northgazette.co.uk", "Autoplay next: Harbour seals return to the estuary"])
def test_clean_junk_labels_of_a_sites_links(line):
    assert line in _removed(_after(line))


def test_clean_junk_newsroom_byline_and_the_bylines_name_alone():
    lines = ["KXLA 9 Newsroom", "By Rosa Delgado-Marsh"] + PARAGRAPHS[:2] + ["Rosa Delgado-Marsh"] + PARAGRAPHS[2:]
    removed = _removed(lines)
    assert "KXLA 9 Newsroom" in removed
    assert "Rosa Delgado-Marsh" in removed


@pytest.mark.parametrize("byline, bio", [
    ("Essay by Ingrid Solberg-Ash", "Ingrid Solberg-Ash writes about rivers and the people who live on them."),
    ("Tested by Kwame Ofori", "Kwame Ofori tests kitchen gadgets and has burned more toast than anyone alive."),
    ("By Dr. Lucia Fenwick", "Dr. Lucia Fenwick is a marine biologist and our contributing editor for oceans."),
    ("Story by Mateo Lindqvist | Photos by Ada Brandt", "Mateo Lindqvist grew up in Duluth and covers the Iron Range."),
])
def test_clean_junk_bio_on_a_name_from_any_byline(byline, bio):
    lines = [byline] + PARAGRAPHS + [bio, "Share this story"]
    assert bio in _removed(lines)


@pytest.mark.parametrize("line", [
    "Key figures: depth 4,200 m; length 310 km; age 12 million years",
    "Final: Saturday 9 May, Hampden Park, kick-off 5.30pm",
    "Top losers: Arbor Mining -6.1%, Kestrel Air -3.4%, Dunmore Bank -2.2%",
])
def test_clean_junk_articles_fact_lines_kept(line):
    assert line not in _removed(_mid(line))
    assert line not in _removed(PARAGRAPHS + [line, "Share this story", "Related: Harbour seals return"])


def test_clean_junk_review_describing_an_app_kept():
    line = "The companion app is sparse but lets you adjust the equaliser and check the battery."
    assert line not in _removed(_mid(line))
    assert junk_score("Track your steps on the go with the StrideOn app.")[1] == "app prompt"


@pytest.mark.parametrize("bio", [
    "Priya Lal is a former sommelier and our senior drinks writer at Vine & Table.",
    "Tomas Reyes is a freelance photographer in Valparaiso. His pictures of the port appear every Sunday.",
    "Dr. Helen Okoye is a paediatrician and the magazine's contributing editor for health.",
    "Ida Marsh writes about gardens, weather and the Welsh borders. She lives near Hay-on-Wye.",
    "Owen Teague has tested running shoes for more than ten years and still prefers to run barefoot.",
    "Sunita Bhat grew up above her parents' bakery in Leicester and now writes about food and family.",
])
def test_clean_junk_writers_bio_without_a_byline_anywhere(bio):
    assert junk_score(bio)[1] == "author bio"
    assert bio in _removed(_mid(bio))
    assert bio in _removed(_after(bio, "Share this story"))


@pytest.mark.parametrize("line", [
    "Maria Lopez is a nurse at the county hospital.",
    "John Smith is a former reporter who was arrested in 2019.",
    "Carla Diaz writes to her son in prison every week, she said.",
])
def test_clean_junk_person_in_the_news_kept(line):
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line", ["Tell us what you think in the comments below", "Have your say in the comments section below."])
def test_clean_junk_call_to_the_comments(line):
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("label", ["Trending on The Harbour Gazette", "All our election coverage in one place",
                                   "Related stories"])
def test_clean_junk_short_subheading_after_a_related_block_kept(label):
    lines = PARAGRAPHS[:2] + [label, "Ferry fares rise for a third year running", "What happens next"] + PARAGRAPHS[2:]
    removed = _removed(lines)
    assert label in removed and "Ferry fares rise for a third year running" in removed
    assert "What happens next" not in removed


def test_clean_junk_trademark_as_a_figure_of_speech_kept():
    line = "Racial and religious discrimination is the trademark of the committee itself, critics say."
    assert line not in _removed(_mid(line))
    assert "Cruelty is a trademark of his regime." not in _removed(_mid("Cruelty is a trademark of his regime."))
