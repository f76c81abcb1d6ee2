"""A self-contained HTML report of a store: inline SVG charts drawn here, no script, no network.

Charts: techniques over time per outlet (small multiples), story cluster timelines (who carried
the story when, the first publication marked), outlet similarity by technique profile (heat map),
plus tables of top quoted people and travelling quotes.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import html
import math
from pathlib import Path
from typing import Any

from slant.corpus import stats as _stats
from slant.store import Store, open_store

#: Outlets drawn as small multiples, largest first; more than a dozen panels stop being readable.
MAX_OUTLET_PANELS = 12
#: Techniques drawn per panel: the most frequent overall, so every panel shares one legend.
MAX_TECHNIQUES = 6
#: Story timelines drawn, largest clusters first.
MAX_CLUSTERS = 15
#: Outlets in the similarity heat map.
MAX_HEATMAP_OUTLETS = 20
#: Colour-blind-safe categorical palette (Okabe & Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{background:#f6f6f6}.num{text-align:right;font-variant-numeric:tabular-nums}
.panels{display:flex;flex-wrap:wrap;gap:1rem}.panel{border:1px solid #eee;padding:.4rem}
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
.muted{color:#777}svg text{font:11px system-ui,sans-serif;fill:#333}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def line_chart(series: dict[str, list[float | None]], xlabels: list[str], *, width: int = 330,
               height: int = 170, title: str = "", colours: dict[str, str] | None = None,
               ymax: float | None = None) -> str:
    """An SVG line chart: one polyline per series over shared x labels (None leaves a gap)."""
    left, right, top, bottom = 34, 8, 20, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for vs in series.values() for v in vs if v is not None]
    ymax = ymax or (max(values) if values else 1.0) or 1.0
    n = max(len(xlabels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - v / ymax)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">',
             f'<title>{_e(title)}</title>', f'<text x="{left}" y="13" font-weight="bold">{_e(title)}</text>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#999"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#999"/>',
             f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{ymax:.2g}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>']
    step = max(1, n // 4)
    for i in range(0, n, step):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="middle">{_e(xlabels[i])}</text>')
    for k, (name, vs) in enumerate(series.items()):
        colour = (colours or {}).get(name, PALETTE[k % len(PALETTE)])
        run: list[str] = []
        runs: list[list[str]] = []
        for i, v in enumerate(vs):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(f"{x(i):.1f},{y(v):.1f}")
        if run:
            runs.append(run)
        for r in runs:
            if len(r) == 1:
                cx, cy = r[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"><title>{_e(name)}</title></circle>')
            else:
                parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.8" points="{" ".join(r)}">'
                             f'<title>{_e(name)}</title></polyline>')
    parts.append("</svg>")
    return "".join(parts)


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


def _position(row: dict[str, Any]) -> float:
    """Where an article sits on a time axis, in days: its UTC instant when its source gave a time,
    else the middle of its day."""
    at = row.get("published_at")
    if at:
        with contextlib.suppress(ValueError):
            value = _dt.datetime.fromisoformat(at)
            if value.tzinfo is not None:
                value = value.astimezone(_dt.timezone.utc)
            return value.toordinal() + (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return _dt.date.fromisoformat(row["published"][:10]).toordinal() + 0.5


def timeline(rows: list[dict[str, Any]], *, width: int = 1000, title: str = "",
             colours: dict[str, str] | None = None) -> str:
    """An SVG timeline of one story: a dot per dated article on a date axis, the first ringed."""
    dated = [r for r in rows if r.get("published")]
    height = 46
    left, right = 10, 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">',
             f"<title>{_e(title)}</title>"]
    if not dated:
        parts.append('<text x="10" y="28" class="muted">no dated articles</text></svg>')
        return "".join(parts)
    days = [_position(r) for r in dated]
    lo, hi = min(days), max(days)
    # a story told within one day is drawn over that day, so the hours between copies show
    span = hi - lo if hi - lo >= 1 else 1.0
    if hi - lo < 1:
        lo = math.floor(lo)
    plot_w = width - left - right
    parts.append(f'<line x1="{left}" y1="24" x2="{width - right}" y2="24" stroke="#bbb"/>')
    parts.append(f'<text x="{left}" y="42">{_e(_dt.date.fromordinal(int(lo)))}</text>')
    end_label = _dt.date.fromordinal(int(hi)) if hi - lo >= 1 else "24 h later"
    parts.append(f'<text x="{width - right}" y="42" text-anchor="end">{_e(end_label)}</text>')
    for r, d in zip(dated, days):
        cx = left + plot_w * (d - lo) / span
        colour = (colours or {}).get(r.get("outlet") or "", "#555")
        ring = ' stroke="#000" stroke-width="2"' if r.get("is_first") else ""
        # a copy whose source gave only the day is drawn hollow at midday: its hour is unknown
        fill = f'fill="{colour}" fill-opacity="0.8"' if r.get("published_at") else \
            f'fill="#fff" stroke="{colour}" stroke-width="2"'
        when = when_published(r) + ("" if r.get("published_at") else " (time not given)")
        parts.append(f'<circle cx="{cx:.1f}" cy="24" r="{6 if r.get("is_first") else 4.5}" {fill}'
                     f'{ring}><title>{_e(when)} · {_e(r.get("outlet"))} · '
                     f'{_e(r.get("doc_id"))}{" (first)" if r.get("is_first") else ""}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def heatmap(outlets: list[str], similarity: dict[tuple[str, str], float], *, cell: int = 22) -> str:
    """An SVG heat map of pairwise outlet similarity (0 white .. 1 dark blue)."""
    # Labels are cut at 24 characters; ~6.5 px per character at 11 px type.
    label_w = 12 + int(6.5 * max((len(o[:24]) for o in outlets), default=4))
    size = label_w + cell * len(outlets) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 20}" height="{size}" role="img">',
             "<title>Outlet similarity by technique profile</title>"]
    for i, a in enumerate(outlets):
        parts.append(f'<text x="{label_w - 4}" y="{label_w + cell * i + cell * 0.7:.1f}" text-anchor="end">'
                     f'{_e(a[:24])}</text>')
        xx = label_w + cell * i + cell / 2
        parts.append(f'<text transform="translate({xx + 3:.1f},{label_w - 4}) rotate(-60)">{_e(a[:24])}</text>')
        for j, b in enumerate(outlets):
            value = 1.0 if a == b else similarity.get((a, b), similarity.get((b, a), 0.0))
            shade = int(255 - 200 * value)
            parts.append(f'<rect x="{label_w + cell * j}" y="{label_w + cell * i}" width="{cell - 1}" '
                         f'height="{cell - 1}" fill="rgb({shade},{shade + (255 - shade) // 3},255)">'
                         f'<title>{_e(a)} ~ {_e(b)}: {value:.2f}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    if not rows:
        return '<p class="muted">Nothing yet.</p>'
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for r in rows:
        cells = []
        for c in columns:
            v = r.get(c)
            if isinstance(v, list):
                v = ", ".join(map(str, v))
            cls = ' class="num"' if isinstance(v, (int, float)) else ""
            cells.append(f"<td{cls}>{_e(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def render_report(store: Store, *, layer: str = _stats.TECHNIQUE_LAYER, title: str = "Slant corpus report") -> str:
    """The report as one HTML string."""
    summary = _stats.summary(store)
    per_month = _stats.techniques_per_month(store, layer=layer, by_outlet=True)
    totals: dict[str, int] = {}
    for r in per_month:
        totals[r["technique"]] = totals.get(r["technique"], 0) + r["spans"]
    techniques = sorted(totals, key=lambda t: (-totals[t], t))[:MAX_TECHNIQUES]
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(techniques)}
    outlet_sizes = store.query("SELECT outlet, COUNT(*) AS n FROM documents WHERE published IS NOT NULL "
                               "GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?", (MAX_OUTLET_PANELS,))
    sections = [f"<h1>{_e(title)}</h1>",
                f'<p class="muted">Generated {_e(_dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))} '
                f"from the store; technique layer <code>{_e(layer)}</code>.</p>",
                _table([summary], ["documents", "outlets", "first_published", "last_published", "undated",
                                   "clusters", "quotes", "failures", "runs"])]

    sections.append("<h2>Techniques over time, per outlet</h2>")
    undated = summary["undated"]
    if techniques and summary["first_published"]:
        unit, buckets, bucket_of = _stats.time_axis(summary["first_published"], summary["last_published"])
        index = {b: i for i, b in enumerate(buckets)}
        # spans and dated articles per (outlet, bucket): a bucket's value is spans per article in it
        bucket_docs: dict[tuple[str, str], int] = {}
        for r in store.query("SELECT outlet, substr(published, 1, 7) AS month, COUNT(*) AS n FROM documents "
                             "WHERE published IS NOT NULL GROUP BY outlet, month"):
            key = (r["outlet"], bucket_of(r["month"]))
            bucket_docs[key] = bucket_docs.get(key, 0) + r["n"]
        bucket_spans: dict[tuple[str, str, str], int] = {}
        for r in per_month:
            if r["technique"] in colours:
                key = (r["outlet"], r["technique"], bucket_of(r["month"]))
                bucket_spans[key] = bucket_spans.get(key, 0) + r["spans"]
        share: dict[str, dict[str, list[float | None]]] = {}
        for (outlet, technique, b), spans in bucket_spans.items():
            series = share.setdefault(outlet, {t: [None] * len(buckets) for t in techniques})
            series[technique][index[b]] = spans / bucket_docs[(outlet, b)]
        ymax = max((v for s in share.values() for vs in s.values() for v in vs if v is not None), default=1.0)
        outlet_undated = {r["outlet"]: r["n"] for r in store.query(
            "SELECT outlet, COUNT(*) AS n FROM documents WHERE published IS NULL GROUP BY outlet")}
        panels = []
        for o in outlet_sizes:
            outlet = o["outlet"]
            series = share.get(outlet, {t: [None] * len(buckets) for t in techniques})
            for t in techniques:  # a bucket with articles but no such technique is a real zero
                for b, i in index.items():
                    if series[t][i] is None and bucket_docs.get((outlet, b)):
                        series[t][i] = 0.0
            name = outlet or "(no outlet)"
            left_out = outlet_undated.get(outlet, 0)
            caption = f"{name} · {o['n']} dated articles" + (f" ({left_out} undated not shown)" if left_out else "")
            chart = line_chart(series, buckets, title=caption, colours=colours, ymax=ymax)
            panels.append(f'<div class="panel">{chart}</div>')
        legend = "".join(f'<span><i style="background:{c}"></i>{_e(t)}</span>' for t, c in colours.items())
        sections.append(f'<p class="muted">Spans per article, by {unit} of publication '
                        f'({_e(buckets[0])} to {_e(buckets[-1])}).'
                        + (f" {undated} undated article{'s' if undated != 1 else ''} left out." if undated else "")
                        + f'</p><p class="legend">{legend}</p><div class="panels">{"".join(panels)}</div>')
    else:
        sections.append('<p class="muted">No dated articles with a technique layer yet '
                        f"(ingest with analysis on){f'; {undated} undated article' + ('s' if undated != 1 else '') if undated else ''}.</p>")

    sections.append("<h2>Story timelines</h2>")
    clusters = _stats.story_clusters(store, top=MAX_CLUSTERS)
    if clusters:
        ids = [c["cluster_id"] for c in clusters]
        marks = ",".join("?" * len(ids))
        members: dict[str, list[dict[str, Any]]] = {}
        for r in store.query(f"SELECT * FROM ({_stats.CLUSTER_ROWS_SQL}) WHERE cluster_id IN ({marks})", ids):
            members.setdefault(r["cluster_id"], []).append(r)
        outlets = sorted({r["outlet"] or "" for rs in members.values() for r in rs})
        outlet_colours = {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(outlets)}
        for c in clusters:
            rows = members.get(c["cluster_id"], [])
            first = rows[0] if rows else {}
            when = when_published(first) if first else (c["first_published"] or "undated")
            left_out = sum(1 for r in rows if not r.get("published"))
            sections.append(f'<p><b>{_e(c["title"] or c["cluster_id"])}</b> <span class="muted">· {c["size"]} '
                            f'articles, {c["outlets"]} outlets, first: {_e(c["first_outlet"])} {_e(when)}'
                            f'{f" · {left_out} undated not on the timeline" if left_out else ""}</span></p>')
            sections.append(timeline(members.get(c["cluster_id"], []), title=c["title"] or c["cluster_id"],
                                     colours=outlet_colours))
        legend = "".join(f'<span><i style="background:{c}"></i>{_e(o or "(no outlet)")}</span>'
                         for o, c in list(outlet_colours.items())[:len(PALETTE)])
        sections.append(f'<p class="legend">{legend}</p><p class="muted">The ringed dot is the earliest known '
                        "publication: by the time of day where the sources gave one. A hollow dot is a copy "
                        "whose source gave only the day; it is drawn at midday.</p>")
    else:
        sections.append('<p class="muted">No story clusters (near-duplicate linking finds them).</p>')

    sections.append("<h2>Outlet similarity by technique profile</h2>")
    pairs = _stats.outlet_similarity(store, layer=layer)
    if pairs:
        top_outlets = [o["outlet"] for o in store.query(
            "SELECT d.outlet, COUNT(*) AS n FROM spans s JOIN documents d ON d.doc_id = s.doc_id "
            "WHERE s.layer = ? GROUP BY d.outlet ORDER BY n DESC LIMIT ?", (layer, MAX_HEATMAP_OUTLETS))]
        similarity = {(p["outlet_a"], p["outlet_b"]): p["similarity"] for p in pairs}
        sections.append(heatmap(sorted(top_outlets), similarity))
        sections.append(_table(pairs[:10], ["outlet_a", "outlet_b", "similarity"]))
    else:
        sections.append('<p class="muted">Needs at least two outlets with techniques.</p>')

    sections.append("<h2>Top quoted people</h2>")
    sections.append(_table(_stats.top_quoted(store), ["speaker", "quotes", "documents", "outlets"]))
    sections.append("<h2>Travelling quotes</h2>")
    sections.append(_table(_stats.travelling_quotes(store), ["text", "speaker", "first_outlet", "first_published",
                                                             "outlets", "relayed_by"]))
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>{''.join(sections)}</body></html>")


def report(db: str | Path | Store, out_dir: str | Path, *, layer: str = _stats.TECHNIQUE_LAYER) -> Path:
    """Write ``report.html`` (self-contained) into ``out_dir``; returns its path."""
    store = db if isinstance(db, Store) else open_store(db, readonly=True)
    try:
        page = render_report(store, layer=layer)
    finally:
        if not isinstance(db, Store):
            store.close()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
