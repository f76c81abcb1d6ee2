"""Document JSON -> table rows, generically: layers, labels, provenance, quotes and entities.

Nothing here knows what a component does: it maps what ``Document.to_dict()`` carries. A layer
named ``quotes`` (or a top-level ``quotes`` list, should the Document grow one) also fills the
``quotes`` table, a layer named ``entities`` (or top-level ``entities``) the ``entities`` table.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zlib
from typing import Any, Iterator

from slant.analyze.names import speaker_name

#: Layer names (or top-level Document keys) whose spans are also quote / entity records.
QUOTE_LAYERS = ("quotes",)
ENTITY_LAYERS = ("entities", "ner")

#: zlib level for the stored Document JSON (~4 KB per 2.4 KB article: paragraphs, sentences and
#: the offset map). Measured on 500 generated articles: level 1 -> 1,187 B in 44 us, 6 -> 1,069 B
#: in 69 us, 9 -> 1,056 B in 113 us. 6 is the knee.
ZLIB_LEVEL = 6

_SPACE = re.compile(r"\s+")
# Quote marks and dashes vary between outlets copying the same words; they must not split a quote.
_PUNCT = re.compile(r"[\"'“”‘’«»„‟‹›`´\-–—.,;:!?()\[\]…]+")


def document_blob(data: dict[str, Any]) -> bytes:
    """The stored form of a Document's JSON (``documents.doc``): compressed, without its text (a column)."""
    body = {k: v for k, v in data.items() if k != "text"}
    return zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                         ZLIB_LEVEL)


def document_from_blob(blob: Any) -> dict[str, Any] | None:
    """A stored Document's JSON (without its text) from ``documents.doc``; None when the blob does not
    decode (damaged on disk or edited from outside), so that the caller decides what one bad row costs."""
    try:
        data = json.loads(zlib.decompress(blob))
    except (zlib.error, ValueError, TypeError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    return data if isinstance(data, dict) else None


def normalise_text(text: str) -> str:
    """NFC, whitespace collapsed, trimmed: the form whose hash decides 'same content'."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # str.split() splits on exactly the characters regex \s matches, ~3.5x faster than re.sub here
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised cleaned text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8", "surrogatepass")).hexdigest()


def normalise_quote(text: str) -> str:
    """Lower-cased, punctuation and quote marks dropped, spaces collapsed (exact-match key)."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold())).strip()


def normalise_name(name: str) -> str:
    """A speaker or entity name reduced to a key: case-folded, punctuation and the accents of Latin
    letters dropped ("Viktor Orbán" and "Viktor Orban" are one key); letters of other scripts keep
    their marks ("Сергей" is not "Сергеи", "ガンダム" not "カンタム")."""
    key = normalise_quote(name)
    if key.isascii():
        return key
    out: list[str] = []
    latin = False  # whether the last base letter is Latin: only its marks are dropped
    for c in unicodedata.normalize("NFKD", key):
        if not unicodedata.combining(c):
            latin = unicodedata.name(c, "").startswith("LATIN ")
        elif latin:
            continue
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def name_keys(name: str) -> list[str]:
    """The keys a store may hold for ``name``: :func:`normalise_name`'s, and the one a store keyed
    before accents were folded (f97d36c) holds ("viktor orbán"): its quotes keep that key until the
    next ingest relinks the store (:func:`slant.corpus.speakers.link_speakers`)."""
    return list(dict.fromkeys((normalise_name(name), normalise_quote(name))))


def _attrs_json(attrs: Any) -> str | None:
    return json.dumps(attrs, ensure_ascii=False, sort_keys=True) if attrs else None


def span_rows(doc_id: str, data: dict[str, Any]) -> Iterator[tuple]:
    """Rows for ``spans``: every span of every layer.

    Spans of the quote and entity layers keep their attrs in the ``quotes``/``entities`` rows
    (and in the stored Document), not here a second time: on generated news with the entity and
    quote components that was a quarter of the store.
    """
    own_table = QUOTE_LAYERS + ENTITY_LAYERS
    for layer, spans in data.get("layers", {}).items():
        keep_attrs = layer not in own_table
        for s in spans:
            yield (doc_id, layer, s.get("label", ""), s["start"], s["end"], s.get("raw_start"),
                   s.get("raw_end"), s.get("score"), _attrs_json(s.get("attrs")) if keep_attrs else None)


def label_rows(doc_id: str, data: dict[str, Any]) -> Iterator[tuple]:
    """Rows for ``labels``: every document-level label of every label set, with its reason ("" when none)."""
    for name, labels in data.get("labels", {}).items():
        for label in labels:
            yield (doc_id, name, label["label"], float(label.get("score", 0.0)),
                   int(bool(label.get("selected", False))), str(label.get("reason") or ""))


def analysis_rows(doc_id: str, data: dict[str, Any], run_id: str | None) -> Iterator[tuple]:
    """Rows for ``analyses``: one per component in the provenance (the last entry wins)."""
    latest: dict[str, dict[str, Any]] = {}
    for entry in data.get("provenance", []):
        component = entry.get("component") or str(entry.get("name", "")).rsplit(".", 1)[0]
        if component:
            latest[component] = entry
    for component, entry in latest.items():
        version = str(entry.get("version") or str(entry.get("name", "")).rsplit(".", 1)[-1])
        name = entry.get("name") or f"{component}.{version}"
        yield (doc_id, component, version, name, json.dumps(entry, sort_keys=True), run_id)


def _records(data: dict[str, Any], names: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for name in names:
        yield from data.get("layers", {}).get(name, [])
        top = data.get(name)
        if isinstance(top, list):
            yield from (r for r in top if isinstance(r, dict) and "start" in r and "end" in r)


def _speaker(record: dict[str, Any], text: str) -> tuple[str, bool]:
    """The name a quote is counted under (titles stripped, natural case) and whether it is a name:
    an unresolved pronoun, role noun or quantity ("I", "the nominee", "41 percent"), or one word
    capitalised only as it opens a sentence ("Islanders plan …"), is shown but gets no speaker key,
    so it is never ranked (slant.analyze.names)."""
    attrs = record.get("attrs") or {}
    speaker = record.get("speaker", attrs.get("speaker", attrs.get("speaker_name", "")))
    if isinstance(speaker, dict):  # a speaker mention (slant.quotes: text, start, end, canonical)
        if not (speaker.get("canonical") or speaker.get("text")) and "start" in speaker and "end" in speaker:
            speaker = dict(speaker, text=text[int(speaker["start"]):int(speaker["end"])])
    return speaker_name(speaker or None, text)


def quote_rows(doc_id: str, data: dict[str, Any]) -> Iterator[tuple]:
    """Rows for ``quotes`` (without ``quote_id``): from a quotes layer or a top-level list."""
    text = data.get("text", "")
    for q in _records(data, QUOTE_LAYERS):
        parts = (q.get("attrs") or {}).get("parts")
        # a statement in parts ("“A,” she said. “B.”") is its words, not the attribution between them
        quoted = q.get("text") or (" … ".join(text[s:e] for s, e in parts) if parts else text[q["start"]:q["end"]])
        speaker, named = _speaker(q, text)
        yield (doc_id, q["start"], q["end"], q.get("raw_start"), q.get("raw_end"), quoted,
               normalise_quote(quoted), speaker, normalise_name(speaker) if named else "",
               _attrs_json(_quote_attrs(q)))


def _quote_attrs(record: dict[str, Any]) -> dict[str, Any]:
    """What a quote row keeps besides its columns: kind, relay, flags, probability (the statement's
    calibrated chance, ``quotes.confidence``; offsets stay in the Document)."""
    attrs = record.get("attrs") or {}
    out: dict[str, Any] = {}
    kind = attrs.get("kind") or record.get("label")
    if kind:
        out["kind"] = kind
    relay = attrs.get("relay") or record.get("relay")
    if isinstance(relay, dict):
        relay = relay.get("name")
    if relay:
        out["relay"] = str(relay)
    if attrs.get("flags"):
        out["flags"] = attrs["flags"]
    if isinstance(attrs.get("probability"), (int, float)):
        out["probability"] = attrs["probability"]
    speaker = attrs.get("speaker") or record.get("speaker")
    if isinstance(speaker, dict) and speaker.get("entity"):
        out["speaker_entity"] = str(speaker["entity"])  # its type ("per:") guides cross-document linking
    return out


def entity_rows(doc_id: str, data: dict[str, Any]) -> Iterator[tuple]:
    """Rows for ``entities`` (without ``entity_id``): from an entities layer or a top-level list."""
    text = data.get("text", "")
    for e in _records(data, ENTITY_LAYERS):
        surface = e.get("text") or text[e["start"]:e["end"]]
        attrs = dict(e.get("attrs") or {})
        canonical = e.get("canonical") or attrs.pop("canonical", None) or surface
        yield (doc_id, e["start"], e["end"], e.get("raw_start"), e.get("raw_end"), e.get("label", ""),
               surface, " ".join(str(canonical).split()), _attrs_json(attrs))
