"""Corpus ingestion: every source format (broken ones too), idempotence, re-analysis, clusters."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest

from slant.analyze.registry import register
from slant.corpus.ingest import IngestReport, ingest, record_key
from slant.document import Span
from slant.corpus.stats import list_failures
from slant.errors import NoSources
from slant.ingest.record import RawRecord
from slant.ingest.sources import SourceOptions, iter_corpus, source_kind
from slant.settings import Settings
from slant.store import open_store

BODY = ("The council met on Tuesday to discuss the budget. Members argued for hours about the plan. "
        "The mayor called the proposal a terrible mistake for the city. Several residents spoke in favour. "
        "A vote is expected next month after further review by the finance committee.")


def article(n: int, outlet: str = "Wire") -> dict:
    return {"id": f"art{n}", "text": f"Headline number {n} about the budget\n\n{BODY} Item {n}.",
            "outlet": outlet, "published": f"2024-0{1 + n % 9}-1{n % 10}"}


def page(title: str, n: int) -> str:
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Daily Page'>"
            f"<meta property='article:published_time' content='2024-05-0{1 + n % 9}'></head><body><article>"
            f"<h1>{title}</h1><p>{BODY}</p><p>Paragraph two of page {n} adds detail about the vote.</p>"
            "</article></body></html>")


def write_warc(path: Path, n: int = 3, *, start: int = 0) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for i in range(start, start + n):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://daily.example/story/{i}", "response",
                payload=io.BytesIO(page(f"Warc story {i}", i).encode()), http_headers=headers))
        # a non-HTML response and a request record are skipped, not failures
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://daily.example/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=headers))


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Times</title>
<item><title>Feed story one</title><link>https://feed.example/1</link><guid>feed-1</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>{body}</p><p>More about it.</p>]]></description></item>
<item><title>Feed story two</title><link>https://feed.example/2</link><guid>feed-2</guid>
<pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate><description>Only a short summary of story two.</description></item>
</channel></rss>""".replace("{body}", BODY)

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<id>urn:atom</id><updated>2024-04-01T00:00:00Z</updated>
<entry><title>Atom story</title><id>urn:atom:1</id><link href="https://atom.example/1"/>
<published>2024-04-01T09:00:00Z</published><updated>2024-04-01T09:00:00Z</updated>
<content type="html">&lt;p&gt;{body}&lt;/p&gt;</content></entry></feed>""".replace("{body}", BODY)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with one good source of every kind and one broken source of several kinds."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    lines = [json.dumps(article(i)) for i in range(4)]
    (root / "good.jsonl").write_text("\n".join(lines[:2] + ["{not json"] + lines[2:]) + "\n")
    gz = gzip.compress(("\n".join(json.dumps(article(i, "Gz Times")) for i in range(10, 14)) + "\n").encode())
    (root / "packed.jsonl.gz").write_bytes(gz)
    (root / "truncated.jsonl.gz").write_bytes(
        gzip.compress(("\n".join(json.dumps(article(i, "Cut")) for i in range(20, 60)) + "\n").encode())[:-40])
    write_warc(root / "crawl.warc.gz")
    raw = (root / "crawl.warc.gz").read_bytes()
    write_warc(root / "other.warc.gz", start=30)
    (root / "broken.warc.gz").write_bytes((root / "other.warc.gz").read_bytes()[:len(raw) // 3] + b"\x00junk" * 40)
    (root / "invalid.warc").write_bytes(b"WARC/1.0\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
    (root / "news.rss").write_text(RSS)
    (root / "sub" / "atom.xml").write_text(ATOM)
    (root / "sub" / "table.csv").write_text(
        "id,headline,body,publisher,date\n"
        f'c1,CSV story one,"{BODY} one",Csv Post,2024-06-01\n'
        "c2,broken row\n"
        f'c3,CSV story three,"{BODY} three",Csv Post,2024-06-03\n')
    (root / "sub" / "plain.txt").write_text(f"A plain text article\n\n{BODY}\n")
    (root / "notes.bin").write_bytes(b"ignored: unknown kind in a folder")
    return root


def failures_by_source(db: Path) -> dict[str, str]:
    return {Path(f["source"]).name: f["code"] for f in list_failures(db)}


def test_corpus_ingest_reads_every_format_and_records_broken_sources(corpus: Path, tmp_path: Path):
    db = tmp_path / "c.db"
    report = ingest([str(corpus)], db, neardup=False)
    assert isinstance(report, IngestReport) and report.status == "done"
    with open_store(db, readonly=True) as store:
        rows = store.query("SELECT doc_id, outlet, published, title, url FROM documents")
    ids = {r["doc_id"] for r in rows}
    assert {"art0", "art1", "art2", "art3"} <= ids  # JSONL, around its malformed line
    assert {"art10", "art11", "art12", "art13"} <= ids  # JSONL.gz
    assert {f"https://daily.example/story/{i}" for i in range(3)} <= ids  # WARC responses with HTML
    assert "https://daily.example/story/30" in ids  # the record before the damage in broken.warc.gz
    assert {"feed-1", "feed-2", "urn:atom:1", "c1", "c3", "plain"} <= ids
    assert "https://daily.example/logo.png" not in ids
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["feed-1"]["outlet"] == "Feed Times" and by_id["feed-1"]["published"] == "2024-03-05"
    assert by_id["feed-1"]["url"] == "https://feed.example/1" and by_id["feed-1"]["title"] == "Feed story one"
    assert by_id["urn:atom:1"]["outlet"] == "Atom Daily" and by_id["urn:atom:1"]["published"] == "2024-04-01"
    assert by_id["c1"]["outlet"] == "Csv Post" and by_id["c1"]["title"] == "CSV story one"
    assert by_id["https://daily.example/story/1"]["outlet"] == "Daily Page"
    assert any(r["doc_id"].startswith("art2") and r["outlet"] == "Cut" for r in rows)  # lines before the cut

    failed = failures_by_source(db)
    assert failed["good.jsonl:3"] == "E107"  # malformed JSON line
    assert failed["truncated.jsonl.gz"] == "E150"  # truncated gzip
    assert failed["broken.warc.gz"] == "E150"  # damaged WARC
    assert failed["invalid.warc:1"] == "E150"  # a record without WARC-Type
    assert failed["table.csv:3"] == "E107"  # bad CSV row
    assert report.failed == len(failed)
    assert report.stored == len(rows)


def test_corpus_ingest_twice_is_a_no_op(corpus: Path, tmp_path: Path):
    db = tmp_path / "c.db"
    first = ingest([str(corpus)], db, neardup=False)
    with open_store(db, readonly=True) as store:
        before = store.query("SELECT doc_id, content_hash, text FROM documents ORDER BY doc_id")
    second = ingest([str(corpus)], db, neardup=False)
    assert second.stored == 0 and second.duplicates == 0
    assert second.skipped == first.stored + first.duplicates
    with open_store(db, readonly=True) as store:
        after = store.query("SELECT doc_id, content_hash, text FROM documents ORDER BY doc_id")
        runs = store.runs()
    assert after == before
    assert [r["status"] for r in runs] == ["done", "done"]
    assert runs[1]["counts"]["skipped"] == second.skipped


def test_corpus_ingest_same_content_in_another_file_is_a_duplicate(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(json.dumps(article(1)) + "\n")
    doc = dict(article(1), id="renamed")
    (tmp_path / "b.jsonl").write_text(json.dumps(doc) + "\n" + json.dumps(article(2)) + "\n")
    db = tmp_path / "c.db"
    first = ingest([str(tmp_path / "a.jsonl")], db, neardup=False)
    second = ingest([str(tmp_path / "b.jsonl")], db, neardup=False)
    assert (first.stored, second.stored) == (1, 1)
    assert second.skipped + second.duplicates == 1
    with open_store(db, readonly=True) as store:
        assert sorted(r["doc_id"] for r in store.query("SELECT doc_id FROM documents")) == ["art1", "art2"]


def test_corpus_ingest_glob_and_csv_options(tmp_path: Path):
    (tmp_path / "x.csv").write_text("key;words;paper\nk1;" + BODY + ";Semi Times\n")
    (tmp_path / "y.csv").write_text("key;words;paper\nk2;" + BODY + " again;Semi Times\n")
    db = tmp_path / "c.db"
    options = SourceOptions(text_column="words", id_column="key", outlet_column="paper", delimiter=";")
    report = ingest([str(tmp_path / "*.csv")], db, options=options, neardup=False)
    assert report.stored == 2 and report.failed == 0
    with open_store(db, readonly=True) as store:
        assert {(r["doc_id"], r["outlet"]) for r in store.query("SELECT doc_id, outlet FROM documents")} == {
            ("k1", "Semi Times"), ("k2", "Semi Times")}


def test_corpus_ingest_csv_without_text_column_names_the_columns(tmp_path: Path):
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    db = tmp_path / "c.db"
    report = ingest([str(tmp_path / "x.csv")], db, neardup=False)
    failures = list_failures(db)
    assert report.failed == 1 and failures[0]["code"] == "E152"
    assert "a, b" in failures[0]["message"]


def test_corpus_ingest_missing_sources_raise(tmp_path: Path):
    with pytest.raises(NoSources):
        ingest([str(tmp_path / "nope"), str(tmp_path / "*.none")], tmp_path / "c.db")


def test_corpus_source_kind_by_suffix():
    assert source_kind("a/b.JSONL.GZ") == "jsonl"
    assert source_kind("x.warc") == "warc" and source_kind("x.warc.gz") == "warc"
    assert source_kind("feed.atom") == "feed" and source_kind("t.tsv") == "csv"
    assert source_kind("page.html") == "file" and source_kind("x.bin") is None


def test_corpus_record_key_ignores_origin_but_not_content():
    a = RawRecord(id="1", source="a.jsonl:1", raw="Some text", outlet="X")
    b = RawRecord(id="2", source="b.jsonl:7", raw="Some text", outlet="X")
    c = RawRecord(id="1", source="a.jsonl:1", raw="Some text", outlet="Y")
    assert record_key(a) == record_key(b) != record_key(c)


def test_corpus_iter_corpus_streams_large_jsonl_lines_over_the_limit(tmp_path: Path):
    from slant.settings import ReadSettings

    big = json.dumps({"id": "big", "text": "word " * 5000})
    (tmp_path / "x.jsonl").write_text(big + "\n" + json.dumps(article(1)) + "\n")
    items = list(iter_corpus([str(tmp_path / "x.jsonl")], ReadSettings(max_bytes=10_000)))
    assert [type(i).__name__ for i in items] == ["BadRecord", "RawRecord"]
    assert items[1].id == "art1"


# --------------------------------------------------------------------------- analysis

CALLS: dict[str, int] = {"v1": 0, "v2": 0}


def _marker(version: str, words: tuple[str, ...]):
    pattern = re.compile(r"\b(" + "|".join(words) + r")\b")

    def mark(doc):
        CALLS[version] += 1
        spans = [doc.char_span(m.start(), m.end(), "Loaded_Language") for m in pattern.finditer(doc.text)]
        doc.add_layer("techniques", [s for s in spans if s is not None])
        return doc

    return mark


@register("slant.testmarks.v1", provides=("techniques",))
def _make_v1():
    return _marker("v1", ("terrible",))


@register("slant.testmarks.v2", provides=("techniques",))
def _make_v2():
    return _marker("v2", ("terrible", "mistake"))


def settings_with(*components: str) -> Settings:
    return Settings().with_overrides(analyze={"components": components})


def test_corpus_ingest_with_analysis_stores_layers_and_versions(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(article(i)) for i in range(3)) + "\n")
    db = tmp_path / "c.db"
    report = ingest([str(tmp_path / "a.jsonl")], db, settings=settings_with("slant.testmarks.v1"), analyze=True,
                    neardup=False)
    assert report.stored == 3 and report.components == ["slant.testmarks.v1"]
    with open_store(db, readonly=True) as store:
        assert store.count("spans", "layer = 'techniques'") == 3
        assert {r["name"] for r in store.query("SELECT name FROM analyses")} == {"slant.testmarks.v1"}


def test_corpus_ingest_newer_version_reanalyses_only_stale_documents(tmp_path: Path):
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(article(i)) for i in range(3)) + "\n")
    db = tmp_path / "c.db"
    ingest([str(source)], db, settings=settings_with("slant.testmarks.v1"), analyze=True, neardup=False)
    # One more article arrives; the component is upgraded.
    source.write_text(source.read_text() + json.dumps(article(3)) + "\n")
    CALLS["v2"] = 0
    report = ingest([str(source)], db, settings=settings_with("slant.testmarks.v2"), analyze=True, neardup=False)
    assert (report.stored, report.reanalysed, report.skipped) == (1, 3, 3)
    assert CALLS["v2"] == 4  # three stale documents and one new one, each analysed once
    with open_store(db, readonly=True) as store:
        assert {r["name"] for r in store.query("SELECT name FROM analyses")} == {"slant.testmarks.v2"}
        assert store.count("spans", "label = 'Loaded_Language'") == 8  # terrible + mistake, 4 docs
        assert store.get("art0").provenance[-1]["name"] == "slant.testmarks.v2"
    # Up to date now: nothing is analysed again.
    CALLS["v2"] = 0
    again = ingest([str(source)], db, settings=settings_with("slant.testmarks.v2"), analyze=True, neardup=False)
    assert (again.stored, again.reanalysed, CALLS["v2"]) == (0, 0, 0)


@register("slant.testfussy.v1", provides=("frames",))
def _make_fussy():
    """Fails on "Item 1." only: its batch fails, so every document of the batch is retried alone."""

    def frame(doc):
        if "Item 1." in doc.text:
            raise ValueError("cannot frame this one")
        doc.add_layer("frames", [])
        return doc

    return frame


def test_corpus_reanalysis_retried_after_a_failure_records_each_component_once(tmp_path: Path):
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(article(i)) for i in (0, 2, 3)) + "\n")
    db = tmp_path / "c.db"
    ingest([str(source)], db, settings=settings_with("slant.testmarks.v1", "slant.testfussy.v1"), analyze=True,
           neardup=False)
    source.write_text(source.read_text() + json.dumps(article(1)) + "\n")  # stored without analysis
    ingest([str(source)], db, neardup=False)
    # The marker is upgraded: all four are re-run from it; the batch fails on art1 and is retried per document.
    report = ingest([str(source)], db, settings=settings_with("slant.testmarks.v2", "slant.testfussy.v1"),
                    analyze=True, neardup=False)
    assert (report.reanalysed, report.failed) == (3, 1)
    with open_store(db, readonly=True) as store:
        for doc_id in ("art0", "art2", "art3"):
            names = [p["name"] for p in store.get(doc_id).provenance]
            assert names == ["slant.testmarks.v2", "slant.testfussy.v1"], (doc_id, names)
            assert store.count("spans", f"doc_id = '{doc_id}' AND label = 'Loaded_Language'") == 2
        assert store.analysis_versions("art0") == {"slant.testmarks": "slant.testmarks.v2",
                                                   "slant.testfussy": "slant.testfussy.v1"}
    # A second run finds nothing stale in them (art1 is still failing) and changes nothing.
    again = ingest([str(source)], db, settings=settings_with("slant.testmarks.v2", "slant.testfussy.v1"),
                   analyze=True, neardup=False)
    assert (again.reanalysed, again.failed) == (0, 1)


def test_corpus_reanalysis_of_a_damaged_stored_document_fails_that_document_only(tmp_path: Path):
    """A stale stored Document that does not decode stopped the whole re-analysis (zlib.error from
    Store.get); it is now one recorded failure (E706, by its id) and the other documents are re-run."""
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(article(i)) for i in range(3)) + "\n")
    db = tmp_path / "c.db"
    ingest([str(source)], db, settings=settings_with("slant.testmarks.v1"), analyze=True, neardup=False)
    with open_store(db) as store:
        store.conn.execute("UPDATE documents SET doc = X'789c0000deadbeef' WHERE doc_id = 'art1'")
    report = ingest([str(source)], db, settings=settings_with("slant.testmarks.v2"), analyze=True, neardup=False)
    assert (report.reanalysed, report.failed) == (2, 1)
    with open_store(db, readonly=True) as store:
        assert [(f["source"], f["code"]) for f in store.failures()] == [("art1", "E706")]
        assert store.get("art0").provenance[-1]["name"] == "slant.testmarks.v2"


def test_corpus_ingest_without_analysis_then_with_analysis_fills_it_in(tmp_path: Path):
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(article(i)) for i in range(2)) + "\n")
    db = tmp_path / "c.db"
    ingest([str(source)], db, neardup=False)
    report = ingest([str(source)], db, settings=settings_with("slant.testmarks.v1"), analyze=True, neardup=False)
    assert report.reanalysed == 2
    with open_store(db, readonly=True) as store:
        assert store.count("analyses") == 2


# --------------------------------------------------------------------------- near-duplicate hook


class PrefixIndex:
    """A stand-in near-duplicate index: documents sharing their first 60 body characters match."""

    def __init__(self):
        self.keys: dict[str, list[str]] = {}

    @staticmethod
    def key(text: str) -> str:
        return " ".join(text.split("\n\n", 1)[-1].split())[:60]

    def add(self, doc_id: str, text: str):
        earlier = list(self.keys.get(self.key(text), []))
        self.keys.setdefault(self.key(text), []).append(doc_id)
        return [(d, 0.9, "rewrite") for d in earlier]


def test_corpus_ingest_links_near_duplicates_into_clusters(tmp_path: Path):
    rows = [article(1, "Wire"), dict(article(1, "Herald"), id="h1", published="2024-01-01"),
            dict(article(1, "Echo"), id="e1", text=article(1)["text"].replace("Headline", "New headline"))]
    unrelated = {"id": "u", "text": "Something else\n\nA story about football and weather.", "outlet": "Wire"}
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows + [unrelated]) + "\n")
    db = tmp_path / "c.db"
    report = ingest([str(tmp_path / "a.jsonl")], db, neardup_index=PrefixIndex())
    assert report.linked == 2
    with open_store(db, readonly=True) as store:
        clusters = store.query("SELECT cluster_id, COUNT(*) AS n FROM clusters GROUP BY cluster_id ORDER BY n DESC")
        links = store.count("dup_links")
    assert clusters[0]["n"] == 3 and links == 3
    # A second run reloads the stored documents into a fresh index and links the newcomer.
    (tmp_path / "b.jsonl").write_text(json.dumps(dict(article(1, "Late"), id="late")) + "\n")
    later = ingest([str(tmp_path / "b.jsonl")], db, neardup_index=PrefixIndex())
    assert later.linked == 1
    with open_store(db, readonly=True) as store:
        assert store.query("SELECT COUNT(*) AS n FROM clusters WHERE cluster_id = ?",
                           (clusters[0]["cluster_id"],))[0]["n"] == 4


def test_corpus_ingest_with_the_real_near_duplicate_index(tmp_path: Path):
    pytest.importorskip("datasketch")
    neardup = pytest.importorskip("slant.corpus.neardup")
    story = ("The city council voted on Tuesday to close the old bridge after engineers found deep cracks in "
             "two of its supports. Traffic will be diverted through the northern ring road for at least six "
             "months while repairs are planned. The mayor said the decision was painful but necessary, and "
             "promised that a temporary footbridge would open within weeks. Shop owners near the bridge warned "
             "that the closure could cost them a third of their customers during the busy season.")
    rows = [
        {"id": "orig", "text": f"Bridge closed after cracks found\n\n{story}", "outlet": "Wire", "published": "2024-05-02"},
        {"id": "copy", "text": f"Council shuts cracked bridge\n\n{story}", "outlet": "Herald", "published": "2024-05-01"},
        {"id": "other", "text": "Local team wins the cup\n\nThe local football team won the regional cup final on "
                                "Sunday after a penalty shoot-out that lasted eleven rounds and left the crowd "
                                "breathless until the very last kick of a long afternoon.", "outlet": "Wire"},
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp_path / "c.db"
    report = ingest([str(tmp_path / "a.jsonl")], db)
    assert report.linked == 1
    with open_store(db, readonly=True) as store:
        assert store.count("minhashes") == 3
        links = store.query("SELECT doc_a, doc_b, kind FROM dup_links")
        clusters = store.query("SELECT cluster_id, doc_id, is_first FROM (" + __import__(
            "slant.corpus.stats", fromlist=["x"]).CLUSTER_ROWS_SQL + ") WHERE size > 1")
    assert links == [{"doc_a": "orig", "doc_b": "copy", "kind": "copy"}]
    assert {(c["doc_id"], c["is_first"]) for c in clusters} == {("orig", 0), ("copy", 1)}  # earlier date wins
    # Next run: the index is rebuilt from the stored signatures and links a new copy to both.
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "late", "text": f"Bridge shut\n\n{story} Updated.",
                                                  "outlet": "Echo", "published": "2024-05-03"}) + "\n")
    later = ingest([str(tmp_path / "b.jsonl")], db)
    assert later.linked == 1
    with open_store(db, readonly=True) as store:
        assert {r["doc_a"] for r in store.query("SELECT doc_a FROM dup_links WHERE doc_b = 'late'")} == {"orig", "copy"}
        assert store.query("SELECT COUNT(DISTINCT cluster_id) AS n FROM clusters WHERE doc_id IN "
                           "('orig', 'copy', 'late')")[0]["n"] == 1
    assert neardup.NearDupIndex  # the module the hook used


# --------------------------------------------------------------------------- Dask


def _store_contents(db: Path) -> dict[str, list[dict]]:
    with open_store(db, readonly=True) as store:
        return {sql: store.query(sql) for sql in (
            "SELECT doc_id, outlet, published, title, content_hash, text FROM documents ORDER BY doc_id",
            'SELECT doc_id, layer, label, start, "end" FROM spans ORDER BY 1, 2, 4, 3',
            "SELECT doc_id, name FROM analyses ORDER BY 1, 2",
            "SELECT source, code FROM failures ORDER BY 1")}


def test_corpus_ingest_on_dask_gives_the_local_store(tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("slant.batch.dask_runner")
    lines = [json.dumps(article(i)) for i in range(12)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:5] + ["{broken"] + lines[5:]) + "\n")
    settings = settings_with("slant.testmarks.v1")
    local, remote = tmp_path / "local.db", tmp_path / "dask.db"
    ingest([str(tmp_path / "a.jsonl")], local, settings=settings, analyze=True, neardup=False)
    # Threads, not processes: the test's own component must be registered where the work runs.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        report = ingest([str(tmp_path / "a.jsonl")], remote, settings=settings, analyze=True, neardup=False,
                        dask_client=client)
    assert report.stored == 12 and report.failed == 1
    assert _store_contents(remote) == _store_contents(local)
    with open_store(remote, readonly=True) as store:
        assert store.count("record_keys") == 12  # keys found their documents although they came back from Dask


@pytest.mark.slow
def test_corpus_ingest_store_only_cleans_in_two_processes(tmp_path: Path, monkeypatch):
    import slant.corpus.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "CLEAN_CHUNK", 7)  # several chunks, one of them mixed with errors
    lines = [json.dumps(article(i)) for i in range(40)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:9] + ["{broken", '{"id": "empty", "text": " "}']
                                                 + lines[9:]) + "\n")
    local, pooled = tmp_path / "local.db", tmp_path / "pool.db"
    ingest([str(tmp_path / "a.jsonl")], local)
    report = ingest([str(tmp_path / "a.jsonl")], pooled, workers=2)
    assert (report.stored, report.failed) == (40, 2)
    assert _store_contents(pooled) == _store_contents(local)
    with open_store(pooled, readonly=True) as store:
        assert store.count("record_keys") == 40
        assert {f["code"] for f in store.failures()} == {"E107", "E101"}


# --------------------------------------------------------------------------- travelling quotes

QUOTE_RE = re.compile(r'"([^"]+)," said ([A-Z][a-z]+ [A-Z][a-z]+)')


@register("slant.testquotes.v1", provides=("quotes",))
def _make_quotes():
    """Quotes in the shape slant.quotes writes: a "quotes" layer, the speaker mention in attrs."""

    def annotate(doc):
        spans = []
        for m in QUOTE_RE.finditer(doc.text):
            speaker = {"text": m.group(2), "start": m.start(2), "end": m.end(2), "canonical": m.group(2)}
            spans.append(Span(m.start(1), m.end(1), "direct", None, {"kind": "direct", "speaker": speaker,
                                                                     "relay": None}))
        doc.add_layer("quotes", spans)
        return doc

    return annotate


def test_corpus_ingest_tracks_a_quote_across_two_outlets(tmp_path: Path):
    pytest.importorskip("slant.corpus.quotes")
    said = "We will rebuild the bridge before the winter comes"
    rows = [
        {"id": "late", "outlet": "Beta", "published": "2024-03-04",
         "text": f'Bridge plan\n\nThe council met. "{said}," said Jane Roe at the meeting on Monday evening.'},
        {"id": "early", "outlet": "Alpha", "published": "2024-03-02",
         "text": f'Mayor promises\n\nIn a speech, "{said}!," said Jane Roe to a crowd of residents downtown.'},
        {"id": "other", "outlet": "Beta", "published": "2024-03-03",
         "text": 'Sports\n\n"The team played well tonight," said Tom Poe after the match in the stadium.'},
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp_path / "c.db"
    ingest([str(tmp_path / "a.jsonl")], db, settings=settings_with("slant.testquotes.v1"), analyze=True,
           neardup=False)
    from slant.corpus.stats import top_quoted, travelling_quotes

    with open_store(db, readonly=True) as store:
        assert store.count("quotes") == 3 and store.count("quote_groups") == 3
        travelling = travelling_quotes(store)
        speakers = top_quoted(store)
    assert len(travelling) == 1
    quote = travelling[0]
    assert quote["first_doc_id"] == "early" and quote["first_outlet"] == "Alpha"
    assert quote["relayed_by"] == ["Beta"] and quote["speaker"] == "Jane Roe"
    assert speakers[0]["speaker"] == "Jane Roe" and speakers[0]["outlets"] == 2


def test_corpus_ingest_reads_jsonl_from_stdin(tmp_path: Path, monkeypatch):
    payload = ("\n".join(json.dumps(article(i)) for i in range(3)) + "\n{oops\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(payload))))
    db = tmp_path / "c.db"
    report = ingest(["-"], db, neardup=False)
    assert (report.stored, report.failed) == (3, 1)
    assert list_failures(db)[0]["source"] == "<stdin>:4"


def test_corpus_ingest_is_quiet_when_not_on_a_terminal(tmp_path: Path, capsys):
    (tmp_path / "a.jsonl").write_text(json.dumps(article(1)) + "\n")
    ingest([str(tmp_path / "a.jsonl")], tmp_path / "c.db", progress=True, neardup=False)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_corpus_ingest_cleaning_process_errors_keep_class_and_source():
    from slant.corpus.ingest import _clean_chunk, _error_from
    from slant.errors import EmptyInput

    records = [RawRecord(id="ok", source="x.jsonl:1", raw="Title\n\n" + BODY),
               RawRecord(id="blank", source="x.jsonl:2", raw=" \n \n ")]
    out = _clean_chunk(records, Settings())
    assert out[0]["document"]["id"] == "ok"
    error = _error_from(out[1]["error"])
    assert isinstance(error, EmptyInput) and error.source == "x.jsonl:2" and error.code == "E101"


def test_corpus_reanalyze_updates_stale_documents_without_sources(tmp_path: Path):
    from slant.corpus.ingest import reanalyze

    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(article(i)) for i in range(20)) + "\n")
    db = tmp_path / "c.db"
    ingest([str(source)], db, settings=settings_with("slant.testmarks.v1"), analyze=True, neardup=False)
    source.unlink()  # the archive is gone; the store is enough
    CALLS["v2"] = 0
    report = reanalyze(db, settings=settings_with("slant.testmarks.v2"))
    assert (report.reanalysed, CALLS["v2"], report.status) == (20, 20, "done")
    with open_store(db, readonly=True) as store:
        assert {r["name"] for r in store.query("SELECT name FROM analyses")} == {"slant.testmarks.v2"}
    assert reanalyze(db, settings=settings_with("slant.testmarks.v2")).reanalysed == 0


def test_corpus_ingest_shows_rate_and_eta_on_a_terminal(tmp_path: Path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(article(i)) for i in range(5)) + "\n")
    report = ingest([str(tmp_path / "a.jsonl")], tmp_path / "c.db", progress=True, neardup=False)
    shown = terminal.getvalue()
    assert report.stored == 5
    assert "docs/s" in shown and "ETA" in shown and "5 docs" in shown


def test_corpus_ingest_first_publication_is_decided_by_the_time_of_day(tmp_path):
    """Same-day copies of 60 stories, times in several zones, given in scrambled order: the story's
    first publication is the copy with the earliest UTC instant (the day alone ties them all)."""
    import random
    from datetime import datetime, timedelta, timezone

    from slant.corpus.export import export
    from slant.corpus.rewrites import ArticleGenerator

    rng = random.Random(7)
    gen = ArticleGenerator(seed=7)
    lines, truth = [], {}
    zones = [timezone.utc, timezone(timedelta(hours=-5)), timezone(timedelta(hours=1)), timezone(timedelta(hours=9))]
    for n in range(60):
        article, _ = gen.story()
        day = datetime(2022, 2, 8, 12, tzinfo=timezone.utc)
        copies = []
        for k in range(rng.randint(2, 4)):
            instant = day + timedelta(minutes=rng.randint(-600, 600))
            local = instant.astimezone(rng.choice(zones))
            if local.date() != instant.date():  # keep every copy on the same printed day
                local = instant
            copies.append((instant, f"s{n}-c{k}", local))
        truth[f"s{n}"] = min(copies)[1]
        for instant, doc_id, local in copies:
            lines.append({"id": doc_id, "title": article.title, "text": "\n\n".join(article.paragraphs),
                          "outlet": f"Outlet {doc_id[-1]}", "published": local.isoformat()})
    rng.shuffle(lines)
    corpus = tmp_path / "same-day.jsonl"
    corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    ingest([str(corpus)], db)
    out = tmp_path / "clusters.jsonl"
    export(db, "clusters", "jsonl", out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    firsts = {r["doc_id"].split("-")[0]: r["doc_id"] for r in rows if r["is_first"]}
    right = sum(firsts.get(story) == doc_id for story, doc_id in truth.items())
    assert right / len(truth) >= 0.95, f"{right}/{len(truth)} stories got their first publication right"
    assert all(r["published"] == "2022-02-08" and r["published_at"] for r in rows)


def test_corpus_ingest_keeps_time_and_zone_from_feeds_and_warc(tmp_path):
    rss = RSS.replace("Tue, 05 Mar 2024 10:00:00 GMT", "Tue, 05 Mar 2024 23:30:00 -0500")
    (tmp_path / "news.rss").write_text(rss)
    (tmp_path / "atom.xml").write_text(ATOM)
    write_warc(tmp_path / "crawl.warc", n=1)
    db = tmp_path / "t.db"
    ingest([str(tmp_path)], db, neardup=False)
    with open_store(db, readonly=True) as store:
        rows = {r["doc_id"]: r for r in store.query(
            "SELECT doc_id, published, published_at, published_utc, json_extract(meta, '$.crawled') AS crawled "
            "FROM documents")}
    # the outlet's own day, not the UTC day feedparser shifts it to
    assert rows["feed-1"]["published"] == "2024-03-05"
    assert rows["feed-1"]["published_at"] == "2024-03-05T23:30:00-05:00"
    assert rows["feed-1"]["published_utc"] == "2024-03-06T04:30:00Z"
    assert rows["urn:atom:1"]["published_at"] == "2024-04-01T09:00:00+00:00"
    warc = rows["https://daily.example/story/0"]
    assert warc["crawled"] and warc["crawled"][:4] >= "2024"  # the WARC-Date, kept with its time
    assert "T" in warc["crawled"]
