"""Stage 2: direct quotes and their attribution.

The attribution comes from the clause after the closing mark ("…,” Putin said"), before the
opening mark (Putin said: “…”) or around it; a quote interrupted by its attribution (“…,” he said,
“…”) is one quote in two parts. A quote with no attribution of its own continues the speaker of
the quote just before it (:func:`_continuations`).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import Token, tokenize
from slant.analyze.quotes.marks import (DOUBLE_ANY, DOUBLE_CLOSE, SINGLE_CLOSE, SINGLE_OPEN, _DOUBLE_MARK, _Marked,
                                        _british_single_quotes, _content_start_after, _ends_sentence,
                                        _paragraph_lookup, _sentence_end_after, _trim, pair_quote_marks)
from slant.analyze.quotes.model import Mention, Quote
from slant.analyze.quotes.relays import find_relay
from slant.analyze.quotes.speakers import CLAUSE_AUXILIARIES, MONTH_WORDS, past_form, singular_noun_not_cue
from slant.analyze.quotes.speakers import (_BE, _CLAUSE_WORDS, _OBJECT_PRONOUNS, _PARTICIPLES, _PHRASE_HEADS, _SAY_VERBS,
                                           _SUBJECT_PRONOUNS, _TELL, _TIME_OR_RELAY_HEADS, _WEEKDAYS, _is_cue, _is_ly_adverb, _mention,
                                           _name_and_verb_sign_off, _np_backward, _np_forward, _sentence_subject,
                                           _skip_adverbs_back, _speaker_run, _subject_or_coordinated, _verb_like,
                                           _is_name_token, _RUN_TAILS)


#: a quote without attribution and with fewer words than this is a term in scare quotes or a
#: title ("a so-called “peaceful” alliance"), not a statement; 5 words keeps short real
#: statements that carry their own attribution ("“No,” he said" is attributed, so it stays).
MIN_UNATTRIBUTED_WORDS = 5
#: the subject rule reads the words between its verb and the quote as the statement's (with the
#: quote) when they are at most this many tokens with no punctuation
SUBJECT_OBJECT_TOKENS = 12


#: how far (characters) the attribution clause after a closing mark may reach; newsroom
#: attributions ("…,” Secretary General Jens Stoltenberg told reporters on Tuesday") fit in 120
POST_CLAUSE_CHARS = 160


@dataclass
class _Attribution:
    speaker: Mention | None
    cue: tuple[int, int] | None
    relay: tuple[int, int, str] | None
    clause: tuple[int, int]  # the attribution clause's extent


#: "“…” ― Sonya Herrid" / "“…” — Jorge Falcon, 34, Miami": a dash and a name ending the line sign
#: the quote (vox pops, epigraphs, pull quotes). The name: 1-4 capitalised words (initials too),
#: then at most a short comma-separated descriptor; nothing else may follow on the line.
_DASH_BYLINE = re.compile(r"[ \t\u00a0]*(?P<dash>[―—–]|--?)[ \t\u00a0]*"
                          r"(?P<name>[A-Z][\w’'\-]*\.?(?:[ \u00a0][A-Z][\w’'\-]*\.?){0,3})"
                          r"(?:,[^\n\"“”]{1,80})?[ \t\u00a0]*$")


def _dash_byline(text: str, close: int, hi: int) -> _Attribution | None:
    """The attribution of "“…” ― Name" (a dash and a name closing the line), or None."""
    line_end = text.find("\n", close + 1, hi)
    line_end = hi if line_end < 0 else line_end
    m = _DASH_BYLINE.match(text[close + 1:line_end])
    if m is None:
        return None
    s, e = close + 1 + m.start("name"), close + 1 + m.end("name")
    if text[e - 1] == "." and " " not in text[s:e]:
        return None  # "— Reuters." style source lines are not people; a one-word name keeps no period
    if text[e - 1] == ".":
        e -= 1  # the sentence's period, not an initial: "― Carla Sanchez."
    return _Attribution(Mention(s, e, text[s:e]), (close + 1 + m.start("dash"), close + 1 + m.end("dash")),
                        None, (close + 1, line_end))


#: after a quote ending in a word with no comma, the cue must come within this many tokens
RUN_ON_CUE_TOKENS = 3


def _auxiliary_clause(tokens: list[Token], speaker_rng: tuple[int, int] | None, j: int) -> bool:
    """Does an auxiliary stand between the speaker phrase and its verb at ``j``, a verb in no cue
    list ("Mrs. Clinton has struggled")? After a name, an auxiliary not followed by a reporting verb
    starts a main clause, not a sign-off ("…, when he devoted his candidacy to the ''forgotten middle
    class,'' Mrs. Clinton has struggled to …"; "“…,” Trump has said" still signs off)."""
    return speaker_rng is not None and j < len(tokens) and not _is_cue(tokens[j]) and any(
        t.lower in CLAUSE_AUXILIARIES for t in tokens[speaker_rng[1]:j])


def _post_attribution(text: str, close: int, hi: int, quote_end_punct: str,
                      lead: tuple[int, int] | None = None) -> _Attribution | None:
    """Attribution after a closing mark: "…,” Putin said", "…,” said the minister", "…,” he told CNN",
    "“…” ― Sonya Herrid". ``lead`` (paragraph start, opening mark) lets a channel after the quote
    ("“abhorrent” in a tweet") take the sentence's subject as its speaker."""
    dash = _dash_byline(text, close, hi)
    if dash is not None:
        return dash
    # “unhinged” a Donald Trump tweet attacking …: a quoted phrase running on in its sentence ends
    # with a word and no comma follows; then only a short "he said" / "said Putin" signs it off
    # (scraped and machine-translated text often drops the comma there).
    runs_on = quote_end_punct.isalnum() and not text[close + 1:close + 4].lstrip().startswith((",", "—", "–", "-"))
    limit = min(hi, close + 1 + POST_CLAUSE_CHARS)
    # The clause ends at the next quote mark or sentence end.
    stop = limit
    for j in range(close + 1, limit):
        if text[j] in DOUBLE_ANY or text[j] in "!?" or (text[j] == "." and _ends_sentence(text, j)):
            stop = j
            break
    if quote_end_punct in ".!?" and lead is not None and not _opens_sentence(text, lead[0], lead[1] + 1) \
            and _introduces_next(text, close, stop):
        return None  # "Brafman said, “A.” He added, “B.”": the clause is B's lead-in, A has its own
    tokens = tokenize(text, close + 1, stop)
    i = 0
    while i < len(tokens) and tokens[i].text in (",", "—", "–", "-", ":", "'"):
        i += 1
    if i >= len(tokens):
        return None
    tok = tokens[i]
    cue_at = i  # the cue's token index
    if _is_cue(tok) or (quote_end_punct in ",?!" and _inverted_verb(tokens, i)):
        cue_tok = tok
        # "…,” noting the potholes": what follows a participle is its object, never its speaker
        participle = tok.lower in _PARTICIPLES or (tok.text.islower() and tok.lower.endswith("ing"))
        speaker_rng = _np_forward(tokens, i + 1) if not participle else None
        if speaker_rng is None and quote_end_punct in ",?!" and not participle:
            speaker_rng = _inverted_run(tokens, i + 1)
        after = speaker_rng[1] if speaker_rng else i + 1
    elif tok.lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
        if quote_end_punct in ".!?" and tok.text == "According":
            return None  # “… much.” According to F.A.A. records, …: a new sentence's own source
        speaker_rng = _np_forward(tokens, i + 2)
        if speaker_rng is None:
            return None
        cue = (tok.start, tokens[i + 1].end)
        speaker = _mention(text, tokens, speaker_rng)
        relay = find_relay(text, tokens[speaker_rng[1] - 1].end, stop)
        return _Attribution(speaker, cue, relay, (close + 1, stop))
    else:
        speaker_rng = _np_forward(tokens, i)
        j = speaker_rng[1] if speaker_rng else i
        while j < len(tokens) and tokens[j].lower in rules.ADVERBS:
            j += 1
        if speaker_rng is None or j >= len(tokens) or not _is_cue(tokens[j]):
            # "…,” the New York businessman said: any short run of words right before a cue, also
            # "the ad’s narrator says", "a narrator in the Clinton ad asks", "Sen. Ann Li (D-Mo.) said".
            run = _speaker_run(tokens, i)
            # "…,” my father often said": adverbs and auxiliaries before the cue are not the speaker's
            end = run - 1 if run > i and tokens[run - 1].text == "," else run
            while end > i and (tokens[end - 1].lower in rules.ADVERBS or _is_ly_adverb(tokens[end - 1])):
                end -= 1
            fenced = _fenced_speaker(tokens, i, speaker_rng) if quote_end_punct in ",?!" else None
            if end > i and run < len(tokens) and _is_cue(tokens[run]) and tokens[i].lower in _RUN_TAILS:
                # "“abhorrent” in a tweet": a channel after the quote, no speaker phrase ("in a" is no one);
                # the quote stays direct and the sentence's subject speaks ("The senator called the
                # ruling “abhorrent” in a tweet")
                subject = _subject_attribution(text, lead[0], lead[1]) if lead is not None else None
                if subject is None or subject.speaker is None:
                    return None
                cue_tok = tokens[run]
                relay = find_relay(text, cue_tok.start, stop, cue_tok.text)
                return _Attribution(subject.speaker, (cue_tok.start, cue_tok.end), relay, (close + 1, stop))
            elif end > i and run < len(tokens) and _is_cue(tokens[run]):
                speaker_rng, j = (i, end), run
            elif (lead is None or _opens_sentence(text, lead[0], lead[1] + 1)) \
                    and (voiced := _voiced_sign_off(tokens, i, quote_end_punct)) is not None:
                # (only after a quote that opens its sentence: "When the band played “Imagine,” the
                # crowd cheered" is the writer's title, no one's words)
                speaker_rng, j = voiced  # before a pronoun and any verb: "her neighbours chanted"
            elif _name_and_verb_sign_off(tokens, speaker_rng, j, quote_end_punct) \
                    and not _auxiliary_clause(tokens, speaker_rng, j):
                pass
            elif fenced is not None:
                speaker_rng, j = fenced
            else:
                return None
        cue_at = j
        cue_tok = tokens[j]
        after = j + 1
    if runs_on and (cue_at - i > RUN_ON_CUE_TOKENS or tok.lower in ("a", "an") or
                    not (cue_tok.lower in _SAY_VERBS or cue_tok.lower.endswith("ed"))):
        return None
    # After a quote that ends its sentence, only a bare "X said." may follow (not "He said he …").
    if quote_end_punct == "." and tok.is_cap and tok.lower not in rules.PRONOUNS and speaker_rng is None:
        return None
    if quote_end_punct == "." and after < len(tokens) and tokens[after].text not in (",", ".", ";"):
        if not (tokens[after].lower in ("in", "on", "as", "to", "at", "during", "after", "via") or
                text[tokens[after - 1].end:stop].strip().startswith(",")):
            return None
    speaker = _mention(text, tokens, speaker_rng) if speaker_rng else None
    relay = find_relay(text, cue_tok.start, stop, cue_tok.text)
    return _Attribution(speaker, (cue_tok.start, cue_tok.end), relay, (close + 1, stop))


def _introduces_next(text: str, close: int, stop: int) -> bool:
    """After a quote that ends its sentence, does the clause up to ``stop`` (the next quote mark)
    introduce the next quote ("X said, “A.” He added, “B.”", "…: “A.” Then she said: “B.”")? A
    capitalised clause that ends in a comma or colon right before a quote opening with a capital is
    that quote's lead-in, not the first quote's sign-off."""
    if stop >= len(text) or text[stop] not in DOUBLE_ANY:
        return False
    clause = text[_after_mark(text, close):stop].strip()
    if not clause.endswith((",", ":")) or not clause[:1].isupper():
        return False
    nxt = text[stop + 1:stop + 3].lstrip("'\"")
    return nxt[:1].isupper()


#: per thread, the last text's sentence starts by (lo, open_mark): the attribution readers each ask
#: for the same quote's sentence (the splitter ran ~9 times per quote)
_SENTENCE_STARTS = threading.local()


def _sentence_start(text: str, lo: int, open_mark: int) -> int:
    """Where the sentence holding ``open_mark`` starts (not before ``lo``)."""
    cache = getattr(_SENTENCE_STARTS, "last", None)
    if cache is None or cache[0] is not text:
        cache = _SENTENCE_STARTS.last = (text, {})
    start = cache[1].get((lo, open_mark))
    if start is None:
        sentences = rules.split_sentences(text, lo, open_mark)
        start = cache[1][lo, open_mark] = sentences[-1][0] if sentences else lo
    return start


def _lower_verb(tok: Token) -> bool:
    """A lower-case word that may be the verb of a quote: no auxiliary or copula ("has", "was")."""
    return tok.text.isalpha() and tok.text.islower() and tok.lower not in _NOT_QUOTE_VERBS


def _names_a_speaker(phrase: list[Token], indefinite: bool = False) -> bool:
    """Whether a subject phrase can speak: it opens with a subject pronoun (or, with ``indefinite``,
    "another", "someone", … or "it"), or holds a name or a person noun."""
    words = [t for t in phrase if t.is_word]
    if not words:
        return False
    first = words[0].lower
    return first in _SUBJECT_PRONOUNS or (indefinite and (first in _INDEFINITE_SUBJECTS or first == "it")) or \
        any(_is_name_token(w) for w in words) or any(w.lower in rules.PERSON_NOUNS for w in words)


#: words that open a speaker phrase after an inverted cue ("…,” said the 46-year-old", "wrote one commenter")
_INVERTED_OPENERS = {"a", "an", "the", "another", "one", "some", "two", "three", "several", "many", "his", "her",
                     "their", "its"}
#: words that end it: a relative clause or a comma starts what is said about the speaker
_INVERTED_STOPS = {",", ".", ";", ":", "who", "which", "that", "whose", "(", "—", "–"}


def _inverted_verb(tokens: list[Token], i: int) -> bool:
    """“…?” asked Sen. Barbara Mikulski", "“…,” continued Smith": a lower-case past verb outside the
    cue lists right after a quote's closing comma or question mark, then a name (or a person noun
    phrase) that ends the clause or meets a comma."""
    verb = tokens[i]
    low = verb.lower
    if not (_lower_verb(verb) and past_form(low)):
        return False
    rng = _np_forward(tokens, i + 1)
    if rng is None or not any(_is_name_token(t) or t.lower in rules.PERSON_NOUNS for t in tokens[rng[0]:rng[1]]):
        return False
    return rng[1] >= len(tokens) or tokens[rng[1]].text in (",", ".", ";", "(")


#: words that end a lower-case titled speaker phrase after an inverted cue
_RUN_BREAKS = {"during", "in", "on", "at", "after", "before", "while", "as", "when", "to", "about", "of", "and",
               "from", "with", "for", "by", "last", "this", "earlier", "later", "then"}


def _inverted_run(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The speaker phrase after an inverted cue that the noun-phrase reader did not take: "…,” said
    the 46-year-old", "…,” concluded a 2013 article in the journal Judgment": from a determiner or
    a capitalised word (no weekday) up to a comma, a relative or the clause end, at most 12 tokens."""
    if k >= len(tokens):
        return None
    first = tokens[k]
    titled = False
    if not (first.lower in _INVERTED_OPENERS or (first.is_cap and first.is_word and first.lower not in _WEEKDAYS)):
        # "…,” said former tech executive Carly Fiorina during the debate": lower-case title words
        # before a name (within 4 words), the phrase ending at a preposition
        if not (first.is_word and first.text.islower() and first.lower not in _TITLE_PREPOSITIONS
                and first.lower not in _RUN_BREAKS
                and any(_is_name_token(t) for t in tokens[k + 1:k + 5])):
            return None
        titled = True
    end = k
    while end < len(tokens) and tokens[end].lower not in _INVERTED_STOPS and tokens[end].text not in DOUBLE_ANY \
            and not (titled and end > k and tokens[end].lower in _RUN_BREAKS):
        end += 1
    if titled and not any(_is_name_token(t) for t in tokens[k:end]):
        return None
    if end - k > 12 or not any(t.is_word for t in tokens[k:end]) or (end == k + 1 and first.lower in _INVERTED_OPENERS):
        return None
    return (k, end)


def _fenced_speaker(tokens: list[Token], i: int, rng: tuple[int, int] | None) -> tuple[tuple[int, int], int] | None:
    """"…,” Steve Rosenthal, a former political director of the union, wrote": a name (or noun
    phrase) and a comma-fenced appositive of any length before the cue. Returns the speaker range
    (name and appositive) and the cue's index; None unless a cue follows the closing comma."""
    if rng is None or rng[0] != i or rng[1] >= len(tokens) or tokens[rng[1]].text != ",":
        return None
    if not (tokens[i].is_cap or tokens[i].lower in _INVERTED_OPENERS):
        return None
    for k in range(rng[1] + 1, len(tokens)):
        if tokens[k].text in DOUBLE_ANY:
            return None
        if _is_cue(tokens[k]):
            c = k
            while c > rng[1] and (tokens[c - 1].lower in rules.ADVERBS or _is_ly_adverb(tokens[c - 1])):
                c -= 1
            if tokens[c - 1].text != ",":
                return None
            return (i, c - 1), k
    return None


#: "As Steven Rosenthal, a tax lawyer, recently put it, “…”": the phrase right before the mark
_AS_PUT_IT = re.compile(r"(?:\s|,)(?P<cue>put it|said|wrote)\s*[,:]?\s*$")


#: a cue after one of these is hypothetical or future ("it would tell"), not an attribution
_MODALS = {"would", "will", "could", "can", "might", "may", "should", "must"}


#: tokens of a lead-in phrase ("Speaking at a diner in Akron, Ohio,") that the subject may follow
LEAD_IN_TOKENS = 14


def _verb_subject(toks: list[Token], b: int, word: str) -> tuple[int, int] | None:
    """The subject of the verb ``word`` that starts at ``toks[b]`` (adverbs before it skipped): a
    participle after a comma is the sentence subject's ("Romney went after Trump over his taxes,
    calling it “disqualifying”"), any other verb its own subject's or a coordinated one's."""
    if word.endswith("ing") and b > 1 and toks[b - 1].text == ",":
        return _subject_past_lead_ins(toks[:b - 1])
    return _subject_or_coordinated(toks, b)


def _subject_past_lead_ins(toks: list[Token]) -> tuple[int, int] | None:
    """The sentence subject (range) of ``toks``, also after a lead-in phrase of any head closed by
    a comma ("Speaking at a diner in Akron, Ohio, Ed Lamb went …", "Early in the race, Ed Lamb …")."""
    found = _sentence_subject(toks)
    if found is not None:
        return found[0]
    for c in range(1, min(len(toks), LEAD_IN_TOKENS)):
        if toks[c].text != ",":
            continue
        found = _sentence_subject(toks[c + 1:])
        if found is not None:
            return found[0][0] + c + 1, found[0][1] + c + 1
    return None


#: words that open a reported clause after any verb ("lamented that", "is questioning whether")
_COMPLEMENTISERS = {"that", "whether", "if"}
_PROGRESSIVE_AUX = {"is", "was", "are", "were", "been"}
#: subjects that speak for nobody in particular ("Nobody knew whether …")
_NOBODY = {"nobody", "no", "none", "everyone", "everybody", "anyone", "anybody", "somebody", "someone"}


def _complement_verb(toks: list[Token]) -> tuple[int, tuple[int, int]] | None:
    """"Ramos lamented that the “danger” came …", "Trump is questioning whether Obama would have
    gone “…”", "He also asked if parents would vote for “…”": a verb outside the cue lists, right
    before "that"/"whether"/"if", whose subject can speak (a pronoun, a name, a person noun). The
    first such verb of the words before the mark: (verb index, subject range)."""
    for k in range(1, len(toks) - 1):
        if toks[k].lower not in _COMPLEMENTISERS:
            continue
        v = k - 1
        verb = toks[v]
        low = verb.lower
        if not _lower_verb(verb):
            continue
        if not (past_form(low) or (low.endswith("s") and _verb_like(low))
                or (low.endswith("ing") and v > 0 and toks[v - 1].lower in _PROGRESSIVE_AUX)):
            continue
        if v > 0 and toks[v - 1].lower in _PASSIVE_AUX and not low.endswith("ing"):
            continue  # "it was reported that": a passive names no speaker
        b = _skip_adverbs_back(toks, v)
        if low.endswith("ing"):
            b = _skip_adverbs_back(toks, v - 1)
        rng = _subject_or_coordinated(toks, b)
        if rng is None or toks[rng[0]].lower in rules.RELATIVES | _NOBODY \
                or not _names_a_speaker(toks[rng[0]:rng[1]]):
            continue
        return v, rng
    return None


def _participle_lead(toks: list[Token], k: int) -> bool:
    """A participle cue at ``k`` continues the sentence subject's act: a comma before it, also one
    inside a closing mark ("…,” adding that …", "…,'' adding"), or "by" ("answered by saying")."""
    prev = toks[k - 1]
    if prev.text == "," or prev.lower == "by":
        return True
    j = k - 1
    while j > 0 and toks[j].text and all(c in DOUBLE_ANY + SINGLE_CLOSE + "'" for c in toks[j].text):
        j -= 1
    return j < k - 1 and toks[j].text == ","


#: verbs that take an object and an infinitive ("asked the minister to …", "urged the principal to …");
#: any other cue before a noun phrase and "to" is no control ("posted a video on Facebook to tell …":
#: the poster tells, review r13c)
_CONTROL_VERBS = {"asked", "asks", "ask", "pressed", "begged", "invited", "challenged", "encouraged", "implored",
                  "pushed", "forced", "dared", "wanted", "expected", "urged", "urges", "urge", "told", "tells",
                  "warned", "warns", "called", "calls", "persuaded", "convinced", "instructed", "ordered",
                  "directed", "advised", "allowed", "permitted", "prompted", "reminded"}


def _object_control(toks: list[Token], lo: int, to: int) -> bool:
    """"Lawmakers asked the minister to tell …": a control verb, then a short noun phrase right before the
    infinitive's "to" (token ``to``): the infinitive's subject is that phrase, not the sentence's."""
    return any(toks[j].lower in _CONTROL_VERBS and 1 <= to - j - 1 <= 4 and all(t.is_word for t in toks[j + 1:to])
               for j in range(lo, to - 1))


def _cue_with_speaker(clause_tokens: list[Token], end: int) -> tuple[int, tuple[int, int], int] | None:
    """The last cue before token ``end`` that has a speaker: (cue index, speaker range, index after)."""
    for k in range(end - 1, -1, -1):
        if not _is_cue(clause_tokens[k]) or (k > 0 and clause_tokens[k - 1].lower in _MODALS) \
                or singular_noun_not_cue(clause_tokens, k):
            continue  # "said it would tell an American story, one of “…”": "would tell" reports nothing;
            # "the reality TV show “The Apprentice”": the noun
        rng = _subject_or_coordinated(clause_tokens, _skip_adverbs_back(clause_tokens, k))
        if k > 0 and clause_tokens[k].lower in _PARTICIPLES and _participle_lead(clause_tokens, k):
            # "Clinton spoke about Tulsa, Oklahoma, arguing that … “…”": the sentence's subject
            subject = _sentence_subject(clause_tokens[:k])
            rng = subject[0] if subject is not None else rng
            if rng is None:
                # "“…,” Trump told a rally, saying Clinton would “…”": the speaker of the cue before
                before = _cue_with_speaker(clause_tokens, k - 1)
                if before is not None:
                    return k, before[1], k + 1
        if rng is not None and clause_tokens[rng[0]].lower in rules.RELATIVES:
            continue
        if rng is not None:
            return k, rng, k + 1
        forward = _np_forward(clause_tokens, k + 1)  # said Putin: “…”
        if forward is not None and k > 0 and clause_tokens[k - 1].lower == "to":
            # "was right to urge union leaders “…”": an infinitive's noun phrase is its object; the
            # sentence's subject acts ("Trump took to Twitter to accuse the campaign of being “duped”")
            subject = _subject_past_lead_ins(clause_tokens[:k - 1])
            if subject is not None and not any(t.lower in _SAY_VERBS for t in clause_tokens[subject[1]:k - 1]) \
                    and not _object_control(clause_tokens, subject[1], k - 1):
                return k, subject, k + 1
            # "Ruiz said Lee was right to urge …": the subject's own "said" comes first; it reports the clause
            forward = None
        if forward is not None:
            return k, forward, forward[1]
    return None


#: a naming inside a reason or condition of the report is the report's content ("said he was unlikely
#: to get along with him because the prime minister cast him as “…”")
_SUBORDINATORS = {"because", "since", "if", "unless", "although", "though", "whether"}


#: words that may stand between a cue and a participle cue right before a quote ("said, and then adding:")
_PARTICIPLE_LEADS = {"and", "then", "later", "also", "before", "while", "again", "only"}


def _pre_attribution(text: str, lo: int, open_mark: int) -> tuple[_Attribution, bool] | None:
    """Attribution before an opening mark: "Putin said: “…”", "He also added, “…”", "According to X, “…”".

    Returns the attribution and whether the quote is partial (words between cue and mark:
    "Putin said NATO was “purely defensive”").
    """
    s0 = _sentence_start(text, lo, open_mark)
    # If the previous sentence-ish span ends right before the mark with a sentence end, no clause.
    clause_tokens = tokenize(text, s0, open_mark)
    if not clause_tokens:
        return None
    if clause_tokens[-1].text in (".", "!", "?"):
        return None
    # According to X, “…”
    for k in range(len(clause_tokens) - 1):
        if clause_tokens[k].lower == "according" and clause_tokens[k + 1].lower == "to":
            rng = _np_forward(clause_tokens, k + 2)
            if rng:
                rest = clause_tokens[rng[1]:]
                if all(t.text in (",", ":", "—", "–") for t in rest):
                    return _Attribution(_mention(text, clause_tokens, rng),
                                        (clause_tokens[k].start, clause_tokens[k + 1].end), None,
                                        (s0, open_mark)), False
    # As X (recently) put it, “…”
    put = _AS_PUT_IT.search(text, s0, open_mark)
    if put is not None and clause_tokens[0].lower == "as":
        rng = _np_forward(clause_tokens, 1)
        if rng is not None:
            return _Attribution(_mention(text, clause_tokens, rng), put.span("cue"), None, (s0, open_mark)), False
    # The last cue with a speaker: "tweets" in "a flurry of late-night tweets" has none. A pronoun
    # speaker of a cue inside another's report ("Ditto said she expects the campaign “…”") stands
    # for the reporting subject: that outer attribution is the one to give.
    found = _cue_with_speaker(clause_tokens, len(clause_tokens))
    if found is not None and clause_tokens[found[1][0]].lower in _SUBJECT_PRONOUNS:
        outer = _cue_with_speaker(clause_tokens, found[1][0])
        if outer is not None and clause_tokens[outer[1][0]].lower not in rules.PRONOUNS:
            found = outer
    if found is None:
        found = _complement_verb(clause_tokens)
        if found is None or _as_attribution(text, lo, open_mark) is not None:
            return None  # "dismissed that suggestion as “…”": a demonstrative, the casting rule's
        return _Attribution(_mention(text, clause_tokens, found[1]), (clause_tokens[found[0]].start,
                                                                      clause_tokens[found[0]].end),
                            None, (s0, open_mark)), True
    cue_index, speaker_rng, after = found
    cue_tok = clause_tokens[cue_index]
    rest = clause_tokens[after:]
    if len(rest) >= 2 and rest[-1].text in (",", ":", "—", "–"):
        # "Lewandowski said, adding: “…”", "Graham said on MSNBC, adding, “…”": the participle
        # right before the mark, after a comma or a lead word ("and then adding"), is the cue
        k = len(rest) - 2
        while k > 0 and rest[k - 1].lower in _PARTICIPLE_LEADS:
            k -= 1
        if k > 1 and rest[k - 1].text in DOUBLE_CLOSE + DOUBLE_ANY + SINGLE_CLOSE + "'":
            k -= 1  # "on “Morning Joe,” adding, “…”": the comma sits inside a closing mark
        if rest[-2].lower in _PARTICIPLES and (k == 0 or rest[k - 1].text == ","):
            cue_tok, rest = rest[-2], []
    relay = find_relay(text, cue_tok.start, open_mark, cue_tok.text)
    # "told reporters on Tuesday:", "said in a statement", "wrote on Twitter" leave the quote whole;
    # any other words between cue and mark make the quoted words part of a paraphrase.
    partial = not _benign_tail(rest, cue_tok.lower)
    if partial and speaker_rng[0] == cue_index + 1 and _fenced_relative(rest):
        # "Said Dorothy Poynter, who runs the museum, “…”": a relative clause fenced by commas after a
        # speaker read forward from the cue is about the speaker; the quote is whole, not a paraphrase
        partial = False
    if partial and rest and rest[-1].text == ":":
        # "X said of his fiancée: “…”", "She tells the story … and recites the line: “…”": the words
        # before a colon introduce the whole quote; a subject and verb there attribute it themselves
        # ("…, Cruz said as a woman yelled: “…”")
        near = _verb_before_mark(text, lo, open_mark)
        if near is not None and near.cue[0] > cue_tok.end:
            return near, False
        partial = False
    speaker = _mention(text, clause_tokens, speaker_rng)
    return _Attribution(speaker, (cue_tok.start, cue_tok.end), relay, (s0, open_mark)), partial


#: relatives that open a clause about the speaker ("Said X, who runs the museum, “…”")
_SPEAKER_RELATIVES = frozenset({"who", "whose"})


def _fenced_relative(rest: list[Token]) -> bool:
    """The words between a forward speaker and the mark are ", who …," alone: a relative clause fenced
    by commas (no other mark, no second relative clause's worth: at most 20 tokens)."""
    if len(rest) < 4 or len(rest) > 20 or rest[0].text != "," or rest[-1].text not in (",", ":"):
        return False
    if rest[1].lower not in _SPEAKER_RELATIVES:
        return False
    return all(t.text not in DOUBLE_ANY and t.text not in (";", ":", ".", "!", "?") for t in rest[1:-1])


#: words opening a condition: a subject and verb after them perform no act ("if X pulls back, “…”")
_CONDITIONS = frozenset({"if", "unless", "whether"})


def _verb_before_mark(text: str, lo: int, open_mark: int) -> _Attribution | None:
    """"He asked, “…”", "the heckler yelled: “…”", "She continued: “…”", "Norah O’Donnell, who was
    off-screen, then loudly asked, “…”": a subject and its verb right before the comma or colon that
    opens a quote attribute it, whatever the verb (speech verbs outside the cue lists: asked,
    yelled, continued, shouted back). The verb must read as a finite past or present form; the
    subject is a pronoun, a name or a person noun phrase (with its appositive)."""
    s0 = _sentence_start(text, lo, open_mark)
    toks = tokenize(text, s0, open_mark)
    chant = _chant_before_mark(text, toks, s0, open_mark)
    if chant is not None:
        return chant
    if len(toks) >= 2 and toks[-1].lower in _VOCAL_VERBS:
        k = len(toks) - 1  # "Some chanted “USA! USA!”", "he yelled “You lie!”": no comma needed
    elif len(toks) < 3 or toks[-1].text not in (",", ":"):
        return None
    else:
        k = len(toks) - 2
        while k > 1 and (_is_ly_adverb(toks[k]) or toks[k].lower == "back"):
            k -= 1  # "Rubio fired back forcefully: “…”", "who responds enthusiastically: “…”"
    verb = toks[k]
    low = verb.lower
    if not _lower_verb(verb) or not (past_form(low) or (low.endswith("s") and _verb_like(low))):
        return None
    if k > 0 and toks[k - 1].lower in _PASSIVE_AUX:
        return None  # "After the vote was held, “…”": a passive, nobody speaks
    b = _skip_adverbs_back(toks, k)
    rng = _subject_or_coordinated(toks, b)
    if rng is None and b > 0 and toks[b - 1].lower in _INDEFINITE_SUBJECTS and \
            (b == 1 or not toks[b - 2].is_word):
        rng = (b - 1, b)  # "Another tweeted, “…”", "Someone shouted: “…”"
    if (rng is None or toks[rng[0]].lower == "who") and b > 1 and toks[b - 1].lower == "who":
        # "this tweet from Rikkie Wells who tweeted, “…”": the relative's antecedent speaks
        before = b - 2 if toks[b - 2].text == "," else b - 1
        ante = _np_backward(toks, before)
        rng = ante if ante is not None and any(_is_name_token(t) for t in toks[ante[0]:ante[1]]) else None
    if rng is None or toks[rng[0]].lower in rules.RELATIVES:
        return None
    if rng[0] > 0 and toks[rng[0] - 1].lower in _CONDITIONS:
        return None  # "… to think that if the U.S. pulls back, “…”": a condition, not an act of speech
    if not _names_a_speaker(toks[rng[0]:rng[1]], indefinite=True) and not (
            low in _VOCAL_VERBS and toks[rng[0]].lower in ("the", "a", "some", "many")):
        return None  # only people chant: "the attendees chanted, “…”" needs no person noun
    if _verb_phrase(toks[rng[0]:rng[1]]):
        return None  # "The senator recommended two books, “…”": "books" is the object's noun, no verb
    return _Attribution(_mention(text, toks, rng), (verb.start, verb.end), None, (s0, open_mark))


#: nouns of voices that take the quoted words after "of" ("chants of “USA!”", "cries of “Shame!”")
_CHANT_NOUNS = {"chant", "chants", "cry", "cries", "shouts", "chorus", "refrain", "roar", "jeers", "boos", "cheers"}
#: participles of voices right before the quote ("…, mouthing “thank you”"; "singing" takes a song title)
_CHANT_PARTICIPLES = {"chanting", "shouting", "yelling", "screaming", "mouthing", "whispering",
                      "cheering", "exclaiming", "muttering"}


def _chant_before_mark(text: str, toks: list[Token], s0: int, open_mark: int) -> _Attribution | None:
    """"Supporters broke into chants of “Four more years!”", "their chants of “Ted! Ted!”", "…,
    mouthing “thank you”": the quoted words are voiced; the speaker is the possessive before the
    noun ("their") or the sentence subject, if any (a chant has its cue in any case)."""
    if len(toks) >= 2 and toks[-1].lower == "of" and toks[-2].lower in _CHANT_NOUNS:
        cue, k = toks[-2], len(toks) - 2
    elif len(toks) >= 2 and toks[-1].lower in _BARE_CHANT_NOUNS and toks[-2].is_word and toks[-2].text.islower():
        # "the crowd reprised the caustic chant “Lock her up!”": only a possessive names who chants
        j = len(toks) - 2
        while j >= 0 and toks[j].is_word and toks[j].text.islower() and toks[j].lower not in _POSSESSIVE_DETERMINERS \
                and toks[j].lower not in rules.DETERMINERS:
            j -= 1
        speaker = _mention(text, toks, (j, j + 1)) if j >= 0 and toks[j].lower in _POSSESSIVE_DETERMINERS else None
        return _Attribution(speaker, (toks[-1].start, toks[-1].end), None, (s0, open_mark))
    elif toks and toks[-1].lower in _CHANT_PARTICIPLES and len(toks) >= 2 and toks[-2].text == ",":
        cue, k = toks[-1], len(toks) - 1
    else:
        return None
    speaker = None
    j = k - 1
    while j >= 0 and toks[j].is_word and toks[j].text.islower() and toks[j].lower not in rules.PRONOUNS \
            and toks[j].lower not in ("into", "in", "with", "of", "to", "by") and toks[j].lower not in _CHANTERS:
        j -= 1  # adjectives before the noun: "a thunderous chant of"
    if j >= 0 and toks[j].lower in _CHANTERS:
        speaker = _mention(text, toks, (j, j + 1))
    else:
        rng = _subject_past_lead_ins(toks[:k])
        if rng is None and toks[0].lower not in _LEAD_INS_NOT_SUBJECTS:
            rng = _np_forward(toks, 0)  # "The crowd roared with a chant of “…”": who chants
            if rng is not None and (rng[1] >= k or not toks[rng[1]].is_word or not toks[rng[1]].text.islower()):
                rng = None
        if rng is not None:
            speaker = _mention(text, toks, rng)
    return _Attribution(speaker, (cue.start, cue.end), None, (s0, open_mark))


def voiced_cue(word: str) -> bool:
    """Whether a cue word voices the quoted words ("chants", "chanting", "yelled"): a chant is a
    statement even when nobody in particular is its speaker ("a thunderous chant of “…”")."""
    low = word.lower()
    if low in ("chorus", "refrain"):
        return False  # "the chorus of “Hallelujah”": music, a title
    return low in _CHANT_NOUNS or low in _CHANT_PARTICIPLES or low in _VOCAL_VERBS


#: the possessives that name who chants ("their chants of …"; not "its")
_CHANTERS = {"their", "his", "her", "our"}
#: voice nouns right before the quote ("the chant “Lock her up!”"; not "cry", "roar": "a far cry “…”")
_BARE_CHANT_NOUNS = {"chant", "chants"}
_LEAD_INS_NOT_SUBJECTS = {"in", "on", "at", "after", "before", "during", "when", "as", "while", "with", "for", "by",
                          "from", "to", "of", "but", "and", "then", "there", "it"}


_PASSIVE_AUX = _BE | {"get", "got"}  # "was called", "got called"
#: voice verbs that take the quoted words right after them ("they chanted “…”", "he yelled “…”")
_VOCAL_VERBS = {f + e for f in ("chant", "shout", "yell", "scream", "exclaim", "whisper", "mutter", "holler",
                                "cheer", "boo", "echo") for e in ("ed", "s", "es")} | {"cried", "sang", "sing", "sings"}
#: a subject that names nobody yet speaks ("Another tweeted, “…”", "One shouted: “…”")
_INDEFINITE_SUBJECTS = {"another", "one", "others", "someone", "somebody", "many", "some"}
#: words that open a group that voices a quote after it ("“Out!” the crowd yelled")
_VOICING_GROUP_OPENERS = {"the", "a", "some", "many", "several", "his", "her", "their"}
#: a particle after the voice verb of a sign-off ("the audience screamed back", "the crowd cried out")
_VOICE_PARTICLES = {"back", "out", "again", "in", "unison"}
#: lower-case words of that group at most ("the", "a few", "delegates on the floor")
VOICING_GROUP_WORDS = 4


def _voiced_sign_off(tokens: list[Token], i: int, quote_end_punct: str) -> tuple[tuple[int, int], int] | None:
    """“Mexico!” the audience screamed back; “Out!” the crowd yelled: after a quote that ends in
    "!", "?" or ",", a lower-case group ("the crowd", "his friends") and a voice verb (not "echoed",
    which a text does as well as a person) that ends the clause sign it off, as a name and any verb
    do (:func:`_name_and_verb_sign_off`). (speaker range, verb index), or None."""
    if quote_end_punct not in ",?!" or i >= len(tokens) or tokens[i].lower not in _VOICING_GROUP_OPENERS \
            or not tokens[i].text.islower():
        return None
    for k in range(i + 1, min(len(tokens), i + 1 + VOICING_GROUP_WORDS)):
        tok = tokens[k]
        if not (tok.is_word and tok.text.islower()):
            return None
        if tok.lower in _VOCAL_VERBS and not tok.lower.startswith("echo"):
            if k == i + 1:
                return None
            rest = k + 1
            while rest < len(tokens) and tokens[rest].lower in _VOICE_PARTICLES:
                rest += 1
            if rest < len(tokens) and tokens[rest].text not in (",", ".", ";"):
                return None  # "the crowd yelled at him": the verb goes on with its own object
            return (i, k), k
    return None



#: verbs before a comma and a quote that do not introduce it ("When Trump lost, “…”" is rare, but
#: "has", "was" and their like are auxiliaries or copulas, never the quote's verb)
_NOT_QUOTE_VERBS = {"is", "was", "has", "does", "was", "gets", "needed", "used", "based", "needs", "seems"}


def _subject_attribution(text: str, lo: int, open_mark: int) -> _Attribution | None:
    """The sentence subject as the speaker of a quote that its sentence embeds without a speech
    verb: "Obama called the holiday “…”", "In recent weeks, Reid has gone after Trump as a “…”".

    The subject and its verb are those of :func:`_sentence_subject`; the verb is the cue. None
    when the sentence before the mark holds another quote mark.
    """
    s0 = _sentence_start(text, lo, open_mark)
    if _DOUBLE_MARK.search(text, s0, open_mark):
        return None
    toks = tokenize(text, s0, open_mark)
    found = _sentence_subject(toks)
    if found is None:
        return None
    rng, k = found
    verb = toks[k]
    return _Attribution(_mention(text, toks, rng), (verb.start, verb.end), None, (s0, open_mark))


#: verbs that name something in the speaker's words: "Sanders called the suspension “arbitrary.”"
_NAMING_VERBS = {"called", "calls", "call", "calling", "dubbed", "dubs", "dubbing", "labeled", "labelled",
                 "labels", "labeling", "branded", "brands", "branding", "termed", "terms", "nicknamed",
                 "described", "describes", "describing"}
#: "called for", "called on", "called off" …: no naming
_NAMING_NOT_AFTER = {"for", "on", "in", "up", "off", "out", "back", "upon", "into", "to"}
#: before the verb, a passive or a name of a thing ("is called", "so-called", "a group called")
_NAMING_NOT_BEFORE = {"is", "was", "were", "are", "be", "been", "being", "so", "often", "sometimes", "typically",
                      "commonly", "widely", "aptly", "now", "once", "formerly", "also-called"}
#: the verb and the opening mark are at most this many tokens apart ("called the DNC’s suspension “",
#: "called Valeant's chief executive, J. Michael Pearson, “"; 8 missed such appositives: PolNeAR train
#: offsets 0-2 +1 direct quote, no statement lost)
NAMING_REACH = 11


def _naming_attribution(text: str, lo: int, open_mark: int) -> tuple[_Attribution, int] | None:
    """"Sanders called the DNC’s suspension “arbitrary.”", "Bush called Trump “unhinged.”", "what
    he calls the “Washington cartel”", "described the plan as “a disaster”": the quoted words are the
    subject's, the statement the verb's object with them. Returns the attribution and where the
    content starts (after the verb). The subject must be a name, a pronoun or a person noun phrase."""
    s0 = _sentence_start(text, lo, open_mark)
    toks = tokenize(text, s0, open_mark)
    for k in range(len(toks) - 1, max(-1, len(toks) - 2 - NAMING_REACH), -1):
        tok = toks[k]
        if tok.text in (".", "!", "?", ";", ":") or tok.text in DOUBLE_ANY:
            return None
        if tok.lower not in _NAMING_VERBS:
            continue
        rest = toks[k + 1:]
        if rest and rest[0].lower in _NAMING_NOT_AFTER:
            return None
        if k > 0 and (toks[k - 1].lower in _NAMING_NOT_BEFORE or toks[k - 1].text.endswith("-")):
            return None
        if tok.lower.startswith("descri") and not any(t.lower == "as" for t in rest):
            return None  # "described the scene: “…”" is a report the other rules read
        if any(_is_cue(t) for t in rest):
            return None
        rng = _verb_subject(toks, _skip_adverbs_back(toks, k), tok.lower)
        if rng is not None and toks[rng[0]].lower == "who" and rng[0] > 0:
            # "Mr. Scott, who has called Mr. Trump's comments “racially toxic,”": the antecedent
            before = rng[0] - 1 if toks[rng[0] - 1].text == "," else rng[0]
            rng = _np_backward(toks, before)
        namer = None
        if rng is None:
            rng = namer = _relative_namer(toks, _skip_adverbs_back(toks, k))
        if rng is None or toks[rng[0]].lower in rules.RELATIVES:
            return None
        end = next((j for j in range(rng[0] + 1, rng[1]) if toks[j].text in (",", "(", "—", "–", "--")), rng[1])
        if any(_is_cue(t) for t in toks[end:rng[1]]):
            end = rng[1]  # "CNN, Cruz said, called …": an inserted attribution, no appositive
        head = toks[end - 1]  # "Beruff, a Scott ally,": the name before the appositive
        words = [t for t in toks[rng[0]:rng[1]] if t.is_word]
        if not words or not (namer is not None or head.is_cap or head.lower in _SUBJECT_PRONOUNS
                             or head.lower in rules.PERSON_NOUNS or any(w.lower in rules.PERSON_NOUNS for w in words)):
            return None
        start = rest[0].start if rest else open_mark
        return _Attribution(_mention(text, toks, rng), (tok.start, tok.end), None, (s0, open_mark)), start
    return None


#: the object relative before a naming verb's subject ("what critics have dubbed", "a clip that X called")
_OBJECT_RELATIVES = {"what", "that", "which"}
#: words that open a namer's phrase that needs no plural ("one Latino conservative", "a former aide")
_NAMER_OPENERS = {"one", "a", "an", "the", "some", "many", "several", "his", "her", "their", "our", "its"}
#: words of that phrase at most
NAMER_WORDS = 4


def _relative_namer(toks: list[Token], b: int) -> tuple[int, int] | None:
    """The subject of a naming verb at ``toks[b]`` (auxiliaries and adverbs skipped) inside an object
    relative clause: "in what one Latino conservative has dubbed “…”", "what former employees have
    called a “…”". The phrase between "what"/"that"/"which" and the verb is at most NAMER_WORDS plain
    words, none a pronoun ("what it called" is read elsewhere) or a cue, opening with a determiner or
    quantifier or ending in a plural, and not a bare quantifier ("what some call"); its range, or None."""
    a = b
    while a > 0 and b - a < NAMER_WORDS and toks[a - 1].is_word and toks[a - 1].lower not in _OBJECT_RELATIVES:
        a -= 1
    if a == b or a == 0 or toks[a - 1].lower not in _OBJECT_RELATIVES:
        return None
    words = toks[a:b]
    if any(_is_cue(t) or t.lower in rules.PRONOUNS or t.lower in _NAMING_VERBS or t.lower in _NAMING_NOT_BEFORE
           or t.lower == "to" or past_form(t.lower) for t in words):
        return None  # (a verb or "to": "the plan that the council voted to call “…”" names no namer)
    last = words[-1].lower
    if last in _NAMER_OPENERS:
        return None  # "what some call “…”": nobody in particular; the sentence's report holds the words
    if words[0].lower in _NAMER_OPENERS or (last.endswith("s") and not last.endswith(("ss", "us", "is"))):
        return a, b
    return None


#: words between a quote in a naming verb's object and the quote that names it: at most this many
NAMING_COMPLEMENT_TOKENS = 8
#: words that start a new clause or phrase between two quotes ("called it “a mess” before …")
_NOT_IN_OBJECT = _SUBORDINATORS | {"before", "after", "while", "when", "as", "then", "until", "than", "who", "which",
                                   "that", "where", "and", "or", "but", "to"}


def _naming_complement(text: str, q: Quote, attribution: _Attribution, m: _Marked, nxt: _Marked) -> bool:
    """Is the next quote ``nxt`` what a naming verb calls the object holding the quote ``m`` ("X
    called the “reform” plan “a disaster”")? ``q`` is ``m``'s statement, ended at ``m``'s closing
    mark by the naming reader; the words between the quotes are a few plain words of the object
    (no punctuation, clause word, cue or participle), and ``m`` does not end on punctuation."""
    if attribution.cue is None or q.kind != "indirect" or m.close_mark is None or nxt.open_mark is None \
            or nxt.close_mark is None or text[attribution.cue[0]:attribution.cue[1]].lower() not in _NAMING_VERBS:
        return False
    after = _after_mark(text, m.close_mark)
    if q.parts[-1][1] != after or text[m.close_mark - 1] in ".,;:!?" or attribution.cue[0] > m.open_mark:
        return False
    between = tokenize(text, after, nxt.open_mark)
    return 1 <= len(between) <= NAMING_COMPLEMENT_TOKENS and all(
        t.is_word and t.lower not in _NOT_IN_OBJECT and t.lower not in _NAMING_VERBS and not _is_cue(t)
        and not (t.lower.endswith("ing") and t.text.islower()) for t in between)


#: nouns of a speech act whose "that" clause reports it ("Trump’s claim that …", "his statement on
#: Wednesday that …", "one assertion that …")
_SPEECH_NOUNS = {"claim", "claims", "statement", "statements", "assertion", "assertions", "admission", "conclusion",
                 "suggestion", "insistence", "argument", "warning", "promise", "pledge", "vow", "remark", "remarks",
                 "comment", "comments", "declaration", "charge", "accusation", "contention", "allegation",
                 "allegations", "observation", "prediction", "boast", "complaint", "acknowledgment",
                 "acknowledgement", "announcement", "testimony", "assurance", "proclamation", "confession",
                 "reminder", "retort", "threat", "demand", "concession", "insinuation", "assessment"}
#: words that may stand between the noun and "that" ("his statement on Wednesday that", "his
#: comment Monday that", "the 1999 admission last year that")
_NOUN_TO_THAT = {"on", "in", "last", "this", "earlier", "monday", "tuesday", "wednesday", "thursday", "friday",
                 "saturday", "sunday", "week", "month", "year", "night", "morning", "today", "yesterday"}
#: the possessive or determiner before the noun
_POSSESSIVE_DETERMINERS = {"his", "her", "their", "its"}
#: words before the noun that are no speaker ("one assertion", "the claim", "a statement")
_NOUN_DETERMINERS = {"the", "a", "an", "one", "this", "that", "another", "such"}


def _noun_cue_attribution(text: str, lo: int, open_mark: int) -> tuple[_Attribution, int] | None:
    """A quote inside the "that" clause of a speech noun ("Donald Trump’s claim that President Obama
    “founded ISIS,”", "his statement on Wednesday that “Islam hates us,”", "De Blasio also repeated
    his claim that “profit-making” was …", "one assertion that he is not “crazy”"): the clause is
    the statement, the noun its cue, the possessor (or the speaking subject of the verb whose
    object the noun is) its speaker. Returns the attribution and where the content starts (at
    "that"); None without a speaker or with a cue or clause break between "that" and the mark."""
    s0 = _sentence_start(text, lo, open_mark)
    toks = tokenize(text, s0, open_mark)
    for t in range(len(toks) - 1, 0, -1):
        tok = toks[t]
        if tok.text in (".", "!", "?", ";", ":") or tok.text in DOUBLE_ANY or _is_cue(tok):
            return None
        if tok.lower != "that":
            continue
        k = t - 1
        while k > 0 and t - k <= 3 and toks[k].lower in _NOUN_TO_THAT:
            k -= 1
        if toks[k].lower not in _SPEECH_NOUNS:
            # "his suggestion at a similarly timed debate that": a short place or occasion phrase
            p = next((p for p in range(t - 2, max(0, t - 8), -1) if toks[p].lower in ("at", "in", "on", "during")
                      and toks[p - 1].lower in _SPEECH_NOUNS), None)
            if p is not None and all(x.is_word and not _is_cue(x) and x.lower != "that" for x in toks[p:t]):
                k = p - 1
        noun = toks[k]
        if noun.lower not in _SPEECH_NOUNS or not noun.text.islower():
            return None
        j = k - 1
        while j >= 0 and toks[j].is_word and toks[j].text.islower() and toks[j].lower not in _POSSESSIVE_DETERMINERS \
                and toks[j].lower not in _NOUN_DETERMINERS and k - j <= 3 and not _is_cue(toks[j]):
            j -= 1  # adjectives: "his repeated claim", "her earlier statement"
        if j < 0:
            return None
        speaker = None
        if toks[j].text in ("'s", "’s") and j > 0:
            rng = _np_backward(toks, j)
            if rng is not None and _names_a_speaker(toks[rng[0]:rng[1]]):
                speaker = _mention(text, toks, rng)
        elif toks[j].lower in _POSSESSIVE_DETERMINERS or toks[j].lower in _NOUN_DETERMINERS:
            # the subject of a verb whose object the noun is ("De Blasio repeated his claim", "X
            # made the claim"); else the possessive itself
            v = j - 1
            if v > 1 and toks[v].lower in ("by", "to", "on", "about", "over") and _lower_verb(toks[v - 1]):
                v -= 1  # "stood by his comment that", "pointed to his claim that"
            if v > 0 and _lower_verb(toks[v]) and _verb_like(toks[v].lower) and toks[v - 1].lower not in _PASSIVE_AUX:
                rng = _verb_subject(toks, _skip_adverbs_back(toks, v), toks[v].lower)
                if rng is not None and toks[rng[0]].lower not in rules.RELATIVES \
                        and _names_a_speaker(toks[rng[0]:rng[1]]):
                    speaker = _mention(text, toks, rng)
            if speaker is None and toks[j].lower in _POSSESSIVE_DETERMINERS and toks[j].lower != "its":
                speaker = _mention(text, toks, (j, j + 1))
        if speaker is None:
            return None
        return _Attribution(speaker, (noun.start, noun.end), None, (s0, open_mark)), tok.start
    return None


#: copulas and auxiliaries that open the main clause's predicate after a speech noun's clause
_PREDICATE_OPENERS = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "remains", "remained",
                      "became", "proved"}


def _main_predicate_after(text: str, that: int, close: int) -> bool:
    """Does the main clause go on right after the quote that closes a speech noun's "that" clause
    ("Donald Trump’s claim that Obama “founded ISIS” was false": "was false" is the writer's)? Only
    when the clause already has a subject and its verb ("Obama founded", "he was"), not "his claim
    that the “fix” was late" (the fix was late: the claim) nor "that the “rigged” system was …"."""
    after = _after_mark(text, close)
    m = re.match(r"[ \t\u00a0]+([a-z]+)\b", text[after:after + 30])
    if m is None or m.group(1) not in _PREDICATE_OPENERS:
        return False
    toks = [t for t in tokenize(text, that, close) if t.text not in DOUBLE_ANY and t.text not in "‘’'"]
    return any(t.text.islower() and (t.lower in _PREDICATE_OPENERS or (past_form(t.lower) and len(t.lower) > 3))
               and (toks[n - 1].lower in _SUBJECT_PRONOUNS or (toks[n - 1].is_cap and n > 1))
               for n, t in enumerate(toks) if n > 0)


#: speech nouns after a possessor's quote ("Mitt Romney’s “47 percent” comment", "his “basket of
#: deplorables” remark")
_NOUNS_AFTER_QUOTE = {"comment", "comments", "remark", "remarks", "claim", "statement", "line", "quip", "jab",
                      "tweet", "tweets", "pledge", "promise", "vow", "boast", "gaffe", "speech", "slogan", "mantra",
                      "catchphrase", "refrain", "retort", "warning", "assertion", "description", "characterization",
                      "label", "comparison", "insult", "taunt", "attack", "quote", "answer", "response"}


def _possessor_of_noun_after(text: str, lo: int, open_mark: int, close: int) -> _Attribution | None:
    """"Mitt Romney’s “47 percent” comment", "Clinton’s “basket of deplorables” remark": a quote
    between a possessor and a speech noun is the possessor's words; the noun is the cue."""
    after = _after_mark(text, close)
    m = re.match(r"[ \t\u00a0]*([A-Za-z]+)\b", text[after:after + 30])
    if m is None or m.group(1) not in _NOUNS_AFTER_QUOTE:
        return None
    s0 = _sentence_start(text, lo, open_mark)
    toks = tokenize(text, s0, open_mark)
    if len(toks) >= 2 and toks[-1].text in ("'s", "’s"):
        rng = _np_backward(toks, len(toks) - 1)
        if rng is None or not any(_is_name_token(t) for t in toks[rng[0]:rng[1]]):
            return None
    elif toks and toks[-1].lower in ("his", "her", "their"):
        rng = (len(toks) - 1, len(toks))
    else:
        return None
    a = after + m.start(1)
    return _Attribution(_mention(text, toks, rng), (a, a + len(m.group(1))), None, (s0, open_mark))


#: verbs of a verbal act whose object names what the subject said ("Clinton decried the issue of
#: “systemic racism”", "He rails against its “Great Wall of Protectionism”", "Trump would denounce
#: “self-deportation”"): stems, any inflection
_VERBAL_ACT_STEMS = ("decr", "denounc", "condemn", "mock", "slam", "blast", "prais", "touted", "tout", "hail",
                     "invok", "lament", "deplor", "ridicul", "derid", "lambast", "assail", "excoriat", "referenc",
                     "rail", "disparag", "tweet", "promis", "pledg", "vow", "deni", "deny", "reject", "dismiss")
#: particles after the verb ("rails against", "referred to")
_ACT_PARTICLES = {"against", "about", "at", "on", "over"}


def _verbal_act(low: str) -> bool:
    return low.startswith(_VERBAL_ACT_STEMS) and (low.endswith(("ed", "es", "s", "ing")) or low in ("deny", "tout"))


#: words that may follow a quote ending the object of a verbal act ("“toll creep” in her speeches")
_AFTER_OBJECT = {"in", "on", "at", "and", "but", "as", "for", "to", "with", "from", "which", "that", "while",
                 "because", "during", "after", "before", "by", "when", "since", "until", "over", "into", "this",
                 "last", "earlier", "on", "again", "instead", "too", "or"}


def _quote_ends_phrase(text: str, close: int) -> bool:
    """The quote closing at ``close`` ends its noun phrase: punctuation or a function word follows
    (not "the “Lamb” bridge plan", where the quoted word names a thing), or the quote closes on a
    comma or a period of its own ("referenced the “Charleston loophole,” a flaw in …")."""
    if close > 0 and text[close - 1] in ",.":
        return True
    m = re.match(r"[ \t\u00a0]*(\w+)?", text[close + 1:close + 40])
    word = m.group(1) if m else None
    return word is None or word.lower() in _AFTER_OBJECT


#: a verbal act's verb and the opening mark are at most this many tokens apart
VERBAL_ACT_REACH = 8


def _verbal_act_attribution(text: str, lo: int, open_mark: int, close: int) -> tuple[_Attribution, int] | None:
    """A quote in the object of a verbal act by a subject who can speak ("Clinton has increasingly
    decried the issue of “systemic racism”", "He rails against its “Great Wall of Protectionism”"): the
    object with the quote is the subject's statement (PolNeAR reads the verb as the cue). The verb is
    within :data:`VERBAL_ACT_REACH` tokens of the mark with no clause break between; the subject is a
    name, a pronoun or a person noun phrase (the sentence subject for a participle after a comma).
    Returns the attribution and where the content starts."""
    if not _quote_ends_phrase(text, close):
        return None
    s0 = _sentence_start(text, lo, open_mark)
    toks = tokenize(text, s0, open_mark)
    if len(toks) >= 1 and toks[-1].lower in ("so-called", "called", "dubbed", "named", "titled", "entitled"):
        return None  # scare quotes and names of things
    for k in range(len(toks) - 1, max(-1, len(toks) - 2 - VERBAL_ACT_REACH), -1):
        tok = toks[k]
        if tok.text in (".", "!", "?", ";", ":", ",", "(", "—", "–", "--") or tok.text in DOUBLE_ANY:
            return None
        if not (_lower_verb(tok) and _verbal_act(tok.lower)):
            continue
        if k > 0 and (toks[k - 1].lower in _PASSIVE_AUX or toks[k - 1].lower in _NAMING_NOT_BEFORE):
            return None
        if any(_is_cue(t) for t in toks[k + 1:]):
            return None
        rng = _verb_subject(toks, _skip_adverbs_back(toks, k), tok.lower)
        if rng is None or toks[rng[0]].lower in rules.RELATIVES or toks[rng[0]].lower in _NOBODY \
                or not _names_a_speaker(toks[rng[0]:rng[1]]):
            return None
        start = k + 1
        if start < len(toks) and toks[start].lower in _ACT_PARTICLES:
            start += 1
        return _Attribution(_mention(text, toks, rng), (tok.start, tok.end), None, (s0, open_mark)), \
            (toks[start].start if start < len(toks) else open_mark)
    return None


#: "as" after these is no role given to an object ("such as", "as well as", "known as")
_NOT_BEFORE_AS = {"such", "well", "so", "just", "same", "known", "far", "long", "soon", "much", "many"}
#: reach of "verb OBJECT as … “": tokens from "as" back to the verb, and from the mark back to "as"
AS_OBJECT_REACH = 10
_AS_PREPOSITIONS = {"after", "to", "at", "on", "in", "for", "with", "from", "up", "down", "off", "out", "by", "into",
                    "about", "over", "as"}
AS_TAIL_REACH = 10


def _as_attribution(text: str, lo: int, open_mark: int) -> tuple[_Attribution, int] | None:
    """"Trump identified the judge as “Spanish,”", "Weaver dismissed that suggestion as a sign of a
    campaign in “disarray.”", "Hollande denounced Trump’s remarks as “hurtful”": a verb, its object
    and "as" casting the object in the quoted words are the subject's statement (PolNeAR reads the
    object and the "as" phrase as the content). The verb is any finite past or present form (not a
    passive); the subject a name, a pronoun or a person noun phrase. Returns the attribution and where
    the content starts (after the verb)."""
    s0 = _sentence_start(text, lo, open_mark)
    toks = tokenize(text, s0, open_mark)
    for j in range(len(toks) - 1, max(-1, len(toks) - 1 - AS_TAIL_REACH), -1):
        t = toks[j]
        if t.text in (".", "!", "?", ";", ":", ",", "-", "—", "–", "--") or t.text in DOUBLE_ANY:
            return None
        if t.lower in _CASTING_WORDS and j >= 2 and toks[j - 1].lower not in _NOT_BEFORE_AS \
                and toks[j - 1].text not in (",", "(", "—", "–"):
            found = _casting_verb(text, toks, j, s0, open_mark)
            if t.lower == "for" and not _for_reason(toks, j):
                continue
            if found is not None or t.lower == "as":
                return found
    return None


#: words that cast a verb's object in the quoted words: "dismissed X as “…”", "blasted X for “…”",
#: "accused X of “…”" ("of" only after the accusing verbs)
_CASTING_WORDS = {"as", "for", "of"}
_ACCUSING = {"accused", "accuses", "accuse", "accusing"}
#: "referred to X as “…”": a verb and its particle read as one verb
_PHRASAL_AS = {"referred", "refers", "refer", "referring"}


def _for_reason(toks: list[Token], j: int) -> bool:
    """"for" at ``j`` gives the reason of a judgement ("blasted X for “cozying up”", "mocked X for
    calling himself …", "assailed the judge for his “heritage”"), not a price or a purpose ("paid $40
    for a ticket to “Hamlet”"): the quote, an -ing word or a possessive follows it."""
    if j + 1 >= len(toks):
        return True
    nxt = toks[j + 1]
    return nxt.text in DOUBLE_ANY or nxt.lower in ("his", "her", "their", "its") or \
        (nxt.text.islower() and nxt.lower.endswith("ing") and len(nxt.lower) > 4)


def _casting_verb(text: str, toks: list[Token], a: int, s0: int, open_mark: int) -> tuple[_Attribution, int] | None:
    """The subject and verb whose object the casting word at ``a`` ("as", "for", "of") casts in the
    quoted words (:func:`_as_attribution`)."""
    cast = toks[a].lower
    for k in range(a - 2, max(-1, a - 2 - AS_OBJECT_REACH), -1):
        v = toks[k]
        if v.text in (",", ".", ";", ":", "!", "?", "(", ")", "-", "—", "–", "--") or v.text in DOUBLE_ANY \
                or v.lower in _PASSIVE_AUX:
            return None  # a clause break, or a passive ("were designated as “…”")
        low = v.lower
        if not _lower_verb(v) or not (past_form(low) or _is_cue(v) or low in _ACCUSING
                                      or (low in _PHRASAL_AS and cast == "as")):
            continue
        if cast == "of" and low not in _ACCUSING:
            return None
        if k > 0 and toks[k - 1].lower in _PASSIVE_AUX:
            return None
        obj = k + 1
        if low in _PHRASAL_AS and toks[obj].lower == "to":
            obj += 1  # "referred to demonstrators as “my friends”"
        elif toks[obj].lower in _AS_PREPOSITIONS:
            return None  # "has gone after the governor as “…”": no object cast by the verb
        if obj >= a:
            return None
        b = _skip_adverbs_back(toks, k)
        if b > 2 and toks[b - 1].lower == "having" and toks[b - 2].text == ",":
            b -= 1  # ", having referred to him as": the participle is "having"
            low = "having"
        rng = _verb_subject(toks, b, low)  # "Clinton misjudged him, having referred to him as …"
        if rng is None or toks[rng[0]].lower in rules.RELATIVES:
            continue
        if not _names_a_speaker(toks[rng[0]:rng[1]]):
            continue
        return _Attribution(_mention(text, toks, rng), (v.start, v.end), None, (s0, open_mark)), toks[obj].start
    return None


def _infinitive(tok: Token) -> bool:
    """The word after "to" starts an infinitive ("to oppose"), not an audience ("to reporters",
    "to the crowd", "to CNN"): a lower-case word that is no determiner or pronoun and does not end
    in -s (plural audiences do; the few verbs that do, "discuss", "address", are named)."""
    low = tok.lower
    if not tok.is_word or not tok.text.islower() or low in rules.DETERMINERS or low in rules.PRONOUNS \
            or low in _OBJECT_PRONOUNS:
        return False
    return not low.endswith("s") or low in ("discuss", "address", "pass", "focus", "stress", "express", "press")


#: words of time or sequence that may stand between a cue and its quote ("she said later, “…”")
_TAIL_ADVERBS = frozenset({"again", "later", "then", "once", "earlier", "afterward", "afterwards", "too", "also"})


def _benign_tail(rest: list[Token], cue_low: str) -> bool:
    """Are the tokens between a cue and a quote only audience, outlet, time or channel phrases?"""
    i, n = 0, len(rest)
    if cue_low in _TELL and i < n:
        if rest[i].lower in _OBJECT_PRONOUNS or rest[i].lower in ("reporters", "journalists", "supporters"):
            i += 1
        elif rest[i].lower in ("the", "a", "an", "his", "her", "their", "its"):
            i += 1
            j = i
            while j < n and j - i < 3 and rest[j].is_word and rest[j].lower not in _CLAUSE_WORDS \
                    and rest[j].lower not in _PHRASE_HEADS:
                j += 1
            i = j
        elif rest[i].is_cap:
            i += 1
            while i < n and (rest[i].is_cap or rest[i].lower in ("of", "&")):
                i += 1
    while i < n:
        tok = rest[i]
        low = tok.lower
        if not tok.is_word or low in _WEEKDAYS:
            i += 1
            continue
        if _is_ly_adverb(tok) or low in _TAIL_ADVERBS:
            i += 1  # "said simply, “…”", "told reporters bluntly, “…”": how or when, not what was said
            continue
        if low == "to" and i + 1 < n and _infinitive(rest[i + 1]):
            return False  # "pledged to oppose legal status “…”": an infinitive is reported content
        if low in _PHRASE_HEADS:
            j = i + 1
            while j < n and j - i <= 7 and rest[j].is_word and rest[j].lower not in _CLAUSE_WORDS \
                    and rest[j].lower not in rules.CUE_FORMS:
                j += 1
            i = j
            continue
        if low == "that" and all(not t.is_word for t in rest[i + 1:]):
            return True
        return False
    return True


#: a short quote right after one of these names a programme, paper or book ("said on
#: MSNBC’s “Morning Joe”", "told “Face the Nation”", "wrote in “The Art of the Deal”")
_TITLE_PREPOSITIONS = {"on", "in", "to", "at", "from", "with", "of", "for"}


def _title_after_preposition(text: str, lo: int, open_mark: int, parts: list[tuple[int, int]]) -> bool:
    """A quote of fewer than :data:`MIN_UNATTRIBUTED_WORDS` words right after a preposition or a
    possessive ("on MSNBC’s “Morning Joe,”"): a title, not the words of the cue before it."""
    if sum(t.is_word for s, e in parts for t in tokenize(text, s, e)) >= MIN_UNATTRIBUTED_WORDS:
        return False
    return _after_preposition(text, lo, open_mark)


#: words a title leaves in lower case ("Super Lives of the Super Rich", "This Week with George …")
_TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "by", "for", "with",
                      "from", "as", "vs", "via", "into", "onto", "upon", "over"}
#: a title has at most this many words (a longer title-case run is a headline or a slogan list)
TITLE_MAX_WORDS = 12


def _title_quote(text: str, parts: list[tuple[int, int]], p_lo: int, p_hi: int) -> bool:
    """Is the quote in title case, a name of a work ("The Late Show With Stephen Colbert", "Broad
    City"), inside a paragraph of running text? Two to :data:`TITLE_MAX_WORDS` words, every word but
    the small ones capitalised (or a number), no "!" (a chant: "USA! USA!"); and the paragraph has a
    lower-case word outside the quote (a title-case headline "Cruz: ‘Assault Is a Fireable Offense’"
    is a statement, read as a headline)."""
    if not _title_case(text, parts, 2):
        return False
    lo, hi = parts[0][0], parts[-1][1]
    return any(t.is_word and t.text[:1].islower() for t in tokenize(text, p_lo, p_hi) if t.end <= lo or t.start >= hi)


def _title_case(text: str, parts: list[tuple[int, int]], least: int = 1) -> bool:
    """Are the quoted words (``parts``) in title case: ``least`` to :data:`TITLE_MAX_WORDS` words, every
    word but the small ones capitalised (or a number), not only small words, no "!"?"""
    words = [t for s, e in parts for t in tokenize(text, s, e) if t.is_word]
    return least <= len(words) <= TITLE_MAX_WORDS and not any("!" in text[s:e] for s, e in parts) \
        and all(t.text[:1].isupper() or t.text[:1].isdigit() or t.lower in _TITLE_SMALL_WORDS for t in words) \
        and not all(t.lower in _TITLE_SMALL_WORDS for t in words)


def _after_preposition(text: str, lo: int, open_mark: int) -> bool:
    """The opening mark at ``open_mark`` comes right after a preposition or a possessive ("on
    MSNBC’s “…”", "author of “…”")."""
    before = tokenize(text, max(lo, open_mark - 40), open_mark)
    if not before:
        return False
    last = before[-1]
    return last.lower in _TITLE_PREPOSITIONS or last.lower in ("'s", "’s") or \
        (last.is_word and text[last.end - 2:last.end] in ("'s", "’s", "s'", "s’"))


def _circumstance_first(text: str, q: Quote) -> bool:
    """Does the statement open with a time, place or channel word ("on ABC’s …", "Wednesday …";
    not "to", which opens verb phrases: "sat down to a 30-minute interview for “…”")?"""
    first = next((t for t in tokenize(text, *q.parts[0]) if t.is_word), None)
    return first is not None and first.lower != "to" and (first.lower in _TIME_OR_RELAY_HEADS or first.lower in _WEEKDAYS)


def _speaker_in_content(q: Quote, attribution: _Attribution | None) -> bool:
    """Does the statement's content hold its own speaker's name (the attribution phrase read as
    what was said)? A pronoun there is the reported clause's subject ("says he gets his ideas …")."""
    sp = attribution.speaker if attribution is not None else None
    return sp is not None and sp.text.lower() not in rules.PRONOUNS and any(s <= sp.start < e for s, e in q.parts)


def _infinitive_quote(text: str, lo: int, open_mark: int, parts: list[tuple[int, int]]) -> bool:
    """A quote right after "to" that opens with a lower-case word is a verb phrase ("would have to
    “go more to center,”"), not a title after a preposition ("tickets to “Hamlet”")."""
    before = tokenize(text, max(lo, open_mark - 10), open_mark)
    first = next((t for s, e in parts for t in tokenize(text, s, e) if t.is_word), None)
    return bool(before) and before[-1].lower == "to" and first is not None and first.text[:1].islower()


#: words that make the word after them a noun ("every four years,", "the last days,")
_QUANTIFIERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those",
                "every", "each", "some", "many", "few", "several", "all", "both", "two", "three", "four", "five", "six",
                "seven", "eight", "nine", "ten", "last", "past", "next", "recent"}


def _noun_after_quantifier(toks: list[Token], k: int) -> bool:
    """Is token ``k`` a noun after a determiner, number or time word ("every four years", "in recent
    weeks"), not a verb ("someone shouted")?"""
    return k > 0 and (toks[k - 1].lower in _QUANTIFIERS or toks[k - 1].text.isdigit())


def _sentence_lead(text: str, lo: int, open_mark: int, earlier: list[Quote]) -> int | None:
    """Where the words before a quote start in its sentence, when they are words of a statement
    signed after the quote ("Guns are “…” and “…,” Dean said."): the sentence start, if at least
    three words come before the mark and no earlier quote with a speaker or cue lies in between."""
    s0 = _sentence_start(text, lo, open_mark)
    toks = tokenize(text, s0, open_mark)
    if sum(t.is_word for t in toks) < 3 or not toks[0].is_word:
        return None
    if toks[-1].text in (":", ";", "(", "[", "—", "–", "--") or (toks[-1].text == "," and len(toks) > 1 and toks[-2].text.islower()
                                      and _verb_like(toks[-2].lower) and not _noun_after_quantifier(toks, len(toks) - 2)):
        return None  # "When someone shouted, “…”": the clause before introduces the quote
    if any((x.speaker is not None or x.cue is not None) and x.end > s0 for x in earlier):
        return None
    return toks[0].start


#: after a paraphrase's closing mark: the speaker's next act ("…,” referring to …", "…,” but
#: conceded …", "…” and said it was …"): a participle after a comma, or "and"/"but" and a verb
_GOES_ON = re.compile(r"(?P<comma>,)?\s*(?:(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?P<verb>[a-z]+)\b|(?P<ing>[a-z]+ing)\b)")


#: after "but" and a pronoun, a modal or a form of be/have is the reported speech going on, back-shifted
#: or not ("Smith said the plan was “unworkable” but he would support it"), not the speaker's next act;
#: "won't" is "wo" + "n't", "cannot" one word; do/does/did only negated ("but he doesn't oppose it")
_REPORTED_AUXILIARIES = (r"(?:(?:would|could|should|might|must|may|will|can|shall|was|were|is|are|am|had|has|have)"
                         r"(?:n['’]t)?|won['’]t|cannot|(?:do|does|did)n['’]t)\b"
                         # "… but she didn't elaborate", "but he wouldn't say why": the writer's narration
                         r"(?!\s+(?:not\s+)?(?:elaborate|say|explain|comment|specify|respond|answer|give|provide|offer|detail)\b)")


#: after a paraphrase's closing mark: "before"/"after" and a participle, the speaker's later act ("…” before
#: sketching …"), also after a channel or a time ("…” on Twitter before claiming …")
_LATER_ACT = re.compile(r"\s*(?:(?:on|in|at)\s+(?:[A-Z][\w.’'\-]*|a|an|the)(?:\s+[A-Za-z]+)?\s+)?(?:before|after)\s+[a-z]+ing\b")


#: after a paraphrase's closing mark: a new clause that is not the speaker's report ("…,” for
#: instance, and Trump vowed …", "…” while clips of … play", "…” — asserting …", "…” and Ed Lamb
#: says …", "…” as he faces …"); "and"/"but" only before a name and its verb or a second quote;
#: "but" and a pronoun with any verb ("…,” but he gave …"), a name and a participle ("… and Trump
#: calling it …"), "before"/"after" and a participle ("…” before sketching …", also after a channel or
#: time: "…” on Twitter before claiming …"), a remark on the quote ("…,” a subtle dig at …", "…,” part of a
#: verbal lashing …")
_NEW_CLAUSE = re.compile(r",?\s*(?:(?:while|whereas|until|although|though)\b|[—–]|--|-\s|for (?:instance|example)\b"
                         r"|as (?:he|she|they|we)\b|(?:and|but)\s+(?:[A-Z][\w.’'\-]*\s+){1,3}(?:[a-z]+(?:s|ed)|said|told|wrote)\b"
                         r"|(?:and|but)\s+(?:he|she|they|we|I)\s+(?:also\s+|then\s+|later\s+|again\s+)?(?:[a-z]+ed|said|told|wrote|says)\b"
                         r"|(?:and|but)\s+[\"“'‘]"
                         r"|but\s+(?:he|she|they|we|I)\s+(?!" + _REPORTED_AUXILIARIES + r")[a-z]+\b"
                         r"|(?:and|but)\s+(?:[A-Z][\w.’'\-]*\s+){1,3}[a-z]+ing\b"
                         r"|" + _LATER_ACT.pattern +
                         r"|,?\s*(?:part of (?:a|an|the)\b|(?:a|an)\s+(?:[a-z]+\s+){0,2}(?:dig|nod|reference|jab|swipe|allusion"
                         r"|rebuke|barb|knock|slap)\b))")


#: words opening a subordinate clause that holds a report ("While X said …, Y …"): a paraphrase there
#: ends at its quote's comma, where the main clause starts
_REPORT_SUBORDINATORS = {"while", "although", "though", "when", "as", "after", "because", "since", "if", "whereas",
                         "once", "before"}


def _subordinate_report(text: str, lo: int, attribution: _Attribution) -> bool:
    """Does the report's sentence open with a subordinator right before its subject ("While those
    surveyed said …", "Although Smith says …")?"""
    if attribution.speaker is None:
        return False
    s0 = _sentence_start(text, lo, attribution.speaker.start)
    toks = tokenize(text, s0, attribution.speaker.start)
    return len(toks) == 1 and toks[0].lower in _REPORT_SUBORDINATORS


def _after_mark(text: str, close: int) -> int:
    """Where the text after a closing mark starts: a typewriter double ('') read as one mark
    leaves its second character after the mark (:func:`_normalise_double_marks`)."""
    return close + 2 if text[close:close + 2] == "\"'" else close + 1


def _speaker_goes_on(text: str, after: int, end: int) -> bool:
    """Whether the words after a paraphrase's closing mark at ``after`` start the speaker's next
    act rather than more of the report: the statement ends with its quote then."""
    m = _GOES_ON.match(text, after, end)
    if m is None:
        return False
    if m.group("ing") is not None:
        # the comma before a participle may sit inside the closing mark: “… Cleveland,” referring
        close = after - 2 if after >= 2 and text[after - 2:after] == "\"'" else after - 1  # the closing mark
        return (m.group("comma") is not None or text[close - 1:close] == ",") and m.group("ing") not in ("including", "according", "during", "something", "nothing", "anything",
                                      "everything", "being")
    verb = m.group("verb")
    return past_form(verb) or verb in rules.CUE_FORMS


def _next_speech_act(text: str, end: int, limit: int) -> tuple[int, int] | None:
    """The verb of the speaker's next act of speech after a paraphrase ending at ``end`` ("… and
    called", "… and said", "…” on Twitter before claiming"), before ``limit``: the first cue or naming
    verb of the words that start the next act (:func:`_speaker_goes_on`, ``_LATER_ACT``), with no
    subject of its own right before it; its span, or None. A verb that neither says nor names may go on
    with the reported clause ("… for “a thousand years” and passed “hundreds of bills”": the reported
    subject passed them)."""
    if end >= limit or not (_speaker_goes_on(text, end, limit) or _LATER_ACT.match(text, end, limit)):
        return None
    toks = tokenize(text, end, limit)
    for j, t in enumerate(toks):
        if t.text in DOUBLE_ANY or t.text in (".", ";", ":"):
            return None
        if t.text.islower() and (t.lower in rules.CUE_FORMS or t.lower in _NAMING_VERBS):
            if j > 0 and (_is_name_token(toks[j - 1]) or toks[j - 1].lower in rules.PRONOUNS):
                return None  # "… and Trump said": another speaker's act
            return t.start, t.end
    return None


#: how far after a running-on quote its sentence-final attribution may start
SIGNED_REACH = 200


def _sentence_final_attribution(text: str, close: int, hi: int) -> tuple[_Attribution, int] | None:
    """The attribution ending the sentence of a quote that runs on after its closing mark at
    ``close`` ("“…” than that of the CIA chief, Zuckoff said.", "“…” if she didn't win, said David
    Wasserman, an analyst."): the last comma before the sentence end followed by a speaker and cue
    that end the sentence. Returns the attribution and the comma's offset; None when no quote mark
    or other sentence lies between."""
    reach = min(hi, close + 1 + SIGNED_REACH)
    stop = _sentence_end_after(text, close + 1, reach)
    if stop >= reach or text[stop] not in ".!?":
        return None
    if any(c in DOUBLE_ANY for c in text[close + 1:stop]):
        return None
    comma = text.rfind(",", close + 1, stop)
    while comma > close:
        att = _post_attribution(text, comma, hi, ",")
        if att is not None and att.speaker is not None and att.cue is not None and att.clause[1] >= stop:
            return att, comma
        comma = text.rfind(",", close + 1, comma)
    return None


def _own_attribution_between(text: str, lo: int, hi: int, attribution: _Attribution) -> bool:
    """Whether the words between two quotes (``lo``..``hi``) hold more than the first quote's
    attribution: a sentence ends there ("“A,” Reid said. Later, the senator said, “B”") or a second
    cue follows the attribution's own ("“A,” Trump said, adding, “B”", "“A,” Cruz said as the
    heckler yelled: “B”"). Then the second quote is its own statement with its own attribution,
    not the second part of one quote interrupted by its attribution."""
    for j in range(lo, hi):
        if text[j] in "!?" or (text[j] == "." and _ends_sentence(text, j)):
            return True
    cue = attribution.cue
    if any(_is_cue(t) or t.lower in _PARTICIPLES for t in tokenize(text, lo, hi) if cue is None or t.start != cue[0]):
        return True
    own = _verb_before_mark(text, lo, hi)
    return own is not None and own.cue != cue


def _lead_in_of_next(text: str, m: _Marked, nxt: _Marked, first_lo: int, para_of) -> bool:
    """Is the attribution after quote ``m`` the lead-in of the next quote ``nxt``? ``m`` is a
    quoted phrase inside its sentence, not its opening ("Asked about the “deal,” Smith said,
    “…”", "Turning to what he called “the rigged system,” Jones told the crowd: “…”"), and only
    a short clause ending in a comma or colon stands between its closing mark and the next
    quote's opening mark in the same paragraph, and the next quote starts a sentence of its own
    (capitalised). An interrupted quote ("“A,” he said, “B”") opens
    its sentence, so it is not read here."""
    if m.close_mark is None or nxt.open_mark is None or _opens_sentence(text, first_lo, m.parts[0][0]):
        return False
    if "," not in (text[m.close_mark - 1], text[_after_mark(text, m.close_mark):][:1]):
        return False  # "… calls her “a fine woman.” He adds, “…”": PolNeAR reads on as one quote as often as not
    if para_of(nxt.open_mark) != para_of(m.close_mark):
        return False
    between = text[_after_mark(text, m.close_mark):nxt.open_mark]
    if len(between) > POST_CLAUSE_CHARS or not between.rstrip().endswith((",", ":")):
        return False
    lo = _after_mark(text, m.close_mark)
    if any(text[j] in "!?;" or (text[j] == "." and _ends_sentence(text, j)) for j in range(lo, nxt.open_mark - 1)):
        return False  # "Ms." is no sentence end
    first = text[nxt.parts[0][0]:nxt.parts[0][1]].lstrip()[:1]
    return not first.islower()  # "…,” Lichtman said, “and that cost him.”: one quote goes on


#: words that open a lead-in which asserts nothing of its own ("Asked about the “…,”", "In what he called
#: “…,”", "When told of the “…,”"): a quoted phrase there is part of the next quote's introduction
_LEAD_IN_OPENERS = {"about", "after", "before", "in", "on", "at", "for", "with", "without", "despite", "during",
                    "when", "while", "as", "of", "from", "to", "upon", "over", "amid", "since", "regarding",
                    "unlike", "like", "once", "if", "although", "though", "whether", "referring", "responding"}


def _asserting_phrase(text: str, first_lo: int, m: _Marked) -> bool:
    """Does quote ``m``, a phrase inside its sentence, carry a statement of its own? Its sentence
    opens with a subject, not a participle or a preposition ("The budget is “a betrayal of every
    family,” the mayor said, “…”", not "Asked about the “deal,” …"), and the phrase has at least
    :data:`MIN_UNATTRIBUTED_WORDS` words (a short one is a name for something: "what he called “the
    rigged system,”"). Then the attribution after it signs it as well as introducing the next quote."""
    if sum(t.is_word for s, e in m.parts for t in tokenize(text, s, e)) < MIN_UNATTRIBUTED_WORDS:
        return False
    first = next((t for t in tokenize(text, _sentence_start(text, first_lo, m.open_mark), m.open_mark)
                  if t.is_word), None)
    if first is None:
        return False
    low = first.lower
    return not (low in _LEAD_IN_OPENERS
                or (low.endswith(("ing", "ed")) and _opens_with_participle(text, first, m.open_mark)))


#: words after a participle that opens a lead-in ("Asked about", "Speaking to", "Citing his", "Pressed whether")
_AFTER_PARTICIPLE = _LEAD_IN_OPENERS | rules.DETERMINERS | {
    "by", "him", "her", "them", "it", "us", "me", "this", "that", "why", "what", "how", "who", "whether", "up",
    "out", "back", "down", "off", "again", "later", "earlier", "repeatedly", "directly", "publicly", "privately"}


def _opens_with_participle(text: str, first: Token, hi: int) -> bool:
    """Is ``first``, a sentence's first word ending in "-ing"/"-ed", a participle opening a lead-in
    ("Asked about the “…,”", "Speaking to reporters")? Not a name or noun that only ends so ("Fred
    Khan is “…,”", "Beijing is", "Red tape is"): the next word must be a lower-case preposition,
    determiner, pronoun or adverb (or "-ly"), or the quote itself ("Dubbed “…,”")."""
    nxt = next((t for t in tokenize(text, first.end, hi) if t.is_word), None)
    return nxt is None or (nxt.text.islower() and (nxt.lower in _AFTER_PARTICIPLE or nxt.lower.endswith("ly")))


def _paraphrase_to_mark(q: Quote, text: str, content_start: int, close_mark: int) -> None:
    """Make ``q`` an indirect statement from ``content_start`` to its closing mark, keeping the
    quoted words as its verbatim parts ("X dismissed Y as “…”", "Sanders called it “arbitrary.”")."""
    q.kind = "indirect"
    q.verbatim = list(q.parts)
    end = close_mark + 1
    if text[close_mark:end + 1] == "\"'":
        end += 1  # a typewriter double ('') read as one mark: keep both characters
    q.parts = [(content_start, end)]


def find_direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Direct quotes with their attribution (speaker mention unresolved)."""
    marked = pair_quote_marks(text, paragraphs)
    # British-style paragraphs: single marks only.
    for lo, hi in paragraphs:
        if not _DOUBLE_MARK.search(text, lo, hi):
            for m in _british_single_quotes(text, lo, hi):
                if not any(s <= m.parts[0][0] < e for mm in marked for s, e in mm.parts):
                    marked.append(m)
    marked.sort(key=lambda m: m.parts[0][0])
    transcript = _transcript_quotes(text, paragraphs, marked)
    transcript += _headline_statements(text, paragraphs, marked)
    para_of = _paragraph_lookup(paragraphs)
    quotes: list[Quote] = []
    consumed: set[int] = set()
    for idx, m in enumerate(marked):
        if idx in consumed:
            continue
        p_lo, p_hi = paragraphs[para_of(m.parts[-1][0])]
        first_lo, _ = paragraphs[para_of(m.parts[0][0])]
        q = Quote("direct", list(m.parts), flags=list(m.flags), nested=list(m.nested))
        next_consumed_before = idx + 1 in consumed
        attribution = weak = None
        raw_end_char = text[m.close_mark - 1] if m.close_mark else ""
        if m.close_mark is not None:
            attribution = _post_attribution(text, m.close_mark, p_hi, raw_end_char,
                                            (first_lo, m.open_mark) if m.open_mark is not None else None)
            if attribution is None and m.open_mark is not None and raw_end_char.isalnum() and \
                    _opens_sentence(text, first_lo, m.parts[0][0]):
                # "“The politics are just so blatant” in the legislature, he said.": the quote runs on
                # in its sentence, which a sentence-final attribution signs; the statement is the
                # quote and the words after it up to that attribution
                signed = _sentence_final_attribution(text, m.close_mark, p_hi)
                if signed is not None:
                    attribution, comma = signed
                    q.kind = "indirect"
                    q.verbatim = list(q.parts)
                    q.parts = [(q.parts[0][0], comma)]
        if attribution is not None and attribution.speaker is None and m.open_mark is not None:
            # “…,” adding that …: a participle after the mark belongs to the attribution before it
            # ("In a statement, Peabody said: “…,” adding …").
            pre = _pre_attribution(text, first_lo, m.open_mark)
            if pre is not None and not pre[1]:
                attribution = pre[0]
            elif text[attribution.cue[0]:attribution.cue[1]].lower() in _PARTICIPLES or \
                    text[attribution.cue[0]:attribution.cue[1]].endswith("ing"):
                # "X said the plan was “a mess,” adding that …": the report before the quote is
                # the statement (read below as a paraphrase); the participle starts the next one.
                # Without a report before ("X hailed the vote as “historic,” telling …") the other
                # rules read the quote's sentence first, the participle only when they find nothing.
                if pre is None:
                    weak = attribution
                attribution = None
            if attribution is not None and _title_after_preposition(text, first_lo, m.open_mark, q.parts):
                attribution = None
        signs_both = False
        if attribution is not None and idx + 1 < len(marked) and m.open_mark is not None \
                and _lead_in_of_next(text, m, marked[idx + 1], first_lo, para_of) \
                and not _own_attribution_between(text, m.close_mark + 1, marked[idx + 1].open_mark, attribution) \
                and not _title_after_preposition(text, first_lo, marked[idx + 1].open_mark, marked[idx + 1].parts) \
                and not _title_quote(text, marked[idx + 1].parts, p_lo, p_hi):
            if _asserting_phrase(text, first_lo, m):
                # "The budget is “a betrayal of every family,” the mayor said, “We will vote against
                # it.”": the first sentence is the mayor's statement too; the attribution signs it
                # and the next quote reads it again as its lead-in (no join of the two)
                signs_both = True
            else:
                # "Asked about the “deal,” Smith said, “We are done.”": the quoted phrase sits inside
                # the next quote's lead-in; the cue and speaker after it introduce that quote
                attribution = None
        n_own = len(q.parts)  # the quote's own parts; a joined next quote's follow
        if attribution is not None and idx + 1 < len(marked) and not signs_both:
            # “…,” he said, “…” — the attribution interrupts one quote.
            nxt = marked[idx + 1]
            if nxt.open_mark is not None and nxt.open_mark >= attribution.clause[0]:
                between = text[m.close_mark + 1:nxt.open_mark]
                if len(between) <= POST_CLAUSE_CHARS and not re.search(r"[.!?]\s*$", between.strip(" ,:—–")) \
                        and between.rstrip().endswith((",", ":", "—", "–")) and para_of(nxt.parts[0][0]) == para_of(m.parts[-1][0]) \
                        and not _own_attribution_between(text, m.close_mark + 1, nxt.open_mark, attribution):
                    q.parts.extend(nxt.parts)
                    q.nested.extend(nxt.nested)
                    q.flags.extend(f for f in nxt.flags if f != "unopened")
                    consumed.add(idx + 1)
                    # The interrupted quote may close with its own attribution; it has the one already.
        embedded = None
        if m.open_mark is not None and m.close_mark is not None and \
                not _opens_sentence(text, first_lo, m.parts[0][0]):
            # A quote inside a reported clause ("Weiner admitted that he had “been friends,” he
            # claimed …", "Sotomayor has said that “a wise Latina” can bring …"): the cue before
            # it governs it, not a clause after it, and the statement is the reported clause.
            pre = _pre_attribution(text, first_lo, m.open_mark)
            # a clause after the quote that ends its sentence ("…,” the two aides said.") is the
            # outer attribution and stays; one that goes on ("…,” he claimed they never met") does not
            signs_off = attribution is not None and attribution.cue is not None and \
                sum(t.is_word for t in tokenize(text, attribution.cue[1], attribution.clause[1])) <= 3
            if pre is not None and not signs_off and (pre[1] or _runs_on(text, m.close_mark)):
                embedded = (pre[0], attribution is not None)
                attribution = None
            elif pre is not None and signs_off and pre[1] and attribution.speaker is not None \
                    and attribution.speaker.text.lower() in ("he", "she", "they") and pre[0].speaker is not None \
                    and pre[0].speaker.text.lower() not in rules.PRONOUNS \
                    and pre[0].speaker.text.split()[0].lower() not in _LEAD_INS_NOT_SUBJECTS \
                    and any(_is_cue(t) for t in tokenize(text, pre[0].cue[0], pre[0].cue[1])):
                # "Rick Tyler said that the campaign will show Cruz has “guiding principles,” he
                # said.": the sign-off repeats the report's speaker; the report is the statement
                embedded = (pre[0], True)
                attribution = None
            elif (pre is None or (pre[1] and signs_off)) \
                    and attribution is not None and attribution.speaker is not None \
                    and attribution.cue is not None and raw_end_char in ",!?" \
                    and (not _title_after_preposition(text, first_lo, m.open_mark, q.parts)
                         or _infinitive_quote(text, first_lo, m.open_mark, q.parts)):
                # "Gore tried to distance himself, and he “made a strategic mistake,” Lichtman
                # said.": the words before the quote in its sentence are the speaker's too
                # (paraphrased); the statement runs from the sentence start to the closing mark.
                # So when the sentence is a report of someone else signed by another speaker
                # ("Manafort acknowledged that the work could be termed “influence peddling,” The
                # Washington Post reported."): the sign-off's speaker reports the whole sentence,
                # and the inner report is read on its own by the indirect rules.
                lead = _sentence_lead(text, first_lo, m.open_mark, quotes)
                if lead is not None:
                    end = m.close_mark + 1
                    if text[m.close_mark:end + 1] == "\"'":
                        end += 1
                    q.kind = "indirect"
                    q.verbatim = list(q.parts)
                    inside = [x for x in quotes if x.speaker is None and x.cue is None and lead <= x.start]
                    for x in inside:
                        q.verbatim = sorted(x.parts + q.verbatim)
                    quotes = [x for x in quotes if not any(x is y for y in inside)]
                    # a next quote joined above that goes on in lower case goes on the statement ("…,” the
                    # mayor said, “and she has my vote.”); not a new sentence or a title (“Tough Choices.”)
                    joined = q.parts[n_own:]
                    goes_on = bool(joined) and text[joined[0][0]:joined[0][1]].lstrip()[:1].islower()
                    q.parts = [(lead, end)] + (joined if goes_on else [])
        if attribution is None and m.open_mark is not None:
            pre = (embedded[0], True) if embedded is not None else _pre_attribution(text, first_lo, m.open_mark)
            if pre is not None and pre[1]:
                # "…, Cruz said as a woman yelled: “…”": a subject and verb right before the mark
                # are the nearer attribution, not words of Cruz's report
                near = _verb_before_mark(text, first_lo, m.open_mark)
                if near is not None and pre[0].cue is not None and near.cue[0] > pre[0].cue[1]:
                    pre = (near, False)
            if pre is not None and pre[1] and m.close_mark is not None and pre[0].cue is not None:
                # "Ryan said he was “pleased” and Trump calling it a “great meeting.”", "…, which
                # he called “a cartel”": a naming or casting verb nearer the mark than the report's
                # cue is this quote's attribution
                for reader in (_naming_attribution, _as_attribution):
                    nearer = reader(text, first_lo, m.open_mark)
                    if nearer is not None and nearer[0].cue[0] > pre[0].cue[1] and not any(
                            t.lower in _SUBORDINATORS for t in tokenize(text, pre[0].cue[1], nearer[0].cue[0])):
                        attribution, pre = nearer[0], None
                        _paraphrase_to_mark(q, text, nearer[1], m.close_mark)
                        break
            noun_start = None
            if attribution is None and m.close_mark is not None and (pre is None or (pre[1] and pre[0].cue is not None)):
                # "Donald Trump’s claim that Obama “founded ISIS,”", "repeated his claim that “…” was
                # …": a speech noun's "that" clause nearer the mark than any report's cue
                noun = _noun_cue_attribution(text, first_lo, m.open_mark)
                if noun is not None and (pre is None or (noun[0].cue[0] > pre[0].cue[1] and not any(
                        t.lower in _SUBORDINATORS for t in tokenize(text, pre[0].cue[1], noun[0].cue[0])))):
                    pre, noun_start = (noun[0], True), noun[1]
            if pre is not None and not pre[1] and _title_after_preposition(text, first_lo, m.open_mark, q.parts):
                pre = None  # "Graham said on MSNBC’s “Morning Joe,”": the show, not his words
            if pre is not None:
                attribution, partial = pre
                if partial:
                    q.kind = "indirect"
                    q.verbatim = list(q.parts)
                    # from the quote's last character: a quote ending "… much.”" ends its sentence
                    sent_end = _sentence_end_after(text, q.parts[-1][1] - 1, p_hi)
                    if sent_end + 1 < p_hi and text[sent_end] in ".!?" and text[sent_end + 1] in DOUBLE_ANY + SINGLE_CLOSE:
                        sent_end += 1  # the quote's own closing mark ends the statement: “… ready.”
                        while sent_end < p_hi and text[sent_end] in DOUBLE_ANY + SINGLE_CLOSE + "'":
                            sent_end += 1
                    if embedded is not None and embedded[1]:
                        sent_end = _after_mark(text, m.close_mark)  # another clause follows the quote
                    elif m.close_mark is not None and sent_end > _after_mark(text, m.close_mark) and \
                            (_speaker_goes_on(text, _after_mark(text, m.close_mark), sent_end)
                             or _NEW_CLAUSE.match(text, _after_mark(text, m.close_mark), sent_end)):
                        sent_end = _after_mark(text, m.close_mark)  # "…,” referring to …", "…” and said …"
                    elif m.close_mark is not None and sent_end > _after_mark(text, m.close_mark) and \
                            "," in (text[m.close_mark - 1], text[_after_mark(text, m.close_mark):][:1]) and \
                            _subordinate_report(text, first_lo, attribution):
                        sent_end = _after_mark(text, m.close_mark)  # "While X said Y has the “best record,” Z …"
                    if noun_start is not None and m.close_mark is not None and sent_end > m.close_mark + 1 and \
                            (text[m.close_mark - 1] in ",;" or text[m.close_mark + 1:m.close_mark + 2] in (",", ";")
                             or _main_predicate_after(text, noun_start, m.close_mark)):
                        sent_end = _after_mark(text, m.close_mark)  # "his statement that “Islam hates us,” but he …"
                    content_start = _content_start_after(text, attribution.cue[1], m.open_mark) \
                        if noun_start is None else noun_start
                    if text[attribution.cue[0]:attribution.cue[1]].lower() in _TELL:
                        # "is telling supporters after his victory that “…”": the words from "that"
                        that = next((t for t in tokenize(text, attribution.cue[1], m.open_mark) if t.lower == "that"), None)
                        if that is not None:
                            content_start = _content_start_after(text, that.start, m.open_mark)
                    q.parts = [(content_start, sent_end)]
        if attribution is None and m.open_mark is not None:
            attribution = _verb_before_mark(text, first_lo, m.open_mark)
        if attribution is None and m.open_mark is not None:
            # A quote that opens its paragraph after a paragraph ending "… told the crowd:".
            p_index = para_of(m.open_mark)
            if p_index > 0 and text[first_lo:m.open_mark].strip() == "":
                prev_lo, prev_hi = paragraphs[p_index - 1]
                if text[prev_lo:prev_hi].rstrip().endswith(":"):
                    pre = _pre_attribution(text, prev_lo, prev_hi)
                    if pre is not None and not pre[1]:
                        attribution = pre[0]
        if attribution is None and m.open_mark is not None and m.close_mark is not None:
            cast = _as_attribution(text, first_lo, m.open_mark)
            if cast is not None:
                attribution = cast[0]
                _paraphrase_to_mark(q, text, cast[1], m.close_mark)
        if attribution is None and m.open_mark is not None and \
                sum(len(tokenize(text, s, e)) for s, e in q.parts) >= MIN_UNATTRIBUTED_WORDS:
            # "Obama called the holiday “a celebration of …”": no speech verb before the mark,
            # but the sentence's subject is a name or pronoun and the quote its words.
            attribution = _subject_attribution(text, first_lo, m.open_mark)
            if attribution is not None:
                q.flags.append("speaker_from_subject")
                obj = tokenize(text, attribution.cue[1], m.open_mark)
                # the quote inside the verb's object clause ("Cruz coached Trump to “breathe, breathe,”",
                # "credited Clinton's victory to “a closed primary …”"): no punctuation between the
                # verb and the mark, at most SUBJECT_OBJECT_TOKENS tokens; a naming verb any way
                embedded_obj = 1 <= len(obj) <= SUBJECT_OBJECT_TOKENS and obj[-1].is_word and not any(
                    t.text in (".", "!", "?", ":", ";", ",") or t.text in DOUBLE_ANY for t in obj)
                naming = text[attribution.cue[0]:attribution.cue[1]].lower() in _NAMING_VERBS
                if m.close_mark is not None and (
                        (naming and any(t.is_word for t in obj) and obj[0].lower not in _NAMING_NOT_AFTER | {"over"})
                        or (embedded_obj and not naming)):
                    # "Trump called the assault that killed five officers “an attack on our country,”":
                    # a naming verb farther than NAMING_REACH; its object is named in the quote
                    _paraphrase_to_mark(q, text, _content_start_after(text, attribution.cue[1], m.open_mark),
                                        m.close_mark)
        # "Sanders called the suspension “arbitrary.”": a short quote that a naming verb
        # attributes is a statement (the scare-quote rule drops only quotes nobody is given)
        if attribution is None and m.open_mark is not None and m.close_mark is not None:
            naming = _naming_attribution(text, first_lo, m.open_mark)
            if naming is not None:
                attribution = naming[0]
                _paraphrase_to_mark(q, text, naming[1], m.close_mark)
        if attribution is None and m.open_mark is not None and m.close_mark is not None:
            act = _verbal_act_attribution(text, first_lo, m.open_mark, m.close_mark)
            if act is not None:
                attribution = act[0]
                _paraphrase_to_mark(q, text, act[1], m.close_mark)
        if attribution is None and m.open_mark is not None and m.close_mark is not None:
            attribution = _possessor_of_noun_after(text, first_lo, m.open_mark, m.close_mark)
        if attribution is None and weak is not None and q.kind == "direct":
            attribution = weak
        if attribution is not None and idx + 1 < len(marked) and \
                _naming_complement(text, q, attribution, m, marked[idx + 1]) and \
                para_of(marked[idx + 1].parts[0][0]) == para_of(m.parts[-1][0]):
            # "Fitton called Clinton's assertion of a “claim of right” over her emails “significant
            # and disturbing.”": the first quote lies in the naming verb's object, the second names it
            nxt = marked[idx + 1]
            q.verbatim = sorted(q.verbatim + list(nxt.parts))
            _, end = q.parts[-1]
            q.parts[-1] = (q.parts[-1][0], _after_mark(text, nxt.close_mark) + (end - _after_mark(text, m.close_mark)))
            consumed.add(idx + 1)
        if m.open_mark is not None and _after_preposition(text, first_lo, m.open_mark) \
                and _title_quote(text, m.parts, p_lo, p_hi) \
                and (q.kind == "direct" or _circumstance_first(text, q) or _speaker_in_content(q, attribution)) \
                and not (attribution is not None and attribution.cue is not None
                         and voiced_cue(text[attribution.cue[0]:attribution.cue[1]])):
            # "Christie said on ABC's “This Week with George Stephanopoulos.”", "an episode of
            # CNBC's “Super Lives of the Super Rich”": a title-case name of a show, book or film
            # after a preposition or a possessive, not words said ("chants of “Trump, Trump”" are);
            # nor is "said on ABC’s “Good Morning America” last month" a paraphrase around it, nor
            # "…,” said Ann Lee, a co-editor of “Chick Lit: The New Fiction.”" (the speaker's own phrase)
            if idx + 1 in consumed and not next_consumed_before:
                # "On Fox's “Fox and Friends,” he said, “We will …”": the title was read as the first
                # part of the quote after it; that quote is read again on its own, with its attribution
                consumed.discard(idx + 1)
            continue
        if attribution is not None:
            q.speaker, q.cue, q.relay = attribution.speaker, attribution.cue, attribution.relay
        elif "unopened" in m.flags:
            continue  # a stray closing mark with no attribution: not a quote
        prev = quotes[-1] if quotes else None
        if q.kind == "indirect" and prev is not None and prev.kind == "indirect" and prev.cue == q.cue \
                and prev.parts[0][0] == q.parts[0][0]:
            act = _next_speech_act(text, prev.parts[-1][1], m.open_mark)
            if act is None:
                # "X said that it was “A” and “B.”": both quotes read the same report; one statement
                prev.parts = [(prev.parts[0][0], max(prev.parts[-1][1], q.parts[-1][1]))]
                prev.verbatim = sorted(prev.verbatim + q.verbatim)
                continue
            # "…, he did say he found Trump “charming” and called his standing “unheard of.”": the report
            # ended at A, where the speaker's next act starts; B is that act's, with its verb as the cue
            q.cue = act
            q.parts = [(_content_start_after(text, act[1], m.open_mark), q.parts[-1][1])]
        quotes.append(q)
    quotes.extend(transcript)
    quotes.sort(key=lambda q: q.start)
    return quotes


#: "Clinton: Trump's view of the world is 'dangerously wrong'": a headline naming its speaker
_HEADLINE = re.compile(r"(?P<name>[A-Z][\w.’'\-]*(?:[ \u00a0]+[A-Z][\w.’'\-]*){0,3}):[ \u00a0]+(?P<rest>\S.*)")
#: labels that open a headline without being its speaker ("WATCH: …", "Related: …")
_HEADLINE_LABELS = {"watch", "update", "updated", "exclusive", "breaking", "video", "related", "read", "opinion",
                    "analysis", "poll", "report", "live", "photos", "photo", "audio", "listen", "editor", "note",
                    "correction", "source", "sources", "q", "a", "full", "text", "transcript", "abstract", "more",
                    "see", "also", "first", "fact", "check", "the", "new", "latest", "column", "review", "quiz"}
_HEADLINE_SECOND = re.compile(r"\s[A-Z][\w.’'\-]*:\s")
#: a headline is a short paragraph
HEADLINE_CHARS = 160


def _headline_statements(text: str, paragraphs: list[tuple[int, int]], marked: list[_Marked]) -> list[Quote]:
    """A headline "Name: words with a ‘quote’" (a short paragraph, no sentence end before its last
    words): the name's statement, the words after the colon (kind indirect, the quoted words in
    verbatim); "Name: ‘…’" with nothing but the quote stays a direct quote of the name. The name is
    one to four capitalised words, no label ("WATCH", "Related"). The marked quotes inside are taken."""
    out = []
    for lo, hi in paragraphs:
        if hi - lo > HEADLINE_CHARS:
            continue
        m = _HEADLINE.fullmatch(text, lo, hi) or _HEADLINE.fullmatch(text[:hi].rstrip(), lo)
        if m is None:
            titled = _titled_headline(text, lo, hi, marked)
            if titled is not None:
                out.append(titled)
            continue
        if not _DOUBLE_MARK.search(text, m.start("rest"), hi) and \
                not any(c in text[m.start("rest"):hi] for c in "‘’'"):
            continue
        names = m.group("name").replace("\u00a0", " ").split()
        if any(w.lower().strip(".’'") in _HEADLINE_LABELS or w.lower() in rules.NOT_NAMES for w in names):
            continue
        start, end = _trim(text, m.start("rest"), hi)
        if _HEADLINE_SECOND.search(text, start, end):
            continue  # "Clinton: “…” Bush: “…”": two speakers, each quote read on its own
        while end > start and text[end - 1] in ";.":
            end -= 1
        inside = [x for x in marked if start <= x.parts[0][0] and x.parts[-1][1] <= end]
        if not inside:
            continue
        if len(inside) == 1 and inside[0].parts[0][0] - start <= 1 and end - inside[0].parts[-1][1] <= 2:
            continue  # "Name: ‘…’": the quote itself, read by the other rules
        marked[:] = [x for x in marked if not any(x is y for y in inside)]
        q = Quote("indirect", [(start, end)], (m.end("name"), m.end("name") + 1),
                  Mention(m.start("name"), m.end("name"), m.group("name")), flags=["headline"])
        q.verbatim = [p for x in inside for p in x.parts]
        out.append(q)
    return out


#: "Hillary Clinton Calls ISIS Violence Against Yazidis ‘Genocide.’", "Zoe Saldana Asked Men To
#: “Redefine Masculinity.”": a title-case headline, a name, a speech verb and words with a quote
#: title-cased verbs of headlines that report what someone said
_HEADLINE_VERBS = {f + e for f in ("call", "say", "tell", "slam", "blast", "rip", "ask", "warn", "urge", "accuse",
                                   "praise", "mock", "dub", "label", "vow", "claim", "admit", "deny", "defend", "attack",
                                   "question", "insult", "side", "knock", "pan", "trash", "promise", "pledge", "insist",
                                   "argue", "suggest", "declare", "brand", "dismiss", "demand", "predict", "thank",
                                   "compare", "blame", "scold", "chide", "torch", "hit", "dare", "plead", "beg")
                   for e in ("s", "ed", "d", "es")} | {"said", "told", "says", "hits", "on"}
#: share of a titled headline's words (after the name) that start with a capital
TITLED_SHARE = 0.6


def _titled_headline(text: str, lo: int, hi: int, marked: list[_Marked]) -> Quote | None:
    """A title-case headline "Name Verb … ‘quote’" (a short paragraph): the name's statement, the words
    after the verb (kind indirect, the quoted words in verbatim). The verb is a title-cased speech or
    judgement verb ("Calls", "Asked", "Slams", or "On" in "Name On Topic ‘…’"); most words after it
    are capitalised too; the quote ends the headline. The marked quotes inside are taken."""
    start, end = _trim(text, lo, hi)
    words = list(re.finditer(r"\S+", text[start:end]))
    m = None
    for n in range(1, min(4, len(words) - 1)):  # the name is the first 1-3 words, the verb the next
        v = n + (words[n].group() in ("Just", "Again", "Also"))
        if v < len(words) - 1 and words[v].group().lower() in _HEADLINE_VERBS:
            m = True
            name_end, verb = start + words[n - 1].end(), words[v]
            break
    if m is None:
        return None
    names = text[start:name_end].replace("\u00a0", " ").split()
    if not all(w[0].isupper() for w in names):
        return None
    if any(w.lower().strip(".’'") in _HEADLINE_LABELS or w.lower() in rules.NOT_NAMES for w in names):
        return None
    rest_s, rest_e = start + verb.end(), end
    while rest_s < rest_e and text[rest_s].isspace():
        rest_s += 1
    while rest_e > rest_s and text[rest_e - 1] in ";.":
        rest_e -= 1
    if text[rest_e - 1] not in DOUBLE_ANY + SINGLE_CLOSE + "'" or ":" in text[rest_s:rest_e]:
        return None  # the quote ends the headline; "X on Y: ‘…’" quotes whoever the colon names
    words = [t for t in tokenize(text, rest_s, rest_e) if t.is_word and t.text[0].isalpha()]
    if not words or sum(t.text[0].isupper() for t in words) < TITLED_SHARE * len(words):
        return None
    inside = [x for x in marked if rest_s <= x.parts[0][0] and x.parts[-1][1] <= rest_e]
    if not inside:
        return None
    marked[:] = [x for x in marked if not any(x is y for y in inside)]
    q = Quote("indirect", [(rest_s, rest_e)], (start + verb.start(), start + verb.end()),
              Mention(start, name_end, text[start:name_end]), flags=["headline"])
    q.verbatim = [p for x in inside for p in x.parts]
    return q


_TRANSCRIPT_LABEL = re.compile(r"[\"“]?((?:[A-Z][A-Za-z.'’\-]+\s){0,3}[A-Z][A-Z.'’\-]+):\s+")


def _transcript_quotes(text: str, paragraphs: list[tuple[int, int]], marked: list[_Marked]) -> list[Quote]:
    """Interview transcripts: a paragraph opening "PENCE: …" or "Donald TRUMP: …" quotes that speaker."""
    turns = []
    for lo, hi in paragraphs:
        m = _TRANSCRIPT_LABEL.match(text, lo, hi)
        if m is not None and m.group(1).isupper() and len(m.group(1)) >= 2:
            turns.append((lo, hi, m))
    # A transcript has turns by at least two speakers; one "NATO: …" line is a headline.
    if len({m.group(1) for _, _, m in turns}) < 2:
        return []
    out = []
    for lo, hi, m in turns:
        start, end = _trim(text, m.end(), hi)
        if end - start < 2:
            continue
        # Quote marks inside the turn belong to the speaker; drop the marked quotes it contains.
        marked[:] = [x for x in marked if not (start <= x.parts[0][0] and x.parts[-1][1] <= end)]
        label = (lo + m.start(1) - lo, m.end(1))
        out.append(Quote("direct", [(start, end)], (m.end(1), m.end(1) + 1),
                         Mention(label[0], label[1], text[label[0]:label[1]]), flags=["transcript"]))
    return out


#: a quote that continues the one before it in the same paragraph, at most this many characters
#: after it, is the same statement in a second part ("“A,” X said. “B.”"): one statement, as a reader
#: and PolNeAR count it. Up to CONTINUATION_PLAIN_CHARS (120) any continuation joins; from 120 to
#: this many only across one sentence (the sign-off's own: :func:`_one_sentence_between`).
#: PolNeAR dev (tracker scores, issue 13): precision 0.725 -> 0.774, recalls within 0.005; 60
#: characters gave 0.759. 200 (session 14, q14c) also joins B across a long sign-off ("“A,” said
#: X, a professor of … who …. “B.”"), which PolNeAR joins too: PolNeAR train halves, rules alone,
#: precision +0.005 / +0.007, speech -3 / -1, direct -4 / -1 (half 0 has 4,577 speech / 2,804 direct).
CONTINUATION_MERGE_CHARS = 200
#: beyond this many characters a continuation joins only across the sign-off's own sentence: no
#: other sentence ends between the two quotes ("“A,” said X, the minister. Her rival, Y, a former
#: mayor who …, was far less measured. “B.”" is Y's B, not X's; session 14, m14b)
CONTINUATION_PLAIN_CHARS = 120


def _continuations(quotes: list[Quote], text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Give an unattributed direct quote the speaker of the quote just before it (same or previous
    paragraph); one in the same paragraph right after it becomes that quote's next part. A quoted
    phrase inside a sentence ("what she called a “rant,”") continues nobody: it is not a statement.

    Returns the quotes left (continuations joined into the quote they continue).
    """
    para_of = _paragraph_lookup(paragraphs)
    last: Quote | None = None
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: q.start):
        if q.kind == "direct" and q.speaker is None and q.cue is None and last is not None and out and out[-1] is last \
                and last.kind == "direct" and last.speaker is not None and _COORDINATED.fullmatch(text, last.end, q.start) \
                and _speech_act_of(text, last) and not (_title_case(text, last.parts) and _title_case(text, q.parts)):
            # "they chanted “A” and “B.”": the second quote is the same act's, the statement's next part
            _join_part(last, q)
            continue
        if q.kind == "direct" and q.speaker is None and last is not None and last.speaker is not None \
                and _opens_sentence(text, paragraphs[para_of(q.start)][0], q.start):
            gap = para_of(q.start) - para_of(last.end)
            if gap == 0 and _latest_statement(out, text) is last and _asks_someone(text, last, q):
                # "“…?” the reporter asked Lavrov. “B.”": B is the answer, not the asker's: no speaker here
                out.append(q)
                continue
            if gap == 0 and last.kind == "indirect" and len(out) >= 2 and out[-1] is last \
                    and _sign_off_participle(text, out[-2], last) and q.start - last.end <= CONTINUATION_MERGE_CHARS:
                # "“A,” X said, noting that …. “B.”": B goes on with A, past X's participle statement
                last = out[-2]
                out.append(out.pop(-2))
            host = _sign_off_host(out, text, q.start - CONTINUATION_MERGE_CHARS) if gap == 0 else None
            if host is not None and para_of(host.end) == para_of(q.start) \
                    and q.start - host.end <= CONTINUATION_MERGE_CHARS and _one_sentence_between(text, host.end, q.start):
                # "“A,” said X, who noted that …. “B.”", "“A,” she said when asked about …. “B.”": B goes on with A,
                # past the statements the sign-off's own sentence holds
                last = host
                out.remove(host)
                out.append(host)
            joins = gap == 0 or (gap == 1 and _quote_paragraphs(text, paragraphs, para_of, last, q))
            if joins and (last.kind == "direct" or _signed_off_quote(text, last)) and _latest_statement(out, text) is last \
                    and q.start - last.end <= CONTINUATION_MERGE_CHARS \
                    and (q.start - last.end <= CONTINUATION_PLAIN_CHARS or _one_sentence_between(text, last.end, q.start)):
                if last.kind == "indirect":
                    q.verbatim = sorted(q.verbatim + q.parts)
                _join_part(last, q)
                continue
            if gap == 0 or (gap == 1 and _paragraph_is_quote_led(text, paragraphs[para_of(q.start)], q)):
                sp = last.speaker
                # (a surname several people share stays no one's in the next quote too)
                q.speaker = Mention(sp.start, sp.end, sp.text, sp.entity, sp.canonical, "continuation",
                                    kind="surname" if sp.kind == "surname" else "")
                q.flags.append("speaker_from_previous_quote")
        if q.speaker is not None:
            last = q
        out.append(q)
    return out


#: only a closing mark, "and" or "or" (a comma before it) and an opening mark between two quotes: "chanted
#: “A” and “B.”", "advised, “A,” and “B.”"
_COORDINATED = re.compile(r"\s*,?[\"”'’]{1,2}\s*,?\s+(?:and|or)\s+[\"“'‘`]{1,2}\s*")


def _speech_act_of(text: str, q: Quote) -> bool:
    """Is ``q``'s attribution an act of speech that a second quote joined by "and" can share: a cue of
    the cue lexicon or a voice ("said", "chanted", "chants of"), a verb right before the comma or colon
    that opens the quote ("Another advised, “…”") or one casting its object "as" the quote, said by a person
    or group phrase, not a verb phrase ("The senator recommended two books, “…”": "recommended" after
    "senator" is the sentence's verb)? Two names or titles ("sang “Amazing Grace” and “Silent Night”",
    :func:`_title_case`) are no such pair: the caller keeps them apart."""
    if q.cue is None or q.speaker is None:
        return False
    cue = text[q.cue[0]:q.cue[1]]
    between = tokenize(text, q.cue[1], q.start) if q.cue[1] <= q.start else []
    while between and all(c in DOUBLE_ANY + SINGLE_OPEN + "'`" for c in between[-1].text):
        between.pop()  # the opening mark
    introduces = all(t.text in (",", ":") for t in between)
    # "Clinton defamed Assange, an Australian citizen, as “…”": the verb casts its object in the quoted
    # words (not "a website that has run stories with headlines such as “…”", whose words are the website's)
    casts = len(between) >= 2 and between[-1].lower == "as" and between[-2].lower not in _NOT_BEFORE_AS \
        and len(between) <= AS_OBJECT_REACH and not any(t.lower in _OBJECT_RELATIVES | rules.RELATIVES for t in between)
    if not (cue.lower() in rules.CUE_FORMS or voiced_cue(cue) or introduces or casts):
        return False
    return not _verb_phrase(tokenize(text, q.speaker.start, q.speaker.end))


def _verb_phrase(phrase: list[Token]) -> bool:
    """Is a subject phrase a clause, a past-form verb right after a name or a person or organisation noun
    ("The senator recommended two", read back from "books, “…”"), rather than a person or group?"""
    words = [t for t in phrase if t.is_word]
    return any(w.text.islower() and past_form(w.lower) and (_is_name_token(v) or v.lower in rules.PERSON_NOUNS
                                                             or v.lower in rules.ORG_NOUNS)
               for v, w in zip(words, words[1:]))


def _join_part(last: Quote, q: Quote) -> None:
    """Make quote ``q`` the next part of the statement ``last``."""
    last.parts = sorted(last.parts + q.parts)
    last.nested = sorted(last.nested + q.nested)
    last.verbatim = sorted(last.verbatim + q.verbatim)
    last.flags.extend(f for f in q.flags if f not in last.flags)


def _signed_off_quote(text: str, q: Quote) -> bool:
    """Is ``q`` a reported statement that ends in its quote with the cue after it ("Yet the mayor is
    “a change agent,” Cole said.")? A quote that opens the next sentence continues it as a direct
    quote's continuation does ("… Cole said. “That is what people want.”": one statement)."""
    return q.kind == "indirect" and bool(q.verbatim) and q.cue is not None and q.cue[0] >= q.end \
        and text[q.verbatim[-1][1]:q.end].strip(" ,.;:!?" + DOUBLE_ANY + SINGLE_CLOSE + "'") == ""


def _sign_off_host(out: list[Quote], text: str, lo: int) -> Quote | None:
    """The direct quote (or signed-off paraphrase) with a speaker before the indirect statements that end
    ``out`` and lie after it (a sign-off's own: "…,” said X, who noted that …", "…,” she said when asked
    about …"); None when ``out`` ends in no such statement or something else stands between. The walk back
    stops at a statement ending before ``lo`` (no host that far back is joined), so a long run of
    statements costs no more than the few near the end."""
    inner: list[Quote] = []
    for x in reversed(out):
        if x.end < lo:
            return None
        if _short_unattributed(text, x):
            continue
        if x.kind == "direct" or _signed_off_quote(text, x):
            ok = bool(inner) and x.speaker is not None and all(y.start >= x.end for y in inner)
            return x if ok else None
        if x.kind != "indirect":
            return None
        inner.append(x)
    return None


def _latest_statement(out: list[Quote], text: str) -> Quote | None:
    """The last quote of ``out``, past short unattributed quotes (fewer than
    :data:`MIN_UNATTRIBUTED_WORDS` words, no cue, no speaker: a title or a scare-quoted phrase, dropped
    later as naming no statement) that lie inside the sign-off sentence of the statement before them
    ("…,” she said on “Meet the Press” last week. “B.”", "…,” he told the program “Inside Edition”
    after …. “B.”"): such a title does not keep B from joining that statement. One in a later sentence
    is another act ("…,” the governor said. His opponent's ads call the plan “voodoo.” “B.”": B may be
    the opponent's words) and is returned, so B joins nothing across it."""
    skipped: list[Quote] = []
    for x in reversed(out):
        if _short_unattributed(text, x):
            skipped.append(x)
            continue
        if all(_in_sign_off(text, x, t) for t in skipped):
            return x
        return skipped[0]
    return skipped[0] if skipped else None


#: "asked" cues of a question's sign-off ("“A?” I asked her.")
_ASK_CUES = frozenset({"asked", "asks", "ask", "asking"})


def _asks_someone(text: str, q: Quote, nxt: Quote) -> bool:
    """Is ``q`` a question signed off by "asked" with one person addressed ("“Why …?” I asked her.",
    "“…?” the reporter asked Lavrov."), and ``nxt``, the quote after the sign-off, no question: most
    likely that person's answer, not the asker's words? The addressed is the word after the sign-off's
    verb and speaker: "him", "her", "them", a name (capitalised words up to the sentence's end, no
    day or month) or a determiner before a person noun ("asked the minister"). The asker goes on
    when the writer is asked ("he asked me. “…”"), when a group is ("asked Republican politicians",
    "asked the crowd") and when the next quote asks again (PolNeAR train: two such, both the asker's)."""
    if q.kind != "direct" or q.cue is None or q.speaker is None or q.cue[0] < q.end \
            or text[q.cue[0]:q.cue[1]].lower() not in _ASK_CUES or not _ends_in_question(text, q) \
            or _ends_in_question(text, nxt):
        return False
    after = [t for t in tokenize(text, max(q.cue[1], q.speaker.end), nxt.start) if t.is_word or t.text in ".,;:!?"]
    words = after[:next((k for k, t in enumerate(after) if not t.is_word), len(after))]  # up to the first mark
    if not words:
        return False
    first = words[0]
    if first.lower in ("him", "her", "them"):
        return len(words) == 1
    if first.is_cap and all(t.is_cap for t in words) and len(words) <= 3 and first.lower not in rules.NOT_NAMES \
            and not any(t.lower in _WEEKDAYS or t.lower in MONTH_WORDS for t in words):
        return True
    return first.lower in ("the", "a", "an", "his", "her", "their") and len(words) <= 3 \
        and words[-1].lower in rules.PERSON_NOUNS


def _ends_in_question(text: str, q: Quote) -> bool:
    """Does the last part of the quote ``q`` end in a question mark?"""
    return text[q.parts[-1][0]:q.parts[-1][1]].rstrip(" " + DOUBLE_ANY + SINGLE_CLOSE + "'")[-1:] == "?"


def _in_sign_off(text: str, q: Quote, title: Quote) -> bool:
    """Does ``title`` lie in the sentence where the statement ``q`` ends: in its sign-off (``q``'s cue after
    its content, no sentence end between the cue and the title: "…,” she said on “Meet the Press”"), or,
    with no sign-off, in the sentence its words run on into (they end in no full stop, and no sentence
    ends before the title: "… Loretta Lynch suing North Carolina for its “Bathroom Bill,” which …")?"""
    if q.cue is not None and q.end <= q.cue[0] <= title.start:
        return _one_sentence_between(text, q.cue[0], title.start)
    return text[q.end - 1] not in ".!?…" and _one_sentence_between(text, q.end, title.start)


def _short_unattributed(text: str, q: Quote) -> bool:
    """A direct quote of fewer than :data:`MIN_UNATTRIBUTED_WORDS` words with no cue and no speaker."""
    return q.kind == "direct" and q.speaker is None and q.cue is None \
        and sum(t.is_word for s, e in q.parts for t in tokenize(text, s, e)) < MIN_UNATTRIBUTED_WORDS


def _one_sentence_between(text: str, lo: int, hi: int) -> bool:
    """Do the words between two quotes (``text[lo:hi]``, closing and opening marks included) make
    one sentence at most, the sign-off's own ("…,” said X, a professor who …. “")?"""
    return sum(any(c.isalnum() for c in text[s:e]) for s, e in rules.split_sentences(text, lo, hi)) <= 1


def _sign_off_participle(text: str, direct: Quote, q: Quote) -> bool:
    """Is ``q`` a participle statement ("…, noting that …") of the same speaker right after the
    sign-off of the direct quote ``direct`` ("“A,” X said, noting that …")?"""
    return direct.kind == "direct" and direct.speaker is not None and q.speaker is not None \
        and direct.cue is not None and q.cue is not None \
        and (direct.speaker.start, direct.speaker.end) == (q.speaker.start, q.speaker.end) \
        and text[q.cue[0]:q.cue[1]].lower().endswith("ing") and 0 <= q.cue[0] - max(direct.cue[1], direct.speaker.end) <= 3


def _runs_on(text: str, close: int) -> bool:
    """The clause runs on after the closing mark at ``close``: no punctuation ends the quote and a
    lower-case word follows ("“a wise Latina” can bring …")."""
    if close < 1 or text[close - 1] in ".,!?;:…" + DOUBLE_ANY:
        return False
    after = _after_mark(text, close)
    return re.match(r"[ \t\u00a0]+[a-z]", text[after:after + 3]) is not None


def _opens_sentence(text: str, lo: int, start: int) -> bool:
    """Whether the quote whose content starts at ``start`` opens its sentence (or paragraph, from ``lo``):
    only marks, a dash or a sentence's end before its opening mark, no words of the same sentence."""
    i = start - 1
    while i >= lo and (text[i].isspace() or text[i] in DOUBLE_ANY + SINGLE_OPEN + "'"):
        i -= 1
    return i < lo or text[i] in ".!?:;…―—–-)" + DOUBLE_CLOSE + SINGLE_CLOSE


def _quote_paragraphs(text: str, paragraphs: list[tuple[int, int]], para_of, last: Quote, q: Quote) -> bool:
    """“A,” X said. [paragraph break] “B.”: the direct quote ``last`` opens its paragraph and ``q`` is the whole
    of the next one (nothing after its closing mark but punctuation). B goes on with A as one statement, as
    PolNeAR marks it; a paragraph with words of the writer's around either quote keeps B apart (only B's
    speaker is carried over), where PolNeAR marks two statements as often as one."""
    para = paragraphs[para_of(q.start)]
    return last.kind == "direct" and _paragraph_is_quote_led(text, para, q) \
        and _paragraph_is_quote_led(text, paragraphs[para_of(last.start)], last) \
        and text[q.end:para[1]].strip(" \n.,!?" + DOUBLE_ANY + SINGLE_CLOSE + "'") == ""


def _paragraph_is_quote_led(text: str, para: tuple[int, int], q: Quote) -> bool:
    return text[para[0]:q.start].strip(" " + DOUBLE_ANY + SINGLE_OPEN) == ""
