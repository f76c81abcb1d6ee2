"""The JSON API through FastAPI's test client: every endpoint, tokens, limits, problem details."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from slant.analyze.process import analyze  # noqa: E402
from slant.settings import load_settings  # noqa: E402
from slant.web import create_app, create_token, list_tokens, revoke_token  # noqa: E402
from slant.web.config import WebSettings  # noqa: E402
from slant.web.demo import make_demo_store  # noqa: E402
from tests.test_models_blas import blas_pool_idle, blas_threads, needs_two_blas_threads, products_cpu  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-nato-daily-post.txt"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "corpus.db"
    make_demo_store(db)
    return db


def make_client(db: Path, **web) -> TestClient:
    app = create_app(load_settings(env={}), db, web=WebSettings(**web))
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(corpus_db):
    with make_client(corpus_db) as c:
        yield c


@pytest.fixture(scope="module")
def writer_token(corpus_db) -> str:
    return create_token(corpus_db, "test-writer", scope="write")


@pytest.fixture(scope="module")
def reader_token(corpus_db) -> str:
    return create_token(corpus_db, "test-reader", scope="read")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def without_timing(data: dict) -> dict:
    """A document dict with the provenance timings (which vary run to run) removed."""
    out = json.loads(json.dumps(data))
    for entry in out.get("provenance", []):
        entry.pop("seconds", None)
    return out


# -- health, OpenAPI, analyse -------------------------------------------------------------------
def test_web_api_health_reports_store_and_components(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["documents"] >= 24 and isinstance(body["components"], list)


def test_web_api_openapi_describes_every_route_and_the_document(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/analyze", "/api/v1/articles", "/api/v1/articles/{doc_id}", "/api/v1/jobs",
                 "/api/v1/jobs/{job_id}", "/api/v1/stats/techniques", "/api/v1/exports/{table}", "/healthz"):
        assert path in spec["paths"], path
    assert "Document" in spec["components"]["schemas"]
    assert "multipart/form-data" in spec["paths"]["/api/v1/analyze"]["post"]["requestBody"]["content"]
    assert client.get("/docs").status_code == 404  # no CDN-backed Swagger page


def test_web_api_analyze_json_equals_the_cli_document(client, tmp_path):
    text = EXAMPLE.read_text("utf-8")
    r = client.post("/api/v1/analyze", json={"text": text})
    assert r.status_code == 200, r.text
    expected = analyze(text, settings=load_settings(env={})).to_dict()
    assert without_timing(r.json()) == without_timing(expected)


def test_web_api_analyze_upload_equals_slant_analyze_of_the_file(client, tmp_path):
    import subprocess
    import sys

    copy = tmp_path / EXAMPLE.name
    copy.write_bytes(EXAMPLE.read_bytes())
    r = client.post("/api/v1/analyze", files={"file": (EXAMPLE.name, EXAMPLE.read_bytes(), "text/plain")})
    assert r.status_code == 200, r.text
    import slant

    # the CLI of the code under test (the folder this process imported slant from), not whichever
    # checkout an editable install points at; no SLANT_* settings from the caller's environment
    source = str(Path(slant.__file__).resolve().parents[1])
    cli = subprocess.run([sys.executable, "-m", "slant.cli", "analyze", EXAMPLE.name, "--format", "json"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": source})
    assert cli.returncode == 0, cli.stderr
    assert without_timing(r.json()) == without_timing(json.loads(cli.stdout))
    assert r.json()["id"] == "putin-nato-daily-post"


def test_web_api_analyze_plain_text_body(client):
    r = client.post("/api/v1/analyze", content="A title\n\nThe body of it.".encode(), headers={"Content-Type": "text/plain"})
    assert r.status_code == 200
    assert r.json()["meta"]["title"] == "A title"


@pytest.mark.parametrize("kwargs,status", [
    ({"json": {"text": ""}}, 422),
    ({"json": {"txt": "x"}}, 422),
    ({"json": {"text": "x", "id": "../../etc/passwd"}}, 422),
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422),
    ({"content": b"<x/>", "headers": {"Content-Type": "application/xml"}}, 415),
    ({"json": {"text": "   \n  "}}, 422),
])
def test_web_api_analyze_rejects_bad_bodies_as_problems(client, kwargs, status):
    r = client.post("/api/v1/analyze", **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in r.text


def test_web_api_analyze_refuses_jsonl_with_many_articles(client):
    data = b'{"id": "a", "text": "One\\n\\nfirst"}\n{"id": "b", "text": "Two\\n\\nsecond"}\n'
    r = client.post("/api/v1/analyze", files={"file": ("two.jsonl", data, "application/json")})
    assert r.status_code == 422
    assert "/api/v1/jobs" in r.json()["hint"]


# -- reading the corpus -----------------------------------------------------------------------
def test_web_api_lists_and_pages_articles(client):
    first = client.get("/api/v1/articles", params={"per_page": 5}).json()
    second = client.get("/api/v1/articles", params={"per_page": 5, "page": 2}).json()
    assert first["total"] == 32 and first["pages"] == 7 and len(first["items"]) == 5
    assert not {a["doc_id"] for a in first["items"]} & {a["doc_id"] for a in second["items"]}
    dates = [a["published"] for a in first["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("params,check", [
    ({"outlet": "Daily Lantern"}, lambda a: a["outlet"] == "Daily Lantern"),
    ({"date_from": "2026-02-01", "date_to": "2026-02-28"}, lambda a: "2026-02-01" <= a["published"] <= "2026-02-28"),
    ({"q": "harbour tax"}, lambda a: "harbour tax" in a["title"]),
    ({"technique": "Doubt"}, lambda a: a["techniques"] > 0),
    ({"speaker": "dr. lina osei"}, lambda a: a["quotes"] > 0),
    ({"entity": "Kestrel Bay"}, lambda a: "Kestrel Bay" in a["title"]),
    ({"entity": "kestrel  BAY"}, lambda a: "Kestrel Bay" in a["title"]),
    ({"frame": "Economic", "genre": "reporting"}, lambda a: True),
])
def test_web_api_filters_narrow_the_list(client, params, check):
    body = client.get("/api/v1/articles", params={**params, "per_page": 200}).json()
    assert 0 < body["total"] < 32 or set(params) == {"frame", "genre"}
    assert body["total"] == len(body["items"])
    assert all(check(a) for a in body["items"])
    assert body["filters"] == {k: v for k, v in params.items()}


def test_web_api_article_order(client):
    oldest = client.get("/api/v1/articles", params={"sort": "oldest", "per_page": 200}).json()["items"]
    assert [a["published"] for a in oldest] == sorted(a["published"] for a in oldest)
    most = client.get("/api/v1/articles", params={"sort": "techniques", "per_page": 200}).json()["items"]
    assert [a["techniques"] for a in most] == sorted((a["techniques"] for a in most), reverse=True)
    assert client.get("/api/v1/articles", params={"sort": "random()"}).status_code == 422


def test_web_api_technique_filter_matches_stored_spans(client):
    body = client.get("/api/v1/articles", params={"technique": "Doubt", "per_page": 200}).json()
    for a in body["items"]:
        doc = client.get(f"/api/v1/articles/{a['doc_id']}").json()
        assert "Doubt" in {s["label"] for s in doc["layers"]["techniques"]}


def test_web_api_get_article_and_related(client):
    doc = client.get("/api/v1/articles/story-000").json()
    assert doc["id"] == "story-000" and doc["layers"]["techniques"] and doc["schema_version"].startswith("1.")
    related = client.get("/api/v1/articles/story-000/related").json()
    assert related["duplicates"][0]["doc_id"] == "story-000-copy"
    assert related["cluster"]["size"] == 2
    missing = client.get("/api/v1/articles/nope")
    assert missing.status_code == 404 and missing.json()["code"] == "E906"
    assert client.get("/api/v1/articles/nope/related").status_code == 404


def test_web_api_stats_endpoints(client):
    summary = client.get("/api/v1/stats/summary").json()
    assert summary["documents"] == 32 and summary["outlets"] == 3 and summary["clusters"] == 8
    by_outlet = client.get("/api/v1/stats/techniques", params={"by": "outlet"}).json()
    assert {r["key"] for r in by_outlet["rows"]} == {"Harbour Herald", "Daily Lantern", "Northgate Times"}
    assert sum(by_outlet["articles"].values()) == 32
    by_month = client.get("/api/v1/stats/techniques", params={"by": "month", "outlet": "Daily Lantern"}).json()
    assert all(len(r["key"]) == 7 for r in by_month["rows"])
    assert sum(r["spans"] for r in by_month["rows"]) < sum(r["spans"] for r in by_outlet["rows"])
    speakers = client.get("/api/v1/stats/speakers", params={"limit": 2}).json()
    assert len(speakers) == 2 and speakers[0]["quotes"] >= speakers[1]["quotes"]
    quotes = client.get("/api/v1/stats/quotes").json()
    assert quotes and all(q["articles"] > 1 for q in quotes)
    # u14: every person the carriers credit, by articles, beside the first carrier's speaker (kept)
    numbers = next(q for q in quotes if q["text"] == "the numbers did not add up")
    assert numbers["speaker"] == "Tomas Vell" and numbers["speakers_disagree"] is True
    assert numbers["speakers"] == [{"speaker": "Tomas Vell", "articles": 16}, {"speaker": "Ada Brook", "articles": 8},
                                   {"speaker": "Lina Osei", "articles": 8}]
    assert client.get("/api/v1/stats/techniques", params={"by": "year"}).status_code == 422


def test_web_api_clusters_and_outlets(client):
    clusters = client.get("/api/v1/clusters").json()
    assert clusters["total"] == 8
    detail = client.get(f"/api/v1/clusters/{clusters['items'][0]['cluster_id']}").json()
    assert detail["articles"][0]["is_first"] and not detail["articles"][-1]["is_first"]
    assert client.get("/api/v1/clusters/none").status_code == 404
    outlets = client.get("/api/v1/outlets").json()
    assert {o["outlet"] for o in outlets} == {"Harbour Herald", "Daily Lantern", "Northgate Times"}
    profile = client.get("/api/v1/outlets/Daily Lantern").json()
    assert profile["articles"] > 0 and profile["techniques"] and profile["speakers"]
    assert client.get("/api/v1/outlets/Unknown Outlet").status_code == 404


@pytest.mark.parametrize("table", ["documents", "spans", "labels", "quotes", "entities", "clusters", "links",
                                   "failures", "runs"])
def test_web_api_exports_every_table_as_slant_export_does(client, corpus_db, table, tmp_path):
    from slant.corpus.export import export
    from slant.web.api.exports import without_server_paths

    # the same rows, but a file's name where the store keeps the server's path to it
    jsonl = client.get(f"/api/v1/exports/{table}")
    assert jsonl.status_code == 200
    export(corpus_db, table, "jsonl", tmp_path / "cli.jsonl")
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert rows == [without_server_paths(table, json.loads(line))
                    for line in (tmp_path / "cli.jsonl").read_text("utf-8").splitlines()]
    as_csv = client.get(f"/api/v1/exports/{table}", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    export(corpus_db, table, "csv", tmp_path / "cli.csv")
    cli_csv = (tmp_path / "cli.csv").read_text("utf-8")
    assert as_csv.text.splitlines()[0] == cli_csv.splitlines()[0]  # the same columns
    assert list(csv.DictReader(io.StringIO(as_csv.text))) == [
        without_server_paths(table, row) for row in csv.DictReader(io.StringIO(cli_csv))]
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(rows)
    if table == "documents":
        assert {"doc_id", "outlet", "published", "title", "content_hash"} <= set(rows[0])
    if table == "quotes":  # each statement's calibrated chance (h13b: the export had no such column)
        assert "probability" in rows[0] and "probability" in as_csv.text.splitlines()[0].split(",")
        # the demo's quotes come from the quote layer, so each carries the model's probability (e14: it had none)
        assert rows and all(isinstance(r["probability"], float) and 0 < r["probability"] < 1 for r in rows)
    if table == "clusters":
        assert {"cluster_id", "doc_id", "is_first"} <= set(rows[0])
        assert sum(r["is_first"] for r in rows) == 8


def test_web_api_exports_parquet(client):
    pq = pytest.importorskip("pyarrow.parquet")
    r = client.get("/api/v1/exports/documents", params={"format": "parquet"})
    assert r.status_code == 200 and r.content[:4] == b"PAR1"
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows >= 32 and "content_hash" in table.column_names


def test_web_api_stats_equal_slant_stats(client, corpus_db):
    from slant.corpus.stats import stats

    body = client.get("/api/v1/stats").json()
    assert body == json.loads(json.dumps(stats(corpus_db)))
    assert body["summary"]["documents"] >= 32 and body["techniques_per_outlet"]


@pytest.mark.parametrize("params", [{"technique": "Doubt"}, {"outlet": "Daily Lantern"},
                                    {"date_from": "2024-02-01", "genre": "opinion"}, {"q": "bridge"}])
def test_web_api_stats_honour_the_article_filters(client, params):
    listed = client.get("/api/v1/articles", params={**params, "per_page": 200}).json()
    ids = {a["doc_id"] for a in listed["items"]}
    whole = client.get("/api/v1/stats").json()
    body = client.get("/api/v1/stats", params=params).json()
    assert 0 < listed["total"] < whole["summary"]["documents"]
    assert body["summary"]["documents"] == listed["total"]
    assert sum(r["outlet_documents"] for r in {r["outlet"]: r for r in body["techniques_per_outlet"]}.values()) \
        <= listed["total"]
    if "outlet" in params:
        assert {r["outlet"] for r in body["techniques_per_outlet"]} == {params["outlet"]}
    if "technique" in params:
        spans = sum(r["spans"] for r in body["techniques_per_outlet"] if r["technique"] == "Doubt")
        assert spans == sum(r["spans"] for r in whole["techniques_per_outlet"] if r["technique"] == "Doubt")
    assert all(ids.issuperset([c["first_doc_id"]]) for c in body["story_clusters"])
    # the narrowing is undone: the next unfiltered call sees the whole corpus again
    assert client.get("/api/v1/stats", params={"top": 21}).json()["summary"] == whole["summary"]


def test_web_api_stats_filters_are_documented_and_checked(client):
    spec = client.get("/openapi.json").json()["paths"]["/api/v1/stats"]["get"]
    names = {p["name"] for p in spec["parameters"]}
    assert {"q", "outlet", "date_from", "date_to", "technique", "frame", "genre", "speaker", "entity",
            "cluster", "top"} <= names
    r = client.get("/api/v1/stats", params={"date_from": "last tuesday"})
    assert r.status_code == 422 and "date_from" in r.text


def test_web_api_export_refuses_unknown_tables_and_traversal(client):
    for name in ("minhashes", "web_tokens", "..%2F..%2Fetc%2Fpasswd", "documents%00"):
        r = client.get(f"/api/v1/exports/{name}")
        assert r.status_code in (404, 422), name
        assert "root:" not in r.text


# -- tokens and writing -----------------------------------------------------------------------
def test_web_api_tokens_are_stored_hashed(corpus_db, writer_token):
    import sqlite3

    with sqlite3.connect(corpus_db) as conn:
        stored = [r[0] for r in conn.execute("SELECT token_hash FROM web_tokens")]
    assert writer_token not in stored and all(len(h) == 64 for h in stored)
    assert any(t["name"] == "test-writer" and t["scope"] == "write" for t in list_tokens(corpus_db))


def test_web_api_writes_need_a_write_token(client, reader_token):
    body = {"text": "Headline\n\nA short body."}
    anonymous = client.post("/api/v1/articles", json=body)
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"].startswith("Bearer")
    wrong = client.post("/api/v1/articles", json=body, headers=bearer("slant_not-a-real-token"))
    assert wrong.status_code == 401
    read_only = client.post("/api/v1/articles", json=body, headers=bearer(reader_token))
    assert read_only.status_code == 403 and read_only.json()["code"] == "E902"
    assert client.delete("/api/v1/articles/story-001").status_code == 401
    assert client.post("/api/v1/jobs", json={"items": [{"text": "x"}]}).status_code == 401
    # a session cookie never authorises a write, even with a valid token in it
    client.cookies.set("slant_session", reader_token)
    try:
        assert client.post("/api/v1/articles", json=body).status_code == 401
    finally:
        client.cookies.clear()


def test_web_api_missing_outlet_is_null_not_empty(client, writer_token):
    body = {"text": "Gulls return to the pier\n\nThe gulls came back to the old pier on Sunday.",
            "id": "gulls-no-outlet"}
    assert client.post("/api/v1/articles", json=body, headers=bearer(writer_token)).status_code == 201
    try:
        assert client.get("/api/v1/articles/gulls-no-outlet").json()["meta"]["outlet"] is None
        items = client.get("/api/v1/articles", params={"q": "gulls pier"}).json()["items"]
        assert [i["outlet"] for i in items if i["doc_id"] == "gulls-no-outlet"] == [None]
        outlets = client.get("/api/v1/outlets").json()
        # an outlet-less article is no outlet: no row (not even a null one), counted in the summary
        assert all(o["outlet"] for o in outlets)
        assert client.get("/api/v1/stats/summary").json()["no_outlet"] >= 1
        by_outlet = client.get("/api/v1/stats/techniques", params={"by": "outlet"}).json()
        assert "" not in by_outlet["articles"] and by_outlet["no_outlet"] >= 1
        assert all(r["key"] for r in by_outlet["rows"])
        rows = [json.loads(line) for line in client.get("/api/v1/exports/documents").text.splitlines()]
        assert [r["outlet"] for r in rows if r["doc_id"] == "gulls-no-outlet"] == [None]
        every = client.get("/api/v1/stats").json()
        assert "" not in {r["outlet"] for r in every["techniques_per_outlet"]}
    finally:
        client.delete("/api/v1/articles/gulls-no-outlet", headers=bearer(writer_token))


def test_web_api_store_then_delete_an_article(client, writer_token):
    body = {"text": "Storm closes the ferry\n\nThe ferry to Kestrel Bay stopped on Friday.", "id": "ferry-1",
            "outlet": "Bay Courier", "published": "2026-03-01"}
    created = client.post("/api/v1/articles", json=body, headers=bearer(writer_token))
    assert created.status_code == 201, created.text
    assert created.json() == {"doc_id": "ferry-1", "status": "stored"}
    assert created.headers["location"] == "/api/v1/articles/ferry-1"
    again = client.post("/api/v1/articles", json=body, headers=bearer(writer_token))
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    stored = client.get("/api/v1/articles/ferry-1").json()
    assert stored["meta"]["outlet"] == "Bay Courier" and stored["meta"]["published"] == "2026-03-01"
    assert client.get("/api/v1/articles", params={"outlet": "Bay Courier"}).json()["total"] == 1
    deleted = client.delete("/api/v1/articles/ferry-1", headers=bearer(writer_token))
    assert deleted.status_code == 204
    assert client.get("/api/v1/articles/ferry-1").status_code == 404
    assert client.delete("/api/v1/articles/ferry-1", headers=bearer(writer_token)).status_code == 404


@pytest.mark.parametrize(("given", "day", "at"), [
    ("2026-03-02T09:30:00-05:00", "2026-03-02", "2026-03-02T09:30:00-05:00"),
    ("2026-03-02 14:30 UTC", "2026-03-02", "2026-03-02T14:30:00+00:00"),
    ("2026-03-02", "2026-03-02", None)])
def test_web_api_store_keeps_the_time_and_zone_given(client, writer_token, corpus_db, given, day, at):
    import sqlite3

    doc_id = "timed-" + str(abs(hash(given)) % 10_000)
    body = {"text": f"Ferry back at {given}\n\nThe ferry to Kestrel Bay ran again at {given}.", "id": doc_id,
            "outlet": "Bay Courier", "published": given}
    created = client.post("/api/v1/articles", json=body, headers=bearer(writer_token))
    assert created.status_code == 201, created.text
    meta = client.get(f"/api/v1/articles/{doc_id}").json()["meta"]
    assert meta["published"] == day and meta.get("published_at") == at
    with sqlite3.connect(corpus_db) as conn:
        row = conn.execute("SELECT published_at, published_utc FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    assert row[0] == at and (row[1] == ("2026-03-02T14:30:00Z" if at else None))
    assert client.delete(f"/api/v1/articles/{doc_id}", headers=bearer(writer_token)).status_code == 204


@pytest.mark.parametrize("given", ["last tuesday", "2026-02-30", "2026-03-02 25:99"])
def test_web_api_store_refuses_an_unreadable_date(client, writer_token, given):
    body = {"text": "Ferry\n\nThe ferry ran.", "id": "bad-date", "published": given}
    r = client.post("/api/v1/articles", json=body, headers=bearer(writer_token))
    assert r.status_code == 422 and "published" in r.text and "is not a date" in r.text, r.text
    form = client.post("/api/v1/articles", data={"published": given},
                       files={"file": ("ferry.txt", b"Ferry\n\nThe ferry ran.", "text/plain")}, headers=bearer(writer_token))
    assert form.status_code == 422 and "is not a date" in form.text, form.text
    assert client.get("/api/v1/articles/bad-date").status_code == 404


def test_web_api_job_items_take_a_date_time_and_refuse_an_unreadable_one(client, writer_token):
    bad = client.post("/api/v1/jobs", json={"items": [{"text": "T\n\nBody.", "published": "soon"}]},
                      headers=bearer(writer_token))
    assert bad.status_code == 422 and "is not a date" in bad.text
    from slant.web.api.schemas import JobItem

    assert JobItem(text="x", published="2026-03-02 09:30 CET").published == "2026-03-02T09:30:00+01:00"


def test_web_api_multipart_store_keeps_the_time_given(client, writer_token):
    r = client.post("/api/v1/articles", data={"published": "2026-03-03T07:15+01:00", "outlet": "Bay Courier"},
                    files={"file": ("ferry-m.txt", b"Ferry by form\n\nThe ferry ran by form.", "text/plain")},
                    headers=bearer(writer_token))
    assert r.status_code == 201, r.text
    meta = client.get(f"/api/v1/articles/{r.json()['doc_id']}").json()["meta"]
    assert meta["published_at"] == "2026-03-03T07:15:00+01:00"
    assert client.delete(f"/api/v1/articles/{r.json()['doc_id']}", headers=bearer(writer_token)).status_code == 204


def test_web_api_batch_job_runs_and_reports(client, writer_token):
    items = [{"text": "First one\n\nBody one.", "id": "job-a"}, {"text": "Second\n\nBody two.", "id": "job-b"},
             {"text": " ", "id": "job-empty"}]
    r = client.post("/api/v1/jobs", json={"items": items}, headers=bearer(writer_token))
    assert r.status_code == 202, r.text
    job_id = r.json()["job_id"]
    assert r.headers["location"] == f"/api/v1/jobs/{job_id}"
    client.app.state.slant.jobs.wait(job_id, timeout=60)
    status = client.get(f"/api/v1/jobs/{job_id}", headers=bearer(writer_token)).json()
    assert status["status"] == "done" and status["total"] == 3 and status["done"] == 2 and status["failed"] == 1
    results = client.get(f"/api/v1/jobs/{job_id}/results", headers=bearer(writer_token)).json()["results"]
    assert [x["status"] for x in results] == ["ok", "ok", "failed"]
    assert results[0]["document"]["id"] == "job-a" and results[2]["error"]["code"].startswith("E1")
    listed = client.get("/api/v1/jobs", headers=bearer(writer_token)).json()
    assert job_id in {j["job_id"] for j in listed}
    assert client.get("/api/v1/jobs/0123456789abcdef", headers=bearer(writer_token)).status_code == 404


def test_web_api_batch_job_can_store(client, writer_token):
    items = [{"text": "Stored by a job\n\nIt has a body.", "id": "job-stored", "outlet": "Job Outlet"}]
    job_id = client.post("/api/v1/jobs", json={"items": items, "store": True}, headers=bearer(writer_token)).json()["job_id"]
    client.app.state.slant.jobs.wait(job_id, timeout=60)
    results = client.get(f"/api/v1/jobs/{job_id}/results", headers=bearer(writer_token)).json()["results"]
    assert results[0]["status"] == "ok" and results[0]["doc_id"] == "job-stored"
    assert client.get("/api/v1/articles/job-stored").json()["meta"]["outlet"] == "Job Outlet"
    client.delete("/api/v1/articles/job-stored", headers=bearer(writer_token))


def test_web_api_batch_size_is_limited(corpus_db, writer_token):
    with make_client(corpus_db, max_batch_items=2) as c:
        r = c.post("/api/v1/jobs", json={"items": [{"text": "a"}] * 3}, headers=bearer(writer_token))
    assert r.status_code == 422 and "split" in r.json()["hint"]


def test_web_api_revoked_token_stops_working(corpus_db, client):
    token = create_token(corpus_db, "short-lived", scope="write")
    assert client.get("/api/v1/me", headers=bearer(token)).json()["name"] == "short-lived"
    assert revoke_token(corpus_db, "short-lived") == 1
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_web_api_token_protected_reading(corpus_db, reader_token):
    with make_client(corpus_db, read_access="token") as c:
        assert c.get("/healthz").status_code == 200  # liveness stays open for the orchestrator
        for path in ("/api/v1/articles", "/api/v1/stats/summary", "/api/v1/exports/documents"):
            r = c.get(path)
            assert r.status_code == 401 and r.headers["content-type"].startswith(PROBLEM), path
        assert c.post("/api/v1/analyze", json={"text": "x\n\ny"}).status_code == 401
        assert c.get("/api/v1/articles", headers=bearer(reader_token)).status_code == 200
        me = c.get("/api/v1/me", headers=bearer(reader_token)).json()
        assert me == {"authenticated": True, "name": "test-reader", "scope": "read", "read_access": "token"}


# -- limits ---------------------------------------------------------------------------------------
def test_web_api_body_size_limit(corpus_db):
    with make_client(corpus_db, max_body_bytes=2000) as c:
        big = {"text": "Title\n\n" + "word " * 1000}
        r = c.post("/api/v1/analyze", json=big)
        assert r.status_code == 413 and r.headers["content-type"].startswith(PROBLEM)
        assert r.json()["code"] == "E904"
        # a chunked body (no Content-Length) is counted while it streams
        chunks = (b"x" * 500 for _ in range(10))
        r = c.post("/api/v1/analyze", content=chunks, headers={"Content-Type": "text/plain"})
        assert r.status_code == 413
        upload = c.post("/api/v1/analyze", files={"file": ("a.txt", b"y" * 5000, "text/plain")})
        assert upload.status_code == 413
        assert c.post("/api/v1/analyze", json={"text": "Small\n\nfine."}).status_code == 200


def test_web_api_article_size_limit_follows_read_max_bytes(corpus_db):
    settings = load_settings(env={}, read={"max_bytes": 100})
    with TestClient(create_app(settings, corpus_db, web=WebSettings()), raise_server_exceptions=False) as c:
        r = c.post("/api/v1/analyze", json={"text": "T\n\n" + "z" * 200})
    assert r.status_code == 413 and r.json()["code"] == "E104"


def test_web_api_rate_limits_per_client(corpus_db, writer_token):
    with make_client(corpus_db, read_per_minute=5, analyze_per_minute=2) as c:
        codes = [c.get("/api/v1/stats/summary").status_code for _ in range(7)]
        assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
        r = c.get("/api/v1/stats/summary")
        assert int(r.headers["retry-after"]) >= 1 and r.json()["code"] == "E903"
        # another client (a token) has its own bucket
        assert c.get("/api/v1/stats/summary", headers=bearer(writer_token)).status_code == 200
        assert c.get("/healthz").status_code == 200  # never rate limited


def test_web_api_analysis_has_its_own_stricter_limit(corpus_db):
    with make_client(corpus_db, analyze_per_minute=2) as c:
        codes = [c.post("/api/v1/analyze", json={"text": "T\n\nbody"}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert c.get("/api/v1/stats/summary").status_code == 200


def test_web_api_unknown_paths_and_methods_are_problems(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM)
    r = client.put("/api/v1/analyze", json={"text": "x"})
    assert r.status_code == 405 and r.headers["content-type"].startswith(PROBLEM)


def test_web_api_create_token_rejects_bad_input(tmp_path):
    from slant.errors import SettingsError

    with pytest.raises(SettingsError):
        create_token(tmp_path / "s.db", "", scope="write")
    with pytest.raises(SettingsError):
        create_token(tmp_path / "s.db", "x", scope="admin")
    token = create_token(tmp_path / "new.db", "first")  # a new store is created on the way
    assert token.startswith("slant_") and len(token) > 40


@pytest.mark.slow
def test_web_api_serve_runs_uvicorn_on_the_given_port(tmp_path):
    """`slant.web.serve` (what `slant serve` calls) answers on 127.0.0.1 and stops on SIGTERM."""
    import socket
    import subprocess
    import sys
    import time

    import httpx2

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = f"from slant.web import serve; serve({str(tmp_path / 'new.db')!r}, '127.0.0.1', {port}, log_level='warning')"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=1.0)
                break
            except httpx2.HTTPError:
                assert proc.poll() is None, "the server exited"
                assert time.monotonic() < deadline, "no answer within 60 s"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["documents"] == 0
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert "server" not in r.headers  # uvicorn's banner is switched off
    finally:
        proc.terminate()
        # uvicorn shuts down cleanly, then re-raises the signal it caught (exit by SIGTERM)
        assert proc.wait(timeout=20) in (0, -15)


def test_web_api_search_uses_the_stores_fts5_index(tmp_path):
    """The store keeps a `documents_fts` index (external content over documents.rowid); search runs on it."""
    import sqlite3

    db = tmp_path / "fts.db"
    make_demo_store(db, articles=6)
    from slant.web import queries

    with sqlite3.connect(db) as conn:
        where, params = queries.where_clause(conn, queries.ArticleFilters(q='harbour "tax'))
        assert "documents_fts MATCH" in where and params == ['("harbour") AND ("tax")']
    with make_client(db) as c:
        found = c.get("/api/v1/articles", params={"q": "harbour tax"}).json()
        assert found["total"] >= 1 and all("harbour tax" in a["title"] for a in found["items"])
        assert c.get("/api/v1/articles", params={"q": 'NEAR(" OR *'}).status_code == 200  # no FTS syntax leaks


def test_web_api_filters_are_not_correlated_subqueries(corpus_db):
    """Each filter is computed once (IN over its own index), never per document: a correlated
    EXISTS on spans took 11 s for 5,000 documents where the IN form takes ~25 ms. (The outlet filter's
    walk over the outlet's spellings, store.outlets.is_outlet, is correlated to the spelling before,
    once per distinct spelling, not per document.)"""
    import sqlite3

    from slant.web import queries

    f = queries.ArticleFilters(outlet="Daily Lantern", technique="Doubt", frame="Economic", genre="reporting",
                               speaker="Mayor Ada Brook", entity="Port Alder", cluster="x")
    with sqlite3.connect(corpus_db) as conn:
        where, params = queries.where_clause(conn, f)
        rows = conn.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM documents d WHERE {where}", params).fetchall()
    parent = {r[0]: r[1] for r in rows}
    detail = {r[0]: r[3] for r in rows}

    def in_spelling_walk(node: int) -> bool:
        while node in parent:
            if detail[node] == "CO-ROUTINE spelling":
                return True
            node = parent[node]
        return False

    plan = " | ".join(r[3] for r in rows)
    assert "CO-ROUTINE spelling" in plan  # (the outlet filter is in it)
    assert not [r[3] for r in rows if "CORRELATED" in r[3] and not in_spelling_walk(r[0])], plan


@needs_two_blas_threads
def test_web_api_analyses_with_blas_at_one_thread_in_every_server_thread(corpus_db, writer_token, monkeypatch):
    """The server runs pipelines in its job thread and in AnyIO's worker threads, and both live on
    between requests. A pipeline in one of them must hold numpy's BLAS at one thread even after
    another thread ran one (threadpoolctl let only the first such thread set it: the analysis
    that followed a job ran with BLAS at two threads). Checked inside the pipeline by what
    OpenBLAS's own threads do (tests/test_models_blas.py)."""
    import threading

    from slant.analyze import registry

    seen = []

    def factory():
        def probe(doc):
            seen.append((threading.current_thread().name, blas_threads(), products_cpu()))
            return doc
        return probe

    name = "slant.blas_probe.v1"
    monkeypatch.setitem(registry._REGISTRY, name, registry.ComponentInfo(name, factory))
    settings = load_settings(env={}, analyze={"components": (name,)})
    with TestClient(create_app(settings, corpus_db, web=WebSettings()), raise_server_exceptions=False) as c:
        job = c.post("/api/v1/jobs", json={"items": [{"text": "A job\n\nIts body."}]}, headers=bearer(writer_token))
        assert job.status_code == 202, job.text
        assert c.app.state.slant.jobs.wait(job.json()["job_id"], timeout=60).status == "done"
        for _ in range(2):
            assert c.post("/api/v1/analyze", json={"text": "A title\n\nThe body of it."}).status_code == 200
    assert len(seen) == 3 and seen[0][0].startswith("slant-job") and "slant-job" not in seen[1][0], seen
    for thread, threads, (own, others) in seen:
        assert threads == [1] * len(threads) and blas_pool_idle(own, others), seen


def test_web_api_runs_export_leaves_out_the_scheduler_address():
    """A run's Dask scheduler address (tcp://host:port, recorded by `slant ingest --scheduler`) is the
    server's, like its host name and process id: the public export of runs leaves it out."""
    from slant.web.api.exports import without_server_paths

    args = {"sources": ["/srv/data/feed.jsonl"], "scheduler": "tcp://10.20.30.40:8786", "pid": 4242,
            "host": "ingest-7", "workers": 4}
    row = without_server_paths("runs", {"run_id": 1, "args": json.dumps(args)})
    public = json.loads(row["args"])
    assert public == {"sources": ["feed.jsonl"], "workers": 4}
    assert "10.20.30.40" not in row["args"]


# -- the app only reads a store it serves (session 14's note: it opened it read-write) ---------------
def test_web_api_serving_a_store_an_ingest_is_writing_neither_waits_nor_writes(tmp_path):
    """The app opened its store for writing at start (migrate, tokens table, the CSRF secret's INSERT):
    while a batch ingest held the write lock it waited the whole busy timeout and failed (E701). A store
    served before is now opened read-only: the app starts and answers at once, and no commit of its
    own reaches the store (PRAGMA data_version of another connection does not move)."""
    import sqlite3
    import time

    db = tmp_path / "corpus.db"
    make_demo_store(db, articles=4)
    with make_client(db) as c:  # the first serve prepares the store (tokens table, CSRF secret)
        assert c.get("/healthz").status_code == 200
    settings = load_settings(env={}).with_overrides(store={"busy_timeout_ms": 20_000})
    ingest = sqlite3.connect(db, isolation_level=None)
    stored = ingest.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    watcher = sqlite3.connect(db, isolation_level=None)
    seen = watcher.execute("PRAGMA data_version").fetchone()[0]
    ingest.execute("BEGIN IMMEDIATE")  # an ingest's open transaction: it holds the write lock
    ingest.execute("UPDATE documents SET title = title || ' (edited)' WHERE rowid = 1")
    try:
        started = time.monotonic()
        with TestClient(create_app(settings, db, web=WebSettings()), raise_server_exceptions=False) as c:
            assert c.get("/healthz").json()["documents"] == stored
            assert c.get("/api/v1/articles").json()["total"] == stored
            assert c.get("/articles").status_code == 200
        assert time.monotonic() - started < 10  # it did not wait out the 20 s busy timeout
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == seen
    finally:
        ingest.execute("COMMIT")
    assert watcher.execute("PRAGMA data_version").fetchone()[0] != seen  # the watcher does see commits
    ingest.close()
    watcher.close()


def test_web_api_serves_a_store_in_a_folder_it_cannot_write_read_only(tmp_path, capsys):
    """A store this user cannot write (an archived corpus) could not be served at all; it is served
    read-only, said once, and a write is refused with a problem, not a traceback."""
    from tests.test_store_sqlite import _unwritable

    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "corpus.db"
    make_demo_store(db, articles=3)
    token = create_token(db, "archivist", scope="write")
    with _unwritable(folder):
        with make_client(db) as c:
            assert c.get("/healthz").json()["documents"] > 0
            doc_id = c.get("/api/v1/articles").json()["items"][0]["doc_id"]
            assert c.get(f"/api/v1/articles/{doc_id}").status_code == 200
            refused = c.delete(f"/api/v1/articles/{doc_id}", headers=bearer(token))
            assert refused.status_code == 503 and refused.headers["content-type"].startswith(PROBLEM)
        assert sorted(p.name for p in folder.iterdir()) == ["corpus.db"]
    assert capsys.readouterr().err.count("served read-only (this user cannot write the store)") == 1
    with make_client(db) as c:
        assert c.get(f"/api/v1/articles/{doc_id}").status_code == 200  # nothing was deleted


def test_web_api_first_serve_while_an_ingest_writes_serves_and_prepares_at_the_first_write(tmp_path, capsys):
    """Review r15a: the first serve of a store (no web tables yet) while an ingest held the write lock
    waited the whole busy timeout and crashed at start ("database is locked", printed as a bug). It
    now waits at most a moment, serves the store as it is, and makes its tables at its first write."""
    import sqlite3
    import time

    db = tmp_path / "corpus.db"
    make_demo_store(db, articles=4)  # ingested, never served: no web_secrets table
    token = create_token(db, "editor", scope="write")
    settings = load_settings(env={}).with_overrides(store={"busy_timeout_ms": 20_000})
    ingest = sqlite3.connect(db, isolation_level=None)
    ingest.execute("BEGIN IMMEDIATE")  # an ingest's open transaction: it holds the write lock
    ingest.execute("UPDATE documents SET title = title || ' (edited)' WHERE rowid = 1")
    try:
        started = time.monotonic()
        with TestClient(create_app(settings, db, web=WebSettings()), raise_server_exceptions=False) as c:
            listed = c.get("/api/v1/articles")
            assert listed.status_code == 200 and c.get("/").status_code == 200
            assert time.monotonic() - started < 10  # it did not wait out the 20 s busy timeout
            ingest.execute("COMMIT")
            doc_id = listed.json()["items"][0]["doc_id"]
            assert c.delete(f"/api/v1/articles/{doc_id}", headers=bearer(token)).status_code == 204
            assert c.get(f"/api/v1/articles/{doc_id}").status_code == 404
    finally:
        if ingest.in_transaction:
            ingest.execute("ROLLBACK")
        ingest.close()
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM web_secrets WHERE name = 'csrf'").fetchone()[0] == 1
    assert "another process (an ingest?) is writing the store" in capsys.readouterr().err


def test_web_api_an_older_store_locked_by_an_ingest_starts_after_a_moment_not_the_busy_timeout(tmp_path, capsys):
    """Review r15c: serving a store of an older schema while an ingest held the write lock waited the
    whole busy timeout (30 s by default) at start: the first, read-only open (_prepared_secret) tries to
    migrate the store with the settings' busy timeout. It waits at most the start's wait (PREPARE_WAIT_MS)
    there too, then serves the store as it is."""
    import sqlite3
    import time

    from tests.test_store_sqlite import _version_5_store

    db = tmp_path / "old.db"
    _version_5_store(db)
    settings = load_settings(env={}).with_overrides(store={"busy_timeout_ms": 20_000})
    ingest = sqlite3.connect(db, isolation_level=None)
    ingest.execute("BEGIN IMMEDIATE")  # an ingest's open transaction: it holds the write lock
    try:
        started = time.monotonic()
        with TestClient(create_app(settings, db, web=WebSettings()), raise_server_exceptions=False):
            assert time.monotonic() - started < 10  # it did not wait out the 20 s busy timeout
    finally:
        ingest.execute("ROLLBACK")
        ingest.close()
    assert "another process (an ingest?) is writing the store" in capsys.readouterr().err


def test_web_api_a_read_only_server_refuses_writes_before_any_work(tmp_path):
    """Review r15a: on a server whose user cannot write the store (served before, so opened read-only
    without trying a writer), POST /articles analysed the whole article, then answered 503 "unable to
    open database file" with a disk-space hint; POST /jobs with store:true got 202 and its items then
    failed naming the server's path; DELETE gave the same 503. Each is now refused at once with E707,
    naming the store's file and not the server's path, and the page offers no "store" option."""
    from tests.test_store_sqlite import _unwritable
    from tests.test_web_ui import form_token

    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "corpus.db"
    make_demo_store(db, articles=3)
    token = create_token(db, "archivist", scope="write")
    with make_client(db) as c:  # served once by its owner: web tables made
        assert c.get("/healthz").status_code == 200
    before = sorted(p.name for p in folder.iterdir())
    with _unwritable(folder):
        with make_client(db) as c:
            doc_id = c.get("/api/v1/articles").json()["items"][0]["doc_id"]
            # an empty text is a 422 once the body is read: the 503 says it was not even read, nor analysed
            refused = [c.post("/api/v1/articles", json={"text": ""}, headers=bearer(token)),
                       c.post("/api/v1/jobs", json={"items": [{"text": "A headline\n\nA body."}], "store": True},
                              headers=bearer(token)),
                       c.delete(f"/api/v1/articles/{doc_id}", headers=bearer(token))]
            for r in refused:
                assert r.status_code == 503 and r.json()["code"] == "E707", r.text
                assert "serves the store read-only: its user cannot write corpus.db" in r.json()["detail"]
                assert str(tmp_path) not in r.text
            assert c.get("/api/v1/jobs", headers=bearer(token)).json() == []  # no job was queued
            job = c.post("/api/v1/jobs", json={"items": [{"text": "A headline\n\nA body."}], "store": False},
                         headers=bearer(token))
            assert job.status_code == 202  # analysing without storing is still offered
            login = c.post("/login", data={"token": token, "csrf_token": form_token(c)})
            assert login.status_code in (200, 303), login.text
            home = c.get("/").text
            assert 'action="/logout"' in home and 'name="store"' not in home
            assert "This server serves the store read-only" in home
            saved = c.post("/analyze", data={"text": "", "store": "1", "csrf_token": form_token(c)},
                           headers={"Accept": "application/json"})
            assert saved.status_code == 503 and saved.json()["code"] == "E707"
        assert sorted(p.name for p in folder.iterdir()) == before
    with make_client(db) as c:
        assert c.get(f"/api/v1/articles/{doc_id}").status_code == 200  # nothing was deleted


def test_web_api_a_store_read_without_locks_is_read_anew_when_its_owner_writes_it(tmp_path):
    """Review r15a: a server reading a store in a folder it cannot write (immutable=1: no locks) kept
    showing the old counts once the owner wrote the store, then answered 500 E000 "this is a bug" with
    "database disk image is malformed". It now sees the file change (time, size, a journal beside it)
    and reads it anew; a page that still reads as damaged is 503, not a bug: E709 (damaged) while the file
    looks as when it was opened (review r15c), E708 (the store changed) once it does not."""
    import os
    import sqlite3
    import time

    from slant.document import Document, Metadata
    from slant.store import open_store
    from tests.test_store_sqlite import _rewrite_keeping_time_and_size, _unwritable

    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "corpus.db"
    make_demo_store(db, articles=3)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    with contextlib.ExitStack() as locked:
        locked.enter_context(_unwritable(folder))
        with make_client(db) as c:
            assert c.get("/api/v1/articles").json()["total"] == stored
            locked.close()  # the owner (who can write the folder) adds articles while the server runs
            with open_store(db) as owner, owner.session() as w:
                for i in range(30):
                    w.put(Document(f"Owner's article {i}. The harbour reopened on day {i}.", id=f"new{i}",
                                   meta=Metadata(outlet="Harbour Herald")))
            listed = c.get("/api/v1/articles")
            assert listed.status_code == 200 and listed.json()["total"] == stored + 30
            assert c.get("/api/v1/articles/new7").status_code == 200
    folder = tmp_path / "archive2"  # (the server above read the written store with locks: its -wal stays)
    folder.mkdir()
    db = folder / "corpus.db"
    make_demo_store(db, articles=3)
    with _unwritable(folder), make_client(db) as c:
        doc_id = c.get("/api/v1/articles").json()["items"][0]["doc_id"]
        assert c.app.state.slant.reads_without_locks
        _rewrite_keeping_time_and_size(db)  # a change the reader cannot see coming: damage, as far as it knows
        damaged = c.get(f"/api/v1/articles/{doc_id}")
        assert damaged.status_code == 503 and damaged.json()["code"] == "E709", damaged.text
        assert str(tmp_path) not in damaged.text
        assert not c.app.state.slant.changed_under_readers()
        os.utime(db, ns=(time.time_ns(), time.time_ns()))  # the file's time says it was written
        assert c.app.state.slant.changed_under_readers()  # a page read as damaged now is E708 (changed)


def test_web_api_a_damaged_store_is_503_store_damaged_not_a_bug_nor_ask_again(tmp_path):
    """Review r15c: a damaged store (pages corrupt, the file unchanged, no writer) served without locks
    answered 503 E708 "the store changed on disk ... run the command again" at every request (a flag set
    once a reader read without locks never reset), and served read-write it answered 500 E000 "this is a
    bug in Slant". Both now answer 503 E709: the store is damaged, restore it from a backup or recover it."""
    from tests.test_store_sqlite import _rewrite_keeping_time_and_size, _unwritable

    for served in ("read-write", "without locks"):
        folder = tmp_path / served
        folder.mkdir()
        db = folder / "corpus.db"
        make_demo_store(db, articles=3)
        _rewrite_keeping_time_and_size(db, table="documents")
        with contextlib.ExitStack() as stack:
            if served == "without locks":
                stack.enter_context(_unwritable(folder))
            c = stack.enter_context(make_client(db))
            for path in ("/api/v1/articles", "/api/v1/articles/story-001", "/api/v1/articles"):
                damaged = c.get(path)
                assert damaged.status_code == 503, (served, damaged.text)
                body = damaged.json()
                assert body["code"] == "E709" and "backup" in body["hint"], (served, body)
                assert "again" not in body["detail"] and str(tmp_path) not in damaged.text
            assert c.app.state.slant.reads_without_locks == (served == "without locks")


def test_web_api_articles_pages_and_exports_say_an_outlet_as_named_not_as_an_older_store_padded_it(tmp_path):
    """Review r15c: /api/v1/articles, an article's related copies and the documents/quotes exports gave the
    stored spelling of an older store ("\\tMonde", "Ærø Avis\\u00a0", "\\x1c" for none) while /api/v1/outlets
    and the claims exports said "Monde"; the /articles page linked a blank-outlet article as
    `<a href="/articles?outlet=%1C"></a>` (no text, listing the whole corpus). Every output now says the
    name (store.outlets.named), and a blank outlet is not named (null, "outlet not named" on the page)."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "old.db"
    quote = ("The harbour will reopen in May next year", "Ann Lee")
    outlets = {"m1": "Monde", "m2": "\tMonde", "a2": "Ærø Avis\u00a0", "n2": "\x1c"}
    with open_store(db) as s:
        with s.session() as w:
            for i, doc_id in enumerate(outlets):
                w.put(build(doc_id, f"placeholder {doc_id}", f"2024-01-{i + 1:02d}", ["Doubt"], quote=quote))
            w.add_link("m1", "m2", kind="exact", score=1.0)
            w.join_cluster("m2", ["m1"])
        for doc_id, outlet in outlets.items():  # as an older store kept them
            s.conn.execute("UPDATE documents SET outlet = ? WHERE doc_id = ?", (outlet, doc_id))
    named = {"m1": "Monde", "m2": "Monde", "a2": "Ærø Avis", "n2": None}
    with make_client(db) as c:
        items = c.get("/api/v1/articles", params={"per_page": 50}).json()["items"]
        assert {i["doc_id"]: i["outlet"] for i in items} == named
        copies = c.get("/api/v1/articles/m1/related").json()["duplicates"]
        assert [(d["doc_id"], d["outlet"]) for d in copies] == [("m2", "Monde")]
        for table in ("documents", "quotes"):
            rows = [json.loads(line) for line in c.get(f"/api/v1/exports/{table}", params={"format": "jsonl"}).text.splitlines()]
            assert {r["doc_id"]: r["outlet"] for r in rows} == named, table
        page = c.get("/articles", params={"per_page": 50}).text
        assert "outlet=%1C" not in page and "\x1c" not in page and "></a>" not in page
        assert page.count('href="/articles?outlet=Monde') == 2
