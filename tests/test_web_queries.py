"""The explorer's read queries: first publication by time of day, undated counts."""

from __future__ import annotations

from slant.document import Document, Metadata
from slant.store import open_store
from slant.web import queries


def _doc(doc_id: str, outlet: str, published: str | None, at: str | None) -> Document:
    return Document(f"Story text as carried by {outlet}.", id=doc_id,
                    meta=Metadata(outlet=outlet, published=published, published_at=at, title=f"T {doc_id}"))


def test_web_queries_cluster_first_is_decided_by_time_not_day(tmp_path):
    with open_store(tmp_path / "w.db") as store:
        with store.session() as s:
            # ingested latest-first; all on the same printed day
            s.put(_doc("late", "A", "2022-02-08", "2022-02-08T18:00:00+00:00"))
            s.put(_doc("early", "B", "2022-02-08", "2022-02-08T09:30:00-05:00"))  # 14:30 UTC
            s.put(_doc("dayonly", "C", "2022-02-08", None))
            s.put(_doc("undated", "D", None, None))
            s.join_cluster("late", ["early", "dayonly", "undated"])
        detail = queries.cluster_detail(store.conn, "dayonly")
        order = [m["doc_id"] for m in detail["articles"]]
        assert order == ["early", "late", "dayonly", "undated"]
        assert [m["is_first"] for m in detail["articles"]] == [True, False, False, False]
        assert detail["first_published_at"] == "2022-02-08T09:30:00-05:00"
        assert detail["first_uncertain"] is True  # a same-day copy has no time
        assert detail["undated"] == 1
        items, _ = queries.list_clusters(store.conn)
        assert items[0]["title"] == "T early"
        assert queries.count_undated(store.conn, queries.ArticleFilters()) == 1
        assert queries.count_undated(store.conn, queries.ArticleFilters(outlet="A")) == 0
        assert queries.summary(store.conn)["undated"] == 1


def test_web_queries_speaker_filter_finds_a_store_keyed_before_accents_were_folded(tmp_path):
    """A store linked before speaker keys folded accents holds 'viktor orbán'; the filter looked for
    'viktor orban' only, so 'Viktor Orbán' found 0 of its 2 articles (2 before the fold)."""
    from slant.corpus.speakers import link_speakers
    from slant.document import Span

    with open_store(tmp_path / "old.db") as store:
        for doc_id in ("a", "b"):
            who = "Viktor Orbán"
            text = f'{who} said "the border will stay closed for now" on Monday, in article {doc_id}.'
            doc = Document(text, id=doc_id, meta=Metadata(outlet="Herald"))
            speaker = {"text": who, "start": 0, "end": len(who), "entity": "per:x", "canonical": who}
            doc.add_layer("quotes", [Span(text.index('"') + 1, text.index('" on'), "direct",
                                          attrs={"speaker": speaker})])
            store.put(doc)
        link_speakers(store)
        assert {r["speaker_key"] for r in store.query("SELECT speaker_key FROM quotes")} == {"viktor orban"}
        for name in ("Viktor Orbán", "Viktor Orban", "viktor orbán"):
            assert queries.list_articles(store.conn, queries.ArticleFilters(speaker=name))[1] == 2, name
        with store.session() as s:  # as the store was keyed before f97d36c
            s.execute("UPDATE quotes SET speaker_key = 'viktor orbán'")
        assert queries.list_articles(store.conn, queries.ArticleFilters(speaker="Viktor Orbán"))[1] == 2
        assert queries.list_articles(store.conn, queries.ArticleFilters(speaker="Dr. Viktor Orbán"))[1] == 2
        assert queries.list_articles(store.conn, queries.ArticleFilters(speaker="Viktor Orbáns"))[1] == 0


def test_web_queries_summary_and_slant_stats_give_the_store_s_one_set_of_totals(tmp_path):
    """web.queries.summary and corpus.stats.summary counted the same totals with SQL of their own (two
    places to keep in step); both now take them from slant.store.corpus_totals, and add only their own."""
    from slant.corpus import stats
    from slant.errors import BrokenSource
    from slant.store import corpus_totals

    db = tmp_path / "s.db"
    with open_store(db) as store, store.session() as w:
        for doc_id, outlet, published in (("a", "Wire", "2024-03-01"), ("b", "Wire", "2024-03-09"),
                                          ("c", "Herald", None), ("d", "", "2024-02-20"), ("e", "  ", None)):
            w.put(Document(f"Article {doc_id}. The council met.", id=doc_id,
                           meta=Metadata(outlet=outlet, published=published)))
        w.join_cluster("b", ["a"])
        w.add_failure(BrokenSource("truncated"), source="x.warc")
    totals = {"documents": 5, "outlets": 2, "first_published": "2024-02-20", "last_published": "2024-03-09",
              "undated": 2, "no_outlet": 2, "clusters": 1, "quotes": 0, "failures": 1}
    with open_store(db, readonly=True) as store:
        assert corpus_totals(store) == corpus_totals(store.conn) == totals
        web, cli = queries.summary(store.conn), stats.summary(store)
    assert web == {**totals, "technique_spans": 0, "entities": 0}
    assert list(cli) == [*totals, "runs", "layers", "components"]  # `slant stats` rows, in their order
    assert {k: cli[k] for k in totals} == totals


def test_web_a_blank_outlet_of_an_older_store_is_no_outlet_on_story_and_outlet_pages(tmp_path):
    """Review r15a: blank outlets ("  ", as older code stored them) still showed as an outlet on story
    pages: /api/v1/clusters/<id> listed "  ", the page said "2 articles in 2 outlets" and linked to
    /outlets/%20%20, and /api/v1/outlets/%20%20 answered 200 with an outlet profile. They are no outlet
    now (slant.store.outlets.named), and a blank outlet's page is a 404."""
    import pytest
    from fastapi.testclient import TestClient

    from slant.errors import NotFoundError
    from slant.settings import load_settings
    from slant.web import create_app

    db = tmp_path / "old.db"
    with open_store(db) as store:
        with store.session() as s:
            s.put(_doc("named", "Herald", "2024-01-02", None))
            s.put(_doc("blank1", "x", "2024-01-03", None))
            s.put(_doc("blank2", "y", "2024-01-04", None))
            cluster = s.join_cluster("named", ["blank1", "blank2"])
        store.conn.execute("UPDATE documents SET outlet = '  ' WHERE doc_id IN ('blank1', 'blank2')")  # as stored before
        detail = queries.cluster_detail(store.conn, cluster)
        assert detail["outlets"] == ["Herald"]
        assert sorted(map(str, [m["outlet"] for m in detail["articles"]])) == ["Herald", "None", "None"]
        with pytest.raises(NotFoundError):
            queries.outlet_profile(store.conn, "  ")
    client = TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False)
    api = client.get(f"/api/v1/clusters/{cluster}").json()
    assert api["outlets"] == ["Herald"]
    assert client.get("/api/v1/outlets/%20%20").status_code == 404
    page = client.get(f"/clusters/{cluster}").text
    assert "/outlets/%20%20" not in page and "3 articles in 2 outlets" not in page
    assert "1 outlet" in page
