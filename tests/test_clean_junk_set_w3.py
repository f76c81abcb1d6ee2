"""Set W3's misses as categories (session 12, helper j12): partisan and citizen blogs, state outlets' English pages,
content farms and aggregators, machine-translated news sites, newsletters, Telegram channels' web mirrors,
alternative-health sites. Every line here is invented for the test, in other wordings and for other sites than the
set's, and each category has lookalikes from news prose that must stay.

* notices: money asked by its amount or its arithmetic, a payment link for the channel, a paid stream message, a
  membership's price; a petition's and a campaign's ask, the reader's story asked for; a blocked channel's mirrors
  and backups, a web preview naming itself, the messenger's line; a state outlet's terms of reuse and registration,
  a campaign's and a sponsored project's legal line, "not affiliated"; a newsletter's greeting, web copy, reply,
  forward, thanks and sponsor; health disclaimers; a share asked for against removal; adverts by their shape; a
  podcast promo; a header picture's label; a citizen site's note on who writes it; comment-section notices;
* short furniture: a forwarded post's source, a pinned label, subscriber counts, app and join buttons, a petition's
  and a paid tier's buttons, comment counts, a row of reactions, bylines of handles and long roles, an agency's
  dateline, a caption's credit in square brackets or "Archive photo";
* structure: readers' comments under the comment section's header after the article; the site's header before it.
"""

from __future__ import annotations

import pytest

from slant.clean.junk import _site_header, junk_score
from tests.test_clean_junk_heldout import PARAGRAPHS
from tests.test_clean_junk_heldout import _clean as _removed


def _mid(*lines: str) -> list[str]:
    return PARAGRAPHS[:2] + list(lines) + PARAGRAPHS[2:]


def _after(*lines: str) -> list[str]:
    return PARAGRAPHS + list(lines)


def _before(*lines: str) -> list[str]:
    return list(lines) + PARAGRAPHS


@pytest.mark.parametrize("line, reason", [
    ("We take no corporate money and no ads from tech giants. Pitch in $10 today to keep us publishing.", "donation ask"),
    ("Big papers ignored this story. We didn't. Give $4 to keep Heartland Wire free for everyone.", "donation ask"),
    ("Our court reporting costs $3,000 a month. If every reader chipped in $2, we would be covered until spring.",
     "donation ask"),
    ("Support the project: PayPal — paypal.me/frontwatch", "donation ask"),
    ("Want your question read on air? Send a Super Chat!", "donation ask"),
    ("Members get early screenings and a monthly letter from the editor. Join for $6/month.", "donation ask"),
    ("If our reporting helps you, consider a paid subscription: it pays for our records requests.", "subscribe prompt"),
    ("Add your name: tell the council to keep the bus depot open", "call to action"),
    ("Take action: call your representative before Friday's vote", "call to action"),
    ("Sign our petition: keep the maternity ward at Westfield open", "call to action"),
    ("Has this happened to your family? Share your story with us, in confidence.", "call to action"),
    ("Is Telegram blocked where you live? Read the channel on this site. Mirrors: example-news.site", "mirror notice"),
    ("Reserve channel in case we get blocked: t.me/example_reserve", "mirror notice"),
    ("If this page is blocked, use a VPN or the address in our bio.", "mirror notice"),
    ("Web mirror of our Telegram channel, updated every minute.", "mirror notice"),
    ("You are viewing an online preview of @harbor_news. Download the app to react.", "app prompt"),
    ("You're reading a web preview of @harbor_news. Comments open in the messenger.", "mirror notice"),
    ("t.me/harbor_news · This is a public channel", "mirror notice"),
    ("When quoting our materials, a hyperlink to the agency is mandatory.", "footer"),
    ("Materials of the portal may be reproduced only with reference to the source.", "footer"),
    ("Use of the site's materials is allowed only with a link to the source. 12+", "footer"),
    ("Mass media registration certificate No. 77-12345 issued by the national media regulator.", "footer"),
    ("Weekly paper registered at the Tribunal of Turin n. 45/2019.", "footer"),
    ("Paid for by Heartland Voters Action. Not authorized by any candidate or candidate's committee.", "footer"),
    ("The Ridge Report is a fiscally sponsored project of the Open Press Trust.", "footer"),
    ("The Harbor Post is independent. We are not affiliated with any party, church or company.", "footer"),
    ("Good evening, Metro Brief readers!", "newsletter furniture"),
    ("Hello, Insiders!", "newsletter furniture"),
    ("Read this email in your browser", "newsletter furniture"),
    ("Having trouble viewing this email? View it online.", "newsletter furniture"),
    ("Just hit reply to this email with your tips; we read every message.", "newsletter furniture"),
    ("Know someone who would like this? Forward this email to a friend.", "share or follow prompt"),
    ("Thanks for reading Harbor Notes! Pass it on to anyone who cares about the docks.", "share or follow prompt"),
    ("Today's Harbor Notes is sponsored by Dockside Bank. Banking for the waterfront.", "newsletter furniture"),
    ("A word from our partners: Lakeview Dental is taking new patients.", "newsletter furniture"),
    ("Harbor Notes — a newsletter about ports and shipping", "newsletter furniture"),
    ("These statements have not been evaluated by the Food and Drug Administration.", "disclaimer"),
    ("Nothing on this site is medical advice. Talk to your doctor.", "disclaimer"),
    ("Always consult your physician before starting any new diet or herbal remedy.", "disclaimer"),
    ("This could save someone's life. Share it with everyone you know before it disappears.", "share or follow prompt"),
    ("Repost this before it gets taken down!", "share or follow prompt"),
    ("Please share — most renters don't know this.", "share or follow prompt"),
    ("Hit that like button and subscribe for tomorrow's stream!", "share or follow prompt"),
    ("Seniors Are Getting Free Hearing Aids This Month (See If You Qualify)", "advertisement"),
    ("Bet now on the Premier League and get a 100% bonus on your first deposit", "advertisement"),
    ("Double-glazed windows direct from the factory! Sale 25% until Friday. Tel. 555-0100", "advertisement"),
    ("Buy shares with zero fees. Open an account in minutes. Investing involves risk.", "advertisement"),
    ('New caps back in stock: "RIVER RATS" — $20 at the shop', "advertisement"),
    ("On this week's Harbor Podcast: why the ferries keep breaking down", "audio or podcast prompt"),
    ("Audio version available — 12 min", "audio or podcast prompt"),
    ("Cover photo: the flooded underpass, taken by a reader.", "image credit"),
    ("Bookmark us in case the platforms bury our posts.", "site prompt"),
    ("Wait! Before you go — download our free sleep guide", "site prompt"),
    ("Stories on Northside Voices are written by residents and checked by a volunteer editor.", "editorial note"),
    ("Comments on this story are closed.", "comment widget"),
    ("Keep it civil. Comments that contain insults will be deleted.", "comment widget"),
    ("Text translated from the original language by machine. The original text is available on our home page.",
     "AI disclosure"),
])
def test_clean_junk_set_w3_notices(line, reason):
    assert junk_score(line)[1] == reason
    assert line in _removed(_mid(line))
    assert line in _removed(_after(line))


@pytest.mark.parametrize("line", [
    "The charity asked residents to chip in to repair the roof, the mayor said.",
    "If every household paid $3 more a month, the library could stay open, officials said.",
    "More than 40,000 people signed a petition calling for the ward to stay open.",
    "She told us her story over two long afternoons.",
    "The channel, which has 245,000 subscribers, posted the video on Tuesday.",
    "Officials said the site had been blocked in the region since March.",
    "The message was forwarded from a regional account to thousands of users, the researchers found.",
    "The court registered the company's certificate in 2019, records show.",
    "The group is a fiscally sponsored project of a larger charity, according to tax filings.",
    '"Good morning, everyone," the mayor said as she opened the meeting.',
    "Staff were told to reply to the email by Friday.",
    "The festival is sponsored by Dockside Bank for the third year.",
    "Doctors advise patients to consult a pharmacist before starting any new supplement, the agency said.",
    "Share it with your friends, the campaign's leaflet urges.",
    "Police asked anyone with footage to share it with investigators.",
    "Regulators said the app let users open an account in minutes without checks.",
    "The shop said the new caps were back in stock at $20.",
])
def test_clean_junk_set_w3_notice_lookalikes_kept(line):
    assert line not in _removed(_mid(line))
    assert line not in _removed(_before(line))


@pytest.mark.parametrize("line, reason", [
    ("Forwarded from Regional Administration | Official", "channel furniture"),
    ("📌 Pinned: read this before you post in the chat", "channel furniture"),
    ("Open in Telegram", "channel furniture"),
    ("JOIN CHANNEL", "channel furniture"),
    ("Join the Movement", "channel furniture"),
    ("245 118 subscribers", "share buttons"),
    ("ADD MY NAME", "call to action"),
    ("Upgrade to paid", "subscribe prompt"),
    ("Subscribed ✓", "subscribe prompt"),
    ("Yes, send me the checklist", "subscribe prompt"),
    ("💬 1,208 comments", "comment widget"),
    ("12 comments:", "comment widget"),
    ("Reader discussion (9)", "comment widget"),
    ("👍 2.2K ❤️ 640 😮 91 😡 1.4K", "reaction counts"),
    ('By "HarborHawk" — Citizen Journalist', "byline"),
    ("By Maya Ortiz, tenant organizer and volunteer reporter", "byline"),
    ("Tashkent, 5 May – SNA.", "byline"),
    ("Crowds at the harbour on Sunday. Archive photo", "image credit"),
    ("Li Wei speaks to reporters in Nanjing, May 3, 2026. [Photo/Gazette]", "image credit"),
    ("Facebook Twitter Gab Truth Social Telegram", "share buttons"),
])
def test_clean_junk_set_w3_short_furniture(line, reason):
    assert junk_score(line)[1] == reason
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", ["Readers' choice", "Related investigations"])
def test_clean_junk_set_w3_related_labels(line):
    lines = PARAGRAPHS + [line, "Harbour seals return to the estuary after 40 years", "Ferry fares rise for a third year"]
    removed = _removed(lines)
    assert line in removed and "Harbour seals return to the estuary after 40 years" in removed


@pytest.mark.parametrize("comments", [
    ["Maria T. — I remember that bridge flooding in 1998 too.", "Sam K. — Thanks for covering this!!"],
    ["Dockhand42 • 5 hours ago — Finally someone asks the question", "Lena R. · 3h — Good reporting as always."],
    ["Anonymous said... Best team in the county this year.", "June P. said... Passing this on to my sister."],
    ["harbor_fan88: too late again, nobody listens", "Guest_2001: same story every spring"],
])
def test_clean_junk_set_w3_reader_comments_under_the_comment_header(comments):
    lines = PARAGRAPHS + ["14 comments:"] + comments + ["© 2026 The Harbor Post"]
    removed = _removed(lines)
    for comment in comments:
        assert comment in removed, comment
    for paragraph in PARAGRAPHS:
        assert paragraph not in removed


def test_clean_junk_set_w3_commenter_shapes_without_a_comment_header_kept():
    lines = PARAGRAPHS[:2] + ["Q: Why was the vote delayed?", "Maria T. — a retired teacher — was the first to speak."] \
        + PARAGRAPHS[2:]
    removed = _removed(lines)
    assert "Q: Why was the vote delayed?" not in removed
    assert "Maria T. — a retired teacher — was the first to speak." not in removed


@pytest.mark.parametrize("header", [
    "THE HARBOR BEACON — The Stories Downtown Won't Tell You",
    "NorthWatch24.eu — news from the north in english",
    "Valley Prep Blog — Tri-State high school hockey since 2012",
    "Oak Ridge Weekly (est. 2015 as a hobby blog, still here!)",
    "Local news and weather from the Oak Valley, written by a retired teacher",
    "Standing up for renters, one story at a time",
])
def test_clean_junk_set_w3_site_header_before_the_article(header):
    assert header in _removed(_before(header))


@pytest.mark.parametrize("line", [
    "Harbor Beacon — the town's paper since 1921 — closed on Friday after its owner retired.",
    "Council budget passes 7-2 — opponents say the libraries lose out",
])
def test_clean_junk_set_w3_site_header_lookalikes_kept(line):
    assert line not in _removed(_before(line))
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line, reason", [
    ("Buy us a coffee: ko-fi.com/ridgewatch", "donation ask"),
    ("Tips keep the lights on: Venmo @harbor-news", "donation ask"),
    ("Call your senator today: (202) 555-0143", "call to action"),
    ("Our main channel was blocked. New address: t.me/harbor_news_2", "mirror notice"),
    ("📢 Advertising in the channel: @ads_manager", "channel furniture"),
    ("Channel photo updated", "channel furniture"),
    ("Comments are available in the app only.", "comment widget"),
    ("Showing 20 of 312 comments", "comment widget"),
    ("All materials published on the site are protected by copyright. Citation is allowed only with an active hyperlink.",
     "footer"),
    ("Reprinting of materials is prohibited without the written consent of the editorial office.", "footer"),
    ("Founder: Regional Media Holding LLC. Editor-in-chief: A. Petrova.", "footer"),
    ("Certificate of registration of mass media EL No. FS 77-81234 dated 12.03.2021.", "footer"),
    ("Welcome to the 40 new subscribers who joined us this week!", "newsletter furniture"),
    ("See you next week,", "newsletter furniture"),
    ("This article is not intended to diagnose, treat, cure or prevent any disease.", "disclaimer"),
])
def test_clean_junk_set_w3_fresh_wordings_of_the_same_kinds(line, reason):
    # written after the rules above, as a check that they hold for other wordings; the misses found here were filled
    assert junk_score(line)[1] == reason
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "Residents can call their senator's office to register objections, the clerk said.",
    "The channel was blocked by the regulator in March.",
    "A judge ruled that reprinting of the leaked memo was prohibited without the ministry's consent.",
    "The founder, Ana Ruiz, said the publisher had not paid her.",
    "Welcome to the neighbourhood, the banner outside the new library reads.",
])
def test_clean_junk_set_w3_fresh_lookalikes_kept(line):
    assert line not in _removed(_mid(line))


def test_clean_junk_set_w3_newsletter_tagline_ending_on_its_writer_before_the_article():
    tagline = "Ships, cargo and the people who move them — by Dana Whitlock"
    removed = _removed(_before(tagline))
    assert tagline in removed  # (as a byline, or as a headline of another story when its words are foreign)
    assert _site_header(tagline) == 2
    # a book and its author in the article's list is no byline (the tagline is read only before the article)
    book = "The Salt Road, a history of the harbour — by Dana Whitlock"
    assert junk_score(book)[1] != "byline"
    removed = _removed(_mid(book))
    assert book not in removed or removed[book].reason != "byline"


@pytest.mark.parametrize("line", [
    "The app lets users open an account in minutes.",
    "Users should download their data before it is deleted on June 1.",
    "Investing involves risk, and the fund's managers say they plan for it.",
    "Contact your MP if you are affected by the closures.",
    "The book is now available for $25 at the store on Main Street.",
])
def test_clean_junk_set_w3_advice_and_news_lookalikes_kept(line):
    assert line not in _removed(_mid(line))


def test_clean_junk_set_w3_lead_line_on_the_story_is_no_site_header():
    lines = ["Harbour strike — latest news and updates as talks resume"] + PARAGRAPHS
    removed = _removed(lines)
    assert removed.get(lines[0]) is None or removed[lines[0]].reason != "site header"


def test_clean_junk_long_notices_split_into_their_top_level_alternatives():
    """Each long notice runs as its top-level alternatives (each on its own gate words): joined again they are the
    pattern, so a line matches one of them exactly when it matches the pattern; a bar inside a group or a class is
    not a top-level one."""
    import re

    from slant.clean import junk

    for _, pattern in junk._LONG_NOTICE_PATTERNS:
        branches = junk._top_branches(pattern)
        assert "|".join(b.pattern for b in branches) == pattern.pattern
        assert all(b.flags == pattern.flags for b in branches)
    split = junk._top_branches(re.compile(r"^a(?:b|c)|[|(]x\||d\(e", re.IGNORECASE))
    assert [b.pattern for b in split] == [r"^a(?:b|c)", r"[|(]x\|", r"d\(e"]
    assert sum(len(junk._top_branches(p)) for _, p in junk._LONG_NOTICE_PATTERNS) >= len(junk._LONG_NOTICES)
