"""A readable terminal report of one Document (Rich renderables)."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from slant.analyze.quotes.confidence import PROBABILITY_MEANING
from slant.analyze.taxonomy import (FAMILY_COLOURS, FRAMES_MEANING, GENRE_MEANING, GENRE_SHORT_NO_SCORES, SCORE_MEANING,
                                    confidence, family, genre_too_short, genre_uncertain, human_name, percent)
from slant.document import Document
from slant.render.summary import (CLAIMS_BELOW_HALF, claim_source, claims_of, clip, entity_summary, in_quote_marks,
                                  published_words, speaker_label)

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
    if not m.published:
        date_note = Text("no publication date found", style="dim")
    # no empty lines for what the article does not give (a bare text file has no outlet or byline)
    lines = [t for t in (head, sub, date_note) if t.plain]
    parts.append(Panel(Group(*lines), title=Text(doc.source or doc.id, style="bold"), expand=True))

    for name in ("genre", "frames"):
        labels = doc.labels.get(name)
        if labels:
            # the heading is a line of its own: as the table's title it wrapped to the table's width
            # ("Genre: uncertain (no genre" / "reaches 50%)")
            heading = name.capitalize()
            if name == "genre" and genre_uncertain(labels):
                heading = f"Genre: uncertain ({genre_uncertain(labels)})"
            parts.append(Text(heading, style="bold"))
            if name == "genre" and genre_too_short(labels):
                # no percentages or bars: at this length they are not calibrated (the JSON keeps them)
                parts.append(Text(GENRE_SHORT_NO_SCORES, style="dim"))
                continue
            table = Table(show_header=False, box=None, pad_edge=False)
            for l in labels[:6]:
                bar = "█" * int(round(l.score * 20))
                table.add_row(("➤ " if l.selected else "  ") + human_name(l.label), percent(l.score), bar)
            parts.append(table)
            parts.append(Text(GENRE_MEANING if name == "genre" else FRAMES_MEANING, style="dim"))

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
            # two numbers can meet here: the paragraph tag's and, for the words it rests on most, their
            # own as an underlined passage (a "likely 52%" tag carried by words underlined at 15%);
            # each is said for what it is
            body.append(f"\n   ⟶ {human_name(s.label)} in this paragraph: {confidence(s.score)} "
                        f"{percent(s.score or 0)}", style="italic cyan")
            ev = s.attrs.get("evidence") if isinstance(s.attrs, dict) else None
            if isinstance(ev, dict) and isinstance(ev.get("start"), int):
                words = doc.text[ev["start"]:ev["end"]]
                own = ev.get("score")
                body.append(f", mostly from “{words[:100] + ('…' if len(words) > 100 else '')}”"
                            + (f" (those words on their own: {percent(own)})" if isinstance(own, (int, float)) else ""),
                            style="italic")
        body.append("\n\n")
    parts.append(body)

    tags = doc.layers.get("paragraph_techniques", [])
    if techniques or tags:
        # one row per technique: its paragraph tags (the scores printed under the paragraphs) and
        # its highlighted passages, each with its own probability; a single "best score" column
        # showed a passage's 15% beside a tag reading "likely 52%" for the same technique
        legend = Table(title="Techniques in this article", show_lines=False)
        legend.add_column("technique")
        legend.add_column("family")
        legend.add_column("paragraph tags")
        legend.add_column("underlined passages")
        legend.add_column("example (top passage)", ratio=1)
        tagged, underlined = defaultdict(list), defaultdict(list)
        for s in tags:
            tagged[s.label].append(s)
        for s in techniques:
            underlined[s.label].append(s)

        def top(spans):
            return max(spans, key=lambda s: s.score or 0) if spans else None

        def order(label):
            t, u = top(tagged[label]), top(underlined[label])
            return (-(t.score or 0) if t else 1, -len(underlined[label]), -((u.score or 0) if u else 0))

        for label in sorted(set(tagged) | set(underlined), key=order):
            t, u = top(tagged[label]), top(underlined[label])
            head = f"{len(tagged[label])}, top {confidence(t.score)} {percent(t.score or 0)}" if t else "none"
            under = f"{len(underlined[label])}, top {percent(u.score or 0)}" if u else "none"
            ev = t.attrs.get("evidence") if t is not None and isinstance(t.attrs, dict) else None
            if u is not None:
                example = in_quote_marks(doc.span_text(u), 50)  # its score is in "underlined passages"
            elif isinstance(ev, dict) and isinstance(ev.get("start"), int):
                example = f"{in_quote_marks(doc.text[ev['start']:ev['end']], 50)} (words of the top tag)"
            else:
                example = ""
            # article words are plain text, never Rich markup ("[the council]" vanished, "[/b]" crashed)
            legend.add_row(Text(human_name(label), style=styles.get(label, "underline")), family(label),
                           head, under, Text(example))
        parts.append(legend)
        parts.append(Text(SCORE_MEANING + " An underlined passage's probability is that annotators marked "
                          "those words; a technique underlined with no paragraph tag stayed below the tag "
                          "threshold in every paragraph.", style="dim"))

    quotes = doc.layers.get("quotes", [])
    if quotes:
        qt = Table(title="Who said what")
        # the cue words say how the speaker put it: "Moscow | sent | a series of proposals …" reads
        # as what it is, an act, where "Moscow | a series of proposals …" reads as words Moscow said
        shown_p = any(q.attrs.get("probability") is not None for q in quotes)
        relays = any(q.attrs.get("relay") for q in quotes)
        # the quote gets the width: with six columns at 80 characters it was 12 wide, one word a
        # line. The cue goes under the speaker ("said", "according to"), and a direct quote is
        # shown in quotation marks instead of a "kind" column.
        if shown_p:
            qt.add_column("chance", justify="right", no_wrap=True)
        qt.add_column("speaker (cue)", max_width=18)
        qt.add_column("quote", ratio=1)
        if relays:
            qt.add_column("relayed by", max_width=12)
        for q in quotes:
            speaker = q.attrs.get("speaker") or {}
            relay = q.attrs.get("relay") or {}
            cue = q.attrs.get("cue")
            p = q.attrs.get("probability")
            who = Text(speaker_label(speaker, "?"))
            if cue:
                who.append("\n" + clip(doc.text[cue[0]:cue[1]], 30), style="italic dim")
            words = clip(doc.parts_text(q), 160)
            if q.label == "direct":
                words = f"“{words}”"
            qt.add_row(*((percent(p),) if shown_p else ()), who, Text(words),
                       *((Text(str(relay.get("name", ""))) if relay else "",) if relays else ()))
        parts.append(qt)
        if shown_p:
            parts.append(Text(f"chance: {PROBABILITY_MEANING}.", style="dim"))
        parts.append(Text("Direct quotes are in quotation marks; under each speaker, in italics, the words that "
                          "report the quote.", style="dim"))

    claims = claims_of(doc)
    if claims:
        ct = Table(title="Check-worthy claims (probability that the sentence states a checkable fact)")
        relays = any(c.attrs.get("relay") for c in claims)
        ct.add_column("probability", justify="right", no_wrap=True)
        ct.add_column("who says it", max_width=18)
        ct.add_column("claim", ratio=1)
        if relays:
            ct.add_column("relayed by", max_width=12)
        for c in claims:
            ct.add_row(percent(c.score), Text(claim_source(c)), Text(clip(doc.span_text(c), 200)),
                       *((Text(str(c.attrs.get("relay") or "")),) if relays else ()))
        parts.append(ct)
        parts.append(Text(CLAIMS_BELOW_HALF, style="dim"))
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
            et.add_row(str(g["type"]), Text(str(g["canonical"])), str(g["mentions"]), str(g["quotes"] or ""),
                       Text("; ".join(others[:4])))
        parts.append(et)

    if show_removed and doc.removed:
        removed = Table(title=f"Removed as site junk ({len(doc.removed)} lines)", show_header=False, box=None)
        for r in doc.removed:
            removed.add_row(Text(clip(r.text, 70), style="strike dim"), Text(r.reason, style="yellow"))
        parts.append(removed)
    return Group(*parts)


def print_text(doc: Document, console: Console) -> None:
    console.print(render_text(doc))
