"""Aggregates over a store: techniques per outlet, month, story and quoted speaker; top quoted
people; outlet similarity by technique profile; travelling quotes.

Every function takes an open :class:`~slant.store.Store` and returns plain rows (lists of dicts),
so the CLI prints them, the web app serialises them and notebooks turn them into DataFrames.
They read only the store's generic tables (``spans``, ``quotes``, ``clusters``, ``documents``):
techniques are the spans of one layer (``techniques`` unless told otherwise), whatever made them.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from slant.corpus.claims import claims_by_outlet, claims_by_speaker, travelling_claims
from slant.corpus.speakers import name_speakers, shown_name, speaker_forms
from slant.errors import UnknownOutlet
from slant.render import count_words
from slant.store import Source, Store, corpus_totals, open_store, query_rows
from slant.store.outlets import is_named, is_outlet, named
from slant.store.schema import published_order

#: The layer technique components write; a parameter everywhere, this is only the default.
TECHNIQUE_LAYER = "techniques"
#: Rows the "top" lists return unless told otherwise.
DEFAULT_TOP = 20

#: The story a document belongs to and whether it is the earliest known publication of it:
#: by the UTC instant where the sources gave a time of day, else by day (a copy with only a day
#: sorts after the timed copies of that day); undated documents last; ties go to the one ingested first.
CLUSTER_ROWS_SQL = f"""
    SELECT cluster_id, doc_id, published, published_at, outlet, title, size, rank,
           CASE WHEN rank = 1 THEN 1 ELSE 0 END AS is_first
    FROM (
        SELECT c.cluster_id, c.doc_id, d.published, d.published_at, {named("d.outlet")} AS outlet, d.title,
               ROW_NUMBER() OVER (PARTITION BY c.cluster_id ORDER BY {published_order("d")}) AS rank,
               COUNT(*) OVER (PARTITION BY c.cluster_id) AS size
        FROM clusters c JOIN documents d ON d.doc_id = c.doc_id
    )
    ORDER BY cluster_id, rank
"""


def techniques_per_outlet(store: Store, *, layer: str = TECHNIQUE_LAYER) -> list[dict[str, Any]]:
    """Per outlet and technique: spans, documents using it, and the share of the outlet's documents;
    the outlets with most documents first (`slant stats` shows the first rows of each table).

    Documents whose source named no outlet are not one outlet (:mod:`slant.store.outlets`): they are
    left out here and in :func:`outlet_similarity`; :func:`summary` counts them (``no_outlet``)."""
    return store.query(
        f"""
        WITH per_outlet AS (SELECT {named("outlet")} AS outlet, SUM(n) AS outlet_documents
                            FROM (SELECT outlet, COUNT(*) AS n FROM documents GROUP BY outlet)
                            WHERE {is_named("outlet")} GROUP BY 1)
        SELECT p.outlet, s.label AS technique, COUNT(*) AS spans, COUNT(DISTINCT s.doc_id) AS documents,
               p.outlet_documents,
               ROUND(1.0 * COUNT(DISTINCT s.doc_id) / p.outlet_documents, 4) AS share
        FROM spans s JOIN documents d ON d.doc_id = s.doc_id JOIN per_outlet p ON p.outlet = {named("d.outlet")}
        WHERE s.layer = ?
        GROUP BY p.outlet, s.label
        ORDER BY p.outlet_documents DESC, p.outlet, spans DESC, technique
        """, (layer,))


def techniques_per_month(store: Store, *, layer: str = TECHNIQUE_LAYER, outlet: str | None = None,
                         by_outlet: bool = False) -> list[dict[str, Any]]:
    """Per month (YYYY-MM of the publication date; undated documents left out) and technique.

    ``by_outlet`` splits each month by outlet; ``outlet`` keeps one outlet only.
    """
    # outlets as named (store.outlets): "Harbour Herald " of an older store is Harbour Herald
    group = f"month, {named('d.outlet')}" if by_outlet else "month"
    select_outlet = f"{named('d.outlet')} AS outlet, " if by_outlet else ""
    where = f"AND {is_outlet('d.outlet', ':outlet')}" if outlet is not None else ""
    docs_group = "substr(published, 1, 7)" + (f", {named('outlet')}" if by_outlet else "")
    docs_join = "m.month = substr(d.published, 1, 7)" + (f" AND m.outlet IS {named('d.outlet')}" if by_outlet else "")
    docs_where = f"AND {is_outlet('outlet', ':outlet')}" if outlet is not None else ""
    return store.query(
        f"""
        WITH months AS (
            SELECT substr(published, 1, 7) AS month{f', {named("outlet")} AS outlet' if by_outlet else ''}, COUNT(*) AS month_documents
            FROM documents WHERE published IS NOT NULL {docs_where} GROUP BY {docs_group}
        )
        SELECT substr(d.published, 1, 7) AS month, {select_outlet}s.label AS technique,
               COUNT(*) AS spans, COUNT(DISTINCT s.doc_id) AS documents, m.month_documents,
               ROUND(1.0 * COUNT(DISTINCT s.doc_id) / m.month_documents, 4) AS share
        FROM spans s JOIN documents d ON d.doc_id = s.doc_id JOIN months m ON {docs_join}
        WHERE s.layer = :layer AND d.published IS NOT NULL {where}
        GROUP BY {group}, s.label
        ORDER BY {group}, spans DESC, technique
        """, {"layer": layer, "outlet": outlet.strip() if outlet is not None else None})


def techniques_per_story(store: Store, *, layer: str = TECHNIQUE_LAYER, min_size: int = 2) -> list[dict[str, Any]]:
    """Per story cluster (of at least ``min_size`` documents) and technique."""
    return store.query(
        f"""
        WITH sizes AS (SELECT cluster_id, COUNT(*) AS size FROM clusters GROUP BY cluster_id HAVING size >= ?)
        SELECT c.cluster_id, z.size, s.label AS technique, COUNT(*) AS spans,
               COUNT(DISTINCT s.doc_id) AS documents, COUNT(DISTINCT {named("d.outlet")}) AS outlets
        FROM spans s JOIN clusters c ON c.doc_id = s.doc_id JOIN sizes z ON z.cluster_id = c.cluster_id
             JOIN documents d ON d.doc_id = s.doc_id
        WHERE s.layer = ?
        GROUP BY c.cluster_id, s.label
        ORDER BY z.size DESC, c.cluster_id, spans DESC, technique
        """, (min_size, layer))


def techniques_per_speaker(store: Store, *, layer: str = TECHNIQUE_LAYER,
                           forms: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Per quoted speaker and technique: the technique spans that overlap the speaker's quotes.

    The speakers with the most such spans come first (the first rows of `slant stats` are the
    speakers that matter, not the alphabet's first: "aaron kall", "abc" with one span each).
    ``forms``: :func:`speaker_forms` of the store, when the caller has it (else read here)."""
    rows = store.query(
        """
        SELECT q.speaker_key, MIN(q.speaker) AS speaker, s.label AS technique, COUNT(*) AS spans,
               COUNT(DISTINCT q.quote_id) AS quotes, COUNT(DISTINCT q.doc_id) AS documents
        FROM quotes q JOIN spans s ON s.doc_id = q.doc_id AND s.start < q."end" AND q.start < s."end"
        WHERE s.layer = ? AND q.speaker_key != ''
        GROUP BY q.speaker_key, s.label
        """, (layer,))
    total: dict[str, int] = {}
    for r in rows:
        total[r["speaker_key"]] = total.get(r["speaker_key"], 0) + r["spans"]
    rows.sort(key=lambda r: (-total[r["speaker_key"]], r["speaker_key"], -r["spans"], r["technique"]))
    # each person under one name, the one top_quoted shows ("Donald Trump", not "Donald J. Trump")
    shown = {r["speaker_key"]: r["speaker"] for r in name_speakers(
        store.query, [{"speaker_key": k, "speaker": None} for k in total], forms)}
    for r in rows:
        r["speaker"] = shown.get(r["speaker_key"]) or r["speaker"]
    return rows


def top_quoted(store: Store, *, top: int = DEFAULT_TOP,
               forms: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """The most quoted people: quotes, documents and outlets quoting them, and the names they were
    quoted under (one key per person across the corpus: slant.corpus.speakers). ``forms``: as
    :func:`techniques_per_speaker`'s."""
    rows = store.query(
        f"""
        SELECT q.speaker_key, MIN(q.speaker) AS speaker, COUNT(*) AS quotes,
               COUNT(DISTINCT q.doc_id) AS documents, COUNT(DISTINCT {named("d.outlet")}) AS outlets
        FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
        WHERE q.speaker_key != ''
        GROUP BY q.speaker_key
        ORDER BY quotes DESC, documents DESC, q.speaker_key
        LIMIT ?
        """, (top,))
    return name_speakers(store.query, rows, forms)


#: a travelling quote has at least this many words: shorter ones are scare-quoted words and titles
#: ("the", "it", "reform") that many articles happen to quote
MIN_TRAVEL_WORDS = 4
#: quotes that are site furniture, not statements: the same words without a speaker on two or more
#: pages of one outlet ("You may opt out at anytime", "This field is for validation purposes").
#: Files that name no outlet (stored as "") are not one site: they are never pooled into one here
FURNITURE_SQL = f"""
    SELECT fq.norm_text FROM quotes fq JOIN documents fd ON fd.doc_id = fq.doc_id
    WHERE {is_named("fd.outlet")}
    GROUP BY fq.norm_text, {named("fd.outlet")}
    HAVING COUNT(DISTINCT fq.doc_id) >= 2 AND MAX(fq.speaker_key) = ''
"""


def travelling_quote_filter(alias: str = "q") -> str:
    """SQL condition on quote rows ``alias`` that keeps quotes that can travel: enough words, not furniture."""
    words = f"(length({alias}.norm_text) - length(replace({alias}.norm_text, ' ', '')) + 1)"
    return f"{alias}.norm_text != '' AND {words} >= {MIN_TRAVEL_WORDS} AND {alias}.norm_text NOT IN ({FURNITURE_SQL})"


def travelling_quotes(store: Source, *, top: int = DEFAULT_TOP, min_outlets: int = 2,
                      forms: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Quotes carried by at least ``min_outlets`` outlets: who said it, who carried it first, who relayed it.

    ``speaker`` is the first carrier's; ``speakers`` the people the carriers credit it to (by speaker
    key, the name each is shown under, and how many articles credit them), most articles first, and
    ``speakers_disagree`` marks a quote its carriers give to different people (:func:`credits_disagree`).
    ``forms`` (:func:`speaker_forms`) when the caller has it.

    Quotes are grouped by their ``quote_groups`` group (fuzzy matching, slant.corpus.quotes) when
    one is filed, else by their normalised text. Only quotes of ``MIN_TRAVEL_WORDS`` words or more
    that are not site furniture (``FURNITURE_SQL``) count.
    """
    rows = query_rows(store, f"""
        WITH keyed AS (
            SELECT q.quote_id, COALESCE(g.group_id, 't:' || q.norm_text) AS key, q.text, q.speaker,
                   q.speaker_key, q.doc_id, {named("d.outlet")} AS outlet, d.published, d.published_utc,
                   d.ingested_at, d.rowid AS doc_row
            FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
            LEFT JOIN quote_groups g ON g.quote_id = q.quote_id
            WHERE {travelling_quote_filter("q")}
        ),
        ranked AS (
            SELECT *, ROW_NUMBER() OVER (PARTITION BY key ORDER BY published IS NULL,
                                         COALESCE(published_utc, published || 'T24'),
                                         ingested_at, doc_row) AS rank
            FROM keyed
        )
        SELECT key, COUNT(*) AS occurrences, COUNT(DISTINCT doc_id) AS articles,
               COUNT(DISTINCT outlet) AS outlets,
               MAX(CASE WHEN rank = 1 THEN text END) AS text,
               MAX(CASE WHEN rank = 1 THEN speaker END) AS speaker,
               MAX(CASE WHEN rank = 1 THEN doc_id END) AS first_doc_id,
               MAX(CASE WHEN rank = 1 THEN outlet END) AS first_outlet,
               MAX(CASE WHEN rank = 1 THEN published END) AS first_published,
               GROUP_CONCAT(CASE WHEN rank > 1 THEN outlet END, '|') AS relayed_by,
               json_group_array(DISTINCT CASE WHEN speaker_key != ''
                                THEN json_array(speaker_key, doc_id) END) AS credits
        FROM ranked
        GROUP BY key
        HAVING outlets >= ?
        ORDER BY outlets DESC, occurrences DESC, key
        LIMIT ?
        """, (min_outlets, top))
    credits = [Counter(key for key, _doc in (c for c in json.loads(row.pop("credits")) if c)) for row in rows]
    if forms is None:
        forms = speaker_forms(lambda sql, p: query_rows(store, sql, p), sorted({k for c in credits for k in c}))
    for row, credit in zip(rows, credits):
        relays = [o for o in (row.pop("relayed_by") or "").split("|") if o]
        row["relayed_by"] = sorted(set(relays) - {row["first_outlet"]})
        row["speakers"] = [{"speaker": shown_name(key, forms.get(key, []), key), "speaker_key": key, "articles": n}
                           for key, n in sorted(credit.items(), key=lambda kv: (-kv[1], kv[0]))]
        row["speakers_disagree"] = credits_disagree(list(credit))
    return rows


#: said of a travelling quote whose carriers credit it to different people (:func:`credits_disagree`)
CREDITS_DISAGREE = "the articles carrying it disagree on who said it"


def credited_words(speakers: list[dict[str, Any]], disagree: bool = False) -> str:
    """A travelling quote's credits in words: "Tomas Vell (16 articles); also credited to Ada Brook (8),
    Lina Osei (8); the articles carrying it disagree on who said it". "" when no carrier names a person.
    The web page shows ``CREDITS_DISAGREE`` apart (a sentence of its own), so it passes ``disagree=False``."""
    if not speakers:
        return ""
    top, *rest = speakers
    words = f"{top['speaker']} ({count_words(top['articles'], 'article')})"
    if rest:
        words += "; also credited to " + ", ".join(f"{s['speaker']} ({s['articles']})" for s in rest)
    return words + (f"; {CREDITS_DISAGREE}" if disagree else "")


def credits_disagree(keys: list[str]) -> bool:
    """Whether the carriers of one quote credit it to different people (speaker keys,
    slant.corpus.speakers): a surname alone that ends another credited name ("vell", "tomas vell")
    may be that person, left unlinked only because the corpus has two of that name, so it is no
    disagreement; two full names are."""
    def same(a: str, b: str) -> bool:
        return a == b or (" " not in a and b.split()[-1] == a) or (" " not in b and a.split()[-1] == b)

    return any(not same(a, b) for i, a in enumerate(keys) for b in keys[i + 1:])


def technique_profiles(store: Store, *, layer: str = TECHNIQUE_LAYER) -> dict[str, dict[str, float]]:
    """outlet -> technique -> spans per document (the outlet's technique profile)."""
    profiles: dict[str, dict[str, float]] = {}
    for row in techniques_per_outlet(store, layer=layer):
        profiles.setdefault(row["outlet"], {})[row["technique"]] = row["spans"] / row["outlet_documents"]
    return profiles


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two sparse vectors (0 when either is empty)."""
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def outlet_similarity(store: Store, *, layer: str = TECHNIQUE_LAYER) -> list[dict[str, Any]]:
    """Cosine similarity of every pair of outlets' technique profiles, most similar first."""
    profiles = technique_profiles(store, layer=layer)
    outlets = sorted(profiles)
    rows = [{"outlet_a": a, "outlet_b": b, "similarity": round(cosine(profiles[a], profiles[b]), 4)}
            for i, a in enumerate(outlets) for b in outlets[i + 1:]]
    rows.sort(key=lambda r: (-r["similarity"], r["outlet_a"], r["outlet_b"]))
    return rows


def story_clusters(store: Store, *, min_size: int = 2, top: int | None = None) -> list[dict[str, Any]]:
    """Story clusters of at least ``min_size`` documents: size, outlets, first publication."""
    limit = "LIMIT ?" if top else ""
    params: tuple[Any, ...] = (min_size, top) if top else (min_size,)
    return store.query(
        f"""
        WITH ranked AS ({CLUSTER_ROWS_SQL})
        SELECT cluster_id, MAX(size) AS size, COUNT(DISTINCT {named("outlet")}) AS outlets,
               MIN(published) AS first_published, MAX(published) AS last_published,
               MAX(CASE WHEN is_first = 1 THEN doc_id END) AS first_doc_id,
               MAX(CASE WHEN is_first = 1 THEN outlet END) AS first_outlet,
               MAX(CASE WHEN is_first = 1 THEN title END) AS title
        FROM ranked GROUP BY cluster_id HAVING size >= ?
        ORDER BY size DESC, first_published, cluster_id {limit}
        """, params)


def summary(store: Store) -> dict[str, Any]:
    """Counts and date range of the store (:func:`slant.store.corpus_totals`), with its ingest runs,
    span counts per layer and analyses per component."""
    row = corpus_totals(store)
    row["runs"] = store.count("runs")
    row["layers"] = {r["layer"]: r["n"] for r in store.query("SELECT layer, COUNT(*) AS n FROM spans GROUP BY layer")}
    row["components"] = {r["name"]: r["n"] for r in store.query("SELECT name, COUNT(*) AS n FROM analyses GROUP BY name")}
    return row


#: The tables whose rows belong to one document: a scope (:func:`scoped`) keeps the rows of the
#: documents in it. ``runs`` and ``failures`` describe ingests, not documents, and stay whole.
SCOPED_TABLES = ("documents", "analyses", "spans", "labels", "quotes", "entities", "clusters")


@contextlib.contextmanager
def scoped(store: Store, where: str, params: Any = ()) -> Iterator[Store]:
    """Within the block, every query of ``store`` sees only the documents matching ``where``.

    ``where`` is an SQL condition on ``documents AS d`` (the web filters' ``where_clause``); the
    matching ids go into a temporary table, and temporary views of the same names as the document
    tables hide the rest (SQLite reads the temp schema before main). So every aggregate here
    narrows the same way without a second copy of its SQL. The connection is the caller's own: the
    temporary objects are dropped on leaving, even after an error.
    """
    conn = store.conn
    conn.execute("DROP TABLE IF EXISTS temp.scope_ids")
    conn.execute("CREATE TEMP TABLE scope_ids (doc_id TEXT PRIMARY KEY) WITHOUT ROWID")
    try:
        conn.execute(f"INSERT INTO temp.scope_ids SELECT d.doc_id FROM main.documents d WHERE {where}", tuple(params))
        for table in SCOPED_TABLES:
            # the rowid kept by name: the full-text index and travelling_quotes read documents.rowid
            rowid = "rowid AS rowid, " if table == "documents" else ""
            conn.execute(f"CREATE TEMP VIEW {table} AS SELECT {rowid}* FROM main.{table} "
                         "WHERE doc_id IN (SELECT doc_id FROM temp.scope_ids)")
        yield store
    finally:
        for table in SCOPED_TABLES:
            conn.execute(f"DROP VIEW IF EXISTS temp.{table}")
        conn.execute("DROP TABLE IF EXISTS temp.scope_ids")


def stats(db: str | Path | Store, *, layer: str = TECHNIQUE_LAYER, top: int = DEFAULT_TOP,
          outlet: str | None = None, where: tuple[str, Any] | None = None) -> dict[str, Any]:
    """Every aggregate at once, for ``slant stats``: a dict of named row lists.

    ``where`` (an SQL condition on ``documents AS d`` and its parameters) computes every aggregate
    over the matching documents only (see :func:`scoped`); ``outlet`` keeps one outlet's rows of the
    technique tables.
    """
    outlet = outlet.strip() if outlet is not None else None  # "Herald " as typed is the outlet Herald
    store = db if isinstance(db, Store) else open_store(db, readonly=True)
    try:
        if outlet is not None:
            _check_outlet(store, outlet)
        if where is None:
            return _all_stats(store, layer=layer, top=top, outlet=outlet)
        with scoped(store, where[0], where[1]):
            return _all_stats(store, layer=layer, top=top, outlet=outlet)
    finally:
        if not isinstance(db, Store):
            store.close()


def _check_outlet(store: Store, outlet: str) -> None:
    """Raise :class:`UnknownOutlet` unless some article names ``outlet`` (stripped; with the names nearest it)."""
    names = [r["outlet"] for r in store.query(
        f"SELECT DISTINCT {named('outlet')} AS outlet FROM (SELECT DISTINCT outlet FROM documents) "
        f"WHERE {is_named('outlet')} ORDER BY 1")]
    if outlet in names:
        return
    near = difflib.get_close_matches(outlet, names, n=3, cutoff=0.6) or [
        n for n in names if n.casefold() == outlet.casefold()]
    if near:
        hint = "did you mean " + " or ".join(repr(n) for n in near) + "?"
    elif names:
        hint = f"the store's {count_words(len(names), 'outlet')} include " + ", ".join(
            repr(n) for n in names[:5]) + (", …" if len(names) > 5 else "")
    else:
        hint = "no article in this store names its outlet"
    raise UnknownOutlet(f"no article in the store names the outlet {outlet!r}", hint=hint)


def _all_stats(store: Store, *, layer: str, top: int, outlet: str | None) -> dict[str, Any]:
    """Every aggregate of ``store`` as it is seen now (whole, or scoped)."""
    forms = speaker_forms(store.query)  # one grouping of the quotes for every table that names people
    out = {
        "summary": summary(store),
        "techniques_per_outlet": techniques_per_outlet(store, layer=layer),
        "techniques_per_month": techniques_per_month(store, layer=layer, outlet=outlet),
        "techniques_per_story": techniques_per_story(store, layer=layer),
        "techniques_per_speaker": techniques_per_speaker(store, layer=layer, forms=forms),
        "top_quoted": top_quoted(store, top=top, forms=forms),
        "travelling_quotes": travelling_quotes(store, top=top, forms=forms),
        "outlet_similarity": outlet_similarity(store, layer=layer),
        "story_clusters": story_clusters(store, top=top),
        "claims_by_speaker": claims_by_speaker(store, top=top, forms=forms),
        "claims_by_outlet": claims_by_outlet(store),
        "travelling_claims": travelling_claims(store, top=top),
    }
    if outlet is not None:
        out["techniques_per_outlet"] = [r for r in out["techniques_per_outlet"] if r["outlet"] == outlet]
    return out


def list_failures(db: str | Path | Store, *, run_id: str | None = None) -> list[dict[str, Any]]:
    """The failures recorded in the store (of one run, or all), oldest first."""
    store = db if isinstance(db, Store) else open_store(db, readonly=True)
    try:
        return store.failures(run_id)
    finally:
        if not isinstance(db, Store):
            store.close()
