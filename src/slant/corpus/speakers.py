"""One key per person across the corpus: "Trump", "President Trump" and "Mr. Trump" in different
articles are counted with "Donald Trump".

Inside one article the entity grouping already joins a surname to the full name it mentions; this
links what remains across articles, on the quotes' speaker keys in the store (``quotes.speaker_key``,
read by ``slant stats``, the web views and the exports):

1. Each quote starts from its own name's key (titles stripped, natural case; pronouns, role nouns
   and quantities have no key and are never ranked: :func:`slant.analyze.names.speaker_name`).
2. A shorter name links to the longer names that contain all its words and end on the same word
   ("trump" -> "donald trump", "donald trump" -> "donald j trump"), when both can be a person
   (an organisation's "department" never joins "justice department"). Chains are followed to the
   longest name (the root).
3. One root: the shorter name joins it. Several roots (two Johnsons) are two people: a quote joins
   one only on shared context — the root is quoted or named (as a person) in the same article or in
   the same story cluster, and no other root is — or when one root holds at least
   ``DOMINANT_SHARE`` of the quotes of all the roots (a corpus of 2016 news where "Donald Trump"
   has 247 quotes and "Ivanka Trump" 3). Otherwise the quote keeps its own key: two people stay
   apart rather than become one.

Linking is recomputed over the whole store after each ingest (it reads only the names, so it stays
cheap): a name seen later can join or split earlier keys.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from slant.store import Store
from slant.store.rows import normalise_name

#: share of the candidate people's quotes that one of them must hold for an ambiguous surname to
#: join it without shared context: "Trump" goes to "Donald Trump" (247 of 250), "Johnson" with
#: "Gary Johnson" 12 and "Ron Johnson" 8 stays apart
DOMINANT_SHARE = 0.95
#: types a linked name may have: people, or names never typed (a speaker the recogniser missed)
_PERSON_LIKE = {"PER", ""}


@dataclass
class SpeakerQuote:
    """One quote's speaker as the linking sees it."""

    quote_id: int
    doc_id: str
    key: str  # the quote's own name key ("" when it names nobody)
    type: str = ""  # "PER", "ORG", ... from the speaker's entity id; "" when unresolved
    context: set[str] = field(default_factory=set)  # person keys of its article and story


def link_keys(quotes: list[SpeakerQuote]) -> dict[int, str]:
    """The linked key of every quote with a key (quote id -> key); see the module docstring."""
    counts: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    for q in quotes:
        if q.key:
            counts[q.key] += 1
            if q.type:
                types[q.key][q.type] += 1
    kind = {k: (types[k].most_common(1)[0][0] if types[k] else "") for k in counts}
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in counts:
        by_last[k.split()[-1]].append(k)

    parents: dict[str, list[str]] = {}
    for k in counts:
        words = k.split()
        if kind[k] not in _PERSON_LIKE:
            parents[k] = []
            continue
        parents[k] = [c for c in by_last[words[-1]] if len(c.split()) > len(words) and set(words) <= set(c.split())
                      and kind[c] in _PERSON_LIKE and (kind[c] == "PER" or len(words) > 1)]

    roots_memo: dict[str, frozenset[str]] = {}

    def roots(k: str) -> frozenset[str]:
        if k not in roots_memo:
            ps = parents.get(k, [])
            roots_memo[k] = frozenset({k}) if not ps else frozenset(r for p in ps for r in roots(p))
        return roots_memo[k]

    out: dict[int, str] = {}
    for q in quotes:
        if not q.key:
            continue
        rs = roots(q.key)
        if len(rs) == 1:
            out[q.quote_id] = next(iter(rs))
            continue
        in_context = [r for r in rs if r in q.context]
        if len(in_context) == 1:
            out[q.quote_id] = in_context[0]
            continue
        total = sum(counts[r] for r in rs)
        best = max(sorted(rs), key=lambda r: counts[r])
        if not in_context and counts[best] >= DOMINANT_SHARE * total:
            out[q.quote_id] = best
        else:
            out[q.quote_id] = q.key
    return out


def link_speakers(store: Store) -> int:
    """Recompute ``quotes.speaker_key`` over the whole store; returns how many quotes changed key."""
    rows = store.query("SELECT quote_id, doc_id, speaker, speaker_key, attrs FROM quotes")
    if not rows:
        return 0
    people: dict[str, set[str]] = defaultdict(set)
    for r in store.query("SELECT doc_id, canonical FROM entities WHERE label = 'PER'"):
        people[r["doc_id"]].add(normalise_name(r["canonical"] or ""))
    story_of = {r["doc_id"]: r["cluster_id"] for r in store.query("SELECT doc_id, cluster_id FROM clusters")}
    story_people: dict[str, set[str]] = defaultdict(set)
    quoted: dict[str, set[str]] = defaultdict(set)
    own: dict[int, str] = {}
    for r in rows:
        # the quote's own key: its shown name's key, unless it was stored as no name at all
        own[r["quote_id"]] = normalise_name(r["speaker"] or "") if r["speaker_key"] else ""
        if own[r["quote_id"]]:
            quoted[r["doc_id"]].add(own[r["quote_id"]])
    for doc_id, names in list(people.items()) + list(quoted.items()):
        if doc_id in story_of:
            story_people[story_of[doc_id]] |= names
    quotes = []
    for r in rows:
        attrs = json.loads(r["attrs"]) if r["attrs"] else {}
        entity = str(attrs.get("speaker_entity") or "")
        context = people.get(r["doc_id"], set()) | quoted.get(r["doc_id"], set())
        if r["doc_id"] in story_of:
            context = context | story_people[story_of[r["doc_id"]]]
        quotes.append(SpeakerQuote(r["quote_id"], r["doc_id"], own[r["quote_id"]],
                                   entity.split(":", 1)[0].upper() if entity else "", context))
    linked = link_keys(quotes)
    changes = [(linked.get(r["quote_id"], ""), r["quote_id"]) for r in rows
               if linked.get(r["quote_id"], "") != r["speaker_key"]]
    if changes:
        with store.session() as session:
            for key, quote_id in changes:
                session.execute("UPDATE quotes SET speaker_key = ? WHERE quote_id = ?", (key, quote_id))
    return len(changes)
