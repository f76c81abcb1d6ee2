"""A small made-up corpus with every layer filled, for tests, the browser test and the benchmark.

The articles are written here (invented outlets and people), not taken from any data set. Each
carries technique spans, quotes with speakers, entities, frames and a genre, and some are copies
of others, so every page of the explorer has something to show without the encoder installed. The
quotes are the quote layer's own (its rules and the statement-confidence model, a JSON file in the
package), so each carries its probability as an analysed article's does.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from slant.analyze.quotes import annotate_quotes
from slant.document import Document, Label, Metadata, Span
from slant.store import open_store

OUTLETS = ("Harbour Herald", "Daily Lantern", "Northgate Times")
SPEAKERS = ("Mayor Ada Brook", "Minister Tomas Vell", "Dr. Lina Osei")
PLACES = ("Port Alder", "Kestrel Bay", "Greystone")
TOPICS = ("bridge", "water plan", "school budget", "harbour tax", "rail link")

#: (phrase template, technique): phrases the articles contain, each labelled with a technique
PHRASES = (
    ("a reckless betrayal of every family", "Loaded_Language"),
    ("the so-called experts", "Name_Calling-Labeling"),
    ("either we act now or the town is finished", "False_Dilemma-No_Choice"),
    ("everyone already knows the truth", "Appeal_to_Popularity"),
    ("time is running out", "Appeal_to_Time"),
    ("can we really trust them?", "Doubt"),
)


def _article(rng: random.Random, i: int, topic: str, place: str) -> tuple[str, list[tuple[str, str]]]:
    speaker = SPEAKERS[i % len(SPEAKERS)]
    other = SPEAKERS[(i + 1) % len(SPEAKERS)]
    picked = rng.sample(PHRASES, 3)
    title = f"Council fight over the {topic} in {place}"
    paragraphs = [
        title,
        f"The council of {place} met on Monday to argue about the {topic}. Critics called the plan "
        f"{picked[0][0]}, while supporters said {picked[1][0]}.",
        f"\u201cWe will not let {place} down, and {picked[2][0]},\u201d said {speaker}.",
        f"{other} said the numbers did not add up. \u201cThe {topic} costs twice what we were told,\u201d {other.split()[-1]} added.",
        f"A vote on the {topic} is expected at the council's meeting number {i + 40}.",
    ]
    return "\n\n".join(paragraphs), [(p, t) for p, t in picked]


def _document(doc_id: str, text: str, phrases: list[tuple[str, str]], outlet: str, published: str,
              rng: random.Random) -> Document:
    doc = Document(text, id=doc_id, source=f"demo/{doc_id}.txt",
                   meta=Metadata(title=text.split("\n", 1)[0], outlet=outlet, published=published,
                                 url=f"https://{outlet.lower().replace(' ', '')}.example/{doc_id}"))
    paragraphs, start = [], 0
    for n, part in enumerate(text.split("\n\n")):
        paragraphs.append(Span(start, start + len(part), attrs={"kind": "title"} if n == 0 else {}))
        start += len(part) + 2
    doc.set_paragraphs(paragraphs)
    spans = []
    for phrase, technique in phrases:
        at = text.find(phrase)
        if at >= 0:
            spans.append(Span(at, at + len(phrase), technique, round(rng.uniform(0.55, 0.97), 3)))
    # one overlapping span, so the overlap drawing is exercised
    lead = text.find("Critics called the plan")
    if lead >= 0:
        spans.append(Span(lead, lead + len("Critics called the plan") + 12, "Exaggeration-Minimisation", 0.61))
    doc.add_layer("techniques", spans)
    entities = []
    # a person's mention is the name without the title ("Mayor Ada Brook" -> "Ada Brook"), as the
    # entity layer of an analysed article has it
    for name, label in [(s.split(" ", 1)[1], "PER") for s in SPEAKERS] + [(p, "LOC") for p in PLACES]:
        at = text.find(name)
        if at >= 0:
            entities.append(Span(at, at + len(name), label, 0.95, {"canonical": name}))
    doc.add_layer("entities", entities)
    # the quote layer any analysed article gets (rules and the statement-confidence model, which
    # ships as a small JSON file): each statement carries its calibrated probability
    annotate_quotes(doc)
    doc.set_labels("frames", [Label("Economic", 0.8, True), Label("Political", 0.6, True),
                              Label("Quality_of_life", 0.2, False)])
    doc.set_labels("genre", [Label("reporting" if rng.random() < 0.7 else "opinion", 0.9, True)])
    doc.provenance.append({"component": "slant.demo", "version": "v1", "name": "slant.demo.v1", "seconds": 0.0})
    return doc


def make_demo_store(path: str | Path, *, articles: int = 24, seed: int = 7) -> list[str]:
    """Write a made-up corpus of ``articles`` stories (plus copies) into the store at ``path``.

    Every third story is republished by another outlet a day or two later (a near-duplicate in
    the same story cluster). Returns the stored document ids.
    """
    rng = random.Random(seed)
    start = dt.date(2026, 1, 5)
    ids: list[str] = []
    with open_store(path) as store, store.session() as session:
        for i in range(articles):
            topic, place = TOPICS[i % len(TOPICS)], PLACES[i % len(PLACES)]
            text, phrases = _article(rng, i, topic, place)
            day = start + dt.timedelta(days=4 * i)
            outlet = OUTLETS[i % len(OUTLETS)]
            doc = _document(f"story-{i:03d}", text, phrases, outlet, day.isoformat(), rng)
            stored = session.put(doc).doc_id
            ids.append(stored)
            if i % 3 == 0:
                copy_text = text.replace("Council fight", "Row erupts") + "\n\nAdvertisement"
                copy_outlet = OUTLETS[(i + 1) % len(OUTLETS)]
                copy = _document(f"story-{i:03d}-copy", copy_text, phrases, copy_outlet,
                                 (day + dt.timedelta(days=1 + i % 2)).isoformat(), rng)
                copy_id = session.put(copy).doc_id
                ids.append(copy_id)
                session.add_link(stored, copy_id, kind="near", score=0.91)
                cluster = session.join_cluster(copy_id, [stored])
                rows = session.execute("SELECT quote_id FROM quotes WHERE doc_id IN (?, ?) ORDER BY quote_id",
                                       (stored, copy_id)).fetchall()
                for (quote_id,) in rows[:1] + rows[len(rows) // 2:len(rows) // 2 + 1]:
                    session.set_quote_group(quote_id, f"q-{cluster}")
    return ids
