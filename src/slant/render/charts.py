"""Charts as inline SVG, drawn on the server: no script, no CDN, readable by screen readers.

Shared by the web pages (slant.web.ui) and the standalone ``slant report`` (slant.corpus.report),
so a chart reads the same in both.

Each chart is an ``<svg role="img">`` with a title and a description; every mark carries a
``<title>`` (the tooltip) and the page shows the numbers as a table beside it for anyone who
would rather read than look. Colours and fills are SVG attributes, not styles, so the strict CSP
needs no exception. Every label is escaped here: the output is Markup.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Callable, Iterable, Sequence
from urllib.parse import quote

from markupsafe import Markup

from slant.render import articles_words, count_words, dates_words, outlet_name

#: a neutral ink for axes and text that passes WCAG AA contrast on the page background
INK = "#333333"
GRID = "#dddddd"
FONT = 'font-family="system-ui, sans-serif"'
#: the width bar charts and line charts are drawn at: a phone's screen (390 px less margins) shows
#: them whole at 3/4 scale or more, so 13 px text stays at least 9.5 px
HBAR_WIDTH = 360
LINES_WIDTH = 480
#: series colours when no technique palette applies: Okabe-Ito, distinguishable with colour blindness
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _open(width: int, height: int, title: str, desc: str, ident: str, *, fit: bool = False) -> str:
    # "fit" charts are drawn for a phone's width and may shrink to it (their text stays >= 9.5 px);
    # the others keep their size and scroll in their box
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" aria-labelledby="{ident}-t {ident}-d" '
            f'class="chart{" fit" if fit else ""}">'
            f'<title id="{ident}-t">{_e(title)}</title><desc id="{ident}-d">{_e(desc)}</desc>')


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at font ``size`` px (system-ui averages ~0.58 em a character)."""
    return len(text) * size * 0.58 + 4


#: Most points a time axis holds before it moves to a coarser unit: months for up to ~8 years,
#: quarters up to 25, years up to 100, decades beyond (a 1931-2022 store draws 92 years).
MAX_TIME_POINTS = 100
#: A point of a chart over time that rests on fewer articles than this is drawn hollow ("read with
#: care"), on the web's charts page and in `slant report` alike (the report also coarsens its time
#: axis until its largest panel's points rest on this many articles on average). Technique spans per
#: article vary as much as their mean (SemEval-2023 task 3 English train, 446 articles: mean 16.1,
#: sd 18.6), so the standard error of a point over n articles is about 1.15/sqrt(n) of its value:
#: 0.67 at 3, 0.52 at 5, 0.36 at 10. 5 is the fewest at which it falls to about half the value;
#: the web used 5 and the report 3, so one store's charts read differently in the two.
MIN_ARTICLES_PER_POINT = 5


def time_axis(first: str, last: str, *, max_points: int = MAX_TIME_POINTS) -> tuple[str, list[str], Callable[[str], str]]:
    """A time axis from ``first`` to ``last`` (ISO dates or YYYY-MM) of at most ``max_points`` buckets.

    Returns the unit ("month", "quarter", "year" or "decade"), the bucket labels in order
    ("2019-03", "2019-Q1", "2019", "1930s") and a function from a YYYY-MM(-DD) string to its label.
    Works for any span: a store from 1931 to 2022 gets years, one of three months gets months.
    """
    fy, fm, ly, lm = int(first[:4]), int(first[5:7]), int(last[:4]), int(last[5:7])
    if (ly, lm) < (fy, fm):
        fy, fm, ly, lm = ly, lm, fy, fm
    months = (ly - fy) * 12 + (lm - fm) + 1
    if months <= max_points:
        def bucket(value: str) -> str:
            return value[:7]
        unit, labels, (y, m) = "month", [], (fy, fm)
        while (y, m) <= (ly, lm):
            labels.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return unit, labels, bucket
    if months / 3 <= max_points:
        def bucket(value: str) -> str:
            return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
        labels = [f"{y:04d}-Q{q}" for y in range(fy, ly + 1) for q in range(1, 5)
                  if (fy, (fm - 1) // 3 + 1) <= (y, q) <= (ly, (lm - 1) // 3 + 1)]
        return "quarter", labels, bucket
    if ly - fy + 1 <= max_points:
        return "year", [f"{y:04d}" for y in range(fy, ly + 1)], lambda value: value[:4]
    return ("decade", [f"{d:04d}s" for d in range(fy // 10 * 10, ly + 1, 10)],
            lambda value: f"{int(value[:4]) // 10 * 10:04d}s")


def counts_over_time(per_month: dict[str, int], max_points: int = MAX_TIME_POINTS) -> tuple[str, list[str], list[int]]:
    """Articles per period on :func:`time_axis`: (unit, bucket labels, counts) from counts per
    YYYY-MM (undated keys, None or "", are left out)."""
    months = sorted(m for m in per_month if m)
    if not months:
        return "month", [], []
    unit, axis, bucket = time_axis(months[0], months[-1], max_points=max_points)
    position = {b: i for i, b in enumerate(axis)}
    counts = [0] * len(axis)
    for month in months:
        counts[position[bucket(month)]] += per_month[month]
    return unit, axis, counts


def most_frequent(rows: Iterable[dict]) -> list[str]:
    """The techniques of ``rows`` (``{"technique", "spans", ...}``, e.g. per month or per outlet), by their
    spans summed over the rows, most first, ties by name."""
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["technique"]] = totals.get(r["technique"], 0) + r["spans"]
    return sorted(totals, key=lambda t: (-totals[t], t))


def per_article_over_time(by_month: Sequence[dict], per_month: dict[str, int], techniques: Sequence[str]):
    """Technique spans per article of each period, for the over-time chart.

    Args:
        by_month: rows ``{"month": "YYYY-MM", "technique", "spans"}`` (queries.techniques_by_month).
        per_month: dated articles per month (queries.articles_by_month): the denominators, so a
            busy month does not look like a persuasive one.
        techniques: the techniques to draw.

    Returns:
        (axis, period, spans, articles, series): the periods of :func:`time_axis` from the first
        month with a technique to the last (months, quarters, years or decades: a line of 1,000
        monthly points is noise), its unit, span counts and article counts per period, and spans
        per article per period (None for a period without articles: a gap, not a false zero).
    """
    months = sorted({r["month"] for r in by_month})
    axis: list[str] = []
    period = "month"
    if months:
        period, axis, bucket = time_axis(months[0], months[-1])
    position = {p: i for i, p in enumerate(axis)}
    spans = {t: [0] * len(axis) for t in techniques}
    for r in by_month:
        if r["technique"] in spans:
            spans[r["technique"]][position[bucket(r["month"])]] += r["spans"]
    articles = [0] * len(axis)
    for month, n in per_month.items():
        if month and axis and (b := bucket(month)) in position:
            articles[position[b]] += n
    series = {t: [v / a if a else None for v, a in zip(values, articles)] for t, values in spans.items()}
    return axis, period, spans, articles, series


def hbar(items: Sequence[tuple[str, float]], *, title: str, ident: str, unit: str = "",
         colours: dict[str, str] | None = None, links: dict[str, str] | None = None) -> Markup:
    """Horizontal bars, one per (label, value), longest first as given; the unit written above.

    Each label sits on its own line above its bar, so long names (technique names, speakers)
    are never cut and the chart fits a phone (HBAR_WIDTH).
    """
    if not items:
        return Markup("")
    size, label_h, bar_h, gap = 13, 17, 14, 9
    row = label_h + bar_h + gap
    width = HBAR_WIDTH
    head = 22 if unit else 4
    height = head + row * len(items)
    top = max(v for _, v in items) or 1
    suffix = f" {unit}" if unit else ""
    value_w = max(_text_width(f"{v:g}", size) for _, v in items) + 6
    out = [_open(width, height, title, f"{len(items)} bars; largest {items[0][0]}: {items[0][1]:g}{suffix}", ident, fit=True)]
    if unit:
        out.append(f'<text x="2" y="15" font-size="{size}" font-weight="600" fill="{INK}" {FONT}>{_e(unit)}</text>')
    for i, (label, value) in enumerate(items):
        y = head + i * row
        w = (width - 4 - value_w) * value / top
        fill = (colours or {}).get(label, SERIES[0])
        text = f'<text x="2" y="{y + 13}" font-size="{size}" fill="{INK}" {FONT}>{_e(_short(label, 48))}</text>'
        if links and label in links:
            text = f'<a href="{_e(links[label])}">{text}</a>'
        out.append(f'<g>{text}<rect x="2" y="{y + label_h}" width="{w:.1f}" height="{bar_h}" fill="{_e(fill)}" '
                   f'stroke="{INK}" stroke-width="0.5"><title>{_e(label)}: {value:g}{_e(suffix)}</title></rect>'
                   f'<text x="{w + 6:.1f}" y="{y + label_h + bar_h - 2}" font-size="{size}" fill="{INK}" {FONT}>{value:g}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))


def heatmap(rows: Sequence[str], columns: Sequence[str], values: dict[tuple[str, str], float], *, title: str,
            ident: str, unit: str = "", column_names: dict[str, str] | None = None,
            row_links: dict[str, str] | None = None, row_notes: dict[str, str] | None = None) -> Markup:
    """A grid (rows x columns) shaded by value, with the value written in each cell.

    Margins follow the labels (nothing is cut off at either side); ``unit`` is written above the
    grid, ``row_notes`` (an outlet's article count) after each row.
    """
    if not rows or not columns:
        return Markup("")
    names = column_names or {}
    notes = row_notes or {}
    cell_w, cell_h, size = 46, 26, 12
    row_labels = [_short(r, 28) for r in rows]
    col_labels = [_short(names.get(c, c), 34) for c in columns]
    left = int(max(_text_width(t, size) for t in row_labels) + 12)
    longest = max(_text_width(t, 11) for t in col_labels)
    # column labels turn 55 degrees: their height sets the head, and the last one reaches right
    head = int(longest * 0.82 + 30)
    note_w = int(max((_text_width(notes.get(r, ""), 11) for r in rows), default=0)) + 8
    right = max(note_w, int(longest * 0.57 - cell_w / 2) + 8)
    width, height = left + cell_w * len(columns) + right, head + cell_h * len(rows) + 10
    top = max(values.values() or [1]) or 1
    out = [_open(width, height, title, f"{len(rows)} rows by {len(columns)} columns; darker cells hold larger values"
                 + (f" ({unit})" if unit else ""), ident)]
    if unit:
        out.append(f'<text x="6" y="16" font-size="12" font-weight="600" fill="{INK}" {FONT}>Cells: {_e(unit)}</text>')
    for j, label in enumerate(col_labels):
        x = left + j * cell_w + cell_w / 2
        full = names.get(columns[j], columns[j])
        out.append(f'<text transform="translate({x:.1f},{head - 6}) rotate(-55)" font-size="11" fill="{INK}" {FONT}>'
                   f'{_e(label)}<title>{_e(full)}</title></text>')
    for i, (row, shown) in enumerate(zip(rows, row_labels)):
        y = head + i * cell_h
        label = f'<text x="{left - 6}" y="{y + 17}" text-anchor="end" font-size="{size}" fill="{INK}" {FONT}>{_e(shown)}<title>{_e(row)}</title></text>'
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
                       f'<title>{_e(row)} · {_e(names.get(col, col))}: {v:.3g}{(" " + _e(unit)) if unit else ""}</title></rect>')
            if v:
                out.append(f'<text x="{x + cell_w / 2 - 1:.1f}" y="{y + 17}" text-anchor="middle" font-size="11" '
                           f'fill="{ink}" {FONT}>{v:.2g}</text>')
        if notes.get(row):
            out.append(f'<text x="{left + cell_w * len(columns) + 6}" y="{y + 17}" font-size="11" fill="#595959" {FONT}>'
                       f'{_e(notes[row])}</text>')
    out.append("</svg>")
    return Markup("".join(out))


#: steps a value axis may take (times a power of ten): 0, 25, 50 ... or 0, 0.2, 0.4 ... read at a glance
NICE_STEPS = (1, 2, 2.5, 5)


def nice_scale(top: float, most: int = 5) -> tuple[float, list[float]]:
    """The axis top at or above ``top`` and its ticks from 0, in at most ``most`` round steps
    (27.2 -> 30 by 10; 127 -> 150 by 50; 1 -> 1 by 0.2; 0.0038 -> 0.004 by 0.001), not quarters of
    the largest value. No scale (0, a negative value, NaN or infinity) gives 0 to 1 by 0.25; a top
    too large or too small for round steps in floating point gives quarters of ``top``."""
    if not top or top <= 0 or not math.isfinite(top):
        return 1.0, [0, 0.25, 0.5, 0.75, 1.0]
    power = 10.0 ** math.floor(math.log10(top) - math.log10(most))
    ticks: list[float] = []
    if power > 0 and math.isfinite(power):
        for factor in (*NICE_STEPS, 10):
            step = factor * power
            count = math.ceil(top / step - 1e-9)
            if count <= most:
                break
        # 12 significant digits take off the float noise of step * k (0.6000000000000001) at any scale
        ticks = [float(f"{step * k:.12g}") for k in range(count + 1)]
    if not _rising(ticks) or ticks[-1] < top:  # past the float range (1.7e308 -> 2e308) or among subnormals
        ticks = [top / 4 * k for k in range(4)] + [top]
        if not _rising(ticks):
            ticks = [0.0, top]
    return ticks[-1], ticks


def _rising(ticks: list[float]) -> bool:
    return len(ticks) > 1 and ticks[0] == 0 and math.isfinite(ticks[-1]) and all(a < b for a, b in zip(ticks, ticks[1:]))


def lines(x_labels: Sequence[str], series: dict[str, Sequence[float | None]], *, title: str, ident: str, unit: str = "",
          colours: dict[str, str] | None = None, names: dict[str, str] | None = None,
          counts: Sequence[int] | None = None, min_count: int = 0, ymax: float | None = None,
          whole: bool = False) -> Markup:
    """One line per series over the ordered ``x_labels`` (months or years), the unit over the y axis,
    a legend (one entry a line, full names) under the plot. ``whole``: the values are counts, so
    the axis is labelled at whole numbers only (no 0.2 of an article).

    ``counts`` (articles per point) go into the tooltips; a point resting on fewer than
    ``min_count`` articles is drawn hollow: a rate over two articles is mostly noise. A value of
    None (no article at that point) leaves a gap in the line, not a false zero; ``ymax`` fixes the
    scale, so small multiples compare.
    """
    if not x_labels or not series:
        return Markup("")
    width, right, top_pad, plot_h, size = LINES_WIDTH, 16, 30, 200, 13
    top = ymax or max((max((x for x in v if x is not None), default=0) for v in series.values()), default=1) or 1
    top, ticks = nice_scale(top)
    if whole:
        ticks = [t for t in ticks if float(t).is_integer()]
    left = int(max(_text_width(f"{t:g}", size) for t in ticks) + 10)
    legend_top = top_pad + plot_h + 46
    height = legend_top + len(series) * 20
    n = len(x_labels)
    step = (width - left - right) / max(1, n - 1)
    # where period i stands; one period stands in the middle of the plot, not on its left edge
    origin = left + (width - left - right) / 2 if n == 1 else left
    out = [_open(width, height, title, f"{len(series)} series over {n} points from {x_labels[0]} to {x_labels[-1]}"
                 + (f", in {unit}" if unit else ""), ident, fit=True)]
    if unit:
        out.append(f'<text x="{left}" y="16" font-size="{size}" font-weight="600" fill="{INK}" {FONT}>{_e(unit)}</text>')
    for tick in ticks:  # horizontal grid with values
        y = top_pad + plot_h - plot_h * (tick / top)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="{size}" fill="{INK}" {FONT}>{tick:g}</text>')
    # about 5 x labels fit: a label is ~7 characters of 13 px
    every = max(1, -(-n // 5))
    for i, label in enumerate(x_labels):
        if i % every == 0 or (i == n - 1 and (n - 1) % every > every / 2):
            x = origin + i * step
            anchor = "start" if i == 0 and n > 1 else ("end" if i == n - 1 and n > 1 else "middle")
            out.append(f'<text x="{x:.1f}" y="{top_pad + plot_h + 18}" text-anchor="{anchor}" font-size="{size}" fill="{INK}" {FONT}>{_e(label)}</text>')
    dots = n <= 80
    for s, (name, values) in enumerate(series.items()):
        colour = (colours or {}).get(name) or SERIES[s % len(SERIES)]
        shown = (names or {}).get(name, name)
        runs: list[list[str]] = [[]]
        for i, v in enumerate(values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(f"{origin + i * step:.1f},{top_pad + plot_h - plot_h * (v / top):.1f}")
        for run in runs:
            if len(run) > 1:
                out.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{_e(colour)}" stroke-width="2.5">'
                           f'<title>{_e(shown)}</title></polyline>')
        for i, v in enumerate(values):
            if v is not None and (dots or v):
                few = counts is not None and counts[i] < min_count
                base = f" from {count_words(counts[i], 'article')}" if counts is not None else ""
                out.append(f'<circle cx="{origin + i * step:.1f}" cy="{top_pad + plot_h - plot_h * (v / top):.1f}" r="{3 if dots else 1.5}" '
                           f'fill="{"#ffffff" if few else _e(colour)}" stroke="{_e(colour) if few else INK}" '
                           f'stroke-width="{1.5 if few else 0.5}"><title>{_e(shown)}, {_e(x_labels[i])}: '
                           f'{v:.3g}{(" " + _e(unit)) if unit else ""}{base}</title></circle>')
        ly = legend_top + s * 20
        out.append(f'<rect x="{left}" y="{ly - 10}" width="12" height="12" fill="{_e(colour)}" stroke="{INK}" stroke-width="0.5"/>'
                   f'<text x="{left + 18}" y="{ly + 1}" font-size="{size}" fill="{INK}" {FONT}>{_e(shown)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _instant(member: dict) -> dt.datetime:
    """When an article came out, for the time axis: the source's time of day in UTC when it gave
    one (a time without a zone read as UTC), else noon of the day (its hour is unknown)."""
    at = member.get("published_at") or ""
    if "T" in at:
        try:
            moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            return moment.astimezone(dt.timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment
    day = dt.date.fromisoformat(member["published"][:10])
    return dt.datetime(day.year, day.month, day.day, 12)


def timeline(members: Sequence[dict], *, title: str, ident: str, link: str | None = "/articles/") -> Markup:
    """Articles of a story cluster on a time axis (to the minute where the sources gave a time),
    one row per outlet; the first one ringed. ``link`` (None: no links) prefixes each article's id."""
    dated = [m for m in members if m.get("published")]
    if not dated:
        return Markup("")
    outlets = list(dict.fromkeys(outlet_name(m["outlet"]) for m in dated))
    moments = [_instant(m) for m in dated]
    first, last = min(moments), max(moments)
    span = max(60.0, (last - first).total_seconds())
    hours = (last - first).total_seconds() < 3 * 86400 and any("T" in (m.get("published_at") or "") for m in dated)
    fmt = (lambda t: t.strftime("%Y-%m-%d %H:%M") + " UTC") if hours else (lambda t: t.strftime("%Y-%m-%d"))
    row, width, head, size = 28, LINES_WIDTH, 28, 13
    left = int(max(_text_width(_short(o, 24), size) for o in outlets) + 12)
    height = head + row * len(outlets) + 30
    # articles of no outlet get a row of their own, but are not one more outlet
    named = len({m["outlet"] for m in dated if m["outlet"]})
    when = dates_words(fmt(first), fmt(last))
    what = articles_words(len(dated), named, sum(1 for m in dated if not m["outlet"]))
    if not named and not when.startswith(","):
        what += ","  # "3 articles, outlets not named, from ..."
    out = [_open(width, height, title, f"{what}{when}", ident, fit=True)]
    out.append(f'<text x="{left}" y="17" font-size="{size}" fill="{INK}" {FONT}>{fmt(first)}</text>')
    if last != first:
        out.append(f'<text x="{width - 10}" y="17" text-anchor="end" font-size="{size}" fill="{INK}" {FONT}>{fmt(last)}</text>')
    for i, outlet in enumerate(outlets):
        y = head + i * row + row / 2
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y}" y2="{y}" stroke="{GRID}"/>'
                   f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="{size}" fill="{INK}" {FONT}>{_e(_short(outlet, 24))}<title>{_e(outlet)}</title></text>')
    for m, moment in zip(dated, moments):
        y = head + outlets.index(outlet_name(m["outlet"])) * row + row / 2
        x = left + 12 + (width - left - 34) * (moment - first).total_seconds() / span
        ring = f' stroke="{INK}" stroke-width="2.5"' if m.get("is_first") else f' stroke="{INK}" stroke-width="0.5"'
        shown = m.get("published_at") or m["published"]
        dot = (f'<circle cx="{x:.1f}" cy="{y}" r="{7 if m.get("is_first") else 5}" '
               f'fill="{SERIES[0] if m.get("is_first") else SERIES[5]}"{ring}>'
               f'<title>{_e(shown)} · {_e(m["outlet"])} · {_e(m.get("title") or m["doc_id"])}'
               f'{" (first)" if m.get("is_first") else ""}</title></circle>')
        out.append(f'<a href="{_e(link + quote(m["doc_id"], safe=""))}">{dot}</a>' if link else dot)
    out.append(f'<text x="4" y="{height - 8}" font-size="{size}" fill="{INK}" {FONT}>Ringed: the earliest known publication.</text>')
    out.append("</svg>")
    return Markup("".join(out))
