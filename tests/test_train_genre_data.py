"""The genre corpora: surface normalisation (what a head must not read), satire sites, held-out groups."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from slant.train.genre_data import clean_surface, satire_site

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.parametrize("title, paragraphs, expected", [
    # Reuters copy in CoNLL: a bare byline, a dateline line, a full stop after the headline
    ("EU rejects call to boycott lamb.", ["Peter Blackburn", "BRUSSELS 1996-08-22", "The Commission said no."],
     "EU rejects call to boycott lamb\n\nThe Commission said no."),
    ("Vote", ["WASHINGTON (Reuters) - The Senate voted on Tuesday.", "(Reporting by Jane Doe; Editing by Tom Brown)"],
     "Vote\n\nThe Senate voted on Tuesday."),
    ("Obama", ["Philadelphia (AFP) – US President Barack Obama spoke."], "Obama\n\nUS President Barack Obama spoke."),
    ("Chelsea", ["NEW YORK, Dec. 22 (UPI) — Chelsea Clinton announced it."], "Chelsea\n\nChelsea Clinton announced it."),
    ("Ted", ["http://www.satirenews.net/ted-cruz/", "CONCORD, NH—Following a strong finish", "By John Smith"],
     "Ted\n\nFollowing a strong finish"),
    ("Fleet", ["ABSTRACT.", "A look at the planes.", "FULL TEXT.", "CORRECTION APPENDED.", "Of all the things"],
     "Fleet\n\nA look at the planes.\nOf all the things"),
    ("Spacing", ["Two  spaces\tand a tab ."], "Spacing\n\nTwo spaces and a tab ."),
])
def test_clean_surface_drops_source_markers(title, paragraphs, expected):
    assert clean_surface(title, paragraphs) == expected


def test_clean_surface_keeps_dashes_that_are_not_datelines():
    text = clean_surface("T", ["The U.S. - and NATO - agree.", "I — like many — think so.", "Mr. Smith (AP) said"])
    assert text.split("\n")[2:4] == ["The U.S. - and NATO - agree.", "I — like many — think so."]
    assert text.endswith("Mr. Smith said")  # a wire credit goes anywhere, the words stay
    # a dateline is only taken from the first paragraph
    assert clean_surface("T", ["First.", "LONDON - second."]).endswith("LONDON - second.")


def test_satire_site_from_url_line():
    assert satire_site("http://www.theonion.com/article/x-123") == "theonion.com"
    assert satire_site("https://babylonbee.com/news/y") == "babylonbee.com"
    assert satire_site("The president said") is None


def test_groups_hold_out_satire_sites_and_keep_every_genre_in_training():
    pytest.importorskip("torch")
    from slant.train.genre import groups_of

    sources = np.array(["semeval"] * 20 + ["golbeck"] * 12 + ["webis-a"] * 5 + ["polnear-nyt"] * 5 + ["conll"] * 5)
    sites = np.array(["semeval"] * 20 + ["a.com"] * 4 + ["b.com"] * 3 + ["c.com"] * 2 + ["d.com", "e.com", "f.com"]
                     + ["a"] * 5 + ["nyt"] * 5 + ["reuters"] * 5)
    y = np.array([1, 0] * 10 + [2] * 12 + [1] * 5 + [0] * 10)
    g = groups_of(sources, sites)
    sat = g[20:32]
    # one site never spans two groups, and the sites are spread over the satire groups
    for s in set(sites[20:32]):
        assert len(set(sat[sites[20:32] == s])) == 1
    assert len(set(sat)) == 5
    assert len({x for x in g[:20]}) == 5 and set(g[32:37]) == {"webis-a"} and set(g[42:]) == {"conll"}
    for name in set(g):
        assert set(y[g != name]) == {0, 1, 2}


@pytest.mark.skipif(not (DATA / "genre" / "golbeck2018-satire").is_dir(), reason=f"no genre data in {DATA}")
def test_golbeck_sites_recovered_and_no_corpus_markers_left():
    from slant.train.genre_data import load_all

    texts = load_all(DATA)
    sat = [t for t in texts if t.source == "golbeck"]
    sites = {t.site for t in sat}
    assert len(sat) == 203 and len(sites) >= 40 and sum(t.site == "unknown" for t in sat) <= 10
    assert "theonion.com" in sites
    for t in texts:
        assert "http" not in t.text and "(Reuters)" not in t.text and "  " not in t.text, t.id
        title, blank = t.text.split("\n")[:2]
        assert blank == "" and not re.search(r"\w\.$", title), t.id
    conll = [t for t in texts if t.source == "conll"]
    assert conll and not any(t.text.split("\n")[2][:1].isdigit() for t in conll)  # no "1996-08-22" dateline left
