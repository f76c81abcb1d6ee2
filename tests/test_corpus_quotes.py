"""Travelling quotes: one quote followed across outlets despite small wording changes."""

from __future__ import annotations

import random
import time

import pytest

from slant.corpus.quotes import QuoteRecord, candidate_pairs, normalise_quote, track_quotes
from slant.corpus.rewrites import TOPICS


def _q(doc_id, outlet, published, speaker, text, relay=""):
    return QuoteRecord(doc_id, outlet, published, speaker, text, relay)


def test_quotes_tracked_across_two_outlets_with_slight_wording_changes():
    records = [
        _q("ledger-17", "Daily Ledger", "2026-03-04", "Anna Novak",
           "\u201cWe will not accept a result built on fraud, and we will challenge it in every court.\u201d"),
        _q("courier-03", "Morning Courier", "2026-03-05", "Novak",
           '"We won\'t accept a result built on fraud and we will challenge it in every court"',
           relay="told Wire Press"),
        _q("courier-03", "Morning Courier", "2026-03-05", "Marek Petrov",
           "The count was fair and the result stands."),
        _q("ledger-18", "Daily Ledger", "2026-03-06", "Petrov", "the count was fair, and the results stand"),
        _q("post-1", "The Northam Post", None, "Anna Novak",
           "we will not accept a result built on fraud"),  # a shortened relay, date unknown
    ]
    groups = track_quotes(records)
    assert len(groups) == 2
    fraud, fair = groups
    assert fraud.first.doc_id == "ledger-17" and fraud.first.outlet == "Daily Ledger"
    assert fraud.first.published == "2026-03-04"
    assert fraud.speaker == "Anna Novak"
    assert fraud.outlets == ["Daily Ledger", "Morning Courier", "The Northam Post"]
    assert fraud.relayed_by == ["Morning Courier", "The Northam Post"]
    assert fraud.relays == ["told Wire Press"]
    assert [m.doc_id for m in fraud.members] == ["ledger-17", "courier-03", "post-1"]  # unknown date last
    assert fair.first.doc_id == "courier-03" and fair.relayed_by == ["Daily Ledger"]
    assert fair.to_dict()["first_outlet"] == "Morning Courier"


def test_quotes_different_quotes_on_the_same_topic_stay_apart():
    quotes = TOPICS["elections"]["quotes"]
    records = [_q(f"d{i}", f"outlet{i % 3}", f"2026-01-{i + 1:02d}", "Someone", text)
               for i, text in enumerate(quotes)]
    groups = track_quotes(records)
    assert len(groups) == len(quotes)


def test_quotes_accept_plain_dicts_and_min_documents():
    records = [
        {"doc_id": "a", "outlet": "X", "published": "2026-01-01", "speaker": "Lena Brandt",
         "content": "Our priority is to get everyone to safety tonight"},
        {"doc_id": "b", "outlet": "Y", "published": "2026-01-02", "speaker": "Lena Brandt",
         "text": "Our priority is getting everyone to safety tonight."},
        {"doc_id": "c", "outlet": "Z", "published": "2026-01-02", "speaker": "Hugo Varga",
         "text": "Nobody told us the barrier was failing."},
    ]
    groups = track_quotes(records, min_documents=2)
    assert len(groups) == 1 and groups[0].outlets == ["X", "Y"]
    assert len(track_quotes(records)) == 2


def test_quotes_normalise_marks_case_and_space():
    assert normalise_quote("\u201cIt\u2019s  OVER\u2014for now\u2026\u201d") == "its over for now"
    assert normalise_quote('"It\'s over - for now..."') == "its over for now"


def test_quotes_short_fragments_do_not_glue_quotes_together():
    records = [_q("a", "X", "2026-01-01", "A", "We will win"),
               _q("b", "Y", "2026-01-02", "B", "We will win the vote in the north and then in the south"),
               _q("c", "Z", "2026-01-03", "C", "The vote in the north was lost because the south stayed home")]
    groups = track_quotes(records)
    assert len(groups) == 3


@pytest.mark.slow
def test_quotes_blocking_keeps_comparisons_far_below_all_pairs():
    rng = random.Random(0)
    words = [f"w{i}" for i in range(3000)] + ["the", "and", "we", "will", "not"]
    texts = []
    for _ in range(4000):
        texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 20))))
    t0 = time.perf_counter()
    pairs = candidate_pairs([normalise_quote(t) for t in texts])
    all_pairs = len(texts) * (len(texts) - 1) // 2
    assert len(pairs) < all_pairs / 50
    records = [_q(f"d{i}", "X", None, "S", t) for i, t in enumerate(texts)]
    records.append(_q("copy", "Y", None, "S", texts[7].upper()))
    groups = track_quotes(records)
    assert any(len(g.members) == 2 and {m.doc_id for m in g.members} == {"d7", "copy"} for g in groups)
    assert time.perf_counter() - t0 < 30


def test_quotes_first_carrier_of_a_same_day_quote_is_decided_by_the_time():
    said = "We will not accept any deal that leaves our farmers worse off than before"
    records = [
        {"doc_id": "a", "outlet": "Late Times", "published": "2022-02-08", "published_utc": "2022-02-08T18:00:00Z",
         "speaker": "Jane Roe", "text": said},
        {"doc_id": "b", "outlet": "Early Post", "published": "2022-02-08", "published_utc": "2022-02-08T07:15:00Z",
         "speaker": "Jane Roe", "text": said},
        {"doc_id": "c", "outlet": "Day Only", "published": "2022-02-08", "speaker": "Jane Roe", "text": said},
    ]
    group = track_quotes(records)[0]
    assert [m.doc_id for m in group.members] == ["b", "a", "c"]
    assert group.to_dict()["first_outlet"] == "Early Post"
