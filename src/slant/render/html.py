"""A standalone, self-contained HTML page for one or more Documents (no network, no CDN).

Overlapping spans are shown by cutting the text at every span edge: each piece is wrapped in one
``<mark>`` listing every technique that covers it, coloured by the first and outlined when more
than one applies. A legend with counts toggles techniques on and off (a few lines of inline JS;
the page reads fine without it). Quotes are underlined in the text and numbered; their speakers'
mentions link to the quotes, and the "who said what" table links both ways, so a reader can go
from a speaker to what they said and back. Every piece of article text is escaped: hostile input
stays text.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from importlib import resources
from typing import Iterable

from slant.analyze.quotes.confidence import PROBABILITY_MEANING
from slant.analyze.taxonomy import (FAMILY_COLOURS, FRAMES_MEANING, GENRE_MEANING, GENRE_SHORT_NO_SCORES, SCORE_MEANING,
                                    TECHNIQUE_NAMES, confidence, explain, family, family_colour, genre_too_short,
                                    genre_uncertain, human_name, percent)
from slant.document import Document, Span
from slant.render import count_words
from slant.render.summary import (CLAIMS_BELOW_HALF, ENTITY_TYPES, claim_source, claims_of, clip, entity_summary,
                                  published_words, speaker_label)

#: layers drawn as highlights in the article, in drawing priority
HIGHLIGHT_LAYERS = ("techniques",)


def _palette(labels: Iterable[str]) -> dict[str, str]:
    """The pale hue of each technique's family (six colour-blind-safe hues, see
    :data:`slant.analyze.taxonomy.FAMILY_COLOURS`); 23 techniques cannot take 23 distinct shades."""
    labels = list(dict.fromkeys(labels))
    return {label: family_colour(label) for label in list(TECHNIQUE_NAMES) + [l for l in labels if l not in TECHNIQUE_NAMES]}


def _pieces(text: str, start: int, end: int, spans: list[tuple[str, Span]]):
    """Cut text[start:end] at span edges; yield (piece, [(layer, span), ...] covering it)."""
    cuts = {start, end}
    for _, s in spans:
        if s.end > start and s.start < end:
            cuts.add(max(start, s.start))
            cuts.add(min(end, s.end))
    edges = sorted(cuts)
    for a, b in zip(edges, edges[1:]):
        covering = [(layer, s) for layer, s in spans if s.start <= a and s.end >= b]
        yield text[a:b], covering


def _span_title(layer: str, span: Span) -> str:
    score = f" ({percent(span.score)})" if span.score is not None else ""
    if layer == "techniques":
        return f"{human_name(span.label)}{score}: {explain(span.label)}"
    return f"{layer}: {span.label}{score}"


def _evidence_of(s: Span) -> dict | None:
    ev = s.attrs.get("evidence") if isinstance(s.attrs, dict) else None
    if isinstance(ev, dict) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int) \
            and ev["end"] > ev["start"]:
        return ev
    return None


def _chip(doc: Document, s: Span, colours: dict[str, str], anchor: str | None = None) -> str:
    """A paragraph tag: technique, "likely" or "possible" with its calibrated score, and a link to
    the words that carry it (quoted in the tooltip)."""
    level = confidence(s.score)
    score = f" {level} {percent(s.score)}" if s.score is not None else ""
    tip = f"{human_name(s.label)} ({family(s.label)}){score}: {explain(s.label)}"
    ev = _evidence_of(s)
    if ev is not None:
        words = doc.text[ev["start"]:ev["end"]]
        if len(words) > 160:
            words = words[:157] + "…"
        tip += f"\nCarried by: “{words}”"
        if ev.get("score") is not None:
            tip += f" ({percent(float(ev['score']))})"
    tag, href = ("a", f' href="#{anchor}"') if anchor else ("span", "")
    return (f'<{tag} class="chip {level}"{href} data-labels="{html.escape(s.label)}" '
            f'style="--c:{colours.get(s.label, "#eee")}" title="{html.escape(tip)}">{html.escape(human_name(s.label))}'
            f'<span class="csc">{html.escape(score)}</span></{tag}>')


def _quote_marks(doc: Document) -> tuple[list[tuple[str, Span]], dict[int, list[int]]]:
    """Quote content parts, cues and speaker mentions as (kind, span) for cutting the text, and,
    per speaker mention start, the numbers of the quotes it is the speaker of."""
    marks: list[tuple[str, Span]] = []
    speaker_of: dict[int, list[int]] = {}
    for n, q in enumerate(doc.layers.get("quotes", []), 1):
        parts = q.attrs.get("parts") or [[q.start, q.end]]
        for a, b in parts:
            marks.append(("quote", Span(a, b, str(n))))
        cue = q.attrs.get("cue")
        if cue:
            marks.append(("cue", Span(cue[0], cue[1], str(n))))
        speaker = q.attrs.get("speaker") or {}
        if isinstance(speaker.get("start"), int) and isinstance(speaker.get("end"), int) \
                and speaker["end"] > speaker["start"]:
            if speaker["start"] not in speaker_of:
                marks.append(("speaker", Span(speaker["start"], speaker["end"], str(n))))
            speaker_of.setdefault(speaker["start"], []).append(n)
    return marks, speaker_of


def render_article(doc: Document, colours: dict[str, str], prefix: str = "d1") -> str:
    """The article body as HTML paragraphs with highlighted spans, quotes and their speakers.

    ``prefix`` makes the element ids (``{prefix}-q3``: quote 3) unique on a page of several articles.
    """
    spans = [(layer, s) for layer in HIGHLIGHT_LAYERS for s in doc.layers.get(layer, [])]
    quote_marks, speaker_of = _quote_marks(doc)
    claims = claims_of(doc)
    quote_marks += [("claim", Span(c.start, c.end, str(n))) for n, c in enumerate(claims, 1)]
    by_paragraph: dict[int, list[Span]] = {}
    anchors: dict[int, str] = {}  # id(tag) -> the element id at the start of the words carrying it
    for n, s in enumerate(doc.layers.get("paragraph_techniques", []), 1):
        by_paragraph.setdefault(doc.paragraph_index(s.start), []).append(s)
        ev = _evidence_of(s)
        if ev is not None:
            anchors[id(s)] = f"{prefix}-e{n}"
            quote_marks.append(("evidence", Span(ev["start"], ev["end"], anchors[id(s)])))
    quotes = doc.layers.get("quotes", [])
    opened: set[int] = set()  # quotes whose number has been placed at their first piece
    claim_opened: set[int] = set()
    out = []
    paragraphs = doc.paragraphs or [Span(0, len(doc.text))]
    for i, par in enumerate(paragraphs):
        inner = []
        pos = par.start
        for piece, covering in _pieces(doc.text, par.start, par.end, spans + quote_marks):
            # where the words carrying a paragraph tag begin: the tag links here
            starts = "".join(f'<span class="en" id="{s.label}"></span>' for layer, s in covering
                             if layer == "evidence" and s.start == pos)
            pos += len(piece)
            escaped = html.escape(piece)
            highlights = [(layer, s) for layer, s in covering if layer in HIGHLIGHT_LAYERS]
            if highlights:
                labels = [s.label for _, s in highlights]
                title = "\n".join(_span_title(layer, s) for layer, s in highlights)
                classes = "hl multi" if len(highlights) > 1 else "hl"
                escaped = (f'<mark class="{classes}" tabindex="0" data-labels="{html.escape(" ".join(labels))}" '
                           f'style="--c:{colours.get(labels[0], "#eee")}" title="{html.escape(title)}">{escaped}</mark>')
            kinds = {layer: s for layer, s in covering if layer not in HIGHLIGHT_LAYERS}
            if "cue" in kinds:
                escaped = f'<span class="cue" title="attribution cue">{escaped}</span>'
            if "speaker" in kinds:
                s = kinds["speaker"]
                numbers = speaker_of.get(s.start, [int(s.label)])
                said = ", ".join(f"Q{n}" for n in numbers)
                escaped = (f'<a class="spk" href="#{prefix}-q{numbers[0]}" data-quotes="{said}" '
                           f'title="speaker of {said}">{escaped}</a>')
            if "quote" in kinds:
                n = int(kinds["quote"].label)
                anchor = ""
                if n not in opened:
                    opened.add(n)
                    anchor = (f'<a class="qn" id="{prefix}-q{n}" href="#{prefix}-row{n}" '
                              f'title="quote {n} in the table">Q{n}</a>')
                escaped = f'{anchor}<span class="qc" data-quote="{n}">{escaped}</span>'
            if "claim" in kinds:
                n = int(kinds["claim"].label)
                c = claims[n - 1]
                anchor = ""
                if n not in claim_opened:
                    claim_opened.add(n)
                    anchor = (f'<a class="cn" id="{prefix}-c{n}" href="#{prefix}-crow{n}" '
                              f'title="claim {n} in the claims table">C{n}</a>')
                escaped = (f'{anchor}<span class="claim" data-claim="{n}" '
                           f'title="{html.escape(_claim_title(c))}">{escaped}</span>')
            inner.append(starts + escaped)
        tag = "h2" if par.attrs.get("kind") == "title" else "p"
        raw_line = par.attrs.get("raw_line")
        techniques = by_paragraph.get(i, [])
        side = ""
        if techniques:
            chips = "".join(_chip(doc, s, colours, anchors.get(id(s)))
                            for s in sorted(techniques, key=lambda s: -(s.score or 0)))
            side = f'<aside class="par-tech" aria-label="techniques in this paragraph">{chips}</aside>'
        in_quote = any(q.start < par.end and q.end > par.start for q in quotes)
        line = f' data-raw-line="{raw_line}"' if raw_line else ""
        cls = ' class="quoted"' if in_quote else ""
        out.append(f"<div class=\"par\"{line}><{tag}{cls}>{''.join(inner)}</{tag}>{side}</div>")
    return "\n".join(out)


def _labels_block(doc: Document) -> str:
    blocks = []
    for name in ("genre", "frames"):
        labels = doc.labels.get(name)
        if not labels:
            continue
        rows = "".join(
            f'<li class="{"sel" if l.selected else ""}"><span class="bar" style="width:{l.score * 100:.0f}%"></span>'
            f'<span class="lab">{html.escape(human_name(l.label))}</span><span class="sc">{html.escape(percent(l.score))}</span></li>'
            for l in labels[:8])
        note = ""
        if name == "genre" and genre_uncertain(labels):
            note = f'<p class="uncertain">Genre uncertain: {html.escape(genre_uncertain(labels))}.</p>'
        if name == "genre" and genre_too_short(labels):
            # no percentages or bars: at this length they are not calibrated (the JSON keeps them)
            blocks.append(f'<section class="labels"><h3>Genre</h3>{note}'
                          f'<p class="meaning">{html.escape(GENRE_SHORT_NO_SCORES)}</p></section>')
            continue
        meaning = GENRE_MEANING if name == "genre" else FRAMES_MEANING
        blocks.append(f'<section class="labels"><h3>{name.capitalize()}</h3>{note}<ul>{rows}</ul>'
                      f'<p class="meaning">{html.escape(meaning)}</p></section>')
    return "".join(blocks)


def _quotes_block(doc: Document, prefix: str = "d1") -> str:
    quotes = doc.layers.get("quotes", [])
    if not quotes:
        return ""
    rows = []
    shown_p = any(q.attrs.get("probability") is not None for q in quotes)
    for n, q in enumerate(quotes, 1):
        speaker = q.attrs.get("speaker") or {}
        relay = q.attrs.get("relay") or {}
        cue = q.attrs.get("cue")
        name = html.escape(speaker_label(speaker, "unknown"))
        if speaker and speaker.get("text") and str(speaker["text"]).lower() not in str(speaker.get("canonical", "")).lower():
            # "he", "the Russian President": say which words of the article the name stands for
            name += f' <span class="as">as “{html.escape(str(speaker["text"]))}”</span>'
        p = q.attrs.get("probability")
        chance = f'<td class="num" data-label="Chance">{html.escape(percent(p))}</td>' if shown_p and p is not None else (
            '<td class="num" data-label="Chance"></td>' if shown_p else "")
        rows.append(
            f'<tr id="{prefix}-row{n}"><td class="n"><a href="#{prefix}-q{n}" title="show quote {n} in the text">Q{n}</a></td>'
            f'{chance}<td class="who">{name}</td><td data-label="Kind">{html.escape(q.label or q.attrs.get("kind", ""))}</td>'
            f'<td data-label="Cue">{html.escape(doc.text[cue[0]:cue[1]] if cue else "")}</td>'
            f"<td>{html.escape(clip(doc.parts_text(q), 300))}</td>"
            f'<td data-label="Relayed by">{html.escape(str(relay.get("name", "")) if relay else "")}</td></tr>')
    note = (f'<p class="note">Chance: {html.escape(PROBABILITY_MEANING)}.</p>' if shown_p else "")
    return ('<section class="quotes"><h3>Who said what</h3>' + note + '<table><thead><tr><th scope="col">#</th>'
            + ('<th scope="col" title="' + html.escape(PROBABILITY_MEANING) + '">Chance</th>' if shown_p else "")
            + '<th scope="col">Speaker</th><th scope="col">Kind</th><th scope="col">Cue</th>'
            '<th scope="col">Quote</th><th scope="col">Relayed by</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _claim_title(span: Span) -> str:
    relay = span.attrs.get("relay")
    return (f"Check-worthy claim, probability {percent(span.score)}: {claim_source(span)}"
            + (f", relayed by {relay}" if relay else ""))


def _claims_block(doc: Document, prefix: str = "d1") -> str:
    if "claims" not in doc.layers:
        return ""
    claims = claims_of(doc)
    note = ('<p class="note">Sentences that state something a fact-checker could verify (numbers, events, '
            'causes, records), with the probability that they do; opinions, aims and questions are left out. '
            f'{html.escape(CLAIMS_BELOW_HALF)}</p>')
    if not claims:
        return f'<section class="claims"><h3>Check-worthy claims</h3>{note}<p>None found.</p></section>'
    rows = []
    for n, c in enumerate(claims, 1):
        rows.append(
            f'<tr id="{prefix}-crow{n}"><td class="n"><a href="#{prefix}-c{n}" title="show claim {n} in the text">C{n}</a></td>'
            f'<td data-label="Probability">{html.escape(percent(c.score))}</td><td class="who">{html.escape(claim_source(c))}</td>'
            f'<td data-label="Relayed by">{html.escape(str(c.attrs.get("relay") or ""))}</td>'
            f"<td>{html.escape(clip(doc.span_text(c), 400))}</td></tr>")
    return ('<section class="claims"><h3>Check-worthy claims</h3>' + note +
            '<table><thead><tr><th scope="col">#</th><th scope="col">Probability</th>'
            '<th scope="col">Who says it</th><th scope="col">Relayed by</th><th scope="col">Claim</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _entities_block(doc: Document) -> str:
    summary = entity_summary(doc)
    if not summary:
        return ""
    lists = []
    for kind, heading in ENTITY_TYPES:
        items = [g for g in summary if g["type"] == kind]
        if not items:
            continue
        lis = "".join(
            f'<li title="{html.escape(" · ".join(g["forms"]))}">{html.escape(str(g["canonical"]))}'
            f' <span class="n">{count_words(g["mentions"], "mention")}</span>'
            + (f'<span class="said">, {count_words(g["quotes"], "quote")}</span>' if g["quotes"] else "")
            + "</li>" for g in items)
        lists.append(f"<div><h4>{heading}</h4><ul>{lis}</ul></div>")
    return f'<section class="entities"><h3>Named in this article</h3>{"".join(lists)}</section>'


def _meta_block(doc: Document) -> str:
    m = doc.meta
    items = []
    if m.byline:
        items.append(("Byline", m.byline))
    if m.outlet:
        items.append(("Outlet", m.outlet))
    if m.published:
        how = ""
        if m.date is not None:
            # the evidence in plain words ("from the text 'Published 8 Feb 2022': the label ...")
            words = m.date.summary or (f"from “{m.date.text}”" if m.date.text else "")
            # no percentage: the resolver's confidence is a rule weight, not a calibrated probability
            how = f" ({words})" if words else ""
        when = published_words(m)
        items.append(("Published", when + how))
    if m.url:
        items.append(("URL", m.url))
    items.append(("Source", doc.source or doc.id))
    return "<dl class=\"meta\">" + "".join(
        f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in items) + "</dl>"


def _removed_block(doc: Document) -> str:
    if not doc.removed:
        return ""
    rows = "".join(f"<li><code>{html.escape(r.text[:200])}</code> <em>{html.escape(r.reason)}</em>"
                   + (f" <span class=\"why\">({html.escape(r.evidence)})</span>" if r.evidence else "") + "</li>"
                   for r in doc.removed)
    return (f'<details class="removed"><summary>{len(doc.removed)} lines removed as site junk</summary>'
            f"<ul>{rows}</ul></details>")


def _legend(docs: list[Document], colours: dict[str, str]) -> str:
    counts = Counter(s.label for d in docs for layer in HIGHLIGHT_LAYERS for s in d.layers.get(layer, []))
    if not counts:
        any_model = any(p.get("component") == "slant.persuasion" for d in docs for p in d.provenance)
        note = "No persuasion techniques found." if any_model else \
            "No technique layer in this result (the persuasion component did not run)."
        return f'<nav class="legend" aria-label="legend"><p>{note}</p></nav>'
    items = "".join(
        f'<li><label title="{html.escape(explain(label))}"><input type="checkbox" checked data-toggle="{html.escape(label)}"> '
        f'<span class="sw" style="--c:{colours.get(label, "#eee")}"></span>{html.escape(human_name(label))} '
        f"<span class=\"n\">{n}</span></label></li>"
        for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    families = "".join(
        f'<span class="fam"><span class="sw" style="--c:{pale}"></span>{html.escape(name)}</span>'
        for name, (_, pale) in FAMILY_COLOURS.items())
    total = sum(counts.values())
    passages = count_words(total, "highlighted passage")
    heading = f'Techniques <span class="n">({passages}; each count below is its technique\'s)</span>'
    return (f'<nav class="legend" aria-label="technique legend"><h3>{heading}</h3><ul>{items}</ul>'
            f'<p class="families">Colour = family: {families}</p>'
            f'<p class="meaning">{html.escape(SCORE_MEANING)}</p></nav>')


def reading_key(doc: Document) -> str:
    """One line saying what each mark in the article text means, each drawn as it appears there.

    The legend said "Underlined: techniques overlap" while most underlines on the page were
    quotes (dotted), speakers (solid) and check-worthy claims (orange)."""
    parts = []
    if doc.layers.get("techniques"):
        parts.append('<span class="key-hl">Shaded</span> words carry a technique (colour = its family; '
                     '<span class="key-hl key-multi">dark underline</span> where two overlap).')
    if doc.layers.get("quotes"):
        parts.append('<span class="key-q">Dotted underline</span> = a quote (Q1, Q2 … in “Who said what”), '
                     '<span class="key-spk">solid underline</span> = its speaker, <span class="key-cue">italics</span> '
                     "= the words that report it.")
    if claims_of(doc):
        parts.append('<span class="key-claim">Orange underline</span> = a check-worthy claim (C1, C2 …).')
    if not parts:
        return ""
    return f'<p class="key">In the text: {" ".join(parts)}</p>'


def render_html(docs: Iterable[Document]) -> str:
    """A complete standalone HTML page showing ``docs`` with their annotations."""
    docs = list(docs)
    colours = _palette(s.label for d in docs for s in d.layers.get("techniques", []))
    css = resources.files("slant.render").joinpath("page.css").read_text("utf-8")
    js = resources.files("slant.render").joinpath("page.js").read_text("utf-8")
    articles = []
    for n, doc in enumerate(docs, 1):
        prefix = f"d{n}"  # element ids from the position, never from the (user-supplied) doc id
        articles.append(
            f'<article class="doc" id="{html.escape(doc.id)}">'
            f'<header>{_meta_block(doc)}</header>{_labels_block(doc)}'
            f'{reading_key(doc)}<div class="body">{render_article(doc, colours, prefix)}</div>'
            f"{_quotes_block(doc, prefix)}{_claims_block(doc, prefix)}{_entities_block(doc)}{_removed_block(doc)}</article>")
    title = html.escape(docs[0].meta.title if len(docs) == 1 and docs[0].meta.title else "Slant analysis")
    data = html.escape(json.dumps({"documents": len(docs)}))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'\">"
            f"<title>{title}</title><style>{css}</style></head>"
            f"<body data-info=\"{data}\"><main><h1 class=\"app\">Slant</h1>{_legend(docs, colours)}"
            f"{''.join(articles)}</main><script>{js}</script></body></html>\n")
