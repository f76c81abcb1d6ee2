"""Head decoding: the stacked attribution head's Source / Cue / Content tags, grouped into statements.

Trained on PolNeAR (:mod:`slant.train.attribution`). Tagged spans are grouped into statements:
each content joins the nearest cue, and sources go to statements closest-first, one-to-one. The
quotes component merges these statements with the deterministic layer's (:func:`combine`); a tagged
statement without a source takes the speaker the rules read around its cue (:func:`speaker_at_cue`,
:func:`statement_at_cue`).
"""

from __future__ import annotations

import bisect

import numpy as np

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import Token, tokenize
from slant.analyze.entity_features import ConvTagHead, tags_to_spans, viterbi
from slant.analyze.limits import Ranges, SpanIndex
from slant.analyze.quotes.indirect import _indirect_at
from slant.analyze.quotes.marks import DOUBLE_ANY
from slant.analyze.quotes.model import HeadScores, Mention, Quote
from slant.analyze.quotes.speakers import (_is_cue, _mention, _np_forward, _participle_comma, _participle_subject,
                                          _skip_adverbs_back, _subject_or_coordinated, participle_object_speaker)


#: file name of the attribution head beside the persuasion model
HEAD_FILE = "attribution.npz"
#: BIO tags over PolNeAR's three roles; the head's output order
ATTR_TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
#: a content joins a cue at most this many characters away (PolNeAR cues sit next to their content)
CUE_REACH = 60
#: a cue takes a source at most this many characters away; on gold tags (oracle decoding of PolNeAR
#: dev) 80 gives speaker accuracy 0.898, 150 gives 0.905, 300 gives 0.907 at more risk of long reach
SOURCE_REACH = 150


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


class _Nearby:
    """Spans in text order, searched by position: a long article has thousands of tagged spans,
    and comparing every content with every cue (and every cue with every source) was quadratic
    (26 s of 45 for a 170,000-character text)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.longest = max((e - s for s, e in spans), default=0)

    def within(self, target: tuple[int, int], reach: int) -> list[int]:
        """Indices, in text order, of the spans at most ``reach`` characters from ``target``."""
        lo = bisect.bisect_left(self.starts, target[0] - reach - self.longest)
        hi = bisect.bisect_right(self.starts, target[1] + reach)
        return [i for i in range(lo, hi) if _gap(target, self.spans[i]) <= reach]


def decode_attributions(text: str, offsets, path, tags: tuple[str, ...] = ATTR_TAGS):
    """Group tagged Source/Cue/Content spans into attributions: contents join the nearest cue,
    each cue takes the nearest source. Returns Quote objects (speaker unresolved)."""
    spans = [(int(offsets[a, 0]), int(offsets[b - 1, 1]), kind) for a, b, kind in tags_to_spans(path, tags)]
    cues = [(s, e) for s, e, k in spans if k == "CUE"]
    sources = [(s, e) for s, e, k in spans if k == "SRC"]
    contents = [(s, e) for s, e, k in spans if k == "CON"]

    groups: dict[int, list[tuple[int, int]]] = {}
    loose: list[list[tuple[int, int]]] = []
    near_cues = _Nearby(cues)
    for c in contents:
        near = [(_gap(c, cues[i]), i) for i in near_cues.within(c, CUE_REACH)]
        if near:
            groups.setdefault(min(near)[1], []).append(c)
        elif loose and c[0] - loose[-1][-1][1] <= 3:
            loose[-1].append(c)
        else:
            loose.append([c])
    # Each attribution takes one source: pairs closest first, one-to-one over the whole text, so a
    # near source is never stolen by an earlier cue that has a farther one.
    anchors = [(cues[i], sorted(parts)) for i, parts in sorted(groups.items())] + \
              [(parts[0], sorted(parts)) for parts in loose]
    near_sources = _Nearby(sources)
    pairs = sorted((_gap(anchor, sources[k]), a, k) for a, (anchor, _) in enumerate(anchors)
                   for k in near_sources.within(anchor, SOURCE_REACH))
    source_of: dict[int, int] = {}
    used: set[int] = set()
    for _, a, k in pairs:
        if a in source_of or k in used:
            continue
        source_of[a] = k
        used.add(k)
    quotes = []
    for a, (anchor, parts) in enumerate(anchors):
        speaker = None
        if a in source_of:
            s, e = sources[source_of[a]]
            if "\n\n" in text[s:e]:
                # a tagged source never runs over a paragraph break ("Harbour News\n\nProsecutors
                # charged …" is Prosecutors): the piece on its anchor's side (review r13c)
                if s < anchor[0]:
                    s = s + text[s:e].rindex("\n\n") + 2
                else:
                    e = s + text[s:e].index("\n\n")
                s += len(text[s:e]) - len(text[s:e].lstrip())
                e -= len(text[s:e]) - len(text[s:e].rstrip())
            speaker = Mention(s, e, text[s:e]) if e > s else None
        cue = anchor if a < len(groups) else None
        kind = "direct" if _quoted(text, parts, DOUBLE_ANY) else "indirect"
        quotes.append(Quote(kind, parts, cue, speaker, origin="head"))
    return sorted(quotes, key=lambda q: q.start)


def _quoted(text: str, parts, marks: str) -> bool:
    s = parts[0][0]
    return (s > 0 and text[s - 1] in marks) or (s < len(text) and text[s] in marks)


def combine(rule_quotes: list, head_quotes: list, unclaimed: set[int] = frozenset(),
            text: str | None = None) -> list:
    """Rules first (they are precise on quote marks and cues); head quotes fill what rules missed.

    ``unclaimed`` are ids of rule quotes that nobody is given (no speaker, no cue) and that nothing
    later can give a speaker: a quoted fragment inside a sentence ("assailed a federal judge … for
    his ''Mexican heritage.''"), or one inside a clause that only the subject rule attributes. They do not block a tagged statement: one that holds such a
    fragment is the statement, the fragment its verbatim words, and the fragment is not listed
    on its own.

    With ``text``, a tagged statement that is an attribution of its own inside one indirect rule
    statement's reported content is listed too ("X thought Obama had underestimated the Islamic
    State, which French officials have said was responsible for the attacks"): its content and cue
    lie inside that statement's content, its cue holds a reporting verb, it has a speaker, and it
    touches no other statement's content, cue, speaker or relay.
    """
    weak = [q for q in rule_quotes if id(q) in unclaimed]
    strong = [q for q in rule_quotes if id(q) not in unclaimed]
    out = list(rule_quotes)
    # A rule quote's content, cue, speaker and relay are all taken: a tagged "content" over
    # "as quoted by Russia Today" is the attribution clause of a quote the rules already have.
    marks = Ranges(q.cue for q in strong if q.cue)
    marks.extend((q.speaker.start, q.speaker.end) for q in strong if q.speaker)
    marks.extend(q.relay[:2] for q in strong if q.relay)
    contents = SpanIndex([(q, s, e) for q in strong for s, e in q.parts], bounds=lambda x: (x[1], x[2]))
    added: list[Quote] = []
    held = Ranges()  # the added statements' parts
    for q in head_quotes:
        if any(marks.overlaps(s, e) or held.overlaps(s, e) for s, e in q.parts):
            continue
        hosts = {id(x[0]): x for s, e in q.parts for x in contents.overlapping(s, e)}
        if hosts and not (text is not None and _nested(text, q, list(hosts.values()))):
            continue
        out.append(q)
        added.append(q)
        held.extend(q.parts)
    if weak and added:
        gone = set()
        for w in weak:
            if any(held.overlaps(s, e) for s, e in w.parts):
                gone.add(id(w))
                owner = next((q for q in added if any(a <= w.start and w.end <= b + 2 for a, b in q.parts)), None)
                if owner is not None:
                    owner.verbatim = sorted(owner.verbatim + list(w.parts))
        out = [q for q in out if id(q) not in gone]
    return sorted(out, key=lambda q: q.start)


def _nested(text: str, q: Quote, hosts: list) -> bool:
    """Is the tagged statement ``q``, overlapping the rule statement parts ``hosts`` ((quote, start,
    end) triples), a statement with its own reporting verb and speaker inside one indirect
    statement's content? (One whose speaker could not be read is part of what the host's speaker
    said: "She said the fund wrote to its members saying that fees would rise.")"""
    if q.cue is None or q.speaker is None or len(q.parts) != 1 or len(hosts) != 1:
        return False
    host, s, e = hosts[0]
    (s0, e0), (c0, c1) = q.parts[0], q.cue
    if host.kind != "indirect" or host.cue is None or not (s <= s0 and e0 <= e and s <= c0 and c1 <= e):
        return False
    return any(_is_cue(t) for t in tokenize(text, c0, c1))


def _tagged(head: ConvTagHead, text: str, offsets: np.ndarray, states: np.ndarray) -> tuple[list[Quote], np.ndarray]:
    """The head's statements in one text, and its log-probabilities of every token."""
    feats = head.features(text, offsets)
    logp = head.log_probs(states, feats)
    path = viterbi(logp, feats[:, 5] > 0, ATTR_TAGS)
    return decode_attributions(text, offsets, path), logp


def quotes_from_states(head: ConvTagHead, text: str, offsets: np.ndarray, states: np.ndarray) -> list[Quote]:
    """Statements tagged by ``head`` in one text, from its token offsets and encoder states."""
    return _tagged(head, text, offsets, states)[0]


def tagged_with_scores(head: ConvTagHead, text: str, offsets: np.ndarray,
                       states: np.ndarray) -> tuple[list[Quote], HeadScores]:
    """:func:`quotes_from_states`, with the head's tag probabilities of every token (which the
    statement-confidence model reads)."""
    quotes, logp = _tagged(head, text, offsets, states)
    return quotes, scores_of(offsets, logp)


def scores_of(offsets, logp) -> HeadScores:
    """HeadScores from token offsets and the head's log-probabilities."""
    return HeadScores(np.asarray(offsets, dtype=np.int64).reshape(-1, 2), np.exp(np.asarray(logp, dtype=np.float64)))


# -- the rules' reading around a tagged cue ---------------------------------------------------------


def _speaker_of_clause_before(quotes: list[Quote], text: str, cue: tuple[int, int], lo: int) -> Mention | None:
    """The speaker of a participle cue that follows another statement in its sentence
    ("…,” she said in the Oval Office, emphasizing it was time …"): that statement's speaker."""
    tokens = tokenize(text, lo, cue[1])
    k = next((i for i, t in enumerate(tokens) if t.start >= cue[0]), None)
    if k is None or _participle_comma(tokens, k) is None:
        return None
    before = [q for q in quotes if q.speaker is not None and q.cue is not None and lo <= q.cue[0] < cue[0]]
    if not before:
        return None
    sp = max(before, key=lambda q: q.cue[0]).speaker
    return Mention(sp.start, sp.end, sp.text)


def speaker_at_cue(text: str, cue: tuple[int, int], lo: int, hi: int) -> Mention | None:
    """The speaker phrase the rules find around a cue in ``text[lo:hi]`` (its subject, else after it)."""
    tokens = tokenize(text, lo, hi)
    k = next((i for i, t in enumerate(tokens) if t.start >= cue[0]), None)
    if k is None:
        return None
    # A participle cue ("…, citing a threat to public health") belongs to the sentence subject.
    rng = _participle_subject(tokens, k)
    if rng is not None:
        return _mention(text, tokens, rng)
    rng = _subject_or_coordinated(tokens, _skip_adverbs_back(tokens, k))
    # "proposals to NATO leaders seeking …": the clause's subject, or nobody
    who, replaced = participle_object_speaker(tokens, k, rng)
    if replaced:
        return _mention(text, tokens, who) if who else None
    if rng is None or tokens[rng[0]].lower in rules.RELATIVES:
        end_cue = next((i for i, t in enumerate(tokens) if t.end >= cue[1]), k)
        rng = _np_forward(tokens, end_cue + 1)
        if rng is not None and tokens[rng[0]].lower in rules.PRONOUNS and rng[1] < len(tokens) \
                and tokens[rng[1]].is_word:
            rng = None  # "said it would …": the pronoun opens the content; only "…, said he." inverts
    return _mention(text, tokens, rng) if rng else None


def statement_at_cue(text: str, cue: tuple[int, int], lo: int, hi: int) -> Quote | None:
    """The rules' reading of a statement around a cue found by the attribution head.

    The head knows cues the word lists lack ("called for", "shows", "agreed"); the rules know
    where a statement's subject and content begin and end. The cue's tokens act as one verb.
    """
    tokens = tokenize(text, lo, hi)
    inside = [i for i, t in enumerate(tokens) if cue[0] <= t.start < cue[1]]
    if not inside:
        return None
    a, b = inside[0], inside[-1] + 1
    merged = Token(tokens[a].start, tokens[b - 1].end, text[tokens[a].start:tokens[b - 1].end])
    tokens = tokens[:a] + [merged] + tokens[b:]
    return _indirect_at(text, tokens, a, lo, hi, lenient=True)
