"""Charts as inline SVG, drawn on the server: no script, no CDN, readable by screen readers.

Each chart is an ``<svg role="img">`` with a title and a description; every mark carries a
``<title>`` (the tooltip) and the page shows the numbers as a table beside it for anyone who
would rather read than look. Colours and fills are SVG attributes, not styles, so the strict CSP
needs no exception. Every label is escaped here: the output is Markup.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Sequence
from urllib.parse import quote

from markupsafe import Markup

#: a neutral ink for axes and text that passes WCAG AA contrast on the page background
INK = "#333333"
GRID = "#dddddd"
FONT = 'font-family="system-ui, sans-serif"'
#: series colours when no technique palette applies: Okabe-Ito, distinguishable with colour blindness
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _open(width: int, height: int, title: str, desc: str, ident: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" aria-labelledby="{ident}-t {ident}-d" class="chart">'
            f'<title id="{ident}-t">{_e(title)}</title><desc id="{ident}-d">{_e(desc)}</desc>')


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def hbar(items: Sequence[tuple[str, float]], *, title: str, ident: str, unit: str = "",
         colours: dict[str, str] | None = None, links: dict[str, str] | None = None) -> Markup:
    """Horizontal bars, one per (label, value), longest first as given."""
    if not items:
        return Markup("")
    row, left, width = 22, 190, 640
    height = row * len(items) + 24
    top = max(v for _, v in items) or 1
    out = [_open(width, height, title, f"{len(items)} bars; largest {items[0][0]}: {items[0][1]:g}{unit}", ident)]
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        w = (width - left - 60) * value / top
        fill = (colours or {}).get(label, SERIES[0])
        text = f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="12" fill="{INK}" {FONT}>{_e(_short(label, 28))}</text>'
        if links and label in links:
            text = f'<a href="{_e(links[label])}">{text}</a>'
        out.append(f'<g>{text}<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" fill="{_e(fill)}" '
                   f'stroke="{INK}" stroke-width="0.5"><title>{_e(label)}: {value:g}{_e(unit)}</title></rect>'
                   f'<text x="{left + w + 4:.1f}" y="{y + 14}" font-size="12" fill="{INK}" {FONT}>{value:g}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))


def heatmap(rows: Sequence[str], columns: Sequence[str], values: dict[tuple[str, str], float], *, title: str,
            ident: str, column_names: dict[str, str] | None = None, row_links: dict[str, str] | None = None) -> Markup:
    """A grid (rows x columns) shaded by value, with the value written in each cell."""
    if not rows or not columns:
        return Markup("")
    cell_w, cell_h, left, head = 46, 24, 170, 150
    width, height = left + cell_w * len(columns) + 10, head + cell_h * len(rows) + 10
    top = max(values.values() or [1]) or 1
    names = column_names or {}
    out = [_open(width, height, title, f"{len(rows)} rows by {len(columns)} columns; darker cells hold larger values", ident)]
    for j, col in enumerate(columns):
        x = left + j * cell_w + cell_w / 2
        out.append(f'<text transform="translate({x:.1f},{head - 6}) rotate(-55)" font-size="11" fill="{INK}" {FONT}>'
                   f'{_e(_short(names.get(col, col), 24))}<title>{_e(names.get(col, col))}</title></text>')
    for i, row in enumerate(rows):
        y = head + i * cell_h
        label = f'<text x="{left - 6}" y="{y + 16}" text-anchor="end" font-size="12" fill="{INK}" {FONT}>{_e(_short(row, 24))}</text>'
        if row_links and row in row_links:
            label = f'<a href="{_e(row_links[row])}">{label}</a>'
        out.append(label)
        for j, col in enumerate(columns):
            v = values.get((row, col), 0)
            share = v / top
            # light blue to dark blue; text flips to white where the cell gets dark
            r, g, b = int(235 - 200 * share), int(242 - 150 * share), int(250 - 90 * share)
            ink = "#ffffff" if share > 0.55 else INK
            x = left + j * cell_w
            out.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="rgb({r},{g},{b})">'
                       f'<title>{_e(row)} · {_e(names.get(col, col))}: {v:g}</title></rect>')
            if v:
                out.append(f'<text x="{x + cell_w / 2 - 1:.1f}" y="{y + 16}" text-anchor="middle" font-size="11" '
                           f'fill="{ink}" {FONT}>{v:.3g}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def lines(x_labels: Sequence[str], series: dict[str, Sequence[float]], *, title: str, ident: str,
          colours: dict[str, str] | None = None, names: dict[str, str] | None = None) -> Markup:
    """One line per series over the ordered ``x_labels`` (months), with a legend under the plot."""
    if not x_labels or not series:
        return Markup("")
    width, left, right, top_pad, plot_h = 680, 44, 34, 12, 200
    legend_rows = (len(series) + 2) // 3
    height = top_pad + plot_h + 40 + legend_rows * 18
    top = max((max(v) for v in series.values() if v), default=1) or 1
    n = len(x_labels)
    step = (width - left - right) / max(1, n - 1)
    out = [_open(width, height, title, f"{len(series)} series over {n} points from {x_labels[0]} to {x_labels[-1]}", ident)]
    for k in range(5):  # horizontal grid with values
        y = top_pad + plot_h - plot_h * k / 4
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" fill="{INK}" {FONT}>{top * k / 4:.3g}</text>')
    every = max(1, n // 10)
    for i, label in enumerate(x_labels):
        if i % every == 0 or i == n - 1:
            x = left + i * step
            out.append(f'<text x="{x:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" font-size="10" fill="{INK}" {FONT}>{_e(label)}</text>')
    for s, (name, values) in enumerate(series.items()):
        colour = (colours or {}).get(name) or SERIES[s % len(SERIES)]
        pts = " ".join(f"{left + i * step:.1f},{top_pad + plot_h - plot_h * v / top:.1f}" for i, v in enumerate(values))
        shown = (names or {}).get(name, name)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{_e(colour)}" stroke-width="2.5"><title>{_e(shown)}</title></polyline>')
        for i, v in enumerate(values):
            out.append(f'<circle cx="{left + i * step:.1f}" cy="{top_pad + plot_h - plot_h * v / top:.1f}" r="3" '
                       f'fill="{_e(colour)}" stroke="{INK}" stroke-width="0.5"><title>{_e(shown)}, {_e(x_labels[i])}: {v:g}</title></circle>')
        lx, ly = left + (s % 3) * 210, top_pad + plot_h + 34 + (s // 3) * 18
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="12" height="12" fill="{_e(colour)}" stroke="{INK}" stroke-width="0.5"/>'
                   f'<text x="{lx + 16}" y="{ly + 1}" font-size="11" fill="{INK}" {FONT}>{_e(_short(shown, 30))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def timeline(members: Sequence[dict], *, title: str, ident: str, link: str = "/articles/") -> Markup:
    """Articles of a story cluster on a time axis, one row per outlet; the first one ringed."""
    dated = [m for m in members if m.get("published")]
    if not dated:
        return Markup("")
    outlets = list(dict.fromkeys(m["outlet"] or "(unknown outlet)" for m in dated))
    days = [dt.date.fromisoformat(m["published"][:10]) for m in dated]
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    row, left, width, head = 26, 170, 680, 26
    height = head + row * len(outlets) + 30
    out = [_open(width, height, title, f"{len(dated)} articles in {len(outlets)} outlets from {first} to {last}", ident)]
    out.append(f'<text x="{left}" y="16" font-size="11" fill="{INK}" {FONT}>{first}</text>'
               f'<text x="{width - 10}" y="16" text-anchor="end" font-size="11" fill="{INK}" {FONT}>{last}</text>')
    for i, outlet in enumerate(outlets):
        y = head + i * row + row / 2
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y}" y2="{y}" stroke="{GRID}"/>'
                   f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="12" fill="{INK}" {FONT}>{_e(_short(outlet, 24))}</text>')
    for m, day in zip(dated, days):
        y = head + outlets.index(m["outlet"] or "(unknown outlet)") * row + row / 2
        x = left + 12 + (width - left - 34) * (day - first).days / span
        ring = f' stroke="{INK}" stroke-width="2.5"' if m.get("is_first") else f' stroke="{INK}" stroke-width="0.5"'
        out.append(f'<a href="{_e(link + quote(m["doc_id"], safe=""))}"><circle cx="{x:.1f}" cy="{y}" r="{7 if m.get("is_first") else 5}" '
                   f'fill="{SERIES[0] if m.get("is_first") else SERIES[5]}"{ring}>'
                   f'<title>{_e(m["published"])} · {_e(m["outlet"])} · {_e(m.get("title") or m["doc_id"])}'
                   f'{" (first)" if m.get("is_first") else ""}</title></circle></a>')
    out.append(f'<text x="{left}" y="{height - 8}" font-size="11" fill="{INK}" {FONT}>Ringed: the earliest known publication.</text>')
    out.append("</svg>")
    return Markup("".join(out))
