"""Hostile input and hostile clients: XSS, CSRF, path traversal, headers, sign-in."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from slant.document import Document, Label, Metadata, Span  # noqa: E402
from slant.settings import load_settings  # noqa: E402
from slant.store import open_store  # noqa: E402
from slant.web import create_app, create_token  # noqa: E402
from slant.web.config import WebSettings  # noqa: E402
from slant.web.demo import make_demo_store  # noqa: E402
from slant.web.service import safe_filename  # noqa: E402

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>'
HOSTILE_ID = "evil<b>id"


def hostile_document() -> Document:
    """A stored article whose every field tries to inject markup."""
    text = f"Title {XSS}\n\nBody says {XSS} and more words here.\n\n\u201cQuote {XSS}\u201d, said Eve."
    doc = Document(text, id=HOSTILE_ID, source=f"feeds/{XSS}.txt",
                   meta=Metadata(title=f"</title>{XSS}", outlet=f"Outlet {XSS}", byline=XSS,
                                 url=f"javascript:alert(3)//{XSS}", published="2026-02-02"))
    doc.set_paragraphs([Span(0, text.index("\n\n")), Span(text.index("Body"), text.index("\n\n\u201c")),
                        Span(text.index("\u201c"), len(text))])
    body = text.index("Body")
    doc.add_layer("techniques", [Span(body, body + 40, 'Loaded" onmouseover="alert(4)', 0.9),
                                 Span(body + 5, body + 30, "Doubt", 0.7)])
    q = text.index("\u201c") + 1
    doc.add_layer("quotes", [Span(q, text.index("\u201d"), "direct", 0.9, {"speaker": {"text": XSS}, "relay": {"name": XSS}})])
    doc.add_layer("entities", [Span(body, body + 10, "PER", 0.9, {"canonical": XSS})])
    doc.set_labels("frames", [Label(f"Frame{XSS}", 0.7, True)])
    doc.set_labels("genre", [Label(XSS, 0.7, True)])
    return doc


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("websec") / "corpus.db"
    make_demo_store(path)
    with open_store(path) as store, store.session() as s:
        s.put(hostile_document())
        s.add_link(HOSTILE_ID, "story-001", kind="near", score=0.5)
        s.join_cluster(HOSTILE_ID, ["story-001"])
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(load_settings(env={}), db, web=WebSettings()), raise_server_exceptions=False) as c:
        yield c


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_no_injected_markup(html: str) -> None:
    """Parsed as a browser would: only our own scripts, no handlers, no foreign elements or URLs."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        if tag == "script":
            assert attrs.get("src") in ("/static/page.js", "/static/app.js"), attrs
        assert tag not in ("iframe", "object", "embed", "img", "base"), (tag, attrs)
        assert not [a for a in attrs if a.lower().startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not str(attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)
        if tag == "svg":
            assert attrs.get("class") in ("chart", "chart fit"), attrs  # fit: drawn to shrink to a phone


def csrf(client: TestClient) -> str:
    """The token the page's forms carry (signed for this browser's nonce and session)."""
    html = client.get("/").text
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


# -- XSS ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/articles/evil%3Cb%3Eid", "/articles", "/articles?q=Body", "/stats", "/outlets",
                                  "/clusters", "/", "/articles?technique=Doubt"])
def test_web_security_hostile_stored_article_is_escaped_everywhere(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert_no_injected_markup(r.text)


def test_web_security_hostile_outlet_and_cluster_pages(client):
    outlet = client.get("/api/v1/articles/evil%3Cb%3Eid").json()["meta"]["outlet"]
    from urllib.parse import quote

    r = client.get("/outlets/" + quote(outlet, safe=""))
    assert r.status_code == 200
    assert_no_injected_markup(r.text)
    cluster = client.get("/api/v1/articles/evil%3Cb%3Eid/related").json()["cluster"]["cluster_id"]
    r = client.get("/clusters/" + quote(cluster, safe=""))
    assert r.status_code == 200
    assert_no_injected_markup(r.text)
    assert "&lt;script&gt;" in r.text or "&lt;/title&gt;" in r.text


def test_web_security_pasted_hostile_text_is_escaped(client):
    token = csrf(client)
    text = f"Headline here\n\nPlain words then {XSS} and more."
    r = client.post("/analyze", data={"text": text, "csrf_token": token})
    assert r.status_code == 200
    assert_no_injected_markup(r.text)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in r.text or "&lt;script&gt;alert(&quot;x&quot;)" in r.text


def test_web_security_uploaded_hostile_html_is_never_rendered(client):
    page = (b"<html><head><title>Bad &lt;script&gt;alert(5)&lt;/script&gt;</title>"
            b"<meta name='author' content='\"><script>alert(6)</script>'>"
            b"<script>alert(7)</script></head><body><article><h1>Headline of the page</h1>"
            b"<p>A paragraph &lt;img src=x onerror=alert(8)&gt; that is long enough to count as article text "
            b"for the extractor, with more words and more words and more words.</p>"
            b"<p onclick='alert(9)'>Another paragraph <b>bold</b> <iframe src='javascript:alert(10)'></iframe> "
            b"with words enough to be kept by the extractor as part of the article body.</p>"
            b"</article></body></html>")
    token = csrf(client)
    r = client.post("/analyze", data={"csrf_token": token}, files={"file": ("page.html", page, "text/html")})
    assert r.status_code == 200, r.text[:500]
    assert_no_injected_markup(r.text)
    assert "alert(7)" not in r.text and "<iframe" not in r.text
    api = client.post("/api/v1/analyze", files={"file": ("page.html", page, "text/html")})
    assert api.status_code == 200 and api.headers["content-type"].startswith("application/json")


def test_web_security_inline_styles_are_allowed_by_hash_only(client):
    r = client.get("/articles/story-000")
    csp = r.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp and "http" not in csp and "*" not in csp
    styles = set(re.findall(r'style="([^"]*)"', r.text))
    assert styles
    for value in styles:
        digest = base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp, value


# -- headers --------------------------------------------------------------------------------------
@pytest.mark.parametrize("method,path", [("GET", "/"), ("GET", "/api/v1/articles"), ("GET", "/nope"),
                                         ("GET", "/healthz"), ("POST", "/api/v1/articles"), ("GET", "/static/app.js")])
def test_web_security_headers_on_every_response(client, method, path):
    r = client.request(method, path)
    h = r.headers
    assert "default-src 'none'" in h["content-security-policy"]
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"


# -- CSRF -----------------------------------------------------------------------------------------
def test_web_security_form_posts_need_the_csrf_token(client):
    token = csrf(client)
    assert client.post("/analyze", data={"text": "T\n\nbody"}).status_code == 403
    assert client.post("/analyze", data={"text": "T\n\nbody", "csrf_token": "forged"}).status_code == 403
    client.cookies.delete("slant_csrf")
    assert client.post("/analyze", data={"text": "T\n\nbody", "csrf_token": token}).status_code == 403
    token = csrf(client)
    ok = client.post("/analyze", data={"text": "T\n\nbody", "csrf_token": token})
    assert ok.status_code == 200
    assert client.post("/login", data={"token": "x"}).status_code == 403
    assert client.post("/logout", data={}).status_code == 403


def test_web_security_csrf_cookie_is_strict(client):
    client.cookies.clear()
    r = client.get("/")
    cookie = r.headers["set-cookie"].lower()
    assert "slant_csrf=" in cookie and "samesite=strict" in cookie and "httponly" in cookie


# -- path traversal -------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e%2fapp.py",
                                  "/static/__init__.py", "/static/templates%2Fbase.html", "/articles/..%2F..%2Fetc%2Fpasswd",
                                  "/api/v1/articles/..%2F..%2Fetc%2Fpasswd", "/outlets/..%2F..%2Fetc"])
def test_web_security_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "root:" not in r.text and "import" not in r.text


@pytest.mark.parametrize("name,expected", [("../../etc/passwd", "passwd"), ("..\\..\\boot.ini", "boot.ini"),
                                           ("/abs/path/a.html", "a.html"), ("", "upload.txt"), ("..", "upload.txt"),
                                           ("a\x00b<script>.txt", "ab_script_.txt"), ("x" * 300 + ".txt", "x" * 120)])
def test_web_security_upload_names_are_reduced(name, expected):
    assert safe_filename(name) == expected


def test_web_security_upload_name_never_reaches_the_filesystem(client):
    r = client.post("/api/v1/analyze", files={"file": ("../../../../etc/passwd", b"Title\n\nbody text", "text/plain")})
    assert r.status_code == 200
    assert r.json()["source"] == "passwd" and "root:" not in r.text


# -- sign-in when reading needs a token ----------------------------------------------------------
def test_web_security_token_protected_pages_and_sign_in(db):
    token = create_token(db, "analyst", scope="read")
    app = create_app(load_settings(env={}), db, web=WebSettings(read_access="token"))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/articles", headers={"Accept": "text/html"})
        assert r.status_code == 401 and 'name="token"' in r.text
        assert r.headers["www-authenticate"].startswith("Bearer")
        # the sign-in form works from the very first page a new visitor sees
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', r.text).group(1)
        assert c.cookies.get("slant_csrf") and csrf_token != c.cookies.get("slant_csrf")
        assert c.get("/stats").status_code == 401
        bad = c.post("/login", data={"token": "slant_wrong", "csrf_token": csrf_token}, follow_redirects=False)
        assert bad.status_code == 401
        good = c.post("/login", data={"token": token, "csrf_token": csrf_token, "next": "//evil.example/"},
                      follow_redirects=False)
        assert good.status_code == 303 and good.headers["location"] == "/"
        # signed in: the form token is bound to the new session, so the pages carry a new one
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        for hostile in ("/\t/evil.example", "/\\evil.example", "https://evil.example", "/%0a/x\n"):
            r = c.post("/login", data={"token": token, "csrf_token": csrf_token, "next": hostile}, follow_redirects=False)
            assert r.headers["location"] == "/", hostile
        r = c.post("/login", data={"token": token, "csrf_token": csrf_token, "next": "/articles?outlet=A"},
                   follow_redirects=False)
        assert r.headers["location"] == "/articles?outlet=A"
        assert "httponly" in good.headers["set-cookie"].lower()
        assert c.get("/articles").status_code == 200
        assert c.get("/api/v1/articles").status_code == 200  # the session cookie reads the API too
        c.post("/logout", data={"csrf_token": csrf_token})
        assert c.get("/articles").status_code == 401


def test_web_security_revoked_session_cookie_falls_back_to_visitor(db, client):
    from slant.web import revoke_token

    token = create_token(db, "leaver", scope="read")
    client.cookies.set("slant_session", token)
    try:
        assert client.get("/articles").status_code == 200
        revoke_token(db, "leaver")
        assert client.get("/articles").status_code == 200  # public reading: still a visitor
        assert client.get("/api/v1/me").json()["authenticated"] is False
        assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    finally:
        client.cookies.delete("slant_session")


def test_web_security_csrf_tokens_are_shared_by_workers_of_one_store(db, tmp_path):
    """Two workers (apps) on one store accept each other's forms, also after a restart; another
    store's forms are refused."""
    settings = load_settings(env={})
    with TestClient(create_app(settings, db, web=WebSettings())) as first:
        token = csrf(first)
        nonce = first.cookies.get("slant_csrf")
    with TestClient(create_app(settings, db, web=WebSettings())) as second:
        second.cookies.set("slant_csrf", nonce)
        assert second.post("/analyze", data={"text": "T\n\nbody", "csrf_token": token}).status_code == 200
    other = tmp_path / "other.db"
    make_demo_store(other, articles=2)
    with TestClient(create_app(settings, other, web=WebSettings())) as stranger:
        stranger.cookies.set("slant_csrf", nonce)
        assert stranger.post("/analyze", data={"text": "T\n\nbody", "csrf_token": token}).status_code == 403
