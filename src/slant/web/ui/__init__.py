"""The pages: reading view, corpus explorer, charts, clusters, outlets (server-rendered, Jinja2).

Templates autoescape everything; the only markup passed in unescaped is the article body from
:func:`slant.render.html.render_article` (which escapes every piece of article text itself) and the
SVG charts from :mod:`slant.web.ui.charts` (which escape every label).
"""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from slant.analyze.quotes.confidence import PROBABILITY_MEANING
from slant.analyze.taxonomy import (FRAMES_MEANING, GENRE_MEANING, GENRE_SHORT_NO_SCORES, SCORE_MEANING, explain,
                                    genre_too_short, genre_uncertain, human_name, percent)
from slant.clean.timestamps import given_publication
from slant.document import Document
from slant.errors import AuthRequired, CsrfFailed, InputError, NotFoundError, TokenForbidden
from slant.render.html import _palette as technique_palette  # shared with the standalone page
from slant.corpus import claims as corpus_claims
from slant.corpus import stats as corpus_stats
from slant.render import NO_OUTLET, articles_words, dates_words, outlet_count, outlets_words
from slant.render.html import reading_key, render_article
from slant.render.summary import CLAIMS_BELOW_HALF, claim_source, claims_of, clip, entity_summary, speaker_label
from slant.web import queries, service
from slant.web.api.deps import PageReader, State, identify
from slant.web.api.filters import DAY_PATTERN, Filters
from slant.web.auth import verify_token
from slant.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    SESSION_COOKIE,
    csp_with_style_hashes,
    new_csrf_token,
)
from slant.web.ui import charts
from slant.web.ui.words import (
    ENTITY_TYPES,
    LINK_KINDS,
    code_spans,
    component_name,
    date_evidence,
    filter_name,
    marked,
    plural,
    public_source,
    when,
)

#: static files by URL name -> (package, file, media type); nothing else is served, so no name
#: a client sends can reach the filesystem
STATIC_FILES = {
    "app.css": ("slant.web.ui", "static/app.css", "text/css; charset=utf-8"),
    "app.js": ("slant.web.ui", "static/app.js", "text/javascript; charset=utf-8"),
    "page.css": ("slant.render", "page.css", "text/css; charset=utf-8"),
    "page.js": ("slant.render", "page.js", "text/javascript; charset=utf-8"),
}
#: room left in a request body for the multipart framing and the form's other fields
FORM_FRAMING_BYTES = 16_384
#: techniques drawn as lines in the over-time chart (more lines stop being readable)
TOP_TECHNIQUES_OVER_TIME = 6
#: a rate over fewer articles than this is drawn hollow in the over-time chart (slant report's
#: threshold too; why this value: slant.render.charts)
FEW_ARTICLES = charts.MIN_ARTICLES_PER_POINT
#: outlets shown as rows of the technique heatmap
TOP_OUTLETS = 20

router = APIRouter(include_in_schema=False)
#: what a post-sign-in redirect may look like: a path on this site and a simple query, nothing else
_LOCAL_PATH = re.compile(r"/[A-Za-z0-9/_.~%+=&?-]*")
_env: Environment | None = None


def environment() -> Environment:
    """The Jinja2 environment (autoescaping, with the taxonomy's filters), built once."""
    global _env
    if _env is None:
        env = Environment(loader=PackageLoader("slant.web.ui", "templates"),
                          autoescape=select_autoescape(default=True, default_for_string=True),
                          trim_blocks=True, lstrip_blocks=True)
        env.globals["NO_OUTLET"] = NO_OUTLET
        env.globals["CREDITS_DISAGREE"] = corpus_stats.CREDITS_DISAGREE
        env.filters["credited"] = corpus_stats.credited_words  # a travelling quote's credits, as slant stats words them
        env.filters["articles_words"] = articles_words  # "4 articles in 2 outlets and 1 article naming no outlet"
        env.filters["outlets_words"] = outlets_words  # a count of named outlets: "outlets not named", never "0 outlets"
        env.filters["outlet_count"] = outlet_count
        env.filters["dates_words"] = dates_words  # ", dated 2026-03-02" when both ends are one date
        env.filters["human"] = human_name
        env.filters["explain"] = explain
        env.filters["prob"] = percent  # every probability shown: never "100%" or "0%"
        # a share that is no probability (how alike two articles are): "100%" / "0%" only when exact
        env.filters["share"] = lambda v: percent(v, exact_ends=True)
        env.filters["q"] = lambda v: quote(str(v), safe="")
        env.filters["plural"] = plural
        env.filters["source_name"] = public_source
        env.filters["date_evidence"] = date_evidence
        env.filters["when"] = lambda row: when(row.get("published") if isinstance(row, dict) else getattr(row, "published", None),
                                               row.get("published_at") if isinstance(row, dict) else getattr(row, "published_at", None))
        env.filters["code_spans"] = code_spans
        env.filters["filter_name"] = filter_name
        env.filters["entity_type"] = lambda t: ENTITY_TYPES.get(str(t), str(t).lower())
        env.filters["component"] = component_name
        env.filters["link_kind"] = lambda k: LINK_KINDS.get(str(k), str(k).replace("_", " "))
        env.globals["CSRF_FIELD"] = CSRF_FIELD
        _env = env
    return _env


def _colour_styles(colours: dict[str, str]) -> set[str]:
    return {f"--c:{c}" for c in colours.values()} | {"--c:#eee"}


def page(request: Request, template: str, status: int = 200, *, styles: set[str] | None = None,
         **context: Any) -> HTMLResponse:
    """Render ``template`` with the CSRF token (set as a cookie if new) and the caller's identity."""
    state = request.app.state.slant
    nonce = request.cookies.get(CSRF_COOKIE) or ""
    fresh = not nonce or len(nonce) > 100
    if fresh:
        nonce = new_csrf_token()
    session = request.cookies.get(SESSION_COOKIE)
    who = verify_token(state.conn, session) if session else None
    html = environment().get_template(template).render(
        request=request, csrf_token=state.csrf.issue(nonce, session), read_access=state.web.read_access, signed_in=who is not None,
        can_write=who is not None and who.can_write and not state.read_only, read_only=state.read_only, user=who.name if who else None,
        path=request.url.path, **context)
    headers = {"Content-Security-Policy": csp_with_style_hashes(styles or set())}
    response = HTMLResponse(html, status_code=status, headers=headers)
    if fresh:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", secure=state.web.secure_cookies,
                            path="/")
    return response


def render_error(request: Request, problem: dict[str, Any]) -> HTMLResponse:
    """The HTML page for a problem: the sign-in form for 401 (with a fresh CSRF cookie), else the error page."""
    template = "login.html" if problem.get("status") == 401 else "error.html"
    return page(request, template, problem["status"], problem=problem, next=request.url.path)


def check_csrf(request: Request, field: str | None) -> None:
    """Raise CsrfFailed unless the form's token is the one signed for this browser's nonce and session."""
    state = request.app.state.slant
    if not state.csrf.valid(request.cookies.get(CSRF_COOKIE), request.cookies.get(SESSION_COOKIE), field):
        raise CsrfFailed("the form's security token is missing or does not match")


# -- reading view -------------------------------------------------------------------------------
def _speaker_name(value: Any) -> str:
    return speaker_label(value)


def reading_context(doc: Document) -> dict[str, Any]:
    """What the reading view shows of a Document; layers it lacks are simply absent."""
    techniques = doc.layers.get("techniques", [])
    colours = technique_palette(s.label for s in techniques)
    counts = Counter(s.label for s in techniques)
    legend = [{"label": label, "name": human_name(label), "n": n, "colour": colours.get(label, "#eee"),
               "explain": explain(label)} for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    quotes = []
    for n, q in enumerate(doc.layers.get("quotes", []), 1):
        attrs = q.attrs or {}
        # n matches the numbers render_article puts in the text (Q1, Q2 ...: links both ways)
        quotes.append({"n": n, "speaker": _speaker_name(attrs.get("speaker") or attrs.get("speaker_name")) or "unknown",
                       "kind": q.label or str(attrs.get("kind", "")), "text": clip(doc.parts_text(q), 400),
                       "relay": _speaker_name(attrs.get("relay")), "start": q.start,
                       "probability": attrs.get("probability")})
    # n matches the numbers render_article puts in the text (C1, C2 ...: links both ways)
    claims = [{"n": n, "score": c.score or 0.0, "who": claim_source(c), "relay": str(c.attrs.get("relay") or ""),
               "speaker": str(c.attrs.get("speaker") or "") if c.attrs.get("voice") == "quote" else "",
               "text": clip(doc.span_text(c), 400)}
              for n, c in enumerate(claims_of(doc), 1)]
    entities = [{"label": g["type"], "name": g["canonical"], "count": g["mentions"], "quotes": g["quotes"]}
                for g in entity_summary(doc)[:40]]
    return {
        "doc": doc, "meta": doc.meta, "title": doc.meta.title or doc.id or "Article",
        "title_in_body": bool(doc.paragraphs) and doc.paragraphs[0].attrs.get("kind") == "title",
        "body": Markup(render_article(doc, colours)), "key": Markup(reading_key(doc)), "legend": legend, "technique_total": sum(counts.values()),
        "probability_meaning": PROBABILITY_MEANING,
        "has_technique_layer": "techniques" in doc.layers,
        "quotes": quotes, "has_quote_layer": "quotes" in doc.layers,
        "claims": claims, "has_claim_layer": "claims" in doc.layers,
        "entities": entities,
        "frames": doc.labels.get("frames", []), "genre": doc.labels.get("genre", []),
        "genre_uncertain": genre_uncertain(doc.labels.get("genre", [])),
        "genre_too_short": genre_too_short(doc.labels.get("genre", [])), "genre_short_no_scores": GENRE_SHORT_NO_SCORES,
        "components": [p.get("name") or p.get("component") for p in doc.provenance],
        "styles": _colour_styles(colours), "score_meaning": SCORE_MEANING,
        "label_meaning": {"Genre": GENRE_MEANING, "Frames": FRAMES_MEANING}, "claims_below_half": CLAIMS_BELOW_HALF,
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request, state: State, caller: PageReader) -> HTMLResponse:
    """The start page: the analyse form and the corpus at a glance."""
    conn = state.conn
    recent = queries.latest_articles(conn, queries.ArticleFilters(), 8)
    return page(request, "home.html", summary=state.cached("summary", lambda: queries.summary(conn)), recent=recent,
                max_bytes=min(state.settings.read.max_bytes, state.web.max_body_bytes - FORM_FRAMING_BYTES))


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_form(request: Request, state: State, caller: PageReader,
                       csrf_token: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
                       file: UploadFile | None = None, store: Annotated[str, Form()] = "",
                       outlet: Annotated[str, Form(max_length=200)] = "", url: Annotated[str, Form(max_length=2000)] = "",
                       published: Annotated[str, Form(max_length=64)] = "") -> Response:
    """Analyse a pasted or uploaded article; show it, or store it for a writer."""
    check_csrf(request, csrf_token)
    # Saving writes to the corpus: only for a signed-in 'write' token (the form is CSRF-checked,
    # so the session cookie is enough here, unlike on the JSON API).
    if store and not caller.can_write:
        raise TokenForbidden("saving to the corpus needs a token with the 'write' scope")
    if store:
        state.require_writable()
    state.limiter.hit(caller.client, "write" if store else "analyze")
    meta = {"outlet": outlet.strip(), "url": url.strip(), "published": _published(published)} if store else None
    data = await file.read() if file is not None and file.filename else b""
    if data:
        doc = await run_in_threadpool(service.analyze_upload, state, data, file.filename, meta)
    elif text.strip():
        doc = await run_in_threadpool(service.analyze_text, state, text, meta=meta)
    else:
        raise InputError("nothing to analyse", hint="paste the article's text or choose a file")
    if store:
        saved = await run_in_threadpool(service.store_document, state, doc)
        return RedirectResponse("/articles/" + quote(saved["doc_id"], safe=""), status_code=303)
    ctx = reading_context(doc)
    return page(request, "reading.html", styles=ctx.pop("styles"), stored=False, related=None, **ctx)


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse)
def article(doc_id: str, request: Request, state: State, caller: PageReader) -> HTMLResponse:
    """The reading view of a stored article."""
    doc = state.get_document(doc_id)
    ctx = reading_context(doc)
    related = queries.related(state.conn, doc_id)
    return page(request, "reading.html", styles=ctx.pop("styles"), stored=True, related=related, **ctx)


def _published(value: str) -> str:
    """The form's publication date: a day, or a date and time with its zone (kept to the minute)."""
    try:
        return given_publication(value)
    except ValueError as exc:
        raise InputError(str(exc), hint="leave the field empty when the date is not known") from None


# -- explorer -------------------------------------------------------------------------------------
Q = Annotated[str, Query(max_length=500)]
#: what the download links offer: (table, what it holds) for the articles a list shows
DOWNLOADS = (("documents", "articles"), ("spans", "technique spans"), ("quotes", "quotes"),
             ("entities", "people, organisations, places"), ("labels", "frames and genre"))


def download_links(active: dict[str, str]) -> list[dict[str, Any]]:
    """Links to the filtered exports of a list: one row per table, one link per format."""
    return [{"table": table, "what": what,
             "links": [(fmt.upper() if fmt != "parquet" else "Parquet",
                        f"/api/v1/exports/{table}?" + urlencode({**active, "format": fmt}))
                       for fmt in ("csv", "jsonl", "parquet")]}
            for table, what in DOWNLOADS]


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, state: State, caller: PageReader, f: Filters, sort: Q = "",
             page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
    """The explorer: search, filters, order and paging."""
    default = queries.default_sort(f)
    # the form's first choice ("") is the default: best match for a search, newest otherwise, so a
    # search typed on a list ordered "newest" by default still comes back best match first
    choice = sort if sort in queries.SORTS and (sort != "relevance" or f.q) else ""
    sort = choice or default
    per_page = state.web.page_size
    items, total = queries.list_articles(state.conn, f, page=page_no, per_page=per_page, sort=sort)
    pages = max(1, -(-total // per_page))
    active = f.active()

    def link(**change: Any) -> str:
        params = {**active, **({"sort": choice} if choice else {}), **change}
        return "/articles?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})

    for item in items:
        item["snippet_html"] = marked(item.get("snippet"))
        # the opening words end in '…' only where the text goes on (a short text's whole body does not)
        item["snippet_cut"] = len(item.get("snippet") or "") >= queries.SNIPPET_CHARS
        item["title_html"] = marked(item.get("title_marked") or item.get("title") or item["doc_id"])
        item["source_name"] = public_source(item.get("source"))
    return page(request, "articles.html", items=items, total=total, page_no=page_no, pages=pages, filters=f, sort=sort,
                sorts=sort_choices(bool(f.q), choice), sort_choice=choice, sort_label=dict(SORT_LABELS)[sort],
                active=active, facets=state.cached("facets", lambda: queries.facets(state.conn)), link=link,
                prev_link=link(page=page_no - 1) if 1 < page_no <= pages else None,
                next_link=link(page=page_no + 1) if page_no < pages else None,
                last_link=link(page=pages), past_end=page_no > pages and total > 0,
                stats_link="/stats?" + urlencode(active), downloads=download_links(active), download_total=total)


#: the orders the explorer offers, in its words
SORT_LABELS = (("relevance", "best match first"), ("newest", "newest first"), ("oldest", "oldest first"),
               ("techniques", "most technique spans"), ("quotes", "most quotes"))


def sort_choices(searching: bool, choice: str) -> list[tuple[str, str]]:
    """The order menu: the default first, named for what it is now (best match for a search, else
    newest), then each other order. Short labels: the menu is a fifth of the form's width."""
    default = "relevance" if searching else "newest"
    labels = dict(SORT_LABELS)
    return [("", labels[default])] + [(v, label) for v, label in SORT_LABELS[1:] if v != default or v == choice]


@router.get("/stats", response_class=HTMLResponse)
def stats(request: Request, state: State, caller: PageReader, f: Filters) -> HTMLResponse:
    """Charts and tables of the articles matching the filters."""
    store = state.reader()
    conn = store.conn
    key = tuple(sorted(f.active().items()))
    by_outlet = state.cached(("by_outlet", key), lambda: queries.techniques_by_outlet(conn, f))
    per_outlet = state.cached(("per_outlet", key), lambda: queries.articles_by_outlet(conn, f))
    # articles that name no outlet are no outlet (slant.store.outlets): not a row here, counted in a note
    no_outlet = state.cached(("no_outlet", key), lambda: queries.count_no_outlet(conn, f))
    matching = sum(per_outlet.values()) + no_outlet
    # the heat map's columns: the techniques of the named outlets (its rows), most frequent first
    techniques = charts.most_frequent(by_outlet)
    outlets = [o for o, _ in Counter(per_outlet).most_common(TOP_OUTLETS)]
    # spans per article: outlets of different sizes become comparable
    values = {(r["outlet"], r["technique"]): r["spans"] / max(1, per_outlet.get(r["outlet"], 1)) for r in by_outlet}
    heat = charts.heatmap(outlets, techniques, values, title="Technique spans per article, by outlet", ident="heat",
                          unit="spans per article",
                          column_names={t: human_name(t) for t in techniques},
                          row_notes={o: plural(per_outlet.get(o, 0), "article") for o in outlets},
                          row_links={o: "/outlets/" + quote(o, safe="") for o in outlets})
    by_month = state.cached(("by_month", key), lambda: queries.techniques_by_month(conn, f))
    per_month = state.cached(("per_month", key), lambda: queries.articles_by_month(conn, f))
    undated = state.cached(("undated", key), lambda: queries.count_undated(conn, f))
    # the chart over time counts every dated article, named outlet or not: its techniques are ranked
    # over those (ranked over the named outlets', a technique only outlet-less articles use was missing,
    # and with no outlet named there was no chart at all)
    top = charts.most_frequent(by_month)[:TOP_TECHNIQUES_OVER_TIME]
    axis, period, spans, articles_in, series = charts.per_article_over_time(by_month, per_month, top)
    dated = sum(per_month.values())
    # an empty heat map: do the matching articles have technique spans at all ("none has spans"), or only
    # those naming no outlet (then it says where they are)
    spans_in_matching = 0 if by_outlet or not no_outlet else state.cached(
        ("spans", key), lambda: queries.count_technique_spans(conn, f))
    over_time = charts.lines(axis, series, title=f"Technique spans per article, by {period} (most frequent techniques)",
                             ident="time", unit="spans per article", names={t: human_name(t) for t in top},
                             counts=articles_in, min_count=FEW_ARTICLES)
    speakers = state.cached(("speakers", key), lambda: queries.top_speakers(conn, f, 15))
    speaker_chart = charts.hbar([(s["speaker"] or s["speaker_key"], s["quotes"]) for s in speakers],
                                title="Most quoted speakers", ident="speakers", unit="quotes",
                                links={(s["speaker"] or s["speaker_key"]): "/articles?" + urlencode({"speaker": s["speaker"]})
                                       for s in speakers})
    active = f.active()
    return page(request, "stats.html", filters=f, active=active, heat=heat, over_time=over_time,
                speaker_chart=speaker_chart, by_outlet=by_outlet, per_outlet=per_outlet, axis=axis, period=period,
                series=series, spans=spans, articles_in=articles_in, few_articles=FEW_ARTICLES,
                sparse=sum(1 for n in articles_in if 0 < n < FEW_ARTICLES),
                # every point hollow: a chart of rates over one to four articles is noise, not a trend
                too_few=bool(dated) and not any(n >= FEW_ARTICLES for n in articles_in),
                gaps=sum(1 for n in articles_in if not n), speakers=speakers, dated=dated, undated=undated,
                matching=matching, no_outlet=no_outlet, spans_in_matching=spans_in_matching,
                list_link="/articles?" + urlencode(active),
                downloads=download_links(active), download_total=matching,
                travelling=state.cached(("travelling", 10, key), lambda: queries.in_filters(
                    store, f, lambda s: queries.travelling_quotes(s.conn, 10))),
                claim_speakers=state.cached(("claim_speakers", 15, key), lambda: queries.in_filters(
                    store, f, lambda s: corpus_claims.claims_by_speaker(s, top=15))),
                travelling_claims=state.cached(("travelling_claims", 10, key), lambda: queries.in_filters(
                    store, f, lambda s: corpus_claims.travelling_claims(s, top=10))),
                claims_export="/api/v1/exports/claims?" + urlencode({**active, "format": "csv"}),
                summary=state.cached("summary", lambda: queries.summary(conn)))


@router.get("/clusters", response_class=HTMLResponse)
def clusters(request: Request, state: State, caller: PageReader,
             page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
    """Story clusters, largest first."""
    per_page = state.web.page_size
    items, total = queries.list_clusters(state.conn, page=page_no, per_page=per_page)
    pages = max(1, -(-total // per_page))
    return page(request, "clusters.html", items=items, total=total, page_no=page_no, pages=pages)


@router.get("/clusters/{cluster_id:path}", response_class=HTMLResponse)
def cluster(cluster_id: str, request: Request, state: State, caller: PageReader) -> HTMLResponse:
    """One story cluster with its timeline."""
    detail = queries.cluster_detail(state.conn, cluster_id)
    chart = charts.timeline(detail["articles"], title="When each outlet carried the story", ident="timeline")
    return page(request, "cluster.html", cluster=detail, chart=chart, active={"cluster": cluster_id},
                downloads=download_links({"cluster": cluster_id}), download_total=detail["size"])


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, state: State, caller: PageReader) -> HTMLResponse:
    """Every named outlet; the articles naming no outlet are counted under the table, not listed as one."""
    conn = state.conn
    return page(request, "outlets.html", outlets=state.cached("outlets", lambda: queries.list_outlets(conn)),
                summary=state.cached("summary", lambda: queries.summary(conn)))


@router.get("/outlets/{outlet:path}", response_class=HTMLResponse)
def outlet(outlet: str, request: Request, state: State, caller: PageReader) -> HTMLResponse:
    """One outlet's profile."""
    conn = state.conn
    profile = state.cached(("outlet", outlet), lambda: queries.outlet_profile(conn, outlet))
    colours = technique_palette(t["technique"] for t in profile["techniques"])
    per_article = [(human_name(t["technique"]), round(t["spans"] / profile["articles"], 2)) for t in profile["techniques"][:15]]
    chart = charts.hbar(per_article, title=f"Technique spans per article in {outlet}", ident="profile",
                        unit="spans per article", colours={human_name(k): v for k, v in colours.items()})
    f = queries.ArticleFilters(outlet=outlet)
    by_month = queries.articles_by_month(conn, f)
    period, axis, counts = charts.counts_over_time(by_month)
    timeline = charts.lines(axis, {"articles": [float(n) for n in counts]},
                            title=f"Articles per {period} in {outlet}", ident="volume", unit=f"articles per {period}",
                            whole=True)
    undated = queries.count_undated(conn, f)
    recent = queries.latest_articles(conn, f, 10)
    clusters, _ = queries.list_clusters(conn, page=1, per_page=10, outlet=outlet)
    return page(request, "outlet.html", profile=profile, chart=chart, timeline=timeline, recent=recent,
                clusters=clusters, undated=undated, dated=sum(by_month.values()), active={"outlet": outlet},
                downloads=download_links({"outlet": outlet}), download_total=profile["articles"])


# -- API index, sign-in ---------------------------------------------------------------------------
def _schema_type(schema: dict[str, Any]) -> str:
    """A parameter's type in a few words (``integer 1-200``, ``one of: outlet, month``)."""
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            kinds = [_schema_type(s) for s in schema[key] if s.get("type") != "null"]
            return " or ".join(k for k in kinds if k)
    kind = schema.get("type", "")
    if kind == "integer" and ("minimum" in schema or "maximum" in schema):
        return f"integer {schema.get('minimum', '')}–{schema.get('maximum', '')}"
    if schema.get("pattern") == DAY_PATTERN:
        return "date (YYYY-MM-DD)"
    return str(kind)


def api_operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation of an OpenAPI description: method, path, summary, description, parameters, body, who."""
    operations = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            params = []
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                params.append({"name": p["name"], "in": p.get("in", ""), "required": bool(p.get("required")),
                               "type": _schema_type(schema), "default": schema.get("default"),
                               "description": p.get("description") or schema.get("description") or ""})
            body = list(op.get("requestBody", {}).get("content", {}))
            statuses = sorted(k for k in op.get("responses", {}) if k.isdigit())
            operations.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description") or "", "tag": (op.get("tags") or [""])[0],
                "params": params, "body": body, "statuses": statuses,
                "anchor": re.sub(r"[^a-z0-9]+", "-", f"{method} {path}".lower()).strip("-"),
                "writes": "403" in statuses})
    return operations


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request, state: State, caller: PageReader) -> HTMLResponse:
    """The API's operations with their parameters and descriptions, read from the OpenAPI description."""
    spec = request.app.openapi()
    return page(request, "api.html", operations=api_operations(spec), description=spec["info"].get("description", ""))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    """The sign-in form."""
    return page(request, "login.html", problem=None, next="/")


@router.post("/login")
def login(request: Request, state: State, csrf_token: Annotated[str, Form()] = "",
          token: Annotated[str, Form(max_length=200)] = "", next: Annotated[str, Form(max_length=500)] = "/") -> Response:
    """Check a token and keep it in an HttpOnly session cookie."""
    check_csrf(request, csrf_token)
    state.limiter.hit(identify(request, state, allow_cookie=False).client, "write")  # slows guessing
    info = verify_token(state.conn, token.strip())
    if info is None:
        raise AuthRequired("that token is not valid (unknown, mistyped or revoked)")
    # only plain same-site paths: a crafted `next` ("//evil", "/\\evil", "/\t/evil") must not send
    # the user elsewhere
    target = next if _LOCAL_PATH.fullmatch(next) and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, token.strip(), httponly=True, samesite="strict",
                        secure=state.web.secure_cookies, path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    """Forget the session cookie."""
    check_csrf(request, csrf_token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/static/{name}")
def static(name: str) -> Response:
    """One of the fixed static files (never a path from the request)."""
    if name not in STATIC_FILES:
        raise NotFoundError(f"no static file {name!r}")
    package, filename, media = STATIC_FILES[name]
    body = resources.files(package).joinpath(filename).read_bytes()
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


def install_ui(app: FastAPI) -> None:
    """Mount the pages and tell the error handlers how to draw an HTML error page."""
    app.include_router(router)
    app.state.render_error = render_error
