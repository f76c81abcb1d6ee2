"""Stage 3: indirect statements in the text outside direct quotes: "X said (that) …", "according to X, …",
"…, X said.", "X has repeatedly denied this", "X, which claims …", participles ("…, saying …").
"""

from __future__ import annotations

import re

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import Token, tokenize
from slant.analyze.limits import Ranges
from slant.analyze.quotes.model import Mention, Quote
from slant.analyze.quotes.relays import _outlet_like, find_relay
from slant.analyze.quotes.speakers import (_OBJECT_PRONOUNS, _SUBJECT_PRONOUNS, CLAUSE_AUXILIARIES, MONTH_WORDS,
                                           past_form, plural_noun_not_cue)
from slant.analyze.quotes.speakers import (_BE, _lead_in_end, _is_name_token, _CLAUSE_WORDS, _LEAD_IN_HEADS, _generic_np_backward, _is_ly_adverb,
                                           _is_participle,
                                           _participle_comma, _IRREGULAR_VERBS, _PARTICIPLES, _SAY_VERBS, _TELL,
                                           _TIME_OR_RELAY_HEADS, _WEEKDAYS, _is_cue, _mention, _np_backward, _np_forward,
                                           _participle_subject, _skip_adverbs_back, _subject_before,
                                           _subject_or_coordinated, _verb_like, participle_object_speaker)


def find_indirect_quotes(text: str, sentences: list[tuple[int, int]], direct: list[Quote]) -> list[Quote]:
    """Reported speech outside the direct quotes: "X said (that) …", "according to X, …", "…, X said."."""
    blocked = Ranges([(s, e) for q in direct for s, e in q.parts] + [q.cue for q in direct if q.cue] +
                     [(q.speaker.start, q.speaker.end) for q in direct if q.speaker])
    blocked.extend((s, e) for q in direct for s, e in q.verbatim)
    is_blocked = blocked.overlaps
    direct_speakers = {(q.speaker.start, q.speaker.end) for q in direct if q.speaker and q.cue}

    out: list[Quote] = []
    for s0, e0 in sentences:
        tokens = [t for t in tokenize(text, s0, e0)]
        if not tokens:
            continue
        used = False
        # according to X
        for k in range(len(tokens) - 1):
            if tokens[k].lower != "according" or tokens[k + 1].lower != "to" or is_blocked(tokens[k].start, tokens[k + 1].end):
                continue
            rng = _np_forward(tokens, k + 2)
            report = None
            if rng is None:
                # according to a report by X / reports in X
                m = re.match(r"\s*(?:an?|the)?\s*(?:reports?|report|statement)\s+(?:by|in|from)\s+", text[tokens[k + 1].end:e0])
                if m:
                    j = k + 2
                    while j < len(tokens) and tokens[j].end <= tokens[k + 1].end + m.end():
                        j += 1
                    rng = _np_forward(tokens, j)
                    report = rng
            if rng is None or (rng[1] < len(tokens) and tokens[rng[1]].text not in (",", ".", ";", "?", "!")):
                # A longer source ("federal statistics", "an analysis by X, a former aide"): up to the comma.
                j = k + 2
                while j < len(tokens) and tokens[j].text not in (",", ".", ";", "?", "!") and j - k < 16:
                    j += 1
                rng = (k + 2, j) if j > k + 2 else None
            if rng is None:
                continue
            clause_start = tokens[k].start
            clause_end = tokens[rng[1] - 1].end
            # The clause runs to the next comma.
            j = rng[1]
            while j < len(tokens) and tokens[j].text not in (",", ";", "."):
                j += 1
            if j < len(tokens) and tokens[j].text == ",":
                clause_end = tokens[j - 1].end if j > rng[1] else clause_end
            parts = []
            before = _trim_content(text, s0, clause_start)
            after = _trim_content(text, clause_end, e0)
            has_after = after[1] - after[0] > 1 and len(tokenize(text, *after)) >= 3
            if has_after and _ends_in_conjunction(text, before):
                before = (before[0], before[0])  # "… after, according to him, Televisa censured …"
            if before[1] - before[0] > 1 and len(tokenize(text, *before)) >= 2:
                parts.append(before)
                if has_after and _source_tail(text, tokens, j, before):
                    has_after = False  # "…, according to Andrew McCarthy, who prosecuted …": about the source
            if has_after:
                parts.append(after)
            if not parts or any(is_blocked(s, e) for s, e in parts):
                continue
            speaker = _mention(text, tokens, rng)
            relay = None
            if report is not None:
                relay = (speaker.start, speaker.end, speaker.text)
            q = Quote("indirect", parts, (tokens[k].start, tokens[k + 1].end), speaker, relay)
            out.append(q)
            blocked.extend(parts)
            blocked.append((clause_start, clause_end))
            used = True
            break
        if used:
            continue
        candidates = []
        as_clauses: list[Quote] = []  # "As the Post reported, …": set off, so they go first
        for k, tok in enumerate(tokens):
            if tok.lower in _PASSIVE_CUES and k + 1 < len(tokens) and tokens[k + 1].lower == "by" \
                    and not is_blocked(tok.start, tok.end):
                q = _passive_at(text, tokens, k)
                if q is not None and not any(is_blocked(s, e) for s, e in q.parts):
                    candidates.append(q)
                    continue
            if tok.lower in _ASKED and not is_blocked(tok.start, tok.end):
                q = _asked_at(text, tokens, k)
                if q is not None and not any(is_blocked(s, e) for s, e in q.parts):
                    candidates.append(q)
                continue
            if tok.lower in _DECLINE and not is_blocked(tok.start, tok.end):
                q = _declined_at(text, tokens, k)
                if q is not None and not any(is_blocked(s, e) for s, e in q.parts):
                    candidates.append(q)
                continue
            if tok.lower in _AS_CUES and not is_blocked(tok.start, tok.end):
                q = _as_clause_at(text, tokens, k, s0, e0)
                if q is not None:
                    if not any(is_blocked(s, e) for s, e in q.parts):
                        as_clauses.append(q)
                    continue
            if k <= 2 and tok.lower in _PARTICIPLES and not is_blocked(tok.start, tok.end):
                q = _opening_participle_at(text, tokens, k, e0)  # "Noting that …, Smith added …"
                if q is not None:
                    if not any(is_blocked(s, e) for s, e in q.parts):
                        candidates.append(q)
                    continue
            word_rule = _WORD_RULES.get(tok.lower)
            if word_rule is not None and not is_blocked(tok.start, tok.end):
                q = word_rule(text, tokens, k)  # "issued a statement describing …", "is accused of …"
                if q is not None:
                    if not any(is_blocked(s, e) for s, e in q.parts):
                        candidates.append(q)
                    continue
            if not (_is_cue(tok) or tok.lower in _OBJECT_CUES) or is_blocked(tok.start, tok.end) \
                    or plural_noun_not_cue(tokens, k):
                continue
            q = _indirect_at(text, tokens, k, s0, e0) if _is_cue(tok) else None
            if q is None and tok.lower in _OBJECT_CUES:
                q = _object_at(text, tokens, k)
            if q is not None and len(q.parts) == 1 and q.cue[1] <= q.start and is_blocked(*q.parts[0]):
                q = _before_blocked(text, q, is_blocked)
            if q is None or any(is_blocked(s, e) for s, e in q.parts) or _adds_to(text, q):
                continue
            candidates.append(q)
        # A closing attribution ("…, the source added.") is the outer one: a cue inside its
        # content ("Clinton had told police that …") is part of what the source reported.
        closing = [q for q in candidates if q.cue[0] >= q.parts[-1][1]]
        if closing and closing[-1].speaker is not None and _outlet_like(closing[-1].speaker.text):
            # "X said …, Reuters reported.": X speaks, the outlet relays.
            outer = closing[-1]
            inner = [q for q in candidates if q is not outer and outer.parts[0][0] <= q.cue[0] < outer.parts[-1][1]]
            if inner:
                q = inner[0]
                q.parts = [(s, min(e, outer.parts[-1][1])) for s, e in q.parts if s < outer.parts[-1][1]]
                q.relay = (outer.speaker.start, outer.speaker.end, outer.speaker.text)
                closing = [q]
                candidates = [q]
        if as_clauses:
            # the as-clause itself ("as she said at the outset") is no other statement's content
            held = Ranges([(min(q.cue[0], q.speaker.start), max(q.cue[1], q.speaker.end)) for q in as_clauses])
            candidates = [q for q in candidates if not any(held.overlaps(s, e) for s, e in q.parts + [q.cue])]
        closing = [q for q in candidates if q.cue[0] >= q.parts[-1][1]]
        ordered = as_clauses + closing[-1:] + [q for q in candidates if q not in closing[-1:]]
        speakers_here: set[tuple[int, int]] = set()
        for chosen in ordered:
            # More statements in one sentence only where they do not overlap ("X show that …,
            # and Y told reporters …"); two statements may share their speaker phrase ("…, Spicer
            # said, adding that …").
            who = (chosen.speaker.start, chosen.speaker.end) if chosen.speaker else None
            # a direct quote's speaker may say more ("Wilson praised Rubio's positions on national
            # defense and said the senator can “bring this country together.”")
            shared = who is not None and (who in speakers_here or who in direct_speakers)
            spans = chosen.parts + [chosen.cue] + ([who] if who and not shared else [])
            if any(is_blocked(s, e) for s, e in spans):
                continue
            out.append(chosen)
            blocked.extend(spans)
            if who:
                speakers_here.add(who)
            follow = _second_statement(text, tokens, chosen)
            if follow is not None and not any(is_blocked(s, e) for s, e in follow.parts + [follow.cue]):
                out.append(follow)
                blocked.extend(follow.parts + [follow.cue])
    return out


#: words after "according to X," that say more about X or are the writer's, not more of what X reports
_SOURCE_TAIL_HEADS = {"who", "which", "whose", "where", "including", "although", "though", "but", "while", "when"}
#: ... or a noun phrase (with no verb of its own) that says more about the source ("…, an analyst at …")
_SOURCE_NP_HEADS = {"a", "an", "one", "the"}


def _source_tail(text: str, tokens: list[Token], j: int, before: tuple[int, int]) -> bool:
    """After a clause of reported content, "according to X" and then ``tokens[j]``: is what follows
    about the source or the writer's ("…, according to Andrew McCarthy, who prosecuted …", "…,
    according to three recent polls, including one from …", "…, according to exit polls (a sizable
    margin …)"), so no more of the content?"""
    content = tokenize(text, *before)
    if sum(t.is_word for t in content) < 3 or not _has_finite_verb(content) or j + 1 >= len(tokens) or (
            content[0].lower in _SUBORDINATORS and not any(t.text == "," for t in content)):
        return False  # ("If it did happen, according to Putin, the expansion would …": the main clause follows)
    if tokens[j].text in ("(", "—", "–", "--"):
        return True
    if tokens[j].text != ",":
        return False
    head = tokens[j + 1]
    if head.text == "(" or head.lower in _SOURCE_TAIL_HEADS:
        return True
    return head.lower in _SOURCE_NP_HEADS and not _has_finite_verb(tokens[j + 1:])


def _before_blocked(text: str, q: Quote, is_blocked) -> Quote | None:
    """Reported content that runs into a quote the direct rules already hold ("He declared that as
    long as …, Trump would have a path, which he declared “a total disaster”"): the content up to the
    comma (or dash, semicolon) before the first held word, when three words or more are left."""
    s, e = q.parts[0]
    toks = tokenize(text, s, e)
    first = next((n for n, t in enumerate(toks) if is_blocked(t.start, t.end)), None)
    if first is None:
        return q
    cut = next((n for n in range(first - 1, 0, -1) if toks[n].text in (",", ";", "—", "–")), None)
    if cut is None or sum(t.is_word for t in toks[:cut]) < 3 or not _has_finite_verb(toks[:cut]):
        return None  # ("despite the excitement surrounding …,": a lead-in of the content, no clause)
    q.parts = [_trim_content(text, s, toks[cut].start)]
    return q


#: cues of a parenthetical "as X noted" / "as reported by X" ("As the Post reported, …", "…, as she
#: said at the outset."): the clause around it is what X said
_AS_CUES = {"said", "says", "noted", "notes", "reported", "reports", "observed", "observes", "wrote", "writes",
            "explained", "explains", "argued", "argues", "pointed", "points", "announced", "told", "tweeted",
            "stated", "put", "predicted", "warned", "suggested", "acknowledged", "conceded", "claimed",
            "claims", "revealed", "confirmed", "mentioned", "recalled", "first"}
#: words that may stand between "as" and its cue in the passive ("as first reported by")
_AS_ADVERBS = {"first", "previously", "earlier", "also", "widely", "originally", "already", "recently", "once",
               "has", "have", "had", "was", "were", "is", "been", "often", "repeatedly", "later"}
#: words the as-clause may hold after its cue: when, where and through what ("as she said at the
#: outset", "as Breitbart reported a few days later", "as he noted recently in New York magazine")
_AS_TAIL_STOPS = {"that", "it", "this", "so", "to", "he", "she", "they", "we", "i", "you", "his", "her", "their",
                  "its", "about", "of", "if", "whether", "and", "but", "when", "while", "how", "what", "why"}


def _as_clause_at(text: str, tokens: list[Token], k: int, s0: int, e0: int) -> Quote | None:
    """"As the Post reported, most of the homes stand empty.", "Most of the homes stand empty, as
    the Post reported last week.", "The plan, as the mayor noted, was never funded.", "As first
    reported by the Post, …": a parenthetical "as" clause attributes the clause around it to its
    subject (or to the agent after "by"). Only where the as-clause is set off (sentence start, a
    comma or dash before "as") and holds nothing after its cue but when/where/through what ("just
    as she said she would", "as he said that, …" are none)."""
    cue = tokens[k]
    if not cue.text.islower():
        return None
    a = k
    while a > 0 and tokens[a - 1].lower in _AS_ADVERBS and tokens[a - 1].text.islower():
        a -= 1
    by = k + 1 < len(tokens) and tokens[k + 1].lower == "by"
    if cue.lower == "pointed":
        if not (k + 1 < len(tokens) and tokens[k + 1].lower == "out"):
            return None
        k += 1
    if cue.lower == "put":
        if not (k + 1 < len(tokens) and tokens[k + 1].lower == "it"):
            return None
        k += 1
    if cue.lower == "first":
        return None  # only an adverb of the passive cue after it
    if a >= 1 and tokens[a - 1].lower == "as" and by:
        # "as (first) reported by the Times": the agent speaks
        as_i = a - 1
        rng = _np_forward(tokens, k + 2)
        if rng is None:
            return None
        end_i = rng[1]
    else:
        # the subject: the words between "as" and the cue ("as another Pew study from 2011 noted")
        b = a
        while b > 0 and a - b < 10 and tokens[b - 1].lower != "as" and (
                tokens[b - 1].is_word or tokens[b - 1].text in ("'s", "’s", "-")) \
                and not _any_verb(tokens[b - 1]) and not _is_cue(tokens[b - 1]) \
                and tokens[b - 1].lower not in _AS_TAIL_STOPS - {"he", "she", "they", "we", "i", "you"}:
            b -= 1
        if b == a or b < 1 or tokens[b - 1].lower != "as" or not tokens[b].is_word:
            return None
        rng = (b, a)
        if tokens[b].lower in rules.RELATIVES or tokens[b].lower in ("it", "this", "that", "you", "we", "i"):
            return None  # ("as you say", "as we noted": the writer's voice)
        as_i = rng[0] - 1
        end_i = k + 1
    # what follows the cue up to the clause's end: time, place or channel only
    n = end_i
    while n < len(tokens) and tokens[n].text not in (",", ".", ";", "—", "–", "--", "-", ")", "!", "?", ":"):
        t = tokens[n]
        if n - end_i >= 8 or t.lower in _AS_TAIL_STOPS or _is_cue(t) or _any_verb(t) or t.text in ("“", '"', "‘"):
            return None
        n += 1
    close = n  # index of the clause's closing punctuation (or len(tokens))
    opener = tokens[as_i - 1] if as_i >= 1 else None
    if opener is not None and opener.text not in (",", "—", "–", "--", "-", "(", ";", ":") \
            and opener.lower not in ("and", "but", "because", "so", "yet"):
        return None  # "just as she said", "such as he reported": no parenthetical
    speaker = _mention(text, tokens, rng)
    cue_span = (cue.start, tokens[k].end) if not by else (cue.start, tokens[k + 1].end)
    relay = find_relay(text, cue.start, tokens[close - 1].end, cue.text)
    parts = []
    lead = max((n + 1 for n in range(as_i) if tokens[n].text in ("—", "–", "-", "--", ";", ":", "(")), default=0)
    while lead < as_i and tokens[lead].lower in ("and", "but", "so", "because", "yet"):
        lead += 1
    if lead < as_i - 1 and opener is not None and opener.is_word is False:
        before = _trim_content(text, tokens[lead].start if lead else s0, tokens[as_i].start)
        if sum(t.is_word for t in tokenize(text, *before)) >= 1 and not _ends_in_conjunction(text, before):
            # (not "…, and as Comey noted, …" or "given that, as the Times reported, …": the
            # as-clause belongs to the clause after it)
            parts.append(before)
    if close < len(tokens) and tokens[close].text == ",":
        after_tokens = tokens[close + 1:]
        if after_tokens:
            after = _trim_content(text, after_tokens[0].start, _content_end(text, after_tokens, e0))
            if sum(t.is_word for t in tokenize(text, *after)) >= 2:
                parts.append(after)
    if not parts or sum(t.is_word for s, e in parts for t in tokenize(text, s, e)) < 4:
        return None
    return Quote("indirect", parts, cue_span, speaker, relay)


def _second_statement(text: str, tokens: list[Token], q: Quote) -> Quote | None:
    """The statement of a second verb of ``q``'s speaker right after its content ("Ginsburg said …
    and predicted that …", "… said he makes $41,000 a year and questioned how …"): same speaker,
    the verb as cue, its content up to the sentence end (or the next such verb)."""
    if q.kind != "indirect" or q.speaker is None or q.cue is None or q.cue[0] > q.start:
        return None
    end = q.end
    i = next((n for n, t in enumerate(tokens) if t.start >= end), None)
    if i is None:
        return None
    if tokens[i].text == ",":
        i += 1
    if i >= len(tokens) or tokens[i].lower not in ("and", "but"):
        return None
    j = i + 1
    if not (_second_verb(tokens, j) or (j < len(tokens) and _is_cue(tokens[j]))):
        return None
    while tokens[j].lower in _SECOND_VERB_ADVERBS:
        j += 1
    cue_start = j
    if tokens[j].lower in _SECOND_VERB_AUX | {"has", "had"}:
        j += 1 + (tokens[j + 1].lower in ("not", "never"))
    if j + 1 < len(tokens) and tokens[j + 1].lower in ("issue", "out", "on", "for") and tokens[j].lower != "said":
        j += 1  # "took issue with", "pointed out", "called on", "called for"
    cue = (tokens[cue_start].start, tokens[j].end)
    m = j + 1
    if m < len(tokens) and tokens[m].lower == "that":
        m += 1
    if m >= len(tokens):
        return None
    tail = tokens[m:]
    content = _trim_content(text, tail[0].start, _content_end(text, tail, tokens[-1].end))
    if sum(t.is_word for t in tokenize(text, *content)) < 2:
        return None
    return Quote("indirect", [content], cue, Mention(q.speaker.start, q.speaker.end, q.speaker.text))


#: words that end a clause's lead before an inserted "according to X," ("because, according to Trump, …")
_LEAD_CONJUNCTIONS = {"because", "after", "while", "when", "that", "and", "but", "so", "since", "although", "though",
                      "if", "as", "before", "until", "whether"}


def _ends_in_conjunction(text: str, span: tuple[int, int]) -> bool:
    words = [t for t in tokenize(text, *span) if t.is_word]
    return bool(words) and words[-1].lower in _LEAD_CONJUNCTIONS


#: "X declined to comment", "X declined to say whether …": a statement of what X would not say
_DECLINE = {"declined", "declines", "declining", "refused", "refuses"}
#: the verbs after "declined to" that make it a statement (not "declined to run", "refused to pay")
_DECLINE_WHAT = {"comment", "say", "discuss", "answer", "elaborate", "respond", "specify", "speculate", "name",
                 "disclose", "confirm", "detail", "explain", "address", "identify", "reveal", "predict", "endorse"}


#: "asked whether …", "Asked about X, …": a question put to someone is a statement of its asker
_ASKED = {"asked", "asking", "asks"}
#: words opening the question after "asked" (the content starts there; after "about", at its object)
_QUESTION_WORDS = {"whether", "if", "why", "how", "what", "who", "whom", "when", "where", "which", "about"}
#: words before "asked" that make it passive or a clause of the one asked ("was asked", "when asked")
_ASKED_PASSIVE = {"was", "were", "is", "are", "been", "be", "being", "when", "after", "if", "once", "while", "as",
                  "before", "later", "and", "but", ","}


def _asked_at(text: str, tokens: list[Token], k: int) -> Quote | None:
    """"Asked whether the plan would pass, Lee said …", "He asked why …", "when asked about the
    standards": the question (from its wh-word, or the object of "about") to the clause's end
    is a statement; its asker is "by X", or the subject right before an active "asked", else
    nobody (flag ``speaker_unresolved``)."""
    j = k + 1
    by = None
    if j < len(tokens) and tokens[j].lower == "by":
        by = _np_forward(tokens, j + 1)
        if by is None:
            return None
        j = by[1]
    # a time or occasion before the question: "Asked Tuesday about", "Asked during a January debate why"
    n = j
    while n < len(tokens) and n - j < 8 and tokens[n].lower not in _QUESTION_WORDS and tokens[n].is_word \
            and not _is_cue(tokens[n]) and (n > j or tokens[n].lower in _TIME_OR_RELAY_HEADS
                                            or tokens[n].lower in _AFTER_CUE_WHEN):
        n += 1
    start = None
    request = False
    if (n >= len(tokens) or tokens[n].lower not in _QUESTION_WORDS) and by is None:
        # "Hannity asked Trump how high …", "asked our followers who …" (the one asked, then the
        # question); "Mr. Hurt asked Norton to republish …", "was asked to leave" (a request)
        obj = _asked_object(tokens, j)
        if obj is not None and obj < len(tokens) and tokens[obj].lower in _QUESTION_WORDS - {"about", "if"}:
            n = obj
        elif obj is not None and obj + 1 < len(tokens) and tokens[obj].lower == "to" and tokens[obj + 1].text.islower() \
                and tokens[obj + 1].is_word:
            start, request = j, True
        else:
            return None
    elif n >= len(tokens) or tokens[n].lower not in _QUESTION_WORDS:
        return None
    if start is None:
        start = n + 1 if tokens[n].lower == "about" else n
    e = start
    while e < len(tokens) and tokens[e].text not in (",", ".", ";", ":", "?", "!", "—", "–", "(", "“", '"') \
            and not (e > start and tokens[e].lower in ("and", "but") and e + 1 < len(tokens)
                     and (_any_verb(tokens[e + 1]) or _is_cue(tokens[e + 1]))) \
            and not (e > start + 1 and tokens[e].lower in ("by", "though", "although") and tokens[e].text.islower()):
        e += 1  # ("… to disavow Mr. Trump and has repeatedly …", "… to preserve them by the committee")
    if sum(t.is_word for t in tokens[start:e]) < 2 or e - start > 40:
        return None
    speaker = None
    if by is not None:
        speaker = _mention(text, tokens, by)
    else:
        before = _skip_adverbs_back(tokens, k)
        if k > 0 and tokens[k - 1].lower not in _ASKED_PASSIVE and before > 0 \
                and tokens[before - 1].lower not in _ASKED_PASSIVE and tokens[k].text.islower() \
                and not any(t.lower in _BE for t in tokens[before:k]):  # "were also asked": passive
            rng = _subject_or_coordinated(tokens, before)
            if rng is not None:
                speaker = _subject_speaker(text, tokens, rng)
    if speaker is None and request:
        return None  # a request nobody is named as making ("was asked to leave", "asking prosecutors to …")
    q = Quote("indirect", [(tokens[start].start, tokens[e - 1].end)], (tokens[k].start, tokens[k].end), speaker)
    if speaker is None:
        q.flags.append("speaker_unresolved")
    return q


def _asked_object(tokens: list[Token], j: int) -> int | None:
    """The index after the one asked at token ``j`` ("Trump", "our followers", "them", "the campaign
    of …"): a pronoun, or up to 10 words with no verb, clause word or punctuation; ``j`` itself when
    nothing is there and the next word is "to" (a passive "was asked to leave")."""
    if j >= len(tokens):
        return None
    if tokens[j].lower == "to":
        return j
    if tokens[j].lower in ("them", "him", "her", "us", "me", "you", "everyone", "voters", "people"):
        return j + 1
    n = j
    while n < len(tokens) and n - j < 10 and (tokens[n].is_word or tokens[n].text in ("'s", "’s")) \
            and tokens[n].lower not in _QUESTION_WORDS and tokens[n].lower not in ("to", "that", "and", "but", "for") \
            and not _any_verb(tokens[n]) and not _is_cue(tokens[n]):
        n += 1
    return n if n > j else None


#: a day or a when/how-often word between a verb and what follows ("promised Monday to", "asked
#: twice about"): speakers' days and when-words and a few more
_AFTER_CUE_WHEN = _WEEKDAYS | {"repeatedly", "then", "directly", "specifically", "twice"}


#: speech acts whose object is what was said ("Mr. Ailes denied the charges through his lawyer",
#: "Mr. Christie questioned his depth and experience", "Trump called for the ban"): the issue's
#: speech cues that take a noun phrase
_OBJECT_CUES = {"denied", "questioned", "criticized", "criticised", "praised", "mentioned", "echoed", "repeated",
                "confirmed", "acknowledged", "announced", "declared", "called", "accused", "urged", "described",
                "noted", "joked", "complained", "warned", "wrote", "promised", "pledged", "vowed", "predicted",
                "recalled", "explained", "conceded", "stressed", "emphasized", "asked"}
#: the particle a cue takes before its object ("called for", "joked about")
_OBJECT_PARTICLES = {"called": ("for", "on", "out"), "calls": ("for", "on", "out"), "joked": ("about",),
                     "jokes": ("about",), "complained": ("about", "of"), "complains": ("about", "of"),
                     "warned": ("about", "of", "against"), "warns": ("about", "of", "against"),
                     "wrote": ("about",), "writes": ("about",), "asked": ("for",)}
#: words that end the object: a channel ("denied the charges through his lawyer")
_OBJECT_STOPS = {"through", "via"}
#: words that open no object: prepositions, adverbs and numbers ("reported from Washington",
#: "reported daily to …", "confirmed 92 to 0")
_NOT_OBJECTS = {"that", "to", "by", "of", "in", "on", "at", "from", "with", "for", "about", "live", "daily", "recently",
                "again", "back", "so", "too", "it", "this", "them", "as", "up", "out", "down", "off", "over", "into",
                "after", "before", "during", "while", "when", "if", "whether", "and", "but", "or", "there", "here",
                "later", "earlier", "last", "this", "next"}
#: "in a statement", "on Twitter": a channel after the object
_CHANNEL_NOUNS = {"statement", "interview", "speech", "tweet", "letter", "op-ed", "post", "email", "call",
                  "statements", "interviews", "speeches", "tweets", "remarks", "address", "debate", "ad"}


def _inner_quote_end(tokens: list[Token], e: int) -> int | None:
    """The index after the closing mark of a quoted phrase inside a speech act's object ("called for
    tighter rules on the “shadow banking” that occurs at …"): the mark at ``tokens[e]`` opens a quote of
    at most 8 tokens within the sentence that closes on a word, not on its own comma or stop (a quote
    that closes on punctuation ends what was said: "what some call the “Charleston loophole,” which …").
    None where it is not such a phrase."""
    for n in range(e + 1, min(len(tokens), e + 10)):
        if tokens[n].text in ("”", '"'):
            return n + 1 if n > e + 1 and tokens[n - 1].is_word else None
        if tokens[n].text in (".", "?", "!", ";", ":", "“"):
            return None
    return None


def _object_at(text: str, tokens: list[Token], k: int) -> Quote | None:
    """"Mr. Ailes denied the charges through his lawyer", "Trump called for the ban in December",
    "Donald Trump joked about Jewish stereotypes": the object of a speech act is what was said,
    to the clause's end (before a channel, a time clause or a second verb); its subject speaks."""
    cue = tokens[k]
    if not cue.text.islower():
        return None
    j = k + 1
    particles = _OBJECT_PARTICLES.get(cue.lower)
    if particles is not None and cue.lower == "called" and not (j < len(tokens) and tokens[j].lower in particles):
        if not _names_something(tokens, j) or any(t.text in ("“", '"', "‘") for t in tokens[j:j + 12]):
            return None  # "called her fallen son her hero": a naming; "called the meeting" is none; a
            # quoted naming ("called the layoffs a “restructuring”") is the naming rule's
    elif particles is not None:
        if j >= len(tokens) or tokens[j].lower not in particles:
            return None
        j += 1
    elif cue.lower in ("called", "calls", "asked"):
        return None
    while j < len(tokens) and tokens[j].lower in _AFTER_CUE_WHEN:
        j += 1  # "promised Monday to …"
    if j >= len(tokens) or not tokens[j].is_word or tokens[j].text[:1].isdigit() or (
            tokens[j].lower in _NOT_OBJECTS and not _demonstrative_object(tokens, j)):
        return None
    before = _skip_adverbs_back(tokens, k)
    if before > 0 and tokens[before - 1].lower in _BE:
        return None  # a passive ("was confirmed by …")
    rng = _subject_or_coordinated(tokens, before, far=True)
    if rng is None:
        return None
    speaker = _subject_speaker(text, tokens, rng)
    if speaker is None:
        return None
    # "Republicans who have praised his candidacy warned …": a restrictive relative clause ends at
    # the main clause's verb
    restrictive = tokens[rng[0]].lower == "who" and tokens[rng[0] - 1].text != ","
    e = _object_end(tokens, j, restrictive)
    if e is None:
        return None
    e = _before_main_clause(tokens, rng[0], j, e)
    words = [t for t in tokens[j:e] if t.is_word]
    if len(words) < 2 and not (words and words[0].is_cap):
        return None
    if cue.lower == "described" and words[0].lower not in ("how", "what", "why", "himself", "herself", "themselves") \
            and not any(t.lower == "as" for t in words):
        return None  # "described the scene to the paper": no account of what was said ("described X as …" is one)
    return Quote("indirect", [(tokens[j].start, tokens[e - 1].end)], (cue.start, tokens[j - 1].end if j > k + 1 else cue.end),
                 speaker, find_relay(text, cue.start, tokens[-1].end, cue.text))


def _before_main_clause(tokens: list[Token], subject_start: int, j: int, e: int) -> int:
    """Where an object ``tokens[j:e]`` ends when its clause opens with a subordinator ("When Trump
    announced his candidacy in June 2015, he …": the main clause is the writer's); ``e`` otherwise."""
    if _opens_with_subordinator(tokens, subject_start):
        end = _main_clause_start(tokens[j:e], -1)
        if end >= 0:
            return next(n for n in range(j, e) if tokens[n].start >= end)
    return e


def _object_end(tokens: list[Token], j: int, restrictive: bool = False, occasion: bool = True) -> int | None:
    """The index after the object of a speech act that starts at token ``j``: the clause's end, before
    a channel, a time or occasion phrase (with ``occasion``), a second verb or the writer's clause; None
    where it runs past 60 tokens. ``restrictive``: the act sits in a restrictive relative clause, which
    ends at the main clause's verb."""
    e = j
    wh = tokens[j].lower in ("how", "what", "why", "whether", "who", "when", "where")  # a clause: its commas are its own
    while e < len(tokens) and e - j < 60:
        t = tokens[e]
        if restrictive and e > j and (_any_verb(t) or _is_cue(t)):
            break
        if t.text in ("“", '"') and e > j and (inner := _inner_quote_end(tokens, e)) is not None:
            # a quoted phrase inside the object is words of it (PolNeAR train, 840 texts out of
            # fold: speech attributions +3, precision +0.0003, direct quotes unchanged)
            e = inner
            continue
        if t.text in (";", ":", ".", "—", "–", "?", "!", "“", '"') or t.lower in _OBJECT_STOPS:
            break
        if (t.lower in ("and", "but") or (t.text == "," and not wh)) and e + 1 < len(tokens) and _any_verb(tokens[e + 1]):
            e -= tokens[e - 1].text == ","
            break  # "denied the charges and counter-accused her …": a noun phrase has no verb of its own
        if t.text == "," and e + 1 < len(tokens) and (_is_participle(tokens[e + 1]) or tokens[e + 1].lower in _PARTICIPLES
                                                      or (tokens[e + 1].lower in _OBJECT_CLAUSES and not wh)):
            break
        if t.text in ("-", "--"):
            break
        if t.text == "," and e + 1 < len(tokens) and tokens[e + 1].lower == "with" and not wh:
            break  # "…, with Lewandowski taking to Twitter to …": the writer's absolute phrase
        if occasion and e > j and _occasion(tokens, e):
            break
        if t.lower in ("in", "on") and e + 2 < len(tokens) and (tokens[e + 2].lower in _CHANNEL_NOUNS
                                                                 or tokens[e + 1].lower in _CHANNEL_NOUNS
                                                                 or tokens[e + 1].lower in rules.PLATFORMS):
            break
        e += 1
    else:
        if e - j >= 60:
            return None
    return e


_ARTICLES = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your"}


#: nouns of a speech given or a text put out ("issued a statement describing …", "used his speech to …")
_CHANNEL_ACT_NOUNS = {"statement", "speech", "remarks", "address"}
#: verbs that put out a text: its participle says what the text says ("released a statement highlighting …")
_ISSUE_VERBS = {"issued", "issues", "issue", "issuing", "released", "releases", "releasing"}
#: verbs that use a speech for what the verb after it says ("used his speech to call for …", "spent much
#: of her speech praising …")
_USE_VERBS = {"used", "uses", "using", "devoted", "devotes", "devoting", "spent", "spends", "spending"}
#: "put out" / "sent out" a statement
_OUT_VERBS = {"put", "puts", "putting", "sent", "sends", "sending"}
#: verbs of an attempt before the act itself ("used the speech to try to refute …")
_ATTEMPT_VERBS = {"try", "attempt", "seek", "help"}


def _speech_verb(tok: Token) -> bool:
    """A verb of saying or appealing in any form the cue lists know ("call", "urge", "warn", "praising"):
    itself a cue form, or its past ("called", "praised") among the object or passive cues."""
    w = tok.lower
    stem = w[:-3] if w.endswith("ing") else w
    return any(f in rules.CUE_FORMS or f in _OBJECT_CUES or f in _PASSIVE_CUES or f in _PARTICIPLES
               for f in (w, stem + "ed", stem + "d", stem[:-1] + "ied"))


def _channel_act_at(text: str, tokens: list[Token], k: int) -> Quote | None:
    """"The board issued a statement describing the meeting as useful", "Lund used his speech to call
    for new elections", "she spent much of her speech praising the plan": the statement or speech
    (``tokens[k]``) says the object of the verb after it (a participle that is no cue of its own; after
    "used"/"spent", an infinitive or a participle). The subject of the verb that put out or used the
    text speaks; the cue runs from that verb to the act's verb. None where no subject reads."""
    noun = tokens[k]
    if not noun.text.islower():
        return None
    # back over up to three modifiers ("a follow-up", "his 30-minute", "her victory") to the determiner
    d = k - 1
    while d >= 0 and k - d <= 6 and tokens[d].lower not in _ARTICLES and (
            tokens[d].text == "-" or tokens[d].text.isdigit()
            or (tokens[d].text.islower() and tokens[d].is_word and not _any_verb(tokens[d]) and not _is_cue(tokens[d]))):
        d -= 1  # (the tokens of "30-minute")
    if d < 1 or tokens[d].lower not in _ARTICLES:
        return None
    v = d - 1
    if v >= 2 and tokens[v].lower == "of" and tokens[v - 1].lower in ("much", "most", "part"):
        v -= 2  # "spent much of his speech"
    if v >= 1 and tokens[v].lower == "out" and tokens[v - 1].lower in _OUT_VERBS:
        v, kind = v - 1, "issue"
    elif tokens[v].lower in _ISSUE_VERBS:
        kind = "issue"
    elif tokens[v].lower in _USE_VERBS:
        kind = "use"
    else:
        return None
    if not tokens[v].text.islower() or (kind == "issue" and tokens[d].lower == "the"):
        return None  # ("released the statement showing the figures": a known text shown, not put out)
    # forward over a short time or occasion phrase ("on Saturday night", "Tuesday", "after the
    # caucuses") to the act's verb
    a = k + 1
    while a < len(tokens) and a - k <= 6 and tokens[a].is_word and tokens[a].lower not in ("to", "that", "which") \
            and not _is_participle(tokens[a]) and not _any_verb(tokens[a]) and not _is_cue(tokens[a]):
        a += 1
    if a < len(tokens) and tokens[a].text == "," and a + 1 < len(tokens) and _is_participle(tokens[a + 1]):
        a += 1
    if a >= len(tokens) or (a > k + 1 and tokens[k + 1].lower not in _TIME_OR_RELAY_HEADS
                            and tokens[k + 1].lower not in _WEEKDAYS):
        return None
    if kind == "use" and tokens[a].lower == "to":
        a += 1
        while a < len(tokens) and _is_ly_adverb(tokens[a]):
            a += 1  # "to effusively praising"
        if a + 2 < len(tokens) and tokens[a].lower in _ATTEMPT_VERBS and tokens[a + 1].lower == "to":
            a += 2
        if a >= len(tokens) or not tokens[a].text.islower() or not tokens[a].is_word \
                or tokens[a].lower in _NOT_OBJECTS or tokens[a].lower in _PHRASE_DETERMINERS \
                or tokens[a].lower in _ARTICLES or tokens[a].lower in rules.PRONOUNS:
            return None  # ("used the speech to the council to …": a phrase, not the act)
    elif not _is_participle(tokens[a]) or _is_cue(tokens[a]) or tokens[a].lower in _PARTICIPLES:
        return None  # ("issued a statement saying …" is the participle rules')
    act = a
    if kind == "use" and noun.lower == "address" and tokens[d].lower in ("a", "an", "the") \
            and not _speech_verb(tokens[act]):
        return None  # "Police used the address to locate the car": a street address, unless what it was
        # used for is said ("Obama used the address to call for …"); "his address" is a speech
    j = act + 1
    if tokens[act].lower in ("call", "calling") and j < len(tokens) and tokens[j].lower in ("for", "on"):
        j += 1
    if j >= len(tokens) or not tokens[j].is_word or tokens[j].lower in _NOT_OBJECTS - {"about", "with"}:
        return None  # ("apologizing to Sanders for …": whom to, not what)
    e = _object_end(tokens, j)
    if e is None or sum(t.is_word for t in tokens[j:e]) < 2 or (e < len(tokens) and tokens[e].text in ("“", '"')):
        return None  # ("calling on the country “to redouble …”": the quote goes on with the act, the other rules')
    before = _skip_adverbs_back(tokens, v)
    if before > 0 and tokens[before - 1].lower in _BE:
        return None  # "a statement was issued …" names nobody
    if tokens[v].lower.endswith("ing") and before > 0 and tokens[before - 1].text == ",":
        rng = _participle_subject(tokens, v)  # "The campaign backtracked, putting out a statement …"
    else:
        rng = _subject_or_coordinated(tokens, before, far=True)
    speaker = _subject_speaker(text, tokens, rng) if rng is not None else None
    if speaker is None:
        return None
    return Quote("indirect", [(tokens[j].start, tokens[e - 1].end)], (tokens[v].start, tokens[j - 1].end), speaker,
                 find_relay(text, tokens[v].start, tokens[-1].end, tokens[v].text))


#: nouns a demonstrative object of a speech act names ("echoed that promise", "questioned that
#: determination"): what was said, by reference
_SAID_NOUNS = {"promise", "pledge", "claim", "claims", "comment", "comments", "remark", "remarks", "statement",
               "determination", "assertion", "view", "argument", "point", "message", "sentiment", "charge",
               "charges", "accusation", "accusations", "criticism", "warning", "call", "demand", "proposal",
               "idea", "notion", "theme", "line", "conclusion", "assessment", "description", "characterization"}


def _demonstrative_object(tokens: list[Token], j: int) -> bool:
    """ "that"/"this"/"those"/"these" at ``j`` before a noun of what was said ("He echoed that promise
    on Monday"), not a clause ("denied that he …")."""
    return tokens[j].lower in ("that", "this", "those", "these") and j + 1 < len(tokens) \
        and tokens[j + 1].lower in _SAID_NOUNS


def _names_something(tokens: list[Token], j: int) -> bool:
    """After "called" at ``j - 1``: an object and then a second noun phrase naming it ("him a liar",
    "her fallen son her hero", "the mogul turned candidate an obvious phony")?"""
    if j >= len(tokens):
        return False
    if tokens[j].lower in ("him", "her", "them", "it", "me", "us", "himself", "herself", "themselves"):
        return j + 1 < len(tokens) and (tokens[j + 1].lower in _ARTICLES - {"her"} or tokens[j + 1].text.islower()
                                        and tokens[j + 1].is_word and tokens[j + 1].lower not in _NOT_OBJECTS)
    if tokens[j].lower not in _ARTICLES:
        return False  # ("A super PAC called Future 45 ran …": a name given, no naming said)
    for n in range(j + 2, min(len(tokens), j + 8)):
        t = tokens[n]
        if t.lower in ("a", "an") or (t.lower in _ARTICLES and n > j + 1 and tokens[n - 1].lower not in _NOT_OBJECTS):
            return t.lower in ("a", "an") or tokens[n - 1].is_word
        if not t.is_word or t.lower in _NOT_OBJECTS or t.lower in ("for", "on", "out"):
            return False
    return False
#: month names and the AP style's abbreviations (March to July are never cut)
_MONTHS = MONTH_WORDS | {"jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec."}
_OCCASION_NOUNS = {"story", "article", "report", "piece", "appearance", "event", "rally", "conference", "forum",
                   "hearing", "meeting", "town", "debate", "interview", "dinner", "luncheon", "breakfast", "gathering",
                   "speech", "address", "hall", "briefing", "ceremony", "summit", "convention", "stop", "visit"}


def _occasion(tokens: list[Token], e: int) -> bool:
    """Does a time or occasion phrase open at token ``e`` after an object ("… those worries on
    Sunday at a university forum", "… to comment for this story", "… his position at a town hall in
    Laconia", "… his reasoning in an appearance on CBS")? ("in June 2015" is not cut: PolNeAR's
    content holds it as often as not.)"""
    t = tokens[e].lower
    nxt = tokens[e + 1].lower if e + 1 < len(tokens) else ""
    after = tokens[e + 2].lower if e + 2 < len(tokens) else ""
    if t in ("during", "until"):
        return True
    if t == "on" and (nxt in _WEEKDAYS or nxt in _MONTHS):
        return True
    if t in ("at", "in", "with") and nxt in ("a", "an", "his", "her", "their", "its"):
        # "at a town hall", "at a press conference in …", "in an appearance on …", "with a speech
        # that …": an occasion noun within the next three words
        return any(x.lower in _OCCASION_NOUNS for x in tokens[e + 2:e + 5] if x.is_word)
    return t == "for" and nxt in ("this", "the") and after in _OCCASION_NOUNS
#: words after a comma that end an object: the writer's clause ("…, but Democrats …", "…, which …")
_OBJECT_CLAUSES = {"but", "which", "who", "whom", "while", "as", "where", "when", "though", "although", "even",
                   "plans", "and"}


def _any_verb(tok: Token) -> bool:
    """A lower-case past form, a common irregular verb or an auxiliary ("counter-accused", "went", "has")."""
    w = tok.lower
    return tok.text.islower() and ((w.endswith("ed") and len(w) > 4) or w in _IRREGULAR_VERBS
                                   or w in ("has", "had", "would", "will", "did", "could", "should", "is", "was"))


#: participles of speech acts whose passive names the speaker after "by" ("O'Malley's move was first
#: reported by MSNBC", "Her death was confirmed by the Eagle Forum")
_PASSIVE_CUES = {"reported", "claimed", "confirmed", "echoed", "accused", "criticized", "criticised", "described",
                 "denied", "announced", "questioned", "praised", "condemned", "disputed", "rejected", "dismissed",
                 "endorsed", "predicted", "cited", "quoted", "mentioned", "told", "urged", "asked", "called"}


def _passive_at(text: str, tokens: list[Token], k: int) -> Quote | None:
    """"Her death was confirmed by the Eagle Forum": the subject of a passive speech act is what
    was said, the phrase after "by" its speaker."""
    agent = _np_forward(tokens, k + 2)
    if agent is None or tokens[agent[0]].lower in rules.PRONOUNS:
        return None
    found = _passive_subject(tokens, k)
    if found is None:
        return None
    rng = found[1]
    return Quote("indirect", [(tokens[rng[0]].start, tokens[rng[1] - 1].end)],
                 (tokens[k].start, tokens[k + 1].end), _mention(text, tokens, agent))


def _passive_subject(tokens: list[Token], k: int, antecedent: bool = False) -> tuple[int, tuple[int, int], str | None] | None:
    """The subject of a passive participle at token ``k`` ("Her death was first confirmed", "O'Malley's
    move was reported"): (the index of the first auxiliary or adverb before ``k``, the subject's token
    range, and, with ``antecedent``, "restrictive" / "nonrestrictive" where that subject is a relative
    pronoun's antecedent, else None); None where no form of "be" stands before it, no subject reads, or the subject is a
    personal pronoun (the statement is elsewhere: "it was reported by …", "he was accused of …")."""
    j = k
    while j > 0 and tokens[j - 1].text.islower() and (tokens[j - 1].lower in rules.ADVERBS or _is_ly_adverb(tokens[j - 1])
                                                      or tokens[j - 1].lower in ("widely", "first", "hotly")):
        j -= 1
    if not any(t.lower in _BE for t in tokens[j:k]):
        return None
    rng = _subject_before(tokens, j) or _generic_np_backward(tokens, j)
    if rng is None and j >= 3 and tokens[j - 2].text in ("'s", "’s") and tokens[j - 1].text.islower():
        owner = _np_backward(tokens, j - 2)  # "O'Malley's move was first reported by MSNBC"
        rng = (owner[0], j) if owner is not None else None
    if rng is None:
        return None
    if rng[1] - rng[0] == 1 and tokens[rng[0]].lower in rules.PRONOUNS - rules.RELATIVES:
        return None
    if antecedent and tokens[rng[0]].lower in _RELATIVE_SUBJECTS:
        # "The company, which is accused of …": the antecedent is the one it is said of; none
        # reads ("Those who are accused …") and nothing is
        comma = rng[0] >= 2 and tokens[rng[0] - 1].text == ","
        ante = (_determiner_phrase_back(tokens, rng[0] - comma) or _np_backward(tokens, rng[0] - comma)) \
            if rng[0] - comma > 0 else None
        if ante is None or tokens[ante[0]].lower in rules.PRONOUNS or tokens[ante[0]].lower in _NO_ANTECEDENTS \
                or (ante[0] > 0 and tokens[ante[0] - 1].lower in _NOT_OBJECTS):
            return None  # (after a preposition the phrase may be part of a longer one: "the attacks in Paris, which …")
        return j, ante, "nonrestrictive" if comma else "restrictive"
    return j, rng, None


#: relative pronouns that open a passive clause's subject
_RELATIVE_SUBJECTS = {"who", "which", "that"}
#: words that stand for whoever a clause picks out, not for someone said of ("those who are accused …")
_NO_ANTECEDENTS = {"those", "these", "anyone", "anybody", "everyone", "everybody", "all", "people", "someone"}


#: passive acts of accusing and the preposition before what the one named is accused of ("is accused
#: of fraud", "has been criticized for its delays"). ("was charged with" is left out: PolNeAR marks
#: a criminal charge as a statement about as often as not, and with it precision fell on train.)
_CHARGE_CUES = {"accused": ("of",), "criticized": ("for", "as"), "criticised": ("for", "as")}


def _charged_at(text: str, tokens: list[Token], k: int) -> Quote | None:
    """"Three aldermen are accused of taking bribes", "The plan has been criticized for its cost by the
    union": the one accused and what of, in two parts (the statement PolNeAR marks); the phrase after
    a final "by" speaks, else nobody is named. What one is accused of runs to the clause's end, an
    occasion in it included (it is when the accused did it: "criticized for vague answers during an
    interview"). None without a form of "be" before the cue (an active "Critics accused him of …" is
    the object rule's) or with a personal pronoun subject."""
    preps = _CHARGE_CUES.get(tokens[k].lower)
    if preps is None or not tokens[k].text.islower() or k + 2 >= len(tokens) or tokens[k + 1].lower not in preps:
        return None
    found = _passive_subject(tokens, k, antecedent=True)
    if found is None:
        return None
    j, rng, relative = found
    cut = next((n for n in range(rng[1] - 2, rng[0], -1) if tokens[n].lower in _SUBORDINATORS - {"as", "if"}
                and tokens[n].text.islower()), None)
    if cut is not None:
        rng = (cut + 1, rng[1])  # "hours after the staffer was …": the staffer
    o = k + 2
    if not tokens[o].is_word:
        return None
    e = _object_end(tokens, o, restrictive=relative == "restrictive", occasion=False)
    if e is None or e <= o:
        return None
    if relative == "restrictive" and (e >= len(tokens) or not (_any_verb(tokens[e]) or _is_cue(tokens[e]))) \
            and not any(_any_verb(t) or _is_cue(t) for t in tokens[:rng[0]]):
        # a restrictive clause in the subject ends at the main clause's verb; none read, where it ends is
        # unknown ("Those who are accused of crimes deserve …"); in the predicate it runs to the end
        return None
    if relative == "nonrestrictive":
        e = next((n for n in range(o + 1, e) if tokens[n].text == ","), e)  # "…, which is accused of X, denied …"
    # a time clause or ", only to …" after the accusation is the writer's ("… of assault after he
    # pushed a guard")
    e = next((n for n in range(o + 1, e) if tokens[n].lower in _TRAILING_BREAKS and tokens[n].text.islower()
              or (tokens[n].text == "," and n + 1 < e and tokens[n + 1].lower == "only")), e)
    e = _before_main_clause(tokens, rng[0], o, e)  # "Hours after the skipper was accused of …, he resigned"
    speaker = None
    # (not a "by" right after a participle: "a report written by Tom Reed", "delays caused by the storm")
    by = next((n for n in range(o + 1, e) if tokens[n].lower == "by" and tokens[n].text.islower()
               and not _participle_before(tokens[n - 1])), None)
    if by is not None:
        agent = _np_forward(tokens, by + 1)
        # the phrase names the accuser when it ends the statement, a time phrase after it included
        # ("accused of greed by Anna Berg on Monday"); one inside it is part of what was said
        if agent is not None and (agent[1] >= e or _time_phrase_back(tokens, e) == agent[1]) \
                and tokens[agent[0]].lower not in rules.PRONOUNS:
            speaker, e = _mention(text, tokens, agent), by
    return Quote("indirect", [(tokens[rng[0]].start, tokens[rng[1] - 1].end), (tokens[o].start, tokens[e - 1].end)],
                 (tokens[j].start, tokens[k + 1].end), speaker)


def _participle_before(tok: Token) -> bool:
    """A lower-case past participle ("written", "caused", "led") before "by": the agent is that verb's.
    A past form (:func:`~slant.analyze.quotes.speakers.past_form`: not "greed" or "bloodshed"), or
    an "-en" participle ("taken", "driven"; not "often", "women", "children")."""
    w = tok.lower
    return tok.text.islower() and (past_form(w) or (
        w.endswith("en") and len(w) > 4 and w not in ("often", "women", "children")))


#: rules that read a statement at a word that is no cue of its own: a reading there (kept, or blocked
#: by another statement) ends that word's turn
_WORD_RULES = {**dict.fromkeys(_CHANNEL_ACT_NOUNS, _channel_act_at), **dict.fromkeys(_CHARGE_CUES, _charged_at)}


def _subject_speaker(text: str, tokens: list[Token], rng: tuple[int, int]) -> Mention | None:
    """The speaker a cue's subject ``rng`` names. A relative pronoun names the phrase before its
    comma ("NATO, which claims it is …": NATO); None when a relative pronoun has no such phrase."""
    if tokens[rng[0]].lower not in rules.RELATIVES:
        return _mention(text, tokens, rng)
    if rng[0] >= 2 and tokens[rng[0] - 1].text == ",":
        ante = _np_backward(tokens, rng[0] - 1)
        if ante is not None:
            return _mention(text, tokens, ante)
    elif rng[0] >= 1 and tokens[rng[0]].lower == "who":
        # "a star anchor at Fox News who questioned …", "Republicans who have praised …": the
        # person phrase right before "who"
        ante = _np_backward(tokens, rng[0])
        if ante is not None and tokens[ante[0]].lower not in rules.PRONOUNS:
            return _mention(text, tokens, ante)
    if tokens[rng[0]].lower == "who":
        # "one former campaign staffer, who said …", "a former East German spymaster who wrote
        # about …": a determiner phrase of common nouns names the person
        comma = rng[0] >= 1 and tokens[rng[0] - 1].text == ","
        ante = _determiner_phrase_back(tokens, rng[0] - comma)
        if ante is not None and (comma or tokens[ante[0]].lower in ("a", "an", "one", "another")):
            # (not "the person who posted it was widely condemned": a restrictive clause after
            # "the" is more often part of a main clause's subject)
            return _mention(text, tokens, ante)
    return None


#: words opening a noun phrase that names one person or a group ("a former aide", "one staffer")
_PHRASE_DETERMINERS = {"a", "an", "the", "one", "another", "two", "three", "several", "many", "some"}
#: words that never stand inside such a phrase
_NOT_IN_PHRASE = {"that", "which", "who", "whom", "it", "this", "there", "not", "and", "or", "but", "if", "when", "to",
                  "of", "in", "on", "at", "for", "with", "by", "from", "as", "than", "he", "she", "they", "we", "i",
                  "you", "his", "her", "their", "its"}


def _determiner_phrase_back(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """A noun phrase of up to six words ending before token ``end`` and opening with a
    determiner ("one former campaign staffer", "a former East German spymaster"); None when a
    verb, a cue or a clause word comes first."""
    if end <= 0 or not tokens[end - 1].is_word or tokens[end - 1].lower in _NOT_IN_PHRASE \
            or tokens[end - 1].lower in _PHRASE_DETERMINERS:
        return None
    a = end
    while a > 0 and end - a < 7:
        prev = tokens[a - 1]
        if prev.lower in _PHRASE_DETERMINERS and a < end:
            return (a - 1, end)
        if not prev.is_word or prev.lower in _NOT_IN_PHRASE or _is_cue(prev) or _any_verb(prev) \
                or prev.lower in CLAUSE_AUXILIARIES or (prev.text.islower() and prev.lower.endswith("ing")):
            return None
        a -= 1
    return None


def _declined_at(text: str, tokens: list[Token], k: int) -> Quote | None:
    """"A spokesman for the mayor declined to comment.", "Lee declined to say whether …": the
    content runs from "to" to the clause's end; the subject before the verb is the speaker."""
    if k + 2 >= len(tokens) or tokens[k + 1].lower != "to" or tokens[k + 2].lower not in _DECLINE_WHAT:
        return None
    rng = _subject_or_coordinated(tokens, _skip_adverbs_back(tokens, k), far=True)
    if rng is None:
        return None
    speaker = _subject_speaker(text, tokens, rng)
    if speaker is None:
        return None
    j = k + 1
    while j < len(tokens) and tokens[j].text not in (".", ";", ",", "!", "?") and not (j > k + 2 and _occasion(tokens, j)) \
            and not (j > k + 2 and tokens[j].lower in ("and", "but") and _declined_clause_after(tokens, j + 1)):
        j += 1  # ("declined to comment for this story": the story is the writer's)
    return Quote("indirect", [(tokens[k + 1].start, tokens[j - 1].end)], (tokens[k].start, tokens[k].end), speaker)


def _declined_clause_after(tokens: list[Token], j: int) -> bool:
    """Does a clause of its own open at token ``j`` after "declined to comment and" ("… and aides
    later said …", "… but the company said …"): a subject, then a verb within five words?"""
    if j >= len(tokens) or tokens[j].lower in ("to", "that", "would", "did", "has", "had"):
        return False  # ("declined to comment and would not say …": the decliner goes on)
    for n in range(j + 1, min(len(tokens), j + 6)):
        if (_is_cue(tokens[n]) or _any_verb(tokens[n])) and tokens[n].text.islower():
            return True
        if not tokens[n].is_word:
            return False
    return False


#: words that may open a sentence before its participle cue ("While saying …", "Having announced …")
_PARTICIPLE_LEADS = {"while", "after", "before", "when", "having", "by", "in", "also", "even", "but", "and"}


def _opening_participle_at(text: str, tokens: list[Token], k: int, e0: int) -> Quote | None:
    """"Noting that only one senator voted with them, Smith added …", "While saying that he respects
    her, he continued …", "Having announced that …, Judge Berman proceeded …": a participle cue
    opening the sentence reports the clause up to the main clause; the main clause's subject speaks."""
    cue = tokens[k]
    n = 0
    while n < k and tokens[n].lower in _PARTICIPLE_LEADS:
        n += 1
    if n != k or k > 2:
        return None
    participle = cue.lower in _PARTICIPLES or (k >= 1 and tokens[k - 1].lower == "having" and _is_cue(cue))
    if not participle:
        return None
    m = k + 1
    has_that = m < len(tokens) and tokens[m].lower == "that"
    if has_that:
        m += 1
    if m >= len(tokens):
        return None
    tail = tokens[m:]
    # the main clause: after the first comma followed by a subject and its verb
    for i, tok in enumerate(tail):
        if tok.text != "," or i < 2:
            continue
        rng = _np_forward(tail, i + 1)
        if rng is None:
            continue
        v = _skip_adverbs_forward_local(tail, rng[1])
        if v < len(tail) and tail[v].text.islower() and tail[v].is_word and (
                _any_verb(tail[v]) or _is_cue(tail[v]) or tail[v].lower in CLAUSE_AUXILIARIES
                or (tail[v].lower.endswith("s") and len(tail[v].lower) > 3)):
            content = _trim_content(text, tail[0].start, tok.start)
            if sum(t.is_word for t in tokenize(text, *content)) < 3:
                return None
            if not has_that and cue.lower not in _SAY_VERBS and cue.lower not in ("saying", "noting", "arguing",
                                                                                  "insisting", "claiming"):
                return None
            return Quote("indirect", [content], (cue.start, cue.end), _mention(text, tail, rng),
                         find_relay(text, cue.start, tail[0].start, cue.text))
        return None
    return None


def _skip_adverbs_forward_local(tokens: list[Token], i: int) -> int:
    while i < len(tokens) and (tokens[i].lower in rules.ADVERBS or _is_ly_adverb(tokens[i])):
        i += 1
    return i


def _trim_content(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–.!?"):
        e -= 1
    return s, e


#: forms of "add": "adding to her lead" adds to something, it says nothing
_ADD_FORMS = {"add", "adds", "added", "adding"}


def _adds_to(text: str, q: Quote) -> bool:
    """Is ``q`` "add" + "to …" ("Trump won Michigan, adding to his victories in …"): an increase,
    not an addition to what someone said?"""
    if q.cue is None or text[q.cue[0]:q.cue[1]].lower() not in _ADD_FORMS:
        return False
    first = next((t for t in tokenize(text, *q.parts[0]) if t.is_word), None)
    return first is not None and first.lower == "to" and q.parts[0][0] >= q.cue[1]


def _indirect_at(text: str, tokens: list[Token], k: int, s0: int, e0: int, *,
                 lenient: bool = False) -> Quote | None:
    cue = tokens[k]
    cue_lo = k
    opening = _opening_participle_at(text, tokens, k, e0)
    if opening is not None:
        return opening
    if cue.lower in _PARTICIPLES and k >= 1 and tokens[k - 1].text == ",":
        # "Clinton spoke about Tulsa, Oklahoma, arguing that …": the sentence's subject argues,
        # not the "Name, Name," before the comma.
        participle = _participle_at(text, tokens, k, s0, e0)
        if participle is not None:
            return participle
    # "Democrats were more likely to say …", "Trump was not willing to say …": the disposition is
    # part of the cue phrase, the subject before it speaks
    cue_lo = _disposition_back(tokens, k)
    # "have been warning": the progressive auxiliaries belong to the cue phrase's left side.
    subject_end = _skip_adverbs_back(tokens, cue_lo)
    rng = _subject_or_coordinated(tokens, subject_end, far=True)
    if rng is None and not cue.lower.endswith("ing"):
        # "Sean Spicer on Thursday evening said …", "Mr. Obama last week told …": a time phrase
        # between the subject and its (finite) cue
        before_time = _time_phrase_back(tokens, subject_end)
        if before_time is not None:
            rng = _subject_before(tokens, _skip_adverbs_back(tokens, before_time))
    if rng is None and cue.lower in _GAP_CUES and _starts_with_verb(tokens[k + 1:]):
        rng = _gap_subject(tokens, subject_end)
    if rng is None and cue.lower in _PLAIN_SAY and cue.text.islower():
        # "Many in the crowd said …", "Marley Anderson, 21, a junior from Las Vegas, said …"
        rng = _plain_subject(tokens, subject_end)
        if rng is not None and k >= 1 and tokens[k - 1].text == "," and cue.lower in ("said", "says", "say"):
            # "The port lacks support in the council, whom it has annoyed, said Lars Berg, a director.":
            # a speaker phrase after the cue that ends its sentence is the inverted attribution (the
            # words before the fence were read as a subject, the speaker as what was said); after
            # "told" that phrase is the audience ("…, told USA Today.")
            inverted = _inverted_at(text, tokens, k, s0)
            if inverted is not None:
                return inverted
    who, replaced = participle_object_speaker(tokens, k, rng)
    if rng is None and not replaced:
        return _participle_at(text, tokens, k, s0, e0) or _inverted_at(text, tokens, k, s0)
    if replaced:
        # "Moscow sent proposals to NATO leaders seeking assurances …": the clause's subject
        # speaks, or nobody is named (the statement stays, unresolved)
        return _participle_statement(text, tokens, k, e0, who, lenient)
    cut = next((n for n in range(rng[1] - 2, rng[0], -1) if tokens[n].lower in _SUBORDINATORS - {"as", "if"}
                and tokens[n].text.islower() and tokens[n + 1].is_word), None)
    if cut is not None and not any(t.text in (",", "(", "—", "–", "-", "--") for t in tokens[rng[0]:rng[1]]):
        rng = (cut + 1, rng[1])  # "A few weeks after Obama announced …": Obama, after a subordinator
    speaker_tokens = tokens[rng[0]:rng[1]]
    relative = speaker_tokens[0].lower in rules.RELATIVES
    speaker = _subject_speaker(text, tokens, rng)
    if speaker is None:
        return None
    # Sentence-final attribution: "…, Putin said." / "…, he told reporters." (not for the subject
    # of a first verb "and" joins: "When X was asked …, he laughed and said …")
    before_subject = rng[0] - 1 if not relative and rng[1] >= subject_end - 1 else -1
    j = k + 1
    tail = tokens[j:]
    tail_words = [t for t in tail if t.is_word]
    if before_subject >= 1 and tokens[before_subject].text != "," and not relative:
        # "…, election officials said.": a common-noun subject whose modifiers the name reader skips
        generic = _generic_np_backward(tokens, rng[1])
        if generic is not None and generic[0] >= 1 and tokens[generic[0] - 1].text == "," \
                and _is_trailing_clause(_own_tail(tail), cue.lower):
            before_subject = generic[0] - 1
            speaker = _mention(text, tokens, (generic[0], rng[1]))
    inserted_tail = tail
    if cue.lower in _TELL and before_subject >= 1:
        n = _told_object_end(tail)
        if n is not None and n < len(tail) and tail[n].text == ",":
            inserted_tail = tail[n:]  # "The solution, the partner told them, was simple"
    if before_subject >= 1 and tokens[before_subject].text == "," and inserted_tail and inserted_tail[0].text == "," \
            and before_subject > 0 and len(_own_tail(inserted_tail)) > 1:
        # "The latest test, North Korea said, was its biggest yet": the attribution sits inside.
        # What stands before a dash or semicolon, and a leading "and"/"but", is the writer's ("He
        # had a rally that night - and the permit, his campaign said, had been hard to get").
        lead = max((n + 1 for n in range(before_subject) if tokens[n].text in ("—", "–", "-", "--", ";")), default=0)
        while lead < before_subject - 1 and tokens[lead].lower in ("and", "but"):
            lead += 1
        first = _trim_content(text, tokens[lead].start if lead else s0, tokens[before_subject].start)
        second = _trim_content(text, inserted_tail[0].end, e0)
        if len(tokenize(text, *first)) >= 1 and len(tokenize(text, *second)) >= 2:
            return Quote("indirect", [first, second], (cue.start, cue.end), speaker,
                         find_relay(text, cue.start, inserted_tail[0].start, cue.text))
    if before_subject >= 1 and tokens[before_subject].text == "," and _is_trailing_clause(_own_tail(tail), cue.lower):
        content = _trim_content(text, s0, tokens[before_subject].start)
        words = [t for t in tokenize(text, *content) if t.is_word]
        if len(tokenize(text, *content)) >= 3 and not (
                len(words) <= 5 and (words[0].lower in _LEAD_IN_HEADS or words[0].lower in _TIME_OR_RELAY_HEADS)):
            # ("Earlier in the day, Clinton pledged: …": a lead-in, no content)
            relay = find_relay(text, cue.start, e0, cue.text)
            return Quote("indirect", [content], (cue.start, cue.end), speaker, relay)
    # "X said (that) …": skip the audience/relay/time phrase, then the content runs to the end.
    if not tail_words:
        return None
    low = cue.lower
    m = 0
    # "denied this", "said so", "confirmed it"
    if len(tail_words) == 1 and tail_words[0].lower in ("this", "that", "it", "so", "them"):
        t = tail_words[0]
        return Quote("indirect", [(t.start, t.end)], (cue.start, cue.end), speaker,
                     find_relay(text, cue.start, e0, cue.text))
    relay_end = cue.end
    # told reporters / told Reuters / told the BBC
    if low in ("told", "tell", "tells", "telling") and tail and tail[0].is_word:
        obj = _np_forward(tail, 0) or ((0, 1) if tail[0].lower in ("reporters", "journalists", "me", "us") else None)
        if obj is None:
            # "told the audience at his fundraiser for veterans that …": any object up to "that"
            that = next((n for n, t in enumerate(tail[:14]) if t.lower == "that" or not (t.is_word or t.text in ("'s", "’s"))), None)
            if that is None or that == 0 or tail[that].lower != "that" or any(_any_verb(t) or _is_cue(t) for t in tail[:that]):
                return None
            obj = (0, that)
        m = obj[1]
        relay_end = tail[m - 1].end
    # a long run of time/place/channel phrases up to "that" ("said on Sunday during a long interview
    # with the local paper that …", "told supporters after his victory in the South Carolina primary
    # that …"): none of it is content
    if m < len(tail) and (tail[m].lower in _TIME_OR_RELAY_HEADS or tail[m].lower in _WEEKDAYS):
        that = _that_after_phrases(tail, m)
        if that is not None:
            relay_end = tail[that - 1].end
            m = that
    # skip time/relay prepositional phrases ("on Monday", "in an interview with CNN", "for months")
    while m < len(tail) and tail[m].lower in _TIME_OR_RELAY_HEADS:
        n = m + 1
        while n < len(tail) and tail[n].lower not in ("that",) and tail[n].text not in (",",) and n - m < 7 and \
                not (tail[n].lower in _CLAUSE_WORDS and n > m + 1):
            n += 1
        if n < len(tail) and (tail[n].lower == "that" or tail[n].text == ","):
            m = n
            relay_end = tail[n - 1].end
            if tail[m].text == ",":
                m += 1
            break
        if n - m <= 3:
            m = n
            relay_end = tail[n - 1].end
        else:
            break
    if m + 1 < len(tail) and (tail[m].lower in _WEEKDAYS or tail[m].lower in _BARE_TIMES) \
            and tail[m + 1].lower in ("that", ","):
        # "said Friday that …", "told reporters yesterday, …": a bare day, not content
        relay_end = tail[m].end
        m += 1
    has_that = m < len(tail) and tail[m].lower == "that"
    if has_that:
        m += 1
    while m < len(tail) and tail[m].text in (",", ":"):
        m += 1
    if m >= len(tail):
        return None
    end = _content_end(text, tail[m:], e0)
    if relative and rng[0] >= 2 and tokens[rng[0] - 1].text == ",":
        # "Mr. Trump, who said last week that …, issued a statement": the relative clause ends
        # where the main clause's verb follows a comma
        end = min(end, _relative_clause_end(tail[m:], e0))
    if not relative and rng[0] >= 1 and tokens[rng[0] - 1].lower in _GAP_RELATIVES and not has_that \
            and _starts_with_verb(tail[m:]):
        # "Mrs. Clinton's Iraq war vote, which she has repeatedly said was a mistake, was …": what
        # was said is the relative clause's verb phrase, up to where the main clause goes on
        end = min(end, _gap_clause_end(tail[m:], e0))
    if not relative and _opens_with_subordinator(tokens, rng[0]):
        # "While Ramos said that journalists cannot …, he appears uneasy …": the main clause after
        # the subordinate one is the writer's
        end = min(end, _main_clause_start(tail[m:], e0))
    content = _trim_content(text, tail[m].start, end)
    content_tokens = tokenize(text, *content)
    if not has_that and low in _OBJECT_CUES and content_tokens[0].lower in _ARTICLES - {"her"} \
            and not _has_finite_verb(content_tokens):
        # "Trump explained his reasoning in an appearance on …", "denied the accusations through a
        # spokeswoman": a noun phrase is what was said, up to the occasion, channel or next clause
        obj = _object_at(text, tokens, k)
        if obj is not None:
            return obj
    if len(content_tokens) < 3 and not (low in _SAY_VERBS and not lenient and _short_answer(content_tokens, text, e0)):
        return None
    if not has_that and low not in _SAY_VERBS and not lenient:
        # "claimed responsibility for", "warned of" are not reported speech without a clause.
        if not any(t.lower in _CLAUSE_WORDS for t in content_tokens[:6]):
            return None
    if not has_that and low in _SAY_VERBS and not lenient and content_tokens[0].lower in ("to", "of", "about", "by", "with"):
        return None
    if not has_that and low in _SAY_VERBS and not lenient and (
            content_tokens[0].lower in _TIME_OR_RELAY_HEADS or content_tokens[0].lower in _WEEKDAYS) \
            and not _has_finite_verb(content_tokens) and not _clause_after_circumstance(content_tokens):
        # "…,” Clinton said Wednesday on MSNBC’s “Morning Joe.”", "said on stage last month when
        # asked about the race": when and where it was said, no clause of what was said
        return None
    relay = find_relay(text, cue.start, max(relay_end, cue.end), cue.text)
    return Quote("indirect", [content], (cue.start, cue.end), speaker, relay)


#: adjectives of a disposition to say something ("more likely to say", "not willing to say")
#: ("unable", "unwilling" are not: "Police were unable to say how many …" says what was not said, and
#: PolNeAR train has no such statement to support the reading; "was not willing to say who …" stays,
#: PolNeAR train marks it)
_DISPOSITIONS = {"likely", "unlikely", "willing", "eager", "quick", "reluctant", "ready", "careful",
                 "hesitant", "loath", "able"}
#: degree words before them ("slightly more likely", "far less willing")
_DEGREES = {"more", "less", "most", "least", "much", "far", "slightly", "generally", "somewhat", "significantly",
            "considerably", "twice", "as", "so", "too", "very", "not", "also", "still", "even", "no"}
_BE_FORMS = _BE | {"am", "'re", "’re"}


def _disposition_back(tokens: list[Token], k: int) -> int:
    """Where the cue phrase starts when the cue ``tokens[k]`` ("say", "tell") follows a be-form, a
    disposition and "to" ("were slightly more likely to say", "was not willing to say"): the be-form's
    index; else ``k``."""
    if tokens[k].lower not in ("say", "tell") or k < 3 or tokens[k - 1].lower != "to" \
            or tokens[k - 2].lower not in _DISPOSITIONS:
        return k
    j = k - 3
    while j >= 0 and (tokens[j].lower in _DEGREES or _is_ly_adverb(tokens[j])):
        j -= 1
    if j < 1 or tokens[j].lower not in _BE_FORMS or tokens[j - 1].lower in ("it", "this", "that", "there", "which"):
        return k  # ("It is likely to say more about …": a thing, no speaker)
    return j


#: finite cues that may stand before their subject after reported content ("…, said Alan Abramowitz, a demographer")
_INVERTING = {"said", "say", "says", "added", "adds", "wrote", "writes", "explained", "argued", "noted", "warned", "insisted",
              "stated", "claimed", "observed", "recalled", "replied", "responded", "countered", "acknowledged",
              "declared", "predicted", "suggested", "cautioned", "conceded", "complained", "maintained", "contended",
              "confirmed", "told", "continued", "reported", "reports", "concluded", "agreed", "believes", "thinks"}


def _inverted_at(text: str, tokens: list[Token], k: int, s0: int) -> Quote | None:
    """"The promise appeals to …, said Alan Abramowitz, a demographer at Emory University.",
    "…, say some Democrats, who cringe …": the content before the comma, the speaker after the
    cue (a name, a person noun phrase or an inverted pronoun), then the sentence's end, a comma
    or a time/relay phrase."""
    if tokens[k].lower not in _INVERTING or k < 4 or tokens[k - 1].text != "," or not tokens[k].text.islower():
        return None
    rng = _np_forward(tokens, k + 1)
    if rng is None or not _ends_speaker_phrase(tokens, rng[1]):
        rng = _role_phrase_forward(tokens, k + 1) or rng
    if rng is None:
        return None
    if tokens[rng[0]].lower in rules.PRONOUNS and tokens[rng[0]].lower not in ("he", "she", "they", "we", "i"):
        return None
    if rng[1] + 1 < len(tokens) and tokens[rng[1]].text in ("'s", "’s"):
        owned = _np_forward(tokens, rng[1] + 1)  # "said the company's chief executive, John Ferriola"
        if owned is None:
            return None
        rng = (rng[0], owned[1])
    if not _ends_speaker_phrase(tokens, rng[1]):
        return None
    content = _trim_content(text, s0, tokens[k - 1].start)
    if sum(t.is_word for t in tokenize(text, *content)) < 4:
        return None
    return Quote("indirect", [content], (tokens[k].start, tokens[k].end), _mention(text, tokens, rng),
                 find_relay(text, tokens[k].start, tokens[-1].end, tokens[k].text))


def _ends_speaker_phrase(tokens: list[Token], i: int) -> bool:
    """Does an inverted speaker phrase end before token ``i``: the sentence's end, a comma, a
    relative clause about the speaker ("…, said an official who was briefed …"), or a time, place
    or channel phrase?"""
    if i >= len(tokens):
        return True
    after = tokens[i]
    return after.text in (",", ".", "(", "—", "–", ";", "!", "?") or after.lower in _TIME_OR_RELAY_HEADS \
        or after.lower in _WEEKDAYS or after.lower in ("who", "whose")


#: lower-case words of a role before a name or a person noun ("lobbyist and strategist Charlie
#: Black", "political scientist Dana Smith", "a handful of Democrats")
_ROLE_GLUE = {"and", "of", "for", "at", "the", "a", "an", "'s", "’s", "former", "senior", "top", "chief", "deputy"}


def _role_phrase_forward(tokens: list[Token], start: int) -> tuple[int, int] | None:
    """An inverted speaker phrase of up to 10 words after a cue, holding a name or a person or
    organisation noun and no verb ("said lobbyist and strategist Charlie Black", "says political
    scientist Dana Smith in Almaty", "said a handful of Democrats who …")."""
    b = start
    head = False
    while b < len(tokens) and b - start < 10:
        t = tokens[b]
        if not (t.is_word or t.text in ("'s", "’s")) or t.lower in ("who", "whose", "which", "that") \
                or t.lower in _TIME_OR_RELAY_HEADS - {"for", "at"} or t.lower in _WEEKDAYS:
            break
        if _is_cue(t) or _any_verb(t) or t.lower in CLAUSE_AUXILIARIES or t.lower in rules.PRONOUNS:
            return None
        if _is_name_token(t) or t.lower in rules.PERSON_NOUNS or t.lower in rules.ORG_NOUNS:
            head = True
        elif not (t.text.islower() or t.lower in _ROLE_GLUE or t.lower in rules.DETERMINERS):
            return None
        b += 1
    while b > start and tokens[b - 1].lower in _ROLE_GLUE:
        b -= 1
    if not head or b == start or not _ends_speaker_phrase(tokens, b):
        return None
    return (start, b)


#: finite say-verbs whose subject may be any plain noun phrase opening the clause
_PLAIN_SAY = {"said", "says", "say", "told", "tells"}
#: words that open the head of such a subject's clause and are not part of it
_CLAUSE_OPENERS = {"but", "and", "yet", "even", "still", "so", "instead", "meanwhile", "now", "also", "then"}
#: words a plain subject's head never holds (a verb, a clause word or a pronoun of another clause)
_NOT_IN_SUBJECT = {"that", "which", "who", "whom", "whose", "what", "when", "where", "while", "because", "if",
                   "he", "she", "they", "we", "i", "you", "it", "there", "not", "to", "as", "than"}
#: words that make a bare common-noun head a speaker: a group, a part or a count of people
_COUNT_WORDS = {"percent", "many", "some", "most", "several", "few", "others", "half", "majority", "minority",
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
                "hundreds", "thousands", "people", "voters", "residents", "members", "officials", "workers"}
_FENCES = {",": ",", "--": "--", "—": "—", "–": "–", "(": ")"}


def _plain_subject(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """The subject of a plain "X said …" that the name and person-noun readers miss: the noun
    phrase opening the clause (after a lead-in or an opening "But"/"Even"), with any comma-, dash-
    or parenthesis-fenced appositive or relative clause before the cue ("Marley Anderson, 21, a
    junior from Las Vegas, said", "The Supreme Court justice -- who has … -- said", "Many in the
    crowd said", "Some of the women said", "72 percent of Democrats said", "nine in 10 said").
    Returns the head phrase before the fence; None when the words before the cue hold a verb, a
    clause word or more than one fence."""
    if end < 1:
        return None
    start = _lead_in_end(tokens, 0, end)
    if start is None:
        return None
    # a later clause start: "…, while nine in 10 said …", "…; some said …"
    for n in range(end - 1, start - 1, -1):
        t = tokens[n]
        if t.text in (";", ":") or (t.lower in ("while", "whereas") and n > start and tokens[n - 1].text == ",") \
                or (t.lower in ("but", "and") and n > start and any(_is_cue(x) for x in tokens[start:n])):
            start = n + 1
            break
    while start < end and (tokens[start].lower in _CLAUSE_OPENERS or tokens[start].text == ","):
        start += 1
    if start >= end:
        return None
    head_end = end
    for n in range(start, end):
        t = tokens[n]
        if t.text in _FENCES:
            closer = _FENCES[t.text]
            if not (tokens[end - 1].text == closer and end - 1 > n + 1) or end - n > 30:
                return None
            inner = tokens[n + 1:end - 1]
            if any(x.text in (";", ":", "“", '"', ".") for x in inner):
                return None
            head_end = n
            break
        if not (t.is_word or t.text in ("'s", "’s", "%", "-", "&")) or _is_cue(t) \
                or t.lower in _NOT_IN_SUBJECT or t.lower in CLAUSE_AUXILIARIES or t.lower in _COMMON_PAST \
                or (t.lower in _IRREGULAR_VERBS and t.text.islower()):
            return None
        if _any_verb(t) and not (n == start + 1 and n + 1 < end and tokens[n + 1].lower in ("on", "by", "in", "with")):
            return None  # a finite verb ("The council voted …"); not "People briefed on the move"
        if t.lower.endswith(("n't", "n’t")):
            return None  # "Sanders didn’t come out and say …"
    head = tokens[start:head_end]
    if not head or len(head) > 12 or head[-1].lower in ("and", "or", "but", "of", "the", "a", "an") \
            or head[0].lower in _TIME_OR_RELAY_HEADS or head[0].lower in _WEEKDAYS:
        return None  # ("Mrs. Clinton shook her head and said …": a second verb; "Tuesday at …")
    if not any(_is_name_token(t) or t.lower in rules.PERSON_NOUNS or t.lower in rules.ORG_NOUNS
               or t.lower in _COUNT_WORDS or t.text[:1].isdigit() for t in head):
        return None
    return (start, head_end)


#: one- or two-word answers that are a whole statement ("They said no.", "26 percent said the same.")
_ANSWERS = {"yes", "no", "so", "nothing", "otherwise", "the same", "not", "maybe", "perhaps", "probably",
            "absolutely", "never", "sure", "likewise"}


def _short_answer(content_tokens: list[Token], text: str, e0: int) -> bool:
    """A content of one or two words that ends the sentence and answers ("said no", "said the same",
    "said she could")."""
    words = [t for t in content_tokens if t.is_word]
    if not words or text[content_tokens[-1].end:e0].strip(" .!?\"'”’") != "":
        return False
    phrase = " ".join(t.lower for t in words)
    return phrase in _ANSWERS or (len(words) == 2 and words[0].lower in ("he", "she", "they", "we", "i", "it")
                                  and words[1].lower in ("could", "would", "will", "did", "does", "was", "had",
                                                         "can", "should", "might", "must"))


def _participle_at(text: str, tokens: list[Token], k: int, s0: int, e0: int) -> Quote | None:
    """"X rejected the request, saying (that) …": the speaker is the subject of the sentence."""
    cue = tokens[k]
    if cue.lower not in _PARTICIPLES:
        return None
    rng = _attribution_subject(tokens, k) or _participle_subject(tokens, k)
    if rng is None:
        return None
    return _participle_statement(text, tokens, k, e0, rng, True)


def _attribution_subject(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The speaker of a sentence-final attribution that a participle cue at token ``k`` continues:
    "…, Spicer said, adding that …" and "…, said Spicer, adding …" (Spicer, not the sentence's subject)."""
    comma = _participle_comma(tokens, k)
    if comma is None or comma < 3:
        return None
    if _is_cue(tokens[comma - 1]):
        rng = _subject_before(tokens, _skip_adverbs_back(tokens, comma - 1))
        return rng if rng is not None and _after_comma(tokens, rng[0]) else None
    rng = _np_backward(tokens, comma)
    if rng is not None and rng[0] >= 2 and _is_cue(tokens[rng[0] - 1]) and _after_comma(tokens, rng[0] - 1):
        return rng
    return None


#: closing quotation marks
_CLOSING_MARKS = {"”", '"', "’", "'", "''"}


def _after_comma(tokens: list[Token], i: int) -> bool:
    """Does token ``i`` follow a comma, or a quotation closing on a comma, ? or ! ("“…,” he added,
    noting …")?"""
    if i < 1:
        return False
    if tokens[i - 1].text == ",":
        return True
    return i >= 2 and tokens[i - 1].text in _CLOSING_MARKS and tokens[i - 2].text in (",", "?", "!")


def _participle_statement(text: str, tokens: list[Token], k: int, e0: int, rng: tuple[int, int] | None,
                          lenient: bool) -> Quote | None:
    """The statement of a participle cue at token ``k`` ("…, saying (that) …"): its content runs
    to the sentence end or where reported content ends (:func:`_content_end`); ``rng`` is the speaker's token range (None: the speaker is unresolved).
    Unless ``lenient``, a cue that is no say-verb needs "that" or a clause ("warning of" is none)."""
    cue = tokens[k]
    m = k + 1
    if cue.lower == "telling" and m < len(tokens):
        obj = _np_forward(tokens, m)
        m = obj[1] if obj else m + (tokens[m].lower in ("reporters", "journalists", "supporters"))
    has_that = m < len(tokens) and tokens[m].lower == "that"
    if has_that:
        m += 1
    if m >= len(tokens):
        return None
    # the content ends where "X said …" content ends: before a second attribution or a new clause
    # ("…, saying it was legitimate, though Mrs. Fiorina said …")
    content = _trim_content(text, tokens[m].start, _content_end(text, tokens[m:], e0))
    content_tokens = tokenize(text, *content)
    if len(content_tokens) < 3:
        return None
    if not lenient and not has_that and cue.lower not in _SAY_VERBS \
            and not any(t.lower in _CLAUSE_WORDS for t in content_tokens[:6]):
        return None
    q = Quote("indirect", [content], (cue.start, cue.end), _mention(text, tokens, rng) if rng else None,
              find_relay(text, cue.start, tokens[m].start, cue.text))
    if rng is None:
        q.flags.append("speaker_unresolved")
    return q


def _new_clause(tail: list[Token], j: int) -> bool:
    """Does "and"/"but" at ``tail[j]`` (after a comma) open a clause with a subject of its own, a
    pronoun or a name followed by its verb ("…, and he wants his party to …", "…, but Cook did not
    say when")? That clause is the writer's, not more of the reported content."""
    if tail[j].lower not in ("and", "but") or j + 2 >= len(tail):
        return False
    n = tail[j + 1]
    if n.lower in ("he", "she", "they", "we", "i", "it"):
        return tail[j + 2].text.islower() and tail[j + 2].is_word
    if n.text.islower() and n.lower.endswith("s") and len(n.lower) > 3 and not n.lower.endswith("ss") \
            and j + 2 < len(tail) and tail[j + 2].lower in CLAUSE_AUXILIARIES:
        return True  # "…, but importers have pushed for …": a plural subject and its auxiliary
    if not n.is_cap or n.lower in rules.NOT_NAMES:
        return False
    k = j + 1
    while k < len(tail) and k - j < 8 and (tail[k].is_cap or tail[k].lower in rules.NAME_GLUE
                                           or tail[k].lower in rules.DETERMINERS):
        k += 1
    while k < len(tail) and tail[k].lower in rules.ADVERBS and tail[k].lower not in _SECOND_VERB_AUX | {
            "has", "have", "had", "is", "was", "does"}:
        k += 1
    return k < len(tail) and (_any_verb(tail[k]) or _is_cue(tail[k]) or tail[k].lower in CLAUSE_AUXILIARIES
                              or (tail[k].text.islower() and tail[k].lower.endswith("s") and len(tail[k].lower) > 3))


#: plural and indefinite subjects of a second attribution ("… and others have said …")
_GROUP_SUBJECTS = {"others", "many", "some", "most", "both", "critics", "officials", "analysts", "experts", "aides",
                   "advisers", "supporters", "opponents", "democrats", "republicans", "voters", "residents"}


def _second_attribution(tail: list[Token], j: int, comma: bool) -> bool:
    """Does the conjunction at ``tail[j]`` open another attribution, a subject of its own and a cue
    ("…, while nine in 10 said …", "… and others have said …", "… and Trump says …")? Its
    content is that speaker's, not more of the first statement."""
    if tail[j].lower not in (("and", "but", "while", "whereas") if comma else ("and", "but")):
        return False
    k = j + 1
    if k >= len(tail):
        return False
    first = tail[k]
    if not comma and not (first.lower in _SUBJECT_PRONOUNS_ALL or first.lower in _GROUP_SUBJECTS
                          or (first.is_cap and first.lower not in rules.NOT_NAMES)
                          or first.text[:1].isdigit() or first.lower in _NUMBER_WORDS - {"of", "a"}):
        # ("… and one in four said …", "… and 9 percent said …": a count of people)
        return False
    if first.lower in ("that", "if", "whether", "what", "how", "why", "when", "because"):
        return False
    for m in range(k, min(len(tail), k + 7)):
        tok = tail[m]
        if (_is_cue(tok) or (m > k and tok.lower in _SPEECH_ACTS)) and tok.text.islower():
            return m > k or comma  # "…, but added …" is the subject's own next act: a new statement too
        if not tok.is_word or tok.lower in ("that", "who", "which", "whom", "whose"):
            return False
        if not comma and not (tok.is_cap or tok.lower in _SUBJECT_PRONOUNS_ALL or tok.lower in _GROUP_SUBJECTS
                              or tok.lower in CLAUSE_AUXILIARIES or tok.lower in rules.ADVERBS
                              or tok.lower in rules.NAME_GLUE or tok.text[:1].isdigit()
                              or tok.lower in _NUMBER_WORDS or tok.lower in ("percent", "%")
                              or tok.lower in ("in", "of", "the", "a", "not", "also", "still", "repeatedly")):
            return False
    return False


_SUBJECT_PRONOUNS_ALL = {"he", "she", "they", "we", "i", "you"}


def _that_after_phrases(tail: list[Token], m: int) -> int | None:
    """The "that" ending a run of prepositional phrases at ``tail[m]`` (at most 20 tokens, no verb,
    cue or clause word among them), or None."""
    for j in range(m + 1, min(len(tail), m + 21)):
        t = tail[j]
        if t.lower == "that":
            nxt = tail[j + 1] if j + 1 < len(tail) else None
            if nxt is None or j == m + 1 or (nxt.text.islower() and (
                    _any_verb(nxt) or nxt.lower in _CLAUSE_WORDS or _verb_like(nxt.lower))):
                return None  # "… at a center that works with …": a relative clause, not a report
            run = {x.lower for x in tail[m:j]}
            if not run & (_WEEKDAYS | _MONTHS | _TIME_NOUNS | _CHANNEL_NOUNS | _OCCASION_NOUNS
                          | {"debate", "primary", "victory", "night", "paper", "newspaper", "program", "show"}):
                return None  # "said in Iowa the plan that he backed …": no time or occasion, no report
            return j
        if t.text in (";", ":", "“", '"', "”", ".", "?", "!") or _is_cue(t) or (t.text.islower() and (
                t.lower in _CLAUSE_WORDS or _any_verb(t) or t.lower in ("who", "which", "where", "when"))):
            return None
    return None


#: time words standing alone after a cue ("said Friday that …")
_BARE_TIMES = {"today", "tonight", "yesterday", "earlier", "later", "recently", "repeatedly", "privately", "publicly"}
#: words opening a subordinate clause before its subject ("While Ramos said …, he …")
_SUBORDINATORS = {"while", "although", "though", "when", "after", "as", "since", "because", "whereas", "once",
                  "before", "until", "if"}


#: words after "…, he" that are not its verb (the comma opened something else: "…, he and his wife")
_NOT_AFTER_PRONOUN = {"and", "or", "said", "says", "told", "added", "noted", "who", "of", "himself", "herself"}
#: common irregular past forms a main clause may open with ("…, the market fell")
_COMMON_PAST = {"fell", "rose", "grew", "won", "lost", "came", "went", "began", "saw", "got", "made", "took", "gave",
                "left", "kept", "held", "ran", "became", "stood", "sold", "paid", "spent"}
_QUANTIFIERS = {"many", "some", "most", "few", "several", "both", "all", "the", "a", "an", "other", "his", "her",
                "their", "its"}


_TIME_WORDS = {"morning", "afternoon", "evening", "night", "week", "month", "year", "weekend", "last", "this", "late",
               "early", "earlier", "on", "in", "next", "past"}
_TIME_OPENERS = {"on", "last", "this", "earlier", "late", "early", "in"}


def _time_phrase_back(tokens: list[Token], end: int) -> int | None:
    """The start of a time phrase ending at token ``end`` ("on Thursday evening", "last week",
    "earlier this month", "in March"), or None."""
    i = end
    while i > 0 and end - i < 5:
        t = tokens[i - 1]
        low = t.lower
        if low in _TIME_WORDS or low in _WEEKDAYS or low in _MONTHS or (t.text.isdigit() and len(t.text) <= 4):
            i -= 1
        else:
            break
    if i == end or i == 0:
        return None
    first = tokens[i].lower
    words = {t.lower for t in tokens[i:end]}
    if first not in _TIME_OPENERS and first not in _WEEKDAYS:
        return None
    if not (words & (_WEEKDAYS | _MONTHS | {"week", "month", "year", "weekend", "morning", "afternoon", "evening",
                                             "night"})):
        return None  # "in" or "this" alone is no time
    return i


def _opens_with_subordinator(tokens: list[Token], subject_start: int) -> bool:
    """Does a subordinator stand right before the subject, at the sentence start or after a comma
    ("Although many Democrats say …", "…, and when Trump said …")?"""
    j = subject_start - 1
    while j > 0 and j >= subject_start - 3 and tokens[j].lower in _QUANTIFIERS:
        j -= 1
    if j < 0 or tokens[j].lower not in _SUBORDINATORS:
        return False
    if j >= 1 and tokens[j - 1].lower == "even":
        j -= 1
    if j >= 1 and tokens[j].lower in _TIME_SUBORDINATORS and (tokens[j - 1].lower in _TIME_UNITS
                                                               or tokens[j - 1].lower in _TIME_DEGREES):
        # "A few weeks after Obama announced …", "hours after Sanders said …", "shortly before …"
        n = j - 1
        while n > 0 and j - n < 5 and (tokens[n - 1].lower in _TIME_DEGREES or tokens[n - 1].lower in _QUANTIFIERS
                                       or tokens[n - 1].text[:1].isdigit() or tokens[n - 1].lower in _NUMBER_WORDS):
            n -= 1
        j = n
    return j == 0 or (tokens[j - 1].text in (",", ";", "—", "–") or tokens[j - 1].lower in ("and", "but", "so", "yet"))


#: subordinators a measure of time may stand before ("two weeks after", "hours before", "long since")
_TIME_SUBORDINATORS = {"after", "before", "since", "until", "when"}
_TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "moments", "minute",
               "hour", "day", "week", "month", "year", "decade", "moment"}
_TIME_DEGREES = {"shortly", "soon", "just", "only", "long", "right", "even", "not", "immediately", "few", "a"}
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "a", "few",
                 "one", "couple", "of"}


_PARTICIPLE_PREPOSITIONS = {"by", "in", "with", "to", "from", "on", "at", "for"}


def _has_finite_verb(toks: list[Token]) -> bool:
    """Do the tokens hold a finite verb ("the plan was dead"), not only a noun phrase with an
    inserted phrase ("Mr. Jäger, under fire for …", "the plan, backed by the mayor")?"""
    for n, t in enumerate(toks):
        nxt = toks[n + 1].lower if n + 1 < len(toks) else ""
        if t.text.islower() and (t.lower in CLAUSE_AUXILIARIES
                                 or (_any_verb(t) and not (t.lower.endswith("ed") and nxt in _PARTICIPLE_PREPOSITIONS))
                                 or (_is_cue(t) and not t.lower.endswith("ing"))
                                 or (t.lower.endswith("s") and n > 0 and (toks[n - 1].lower in ("he", "she", "it")
                                                                          or _is_ly_adverb(toks[n - 1])))):
            return True
    return False


#: past (and plural present) forms the same as the base form, which neither end in -ed nor stand in
#: :data:`_IRREGULAR_VERBS` ("last night the fire spread …", "yesterday the storm cut power …")
_BASE_FORM_PASTS = {"spread", "cut", "put", "set", "hit", "hurt", "cost", "let", "quit", "shut", "split", "bet",
                    "burst", "cast", "fit", "shed", "thrust", "upset", "broadcast", "forecast", "bid", "rid", "read"}
#: words that open a subject noun phrase ("the fire", "his plan")
_SUBJECT_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
                        "those", "some", "many", "most", "several", "no", "all"}
_SUBJECT_PRONOUN_WORDS = _SUBJECT_PRONOUNS | {"it"}


def _clause_after_circumstance(toks: list[Token]) -> bool:
    """After a time or place phrase, does a clause follow whose verb :func:`_has_finite_verb`
    cannot see, a past the same as its base form after a subject ("last night the fire spread
    quickly …", "yesterday the storm cut power …", "on Monday Congress cut the budget")? A
    subject is a pronoun, a capitalised name (not a weekday or month) or a noun at most two words
    after a determiner, with no preposition between."""
    for n in range(1, len(toks)):
        t = toks[n]
        if not (t.text.islower() and (t.lower in _BASE_FORM_PASTS or t.lower in _IRREGULAR_VERBS)):
            continue
        prev = toks[n - 1]
        if not prev.is_word or not prev.text[:1].isalpha():
            continue
        if prev.lower in _SUBJECT_PRONOUN_WORDS:
            return True
        if prev.text[:1].isupper() and n - 1 > 0 and prev.lower not in _WEEKDAYS and prev.lower not in _MONTHS:
            return True
        if prev.text.islower() and prev.lower not in _TIME_OR_RELAY_HEADS and prev.lower not in _SUBJECT_DETERMINERS:
            for j in (n - 2, n - 3):
                if j < 0 or not toks[j].is_word or toks[j].lower in _TIME_OR_RELAY_HEADS or toks[j].lower == "of":
                    break
                if toks[j].lower in _SUBJECT_DETERMINERS:
                    return True
    return False


#: relative words whose clause may hold an attribution with a gap ("which she said was a mistake",
#: "a strike that executives said could affect earnings", "what analysts said was a sign of …")
_GAP_RELATIVES = {"which", "that", "what", "who", "whom"}


def _starts_with_verb(tail: list[Token]) -> bool:
    """Do the tokens open with a finite verb or an auxiliary, no subject of their own ("was a
    mistake", "could ultimately affect …", "is tied to …", "defied expectations")?"""
    if not tail or not tail[0].text.islower():
        return False
    w = tail[0]
    return w.lower in CLAUSE_AUXILIARIES or _any_verb(w) or (
        w.lower.endswith("s") and not w.lower.endswith("ss") and len(w.lower) > 3 and len(tail) > 1
        and tail[1].lower in ("a", "an", "the", "to", "that", "not"))


#: cues of an attribution inside a relative clause whose subject is a plain noun ("that executives said")
_GAP_CUES = {"said", "say", "believe", "believed", "think", "thought", "argued", "argue", "claimed", "claim",
             "predicted", "predict", "expect", "expected", "estimated", "estimate", "warned", "warn", "insisted",
             "insist", "suspected", "suspect", "allege", "alleged", "contend", "contended"}


def _gap_subject(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """A common-noun subject of one to three words right after a relative word ("a strike that
    company executives said could affect …", "what many analysts said was …")."""
    a = end
    while a > 0 and end - a < 3 and tokens[a - 1].is_word and tokens[a - 1].text.islower() \
            and tokens[a - 1].lower not in _GAP_RELATIVES and not _any_verb(tokens[a - 1]) \
            and tokens[a - 1].lower not in CLAUSE_AUXILIARIES and tokens[a - 1].lower not in rules.PRONOUNS \
            and tokens[a - 1].lower not in rules.ADVERBS and tokens[a - 1].lower not in ("no", "not"):
        a -= 1
    if a == end or a == 0 or tokens[a - 1].lower not in _GAP_RELATIVES:
        return None
    return (a, end)


def _gap_clause_end(tail: list[Token], e0: int) -> int:
    """Where a relative clause with an attribution inside ends: before a comma and the main
    clause's verb (", was a major factor"), ", but"/", and" with a new clause, or "and who/which"."""
    for i, tok in enumerate(tail):
        if i == 0:
            continue
        nxt = tail[i + 1] if i + 1 < len(tail) else None
        if tok.text in (";", ":", "—", "–", "("):
            return tok.start
        if nxt is None:
            # the sentence's last token: its full stop or its last word (a sentence without an end
            # mark: "… which she said was a big mistake" closing a paragraph) ends the clause with it
            return e0 if tok.text == "." or tok.text[-1].isalnum() else tok.start
        if tok.text == "," and (nxt.lower in CLAUSE_AUXILIARIES or (_any_verb(nxt) and nxt.text.islower())
                                or nxt.lower in ("but", "and", "while", "whereas", "which", "who")):
            return tok.start
        if tok.lower in ("and", "but") and nxt.lower in _GAP_RELATIVES:
            return tok.start
    return e0


def _relative_clause_end(tail: list[Token], e0: int) -> int:
    """The comma closing a non-restrictive relative clause: the next comma followed by a finite
    verb ("…, issued a statement", "…, is not in the camp"), not a participle phrase ("…, backed by
    the mayor, …")."""
    for i, tok in enumerate(tail):
        if i < 2 or tok.text != "," or i + 1 >= len(tail):
            continue
        k = i + 1
        while k < len(tail) and (tail[k].lower in rules.ADVERBS or _is_ly_adverb(tail[k])) and tail[k].text.islower() \
                and tail[k].lower not in CLAUSE_AUXILIARIES:
            k += 1
        if k >= len(tail) or not tail[k].text.islower():
            continue
        v = tail[k]
        nxt = tail[k + 1].lower if k + 1 < len(tail) else ""
        if (v.lower in CLAUSE_AUXILIARIES or (_is_cue(v) and not v.lower.endswith("ing"))
                or (_any_verb(v) and not (v.lower.endswith("ed") and nxt in _PARTICIPLE_PREPOSITIONS))) \
                and _has_finite_verb(tail[:i]):
            return tok.start
    return e0


#: contracted verbs after a pronoun ("it’s", "they’re", "he’d", "we’ll")
_CONTRACTED_VERBS = {"'s", "’s", "'re", "’re", "'d", "’d", "'ll", "’ll", "'ve", "’ve", "'m", "’m"}


def _main_clause_start(tail: list[Token], e0: int) -> int:
    """Where the main clause after a subordinate one starts: the first comma followed by a
    subject of its own (a pronoun or a name) and its verb ("…, he appears …", "…, Rubio fired
    back …"); ``e0`` when there is none."""
    for i, tok in enumerate(tail):
        if i < 2 or tok.text not in (",", "-", "—", "–") or i + 2 >= len(tail):
            continue
        n = tail[i + 1]
        k = i + 1
        while k < len(tail) and k - i <= 5 and tail[k].is_word and not _is_cue(tail[k]) and not _any_verb(tail[k]) \
                and tail[k].lower not in CLAUSE_AUXILIARIES and tail[k].lower not in _GAP_RELATIVES:
            k += 1
        if k > i + 1 and k < len(tail) and _is_cue(tail[k]) and tail[k].text.islower() \
                and not tail[k].lower.endswith("ing"):
            return tok.start  # "While some friends say …, others say …": another subject and its cue
        if tok.text != ",":
            continue
        if n.lower in _SUBJECT_PRONOUNS_ALL or n.lower == "it":
            k = i + 2
            while k < len(tail) and (tail[k].lower in rules.ADVERBS or _is_ly_adverb(tail[k])):
                k += 1
            if k < len(tail) and ((tail[k].text.islower() and tail[k].is_word and tail[k].lower not in _NOT_AFTER_PRONOUN)
                                  or tail[k].lower in _CONTRACTED_VERBS):
                return tok.start  # "…, they differ by degree …", "…, it’s unlikely …": a pronoun and any verb
            continue
        elif n.is_cap and n.lower not in rules.NOT_NAMES and n.lower not in _LEAD_IN_HEADS:
            k = i + 2
            while k < len(tail) and k - i < 6 and (tail[k].is_cap or tail[k].lower in rules.NAME_GLUE):
                k += 1
        elif n.lower in ("the", "his", "her", "their", "its"):
            # "…, the market fell …": a determiner, up to three nouns, then a past form or an auxiliary
            k = i + 2
            def finite(t: Token) -> bool:
                return _any_verb(t) or t.lower in CLAUSE_AUXILIARIES or t.lower in _COMMON_PAST
            while k < len(tail) and k - i < 6 and tail[k].is_word and not finite(tail[k]):
                k += 1
            if k < len(tail) and finite(tail[k]):
                return tok.start
            continue
        else:
            continue
        while k < len(tail) and (tail[k].lower in rules.ADVERBS or _is_ly_adverb(tail[k])) \
                and tail[k].lower not in CLAUSE_AUXILIARIES:
            k += 1
        if k < len(tail) and tail[k].text.islower() and tail[k].is_word and (
                _any_verb(tail[k]) or _is_cue(tail[k]) or tail[k].lower in CLAUSE_AUXILIARIES
                or (tail[k].lower.endswith("s") and len(tail[k].lower) > 3 and not tail[k].lower.endswith("ss"))):
            return tok.start
    return e0


#: finite reporting verbs that open another speaker's statement inside a sentence ("…, they say …")
_REPORTING = _INVERTING | {"tell", "tells", "argue", "argues", "claim", "claims", "believe", "think", "admitted",
                           "announced", "stressed"}
#: what goes on after a relative clause set off by commas inside the content ("the special entities,
#: which include …, are still …", "a separate program, which has been blocked, to spare …")
_GOES_ON = {"to", "because", "since", "so", "if", "when", "as", "after", "before", "and", "or", "but", "than"}


def _relative_inside(tail: list[Token], i: int) -> bool:
    """Is the relative clause after the comma ``tail[i]`` closed by a comma or dash that the
    sentence goes on after with a verb or a connective (the clause sits inside the content)?"""
    for j in range(i + 2, len(tail) - 1):
        t = tail[j]
        if t.text in (".", "!", "?", ";", ":"):
            return False
        if t.text in (",", "—", "–", "--", ")"):
            n = tail[j + 1]
            return n.text.islower() and (n.lower in _GOES_ON or n.lower in CLAUSE_AUXILIARIES or _any_verb(n)
                                         or _is_cue(n))
    return False


#: words early in a relative clause that carry the speaker's account on to its next step ("…, who then
#: set fire to …"). Not a modal: on PolNeAR train most "…, which will/would/can …" after reported content
#: were the writer's ("…, which can be spread through mosquitoes", "…, which will be wrapped in a
#: security perimeter"); a sentence a speaker opens stays the speaker's claim anyway (claims._opens)
_RELATIVE_GOES_ON = {"then"}


def _writers_relative(tail: list[Token], i: int) -> bool:
    """Does the comma ``tail[i]`` open the writer's relative clause at the end of reported content
    ("… said he supports the final bill, which includes accountability provisions …", "… the cooperation
    of Bryan Pagliano, who worked on …")? Not one inside the content ("the entities, which include
    X, are still …"), one about an example ("such as X, who pleaded guilty …") nor one that reports
    what someone said ("…, which French officials have said was …")."""
    if i < 3 or tail[i + 1].lower not in ("which", "who", "whom", "where") or not _has_finite_verb(tail[:i]):
        return False
    if any(t.lower in ("such", "including", ":") for t in tail[max(0, i - 8):i]):
        return False
    if any(t.lower in _RELATIVE_GOES_ON for t in tail[i + 2:i + 4]):
        return False  # "…, who then set fire to the warehouse": what the speaker says goes on
    return not _relative_inside(tail, i) and not any(t.lower in _REPORTING for t in tail[i + 2:i + 8])


#: words after "as" that make it a clause of the writer's comparing or citing ("…, as has Carlos
#: Gimenez", "…, as was the case with …", "…, as mentioned above")
_AS_AUXILIARIES = {"has", "have", "had", "did", "does", "do", "was", "were", "is", "are"}
_AS_WRITER = _AS_AUXILIARIES | {"mentioned", "noted", "reported", "expected", "first", "previously", "earlier"}


def _writers_as(tail: list[Token], i: int) -> bool:
    """Does the comma ``tail[i]`` open the writer's "as" clause after the content ("…, as have her
    Democratic rivals", "…, as The New York Times reported on Tuesday")?"""
    if i < 3 or tail[i + 1].lower != "as" or i + 2 >= len(tail) or not _has_finite_verb(tail[:i]):
        return False
    if any(t.lower in _REPORTING for t in tail[i + 2:i + 8]):
        return True  # "…, as The New York Times reported"
    if tail[i + 2].lower not in _AS_WRITER:
        return False
    if tail[i + 2].lower not in _AS_AUXILIARIES:
        return True  # "…, as mentioned above", "…, as expected"
    # "…, as have her Democratic rivals", "…, as has Carlos Gimenez", "…, as was the case with …": who
    # else did so, or the writer's comparison; not "…, as is the seizure of Russian assets", "…, as had
    # imports from China": more of what the speaker says
    return i + 3 < len(tail) and _as_person(tail, i + 3)


#: possessives and quantifiers before people after "as have …" ("her rivals", "many others")
_AS_PEOPLE_LEADS = {"her", "his", "their", "our", "my", "many", "most", "several", "other", "others", "some", "both",
                    "all"}


def _as_person(tail: list[Token], k: int) -> bool:
    """Does a person or group (or "the case") start at ``tail[k]`` after "as" and an auxiliary?"""
    head = tail[k]
    if head.lower in _AS_PEOPLE_LEADS or head.lower in _GROUP_SUBJECTS or head.lower in _SUBJECT_PRONOUNS_ALL \
            or (head.lower in _NUMBER_WORDS and head.lower != "a") or head.text[:1].isdigit():
        return True  # ("…, as have two of her closest colleagues")
    if head.is_cap and head.lower not in rules.NOT_NAMES:
        return True
    if head.lower in _AS_USAGE:
        return True  # "…, as is tradition for those seeking the presidency": the writer's comparison
    if head.lower == "the" and k + 1 < len(tail):
        nxt = tail[k + 1]
        return nxt.lower in _AS_USAGE or nxt.lower in _GROUP_SUBJECTS \
            or (nxt.is_cap and nxt.lower not in rules.NOT_NAMES)
    return False


#: what "as is …" compares with when it is the writer's ("as is tradition", "as is the custom", "as was
#: the case", "as is usual")
_AS_USAGE = {"case", "tradition", "traditional", "custom", "customary", "usual", "typical", "common", "standard",
             "norm", "normal", "routine", "often", "always", "practice", "required", "law"}


#: words before a count of people ("about the same number who said …", "another 12 percent who say …")
_COUNT_LEADS = {"about", "double", "twice", "another", "nearly", "almost", "only", "just", "roughly", "half"}


def _another_speaker(tail: list[Token], i: int) -> bool:
    """Does a subject of its own and its finite reporting verb follow the comma or dash ``tail[i]``
    ("…, 27 percent of the others said they could …", "… — they say it would …", "…, Clinton's campaign
    contended that …", a count of people and "who": "…, about the same number who said …"),
    with content after it? That is another statement, not more of this one."""
    if i < 3 or not _has_finite_verb(tail[:i]):
        return False
    k = i + 1
    if tail[k].lower in ("and", "but", "while", "whereas", "yet"):
        k += 1
    first = k
    while k < len(tail) and k - first < 9 and (tail[k].is_word or tail[k].text in ("'s", "’s")) and not _is_cue(tail[k]) \
            and not (tail[k].text.islower() and _any_verb(tail[k]) and tail[k].lower not in ("has", "have", "had")) \
            and tail[k].lower not in ("that", "which", "who", "if", "whether", "when", "because"):
        k += 1
    who = k < len(tail) - 1 and tail[k].lower == "who" and k > first
    if who:
        k += 1  # "…, about the same number who said …": a count of people and their cue
    while k < len(tail) and tail[k].lower in ("has", "have", "had", "also", "repeatedly", "now", "later", "then"):
        k += 1
    if k == first or k + 1 >= len(tail) or tail[k].lower not in _REPORTING \
            or tail[k + 1].text in (",", ".", "!", "?", ";", ")"):
        return False
    head = tail[first]
    if head.lower in _SUBJECT_PRONOUNS_ALL:
        return True
    opens = (head.is_cap and head.lower not in rules.NOT_NAMES) or head.text[:1].isdigit() \
        or head.lower in _SUBJECT_DETERMINERS or head.lower in _GROUP_SUBJECTS or head.lower in _NUMBER_WORDS
    if who:
        return (opens or head.lower in _COUNT_LEADS) and any(
            t.lower in _COUNT_WORDS or t.lower in ("number", "percent", "%") or t.text[:1].isdigit() for t in tail[first:k - 1])
    return opens and _subject_before(tail, k) is not None


def _content_end(text: str, tail: list[Token], e0: int) -> int:
    """Where reported content ends: the sentence end, or before a second attribution of the same
    subject ("… and said she would …", "…, arguing that …") or another subject's ("…, they say …"), a
    semicolon, or the writer's relative or "as" clause at its end ("…, which is spread by
    mosquitoes", "…, as have her rivals")."""
    for i, tok in enumerate(tail):
        if i == 0:
            continue
        if tok.text == ";":
            return tok.start
        if tok.text in (",", "—", "–", "--") and i + 1 < len(tail) and _another_speaker(tail, i):
            return tok.start  # "…, 27 percent of the others said …": that speaker's own statement
        if tok.text == "," and i + 1 < len(tail) and (_writers_relative(tail, i) or _writers_as(tail, i)):
            return tok.start
        if tok.lower in ("and", "but") and i + 1 < len(tail) and _is_cue(tail[i + 1]) and tail[i + 1].text.islower() \
                and not _infinitive_pair(tail, i):
            return tok.start
        if tok.lower in ("and", "but") and _second_verb(tail, i + 1):
            # "… said he makes $41,000 a year and questioned how …": the subject's next act
            return tail[i - 1].start if tail[i - 1].text == "," else tok.start
        if tok.text == "," and i + 1 < len(tail) and tail[i + 1].lower in _PARTICIPLES:
            return tok.start
        if tok.text == "," and i + 1 < len(tail) and _new_clause(tail, i + 1):
            return tok.start
        if tok.text == "," and i + 1 < len(tail) and tail[i + 1].lower in ("though", "although", "whereas") \
                and any(_is_cue(t) for t in tail[i + 2:i + 10]):
            return tok.start  # "…, though he did not say who …": the concession is a statement of its own
        if i >= 4 and tok.text == "," and i + 2 < len(tail) and tail[i + 1].lower in ("a", "an") \
                and tail[i + 2].text.islower() and tail[i + 2].is_word and tail[i + 2].lower not in ("few", "lot", "bit") \
                and not any(t.text in (",", ";", "—", "–", "“", "”", '"') for t in tail[i + 1:]):
            return tok.start  # "… would slash 30,000 jobs, a mass layoff rivaling …": the writer's summing-up
        if tok.text == "," and i + 2 < len(tail) and tail[i + 1].lower == "compared" and tail[i + 2].lower in ("with", "to"):
            return tok.start  # "… say they have not been paying attention, compared with 11 percent of …": the writer's
        if i >= 3 and tok.text == "," and i + 1 < len(tail) and _second_attribution(tail, i + 1, True):
            return tok.start  # "…, while nine in 10 said …": a second statement of its own
        if i >= 3 and tok.lower in ("and", "but") and _second_attribution(tail, i, False):
            return tok.start  # "… and others have said …"
        if tok.text == "," and i + 2 < len(tail) and tail[i + 1].lower in ("and", "but", "while") \
                and tail[i + 2].lower != "that":
            # "…, and Stoltenberg told reporters …": a second statement by another subject ("…, and
            # that the mayor told her so" goes on with what the first speaker said).
            later = tail[i + 2:i + 12]
            if any(_is_cue(t) for t in later) and _subject_before(
                    tail, next(i + 2 + j for j, t in enumerate(later) if _is_cue(t))) is not None:
                return tok.start
    return e0


def _infinitive_pair(tail: list[Token], i: int) -> bool:
    """Does "and" at ``tail[i]`` join a bare verb to an infinitive of the content ("… has time to
    step up and show that he is worthy")? Then the verb after it is no second attribution."""
    nxt = tail[i + 1].lower
    if nxt.endswith("s") or nxt.endswith("ed") or nxt in _IRREGULAR_VERBS or nxt.endswith("ing"):
        return False
    return any(t.lower == "to" for t in tail[max(0, i - 6):i]) and not any(
        t.text in (",", ";", ":") for t in tail[max(0, i - 6):i])


#: adverbs between "and"/"but" and a second verb of the same subject ("and then pointed out")
_SECOND_VERB_ADVERBS = {"also", "then", "later", "again", "still", "even", "only", "instead", "quickly", "finally"}
#: past forms of speech acts outside the cue lists: after "and"/"but" they are the subject's next
#: act, not more of what it reported ("… said he makes $41,000 a year and questioned how …")
_SPEECH_ACTS = {"questioned", "criticized", "criticised", "praised", "declined", "refused", "called", "lamented",
                "rejected", "dismissed", "blamed", "accused", "pointed", "took", "reminded", "mocked", "slammed",
                "attacked", "defended", "touted", "cited", "urged", "asked", "repeated", "echoed", "described",
                "mentioned", "thanked", "apologized", "apologised", "joked", "vowed", "promised", "pledged",
                "offered", "challenged", "demanded", "chided", "scolded", "lashed", "hit", "blasted", "ripped",
                "implied", "highlighted", "expressed", "reiterated", "swore", "recited", "stressed", "emphasized",
                "emphasised", "conceded", "acknowledged", "insisted", "countered", "lamented", "welcomed",
                "swears", "recites", "criticizes", "criticises", "praises", "questions", "urges", "calls", "vows"}
#: "and would not identify", "but did not say": a refusal to say is the subject's next act too
_SECOND_VERB_AUX = {"would", "will", "did", "could"}


def _second_verb(tail: list[Token], j: int) -> bool:
    """Does a speech act of the cue's subject open at ``tail[j]`` (after "and"/"but", with no
    subject of its own): "and questioned", "but took issue", "and would not identify"?"""
    while j < len(tail) and tail[j].lower in _SECOND_VERB_ADVERBS:
        j += 1
    if j >= len(tail) or not tail[j].text.islower():
        return False
    w = tail[j].lower
    if w in _SECOND_VERB_AUX:
        n = j + 1 + (j + 1 < len(tail) and tail[j + 1].lower in ("not", "never"))
        return n > j + 1 and n < len(tail) and tail[n].lower in _DECLINE_WHAT | {"identify", "say", "comment"}
    return w in _SPEECH_ACTS or (w in ("has", "had") and j + 1 < len(tail) and tail[j + 1].lower in _SPEECH_ACTS)


#: words opening the writer's clause after a sentence-final attribution ("…, Obama told his advisers
#: as he labored over …")
_TRAILING_BREAKS = {"as", "while", "when", "after", "before", "because", "though", "although", "since", "until"}


def _own_tail(tail: list[Token]) -> list[Token]:
    """The part of the tokens after a cue that belongs to its attribution: up to a semicolon, a
    colon, a dash, a clause of the writer ("as he labored …") or a participle cue after a comma
    ("…, Spicer said, adding, “…”": the participle is a statement of its own)."""
    for i, tok in enumerate(tail):
        if tok.text in (";", ":", "—", "–", "“", '"'):
            return tail[:i]
        if tok.text == "," and i + 1 < len(tail) and (tail[i + 1].lower in _PARTICIPLES
                                                      or tail[i + 1].text in ("“", '"')):
            return tail[:i]
        if tok.text == "," and i + 1 < len(tail) and ((
                _is_participle(tail[i + 1]) and tail[i + 1].lower not in _PREPOSITION_PARTICIPLES
                and not _has_finite_verb(_up_to_punctuation(tail[i + 2:]))) or (
                tail[i + 1].lower == "on" and i + 2 < len(tail) and tail[i + 2].lower == "condition")):
            # "…, he said, wiping sweat off his face", "…, he said, on condition of anonymity" (not a
            # gerund subject: "…, he said, replacing Clinton would be harder")
            return tail[:i]
    return tail


#: "-ing" words that work as prepositions ("…, experts say, including a provision they …")
_PREPOSITION_PARTICIPLES = {"including", "according", "regarding", "concerning", "following", "excluding",
                            "considering", "involving", "during", "notwithstanding", "barring", "pending"}


def _up_to_punctuation(tokens: list[Token]) -> list[Token]:
    """The tokens before the first comma, semicolon, colon, dash or sentence end."""
    for n, t in enumerate(tokens):
        if t.text in (",", ";", ":", "—", "–", ".", "!", "?"):
            return tokens[:n]
    return tokens


#: nouns of time after "this" ("said this week"): a time phrase, not a clause
_TIME_NOUNS = {"week", "month", "year", "morning", "afternoon", "evening", "weekend", "spring", "summer", "fall",
               "autumn", "winter", "time", "season", "term", "cycle", "past"}


def _is_trailing_clause(tail: list[Token], cue_low: str = "") -> bool:
    """Tokens after a cue that close a sentence-final attribution (relay, audience, time)."""
    words = [t for t in tail if t.is_word]
    if not words:
        return True
    if len(words) > 10 or any((t.lower in _CLAUSE_WORDS or t.lower == "that")
                              and not (t.lower == "this" and n + 1 < len(words) and words[n + 1].lower in _TIME_NOUNS)
                              for n, t in enumerate(words)):
        return False
    first = tail[0]
    if first.text == "," or first.lower in _TIME_OR_RELAY_HEADS or first.lower in _WEEKDAYS:
        return True
    if cue_low in _TELL and (first.lower in ("reporters", "journalists", "me", "us") or first.is_cap
                             or (first.lower == "the" and len(tail) > 1 and tail[1].is_cap)):
        return True
    if cue_low in _TELL and _told_object_end(tail) is not None:
        return True  # "…, he told the council in his letter." (PolNeAR train out of fold: +3 speech)
    return first.is_cap and len(words) <= 3


#: what is told rather than whom ("told a joke", "told the story")
_TOLD_THINGS = {"joke", "jokes", "story", "stories", "lie", "lies", "tale", "tales", "truth", "anecdote", "anecdotes",
                "secret", "secrets", "version", "parable", "news"}
_OBJECT_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "some", "several"}


def _told_object_end(tail: list[Token]) -> int | None:
    """Where the audience of a sentence-final or inserted "told" ends ("…, he told the council in a
    letter.", "The plan, the partner told them, was simple"): a pronoun, or a determiner and up to
    three lower-case words, or one lower-case plural noun ("friends", "supporters"), followed by
    nothing, a comma or a time/channel phrase (not "told them to leave": a request)."""
    if not tail or not tail[0].is_word:
        return None
    first = tail[0]
    if first.lower in _OBJECT_PRONOUNS:
        n = 1
    elif first.lower in _OBJECT_DETERMINERS:
        n = 1
        while n < len(tail) and n <= 3 and tail[n].is_word and tail[n].text.islower() \
                and tail[n].lower not in _TIME_OR_RELAY_HEADS and tail[n].lower not in _CLAUSE_WORDS:
            n += 1
        if n == 1 or tail[n - 1].lower in _TOLD_THINGS:
            return None  # "Johnson told a joke": what was told, not to whom
    elif first.text.islower() and first.lower.endswith("s") and first.lower not in _CLAUSE_WORDS \
            and first.lower not in _TIME_OR_RELAY_HEADS and first.lower not in _TOLD_THINGS:  # "she told lies"
        n = 1
    else:
        return None
    if n == len(tail) or tail[n].text in (",", ".", "!", "?", ";", ")") or (tail[n].lower in _TIME_OR_RELAY_HEADS and tail[n].lower != "to") \
            or tail[n].lower in _WEEKDAYS:
        return n
    return None
