"""One key per person across the corpus: "Trump", "President Trump" and "Mr. Trump" in different
articles are counted with "Donald Trump".

Inside one article the entity grouping already joins a surname to the full name it mentions; this
links what remains across articles, on the quotes' speaker keys in the store (``quotes.speaker_key``,
read by ``slant stats``, the web views and the exports):

1. Each quote starts from its own name's key (titles stripped, natural case; pronouns, role nouns
   and quantities have no key and are never ranked: :func:`slant.analyze.names.speaker_name`).
2. Full names (two words or more) that can be a person are one person when they share the first
   and the last word and one's words are all in the other's ("donald trump", "donald j trump");
   the most quoted form is the key. "Crooked Hillary Clinton" and "Hillary Clinton" do not join
   (their first words differ), nor do "Justice Department" and "Department" (not people).
3. A surname alone ("trump", "johnson") joins the one person whose full names end on it, unless
   its article's text writes the surname after another first name and never names that person
   ("Sen. Elizabeth Warren" with only "Warren" recognised is not Earl Warren). Several
   such people (Gary and Ron Johnson) are two people: a quote joins one only on shared context —
   that person (by full name or key) is quoted or named as a person in the same article or story
   cluster, and no other candidate is — or when one of them has ``DOMINANT_RATIO`` times the
   quotes of any other ("Barack Obama" 36, "Michelle Obama" 6 in 516 articles), or is named in full
   in ``DOMINANT_RATIO`` times the articles of any other, at least ``MIN_NAMED_ARTICLES``, and
   quoted at least as often ("Barack Obama" named in 14 of 81 articles and quoted 9 times,
   "Michelle Obama" named in 1 and quoted 6 times). Otherwise the quote keeps its own key: two
   people stay apart rather than become one.

4. A word written with a German umlaut somewhere in the corpus ("Robert Müller") is the same word
   spelled without it ("Mueller"): :func:`umlaut_spellings`; "Mueller" and "Muller" stay apart in
   a corpus that never writes "Müller". "The Kremlin" unresolved is counted with the organisation
   "Kremlin"; "The Hill" is never the surname "Hill".

Linking is recomputed over the whole store after each ingest (it reads only the names, so it stays
cheap): a name seen later can join or split earlier keys.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from slant.analyze import attribution_rules as rules
from slant.store import Store
from slant.store.rows import normalise_name

#: how many times the quotes of every other candidate one person must have for an ambiguous
#: surname to join them without shared context. A surname quoted alone in an article that names
#: nobody of that name in full is someone famous enough to need no first name: on 516 PolNeAR
#: and SemEval articles "Obama" (87 quotes) goes to "Barack Obama" (36; "Michelle Obama" 6) and
#: "Trump" to "Donald Trump"; "Johnson" with "Gary Johnson" 12 and "Ron Johnson" 8 stays apart
DOMINANT_RATIO = 3
#: the fewest articles naming a person in full for that count alone to make them the one a bare
#: surname means (with ``DOMINANT_RATIO`` times the articles of any other): "Gary Johnson" named
#: in 3 articles against 1 is too few to call "Johnson" his
MIN_NAMED_ARTICLES = 5
#: words that make a phrase before a name a description, not a nickname ("a spokeswoman for X")
_FUNCTION_WORDS = {"a", "an", "the", "for", "of", "to", "by", "in", "at", "with", "and", "from", "on"}
#: words that make the first word of a name a title, not a first name
_TITLE_WORDS = rules.TITLES | {"saint", "st"}
#: a first name, an optional middle initial, and a capitalised word after it; a lookahead, so the
#: matches overlap and every capitalised word is tried as a first name ("Senator Elizabeth Warren"
#: gives "Elizabeth Warren" as well as "Senator Elizabeth"), never from inside a word ("O'Brien")
_FULL_NAME = re.compile(r"(?<!\w)(?<!\w['’\-])(?=([A-Z][\w'’\-]+)\s+(?:[A-Z]\.\s+)?([A-Z][\w'’\-]+)\b)")
#: how many articles' texts one query reads (SQLite allows 999 parameters in older builds)
_QUERY_CHUNK = 500
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
    #: for a surname alone: the full names with that surname its article writes ("elizabeth warren")
    namesakes: set[str] = field(default_factory=set)


#: German letters with an umlaut and how English writes them without it ("Müller" -> "Mueller")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def umlaut_spellings(names) -> dict[str, str]:
    """For the words ``names`` write with a German umlaut ("Robert Müller"): their spelling without it
    ("mueller") -> their key ("muller", the umlaut's accent folded as every key folds it). Only these
    words are one name under both spellings: "Mueller" and "Muller" stay two names in a corpus that
    never writes "Müller", and "Gülen" is "Gulen" (its key) but never "Guelen"."""
    out: dict[str, str] = {}
    for name in names:
        if not name or name.isascii():
            continue
        for word in name.split():
            spelled = normalise_name(word.translate(_UMLAUTS))
            key = normalise_name(word)
            if spelled != key and " " not in spelled and " " not in key:
                out[spelled] = key
    return out


def link_keys(quotes: list[SpeakerQuote], named_in: dict[str, set[str]] | None = None,
              spellings: dict[str, str] | None = None) -> dict[int, str]:
    """The linked key of every quote with a key (quote id -> key); see the module docstring.

    ``named_in`` maps a person's full name (normalised) to the articles that name them as a person;
    ``spellings`` maps a word's spelling without its umlaut to its key (:func:`umlaut_spellings`):
    "Robert Mueller" and "Robert Müller" are one full name, and "Mueller" alone is a surname of both.
    """
    spellings = spellings or {}

    def word(w: str) -> str:
        return spellings.get(w, w)

    counts: Counter = Counter()
    types: dict[str, Counter] = defaultdict(Counter)
    for q in quotes:
        if q.key:
            counts[q.key] += 1
            if q.type:
                types[q.key][q.type] += 1
    kind = {k: (types[k].most_common(1)[0][0] if types[k] else "") for k in counts}
    # "The Kremlin" unresolved is the organisation a recogniser typed "Kremlin" elsewhere; "The Hill"
    # is not the surname Hill (names keep "The" before one word only as no person's: issue 13)
    the_org = {k: k[4:] for k in counts if k.startswith("the ") and " " not in k[4:]
               and kind.get(k[4:]) in ("ORG", "LOC", "MISC")}
    # a title and one name ("saint francis", "pope francis") is one name, not a first and a last
    # name: "Francis" alone is not Saint Francis (issue 13: Pope Francis's 37 quotes were ranked
    # under "Saint Francis", 3 quotes in one article)
    full = [k for k in counts if len(k.split()) > 1 and kind[k] in _PERSON_LIKE and k.split()[0] not in _TITLE_WORDS]

    # Full names of one person: the same first and last word, one's words inside the other's
    # ("donald trump", "donald j trump"); the most quoted form names the person.
    parent = {k: k for k in full}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep = max((ra, rb), key=lambda r: (counts[r], len(r), r))
            parent[ra if keep == rb else rb] = keep

    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_last_word: dict[str, list[str]] = defaultdict(list)
    for k in full:
        words = k.split()
        by_ends[(word(words[0]), word(words[-1]))].append(k)
        by_last_word[words[-1]].append(k)
    for group in by_ends.values():
        for a in group:
            for b in group:
                if a != b and {word(w) for w in a.split()} <= {word(w) for w in b.split()}:
                    join(a, b)
    # a full name with words before it is still that name ("Crooked Hillary Clinton")
    for group in by_last_word.values():
        for a in group:
            for b in group:
                extra = b[:-len(a)].split() if len(b) > len(a) and b.endswith(" " + a) else []
                if 0 < len(extra) <= 2 and not set(extra) & _FUNCTION_WORDS:
                    join(a, b)
    person_of = {k: find(k) for k in full}
    quotes_of_person: Counter = Counter()
    for k in full:
        quotes_of_person[person_of[k]] += counts[k]
    # a bare surname is the people of that spelling; the umlaut's other spelling only where nobody has
    # it: "Mueller" is Robert Mueller, not a Thomas Müller quoted more, and "Muller" stays Richard
    # Muller's once a "Gerd Müller" is written (m15f); "Mueller" is Thomas Müller in a corpus without
    # another Mueller
    by_last: dict[str, set[str]] = defaultdict(set)
    by_last_spelled: dict[str, set[str]] = defaultdict(set)
    for k in full:
        if kind[k] == "PER" or any(kind[o] == "PER" for o in full if person_of[o] == person_of[k]):
            by_last[k.split()[-1]].add(person_of[k])
            by_last_spelled[word(k.split()[-1])].add(person_of[k])

    def of_surname(surname: str) -> set[str]:
        """The people a bare surname may be (see above)."""
        return set(by_last.get(surname, ()) or by_last_spelled.get(word(surname), ()))

    articles_of_person: dict[str, set[str]] = defaultdict(set)
    for k in full:
        articles_of_person[person_of[k]] |= (named_in or {}).get(k, set())

    def dominant(best: str, others: list[str]) -> bool:
        """Whether a bare surname without context means ``best`` rather than any of ``others``."""
        if all(quotes_of_person[best] >= DOMINANT_RATIO * quotes_of_person[o] for o in others):
            return True
        named = len(articles_of_person[best])
        return named >= MIN_NAMED_ARTICLES and all(
            named >= DOMINANT_RATIO * len(articles_of_person[o]) and quotes_of_person[best] >= quotes_of_person[o]
            for o in others)

    dominant_by_surname: dict[str, str] = {}

    def dominant_of(surname: str, candidates: set[str]) -> str:
        """The one candidate of a surname who dominates all others ("" if none); at most one can (by
        quotes, or by articles while quoted at least as often), and each is tried, so a tie in quotes
        is never settled by the names' order. Computed once per surname."""
        if surname not in dominant_by_surname:
            winners = [c for c in sorted(candidates) if dominant(c, [o for o in candidates if o != c])]
            dominant_by_surname[surname] = winners[0] if len(winners) == 1 else ""
        return dominant_by_surname[surname]

    def people_named(name: str) -> set[str]:
        """The people a name in an article's context may be: its own person, or those of its surname."""
        if name in person_of:
            return {person_of[name]}
        return of_surname(name) if len(name.split()) == 1 else set()

    firsts_of: dict[str, set[str]] = defaultdict(set)  # person -> the first words of their full names
    for k in full:
        firsts_of[person_of[k]].add(k.split()[0])

    out: dict[int, str] = {}
    for q in quotes:
        if not q.key:
            continue
        if q.key in person_of:
            out[q.quote_id] = person_of[q.key]
            continue
        if q.key in the_org:
            out[q.quote_id] = the_org[q.key]
            continue
        words = q.key.split()
        candidates = of_surname(words[0]) if len(words) == 1 and kind[q.key] in _PERSON_LIKE else set()
        if not candidates:
            out[q.quote_id] = q.key
            continue
        named = set().union(*(people_named(c) for c in q.context if c != q.key)) & candidates
        if len(candidates) == 1:
            # the one person of that surname, unless the article names someone else of it and not
            # them (issue 13: Elizabeth Warren's 7 quotes as "Warren", in an article whose "Sen.
            # Elizabeth Warren" the recogniser missed, went to Earl Warren, quoted once elsewhere)
            only = next(iter(candidates))
            other = any(n.split()[0] not in firsts_of[only] for n in q.namesakes)
            out[q.quote_id] = only if named or not other else q.key
            continue
        if len(named) == 1:
            out[q.quote_id] = next(iter(named))
        elif not named and (best := dominant_of(words[0], candidates)):
            out[q.quote_id] = best
        else:
            out[q.quote_id] = q.key
    return out


def _namesakes(store: Store, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    """For each (article, surname) of ``wanted``: the full names with that surname the article's
    text writes, a capitalised first name (or initial) before it that is no title ("Sen. Elizabeth
    Warren" -> "elizabeth warren"; "Sen. Warren", "The Hill" give none)."""
    by_doc: dict[str, set[str]] = defaultdict(set)
    for doc_id, surname in wanted:
        by_doc[doc_id].add(surname)
    out: dict[tuple[str, str], set[str]] = {}
    doc_ids = sorted(by_doc)
    for i in range(0, len(doc_ids), _QUERY_CHUNK):
        chunk = doc_ids[i:i + _QUERY_CHUNK]
        rows = store.query(f"SELECT doc_id, text FROM documents WHERE doc_id IN ({','.join('?' * len(chunk))})",
                           tuple(chunk))
        for row in rows:
            doc_id, surnames = row["doc_id"], by_doc[row["doc_id"]]
            for m in _FULL_NAME.finditer(row["text"]):
                last = normalise_name(m.group(2))
                if last not in surnames:
                    continue
                first = normalise_name(m.group(1))
                if first and first not in _TITLE_WORDS and first not in rules.NOT_NAMES:
                    out.setdefault((doc_id, last), set()).add(f"{first} {last}")
    return out


def link_speakers(store: Store) -> int:
    """Recompute ``quotes.speaker_key`` over the whole store; returns how many quotes changed key."""
    rows = store.query("SELECT quote_id, doc_id, speaker, speaker_key, attrs FROM quotes")
    if not rows:
        return 0
    people: dict[str, set[str]] = defaultdict(set)
    named_in: dict[str, set[str]] = defaultdict(set)
    for r in store.query("SELECT doc_id, canonical FROM entities WHERE label = 'PER'"):
        name = normalise_name(r["canonical"] or "")
        people[r["doc_id"]].add(name)
        named_in[name].add(r["doc_id"])
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
    namesakes = _namesakes(store, {(r["doc_id"], own[r["quote_id"]]) for r in rows
                                   if own[r["quote_id"]] and " " not in own[r["quote_id"]]})
    quotes = []
    for r in rows:
        attrs = json.loads(r["attrs"]) if r["attrs"] else {}
        entity = str(attrs.get("speaker_entity") or "")
        context = people.get(r["doc_id"], set()) | quoted.get(r["doc_id"], set())
        if r["doc_id"] in story_of:
            context = context | story_people[story_of[r["doc_id"]]]
        quotes.append(SpeakerQuote(r["quote_id"], r["doc_id"], own[r["quote_id"]],
                                   entity.split(":", 1)[0].upper() if entity else "", context,
                                   namesakes.get((r["doc_id"], own[r["quote_id"]]), set())))
    spellings = umlaut_spellings({r["speaker"] or "" for r in rows} | {
        r["canonical"] or "" for r in store.query("SELECT DISTINCT canonical FROM entities WHERE label = 'PER'")})
    linked = link_keys(quotes, named_in, spellings)
    changes = [(linked.get(r["quote_id"], ""), r["quote_id"]) for r in rows
               if linked.get(r["quote_id"], "") != r["speaker_key"]]
    if changes:
        with store.session() as session:
            for key, quote_id in changes:
                session.execute("UPDATE quotes SET speaker_key = ? WHERE quote_id = ?", (key, quote_id))
    return len(changes)


def speaker_forms(query, keys: list[str] | None = None) -> dict[str, list[str]]:
    """Speaker key -> the forms its quotes give it, most quoted first (ties alphabetical): of
    ``keys`` only, or of every linked speaker (key not ""). ``query(sql, params)`` returns dict rows.
    One grouping of the quotes table: `slant stats` reads it once for every table that names people."""
    if keys is not None and not keys:
        return {}
    where = f"speaker_key IN ({','.join('?' * len(keys))})" if keys is not None else "speaker_key != ''"
    forms: dict[str, list[str]] = {}
    for r in query(f"SELECT speaker_key, speaker, COUNT(*) AS n FROM quotes WHERE {where} "
                   "GROUP BY speaker_key, speaker ORDER BY n DESC, speaker", list(keys or ())):
        forms.setdefault(r["speaker_key"], []).append(r["speaker"])
    return forms


def shown_name(key: str, names: list[str], default: str | None = None) -> str | None:
    """The name a person is shown under: the form that is the key itself ("Donald Trump", not
    "Trump" or "Donald J. Trump"), else the most quoted form (``names`` most quoted first), else ``default``."""
    return next((n for n in names if normalise_name(n) == key), names[0] if names else default)


def name_speakers(query, rows: list[dict[str, Any]],
                  forms: dict[str, list[str]] | None = None) -> list[dict[str, Any]]:
    """Give speaker rows (with ``speaker_key``) the name each person is shown under
    (:func:`shown_name`) and ``names``, the forms they were quoted under, most quoted first.
    ``query(sql, params)`` returns dict rows; ``forms`` (:func:`speaker_forms`, of these keys or
    more) when the caller has it, else it is read for these rows' keys."""
    if forms is None:
        forms = speaker_forms(query, [r["speaker_key"] for r in rows])
    for row in rows:
        names = forms.get(row["speaker_key"], [])
        row["names"] = names
        row["speaker"] = shown_name(row["speaker_key"], names, row.get("speaker"))
    return rows
