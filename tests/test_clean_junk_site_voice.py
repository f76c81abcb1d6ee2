"""Set P's misses as structure (session 9, helper j9b): every line here is invented for the test.

* a headline that holds an initialism ("N.Z. to ...") is still one line, not two sentences;
* lines before the first paragraph or after the last one never count as the article's own subheadings;
* a row of titles split by any repeated symbol ("▸", "◆", "✦") is a row of links;
* a picture's credit as grammar: a picture noun in any language, "by" or a separator, then a name;
  a passive's agent alone in brackets ("(Contributed by ...)");
* a machine-made notice after a short label ("Editor's note: ...");
* the site speaking after the article: sentences at its end that name the site, its page or what it
  holds for its reader, or ask in the imperative with the site's or the reader's word, on another
  subject than the paragraphs before them, with the site's widgets after them.
"""

from __future__ import annotations

import pytest

from slant.clean.junk import SITE_VOICE, classify_lines, junk_score
from tests.test_clean_junk_heldout import PARAGRAPHS
from tests.test_clean_junk_heldout import _clean as _removed

#: the site's own block after an article, each line junk by its own cue
_WIDGETS = ["Share this article", "© 2026 Riverside Media Ltd. All rights reserved.", "Privacy | Terms | Contact"]


def _mid(line: str) -> list[str]:
    return PARAGRAPHS[:2] + [line] + PARAGRAPHS[2:]


def _after(*lines: str) -> list[str]:
    return PARAGRAPHS + list(lines) + _WIDGETS


@pytest.mark.parametrize("line", [
    "N.Z. to review ferry safety rules after storm",
    "U.S. envoy arrives in Nairobi for drought talks",
])
def test_clean_junk_headline_with_an_initialism_is_one_headline(line):
    lines = PARAGRAPHS + ["More from the region", "Harbour dredging contract goes to local firm", line] + _WIDGETS
    assert line in _removed(lines)


def test_clean_junk_subject_line_after_the_article_is_not_an_own_subheading():
    # "Listen live to Council Radio" shares the article's subject ("council") but stands after the article:
    # it does not make the other stories' headlines between the paragraphs read as subheadings
    lines = (PARAGRAPHS[:2] + ["Related Posts", "Glassblowers reopen harbour workshop after flood repairs",
                               "Youth choir wins national folk prize"] + PARAGRAPHS[2:]
             + ["📻 Listen live to Council Radio 101.3"] + _WIDGETS)
    removed = _removed(lines)
    assert "Glassblowers reopen harbour workshop after flood repairs" in removed
    assert "Youth choir wins national folk prize" in removed


@pytest.mark.parametrize("line", [
    "LATEST ◆ Port strike ends ◆ Rail fares frozen for 2027 ◆ Mayor opens night market",
    "TOP STORIES ✦ Flood barrier delayed ✦ New ferry route ✦ Schools close early",
])
def test_clean_junk_row_split_by_a_repeated_symbol_is_navigation(line):
    assert junk_score(line)[1] == "navigation"
    assert line in _removed(_mid(line))


def test_clean_junk_symbol_inside_prose_is_not_a_row():
    line = "The tenants ♦ who asked not to be named ♦ said the heating had failed twice this winter."
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "Pix by Ana Lima",
    "Foto: Marta Ruiz",
    "Photo by: Harbour Times",
    "— Filepic",
    "(Contributed by the county fire brigade)",
    "(Supplied by the Okafor family)",
])
def test_clean_junk_picture_credit_grammar_removed_between_paragraphs(line):
    assert junk_score(line)[1] == "image credit"
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "Photo finish for the council budget vote",
    "Picture this: a town square with no cars at all.",
])
def test_clean_junk_picture_words_in_content_kept(line):
    assert junk_score(line)[1] != "image credit"
    assert line not in _removed(_mid(line))


def test_clean_junk_list_intro_before_a_chart_credit_stays_the_article_end():
    # a line introducing what follows, right after the last paragraph, before a picture's credit (the chart it
    # introduces) is the article's, as before a line with no cue
    intro = "Monthly rainfall (millimetres):"
    lines = PARAGRAPHS + [intro, "Graphic by: Harbour Times data desk"] + _WIDGETS
    assert intro not in _removed(lines)


def test_clean_junk_machine_translation_notice_after_a_label():
    line = "Editor's note: This story was machine-translated from Korean and may contain errors."
    assert junk_score(line)[1] == "AI disclosure"


@pytest.mark.parametrize("line", [
    "This story was produced by the Coastal News Collective, a partnership of regional titles.",
    "Comments reflect the views of our readers and are checked against our community guidelines before they appear.",
    "Join our volunteer reading group every Thursday at 5pm in the Mill Lane hall, all ages welcome.",
    "Send your stories and pictures to the newsdesk by email, whatever the subject.",
])
def test_clean_junk_site_voice_after_the_article_removed(line):
    lines = _after(line)
    verdicts = classify_lines(lines, title="Council Approves Budget")
    verdict = verdicts[lines.index(line)]
    assert verdict.junk and verdict.reason in (SITE_VOICE, "site prompt"), verdict
    assert line in _removed(lines)


@pytest.mark.parametrize("line", [
    # the article's advice to its readers, a review's "we", a correction note, imperatives of news prose
    "Take cover now if you live near the river, emergency crews have warned.",
    "Please keep your pets indoors until the fireworks are over on Saturday.",
    "Budget aside, the new library is a genuine success, we think.",
    "Correction: An earlier version of this article gave the wrong date for the vote.",
    "Follow the money and the trail leads to an offshore account in Malta.",
    "Read the full audit and you will see how little was done about the roof.",
    # on the article's subject, though it names "our readers"
    "Many of our readers wrote to the council about the library closures and the tax rise.",
])
def test_clean_junk_site_voice_traps_kept_as_last_paragraph(line):
    assert line not in _removed(_after(line))


def test_clean_junk_site_voice_needs_the_sites_block_after_it():
    line = "This story was produced by the Coastal News Collective, a partnership of regional titles."
    assert line not in _removed(PARAGRAPHS + [line])  # nothing of the site after it: it may be the article's end


def test_clean_junk_site_voice_peels_back_to_the_article_end():
    # two notices after the article, a short widget between them: both go, the last paragraph stays
    first = "This story was produced by the Coastal News Collective, a partnership of regional titles."
    second = "Join our volunteer reading group every Thursday at 5pm in the Mill Lane hall, all ages welcome."
    lines = PARAGRAPHS + [first, "Share on Facebook", second] + _WIDGETS
    removed = _removed(lines)
    assert first in removed and second in removed
    assert PARAGRAPHS[-1] not in removed


def test_clean_junk_site_voice_apostrophe_is_not_a_quotation():
    line = "Join our volunteers' reading group every Thursday at 5pm in the Mill Lane hall, all welcome!"
    assert line in _removed(_after(line))


def test_clean_junk_site_voice_not_a_sentence_given_to_someone():
    line = "Tell us how we are doing, the sign above the ticket office reads."
    assert line not in _removed(_after(line))


# --- photo captions beside their credit

@pytest.mark.parametrize("credit, caption", [
    ("Photo: Harbour Times/Lena Okoro", "Volunteers stack sandbags along the quay wall near the ferry terminal."),
    ("PHOTO | DANIEL MWANGI | RVS", "A beekeeper checks hives on a hillside farm outside Molo."),
    ("— Picture by TEVITA LATU", "Traders running stalls by torchlight during the evening market."),
])
def test_clean_junk_caption_beside_its_credit_removed(credit, caption):
    for lines in (PARAGRAPHS[:2] + [credit, caption] + PARAGRAPHS[2:],
                  PARAGRAPHS[:2] + [caption, credit] + PARAGRAPHS[2:],
                  [credit, caption] + PARAGRAPHS + _WIDGETS):
        assert caption in _removed(lines), lines


@pytest.mark.parametrize("line", [
    # news beside a photo: past tense, auxiliaries, a speaker, a subheading, Title Case, too long, a question
    "The council voted to close the library on Monday.",
    "Residents have complained about the smell for months.",
    "Water the real constraint",
    "Mayor Responds To Critics Of The Budget.",
    "The new line runs from the harbour to the airport and carries trains every eight minutes at the busiest hours.",
    "Will the plan work?",
])
def test_clean_junk_news_beside_a_credit_kept(line):
    lines = PARAGRAPHS[:2] + ["Photo: Harbour Times/Lena Okoro", line] + PARAGRAPHS[2:]
    assert line not in _removed(lines)


def test_clean_junk_short_last_paragraph_beside_a_credit_kept():
    line = "More than 200 homes remain without power."
    assert line not in _removed(PARAGRAPHS + ["Photo: Harbour Times/Lena Okoro", line, "Share this article"])


def test_clean_junk_caption_with_a_pictured_label():
    line = "The new crew launches the lifeboat at dawn. Pictured from left: Tama, Rhys and Ina."
    assert junk_score(line)[1] == "photo caption"
    assert line in _removed(_mid(line))


# --- session 10: the site asked for by its name, icon-led buttons, closable boxes, the comment form

#: the site's block naming the site twice (a copyright line and a follow prompt): "Harbourline" is its name
_NAMED_WIDGETS = ["Follow the Harbourline Courier on Bluesky", "© 2026 Harbourline Courier Media Ltd. All rights reserved.",
                  "Privacy | Terms | Contact"]


def test_clean_junk_site_asked_for_by_name_after_the_article():
    line = "Receive the Harbourline Courier at home: delivery from $4 a week."
    assert line in _removed(PARAGRAPHS + [line] + _NAMED_WIDGETS)


def test_clean_junk_site_name_in_news_is_not_the_site_asking():
    # the site's name in a reporting sentence, and a sentence that names the site once in a newsletter's title
    for line in ("The Harbourline Courier could not independently verify the council's figures.",
                 "Read the council's budget papers and you will see how little was set aside."):
        assert line not in _removed(PARAGRAPHS + [line] + _NAMED_WIDGETS), line


def test_clean_junk_site_edition_as_a_product_after_the_article():
    line = "Now you can read the Courier ePaper on any device, the same edition as the printed paper."
    assert line in _removed(_after(line))


@pytest.mark.parametrize("line", ["🛒 Shop the look at our partner store", "📖 Read the full archive of columns",
                                  "🎟️ Book seats for the spring lecture series"])
def test_clean_junk_icon_and_an_imperative_is_a_button(line):
    assert line in _removed(_mid(line))
    assert line in _removed(_after(line))


@pytest.mark.parametrize("line", [
    "✅ Book early: fares rise sharply in the last fortnight.",  # a tick marks an article's own advice
    "🌧️ Heavy rain is expected across the region on Friday.",  # an icon before a sentence, no imperative
])
def test_clean_junk_icon_before_prose_or_a_tick_list_kept(line):
    assert line not in _removed(_mid(line))


def test_clean_junk_box_with_a_close_button():
    line = "Video starts in 3s ✕"
    assert line in _removed(_mid(line))
    assert "The score finished 3 × 4" not in _removed(_mid("The score finished 3 × 4"))


def test_clean_junk_comment_form_logged_in_line():
    line = "Logged in as Reader42. Log out?"
    assert line in _removed(PARAGRAPHS + ["Leave a Reply", line])


# --- session 10: the article's end told by the page's structure

def test_clean_junk_related_headlines_with_a_question_after_a_donation_ask():
    ask = "We have covered the council since 1998. We need your help to keep going. Join our members today."
    heads = ["Harbour board names new chair after long search", "Library closures: what the vote means for readers",
             "Explainer: Who pays for the new ferry terminal?"]
    lines = PARAGRAPHS + [ask, "Support us"] + heads + _WIDGETS
    removed = _removed(lines)
    assert all(head in removed for head in heads), removed
    assert ask in removed
    assert PARAGRAPHS[-1] not in removed


def test_clean_junk_question_as_the_last_paragraph_kept():
    line = "Will the libraries reopen next year?"
    assert line not in _removed(PARAGRAPHS + [line] + _WIDGETS)


def test_clean_junk_lines_after_the_copyright_notice_do_not_hold_the_article_end():
    # a column's promo for its writer's books after the syndicate's copyright, broken over lines by the page's links
    tail = ["Her books", "and", "are available from HarbourPress.com. Ana Ruiz is the author of", "Her latest book, out in May, is"]
    lines = PARAGRAPHS + ["COPYRIGHT 2026 HARBOUR SYNDICATE"] + tail
    removed = _removed(lines)
    assert all(line in removed for line in tail), removed
    assert PARAGRAPHS[-1] not in removed
    # a sentence after the notice is a paragraph: the notice stood between the article's paragraphs
    lines = PARAGRAPHS[:2] + ["COPYRIGHT 2026 HARBOUR SYNDICATE"] + PARAGRAPHS[2:]
    assert PARAGRAPHS[-1] not in _removed(lines)


def test_clean_junk_long_contributed_credit_and_views_disclaimer():
    credit = "Riverside Ledger writers Ana Ruiz in Portsmouth and Tom Hale in Dover contributed to this report."
    views = ("The views expressed in the comments below are those of our readers and do not necessarily reflect "
             "the views of the Riverside Ledger.")
    for line in (credit, views):
        assert line in _removed(PARAGRAPHS + [line] + _WIDGETS), line


# --- session 10: captions that name their picture, captions' verbs, the site's notices at its foot

@pytest.mark.parametrize("line", ["Satellite image showing flooded fields north of the harbour on Monday.",
                                  "Drone photo of the new ferry terminal under construction at Mill Quay."])
def test_clean_junk_caption_naming_its_picture(line):
    assert junk_score(line)[1] == "image caption"
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "A photo of the councillor at the party was shared widely on Monday.",  # a finite verb: news about a photo
    "An airplane carrying the delegation landed in Portsmouth on Sunday afternoon.",  # the act is not its verb
])
def test_clean_junk_news_about_a_picture_or_with_a_past_verb_kept(line):
    assert junk_score(line)[1] != "image caption"
    assert line not in _removed(_mid(line))


def test_clean_junk_caption_in_the_present_between_paragraphs():
    line = "Volunteers carry sandbags along the quay during the evening high tide."
    assert line in _removed(_mid(line))


@pytest.mark.parametrize("line", [
    "We acknowledge the Traditional Owners of the lands where we live and work, and pay respect to Elders past and present.",
    "The Harbour Courier is funded in part by a regional journalism grant. Its journalism is supported by readers."])
def test_clean_junk_site_notices_at_its_foot(line):
    assert line in _removed(_after(line))


def test_clean_junk_acknowledgement_in_a_quotation_kept():
    line = "“We acknowledge the Traditional Owners of this land,” the mayor said as the ceremony began."
    assert line not in _removed(_mid(line))


@pytest.mark.parametrize("line", ["Premium", "🔒 PREMIUM", "Premium content"])
def test_clean_junk_access_badge_between_paragraphs(line):
    assert line in _removed(_mid(line))
