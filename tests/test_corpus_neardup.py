"""Near-duplicates: generated rewrites are found, unrelated same-topic stories are not."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from slant.corpus.neardup import (CorpusSettings, Link, NearDupIndex, Signature, SignatureError, cluster,
                                  earliest, make_signature, normalise_text)
from slant.corpus.rewrites import REWRITE_KINDS, ArticleGenerator, evaluate_near_duplicates, generate_corpus
from slant.errors import SettingsError

#: the issue's target for precision and recall on generated rewrites
MIN_SCORE = 0.95


@pytest.fixture(scope="module")
def corpus():
    # seed 101 is not one of the seeds the thresholds were chosen on (7, 11): a held-out check
    return generate_corpus(250, seed=101)


def test_neardup_precision_recall_on_generated_rewrites(corpus):
    scores = evaluate_near_duplicates(corpus)
    kinds = {a.kind for a in corpus}
    assert set(REWRITE_KINDS) <= kinds and "negative" in kinds  # every rewrite kind and hard negatives
    print(f"\nnear-duplicates on {len(corpus)} generated articles: precision {scores.precision:.4f} "
          f"recall {scores.recall:.4f} link precision {scores.link_precision:.4f} "
          f"({scores.true_pairs} same-story pairs, {scores.links} links); rewrites joined by kind: "
          f"{scores.recall_by_kind}")
    assert scores.true_pairs > 300
    assert scores.precision >= MIN_SCORE
    assert scores.recall >= MIN_SCORE
    assert scores.link_precision >= MIN_SCORE
    assert all(recall >= MIN_SCORE for recall in scores.recall_by_kind.values()), scores.recall_by_kind


def test_neardup_each_rewrite_kind_links_to_its_source():
    gen = ArticleGenerator(seed=5)
    for _ in range(6):
        original, cast = gen.story()
        index = NearDupIndex()
        assert index.add(original.id, original.text) == []
        for kind in REWRITE_KINDS:
            rewrite = gen.rewrite(original, cast, kind)
            links = index.query(rewrite.text, doc_id=rewrite.id)
            assert [l.other_id for l in links] == [original.id], (kind, links)


def test_neardup_same_topic_stories_sharing_a_protagonist_are_not_linked():
    gen = ArticleGenerator(seed=9)
    index = NearDupIndex()
    for _ in range(40):
        original, cast = gen.story()
        negative, _ = gen.story(like=cast)
        assert negative.topic == original.topic and negative.speakers[0] == original.speakers[0]
        index.add(original.id, original.text)
        assert index.add(negative.id, negative.text) == []


def test_neardup_link_kinds():
    gen = ArticleGenerator(seed=3)
    original, cast = gen.story()
    while len(original.paragraphs) < 10:
        original, cast = gen.story()
    index = NearDupIndex()
    index.add("a", original.text)
    copy = index.query(gen.rewrite(original, cast, "copy").text, doc_id="b")
    assert copy[0].kind == "copy" and copy[0].jaccard >= 0.85
    half = replace(original, paragraphs=original.paragraphs[: len(original.paragraphs) // 2])
    trimmed = index.query(half.text, doc_id="c")
    assert trimmed[0].kind == "contained" and trimmed[0].contained_id == "c"
    assert trimmed[0].containment >= 0.9 > trimmed[0].jaccard


def test_neardup_normalise_text_strips_case_punctuation_and_space():
    assert normalise_text("  \u201cHello,\u201d  she SAID\u2014loudly!\n\nYes. ") == "hello she said loudly yes"


def test_neardup_typography_does_not_change_the_signature():
    a = make_signature("The mayor said: \u201cWe will rebuild the bridge by May,\u201d on Tuesday evening.")
    b = make_signature('the MAYOR said "we will   rebuild the bridge by may" on tuesday evening')
    assert a.jaccard(b) == 1.0 and a.size == b.size


def test_neardup_signature_bytes_round_trip_and_rebuild():
    articles = generate_corpus(30, seed=4)
    index = NearDupIndex()
    stored = []
    for a in articles:
        index.add(a.id, a.text)
        data = index.signature(a.id).to_bytes()
        assert len(data) == 16 + 4 * index.settings.num_perm
        stored.append((a.id, data))
    rebuilt = NearDupIndex.from_signatures(stored)
    probe = articles[0]
    assert rebuilt.query(probe.text, doc_id="q") == index.query(probe.text, doc_id="q")
    assert Signature.from_bytes(stored[0][1]).size == index.signature(articles[0].id).size


def test_neardup_signature_from_other_settings_is_refused():
    data = make_signature("one two three four five six seven eight", CorpusSettings(num_perm=64,
                                                                                   lsh_bands=32)).to_bytes()
    with pytest.raises(SignatureError) as err:
        NearDupIndex().add_signature("x", data)
    assert err.value.code == "E870" and "num_perm=64" in str(err.value)
    with pytest.raises(SignatureError):
        Signature.from_bytes(b"not a signature at all")


def test_neardup_re_adding_a_document_does_not_link_it_to_itself():
    text = generate_corpus(1, seed=2, rewrites=(0, 0), negatives_per_story=0)[0].text
    index = NearDupIndex()
    assert index.add("x", text) == []
    assert index.add("x", text) == [] and len(index) == 1


def test_neardup_short_texts_are_kept_but_not_linked():
    index = NearDupIndex()
    assert index.add("a", "Read more") == []
    assert index.add("b", "Read more") == []
    assert "a" in index and "b" in index


def test_neardup_datasketch_backend_gives_the_same_links(corpus):
    sample = corpus[:300]
    compact, datasketch = NearDupIndex(), NearDupIndex(CorpusSettings(lsh_backend="datasketch"))
    for a in sample:
        assert compact.add(a.id, a.text) == datasketch.add(a.id, a.text)


@pytest.mark.parametrize("bad", [dict(lsh_bands=100, lsh_rows=2), dict(jaccard_threshold=0.0),
                                 dict(lsh_backend="redis"), dict(shingle_size=0)])
def test_neardup_settings_contradictions_are_errors(bad):
    with pytest.raises(SettingsError):
        CorpusSettings(**bad)


def test_neardup_cluster_ids_are_the_smallest_member_and_order_free():
    links = [Link("d", "b", 0.5, 0.6, "rewrite"), ("c", "d"), ("x", "y")]
    expected = {"b": "b", "c": "b", "d": "b", "x": "x", "y": "x", "z": "z"}
    assert cluster(links, ["z"]) == expected
    shuffled = list(reversed(links))
    assert cluster(shuffled, ["z"]) == expected


def test_neardup_cluster_earliest_publication(corpus):
    index = NearDupIndex()
    links = []
    for a in corpus:
        links.extend(index.add(a.id, a.text))
    clusters = cluster(links, (a.id for a in corpus))
    by_id = {a.id: a for a in corpus}
    members: dict[str, list] = {}
    for doc_id, cluster_id in clusters.items():
        members.setdefault(cluster_id, []).append((doc_id, by_id[doc_id].published))
    checked = 0
    for cluster_id, group in members.items():
        if len(group) < 2:
            continue
        first = earliest(group)
        dated = [g for g in group if g[1]]
        assert by_id[first].published == min(d for _, d in dated)
        stories = {by_id[doc_id].story_id for doc_id, _ in group}
        if len(stories) == 1:  # rewrites are dated on or after their original; ids "a..." < "r..."
            assert first == stories.pop()
            checked += 1
    assert checked > 100


def test_neardup_earliest_unknown_dates_last_and_ties_by_id():
    assert earliest([("b", "2026-03-02"), ("a", None), ("c", "2026-03-01")]) == "c"
    assert earliest([("b", "2026-03-01"), ("a", "2026-03-01")]) == "a"
    assert earliest([("b", None), ("a", "")]) == "a"
    assert earliest([("z", None), ("y", "2026-12-31T23:00:00")]) == "y"
    with pytest.raises(ValueError):
        earliest([])


def test_neardup_generator_is_deterministic():
    a = generate_corpus(20, seed=42)
    b = generate_corpus(20, seed=42)
    assert [x.text for x in a] == [x.text for x in b]
    assert [x.text for x in a] != [x.text for x in generate_corpus(20, seed=43)]


def test_neardup_lookup_order_does_not_matter(corpus):
    order = list(corpus[:400])
    random.Random(1).shuffle(order)
    forward = evaluate_near_duplicates(corpus[:400])
    shuffled = evaluate_near_duplicates(order)
    assert abs(forward.recall - shuffled.recall) < 0.02 and shuffled.precision >= MIN_SCORE


class _FakeStore:
    """The two queries load_store runs, over in-memory rows (the real store is part A's)."""

    def __init__(self):
        self.signatures: dict[str, tuple[bytes, int, int]] = {}
        self.texts: dict[str, str] = {}

    def put_signature(self, doc_id, signature, *, num_perm, seed):
        self.signatures[doc_id] = (signature, num_perm, seed)

    def iter_query(self, sql):
        if "FROM minhashes" in sql:
            return iter([{"doc_id": d, "signature": s[0]} for d, s in self.signatures.items()])
        return iter([{"doc_id": d, "text": t} for d, t in self.texts.items()])


def test_neardup_store_adapters_rebuild_without_text_and_recompute_stale():
    articles = generate_corpus(20, seed=12)
    store = _FakeStore()
    index = NearDupIndex()
    for a in articles:
        index.add(a.id, a.text)
        index.save_signature(store, a.id)
        store.texts[a.id] = a.text
    # one signature from other settings, one missing: both come back from the text
    store.signatures[articles[0].id] = (make_signature(articles[0].text, CorpusSettings(num_perm=64, lsh_bands=32)
                                                       ).to_bytes(), 64, 1)
    del store.signatures[articles[1].id]
    rebuilt = NearDupIndex()
    assert rebuilt.load_store(store) == len(articles)
    for a in articles[:3]:
        assert rebuilt.signature(a.id).to_bytes() == index.signature(a.id).to_bytes()
    probe = articles[5]
    assert rebuilt.query(probe.text) == index.query(probe.text)
