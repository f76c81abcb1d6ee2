"""A self-contained HTML report of a store: inline SVG charts, no script, no network.

Charts: techniques over time (all outlets, then one panel per outlet), story cluster timelines
(who carried the story when, the first publication marked), outlet similarity by technique
profile (heat map), plus tables of top quoted people and travelling quotes. The charts are drawn
by :mod:`slant.render.charts`, the same code as the web pages', so both read alike.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import html
from pathlib import Path
from typing import Any

from slant.analyze.taxonomy import human_name
from slant.corpus import stats as _stats
from slant.errors import writing
from slant.render import charts, count_words, outlet_count, outlet_name, outlets_words
from slant.store import Store, open_store
from slant.store.outlets import OUTLET_COLUMNS, is_named, is_not_named, named

#: Outlets drawn as small multiples, largest first; more than a dozen panels stop being readable.
MAX_OUTLET_PANELS = 12
#: Techniques drawn per panel: the most frequent overall, so every panel shares one legend.
MAX_TECHNIQUES = 6
#: Story timelines drawn, largest clusters first.
MAX_CLUSTERS = 15
#: Outlets in the similarity heat map.
MAX_HEATMAP_OUTLETS = 20
#: The summary's rows, in words (one row each: it reads at a phone's width too).
SUMMARY_ROWS = (("documents", "Articles"), ("outlets", "Outlets"),
                ("no_outlet", "Articles naming no outlet (in no per-outlet chart or table)"),
                ("first_published", "First published"),
                ("last_published", "Last published"), ("undated", "Undated (left out of charts over time)"),
                ("clusters", "Stories carried by more than one article"), ("quotes", "Quotes"),
                ("failures", "Inputs that failed"), ("runs", "Ingest runs"))
#: Colour-blind-safe categorical palette (Okabe & Ito), the web charts' own.
PALETTE = charts.SERIES
#: Articles a point of a line should rest on, on average, before the time axis gets finer (a
#: monthly line over one article a month is noise), and below which a point is drawn hollow: the web
#: charts' threshold, and the reason for its value, in slant.render.charts.
MIN_ARTICLES_PER_POINT = charts.MIN_ARTICLES_PER_POINT

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
h3{font-size:1rem;margin:.2rem 0}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.summary th{background:none;font-weight:normal}
.scroll{overflow-x:auto;max-width:100%}
.panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,480px),1fr));gap:1rem 1.5rem}
.panel{min-width:0}
svg.chart{box-sizing:border-box;display:block;max-width:100%;height:auto;margin:.4rem 0;background:#fff;border:1px solid #ddd;border-radius:4px}
svg.chart.wide{width:100%;max-width:760px}
.scroll svg.chart:not(.fit){max-width:none}
.muted{color:#595959}.note{color:#444;margin:.2rem 0}
@media (max-width:600px){body{margin:1rem auto;padding:0 .6rem}
 .scroll td{min-width:5rem}.scroll td:first-child{min-width:11rem}}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def when_published(row: dict[str, Any]) -> str:
    """A publication time for readers: "2022-02-08 06:30 (UTC-05:00)", or the day alone."""
    at = row.get("published_at")
    if at:
        with contextlib.suppress(ValueError):
            value = _dt.datetime.fromisoformat(at)
            zone = ""
            if value.tzinfo is not None:
                offset = value.utcoffset() or _dt.timedelta(0)
                minutes = int(offset.total_seconds() // 60)
                zone = " (UTC)" if not minutes else \
                    f" (UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"
            return value.strftime("%Y-%m-%d %H:%M") + zone
    return str(row.get("published") or "undated")


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    if not rows:
        return '<p class="muted">Nothing yet.</p>'
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c)
            if c in OUTLET_COLUMNS:
                v = ", ".join(map(outlet_name, v)) if isinstance(v, list) else outlet_name(v)
            if isinstance(v, list):
                v = ", ".join(map(str, v))
            cls = ' class="num"' if isinstance(v, (int, float)) else ""
            cells.append(f"<td{cls}>{_e(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<div class=\"scroll\"><table><tr>{head}</tr>{''.join(body)}</table></div>"


def _summary_value(summary: dict[str, Any], key: str) -> Any:
    """A summary figure as the table shows it: articles none of which names its outlet have
    outlets "not named", not 0 outlets."""
    if key == "outlets":
        return outlet_count(summary[key], summary["documents"])
    return summary[key] if summary[key] is not None else "none"


def _over_time(store: Store, summary: dict[str, Any], per_month: list[dict[str, Any]], techniques: list[str],
               outlet_sizes: list[dict[str, Any]]) -> str:
    """Techniques over time: spans per article of each period, all outlets, then one panel per outlet
    on the same axis and scale; what was left out (undated articles) said in words."""
    undated = summary["undated"]
    undated_words = f"{count_words(undated, 'undated article')} left out"
    if not techniques or not summary["first_published"]:
        return ('<p class="muted">No dated articles with a technique layer yet (ingest with analysis on)'
                f"{'; ' + undated_words if undated else ''}.</p>")
    no_outlet = sum(r["n"] for r in store.query(f"SELECT COUNT(*) AS n FROM documents WHERE published IS NOT NULL "
                                                f"AND {is_not_named('outlet')}"))
    # the axis: fine enough to show change, coarse enough that the largest panel's points rest on
    # MIN_ARTICLES_PER_POINT articles on average; the dated articles naming no outlet are no panel, but
    # when they outnumber every outlet "All outlets" is mostly them, and it needs their points
    largest = max([o["n"] for o in outlet_sizes] + [no_outlet])
    unit, buckets, bucket_of = charts.time_axis(summary["first_published"], summary["last_published"],
                                                max_points=max(2, min(charts.MAX_TIME_POINTS, largest // MIN_ARTICLES_PER_POINT)))
    index = {b: i for i, b in enumerate(buckets)}
    every_outlet = ("every outlet",)  # a key no outlet name (a string, or None) can equal
    docs: dict[tuple[Any, int], int] = {}  # (outlet, or every_outlet for all, bucket) -> dated articles
    for r in store.query(f"SELECT {named('outlet')} AS outlet, substr(published, 1, 7) AS month, COUNT(*) AS n "
                         "FROM documents WHERE published IS NOT NULL GROUP BY 1, month"):
        i = index[bucket_of(r["month"])]
        for key in ((r["outlet"], i), (every_outlet, i)):
            docs[key] = docs.get(key, 0) + r["n"]
    spans: dict[tuple[Any, str, int], int] = {}
    for r in per_month:
        if r["technique"] in techniques:
            i = index[bucket_of(r["month"])]
            for key in ((r["outlet"], r["technique"], i), (every_outlet, r["technique"], i)):
                spans[key] = spans.get(key, 0) + r["spans"]

    def series(outlet: Any) -> tuple[dict[str, list[float | None]], list[int]]:
        # a period with articles but no such technique is a real zero; one without articles a gap
        counts = [docs.get((outlet, i), 0) for i in range(len(buckets))]
        return ({t: [spans.get((outlet, t, i), 0) / n if n else None for i, n in enumerate(counts)]
                 for t in techniques}, counts)

    names = {t: human_name(t) for t in techniques}
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(techniques)}
    every, every_counts = series(every_outlet)
    panels = {o["outlet"]: series(o["outlet"]) for o in outlet_sizes}
    ymax = max((v for ss, _ in panels.values() for vs in ss.values() for v in vs if v is not None), default=0.0)
    ymax = max(ymax, max((v for vs in every.values() for v in vs if v is not None), default=0.0)) or 1.0
    unit_words = "technique spans per article"
    common = {"unit": unit_words, "names": names, "colours": colours, "min_count": MIN_ARTICLES_PER_POINT, "ymax": ymax}
    dated = summary["documents"] - undated
    span = _e(buckets[0]) if buckets[0] == buckets[-1] else f"{_e(buckets[0])} to {_e(buckets[-1])}"
    out = [f'<p class="note">Technique spans per article, by {unit} of publication ({span}): the {len(techniques)} most frequent techniques, '
           f"{count_words(dated, 'dated article')}." + (f" <b>{undated_words}</b> (no known date)." if undated else "")
           + f" A hollow point rests on fewer than {MIN_ARTICLES_PER_POINT} articles; a gap is a {unit} without articles.</p>",
           '<div class="panel">' + str(charts.lines(buckets, every, title=f"All outlets: technique spans per article, by {unit}",
                                                    ident="time-all", counts=every_counts, **common)) + "</div>"]
    if not outlet_sizes:  # no dated article names its outlet: no panel, so no heading above none
        out.append(f'<p class="note">No dated article names its outlet, so there is no panel per outlet: the '
                   f'{count_words(no_outlet, "dated article")} in the chart above {"are" if no_outlet != 1 else "is"} '
                   "not one outlet.</p>")
        return "".join(out)
    out.append(f"<h3>Per outlet (the {len(outlet_sizes)} with most dated articles, same scale)</h3>")
    if no_outlet:  # slant.store.outlets: in "All outlets", but not one outlet with a panel of its own
        out.append(f'<p class="note">{count_words(no_outlet, "dated article")} naming no outlet '
                   f'{"are" if no_outlet != 1 else "is"} in the chart of all outlets above, in no panel here.</p>')
    outlet_undated = {r["outlet"]: r["n"] for r in store.query(
        f"SELECT {named('outlet')} AS outlet, COUNT(*) AS n FROM documents WHERE published IS NULL GROUP BY 1")}
    cells = []
    for k, o in enumerate(outlet_sizes):
        outlet = o["outlet"]
        name = outlet_name(outlet)
        left_out = outlet_undated.get(outlet, 0)
        caption = (f"{name} · {count_words(o['n'], 'dated article')}"
                   + (f" ({left_out} undated not shown)" if left_out else ""))
        values, counts = panels[outlet]
        cells.append(f'<div class="panel"><h3>{_e(caption)}</h3>'
                     + str(charts.lines(buckets, values, title=f"{name}: technique spans per article, by {unit}",
                                        ident=f"time-{k}", counts=counts, **common)) + "</div>")
    out.append(f'<div class="panels">{"".join(cells)}</div>')
    return "".join(out)


def render_report(store: Store, *, layer: str = _stats.TECHNIQUE_LAYER, title: str = "Slant corpus report") -> str:
    """The report as one HTML string."""
    summary = _stats.summary(store)
    per_month = _stats.techniques_per_month(store, layer=layer, by_outlet=True)
    techniques = charts.most_frequent(per_month)[:MAX_TECHNIQUES]
    outlet_sizes = store.query(f"SELECT {named('outlet')} AS outlet, COUNT(*) AS n FROM documents WHERE published "
                               f"IS NOT NULL AND {is_named('outlet')} GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
                               (MAX_OUTLET_PANELS,))
    sections = [f"<h1>{_e(title)}</h1>",
                f'<p class="muted">Generated {_e(_dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))} '
                f"from the store; technique layer <code>{_e(layer)}</code>.</p>",
                '<table class="summary">' + "".join(
                    f'<tr><th scope="row">{_e(words)}</th><td class="num">'
                    f'{_e(_summary_value(summary, key))}</td></tr>'
                    for key, words in SUMMARY_ROWS) + "</table>"]

    sections.append("<h2>Techniques over time</h2>")
    sections.append(_over_time(store, summary, per_month, techniques, outlet_sizes))

    sections.append("<h2>Story timelines</h2>")
    clusters = _stats.story_clusters(store, top=MAX_CLUSTERS)
    if clusters:
        ids = [c["cluster_id"] for c in clusters]
        marks = ",".join("?" * len(ids))
        members: dict[str, list[dict[str, Any]]] = {}
        for r in store.query(f"SELECT * FROM ({_stats.CLUSTER_ROWS_SQL}) WHERE cluster_id IN ({marks})", ids):
            members.setdefault(r["cluster_id"], []).append(r)
        for i, c in enumerate(clusters):
            rows = members.get(c["cluster_id"], [])
            first = rows[0] if rows else {}
            when = when_published(first) if first else ""
            left_out = sum(1 for r in rows if not r.get("published"))
            name = c["title"] or c["cluster_id"]
            outlet_words = outlets_words(c["outlets"], c["size"])
            sections.append(f'<h3>{_e(name)}</h3><p class="note">{c["size"]} articles, {outlet_words}; '
                            + (f'first: {_e(outlet_name(c["first_outlet"]))} {_e(when)}' if first.get("published")
                               else "first publication not known (no article of it is dated)")
                            + f'{f"; {left_out} undated not on the timeline" if left_out else ""}.</p>')
            sections.append(str(charts.timeline(rows, title=f"When each outlet carried: {name}", ident=f"story{i}", link=None)))
        sections.append('<p class="muted">Each dot is an article, one row per outlet, placed at its UTC time where '
                        "the source gave one, else at midday of its day; the ringed dot is the earliest known "
                        "publication (the article itself is named in each dot's tooltip).</p>")
    else:
        sections.append('<p class="muted">No story clusters (near-duplicate linking finds them).</p>')

    sections.append("<h2>Outlet similarity by technique profile</h2>")
    pairs = _stats.outlet_similarity(store, layer=layer)
    if pairs:
        top_outlets = [o["outlet"] for o in store.query(
            f"SELECT {named('d.outlet')} AS outlet, COUNT(*) AS n FROM spans s JOIN documents d ON d.doc_id = s.doc_id "
            f"WHERE s.layer = ? AND {is_named('d.outlet')} GROUP BY 1 ORDER BY n DESC LIMIT ?",
            (layer, MAX_HEATMAP_OUTLETS))]
        shown = sorted(top_outlets)
        similarity = {(p["outlet_a"], p["outlet_b"]): p["similarity"] for p in pairs}
        values = {(a, b): 1.0 if a == b else similarity.get((a, b), similarity.get((b, a), 0.0))
                  for a in shown for b in shown}
        sections.append('<p class="note">Cosine similarity of the outlets\' technique spans per article: 1 is the '
                        "same mix of techniques, 0 none in common.</p>")
        sections.append('<div class="scroll">' + str(charts.heatmap(shown, shown, values, title="Outlet similarity by "
                        "technique profile", ident="similarity", unit="cosine similarity")) + "</div>")
        sections.append(_table(pairs[:10], ["outlet_a", "outlet_b", "similarity"]))
    else:
        sections.append('<p class="muted">Needs at least two outlets with techniques.</p>')

    sections.append("<h2>Top quoted people</h2>")
    # a speaker quoted in 28 articles of which none names its outlet read "0 outlets"
    quoted = [dict(r, outlets=outlet_count(r["outlets"], r["documents"])) for r in _stats.top_quoted(store)]
    sections.append(_table(quoted, ["speaker", "quotes", "documents", "outlets"]))
    sections.append("<h2>Travelling quotes</h2>")
    # who each carrier says said it, not the first carrier's speaker alone
    travelling = [dict(r, credited_to=_stats.credited_words(r["speakers"], r["speakers_disagree"]))
                  for r in _stats.travelling_quotes(store)]
    sections.append(_table(travelling, ["text", "credited_to", "first_outlet", "first_published",
                                        "outlets", "relayed_by"]))
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title)}</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<style>{_CSS}</style></head><body>{''.join(sections)}</body></html>")


def report(db: str | Path | Store, out_dir: str | Path, *, layer: str = _stats.TECHNIQUE_LAYER) -> Path:
    """Write ``report.html`` (self-contained) into ``out_dir``; returns its path."""
    store = db if isinstance(db, Store) else open_store(db, readonly=True)
    try:
        page = render_report(store, layer=layer)
    finally:
        if not isinstance(db, Store):
            store.close()
    out = Path(out_dir)
    path = out / "report.html"
    with writing(path):
        out.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    return path
