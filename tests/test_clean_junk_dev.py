"""Junk by category on the development sets of issue 14, and the structure cues they led to.

tests/data/clean_dev_1.json and clean_dev_2.json (helper i14j) were written together, after the
cleaner's rules and sets A-E had been read: junk of 24 kinds from many kinds of sites (the kinds of
sets A-E plus push-notification asks, language and edition pickers, print/save buttons, live-blog
controls, "Updated ... ago" stamps, what a sign-up form says once used) and news paragraphs with
the same words in genuine sentences (cookies, sign up, newsletter, report, advertisement, share),
quotes, one-word paragraphs, a dateline and a list. The rules were changed on dev1; dev2 was kept
aside and scored once after those changes, then used too. clean_dev_3.json was written after that
in the wordings of blog platforms, wire services, national and local papers and newsletters, and
scored once before the changes made for it. All three are in-sample now; the first runs are in
slant.clean.junk_categories' docstring.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from slant.clean.junk import classify_lines, strongest_cue
from slant.clean.junk_categories import categorize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval_junk_heldout  # noqa: E402

from tests.test_clean_junk_heldout import PARAGRAPHS  # noqa: E402  (the same three news paragraphs)
from tests.test_clean_junk_heldout import _clean as _removed  # noqa: E402  (lines -> removed line by text)


#: development sets in tests/data/clean_dev_<k>.json
DEV_SETS = 21


def _mid(line: str) -> list[str]:
    return PARAGRAPHS[:2] + [line] + PARAGRAPHS[2:]


def _last(line: str) -> list[str]:
    return PARAGRAPHS + [line, "Share this article"]


@pytest.mark.parametrize("name", [f"dev{k}" for k in range(1, DEV_SETS + 1)])
def test_clean_junk_dev_sets_removed_and_content_kept(name):
    result = eval_junk_heldout.evaluate(eval_junk_heldout.load(name))
    assert result["junk_removed"] / result["junk_decisions"] >= 0.98, result["misses"]
    # dev21 has 60 content decisions, so its one known loss is 1.7%: a row of place names as the last
    # paragraph ("Kyiv, Lviv, Odesa, Kharkiv"), taken into the trailing block like a row of tags
    lost = [entry for entry in result["lost"] if entry[0] not in KNOWN_LOSSES.get(name, ())]
    assert 1 - len(lost) / result["content_decisions"] >= 0.99, result["lost"]


#: content lines a development set loses on purpose, with the reason in the test above
KNOWN_LOSSES = {"dev21": ("Kyiv, Lviv, Odesa, Kharkiv",)}


def test_clean_junk_dev_row_of_names_between_paragraphs_stays():
    line = "Leeds, York, Hull, Sheffield"
    assert line not in _removed(_mid(line))


# Junk that says what it is by its structure, not a string: a banner's own notice in the present
# tense, a button joining its words with "and"/"for", a page control (an imperative of what a reader
# does on a page, on what a page holds), a picker of languages or editions, a widget's question
# about the page with its answers, a newsletter pitch made of delivery and schedule words.
@pytest.mark.parametrize("line,reason", [
    ("Strictly necessary cookies are always on.", "consent banner"),
    ("This website uses cookies. By continuing to browse you accept this.", "consent banner"),
    ("Performance cookies help us count visits and see which pages are popular.", "consent banner"),
    ("Cookie notice", "consent banner"),
    ("Abusive comments will be removed.", "comment widget"),
    ("We welcome lively debate, but please keep it civil.", "comment widget"),
    ("Sort by: Oldest", "comment widget"),
    ("Errors and corrections policy", "corrections widget"),
    ("If anything here doesn't look right, please let us know.", "corrections widget"),
    ("Exclusive for members", "paywall prompt"),
    ("Get the Valley Courier app for news on the go.", "app prompt"),
    ("Want instant notifications when news breaks? Turn them on.", "app prompt"),
    ("Add us as a trusted source on Google News", "share or follow prompt"),
    ("Follow @valleycourier for live updates", "share or follow prompt"),
    ("Gift this story", "share or follow prompt"),
    ("We'll email you the week's most important stories every Friday.", "subscribe prompt"),
    ("The Week in Review: handpicked reads, sent to you each Sunday.", "subscribe prompt"),
    ("Join 120,000 readers who get our morning email.", "subscribe prompt"),
    ("This form is protected by reCAPTCHA.", "subscribe prompt"),
    ("Marta Ruiz writes about housing and urban policy.", "author bio"),
    ("Ben Adler covers city hall for the Valley Courier.", "author bio"),
    ("Ana Silva is the Valley Courier's chief political correspondent.", "author bio"),
    ("Give feedback", "page control"),
    ("Allow alerts", "app prompt"),
    ("Save for later", "page control"),
    ("Continue exploring", "page control"),
    ("Refresh", "page control"),
    ("Select your edition", "language or region picker"),
    ("Español | English | Français", "language or region picker"),
    ("English (UK)", "language or region picker"),
    ("Was this helpful?", "feedback widget"),
    ("How useful was this article? Not at all | A little | Very", "feedback widget"),
    ("Image source, Reuters", "image credit"),
    ("Supplied", "image credit"),
    ("Story continues after this advertisement", "advertisement"),
    ("Read next: What the budget means for you", "link list"),
    ("In this series", "link list"),
    # dev3's lessons: a form's checkbox worded as the reader, a comment policy's state, the donation
    # form's payment methods, publication notices, credit lines, counts, rows of site links
    ("Remember my details in this browser for the next time I comment.", "comment widget"),
    ("Comments here are pre-moderated.", "comment widget"),
    ("We accept Visa, Mastercard and PayPal.", "donation ask"),
    ("Journalism like this is only possible thanks to readers like you.", "donation ask"),
    ("This piece originally appeared in the Valley Bureau and is republished under a Creative Commons licence.",
     "copyright notice"),
    ("The Associated Press contributed to this report.", "credits"),
    ("— With assistance from Priya Shah", "credits"),
    ("3.4K followers", "share buttons"),
    ("Thanks! Your vote has been recorded.", "form response"),
    ("Link copied to clipboard", "form response"),
    ("Did you find this story useful? Yes / No", "feedback widget"),
    ("Home News Sport Weather Business Culture Terms Privacy", "navigation"),
    ("Discover more from The Weekly Ledger", "link list"),
    ("Go deeper: What the new rules mean for landlords", "link list"),
    ("Next Story →", "link list"),
    ("Remind me in June", "page control"),
    ("opens in a new window", "page control"),
    # dev4's: affiliate disclosures, who reviewed the piece, a newsletter by its schedule and kind
    ("We may earn a small commission if you buy something through links in this guide.", "affiliate disclosure"),
    ("Prices were accurate at the time of publishing.", "affiliate disclosure"),
    ("Medically reviewed by Dr Ana Costa", "credits"),
    ("Audio generated by AI", "AI disclosure"),
    ("Photograph by Sam Hill for the Ledger", "image credit"),
    ("Our weekly guide to the best gigs in town.", "subscribe prompt"),
    ("Your daily dose of climate news, written by our environment desk.", "subscribe prompt"),
    ("The newsletter for people who love books. Free, on Sundays.", "subscribe prompt"),
    ("Every donation, however small, helps.", "donation ask"),
    ("Take our three-question reader poll", "call to action"),
    ("See all stories by Omar Haddad", "author bio"),
    ("Sponsored Stories", "advertisement"),
    # dev5's: a suggestion to the reader, a problem with this page, what funds the newsroom
    ("No comments so far. Why not be the first to share your view?", "comment widget"),
    ("Optional cookies help us understand how the site is used.", "consent banner"),
    ("Found a problem with this article? Let us know.", "corrections widget"),
    ("Help us correct the record", "corrections widget"),
    ("Readers like you fund our reporting. Join them.", "donation ask"),
    ("Post to LinkedIn", "share or follow prompt"),
    # dev6's
    ("Ana Silva has covered the courts for the Valley Courier since 2012.", "author bio"),
    ("How would you rate your visit today?", "feedback widget"),
    ("Tell us your thoughts", "feedback widget"),
    ("Enjoy unlimited articles for $2 a week.", "paywall prompt"),
    ("Send this article to a colleague", "share or follow prompt"),
    # dev7's: decoration (emoji, arrows) around a label, a beat, small widgets
    ("💬 Comments", "comment widget"),
    ("👉 Read more: Floods force evacuations across the valley", "link list"),
    ("⏱ 6 min read", "reading time"),
    ("Liked this story? Buy us a coffee.", "donation ask"),
    ("Sarah Jones covers education and youth affairs.", "author bio"),
    ("Give us your feedback", "feedback widget"),
    ("Corrections & Clarifications", "corrections widget"),
    ("Spread the word", "share or follow prompt"),
    ("Weather: 14°C Cloudy", "weather or market widget"),
    ("Read in 3 minutes", "reading time"),
    # dev8's: wire-fed sites
    ("(With inputs from PTI)", "credits"),
    ("(This article is auto-generated from a news agency feed and has not been edited by our staff.)",
     "copyright notice"),
    ("Comments must be civil and in English. Abusive posts will be deleted.", "comment widget"),
    ("Join our WhatsApp channel for breaking news", "share or follow prompt"),
    ("READ | What the new tax rules mean", "link list"),
    ("Trending Topics", "link list"),
    ("Filed in: Politics", "tags"),
    ("Views: 12,480", "share buttons"),
    ("Video player loading", "widget config"),
    ("Already a Gold member? Sign in", "paywall prompt"),
    # dev9's: broadcast, podcast and magazine pages
    ("Ad · Skip in 3", "advertisement"),
    ("This feature was paid for by a sponsor and produced by the branded content team.", "advertisement"),
    ("More by Leo Park", "author bio"),
    ("Autoplay: Off", "page control"),
    ("Embed this video", "page control"),
    ("Support local journalism", "donation ask"),
    ("This story appeared in the May 2026 print edition.", "copyright notice"),
    ("Paying members enjoy ad-free reading.", "paywall prompt"),
    ("Show notes", "site prompt"),
    ("Latest episodes", "link list"),
    # dev10's: the page's section labels between paragraphs
    ("Featured videos", "link list"),
    ("Around the web", "link list"),
    ("More from our columnists", "link list"),
    ("About Omar Haddad", "author bio"),
    ("Switch to the app", "app prompt"),
    ("Comments that break our rules will be deleted.", "comment widget"),
    ("Cookies help us run the site. By using our website, you accept their use.", "consent banner"),
    ("Give to the Newsroom Fund", "donation ask"),
    ("This article is free to read with a Ledger account.", "paywall prompt"),
    ("Made with love in Valleytown", "footer"),
    # dev11's: stamps, embeds, polls, classifieds
    ("2h ago", "date line"),
    ("Yesterday at 9:15 am", "date line"),
    ("A post shared by Jane Roe (@janeroe)", "embedded post"),
    ("View this post on Instagram", "share or follow prompt"),
    ("Poll: Should the library close? Yes / No / Don't know", "feedback widget"),
    ("Vote now", "page control"),
    ("Sponsored Links by Outbrain", "advertisement"),
    ("Place an ad", "advertisement"),
    ("Make a tax-deductible gift today", "donation ask"),
    ("The Courier Weekend: long reads, recipes and puzzles, every Saturday.", "subscribe prompt"),
    # dev12's: report-an-error in more wordings
    ("Think anything in this story is wrong? Tell the desk.", "corrections widget"),
    ("Seen something we should fix? Let us know.", "corrections widget"),
    ("Fact check this article", "corrections widget"),
    ("Useful? Yes · No", "feedback widget"),
    ("Get 6 months for £1", "paywall prompt"),
    ("Support the Courier from as little as $2", "donation ask"),
    # dev14's
    ("Comments for this story are closed.", "comment widget"),
    ("Quick question: was this helpful?", "feedback widget"),
    ("(Pictured: the flooded high street)", "image credit"),
    ("Want the headlines? Here's how to get them by email.", "subscribe prompt"),
    ("The Five Things email: short, clear and free.", "subscribe prompt"),
    ("Members get early access to our investigations.", "paywall prompt"),
    ("Save 30% on a digital subscription", "paywall prompt"),
    ("Stories you might have missed", "link list"),
    # dev15's
    ("Comments are open for 24 hours after publication.", "comment widget"),
    ("Do not sell or share my personal data (US residents)", "consent banner"),
    ("Keep exploring", "page control"),
    # sets F and G's kinds, by structure, in wordings of their own
    ("Priya Nair is health correspondent.", "author bio"),
    ("Sam Okafor covers farming and rural affairs for the Herald.", "author bio"),
    ("Lena Fischer reports on housing and homelessness. Before that she was at the Echo.", "author bio"),
    ("▶ Five walks to try this autumn", "link list"),
    ("Trending now: 1. Storm names revealed 2. Rail fares to rise 3. Quiz of the week", "link list"),
    ("More from Leeds: Bus lane fines double · Station reopens after flood", "link list"),
    ("Terms of use | Accessibility | Your ad choices and how to change them", "navigation"),
    ("Get our free app for breaking news on your phone.", "app prompt"),
    ("Turn on browser notifications to hear first when results come in.", "app prompt"),
    ("Pass this story on to a friend.", "share or follow prompt"),
    ("Our reporting depends on the support of readers. Chip in what you can.", "donation ask"),
    ("You are reading the international edition. Switch to the UK edition?", "language or region picker"),
    ("Find a local business: [ Type a town ] Search", "page control"),
    ("Comments (128)", "comment widget"),
    ("This article is reserved for Plus subscribers. Subscribe to continue.", "paywall prompt"),
    ("Sign up to our travel alerts email for delays on your line.", "subscribe prompt"),
    ("Floods in the valley. Photo credit, Reuters", "image credit"),
    ("Omar Haddad is a freelance journalist based in Beirut.", "author bio"),
    ("Luis Ortega covers immigration and the border from El Paso. Reach him at lortega@example.com.", "author bio"),
    ("Sophie Turner is the Herald's education reporter. She has two children at state schools.", "author bio"),
    ("→ Live: Election results as they happen", "link list"),
    ("Top stories 1. Storm hits coast 2. Prices fall 3. Team wins cup", "link list"),
    ("More in Politics: PM faces revolt | Budget date set | Polls tighten", "link list"),
    ("Allow notifications from this site to get breaking news.", "app prompt"),
    ("Tap the bell to get alerts for new stories.", "call to action"),
    ("Found this useful? Pass it on.", "share or follow prompt"),
    ("Members only. Join today to keep reading.", "paywall prompt"),
    ("Switch to the US edition", "language or region picker"),
    ("Enter your postcode: [ ______ ] Find", "page control"),
    ("Recommended • Storm Agnes live • Rail strikes: what you need to know", "navigation"),
    ("Get notified when we publish new stories. [Allow] [No thanks]", "app prompt"),
    ("Would you like to receive notifications on the latest news? Yes / Not now", "feedback widget"),
    ("It looks like you're in Canada. Visit our Canadian site?", "language or region picker"),
    ("Weather for London [Change location]", "page control"),
    ("Registered office: 1 High Street, London EC1A 1AA", "footer"),
    ("Every gift, big or small, keeps our reporters in the field.", "donation ask"),
    ("Most read in Sport", "link list"),
    # imperative + site action + what the reader gets for it
    ("Add us to your home screen for one-tap access to the news.", "site prompt"),
    ("Install the extension and never lose a story again.", "site prompt"),
    ("Follow this topic to get updates when new stories are published.", "site prompt"),
    ("Save stories to read later — it's free.", "site prompt"),
    ("Text NEWS to 80800 to get headlines on your phone.", "site prompt"),
    ("Log in or register to join the discussion.", "site prompt"),
    ("Read next ▸ How the river was saved", "link list"),
])
def test_clean_junk_dev_structure_cues_remove_with_reason(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason == reason, removed[line]


@pytest.mark.parametrize("line", [
    # the same words in the article's own sentences
    "The watchdog said the company had set cookies on visitors' devices before they had agreed to anything.",
    "Advertising cookies follow users from site to site, the report found.",
    "More than 40,000 people signed up for the scheme in its first week, the department said.",
    "Comments made by the chairman at a private dinner were leaked to the press.",
    "Abusive comments about the referee were read out in court.",
    "The newsletter, which was sent to 20,000 members, called for a strike.",
    "Under the proposal, newsletters sent by political campaigns would need a clear unsubscribe link.",
    "The app, which launched in 2024, has been downloaded more than a million times.",
    "Police have appealed for anyone with information to contact them on 101.",
    "Scott Johnson reports on the company's history of fines.",
    "The Atlanta Journal-Constitution reports on documents obtained by the paper.",
    "Share prices in the company fell 8% in early trading.",
    "\"Manage your expectations,\" the coach warned his players.",
    "Follow the money, investigators say, and the trail leads to Cyprus.",
    "Sociology. You really don't need to know anything.",
    "Want to know more about the new director?",
    # one-word and short paragraphs, a dateline
    "No.",
    "Why?",
    "Three people were arrested.",
    "LONDON —",
    "PARIS, March 3 (Reuters) -",
    "Why it matters: The vote sets the tax rate for the next three years.",
    "The comments have been removed from the video, a spokesperson said.",
    "Reuters has a standards editor who decides on corrections.",
    "The novel first appeared in print in 1951.",
    "Like this.",
    "Don't miss the final.",
    "The affiliate program pays bloggers a share of each sale.",
    "What did the first commission achieve?",
    "Of course, we know what the president did with his daily briefings.",
    "On Sunday, staff told residents in an email that the building would close.",
    "Every contribution to the fund is matched by the state, up to $500.",
    "Getty Images, the photo agency, said it would appeal.",
    "The daily briefing was cancelled.",
    "Sign-up to the scheme closes on Friday.",
    "Subscribe, like and share: the influencer's advice to young people.",
    "Why not? Because the money has run out.",
    "Thousands of people follow her on Instagram.",
    "The company's privacy policy was updated in May.",
    "Smith has worked for the Ministry of Defence since 2015.",
    "Share this with your children, the headteacher wrote.",
    "Google Maps covers most of the world.",
    "MUMBAI:",
    "Comments must be submitted to the council by March 1.",
    "The transcript of the call was released on Tuesday.",
    "Up next for the council is a vote on parking charges.",
    "Top videos on the platform are viewed millions of times.",
    "More headlines like this one will follow, critics warned.",
    "The app asks users to accept its terms before they can use it.",
    "Just now, the government says, is not the time for tax cuts.",
    "He was arrested three hours ago, his lawyer said.",
    "Police said the post had been shared on Instagram more than 10,000 times.",
    "Something in the water was wrong, residents said, long before the tests.",
    "Discover Valley, the tourism board's campaign, cost £1m.",
    "Donate blood, the health service urges, because stocks are low.",
    "Members get a vote on the new leader in March.",
    "Explore the coast and you will find dozens of coves.",
    "\"We got the figures wrong,\" the minister told parliament on Tuesday.",
    # the same shapes in news (sets F and G's round)
    "Smith covers the story in a new book.",
    "He reports on Tuesday's vote.",
    "Download speeds doubled.",
    "Please give what you can, the charity said.",
    "Jones is the editor who broke the story in 2019.",
    "New York covers the cost of the summit.",
    "Anna Kowalski covers the war in Ukraine, which began in 2022.",
    "The plan has three steps: 1. Raise taxes 2. Cut spending 3. Borrow less.",
    "You're reading the first of a two-part series on the site's history.",
    "Residents who signed up for the alerts received a text at 2am.",
    "Readers' donations kept the shelter open, its director wrote.",
    "Share it with your friends, the campaign's leaflet urges.",
    "Keep reading to the end, the teacher told her class.",
    "Pass it on, the coach said after the match.",
    "Switch to the new system was slow.",
    "Top stories of the year included the floods and the strike.",
    "Fans were asked to tap the bell at the finish line.",
    "Every donation funds a bed for one night.",
    "More in sorrow than anger, she said.",
    "Latest from Brussels suggests a deal is close.",
    "It looks like you're in luck: the site reopens today.",
    "You are in London. The site of the new stadium is nearby.",
    "Voters were asked: [Yes] or [No] on the ballot paper.",
    "Text HELP to 85258 to get free support.",
    "Follow the money to get to the truth.",
    "Save energy and get a lower bill this winter.",
    "Download the form to apply for a grant.",
    "Enable two-factor authentication to keep your account safe.",
    "Install smoke alarms on every floor to stay safe.",
    "Sign in to the portal for access to your results.",
    "Bookmark prices rose sharply, the retailer said.",
    "Please give what you can to the food bank this winter, the mayor said.",
])
def test_clean_junk_dev_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


def test_clean_junk_dev_list_after_its_introduction_stays_at_the_end():
    items = ["- Greenfield Primary School", "- Oak Lane Library", "- The Riverside swimming pool"]
    lines = PARAGRAPHS + ["The full list of closures is below:"] + items + ["Share this article", "Most read"]
    removed = _removed(lines)
    assert not any(item in removed for item in items), removed
    assert "The full list of closures is below:" not in removed
    assert "Share this article" in removed and "Most read" in removed


def test_clean_junk_dev_bullets_without_an_introduction_are_still_link_lists():
    lines = PARAGRAPHS + ["Related stories", "- Mayor unveils housing plan", "- Council tax to rise by 3%"]
    verdicts = classify_lines(lines, title="Council Approves Budget")
    assert all(v.junk for v in verdicts[3:]), verdicts[3:]


def test_clean_junk_dev_gates_never_change_the_answer():
    lines = []
    for name in [f"dev{k}" for k in range(1, DEV_SETS + 1)]:
        data = eval_junk_heldout.load(name)
        lines += [line for kind in data["junk"].values() for line in kind] + data["content"] + data["body"]
    for line in lines:
        norm = " ".join(line.split())
        assert categorize(norm) == categorize(norm, gated=False), line
        assert strongest_cue(norm) == strongest_cue(norm, gated=False), line


# Issue 14, set H's losses (helper i14n): a list that ends the article, a sign-up as news, a double dateline.
MEASURES = ["• a rent tax credit of €1,000 per person, up from €750;",
            "• two energy credits of €125, paid in January and March;",
            "• a €12 weekly increase in the state pension; and",
            "• free school books extended to all secondary pupils."]


@pytest.mark.parametrize("intro", ["The main measures are:", "The winners were:", "The new rules include:"])
@pytest.mark.parametrize("tail", [[], ["Share this article", "Most read"]])
def test_clean_junk_dev_short_introduction_and_its_list_end_the_article(intro, tail):
    removed = _removed(PARAGRAPHS + [intro] + MEASURES + tail)
    assert intro not in removed and not any(item in removed for item in MEASURES), removed
    assert all(line in removed for line in tail)


@pytest.mark.parametrize("item", MEASURES[:3] + ["1. a ban on new coal boilers from 2027;", "- three new ferries, at €90m each;"])
def test_clean_junk_dev_clause_item_alone_at_the_end_stays(item):
    assert item not in _removed(_last(item))
    assert item not in _removed(PARAGRAPHS + [item])


@pytest.mark.parametrize("label, items", [
    ("Read more:", ["• Cocoa farmers demand higher price", "• Budget 2025: what it means for you"]),
    ("Most read:", ["1. Cocoa farmers demand higher price", "2. Five things to know about the budget"]),
    ("Here are today's top stories:", ["- Mayor unveils housing plan", "- Council tax to rise by 3%"]),
    ("You may also like:", ["• Pension rise explained", "• Why rents keep climbing"]),
    ("More from Politics:", ["- Opposition leader resigns", "- Ten years of austerity, in charts"]),
    ("Related topics include:", ["- Pensions", "- Housing"]),
    ("Trending stories are:", ["1. Mayor unveils housing plan", "2. Why rents keep climbing"]),
])
def test_clean_junk_dev_site_label_and_headlines_at_the_end_still_go(label, items):
    removed = _removed(PARAGRAPHS + [label] + items)
    assert label in removed and all(item in removed for item in items), removed


@pytest.mark.parametrize("line", [
    "Sign-up for the children's reading challenge will open in the library in July.",
    "Sign-up for the autumn marathon closes on Friday, organisers said.",
    "Sign-ups for the scheme were extended by a month after a slow start.",
    "Log-in problems were reported by thousands of bank customers on Monday, but service has resumed.",
])
def test_clean_junk_dev_hyphenated_sign_up_as_news_subject_stays(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


@pytest.mark.parametrize("line", [
    "Sign-up for our newsletter", "Sign-up for free and never miss a story.", "Sign-up: it takes 30 seconds",
    "Sign up for the daily briefing.",
])
def test_clean_junk_dev_sign_up_prompts_still_go(line):
    assert line in _removed(_last(line))


@pytest.mark.parametrize("line", ["BERLIN/LAGOS —", "WASHINGTON/BRUSSELS (Reuters) -"])
def test_clean_junk_dev_dateline_of_two_places_stays(line):
    assert line not in _removed(PARAGRAPHS + [line])
    assert line not in _removed([line] + PARAGRAPHS)


@pytest.mark.parametrize("intro", ["The main measures are:", "The schools closed are:", "Those affected include:"])
def test_clean_junk_dev_short_introduction_alone_or_with_plain_items_at_the_end(intro):
    assert intro not in _removed(_last(intro)) and intro not in _removed(PARAGRAPHS + [intro])
    items = ["- Greenfield Primary School", "- Oak Lane Library"]
    removed = _removed(PARAGRAPHS + [intro] + items + ["Share this article"])
    assert intro not in removed and not any(item in removed for item in items), removed
    assert "Share this article" in removed


# Issue 14, sets dev16-dev18 (helper j7): podcasts and the article's audio as a category of their own,
# and the page saying a machine made its summary, audio or translation (AI disclosure), live-blog states and counts, a thank-you for visiting and pointers to the site's
# other news in the English of machine-translated sites, a disclaimer label, reading settings.
@pytest.mark.parametrize("line,reason", [
    ("Listen to The Morning Call on Apple Podcasts, Spotify or wherever you get your podcasts.", "audio or podcast prompt"),
    ("Catch up on past episodes of The Long Game", "audio or podcast prompt"),
    ("Prefer to hear this story? Press play for the audio version.", "audio or podcast prompt"),
    ("Summary generated by AI and reviewed by our newsroom.", "AI disclosure"),
    ("This article was translated with the help of a machine translation tool.", "AI disclosure"),
    ("Audio version of this story is automatically generated.", "AI disclosure|audio or podcast prompt"),
    ("New episode: How the port strike ended (41 min)", "link list"),
    ("Updates (12)", "page control"),
    ("New posts (3)", "page control"),
    ("Load older posts", "page control"),
    ("Show AI summary", "page control|AI disclosure"),
    ("This live blog is no longer being updated.", "site prompt"),
    ("We have now ended our live coverage of the summit.", "site prompt"),
    ("Follow our coverage for the latest", "site prompt|share or follow prompt"),
    ("Thanks for visit our website", "site prompt"),
    ("Read also other news in our website", "site prompt"),
    ("Disclaimer: this story is auto-published from a syndicated feed.", "footer|copyright notice"),
    ("Font size A- A+", "site prompt"),
    ("Vendor list", "consent banner"),
    ("The week's best reads, picked by our editors and delivered every Sunday.", "subscribe prompt"),
])
def test_clean_junk_dev_audio_live_and_translated_furniture_removed(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        # a line that two reasons fit equally may carry either
        assert removed[line].reason in reason.split("|"), removed[line]


@pytest.mark.parametrize("line", [
    "The podcast's host apologised to listeners in a new episode on Monday.",
    "Listeners of the station complained when the episode was pulled.",
    "The summary was written by two civil servants.",
    "An AI-generated summary of the report contained errors, researchers found.",
    "The audio was generated by AI, police said.",
    "Thank you, he said, and left the stage.",
    "Read the full judgment and you will see how narrow the ruling is, the lawyer argued.",
    "The live blog was read by two million people.",
    "Updates to the law will follow in the autumn, the minister said.",
    "Text size is one of the things the new design changes.",
    "Her vendor list included three firms under investigation.",
    "You hear about it in the news every day.",
    "Are you listening to the voters?",
])
def test_clean_junk_dev_audio_live_and_translated_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


# dev19 (helper j7): the three kinds in other registers. A briefing's promise and when in the
# reader's day it comes; a question about how the reader likes the page, then its pitch; "by continuing
# to browse" only of a site or with the reader next; "the court heard" reports; a reply in prose.
@pytest.mark.parametrize("line,reason", [
    ("Get The Daily Six: the stories you need to know, before your commute.", "subscribe prompt"),
    ("Enjoying this story? There's plenty more — every Friday, for free.", "subscribe prompt|site prompt"),
    ("Liked this piece? There is more where it came from.", "site prompt"),
    ("Like what you see? Tell your friends about us.", "site prompt|share or follow prompt"),
    ("By continuing to browse, you agree to our use of cookies.", "consent banner"),
    ("We use cookies. By continuing to use this site you accept them.", "consent banner"),
])
def test_clean_junk_dev_briefing_promise_and_liking_question_removed(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason in reason.split("|"), removed[line]


@pytest.mark.parametrize("line", [
    "By continuing to browse the shelves after closing, the pair broke the rules, the court heard.",
    "By continuing to use the drug, patients cut their risk by half.",
    "Got it, thanks.",
    "OK, I understand.",
    "Here are the things you need to know about the new parking rules, which start on Monday.",
    "\"Like what you see?\" the designer asked the crowd.",
])
def test_clean_junk_dev_briefing_and_consent_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


# Set H's misses (in-sample since session 6), generalised as structure by helper j7: an advert's label
# after it or with the way past it, "Skip ad in N", the label in other languages; a podcast episode as
# a player lists it; a live page's waiting posts, sort order and way back; a relative stamp without
# "ago"; a setting toggled without a colon; a caption's "(Name/Agency)" and "X via Agency" credit; the
# site asking to send notifications; a bio's second sentence; a press regulator's membership; what the
# site's reporting costs; "free for registered readers"; "Not now" / "Yes please" buttons.
@pytest.mark.parametrize("line,reason", [
    ("Flood appeal: the Red Cross needs you. Call 0800 123 456 (ad)", "advertisement"),
    ("Advertisement — the story continues below.", "advertisement"),
    ("Skip ad in 10", "advertisement"),
    ("Werbung", "advertisement"),
    ("Episode 87: The long road back (52 min)", "link list"),
    ("6 new updates — tap to load", "page control"),
    ("Oldest first | Newest first", "page control|comment widget"),
    ("Back to the live blog", "page control"),
    ("4 h", "date line"),
    ("Captions off", "page control"),
    ("Firefighters at the scene on Tuesday (Jane Roe/AFP)", "image credit"),
    ("Commuters queue for buses in Leeds. Jon Super via Reuters", "image credit"),
    ("Let The Courier send you alerts about breaking news?", "app prompt"),
    ("Be notified when we publish new stories on this topic", "app prompt"),
    ("Mia Lind covers energy for the Nordic desk. She previously reported from Oslo for a decade.", "author bio"),
    ("The Courier is a member of the Independent Press Standards Organisation. Registered in England No. 123456.",
     "copyright notice"),
    ("Journalism like this costs money. If you can, chip in from £2 a month.", "donation ask"),
    ("The Friday Briefing: three minutes, every week. Free for registered readers.", "paywall prompt|subscribe prompt"),
    ("Not now", "button label"),
    ("Email to a friend", "share or follow prompt|share buttons"),
])
def test_clean_junk_dev_set_h_misses_as_structure(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason in reason.split("|"), removed[line]


@pytest.mark.parametrize("line", [
    "The ad was banned by the regulator (ASA).",
    "Episode 3 of the drama drew 9 million viewers, the broadcaster said.",
    "Two new posts were created at the ministry in June.",
    "Back to the drawing board.",
    "The sound was off for most of the match.",
    "Police said the crash happened at about 4 h 30.",
    "The photographs were taken by Jane Roe/AFP, the agency said.",
    "The message was sent via Reuters to all subscribers.",
    "Mia Lind covers the costs for the first year. She has promised to repay the rest.",
    "He is a member of the press standards committee, which meets in private.",
    "Reporting like this is rare, the judges said.",
    "Now.\u201d",
    "Not now.",
])
def test_clean_junk_dev_set_h_structure_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


# Blind set I's misses (kinds and shapes only, in our own wordings; helper j7): a caption credit "(Outlet:
# Name)"; a blogger's greeting; an ASCII pointer before a headline; an unlabelled inline numbered list of
# headlines; the site saying it uses cookies; a blog's comment header; the page calling itself premium;
# copyright in other languages; a sponsored headline's bracketed call to action; a consent reply in the
# first person; consent buttons in other languages; "join N <people>"; the site's pointer to its
# homepage; "Like this:" widgets; a fan page; an embed that failed to load and an embedded post's
# signature; short AI labels; a five-word page control; a row of tags with no label.
@pytest.mark.parametrize("line,reason", [
    ("Swimmers at Bondi on Sunday. (Coast News: Ray Tan)", "image credit"),
    ("Hello there, I'm Priya! I bake, I garden and I write about both. Welcome to my blog.", "author bio"),
    (">> Port workers vote to end strike", "link list"),
    ("1. Minister quits over leak 2. Storm closes bridge 3. Rates held at 4%", "link list"),
    ("Hey! We use cookies so the site works and so we know how you use it. Fine by you?", "consent banner"),
    ("14 thoughts on \u201cWhy my sourdough failed\u201d", "comment widget"),
    ("This story is subscriber-only content. Log in or subscribe to keep reading.", "paywall prompt"),
    ("Todos los derechos reservados. Prohibida su reproducción.", "copyright notice"),
    ("Doctors Stunned By This One Weird Knee Trick (Watch)", "advertisement"),
    ("Yes, I'm happy with that", "button label"),
    ("RECHAZAR TODO", "button label"),
    ("Join 12,000 gardeners who get our Sunday tips email.", "subscribe prompt"),
    ("Get every local headline and weather alert first on our app.", "site prompt|app prompt"),
    ("Share this: Like Loading...", "share buttons|share or follow prompt"),
    ("Follow our fan page for the day's best photos!", "share or follow prompt"),
    ("This video could not be loaded. Watch it on YouTube instead", "embedded post"),
    ("— City Council (@CityCouncil) May 2, 2024", "embedded post"),
    ("AI summary", "AI disclosure"),
    ("Save to my reading list", "page control"),
    ("Lagos traffic, fuel prices, Tinubu, BRT", "tags"),
])
def test_clean_junk_dev_set_i_kinds_removed(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason in reason.split("|"), removed[line]


@pytest.mark.parametrize("line", [
    "Dozens, perhaps hundreds, died.",
    "Bread, milk, eggs.",
    "Cheaper, faster, greener: the mayor's pitch for the new trams.",
    "\"We use cookies on every page,\" the firm's lawyer told the court.",
    "Hello, I'm from the council, she said, and showed her badge.",
    "The premium content deal was signed in March.",
    "Join 40,000 runners on Sunday, organisers urged, as the marathon returns.",
    "The video could not be verified, the agency said.",
    "1. The council must publish its budget. 2. It must consult residents. 3. It must report by June.",
    "An AI-generated summary of the report contained errors, researchers found.",
    # a quoted tweet's own words stay with its signature (SemEval annotates them)
    "Shame on the council for this decision! #SaveOurPark \u2014 Ann Lee (@annlee) May 2, 2024",
])
def test_clean_junk_dev_set_i_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


# dev20 (helper j7): recipe-blog, local-paper, video-page, shopping and regional furniture. The site
# asking readers to send it something; a player's state; "tap to resume" after a first sentence;
# "Also watch:" labels; "For more <kind> news, visit ..."; "Tag me on <platform>"; "Read the digital
# edition"; "Place a notice: ..."; shopping labels; page controls on a recipe.
@pytest.mark.parametrize("line,reason", [
    ("Send us your photos of the floods and we could use them online.", "site prompt"),
    ("Submit your community event to our listings", "site prompt"),
    ("Seen something we should know about? Tip us off in confidence.", "site prompt"),
    ("Video unavailable", "embedded post"),
    ("This clip is private", "embedded post"),
    ("Playback paused. Tap to resume.", "call to action"),
    ("Also watch: Floods close main road", "link list"),
    ("For more business news, head to our money section", "site prompt"),
    ("Made this dish? Tag us on Instagram!", "share or follow prompt"),
    ("Read today's digital edition of the Herald", "paywall prompt"),
    ("Place a notice: anniversaries and memorials", "advertisement"),
    ("Deals of the week", "link list"),
    ("Our picks: the best rain jackets", "link list"),
    ("Print recipe", "page control"),
    ("Save this recipe for later", "site prompt|page control"),
])
def test_clean_junk_dev_local_recipe_video_furniture_removed(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason in reason.split("|"), removed[line]


@pytest.mark.parametrize("line", [
    "Police asked anyone with photos of the crash to send them to detectives.",
    "Send your children to school as normal, the head teacher told parents.",
    "The video was unavailable in several countries after a copyright complaint.",
    "The print edition of the paper will close in June.",
    "For more than a decade, the family ran the shop on Main Street.",
    "Tag lines for the campaign were written by a Dublin agency.",
    "Deals of the kind the minister described are rare.",
])
def test_clean_junk_dev_local_recipe_video_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


# sets J and K (blind, scored once; their misses read afterwards): the missed kinds as structure, in
# our own wordings. A machine summary's label or warning; a machine translation's or a wire copy's
# notice; a player's state and an embed's placeholder; a poll with its answers; a capitalised
# breaking bar; a wire's closing credit; a tip line addressed to the site; an event's booking ask;
# pay-what-you-can and reader-funded asks; cookie banners naming the reader's device, ad partners
# or their yes (at any length); sign-up terms; audio player labels; a messaging-channel join link;
# live-page controls; "(Courtesy of ...)"; a related label in two languages.
@pytest.mark.parametrize("line,reason", [
    ("Article summary produced with AI, checked by our desk", "AI disclosure"),
    ("\u2728 Summarized by AI \u2014 tap to see the main points", "AI disclosure"),
    ("TL;DR (AI): Port strike ends; wages up 6%; ships moving again.", "AI disclosure"),
    ("Machine-generated summaries can contain mistakes. Please read the whole story.", "AI disclosure"),
    ("This article was translated automatically by machine. The German original is linked below.", "AI disclosure|copyright notice"),  # a machine made its text
    ("(Apart from the headline, this piece has not been edited by our staff and is published from a syndicated feed.)",
     "copyright notice"),
    ("The video player is loading...", "embedded post"),
    ("This audio clip cannot be played right now", "embedded post"),
    ("[Embedded Instagram reel from the mayor's account]", "embedded post"),
    ("Embedded post from @cityfire \u2014 click to load (third-party content)", "embedded post"),
    ("Quick poll: Should the bypass be built? \u25cb Yes \u25cb No \u2014 Vote now", "feedback widget"),
    ("(Writing by Tom Ash; editing by Kay Oda)", "credits"),
    ("Got a story? Email us at desk@riverpost.example", "contact line|site prompt"),
    ("Have a complaint about a landlord? Write to our housing desk", "contact line"),
    ("\U0001F39F Get your tickets: Coastal Food Fair 2027 \u2014 early-bird prices end Friday", "site prompt"),
    ("Value our reporting? Chip in \u2014 pay what you want, from $2 a month.", "donation ask"),
    ("The Valley Ledger is a reader-supported newsroom with no owner. Support our journalism on Steady or by bank transfer.",
     "donation ask"),
    ("Hi there! We and about 40 ad partners keep cookies on your device to measure visits and show tailored ads; "
     "you can change this at any time.", "consent banner"),
    ("Small files help us run this site. Others, for advertising, are set only if you agree. OK?", "consent banner"),
    ("By subscribing, you agree that we may process your email address to send you this briefing.", "subscribe prompt"),
    ("All rights reserved. No part of this page may be reproduced without the publisher's written permission.",
     "copyright notice"),
    ("\U0001F508 Listen now \u00b7 6:12", "audio or podcast prompt"),
    ("Listen to this story (Hindi | English)", "audio or podcast prompt"),
    ("Join the Harbour Times channel on Telegram", "share or follow prompt"),
    ("Breaking stories on your WhatsApp \u2014 join now", "share or follow prompt"),
    ("Live \u00b7 Last updated 14:20", "navigation|date line"),  # a stamp with its label
    ("Auto-refresh: off", "navigation"),
    ("(Courtesy of the Harbour Museum)", "image credit"),
    ("Leia tamb\u00e9m / Read also: Port of Santos ships record soybean volume", "link list"),
    ("Related story: Bus fares frozen for a second year", "link list"),
    ("Most Shared Articles", "link list"),
    ("Most viewed this month", "link list"),
    ("Accept & proceed", "button label|consent banner"),
    ("Reading: 6 min", "reading time"),
    ("Listen to more from Harbour Radio", "link list"),
    ("Continue with the app for faster pages", "app prompt"),
    ("Add to reading list", "page control"),
    ("\U0001F4E8 Port Notes \u2014 the week's shipping news in 4 minutes. Free.", "subscribe prompt"),
    ("Valley AM \u2014 your local headlines, every weekday", "subscribe prompt"),
    ("Spread the love!", "share buttons|share or follow prompt"),
])
def test_clean_junk_dev_sets_jk_kinds_removed(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason in reason.split("|"), removed[line]


@pytest.mark.parametrize("line", [
    "BREAKING \u26a1 Riverside bridge reopens after floods",
    "(By Ana Ruiz and Joe Tan) Enditem/ar",
])
def test_clean_junk_dev_sets_jk_bars_and_wire_credits_before_the_article(line):
    lines = [line] + PARAGRAPHS
    assert line in _removed(lines)


@pytest.mark.parametrize("line", [
    "The summary, written by AI, got the dates wrong, the paper's editor said.",
    "Researchers found that machine-generated summaries contain errors in one case in five.",
    "The letter was translated by volunteers into six languages.",
    "Police said the footage had not been edited before it reached the agency.",
    "The video player market grew by 4% last year.",
    "Poll workers said turnout was higher than in 2019.",
    "ALERT levels were raised twice in the night, the coastguard said.",
    "Have information about the crash? Police asked witnesses to call 101.",
    "Book a place through the council website by Friday, residents were told.",
    "Readers were asked to pay what they could for the concert, and most gave more.",
    "The ruling means cookies cannot be placed on a user's device without consent, the court found.",
    "Sites that place cookies for tailored adverts must ask first, regulators said in a statement on Monday.",
    "All rights to the song were reserved by the estate, which declined to comment.",
    "Listen to the mayor and you would think the budget is balanced.",
    "Residents can join a community group on WhatsApp to swap news about the repairs, she said.",
    "The live broadcast was last updated at noon, producers said.",
    "The statue, courtesy of a local donor, was unveiled on Sunday.",
    "Related charges were filed against two other men.",
    "Most read the report before the vote.",
    "Most popular this week was the harbour walk, organisers said.",
    "Reading: the town that built a library in a week.",
    "Continue in the same way and the app will fail, engineers warned.",
    "Watch more from the sidelines than the pitch, the coach advised.",
    "The station \u2014 which ran local news every morning for 40 years \u2014 closed in May.",
])
def test_clean_junk_dev_sets_jk_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


# --- headlines of other stories with no label (sets I, J, K's largest missed kind) -------------
#: in our own wordings: clauses in headlinese on subjects the article never mentions
OTHER_HEADLINES = [
    "Zambian maize exports double on regional demand",
    "Quebec dentists warn of winter staffing gaps",
    "\U0001F517 Andes rail link wins financing from regional lender",
    "Iceland Volcano Eruption Forces Evacuation Of Fishing Town",
    "Kenyan sprinter breaks indoor record in Glasgow",
    "Police hunt man who stole 'priceless' tortoise from zoo",
    "Wildfire smoke shuts schools across 40 districts",
    "Osaka: Ferry operator adds night sailings to Busan",
]


@pytest.mark.parametrize("line", OTHER_HEADLINES)
def test_clean_junk_dev_headline_of_another_story_removed(line):
    for lines in ([line] + PARAGRAPHS, _mid(line), PARAGRAPHS + [line]):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason == "headline of another story", removed[line]
        assert "topic words occur elsewhere" in removed[line].evidence


@pytest.mark.parametrize("line", [
    "Council splits over library closures",  # a subheading on the article's subject
    "Mayor defends decade of delayed maintenance",
    "Property tax rise passes after four-hour debate",
    "She voted against every budget since 2019",  # a pronoun opens it: prose
    "Neighbours raised alarm about a stranger",  # an article: prose, not headlinese
    "Fixing roads before winter storms arrive",  # a gerund opens it
    "FERRY STRIKE ENDS AFTER THREE WEEKS",  # capitals: left to the other rules
    "Zambian maize exports double on regional demand, officials said",  # a comma and a reporting verb
])
def test_clean_junk_dev_headline_traps_stay(line):
    assert line not in _removed(_mid(line))


def test_clean_junk_dev_standfirst_on_the_articles_subject_stays():
    line = "Property tax rise of 3 percent passes after four-hour debate on libraries"
    assert line not in _removed([line] + PARAGRAPHS)


def test_clean_junk_dev_other_headline_stays_where_the_article_has_subheadings():
    # the article heads its sections with lines of the same shape on its own subject: a line on
    # another subject among them is more likely one more subheading
    lines = [PARAGRAPHS[0], "Libraries face closure under spending plan", PARAGRAPHS[1],
             "Kenyan sprinter breaks indoor record in Glasgow", PARAGRAPHS[2]]
    assert "Kenyan sprinter breaks indoor record in Glasgow" not in _removed(lines)


def test_clean_junk_dev_unmarked_list_after_its_introduction_stays():
    items = ["Raise parking fees across downtown", "Sell two vacant lots near harbour",
             "Freeze hiring at city hall until spring"]
    lines = PARAGRAPHS[:2] + ["The plan's other measures:"] + items + PARAGRAPHS[2:]
    removed = _removed(lines)
    assert not any(item in removed for item in items), removed


@pytest.mark.parametrize("line", ["Review choices", "Update my choices", "Edit preferences", "Adjust settings",
                                  "Change your choices"])
def test_clean_junk_dev_consent_buttons_with_any_editing_verb(line):
    # a button of a consent banner: an editing verb and what the banner holds, nothing else
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed and removed[line].reason == "consent banner", removed.get(line)


@pytest.mark.parametrize("line", ["Update on the choices facing the council",
                                  "Parents review choices for the new school year"])
def test_clean_junk_dev_consent_button_words_in_a_subheading_stay(line):
    assert line not in _removed(_mid(line))


def test_clean_junk_dev_all_rights_reserved_notice_that_says_said():
    # "said" would mark a reporting sentence, whose cue counts a quarter; a line that opens with
    # "All rights reserved." is the site's notice whatever it says after
    line = ("All rights reserved. No part of the Tidewater Courier may be reproduced or adapted unless "
            "our editors have said so in writing.")
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed and removed[line].reason == "copyright notice", removed.get(line)
    trap = "All rights to the footage were reserved by the family, a lawyer for the estate said."
    assert trap not in _removed(_mid(trap))


# --- the page saying a machine made its text, in any wording (J/K's AI-summary and translation kinds) --
@pytest.mark.parametrize("line", [
    "This recap was drafted by a language model and checked by our desk",
    "Key points (machine-generated) \u25be",
    "Generated with AI assistance. Verify important information.",
    "This story was automatically translated from Portuguese. The original prevails.",
    "Machine translation \u2014 see the original German version",
    "Translated by software; errors may occur",
    "Highlights produced using generative AI may include inaccuracies",
    "Auto-generated transcript",
    # session 8 (j8d, set N's kinds; new wordings): which text is official, the reader's pardon asked
    "[Machine-translated] This content was rendered from Thai automatically. Apologies for any errors.",
    "\u2139 Automatic translation. The Polish version is the authoritative one.",
    "Auto-translated from Swahili; the official text is the Swahili one.",
])
def test_clean_junk_dev_machine_made_notice_removed(line):
    for lines in ([line] + PARAGRAPHS, _mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason == "AI disclosure", removed[line]


@pytest.mark.parametrize("line", [
    "The ministry's software automatically translated the forms into 12 languages.",
    "Machine translation has improved sharply since 2016.",
    "This version of the bill was drafted with help from AI, lawmakers admitted.",
    "The report was written with the help of AI and may contain errors, the auditor found.",
    "Its AI summary tool, launched in May, was withdrawn after complaints.",
    "This story was read by thousands, and a computer-generated version circulated on Telegram.",
    "Critics say machine-generated news may contain errors that nobody checks.",
    "AI-written summaries of court rulings may contain errors, judges warned on Tuesday.",
    "The app's automatically generated captions were full of mistakes during the debate.",
    "\u201cThis text was generated by AI and may contain errors,\u201d the banner read.",
    "The treaty was machine-translated into Dutch, and the official version is the English one, the court ruled.",
    "Automatic translation of court records has been banned; judges said the official text must be human-made.",
    "Machine translation tools now handle 200 languages, though the French version is the official one at the UN.",
])
def test_clean_junk_dev_machine_made_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


@pytest.mark.parametrize("line", [
    "This article has not been modified from the original agency copy.",
    "The text below was not altered by our editors; it is syndicated wire copy.",
])
def test_clean_junk_dev_long_notices_run_wherever_their_pattern_can_match(line):
    """A long notice's gate words come from the literals its matches need
    (literal_gate.required_literals), not from a hand-written list: the wire notice's list held
    "feed" only, so "agency copy" and "wire copy" were never tested (the first was kept)."""
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed and removed[line].reason == "copyright notice", removed.get(line)


def test_clean_junk_dev_long_notice_gate_words_are_whole_words_in_their_patterns():
    """A long notice's gate words come from the literals its matches need; a gate word opens the
    gate only if a match holds it as a word of its own, which holds where the pattern delimits it
    (\\b, ^, a space, a group's start or an alternative before; \\b, a space, a period, a group's end
    or an alternative after). A pattern that did not would need another gate."""
    import re

    from slant.clean import junk

    assert junk._LONG_NOTICE_WORDS == frozenset().union(*(words for _, _, words in junk._LONG_NOTICES))
    for reason, pattern, words in junk._LONG_NOTICES:
        for word in words:
            delimited = r"(?:\\b|\^|\s|\(\?:|\|)" + word + r"(?:\\b|\s|\\\.|\)|\|)"
            assert re.search(delimited, pattern.pattern, re.IGNORECASE), (reason, word)

# --- set L's structural kinds (time stamps, bylines with a role, captions' credits, bar labels) ---------
@pytest.mark.parametrize("line, reason", [
    ("Posted 7:05 a.m. PT Jan. 9, 2025 | Last updated 11:20 a.m. PT", "date line"),
    ("14.02 GMT", "date line"),
    ("Harbour Times \u00b7 45 minutes ago", "date line"),
    ("12 min ago \u2022 Feb 3, 2025, 6:30PM", "date line"),
    ("Wed 14 May 2025 09.12 BST", "date line"),
    ("Mateo Ruiz, Climate correspondent", "byline"),
    ("Nadia Kowalski Senior Business Writer", "byline"),
    ("Sunil Mehta, PTI", "byline"),
    ("Firefighters clear debris from a collapsed barn near Ludlow on Monday. (Kate Irving/Valley Post)",
     "image credit"),
    ("Satellite view of the delta. Image credit: Copernicus/ESA", "image credit"),
    ("RELATED | Ferry fares rise for the third time this year", "link list"),
    ("More Coverage", "link list"),
])
def test_clean_junk_dev_set_l_structural_kinds_removed(line, reason):
    for lines in (_mid(line), _last(line)):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason == reason, removed[line]


@pytest.mark.parametrize("line", [
    "May 2019",  # a timeline's section
    "Monday 4 March",  # a diary's day
    "The vote is on March 3 at 10am in the town hall.",
    "Apollo 11 at 50",
    "Lisa Wong, NASA",  # a name and an organisation that is no news agency
    "Mary Smith, a reporter who covered the trial, testified on Friday.",
    "Greater Sydney",
    "KYIV, March 3 \u2014",
    "Tuesday, 7:30 p.m.",  # an event's time or a live update's head
])
def test_clean_junk_dev_set_l_structural_traps_stay(line):
    assert line not in _removed(_mid(line))


def test_clean_junk_dev_headline_with_an_article_needs_a_wholly_foreign_topic():
    # an article is prose's mark: such a headline goes only when none of its topic words is in the article
    line = "Rescuers free a stranded humpback near Tasmania"
    removed = _removed(_mid(line))
    assert line in removed and removed[line].reason == "headline of another story"
    near = "Libraries win a reprieve as mayor delays closures"  # shares the article's subject
    assert near not in _removed(_mid(near))


def test_clean_junk_dev_heading_of_a_schedule_stays():
    lines = PARAGRAPHS[:2] + ["Programme for the Closing Weekend (Sunday, May 4th)", "9:00-10:00 - Registration",
                              "10:00-11:00 - Keynote"] + PARAGRAPHS[2:]
    assert "Programme for the Closing Weekend (Sunday, May 4th)" not in _removed(lines)


def test_clean_junk_dev_block_of_related_headlines_after_the_article():
    # a block of headlines after the article, one of them on its subject: the block is related links,
    # and that one line does not make the others subheadings
    block = ["Harbour cranes return to service after refit", "Libraries budget row reaches high court",
             "Regional airline adds three routes from Cork"]
    lines = PARAGRAPHS + block + ["\u00a9 2025 Tidewater Media. All rights reserved."]
    removed = _removed(lines)
    assert block[0] in removed and block[2] in removed, removed


# Set L's notice kinds (session 8, helper j8b), in wordings written here, not L's: what each kind of
# notice shares -- a banner's own phrase for what it does with cookies ("our use of cookies", "we use
# cookies"), a form's state once used or failed, a widget's state as the whole line, a label opening a
# summary box or a disclaimer, a machine translation's notice, an advert's label in any spelling, a
# native ad's crowd reacting to an unnamed "this" product, a player's state and metadata, a licensing
# desk's buttons, a citation, a series or print note, a syndication credit, a publisher's group line,
# a donation ask ending on its button, a contributor's bio with a relative clause.
@pytest.mark.parametrize("line,reason", [
    ("Cookies let us run this site and show you relevant offers. By staying here you agree to our use of cookies.",
     "consent banner"),
    ("When you browse our pages, we use cookies and similar tools to keep you signed in and to count visits.",
     "consent banner"),
    ("You're subscribed! Look out for our first email on Monday and check your spam folder if it doesn't arrive.",
     "subscribe prompt|form response"),
    ("Sorry, something went wrong with your sign-up. Please try again later.", "form response|subscribe prompt"),
    ("Oops! We hit a problem subscribing you. Refresh the page and try again.", "form response|subscribe prompt"),
    ("Your address is used only to send you this bulletin; you can unsubscribe at any time.", "subscribe prompt"),
    ("Commenting is temporarily unavailable.", "comment widget"),
    ("The comment section is open only to registered members.", "comment widget"),
    ("Dear readers, the comments are switched off while we upgrade our systems.", "comment widget"),
    ("You need to be signed in to post a comment. Sign in or register, it's free.", "comment widget"),
    ("Kommentare (14)", "comment widget"),
    ("[Disclaimer: The opinions expressed by guest contributors are their own and not those of the Coast Courier.]", "footer"),
    ("Disclosure: The Wexford Foundation funds our education coverage; it has no say over what we publish.", "footer"),
    ("Market data delayed by 20 minutes. Source: exchange feeds.", "weather or market widget"),
    ("At a glance: The harbour dredging starts in May, costs €40m and will close the east quay for six weeks.",
     "summary box"),
    ("TL;DR: Bus fares stay frozen for another year; the subsidy comes from the parking levy, officials said.",
     "summary box"),
    ("AI summary (beta): Flood defences cost more than planned; the council blames steel prices; work ends in 2028.",
     "AI disclosure"),
    ("This page was machine-translated from Portuguese; the original text is authoritative.",
     "copyright notice|AI disclosure"),
    ("In case of doubt, the Spanish original version prevails.", "copyright notice"),
    ("ADVERTISEMNT", "advertisement"),
    ("Advertisement 3", "advertisement"),
    ("Sponsored — Compare this year's best travel credit cards and earn 60,000 bonus points", "advertisement"),
    ("(Paid content)", "advertisement"),
    ("Content continues below", "advertisement"),
    ("Dentists baffled: this simple habit whitens teeth overnight", "advertisement"),
    ("Homeowners are switching to this solar gadget that cuts bills in half", "advertisement"),
    ("Loading audio…", "page control"),
    ("Runtime: 3:45", "page control"),
    ("Video duration 1:02", "page control"),
    ("Add to queue", "page control"),
    ("About 5 min read", "reading time"),
    ("Short read", "reading time"),
    ("Turn on notifications and be the first to hear about breaking news!", "app prompt"),
    ("Activez les notifications pour ne rien manquer !", "app prompt"),
    ("Request reprint permissions", "copyright notice"),
    ("Republish this article", "copyright notice"),
    ("How to cite this article: Lopez, M. (2026). Harbour dredging to start in May. The Coast Courier.",
     "copyright notice"),
    ("Partner offer: we may be paid a referral fee if you open an account.", "affiliate disclosure"),
    ("This article is one of a series, Coasts in Crisis, produced with support from the Ocean Trust.",
     "copyright notice"),
    ("Syndicated from the Northwest Wire service; not edited by our newsroom.", "copyright notice"),
    ("Get all the latest Valley sports news and live scores on the Coast Courier.", "site prompt"),
    ("Weather Alerts: 3 active", "weather or market widget"),
    ("The Coast Courier is a division of Harbour Media Group, a regional publisher.", "copyright notice"),
    ("The Coast Courier is an independent nonprofit newsroom. Every story stays free thanks to readers like you. "
     "\u2764 Contribute", "donation ask"),
    ("Tom Reyes is a freelance reporter who writes about ports and fishing from Valparaíso.", "author bio"),
    ("Text size: Small Medium Large", "page control|site prompt"),
    ("Previous article Next article", "link list"),
    ("Topics you follow appear in My Feed. Followed topics will appear in your feed.", "page control|share or follow prompt"),
    ("Join our reader forums to swap tips with other gardeners!", "share or follow prompt"),
    ("Become a Harbour Insider: ad-free reading and the crossword, from $4 a month.", "paywall prompt"),
])
def test_clean_junk_dev_set_l_notice_kinds_removed(line, reason):
    for lines in (_mid(line), _last(line), [line] + PARAGRAPHS):
        removed = _removed(lines)
        assert line in removed, (line, lines.index(line))
        assert removed[line].reason in reason.split("|"), removed[line]


@pytest.mark.parametrize("line", [
    "The council said it would use cookies only where residents agreed, after complaints from a privacy group.",
    "“We use cookies from the corner shop in every batch,” Ms Dale said.",
    "Comments are now closed on the draft plan, and councillors will vote in March.",
    "Public comments are closed until the new consultation opens.",
    "The company said sign-ups were slowed by a glitch and asked users to try again later.",
    "Something went wrong at the depot, and drivers had to try again the next morning.",
    "Disclosure of the documents was ordered by the judge on Friday.",
    "Summary judgment was granted to the insurer, the filing shows.",
    "Key points of the deal were leaked to reporters on Sunday.",
    "Doctors were stunned when the patient woke after 12 days, the hospital said.",
    "Investors are flocking to this year's bond sale, which closes on Friday.",
    "Loading bays at the port will close for repairs.",
    "Duration of the contract is five years.",
    "The app is available only in Estonia for now, the startup said.",
    "Licensing rights for the stadium's name were sold for £4m.",
    "This story is part of a wider pattern of closures across the region.",
    "The report is part of a broader investigation by the inspector general.",
    "Catch the latest bus home and you will still miss the fireworks.",
    "Road closures: 12 reported overnight as snow hit the county.",
    "Font size on the ballot papers was criticised by voters with poor eyesight.",
    "Previous posts on the forum were deleted, the moderator said.",
    "Anna Berg is a freelance writer who lost three commissions when the strike began.",
    "The band will receive a fee for the concert, which sold out in minutes.",
    "Quotes from the hearing were published in full on Tuesday.",
    "The Herald is part of a media group that also owns two radio stations, and it has cut 40 jobs this year.",
    "Supporters say the fund has no role in day-to-day decisions.",
    "Sponsors of the bill said it would pass easily.",
    "The original version of the treaty prevails in law, the court found.",
    "Readers were told the paper's print edition would end in March.",
    "Become a member of the union, he urged the striking drivers.",
    "Become a foster carer and change a child's life, the council's advert says.",
])
def test_clean_junk_dev_set_l_notice_traps_stay(line):
    for lines in (_mid(line), _last(line)):
        assert line not in _removed(lines), (line, lines.index(line))


@pytest.mark.parametrize("line", [
    "Anna Berg is a former editor of the Times, and she was fired on Monday.",
    "Omar Haddad is a senior correspondent for the network and was detained at the airport last week.",
    "Lisa Chen is a former reporter at the Herald, but she told the inquiry she had never seen the memo.",
])
def test_clean_junk_dev_news_about_a_journalist_is_no_author_bio(line):
    """A sentence that introduces a journalist by trade and goes on to report news of them is the article's."""
    hit = categorize(line)
    assert hit is None or hit.category != "author bio", hit
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "Jane Smith is a reporter for the Daily Post covering city hall.",
    "Ben Okafor is a senior editor at HomeScope and has covered home energy since 2015.",
])
def test_clean_junk_dev_author_bio_still_found(line):
    hit = categorize(line)
    assert hit is not None and hit.category == "author bio", hit
