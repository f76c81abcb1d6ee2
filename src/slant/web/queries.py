"""Read queries of the web app over the store's tables (see ``slant.store.schema``).

The store offers ``get``/``query``/``count``; the explorer needs filtered listings, facets and
chart series, which it asks for here in SQL. Every value a user sends reaches SQL as a parameter;
table and column names come only from the fixed lists in this module.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, fields, replace
from typing import Any, Callable

from slant.errors import NotFoundError
from slant.store import corpus_totals
from slant.store.outlets import IS_OUTLET_PARAMS, is_named, is_not_named, is_outlet, named, outlet_or_none
from slant.store.rows import name_keys, normalise_name
from slant.store.schema import published_order

#: the layer whose spans are persuasion techniques, and the label sets shown as frames and genre
TECHNIQUE_LAYER = "techniques"
FRAME_LABELS = "frames"
GENRE_LABELS = "genre"
#: terms of a full-text query beyond this are ignored (each adds a LIKE scan without an FTS index)
MAX_SEARCH_TERMS = 8
_TERM = re.compile(r"[\w’'-]+", re.UNICODE)
_WORD = re.compile(r"\w")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
#: a search token: a "quoted phrase" (closing quote optional) or a run of non-space characters
_SEARCH_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class ArticleFilters:
    """What the explorer narrows the corpus by; empty fields do not filter."""

    q: str = ""
    outlet: str = ""
    date_from: str = ""  # YYYY-MM-DD, inclusive
    date_to: str = ""  # YYYY-MM-DD, inclusive
    technique: str = ""
    frame: str = ""
    genre: str = ""
    speaker: str = ""
    entity: str = ""
    cluster: str = ""

    def active(self) -> dict[str, str]:
        """The filters that are set, by name (for links and the 'filtered by' line)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def parse_search(q: str) -> list[list[str]]:
    """A search as AND over groups of alternatives: ``a OR b "c d"`` -> ``[["a", "b"], ["c d"]]``.

    Words are required (AND), ``OR`` between two words or phrases accepts either, text in double
    quotes is one phrase, ``AND`` may be written but changes nothing. Each phrase is its words
    joined by single spaces (punctuation dropped), so no user text ever becomes FTS5 syntax.
    At most MAX_SEARCH_TERMS phrases are kept.
    """
    groups: list[list[str]] = []
    join_next = False
    kept = 0
    for match in _SEARCH_TOKEN.finditer(q):
        quoted, bare = match.group(1), match.group(2)
        if quoted is None and bare in ("OR", "|"):
            join_next = bool(groups)
            continue
        if quoted is None and bare == "AND":
            continue
        # "Putin's" is indexed as "putin" + "s": searched as "Putin", it finds both forms
        words = (_POSSESSIVE.sub("", w) for w in _TERM.findall(quoted if quoted is not None else bare))
        phrase = " ".join(w for w in words if _WORD.search(w))
        if not phrase or kept >= MAX_SEARCH_TERMS:
            continue
        kept += 1
        if join_next:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        join_next = False
    return groups


def fts_query(groups: list[list[str]]) -> str:
    """The FTS5 MATCH expression of parsed search groups (each phrase quoted)."""
    quoted = lambda p: '"' + p.replace('"', '""') + '"'  # noqa: E731
    return " AND ".join("(" + " OR ".join(quoted(p) for p in group) + ")" for group in groups)


def has_fts(conn: sqlite3.Connection) -> bool:
    """Whether the store keeps the full-text index ``documents_fts`` (schema version 2 and later)."""
    return _has_table(conn, "documents_fts")


def where_clause(conn: sqlite3.Connection, f: ArticleFilters, alias: str = "d") -> tuple[str, list[Any]]:
    """SQL condition (on ``documents AS alias``) and its parameters for the filters ``f``."""
    parts: list[str] = []
    params: list[Any] = []
    a = alias
    if f.q:
        groups = parse_search(f.q)
        if groups and has_fts(conn):
            parts.append(f"{a}.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(fts_query(groups))
        elif groups:
            for group in groups:
                parts.append("(" + " OR ".join(f"({a}.title LIKE ? ESCAPE '\\' OR {a}.text LIKE ? ESCAPE '\\')"
                                               for _ in group) + ")")
                for phrase in group:
                    params += [_like(phrase), _like(phrase)]
        else:  # only punctuation: nothing can match
            parts.append("0")
    if f.outlet:  # the outlet as named, and the spellings an older store keeps with blanks around it
        parts.append(is_outlet(f"{a}.outlet"))
        params += [f.outlet.strip()] * IS_OUTLET_PARAMS
    if f.date_from:
        parts.append(f"{a}.published >= ?")
        params.append(f.date_from[:10])
    if f.date_to:
        parts.append(f"{a}.published <= ?")
        params.append(f.date_to[:10])
    # Each filter is a non-correlated IN (...): SQLite computes the set once from the filter's own
    # index, where a correlated EXISTS let the planner walk every span of the label per document
    # (11 s instead of 10 ms on 5,000 documents, measured).
    if f.technique:
        parts.append(f"{a}.doc_id IN (SELECT doc_id FROM spans WHERE layer = ? AND label = ?)")
        params += [TECHNIQUE_LAYER, f.technique]
    for name, value in ((FRAME_LABELS, f.frame), (GENRE_LABELS, f.genre)):
        if value:
            parts.append(f"{a}.doc_id IN (SELECT doc_id FROM labels WHERE name = ? AND label = ? AND selected = 1)")
            params += [name, value]
    if f.speaker:
        # the key the store gives that name (titles stripped: "Dr. Lina Osei" is "lina osei"), or
        # the name as typed; each also as a store keyed before accents were folded holds it
        from slant.analyze.names import speaker_name

        keys = list(dict.fromkeys(name_keys(speaker_name(f.speaker)[0]) + name_keys(f.speaker)))
        parts.append(f"{a}.doc_id IN (SELECT doc_id FROM quotes WHERE speaker_key IN ({', '.join('?' * len(keys))}))")
        params += keys
    if f.entity:
        # the store keeps canonical names as written (spaces collapsed): match them ignoring case
        parts.append(f"{a}.doc_id IN (SELECT doc_id FROM entities WHERE canonical = ? COLLATE NOCASE OR canonical = ?)")
        params += [" ".join(f.entity.split()), normalise_name(f.entity)]
    if f.cluster:
        parts.append(f"{a}.doc_id IN (SELECT doc_id FROM clusters WHERE cluster_id = ?)")
        params.append(f.cluster)
    return (" AND ".join(parts) or "1"), params


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description or ()]
    return [dict(zip(names, r)) for r in cur]


# -- articles ---------------------------------------------------------------------------------
#: the orders the article list can take (user input picks a key, never SQL). NULL dates sort last:
#: SQLite orders NULL lowest, so a descending date order needs no extra term and can walk the
#: (published) index backwards, rowid breaking ties, without sorting the corpus. "relevance" is
#: the full-text index's bm25 rank (title words weigh more than body words); it needs a search.
SORTS = {
    "relevance": "page.relevance, d.published DESC, d.published_utc DESC, d.rowid DESC",
    "newest": "d.published DESC, d.published_utc DESC, d.rowid DESC",
    "oldest": "d.published IS NULL, d.published, d.published_utc IS NULL, d.published_utc, d.rowid",
    "techniques": "techniques DESC, d.published DESC, d.published_utc DESC, d.rowid DESC",
    "quotes": "quotes DESC, d.published DESC, d.published_utc DESC, d.rowid DESC",
}
#: bm25 column weights (title, text): a word in the headline says more about the article
BM25 = "bm25(documents_fts, 4.0, 1.0)"
_TECHNIQUE_COUNT = "(SELECT COUNT(*) FROM spans s WHERE s.doc_id = d.doc_id AND s.layer = ?)"
_QUOTE_COUNT = "(SELECT COUNT(*) FROM quotes q WHERE q.doc_id = d.doc_id)"
#: an article's story: only a cluster that holds another article too (a story of one is no story)
_STORY = ("(SELECT c.cluster_id FROM clusters c WHERE c.doc_id = d.doc_id AND EXISTS "
          "(SELECT 1 FROM clusters c2 WHERE c2.cluster_id = c.cluster_id AND c2.doc_id != c.doc_id))")
#: characters around a match that a snippet shows, and the marks put around matched words
#: (control characters that cleaned text does not hold; the UI turns them into <mark>)
SNIPPET_TOKENS = 28
#: characters of an article's opening words that a list row shows (after the headline)
SNIPPET_CHARS = 240
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


def public_source(source: str | None) -> str:
    """What the web app may say of an ingested file: its name, never the server's path to it
    (pages, the JSON API and its exports alike).

    A URL stays a URL; ``/srv/feeds/2026/a.txt`` becomes ``a.txt``; a record inside a
    file (``corpus.jsonl#12``, ``crawl.warc.gz:3``) keeps its position.
    """
    text = (source or "").strip()
    if text.startswith("<") and text.endswith(">"):  # "<text>", "<stdin>": pasted, no file
        return ""
    if not text or re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) and not text.lower().startswith("file:"):
        return text
    text = re.sub(r"^file://", "", text, flags=re.IGNORECASE)
    return re.split(r"[\\/]", text)[-1]


def default_sort(f: ArticleFilters) -> str:
    """Relevance for a search, newest first otherwise."""
    return "relevance" if f.q else "newest"


def list_articles(conn: sqlite3.Connection, f: ArticleFilters, *, page: int = 1, per_page: int = 25,
                  sort: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """One page of the articles matching ``f`` and the total.

    ``sort`` is a key of SORTS (default: relevance for a search, else newest first). Each row's
    ``snippet`` shows where the search matched, the matched words between MARK_OPEN and
    MARK_CLOSE (the first words of the text when there is no search).
    """
    sort = sort if sort in SORTS else default_sort(f)
    groups = parse_search(f.q) if f.q else []
    fts = bool(groups) and has_fts(conn)
    if sort == "relevance" and not fts:
        sort = "newest"
    where, params = where_clause(conn, f)
    total = conn.execute(f"SELECT COUNT(*) FROM documents d WHERE {where}", params).fetchone()[0]
    offset = (max(1, page) - 1) * per_page
    # Pick the page's rows first (only the sort key is computed for every match), then the counts
    # and snippets of those rows alone. Placeholders are positional, in the order they appear.
    ranked, ranked_params, source = ", NULL AS relevance", [], "documents d"
    if sort == "techniques":
        ranked, ranked_params = f", {_TECHNIQUE_COUNT} AS techniques, NULL AS relevance", [TECHNIQUE_LAYER]
    elif sort == "quotes":
        ranked = f", {_QUOTE_COUNT} AS quotes, NULL AS relevance"
    elif sort == "relevance":
        # the MATCH on the joined index both filters and ranks; the rest of the filters as usual
        where, params = where_clause(conn, replace(f, q=""))
        ranked = f", {BM25} AS relevance"
        source = "documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        where = f"documents_fts MATCH ? AND {where}"
        params = [fts_query(groups), *params]
    page_order = SORTS[sort].replace("page.relevance", "relevance")
    items = _rows(conn, f"""
        WITH page AS (
            SELECT d.rowid AS r{ranked} FROM {source} WHERE {where}
            ORDER BY {page_order} LIMIT ? OFFSET ?)
        SELECT d.doc_id, d.title, {named("d.outlet")} AS outlet, d.published, d.published_at, d.url, d.source,
               {_TECHNIQUE_COUNT} AS techniques, {_QUOTE_COUNT} AS quotes, {_STORY} AS cluster_id,
               substr(d.text, 1, {SNIPPET_CHARS} + length(d.title) + 4) AS snippet, d.rowid AS _rowid
        FROM page JOIN documents d ON d.rowid = page.r
        ORDER BY {SORTS[sort]}""", [*ranked_params, *params, per_page, offset, TECHNIQUE_LAYER])
    for item in items:  # the text's opening words, after the headline that most texts start with
        text, title = item["snippet"] or "", (item["title"] or "").strip()
        if title and text.startswith(title):
            text = text[len(title):].lstrip()
        item["snippet"] = text[:SNIPPET_CHARS]
    if groups and items:
        _add_snippets(conn, items, groups, fts)
    for item in items:
        item.pop("_rowid", None)
        item["source"] = public_source(item.get("source"))
    return items, int(total)


def latest_articles(conn: sqlite3.Connection, f: ArticleFilters, limit: int) -> list[dict[str, Any]]:
    """The newest dated articles matching ``f`` (at most ``limit``): an article without a known date is
    not "latest" or "recently published" (the pages say how many are undated and where to find them)."""
    items, _ = list_articles(conn, f, page=1, per_page=limit, sort="newest")  # undated sort last
    return [item for item in items if item["published"]]


def _add_snippets(conn: sqlite3.Connection, items: list[dict[str, Any]], groups: list[list[str]], fts: bool) -> None:
    """Replace each row's snippet by the passage where the search matched, matches marked."""
    rowids = [item["_rowid"] for item in items]
    marks = ", ".join("?" for _ in rowids)
    if fts:
        found = {r[0]: (r[1], r[2]) for r in conn.execute(
            f"SELECT rowid, highlight(documents_fts, 0, ?, ?), snippet(documents_fts, 1, ?, ?, '…', ?) "
            f"FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN ({marks})",
            [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, SNIPPET_TOKENS, fts_query(groups), *rowids])}
        for item in items:
            title, snippet = found.get(item["_rowid"], (None, None))
            if title and MARK_OPEN in title:
                item["title_marked"] = title
            if snippet and MARK_OPEN in snippet:
                item["snippet"] = _after_title(snippet, item["title"])
        return
    phrases = [p for group in groups for p in group]
    pattern = re.compile("|".join(r"\b" + r"\W+".join(map(re.escape, p.split())) + r"\b"
                                  for p in sorted(phrases, key=len, reverse=True)), re.IGNORECASE)
    # one query for the page's texts, not one per row
    texts = dict(conn.execute(f"SELECT rowid, text FROM documents WHERE rowid IN ({marks})", rowids).fetchall())
    for item in items:
        text = texts.get(item["_rowid"]) or ""
        first = pattern.search(text)
        if not first:
            continue
        lo = max(0, first.start() - 80)
        hi = min(len(text), first.end() + 160)
        window = text[lo:hi]
        marked = pattern.sub(lambda m: MARK_OPEN + m.group(0) + MARK_CLOSE, window)
        item["snippet"] = _after_title(("…" if lo else "") + marked + ("…" if hi < len(text) else ""), item["title"])


def _after_title(snippet: str, title: str | None) -> str:
    """A marked snippet that starts the text without the headline the text opens with: the list
    shows the headline (its matches marked) just above, so the snippet does not repeat it."""
    head = (title or "").strip()
    if not head or snippet.startswith("…"):
        return snippet
    plain, spans = split_marks(snippet)
    if not plain.startswith(head):
        return snippet
    cut = len(head)
    while cut < len(plain) and plain[cut].isspace():
        cut += 1
    if cut >= len(plain):
        return snippet
    out, at = [], cut
    for start, end in spans:
        if end <= cut:
            continue
        start = max(start, cut)
        out += [plain[at:start], MARK_OPEN, plain[start:end], MARK_CLOSE]
        at = end
    out.append(plain[at:])
    return "".join(out)


def split_marks(text: str) -> tuple[str, list[tuple[int, int]]]:
    """A marked snippet as plain text and the (start, end) of each marked passage in it."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    at, opened = 0, None
    for ch in text:
        if ch == MARK_OPEN:
            opened = at
        elif ch == MARK_CLOSE:
            if opened is not None and at > opened:
                spans.append((opened, at))
            opened = None
        else:
            plain.append(ch)
            at += 1
    return "".join(plain), spans


def article_summary(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    """The listing row of one article; raises NotFoundError."""
    rows = _rows(conn, f"SELECT doc_id, title, {named('outlet')} AS outlet, published, published_at, url, source, "
                       "content_hash, ingested_at FROM documents WHERE doc_id = ?", (doc_id,))
    if not rows:
        raise NotFoundError(f"no article with id {doc_id!r} in the store")
    return {**rows[0], "source": public_source(rows[0]["source"])}


def related(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    """Near-duplicates of ``doc_id`` (both link directions) and its story cluster, if any."""
    links = _rows(conn, f"""
        SELECT CASE WHEN l.doc_a = ? THEN l.doc_b ELSE l.doc_a END AS doc_id, l.kind, l.score,
               d.title, {named("d.outlet")} AS outlet, d.published, d.published_at
        FROM dup_links l JOIN documents d ON d.doc_id = CASE WHEN l.doc_a = ? THEN l.doc_b ELSE l.doc_a END
        WHERE l.doc_a = ? OR l.doc_b = ?
        ORDER BY {published_order("d")}""", (doc_id, doc_id, doc_id, doc_id))
    row = conn.execute("SELECT cluster_id FROM clusters WHERE doc_id = ?", (doc_id,)).fetchone()
    cluster = None
    if row:
        size = conn.execute("SELECT COUNT(*) FROM clusters WHERE cluster_id = ?", (row[0],)).fetchone()[0]
        if size > 1:  # a cluster of one article is no story
            cluster = {"cluster_id": row[0], "size": int(size)}
    return {"duplicates": links, "cluster": cluster}


# -- facets and summaries ---------------------------------------------------------------------
def summary(conn: sqlite3.Connection) -> dict[str, Any]:
    """Corpus totals (:func:`slant.store.corpus_totals`, as `slant stats` gives them), with the technique
    spans and entities the home page counts."""
    one = lambda sql, p=(): conn.execute(sql, p).fetchone()[0]  # noqa: E731
    return {**corpus_totals(conn),
            "technique_spans": one("SELECT COUNT(*) FROM spans WHERE layer = ?", (TECHNIQUE_LAYER,)),
            "entities": one("SELECT COUNT(*) FROM entities")}


def facets(conn: sqlite3.Connection, limit: int = 100) -> dict[str, list[dict[str, Any]]]:
    """Values the filters can take, with how many articles have each (for the filter menus)."""
    return {
        "outlet": _rows(conn, f"SELECT {named('outlet')} AS value, SUM(n) AS n FROM (SELECT outlet, COUNT(*) AS n "
                              f"FROM documents GROUP BY outlet) WHERE {is_named('outlet')} GROUP BY value "
                              "ORDER BY n DESC, value LIMIT ?", (limit,)),
        "technique": _rows(conn, "SELECT label AS value, COUNT(DISTINCT doc_id) AS n FROM spans WHERE layer = ? "
                                 "GROUP BY label ORDER BY n DESC, label LIMIT ?", (TECHNIQUE_LAYER, limit)),
        "frame": _rows(conn, "SELECT label AS value, COUNT(*) AS n FROM labels WHERE name = ? AND selected = 1 "
                             "GROUP BY label ORDER BY n DESC, label LIMIT ?", (FRAME_LABELS, limit)),
        "genre": _rows(conn, "SELECT label AS value, COUNT(*) AS n FROM labels WHERE name = ? AND selected = 1 "
                             "GROUP BY label ORDER BY n DESC, label LIMIT ?", (GENRE_LABELS, limit)),
    }


# -- chart series -----------------------------------------------------------------------------
def techniques_by_outlet(conn: sqlite3.Connection, f: ArticleFilters) -> list[dict[str, Any]]:
    """Technique spans per named outlet and technique (with the outlet's article count). Articles that
    name no outlet are no outlet (:mod:`slant.store.outlets`): :func:`count_no_outlet` counts them."""
    where, params = where_clause(conn, f)
    return _rows(conn, f"""
        SELECT {named("d.outlet")} AS outlet, s.label AS technique, COUNT(*) AS spans,
               COUNT(DISTINCT d.doc_id) AS articles
        FROM spans s JOIN documents d ON d.doc_id = s.doc_id
        WHERE s.layer = ? AND {is_named("d.outlet")} AND {where}
        GROUP BY 1, s.label ORDER BY 1, spans DESC""", [TECHNIQUE_LAYER, *params])


def articles_by_outlet(conn: sqlite3.Connection, f: ArticleFilters) -> dict[str, int]:
    """Articles per named outlet among those matching ``f`` (:func:`count_no_outlet` counts the rest)."""
    where, params = where_clause(conn, f)
    return dict(conn.execute(f"SELECT {named('d.outlet')}, COUNT(*) FROM documents d WHERE {is_named('d.outlet')} "
                             f"AND {where} GROUP BY 1", params))


def _count_matching(conn: sqlite3.Connection, f: ArticleFilters, condition: str, params: list[Any] | None = None,
                    rows: str = "documents d") -> int:
    """How many ``rows`` (the documents ``d``, or a join with them) match ``f`` and the SQL
    ``condition`` (with its ``params``)."""
    where, f_params = where_clause(conn, f)
    return int(conn.execute(f"SELECT COUNT(*) FROM {rows} WHERE {condition} AND {where}",
                            [*(params or ()), *f_params]).fetchone()[0])


def count_no_outlet(conn: sqlite3.Connection, f: ArticleFilters) -> int:
    """Articles matching ``f`` that name no outlet (the per-outlet tables and charts leave them out)."""
    return _count_matching(conn, f, is_not_named("d.outlet"))


def count_technique_spans(conn: sqlite3.Connection, f: ArticleFilters) -> int:
    """Technique spans in the articles matching ``f``, named outlet or not, dated or not."""
    return _count_matching(conn, f, "s.layer = ?", [TECHNIQUE_LAYER], rows="spans s JOIN documents d ON d.doc_id = s.doc_id")


def techniques_by_month(conn: sqlite3.Connection, f: ArticleFilters) -> list[dict[str, Any]]:
    """Technique spans per month (YYYY-MM) and technique, for articles with a known date."""
    where, params = where_clause(conn, f)
    return _rows(conn, f"""
        SELECT substr(d.published, 1, 7) AS month, s.label AS technique, COUNT(*) AS spans
        FROM spans s JOIN documents d ON d.doc_id = s.doc_id
        WHERE s.layer = ? AND d.published IS NOT NULL AND {where}
        GROUP BY month, s.label ORDER BY month, spans DESC""", [TECHNIQUE_LAYER, *params])


def articles_by_month(conn: sqlite3.Connection, f: ArticleFilters) -> dict[str, int]:
    """Dated articles per month (YYYY-MM) among those matching ``f``."""
    where, params = where_clause(conn, f)
    return dict(conn.execute(f"SELECT substr(d.published, 1, 7) AS month, COUNT(*) FROM documents d "
                             f"WHERE d.published IS NOT NULL AND {where} GROUP BY month ORDER BY month", params))


def count_undated(conn: sqlite3.Connection, f: ArticleFilters) -> int:
    """Articles matching ``f`` without a known publication date (charts over time leave them out)."""
    return _count_matching(conn, f, "d.published IS NULL")


def top_speakers(conn: sqlite3.Connection, f: ArticleFilters, limit: int = 15) -> list[dict[str, Any]]:
    """The most quoted speakers: quotes, articles and outlets quoting them."""
    from slant.corpus.speakers import name_speakers

    where, params = where_clause(conn, f)
    rows = _rows(conn, f"""
        SELECT MIN(q.speaker) AS speaker, q.speaker_key AS speaker_key, COUNT(*) AS quotes,
               COUNT(DISTINCT q.doc_id) AS articles, COUNT(DISTINCT {named("d.outlet")}) AS outlets
        FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
        WHERE q.speaker_key != '' AND {where}
        GROUP BY q.speaker_key ORDER BY quotes DESC, speaker_key LIMIT ?""", [*params, limit])
    # one person quoted under several names (slant.corpus.speakers) is shown under the key's own
    return name_speakers(lambda sql, p: _rows(conn, sql, p), rows)


def in_filters(store: Any, f: ArticleFilters, compute: Callable[[Any], Any]) -> Any:
    """``compute(store)`` over the articles matching ``f`` only, the whole corpus when no filter is
    active: the corpus tools' aggregates (claims, travelling quotes) narrowed as the list is, with
    their own SQL (:func:`slant.corpus.stats.scoped`). ``store`` is a Store on this thread's connection."""
    from slant.corpus.stats import scoped

    if not f.active():
        return compute(store)
    where, params = where_clause(store.conn, f)
    with scoped(store, where, params):
        return compute(store)


def travelling_quotes(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    """Quotes carried by two or more outlets (4+ words, no site furniture: slant.corpus.stats): who
    said it (the first carrier's speaker, and every person the carriers credit, most articles
    first), where it was first seen, how far it went."""
    # the corpus tools' own query (slant stats, the report), so the three faces list the same quotes
    # with the same first carrier, decided by the UTC instant where the sources gave a time
    from slant.corpus.stats import travelling_quotes as corpus_travelling_quotes

    return [{"group_id": r["key"], "text": r["text"] or "", "speaker": r["speaker"] or "",
             "articles": r["articles"], "outlets": r["outlets"], "first_seen": r["first_published"],
             "speakers": [{"speaker": c["speaker"], "articles": c["articles"]} for c in r["speakers"]],
             "speakers_disagree": r["speakers_disagree"]}
            for r in corpus_travelling_quotes(conn, top=limit)]


# -- clusters and outlets ---------------------------------------------------------------------
def list_clusters(conn: sqlite3.Connection, *, page: int = 1, per_page: int = 25,
                  outlet: str = "") -> tuple[list[dict[str, Any]], int]:
    """Story clusters with more than one article, largest first."""
    having = "HAVING COUNT(*) > 1"
    extra, params = "", []
    if outlet:
        extra = ("WHERE c.cluster_id IN (SELECT c2.cluster_id FROM clusters c2 JOIN documents d2 ON d2.doc_id = c2.doc_id "
                 f"WHERE {is_outlet('d2.outlet')})")
        params += [outlet.strip()] * IS_OUTLET_PARAMS
    total = conn.execute(f"SELECT COUNT(*) FROM (SELECT c.cluster_id FROM clusters c {extra} "
                         f"GROUP BY c.cluster_id {having})", params).fetchone()[0]
    items = _rows(conn, f"""
        SELECT c.cluster_id, COUNT(*) AS size, COUNT(DISTINCT {named("d.outlet")}) AS outlets,
               MIN(d.published) AS first_published, MAX(d.published) AS last_published,
               (SELECT d3.title FROM clusters c3 JOIN documents d3 ON d3.doc_id = c3.doc_id
                WHERE c3.cluster_id = c.cluster_id ORDER BY {published_order("d3")} LIMIT 1) AS title
        FROM clusters c JOIN documents d ON d.doc_id = c.doc_id {extra}
        GROUP BY c.cluster_id {having}
        ORDER BY size DESC, first_published, c.cluster_id LIMIT ? OFFSET ?""",
                  [*params, per_page, (max(1, page) - 1) * per_page])
    return items, int(total)


def cluster_detail(conn: sqlite3.Connection, cluster_id: str) -> dict[str, Any]:
    """The articles of one story cluster in publication order; the earliest is marked first."""
    members = _rows(conn, f"""
        SELECT d.doc_id, d.title, {named("d.outlet")} AS outlet, d.published, d.published_at, d.url
        FROM clusters c JOIN documents d ON d.doc_id = c.doc_id WHERE c.cluster_id = ?
        ORDER BY {published_order("d")}""", (cluster_id,))
    if not members:
        raise NotFoundError(f"no story cluster {cluster_id!r}")
    first = members[0]["published"]
    # One first publication: the earliest by UTC instant where the sources gave a time, else by day
    # (the same order as slant.corpus.stats.CLUSTER_ROWS_SQL and the clusters export). When the
    # earliest day holds several copies and not all have a time, which came first is uncertain.
    same_day = [m for m in members if first is not None and m["published"] == first]
    for i, m in enumerate(members):
        m["is_first"] = i == 0 and first is not None
    members[0]["first_uncertain"] = len(same_day) > 1 and not all(m["published_at"] for m in same_day)
    links = _rows(conn, """
        SELECT l.doc_a, l.doc_b, l.kind, l.score FROM dup_links l
        WHERE l.doc_a IN (SELECT doc_id FROM clusters WHERE cluster_id = ?)""", (cluster_id,))
    return {"cluster_id": cluster_id, "size": len(members), "first_published": first,
            "first_published_at": members[0]["published_at"], "first_uncertain": members[0]["first_uncertain"],
            "undated": sum(1 for m in members if m["published"] is None),
            "outlets": sorted({m["outlet"] for m in members if m["outlet"]}), "articles": members, "links": links}


def list_outlets(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every named outlet with its article count, date range and technique spans per article (the
    articles that name none are no outlet: ``summary()["no_outlet"]`` counts them)."""
    # per stored spelling first (the outlet index's order), then per outlet as named (store.outlets.named)
    return _rows(conn, f"""
        WITH spellings AS (SELECT outlet, COUNT(*) AS articles, MIN(published) AS first_published,
                                  MAX(published) AS last_published FROM documents GROUP BY outlet),
             spans_of AS (SELECT d.outlet, COUNT(*) AS spans FROM spans s JOIN documents d ON d.doc_id = s.doc_id
                          WHERE s.layer = ? GROUP BY d.outlet)
        SELECT {named("p.outlet")} AS outlet, SUM(p.articles) AS articles, MIN(p.first_published) AS first_published,
               MAX(p.last_published) AS last_published, COALESCE(SUM(t.spans), 0) AS technique_spans
        FROM spellings p LEFT JOIN spans_of t ON t.outlet = p.outlet
        WHERE {is_named("p.outlet")} GROUP BY 1 ORDER BY articles DESC, outlet""", (TECHNIQUE_LAYER,))


def outlet_profile(conn: sqlite3.Connection, outlet: str) -> dict[str, Any]:
    """One outlet: totals, technique profile, genres, frames, top speakers; raises NotFoundError, also for
    the empty name: the articles that name no outlet are not one outlet (slant.store.outlets), and the
    empty name filters nothing, so its page would list the whole corpus as an outlet's."""
    if outlet_or_none(outlet) is None:  # "" or blanks (as older stores kept a missing outlet)
        raise NotFoundError("no outlet name given: articles that name no outlet are not one outlet and have no outlet page",
                            hint="pick a named outlet from /outlets (GET /api/v1/outlets)")
    outlet = outlet.strip()  # the outlet as named: "Harbour Herald " of an older store is Harbour Herald
    row = conn.execute(f"SELECT COUNT(*), MIN(published), MAX(published) FROM documents d WHERE {is_outlet('d.outlet')}",
                       [outlet] * IS_OUTLET_PARAMS).fetchone()
    if not row[0]:
        raise NotFoundError(f"no outlet named {outlet!r} in the store")
    f = ArticleFilters(outlet=outlet)

    def labels(name: str) -> list[dict[str, Any]]:
        return _rows(conn, "SELECT l.label, COUNT(*) AS articles FROM labels l JOIN documents d ON d.doc_id = l.doc_id "
                           f"WHERE {is_outlet('d.outlet')} AND l.name = ? AND l.selected = 1 GROUP BY l.label "
                           "ORDER BY articles DESC, l.label", [*[outlet] * IS_OUTLET_PARAMS, name])

    techniques = [{"technique": r["technique"], "spans": r["spans"], "articles": r["articles"]}
                  for r in techniques_by_outlet(conn, f)]
    return {"outlet": outlet, "articles": int(row[0]), "first_published": row[1], "last_published": row[2],
            "techniques": techniques, "genres": labels(GENRE_LABELS), "frames": labels(FRAME_LABELS),
            "speakers": top_speakers(conn, f, 10)}


# -- writes (the web app's single writer) ------------------------------------------------------
def delete_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    """Delete a document and every row derived from it, in the caller's transaction."""
    found = conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    if not found:
        return False
    conn.execute("DELETE FROM quote_groups WHERE quote_id IN (SELECT quote_id FROM quotes WHERE doc_id = ?)", (doc_id,))
    for table in ("spans", "labels", "quotes", "entities", "analyses", "clusters", "minhashes", "record_keys"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM dup_links WHERE doc_a = ? OR doc_b = ?", (doc_id, doc_id))
    conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
    return True
