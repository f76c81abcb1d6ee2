"""Travelling quotes: the same quote across articles and outlets, who said it first, who relayed it.

Input is plain quote records (the quote extractor hands them over later; hand-built ones work now).
Quotes are normalised (quote marks, dashes, case, punctuation, whitespace), exact repeats are folded
together, and the remaining distinct texts are compared with rapidfuzz only within blocks: two
quotes are compared when they share one of their rarest words (``quote_block_keys`` of them), so
the work grows with the number of quotes times the block size, not with its square.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from rapidfuzz import fuzz

from slant.settings import CorpusSettings

log = logging.getLogger(__name__)

#: A block bigger than this is a word too common to tell quotes apart (it can only appear as a
#: "rare" key of very short quotes); it is skipped rather than compared all against all.
MAX_BLOCK = 2000

#: Words that never serve as blocking keys: they tell nothing about which quote it is.
STOPWORDS = frozenset("""
a about after all also an and any are as at be been but by can could did do does for from had has
have he her his i if in into is it its just me more my no not of on one or our out she so than that
the their them there they this to up us was we were what when which who will with would you your
""".split())

_QUOTE_CHARS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                              "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2039": "'", "\u203a": "'",
                              "\u2013": "-", "\u2014": "-", "\u2026": "..."})
_PUNCTUATION_RE = re.compile(r"[^\w\s']|_")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One quote as it appears in one document."""

    doc_id: str
    outlet: str
    published: str | None  # ISO date (or datetime); None when unknown
    speaker: str
    text: str
    relay: str = ""  # who passed it on ("told Reuters", an agency, a spokesperson), if known
    #: the UTC instant of publication when the source gave a time (orders same-day copies)
    published_utc: str | None = None

    @classmethod
    def from_any(cls, item: "QuoteRecord | Mapping[str, Any]") -> "QuoteRecord":
        """Accept a QuoteRecord or a dict with these keys (``content`` is accepted for ``text``)."""
        if isinstance(item, QuoteRecord):
            return item
        return cls(doc_id=str(item.get("doc_id", "")), outlet=str(item.get("outlet") or ""),
                   published=item.get("published") or None, speaker=str(item.get("speaker") or ""),
                   text=str(item.get("text") if item.get("text") is not None else item.get("content", "")),
                   relay=str(item.get("relay") or ""), published_utc=item.get("published_utc") or None)


@dataclass
class QuoteGroup:
    """One quote and every document that carried it, earliest first."""

    group_id: str
    text: str  # as first seen
    speaker: str  # the name most members give (first seen wins ties)
    first: QuoteRecord
    members: list[QuoteRecord] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        """Outlets in order of first appearance."""
        return list(dict.fromkeys(m.outlet for m in self.members if m.outlet))

    @property
    def relays(self) -> list[str]:
        """Who relayed it (relay fields, in order of appearance), without repeats."""
        return list(dict.fromkeys(m.relay for m in self.members if m.relay))

    @property
    def relayed_by(self) -> list[str]:
        """Outlets that carried the quote after the first one."""
        return [o for o in self.outlets if o != self.first.outlet]

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(m.speaker for m in self.members if m.speaker))

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id, "text": self.text, "speaker": self.speaker,
            "first_doc_id": self.first.doc_id, "first_outlet": self.first.outlet,
            "first_published": self.first.published, "outlets": self.outlets, "relayed_by": self.relayed_by,
            "relays": self.relays, "speakers": self.speakers,
            "members": [{"doc_id": m.doc_id, "outlet": m.outlet, "published": m.published, "speaker": m.speaker,
                         "relay": m.relay, "text": m.text} for m in self.members],
        }


def normalise_quote(text: str) -> str:
    """Quote marks and dashes unified, lowercase, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).lower()
    text = _PUNCTUATION_RE.sub(" ", text).replace("'", "")
    return _SPACE_RE.sub(" ", text).strip()


def _speaker_key(name: str) -> str:
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", name).casefold().strip(" .,"))


def key_candidates(words: Iterable[str]) -> set[str]:
    """The words that may stand for a quote: not stopwords, longer than two letters (all of its
    words when none is left)."""
    words = set(words)
    return {w for w in words if len(w) > 2 and w not in STOPWORDS} or words


def rarest_words(words: Iterable[str], document_frequency: Counter, how_many: int) -> list[str]:
    """A quote's ``how_many`` rarest candidate words (fewest quotes holding them): its blocking
    keys here, and its search terms in slant.corpus.quote_groups."""
    return sorted(key_candidates(words), key=lambda w: (document_frequency[w], w))[:how_many]


def candidate_pairs(texts: list[str], settings: CorpusSettings | None = None) -> set[tuple[int, int]]:
    """Index pairs of normalised ``texts`` that share one of their rarest words (the blocking step)."""
    settings = settings or CorpusSettings()
    words = [t.split() for t in texts]
    document_frequency: Counter = Counter()
    for ws in words:
        document_frequency.update(set(ws))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for key in rarest_words(ws, document_frequency, settings.quote_block_keys):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) > MAX_BLOCK:
            log.debug("quote block %r has %d quotes: skipped", key, len(members))
            continue
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:]:
                pairs.add((a, b))
    return pairs


def same_quote(a: str, b: str, settings: CorpusSettings) -> bool:
    """Whether two normalised quote texts are the same quote (equal enough, or one shortened from the other)."""
    if fuzz.ratio(a, b, score_cutoff=settings.quote_ratio):
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) < settings.quote_min_words:
        return False
    return bool(fuzz.partial_ratio(short, long_, score_cutoff=settings.quote_partial_ratio))


def group_id_for(doc_id: str, text: str) -> str:
    """The id of the quote group whose first member is this quote: stable while no earlier one turns up."""
    digest = hashlib.blake2b(f"{doc_id}\x1f{normalise_quote(text)}".encode("utf-8"), digest_size=6).hexdigest()
    return f"q{digest}"


def _date_key(record: QuoteRecord) -> tuple:
    # as slant.store.schema.published_order: the UTC instant where known, else the day (after the
    # timed copies of that day), undated last
    return (not record.published, record.published_utc or f"{(record.published or '')[:10]}T24", record.doc_id)


def track_quotes(records: Iterable[QuoteRecord | Mapping[str, Any]],
                 settings: CorpusSettings | None = None, *, min_documents: int = 1) -> list[QuoteGroup]:
    """Group quote records into travelling quotes, earliest first seen first.

    ``min_documents=2`` keeps only quotes that appear in more than one document (that travelled).
    """
    settings = settings or CorpusSettings()
    quotes = [QuoteRecord.from_any(r) for r in records]
    quotes = [q for q in quotes if q.text.strip()]
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        by_text[normalise_quote(q.text)].append(i)
    texts = [t for t in by_text if t]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(candidate_pairs(texts, settings)):
        ra, rb = find(a), find(b)
        if ra != rb and same_quote(texts[a], texts[b], settings):
            parent[max(ra, rb)] = min(ra, rb)

    grouped: dict[int, list[QuoteRecord]] = defaultdict(list)
    for t, text in enumerate(texts):
        grouped[find(t)].extend(quotes[i] for i in by_text[text])
    groups = []
    for members in grouped.values():
        members.sort(key=_date_key)
        if len({m.doc_id for m in members}) < min_documents:
            continue
        first = members[0]
        votes = Counter(_speaker_key(m.speaker) for m in members if m.speaker)
        speaker = first.speaker
        if votes:
            best = max(votes.values())
            speaker = next(m.speaker for m in members if m.speaker and votes[_speaker_key(m.speaker)] == best)
        groups.append(QuoteGroup(group_id_for(first.doc_id, first.text), first.text, speaker, first, members))
    groups.sort(key=lambda g: (_date_key(g.first), g.group_id))
    return groups
