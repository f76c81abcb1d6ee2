"""Check-worthy claims across a store: by speaker, by outlet, and the claims that travel.

Claims are the ``claims`` layer's spans labelled ``claim`` (:mod:`slant.analyze.claims`); their
attrs say who is on record for each (``voice`` author or quote, ``speaker``, ``relay``). A claim in
the article's own voice is the outlet's, so "by speaker" lists it under the outlet, marked as the
author's voice. Claims that recur across outlets are grouped with the same normalisation and fuzzy
matching as travelling quotes (:func:`slant.corpus.quotes.track_quotes`), earliest first.
"""

from __future__ import annotations

from typing import Any

from slant.analyze.names import speaker_name
from slant.corpus.quotes import track_quotes
from slant.corpus.speakers import shown_name, speaker_forms
from slant.render import outlet_name
from slant.settings import CorpusSettings
from slant.store import Source, query_rows
from slant.store.outlets import is_named, named
from slant.store.rows import normalise_name
from slant.store.schema import json_field

#: the layer and label the claims component writes
CLAIM_LAYER = "claims"
CLAIM_LABEL = "claim"
#: rows the "top" lists return unless told otherwise
DEFAULT_TOP = 20



#: every stored claim with its document's outlet (NULL when it names none: slant.store.outlets.named)
#: and date and who says it
#: (a span whose attrs are damaged on disk reads as an author's claim with no speaker: json_field)
CLAIM_ROWS_SQL = f"""
    SELECT s.doc_id, {named("d.outlet")} AS outlet, d.published, d.title, s.start, s."end", s.raw_start, s.raw_end, s.score,
           COALESCE({json_field("s.attrs", "$.voice")}, 'author') AS voice,
           COALESCE({json_field("s.attrs", "$.speaker")}, '') AS speaker,
           COALESCE({json_field("s.attrs", "$.speaker_entity")}, '') AS speaker_entity,
           COALESCE({json_field("s.attrs", "$.relay")}, '') AS relay,
           {json_field("s.attrs", "$.quote")} AS quote_index,
           substr(d.text, s.start + 1, s."end" - s.start) AS text, s.rowid AS span_row
    FROM spans s JOIN documents d ON d.doc_id = s.doc_id
    WHERE s.layer = 'claims' AND s.label = 'claim'
"""


def claim_records(store: Source, *, min_score: float = 0.0) -> list[dict[str, Any]]:
    """Every stored claim (score at least ``min_score``), in store order."""
    rows = query_rows(store, CLAIM_ROWS_SQL + " AND s.score >= ? ORDER BY s.rowid", (min_score,))
    for row in rows:
        row["text"] = " ".join(str(row["text"] or "").split())
    return rows


UNNAMED = "(unnamed source)"


def _quote_keys(store: Source) -> dict[tuple[str, int], str]:
    """Each stored quote's linked speaker key by (document, position in its quotes layer)."""
    keys: dict[tuple[str, int], str] = {}
    seen: dict[str, int] = {}
    for r in query_rows(store, "SELECT doc_id, speaker_key FROM quotes ORDER BY doc_id, quote_id"):
        at = seen.get(r["doc_id"], 0)
        keys[(r["doc_id"], at)] = r["speaker_key"] or ""
        seen[r["doc_id"]] = at + 1
    return keys


def _who(row: dict[str, Any], keys: dict[tuple[str, int], str]) -> tuple[str, str]:
    """The group a claim is counted in (a person's key, or the outlet's own voice) and its name; ("", "")
    for a claim in the own voice of an article that names no outlet (no one is on record for it, and its
    articles are no one outlet: :mod:`slant.store.outlets`), which is counted in no group.

    A quoted claim goes with the quote it lies in, under that quote's speaker key as linked across
    the store ("Trump" and "Donald Trump" are one person); a pronoun, role or quantity ("I",
    "sources", "the report") has no key and is an unnamed source, never a ranked name."""
    if row["voice"] != "quote":
        if not row["outlet"]:  # many writers of articles naming no outlet, not one outlet's voice
            return "", ""
        name = f"{outlet_name(row['outlet'])} (author's voice)"
        return "outlet:" + name, name
    index = row.get("quote_index")
    key = keys.get((row["doc_id"], int(index))) if isinstance(index, (int, float)) else None
    if key is None:  # no stored quote for it: the claim's own speaker name
        name, named = speaker_name(row["speaker"] or None)
        key = normalise_name(name) if named else ""
    return ("person:" + key, row["speaker"]) if key else ("unnamed", UNNAMED)


def claims_by_speaker(store: Source, *, top: int = DEFAULT_TOP,
                      forms: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Who is on record for the most claims: claims, documents and outlets, quoted or in an outlet's voice
    (claims in the own voice of articles that name no outlet are in no row).

    A person is shown under the name the quotes tables show them (:func:`slant.corpus.speakers.shown_name`);
    ``forms`` is :func:`slant.corpus.speakers.speaker_forms` of the store when the caller has it."""
    keys = _quote_keys(store)
    if forms is None:
        forms = speaker_forms(lambda sql, params: query_rows(store, sql, params))
    groups: dict[str, dict[str, Any]] = {}
    said: dict[str, dict[str, int]] = {}  # per person, the speaker names of their claims
    for row in claim_records(store):
        group, who = _who(row, keys)
        if not group:
            continue
        if group.startswith("person:"):
            counted = said.setdefault(group, {})
            counted[who] = counted.get(who, 0) + 1
        g = groups.setdefault(group, {"speaker": who, "voice": row["voice"], "claims": 0, "documents": set(),
                                      "outlets": set(), "relays": set(), "example": row["text"], "best": -1.0})
        g["claims"] += 1
        g["documents"].add(row["doc_id"])
        if row["outlet"]:
            g["outlets"].add(row["outlet"])
        if row["relay"]:
            g["relays"].add(row["relay"])
        if (row["score"] or 0) > g["best"]:
            g["best"], g["example"] = row["score"] or 0, row["text"]
    out = []
    for group, g in groups.items():
        if group.startswith("person:"):  # the person's name as the quotes show it, else the claims' commonest form
            key = group.removeprefix("person:")
            g["speaker"] = shown_name(key, forms.get(key, [])) or max(sorted(said[group]), key=lambda f: said[group][f])
        out.append({"speaker": g["speaker"], "voice": g["voice"], "claims": g["claims"],
                    "documents": len(g["documents"]), "outlets": sorted(g["outlets"]),
                    "relayed_by": sorted(g["relays"]), "example": g["example"]})
    out.sort(key=lambda r: (-r["claims"], -r["documents"], r["speaker"]))
    return out[:top]


def claims_by_outlet(store: Source) -> list[dict[str, Any]]:
    """Per named outlet: claims, claims per document, and how many are quoted rather than in its own voice
    (articles that name no outlet are no outlet: :mod:`slant.store.outlets`)."""
    return query_rows(store,
        """
        WITH c AS (""" + CLAIM_ROWS_SQL + """),
        docs AS (SELECT """ + named("outlet") + """ AS outlet, COUNT(*) AS documents FROM documents
                 WHERE """ + is_named("outlet") + """ GROUP BY 1)
        SELECT c.outlet, COUNT(*) AS claims, MAX(docs.documents) AS documents,
               ROUND(CAST(COUNT(*) AS REAL) / MAX(docs.documents), 2) AS claims_per_document,
               SUM(CASE WHEN c.voice = 'quote' THEN 1 ELSE 0 END) AS quoted,
               SUM(CASE WHEN c.voice = 'author' THEN 1 ELSE 0 END) AS own_voice,
               COUNT(DISTINCT CASE WHEN c.voice = 'quote' AND c.speaker != '' THEN c.speaker END) AS speakers
        FROM c JOIN docs ON docs.outlet = c.outlet
        GROUP BY c.outlet
        ORDER BY claims DESC, c.outlet
        """)


def travelling_claims(store: Source, *, top: int = DEFAULT_TOP, min_outlets: int = 2,
                      settings: CorpusSettings | None = None) -> list[dict[str, Any]]:
    """Claims carried by at least ``min_outlets`` outlets: who is on record, who carried it first, who repeated it."""
    rows = claim_records(store)
    records = [{"doc_id": r["doc_id"], "outlet": r["outlet"] or "", "published": r["published"],
                "speaker": r["speaker"] if r["voice"] == "quote" else "", "text": r["text"],
                "relay": r["relay"]} for r in rows]
    out = []
    for group in track_quotes(records, settings, min_documents=2):
        outlets = {m.outlet for m in group.members if m.outlet}
        if len(outlets) < min_outlets:
            continue
        first = group.first
        out.append({"group_id": group.group_id.replace("q", "c", 1), "text": group.text,
                    "speaker": group.speaker or "", "occurrences": len(group.members), "outlets": len(outlets),
                    "first_doc_id": first.doc_id, "first_outlet": first.outlet, "first_published": first.published,
                    "repeated_by": sorted(outlets - {first.outlet})})
    out.sort(key=lambda r: (-r["outlets"], -r["occurrences"], r["group_id"]))
    return out[:top]
