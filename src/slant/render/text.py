"""A readable terminal report of one Document (Rich renderables)."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from slant.analyze.taxonomy import FAMILY_COLOURS, SCORE_MEANING, confidence, family, human_name
from slant.document import Document
from slant.render.summary import claim_source, claims_of, clip, entity_summary, published_words, speaker_label

#: One underline colour per taxonomy family (the six colour-blind-safe hues of the HTML views),
#: readable on dark and light terminals; overlapping techniques show as bold.
FAMILY_STYLES = {name: f"underline {strong}" for name, (strong, _) in FAMILY_COLOURS.items()}


def _style_map(doc: Document) -> dict[str, str]:
    labels = sorted({s.label for s in doc.layers.get("techniques", [])})
    return {label: FAMILY_STYLES.get(family(label), "underline") for label in labels}


def render_text(doc: Document, *, show_removed: bool = True) -> Group:
    """Title, metadata, labels, the highlighted article, techniques per paragraph, removed lines."""
    parts = []
    m = doc.meta
    head = Text(m.title or doc.id, style="bold")
    facts = []
    if m.byline:
        facts.append(f"by {m.byline}")
    if m.outlet:
        facts.append(m.outlet)
    if m.published:
        facts.append(published_words(m))
    sub = Text(" · ".join(facts), style="dim")
    date_note = Text("")
    if m.date is not None:
        words = m.date.summary or f"from “{m.date.text}”"
        # the evidence in plain words only: the resolver's confidence is a rule weight, not a
        # calibrated probability, and its reasons list stays in the JSON for those who want it
        date_note = Text(f"date: {m.date.value} {words}", style="dim")
    parts.append(Panel(Group(head, sub, date_note), title=f"[b]{doc.source or doc.id}", expand=True))

    for name in ("genre", "frames"):
        labels = doc.labels.get(name)
        if labels:
            table = Table(title=name.capitalize(), show_header=False, box=None, pad_edge=False)
            if name == "genre" and not any(l.selected for l in labels):
                table.title = "Genre: uncertain (no genre reaches 50%)"
            for l in labels[:6]:
                bar = "█" * int(round(l.score * 20))
                table.add_row(("➤ " if l.selected else "  ") + human_name(l.label), f"{l.score:.0%}", bar)
            parts.append(table)

    styles = _style_map(doc)
    techniques = doc.layers.get("techniques", [])
    per_par = defaultdict(list)
    for s in doc.layers.get("paragraph_techniques", []):
        per_par[doc.paragraph_index(s.start)].append(s)
    body = Text()
    for i, par in enumerate(doc.paragraphs):
        line = Text(doc.text[par.start:par.end], style="bold" if par.attrs.get("kind") == "title" else "")
        covered = [0] * (par.end - par.start)
        for s in techniques:
            if s.end > par.start and s.start < par.end:
                a, b = max(s.start, par.start) - par.start, min(s.end, par.end) - par.start
                line.stylize(styles[s.label], a, b)
                for k in range(a, b):
                    covered[k] += 1
        for k, n in enumerate(covered):
            if n > 1:
                line.stylize("bold", k, k + 1)
        body.append_text(line)
        for s in sorted(per_par.get(i, []), key=lambda s: -(s.score or 0)):
            body.append(f"\n   ⟶ {human_name(s.label)}: {confidence(s.score)} {s.score or 0:.0%}", style="italic cyan")
            ev = s.attrs.get("evidence") if isinstance(s.attrs, dict) else None
            if isinstance(ev, dict) and isinstance(ev.get("start"), int):
                words = doc.text[ev["start"]:ev["end"]]
                body.append(f": “{words[:100] + ('…' if len(words) > 100 else '')}”", style="italic")
        body.append("\n\n")
    parts.append(body)

    if techniques:
        legend = Table(title="Techniques found", show_lines=False)
        legend.add_column("technique")
        legend.add_column("family")
        legend.add_column("spans", justify="right")
        legend.add_column("best score", justify="right")
        legend.add_column("example")
        grouped = defaultdict(list)
        for s in techniques:
            grouped[s.label].append(s)
        for label, spans in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
            best = max(spans, key=lambda s: s.score or 0)
            legend.add_row(Text(human_name(label), style=styles[label]), family(label), str(len(spans)),
                           f"{best.score or 0:.0%}", clip(doc.span_text(best), 80))
        parts.append(legend)
        parts.append(Text(SCORE_MEANING, style="dim"))

    quotes = doc.layers.get("quotes", [])
    if quotes:
        qt = Table(title="Who said what")
        # the cue words say how the speaker put it: "Moscow | sent | a series of proposals …" reads
        # as what it is, an act, where "Moscow | a series of proposals …" reads as words Moscow said
        for col in ("speaker", "cue", "kind", "quote", "relayed by"):
            qt.add_column(col)
        for q in quotes:
            speaker = q.attrs.get("speaker") or {}
            relay = q.attrs.get("relay") or {}
            cue = q.attrs.get("cue")
            qt.add_row(speaker_label(speaker, "?"), clip(doc.text[cue[0]:cue[1]], 30) if cue else "", q.label,
                       clip(doc.parts_text(q), 120), str(relay.get("name", "")) if relay else "")
        parts.append(qt)

    claims = claims_of(doc)
    if claims:
        ct = Table(title="Check-worthy claims (probability that the sentence states a checkable fact)")
        for col, justify in (("p", "right"), ("who says it", "left"), ("relayed by", "left"), ("claim", "left")):
            ct.add_column(col, justify=justify)
        for c in claims:
            ct.add_row(f"{c.score:.2f}" if c.score is not None else "", claim_source(c),
                       str(c.attrs.get("relay") or ""), clip(doc.span_text(c), 200))
        parts.append(ct)
    elif "claims" in doc.layers:
        parts.append(Text("No check-worthy claims found.", style="dim"))

    entities = entity_summary(doc)
    if entities:
        et = Table(title="Named in this article")
        for col, justify in (("type", "left"), ("name", "left"), ("mentions", "right"), ("quotes", "right"),
                             ("also written", "left")):
            et.add_column(col, justify=justify)
        for g in entities:
            others = [f for f in g["forms"] if f != g["canonical"]]
            et.add_row(str(g["type"]), str(g["canonical"]), str(g["mentions"]), str(g["quotes"] or ""),
                       "; ".join(others[:4]))
        parts.append(et)

    if show_removed and doc.removed:
        removed = Table(title=f"Removed as site junk ({len(doc.removed)} lines)", show_header=False, box=None)
        for r in doc.removed:
            removed.add_row(Text(clip(r.text, 70), style="strike dim"), Text(r.reason, style="yellow"))
        parts.append(removed)
    return Group(*parts)


def print_text(doc: Document, console: Console) -> None:
    console.print(render_text(doc))
