"""Assembly: the stages run in order, speakers resolved against the entities, the component and its export rows."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import tokenize
from slant.analyze.limits import MAX_RULE_SENTENCE_CHARS, Ranges, SpanIndex, rule_windows
from slant.analyze.names import names_an_amount
from slant.analyze.quotes.confidence import CONFIDENCE_FILE, StatementConfidence, load_confidence
from slant.analyze.quotes.direct import MIN_UNATTRIBUTED_WORDS, _continuations, find_direct_quotes, voiced_cue
from slant.analyze.quotes.head import (ATTR_TAGS, HEAD_FILE, _speaker_of_clause_before, combine, tagged_with_scores,
                                      speaker_at_cue, statement_at_cue)
from slant.analyze.quotes.indirect import _subject_speaker, find_indirect_quotes
from slant.analyze.quotes.marks import _normalise_double_marks, _sentence_around
from slant.analyze.quotes.model import HeadScores, Mention, Quote
from slant.analyze.quotes.relays import _relays_around
from slant.analyze.quotes.speakers import _SUBJECT_PRONOUNS, DOCUMENT_NOUNS, statement_issuer
from slant.analyze.registry import register
from slant.document import Document, Span
from slant.errors import ModelError


#: a tagged statement of fewer words is dropped: on PolNeAR dev, tagged contents of 1-2 words ("a",
#: "Minor", "the remark") matched a gold statement 32% of the time, against 65% for the rest
#: (tracker precision 0.725 -> 0.740, speech-attribution recall 0.823 -> 0.821)
MIN_TAGGED_WORDS = 3


#: statement contents that only point at something said before ("Moscow has repeatedly denied this",
#: "he said so"): not a statement a reader can use on its own, so not listed
PRO_FORMS = {"this", "that", "it", "these", "those", "them", "him", "her", "so"}

#: nouns naming a text, record or data rather than someone: a speaker phrase headed by one
#: ("Documents leaked last week", "the F.B.I. report on her emails", "another Pew study") is a
#: document source (Mention.kind "document"), shown as such and never ranked as a person
SOURCE_NOUNS = DOCUMENT_NOUNS | {
    "data", "figures", "numbers", "records", "record", "study", "studies", "survey", "surveys", "poll", "polls",
    "analysis", "analyses", "count", "tally", "statistics", "research", "findings", "estimates", "estimate",
    "papers", "paper", "files", "file", "cables", "cable", "transcript", "transcripts", "results", "evidence",
    "minutes", "emails", "e-mails", "logs", "receipts", "filings", "forms", "disclosures", "audit", "review",
    "investigation", "indictment", "ruling", "opinion", "book", "books", "memoir", "memoirs", "article", "articles",
    "story", "stories", "website", "site", "page", "account", "accounts", "projections", "projection", "model",
}
#: words after a speaker phrase's head noun that start its post-modifier ("report on …", "documents
#: leaked …", "a study by …", "the message, sent to …")
_POST_MODIFIERS = {"on", "of", "by", "from", "in", "for", "about", "to", "with", "at", "that", "which", "who",
                   "released", "published", "obtained", "leaked", "seen", "issued", "filed", "posted", "cited",
                   "sent", "conducted", "reviewed", "prepared", "made", "shared", "circulated"}


#: a restrictive "who" right after a speaker phrase ("about the same number who said …")
_AMOUNT_WHO = re.compile(r"\s+who\b")


#: subjects that name no speaker: "Nobody was willing to say who …" states nothing of anyone ("none
#: has said they want …" is a statement PolNeAR marks, its speaker the group before it)
NO_SPEAKER = frozenset({"nobody", "no one", "no-one"})
#: "No" right before a speaker the recogniser cut to "one" ("No one said the plan would work")
_NO_BEFORE = re.compile(r"(?<![\w'’-])[Nn]o\s+$")


def _document_source(text: str, mention: Mention) -> bool:
    """Is the speaker phrase headed by a noun for a text, record or data ("Documents leaked last
    week", "the F.B.I. report on her emails", "a Pew study from 2011") rather than a person or an
    organisation ("a spokesman for the campaign", "Reuters")?"""
    words = [t for t in tokenize(text, mention.start, mention.end)]
    head = None
    for i, tok in enumerate(words):
        if i > 0 and (tok.text in (",", "(", "—", "–") or (tok.text.islower() and tok.lower in _POST_MODIFIERS)):
            break
        if tok.is_word:
            head = tok
    return head is not None and head.lower in SOURCE_NOUNS and not head.text.isupper()


#: conjunctions a tagged Source may not open with: the head's span slipped ("although he", "and
#: Jewish leaders")
_TIME_WORDS = {"week", "month", "year", "day", "night", "morning", "evening", "weekend", "time", "today", "yesterday"}
_SPEAKER_OPENERS = {"and", "or", "but", "nor", "so", "yet", "although", "though", "while", "because", "if", "when",
                    "after", "before", "since", "whereas"}
#: words a tagged Source may not consist of alone ("and" before a second verb, "The" of "The poll")
_SPEAKER_FRAGMENTS = _SPEAKER_OPENERS | {"the", "a", "an", "as"}


def _tagged_speaker(mention: Mention) -> Mention | None:
    """The attribution head's Source without a leading conjunction ("although he" -> "he"); None
    when nothing but function words is left ("and", "The"): the rules then read the speaker."""
    words = list(re.finditer(r"\S+", mention.text))
    n = 0
    while n < len(words) and words[n].group().lower() in _SPEAKER_OPENERS:
        n += 1
    if n == len(words) or all(w.group().lower() in _SPEAKER_FRAGMENTS for w in words[n:]):
        return None
    if len(words) - n == 1 and words[n].group().islower() and (
            words[n].group().endswith("ing") or words[n].group() in _TIME_WORDS):
        return None  # "raising", "including", "week" (of "last week said")
    if n == 0:
        return mention
    s = mention.start + words[n].start()
    return Mention(s, mention.end, mention.text[words[n].start():])


def _relative_antecedent(text: str, mention: Mention, sentences: list[tuple[int, int]]) -> Mention | None:
    """The noun phrase a relative pronoun Source stands for ("one former campaign staffer, who
    said …" -> "one former campaign staffer"), read as the rules read a relative subject."""
    lo, hi = _sentence_around(sentences, mention.start, both=False)
    tokens = tokenize(text, lo, hi)
    i = next((n for n, t in enumerate(tokens) if t.start == mention.start), None)
    if i is None:
        return None
    return _subject_speaker(text, tokens, (i, i + 1))


def _words(text: str, q: Quote) -> int:
    """Words in a statement's content."""
    return sum(t.is_word for s, e in q.parts for t in tokenize(text, s, e))


def _pro_form_only(text: str, q: Quote) -> bool:
    """Is the statement's content a pronoun alone ("denied this", "said so")?"""
    words = [t.lower for s, e in q.parts for t in tokenize(text, s, e) if t.is_word]
    return bool(words) and all(w in PRO_FORMS for w in words)


def _personal(mention: Mention) -> bool:
    """A pronoun or a person noun phrase ("she", "the Republican nominee")."""
    words = mention.text.lower().split()
    return bool(words) and (words[0] in _SUBJECT_PRONOUNS or words[-1] in rules.PERSON_NOUNS)


def _could_be_name(text: str, mention: Mention, inside: set[str] | None = None) -> bool:
    """A person, organisation or place the entities know, or a word the text also capitalises
    inside a sentence ("Reid", "Japan", even where the recogniser typed them MISC), not a capital
    that only opens sentences ("Civil magistrates have a duty to “…”").

    ``inside`` is :func:`_words_inside_sentences` of ``text``, made once per document (a search of
    the whole text per speaker cost the square of a long article's length).
    """
    if mention.entity is not None and not mention.entity.startswith("misc:"):
        return True
    words = mention.text.split()
    if not words:
        return False
    return words[0] in (inside if inside is not None else _words_inside_sentences(text))


_INSIDE_TOKEN = re.compile(r"(?<=[^\s.!?:;\"“”])\s+(\S+)")
_WORD_CHAR = re.compile(r"\w")


def _words_inside_sentences(text: str) -> set[str]:
    """Every string W for which ``[^\\s.!?:;"“”]\\s+W\\b`` matches in ``text``: the prefixes of each
    token after a space inside a sentence that end at a word boundary. One pass over the text."""
    found: set[str] = set()
    for m in _INSIDE_TOKEN.finditer(text):
        token = m.group(1)
        after = text[m.end(1):m.end(1) + 1]
        word = [_WORD_CHAR.match(c) is not None for c in token]
        word.append(bool(after) and _WORD_CHAR.match(after) is not None)
        for i in range(1, len(token) + 1):
            if word[i - 1] != word[i]:
                found.add(token[:i])
    return found


def _loose_fragments(text: str, direct: list[Quote], paragraphs: list[tuple[int, int]]) -> set[int]:
    """ids of the direct quotes with no speaker that do not open their sentence (no continuation
    can give them one: :func:`_continuations` only continues quotes that open a sentence)."""
    from slant.analyze.quotes.direct import _opens_sentence
    from slant.analyze.quotes.marks import _paragraph_lookup

    para_of = _paragraph_lookup(paragraphs)
    return {id(q) for q in direct if q.kind == "direct" and q.speaker is None and q.cue is None
            and "transcript" not in q.flags and paragraphs
            and not _opens_sentence(text, paragraphs[para_of(q.start)][0], q.start)}


def _subject_fragments(text: str, quotes: list[Quote], paragraphs: list[tuple[int, int]]) -> set[int]:
    """ids of the direct quotes that only the subject rule attributes (no cue word: the sentence's
    subject and first verb, flag ``speaker_from_subject``) and that do not open their sentence: a
    quoted phrase inside a clause ("Swanson praised Franklin Graham, who has vowed not to buy
    cookies because of the group's “support of …”"). Like an unclaimed fragment, such a quote does
    not keep the attribution head from tagging the statement around it (PolNeAR train, 3 x 210 texts
    read: direct quotes +3, precision up; unread train offset 3 and dev: direct +0 and +3)."""
    from slant.analyze.quotes.direct import _opens_sentence
    from slant.analyze.quotes.marks import _paragraph_lookup

    if not paragraphs:
        return set()
    para_of = _paragraph_lookup(paragraphs)
    return {id(q) for q in quotes if q.kind == "direct" and "speaker_from_subject" in q.flags
            and not _opens_sentence(text, paragraphs[para_of(q.start)][0], q.start)}


def _absorb_fragments(direct: list[Quote], indirect: list[Quote], loose: set[int]) -> list[Quote]:
    """Drop each loose fragment that an indirect statement holds; it becomes that statement's verbatim words."""
    if not loose or not indirect:
        return direct
    held = Ranges([(s, e) for q in indirect for s, e in q.parts])
    out = []
    for q in direct:
        if id(q) in loose and all(held.overlaps(s, e) for s, e in q.parts):
            owner = next((x for x in indirect if any(a <= q.start and q.end <= b + 2 for a, b in x.parts)), None)
            if owner is not None:
                owner.verbatim = sorted(owner.verbatim + list(q.parts))
                continue
        out.append(q)
    return out


#: a concessive clause after reported content is the writer's, not the speaker's ("…, Humphrey
#: said he is hopeful …, even though many of the drivers backed Cruz"); PolNeAR train subset
#: (210 texts): speech recall +0.0018, precision +0.0014; cutting at ", but" / ", while" too lost both
_CONCESSIVE = re.compile(r",\s+(?:even though|although|though|despite|however|whereas)\s")


def _trim_concessive(quotes: list[Quote], text: str) -> None:
    """End an indirect statement before a concessive clause (at least 4 words kept; never inside
    its verbatim words)."""
    for q in quotes:
        if q.kind != "indirect":
            continue
        s, e = q.parts[-1]
        m = _CONCESSIVE.search(text, s, e)
        if m is not None and len(text[s:m.start()].split()) >= 4 \
                and not any(a <= m.start() < b for a, b in q.verbatim):
            q.parts[-1] = (s, m.start())


def _speaker_inside_content(text: str, q: Quote) -> bool:
    """Does the statement's speaker lie inside its own content, other than right after the cue ("…,
    said Mr. Ekovich, who noted …", where PolNeAR's content holds the inverted speaker too)?"""
    sp = q.speaker
    if sp is None or q.cue is None or not any(s < sp.end and sp.start < e for s, e in q.parts):
        return False
    inverted = sp.start >= q.cue[1] and text[q.cue[1]:sp.start].strip() == "" \
        and text[sp.end:sp.end + 2].strip()[:1] in ("", ",", ".", ";", "(")
    return not inverted  # ("saying he “sort of hopes” …": "he" opens what was said)


def _keep_cue_paragraph(q: Quote, paragraphs: list[tuple[int, int]]) -> None:
    """A tagged statement's parts in other paragraphs than its cue's are dropped when a part lies in
    the cue's own: the head joins any content within reach of a cue, also across a paragraph break
    ("WSJ editorial: ‘Deport Nikki Haley.’" + the next paragraph's first clause)."""
    import bisect
    starts = [p[0] for p in paragraphs]
    para = lambda pos: bisect.bisect_right(starts, pos) - 1  # noqa: E731
    own = para(q.cue[0])
    kept = [part for part in q.parts if para(part[0]) == own]
    if kept and len(kept) < len(q.parts):
        q.parts = kept


def _same_attribution(a: Quote, b: Quote) -> bool:
    """Do two statements have one cue and one speaker, the same words of the text?"""
    return a.cue is not None and a.cue == b.cue and a.speaker is not None and b.speaker is not None \
        and (a.speaker.start, a.speaker.end) == (b.speaker.start, b.speaker.end)


def _join_split_quotes(quotes: list[Quote], text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """“A?” Trump asked. “B.”: a direct quote that opens a sentence and whose cue and speaker are the
    words between it and the direct quote before it in the same paragraph (the sign-off of the first,
    read again as the lead-in of the second: "Trump asked." before “B”), with no other cue there ("…,”
    he said, and then predicted: “B”" is two), is that quote's second part, as a continuation is
    (:data:`~slant.analyze.quotes.direct.CONTINUATION_MERGE_CHARS`): one statement, one speaker, as a
    reader and PolNeAR count it. A quote inside the sign-off is a title, not a part ("…,” Trump told
    “Fox and Friends”"). The second quote's subject reading (flag ``speaker_from_subject``) is not the
    statement's: the sign-off after the first quote attributes it. A question put to someone ("“Why …?”
    I asked her. “B.”", :func:`~slant.analyze.quotes.direct._asks_someone`) is not joined to its answer,
    and the answer gets no speaker: the asker is not who answers."""
    from slant.analyze.quotes.direct import (CONTINUATION_MERGE_CHARS, _asks_someone, _join_part, _latest_statement,
                                             _opens_sentence)
    from slant.analyze.quotes.marks import _paragraph_lookup
    from slant.analyze.quotes.speakers import _is_cue

    if not paragraphs:
        return quotes
    para_of = _paragraph_lookup(paragraphs)
    out: list[Quote] = []
    for q in quotes:
        last = _latest_statement(out, text)
        if last is not None and q.kind == last.kind == "direct" and _same_attribution(last, q) \
                and last.end <= min(q.cue[0], q.speaker.start) and max(q.cue[1], q.speaker.end) <= q.start \
                and q.start - last.end <= CONTINUATION_MERGE_CHARS and para_of(q.start) == para_of(last.end) \
                and _opens_sentence(text, paragraphs[para_of(q.start)][0], q.start) \
                and not any(_is_cue(t) for t in tokenize(text, last.end, q.start) if t.start != q.cue[0]):
            q.flags = [f for f in q.flags if f != "speaker_from_subject"]
            if _asks_someone(text, last, q):
                # "“Why …?” I asked her. “B.”": B is her answer, not the asker's: no speaker read here
                q.speaker = q.cue = None
                q.flags.append("speaker_unresolved")
                out.append(q)
                continue
            _join_part(last, q)
            continue
        out.append(q)
    return out


def extract_quotes(doc: Document, entities: list[Span] | None = None,
                   tagged: list[Quote] | None = None) -> list[Quote]:
    """All quotes of ``doc`` with speakers resolved against ``entities`` (default: its "entities" layer).

    ``tagged`` are statements from the attribution head; they fill in what the rules did not find.
    """
    from slant.analyze.entities import EntityIndex

    text = doc.text
    paragraphs = [(p.start, p.end) for p in doc.paragraphs] or rules.split_paragraphs(text)
    whole_paragraphs = paragraphs
    sentences = [(s.start, s.end) for s in doc.sentences] or [
        s for lo, hi in rule_windows(text, paragraphs) for s in rules.split_sentences(text, lo, hi)]
    # A run-on paragraph (or sentence) is read in bounded pieces: every rule below scans within
    # one, so a megabyte with no line break costs linear time, not the square (issue 16).
    paragraphs = rule_windows(text, paragraphs, sentences)
    sentences = rule_windows(text, sentences, max_chars=MAX_RULE_SENTENCE_CHARS)
    # Typewriter doubles ('') read as one mark; same length, so every offset holds for doc.text.
    marked_text = _normalise_double_marks(text)
    direct = find_direct_quotes(marked_text, paragraphs)
    # A quoted phrase inside a sentence with no attribution of its own ("X said the plan was
    # “unworkable” and …", "…, said that it was “committed to …” and “open to …”") is words of
    # the sentence's reported speech, not a statement: it does not block the indirect reading of
    # that sentence, and inside it becomes the statement's verbatim words.
    loose = _loose_fragments(marked_text, direct, paragraphs)
    indirect = find_indirect_quotes(marked_text, sentences, [q for q in direct if id(q) not in loose])
    direct = _absorb_fragments(direct, indirect, loose)
    quotes = sorted(direct + indirect, key=lambda q: q.start)
    if tagged:
        # Tagged statements without a cue were mostly wrong on PolNeAR dev (precision 0.50 with
        # them, 0.60 without). A tagged statement keeps the head's content (with the 29 Nov head,
        # replacing it by the rules' reading around the cue lowered content F1 0.670 -> 0.658);
        # a missing source is taken from the rules' reading of the cue's sentence.
        extra = []
        for q in tagged:
            if q.cue is not None and len(q.parts) > 1:
                _keep_cue_paragraph(q, whole_paragraphs)
            if q.cue is None or _words(text, q) < MIN_TAGGED_WORDS:
                continue
            slipped = q.speaker is not None and _tagged_speaker(q.speaker) is None
            if q.speaker is not None:
                q.speaker = _tagged_speaker(q.speaker)
            if q.speaker is not None and q.speaker.text.lower() in ("who", "whom"):
                # PolNeAR tags the relative pronoun as the Source ("a former staffer, who said …"):
                # the phrase it stands for speaks, when the rules can read it
                q.speaker = _relative_antecedent(marked_text, q.speaker, sentences) or q.speaker
            elif q.speaker is not None and q.speaker.text.split(None, 1)[0].lower() == "who":
                # a whole relative clause tagged ("Trump, [who was once the star of … “The
                # Apprentice,”] said …"): the phrase "who" stands for speaks, never a name inside
                # the clause; else the rules read the cue's subject below, and failing that the
                # statement stays with its speaker unknown ("whom Turkish news reports identify
                # as …" is left alone: "whom" is the object, the clause's subject speaks)
                q.speaker = _relative_antecedent(marked_text, q.speaker, sentences)
                slipped = q.speaker is None
            if q.speaker is None:
                own = _sentence_around(sentences, q.cue[0], both=False)
                read = statement_at_cue(marked_text, q.cue, *own)
                if read is not None and "speaker_unresolved" in read.flags:
                    # A participle after an object ("proposals to NATO leaders seeking …") whose
                    # clause subject could not be read: the statement stays, its speaker unknown.
                    q.flags.append("speaker_unresolved")
                    extra.append(q)
                    continue
                q.speaker = (read.speaker if read is not None else None) or \
                    speaker_at_cue(marked_text, q.cue, *_sentence_around(sentences, q.cue[0])) or \
                    _speaker_of_clause_before(quotes, marked_text, q.cue, own[0])
                if q.speaker is not None and _tagged_speaker(q.speaker) is None:
                    # the rules' reading is held to the same test ("The remarks suggest …": "The"):
                    # someone's statement, who is not named here
                    q.speaker, slipped = None, True
                if q.speaker is None and slipped:
                    # The head tagged a source, but only a function word of it ("and" before a
                    # second verb): a statement of someone, who is not named here.
                    q.flags.append("speaker_unresolved")
                    extra.append(q)
                    continue
                if q.speaker is None:
                    # Nobody found: neither the head nor the rules read a source. A statement has
                    # a speaker or a cue, and here the cue is the head's guess alone; on PolNeAR
                    # dev 45 such statements matched a gold one 62% of the time (the rest: 80%);
                    # dropping them: precision 0.7995 -> 0.8044, speech recall 0.817 -> 0.812.
                    continue
            extra.append(q)
        # A quoted fragment nobody is given yet (scare quotes or a phrase of someone's words) that
        # the scare-quote rule below would drop, or that opens no sentence (so no continuation can
        # give it a speaker), does not keep the head from tagging the statement around it
        # ("assailed a federal judge … for his ''Mexican heritage.''"): that statement is listed,
        # the fragment its verbatim words. PolNeAR train (3 x 210 texts): direct quotes +70 of 4,182.
        unclaimed = {id(q) for q in quotes if q.kind == "direct" and q.speaker is None and q.cue is None
                     and "transcript" not in q.flags
                     and (id(q) in loose or _words(text, q) < MIN_UNATTRIBUTED_WORDS)}
        unclaimed |= _subject_fragments(marked_text, quotes, paragraphs)
        quotes = combine(quotes, extra, unclaimed, marked_text)
    for q in quotes:
        if q.speaker is not None:
            # "X released a statement saying …", "X said in a written statement that …": X speaks
            issuer = statement_issuer(marked_text, q.speaker, *_sentence_around(sentences, q.speaker.start, both=False))
            if issuer is not None:
                q.speaker = issuer
                if q.cue is not None and q.cue[0] < issuer.end + 40 and marked_text[q.cue[0]:q.cue[1]].lower() in (
                        "written", "emailed", "e-mailed"):
                    q.cue = None  # ("written" of "in a written statement" is no cue)
    for q in quotes:
        if _speaker_inside_content(marked_text, q):
            # "comments Trump made saying [he “sort of hopes” …]" with speaker "he": a speaker read
            # inside what was said is a word of the statement, not who said it (on PolNeAR train,
            # 3 x 210 texts, 9 of 132 such speakers of matched statements were right). The subject
            # before the cue, else nobody named here.
            read = speaker_at_cue(marked_text, q.cue, *_sentence_around(sentences, q.cue[0]))
            if read is not None and not any(s < read.end and read.start < e for s, e in q.parts):
                q.speaker = read
            else:
                q.speaker = None
                q.flags.append("speaker_unresolved")
    for q in quotes:
        if q.speaker is not None and _AMOUNT_WHO.match(text, q.speaker.end) and names_an_amount(q.speaker.text):
            # "…, about the same number who said it would hurt workers": an amount that a relative
            # clause's speech act hangs on names nobody; the statement stays, its speaker unknown
            # (issue 13). ("41 percent said …" keeps its subject, PolNeAR's Source, and is never
            # ranked as a name: names.is_speaker_name)
            q.speaker = None
            q.flags.append("speaker_unresolved")
    # Resolve named speakers and pronouns in text order, so a pronoun can lean on an earlier speaker.
    index = EntityIndex.build(doc, entities)
    quote_ranges = [(s, e) for q in quotes if q.kind == "direct" for s, e in q.parts]
    _relays_around(quotes, text, sentences)
    inside: set[str] | None = None
    for q in quotes:
        if q.speaker is not None:
            index.resolve_mention(q.speaker, quote_ranges)
            if "speaker_from_subject" in q.flags and not _personal(q.speaker):
                if inside is None:
                    inside = _words_inside_sentences(text)
                if _could_be_name(text, q.speaker, inside):
                    continue
                # The weakest rule: "Civil magistrates have a duty to “…”" has a capital, not a speaker.
                q.speaker = q.cue = None
                q.flags.remove("speaker_from_subject")
                if q.kind == "indirect" and q.verbatim:
                    q.kind, q.parts, q.verbatim = "direct", list(q.verbatim), []  # the quote alone again
    quotes = _continuations(quotes, text, paragraphs)
    quotes = _join_split_quotes(quotes, text, paragraphs)
    _trim_concessive(quotes, text)
    kept = []
    for q in quotes:
        if q.kind == "direct" and q.speaker is None and _words(text, q) < MIN_UNATTRIBUTED_WORDS \
                and not (q.cue is not None and voiced_cue(text[q.cue[0]:q.cue[1]])):
            continue  # scare quotes, titles (a chant keeps its cue: "a chant of “Feel the Bern!”")
        if q.kind == "indirect" and _pro_form_only(text, q):
            continue  # "Moscow has repeatedly denied this": what was denied is not in the statement
        if q.speaker is not None and (" ".join(q.speaker.text.lower().split()) in NO_SPEAKER
                                      or _NO_BEFORE.search(text, max(0, q.speaker.start - 4), q.speaker.start)):
            if q.kind == "indirect":
                continue  # "Nobody was willing to say who had ordered the strike": nothing was said
            q.speaker = None  # ("“…,” no one said"): words of nobody in particular
            q.flags.append("speaker_unresolved")
        if q.speaker is not None and (q.speaker.entity or "misc:").startswith("misc:") \
                and _document_source(text, q.speaker):
            # a person, organisation or place the recogniser found stays a speaker ("The Times report")
            q.speaker.kind = "document"
        kept.append(q)
    return kept


def _add_relay_entities(doc: Document, quotes: list[Quote]) -> None:
    """An outlet named as a relay is an organisation: add it to "entities" when the recogniser missed it."""
    from slant.analyze.entities import _slug

    layer = doc.layers.get("entities")
    if layer is None:
        return
    added = []
    replaced: set[int] = set()
    # entities by start, and by canonical name: looked up per relay by bisection and by key, not by
    # a scan of every entity mention (a long article has tens of thousands)
    by_start = SpanIndex(layer)
    by_canonical: dict[str, Span] = {}
    for x in layer:
        by_canonical.setdefault(x.attrs.get("canonical", "").lower(), x)
    for q in quotes:
        if q.relay is None:
            continue
        s, e, name = q.relay
        if doc.text[s:e].lower() in rules.PLATFORMS:
            continue
        overlapping = by_start.overlapping(s, e) + [x for x in added if x.start < e and s < x.end]
        # "Russia" tagged inside "Russia Today": the outlet's full name wins.
        if any(not (s <= x.start and x.end <= e and (x.start, x.end) != (s, e)) for x in overlapping):
            continue
        replaced.update(id(x) for x in overlapping)
        canonical = name[4:] if name.lower().startswith("the ") else name
        # Same outlet named elsewhere as an entity: reuse its id.
        same = by_canonical.get(canonical.lower())
        entity = same.attrs["entity"] if same else f"org:{_slug(canonical)}"
        added.append(Span(s, e, "ORG", None, {"entity": entity, "canonical": canonical, "mention": "relay"}))
    if added:
        doc.add_layer("entities", [x for x in layer if id(x) not in replaced] + added)


#: ``annotate_quotes``' default statement-confidence model: the package's file
DEFAULT_CONFIDENCE = "default"


def _confidence_model(confidence: StatementConfidence | str | os.PathLike) -> StatementConfidence:
    """The model ``confidence`` names: itself, the package's ("default"), or the file at a path (a
    folder: its statement_confidence.json). A path with no model is an error, never the package's."""
    if not isinstance(confidence, (str, os.PathLike)):
        return confidence
    if confidence == DEFAULT_CONFIDENCE:
        return load_confidence()
    path = Path(confidence)
    if path.is_dir():
        path = path / CONFIDENCE_FILE
    if not path.is_file():
        raise ModelError(f"no statement-confidence model at {path}", source=str(path),
                         hint=f"pass the path of a {CONFIDENCE_FILE} file or a folder holding one, "
                              f"{DEFAULT_CONFIDENCE!r} for the package's model, or None for no probabilities")
    return load_confidence(path.parent) if path.name == CONFIDENCE_FILE else StatementConfidence.load(path)


def annotate_quotes(doc: Document, entities: list[Span] | None = None,
                    tagged: list[Quote] | None = None, head_scores: HeadScores | None = None,
                    confidence: StatementConfidence | str | os.PathLike | None = DEFAULT_CONFIDENCE) -> Document:
    """Add the "quotes" layer (and "quote_cues", "quote_speakers") to ``doc``.

    Each statement gets its calibrated probability from ``confidence`` (the package's
    statement-confidence model by default; ``head_scores``, the attribution head's reading of the
    text, where the head ran); statements below the model's threshold are not listed. A path loads
    that model file (or a folder's statement_confidence.json; none there is a ModelError). ``None``
    lists every statement, with no probability.
    """
    quotes = extract_quotes(doc, entities, tagged)
    if confidence is not None:
        model = _confidence_model(confidence)
        quotes = model.admit(doc.text, quotes, head_scores)
    _add_relay_entities(doc, quotes)
    doc.add_layer("quotes", [q.to_span() for q in quotes])
    doc.add_layer("quote_cues", [Span(q.cue[0], q.cue[1], "cue") for q in quotes if q.cue])
    doc.add_layer("quote_speakers", [Span(q.speaker.start, q.speaker.end, "speaker",
                                          attrs={"entity": q.speaker.entity,
                                                 "canonical": q.speaker.canonical or q.speaker.text})
                                     for q in quotes if q.speaker])
    return doc


class _QuotesComponent:
    """The quotes component: the rules, plus the attribution head when its file is present.

    The head reads the encoder states the entity component left in ``SHARED_STATES``; without
    them (or without the head file) the deterministic layer runs alone.
    """

    def __init__(self, settings: Any = None):
        self.head = None
        model_dir = getattr(settings, "model_dir", None)
        self.confidence = load_confidence(model_dir)
        try:
            from pathlib import Path

            from slant.analyze.entity_features import ConvTagHead
            from slant.models.onnx_model import DEFAULT_MODEL_DIR

            path = (Path(model_dir) if model_dir else DEFAULT_MODEL_DIR) / HEAD_FILE
            if path.is_file():
                self.head = ConvTagHead.load(path, ATTR_TAGS)
                _check_encoder(path, model_dir)
        except ImportError:
            self.head = None

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        out = []
        for d in docs:
            tagged, scores = self._tagged(d)
            out.append(annotate_quotes(d, tagged=tagged, head_scores=scores, confidence=self.confidence))
        return out

    def _tagged(self, doc: Document) -> tuple[list[Quote] | None, HeadScores | None]:
        if self.head is None:
            return None, None
        from slant.analyze.entities import SHARED_STATES

        cached = SHARED_STATES.get(doc.text)
        if cached is None:
            return None, None
        offsets, states = cached
        return tagged_with_scores(self.head, doc.text, offsets, states)


def _check_encoder(head_path, model_dir) -> None:
    """Warn when the attribution head was trained on another encoder than the shipped one."""
    try:
        from slant.analyze.entities import _warn_if_other_encoder
        from slant.models.onnx_model import get_model

        model = get_model(model_dir)
    except Exception:  # no persuasion model here: the head only runs on states someone provides
        return
    _warn_if_other_encoder(head_path, lambda ids, mask: model.encode_chunks(ids, mask)[0], model.tokenizer)


@register("slant.quotes.v1", requires=("entities",), provides=("quotes", "quote_cues", "quote_speakers"),
          settings_section="analyze")
def make_quotes_component(settings: Any = None):
    """Direct and indirect quotes with cue, speaker (resolved to an entity) and relay."""
    return _QuotesComponent(settings)


#: columns of ``--format quotes-tsv`` (issue 4), offsets in raw-file coordinates; ``probability`` is the
#: statement's calibrated chance that annotators would mark it (``quotes.confidence.PROBABILITY_MEANING``),
#: empty when the layer was made without the confidence model
QUOTES_TSV_COLUMNS = ("doc_id", "content_start", "content_end", "speaker", "speaker_start", "speaker_end",
                      "cue_start", "cue_end", "relay", "kind", "probability", "content")


def quote_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per quote of ``doc`` for the quotes-tsv export (raw-file offsets; "" where unknown)."""
    rows = []
    for span in doc.layers.get("quotes", []):
        a = span.attrs
        start, end = doc.offsets.span_to_raw(span.start, span.end)
        speaker = a.get("speaker") or {}
        cue = a.get("cue")
        s_start, s_end = doc.offsets.span_to_raw(speaker["start"], speaker["end"]) if speaker else ("", "")
        c_start, c_end = doc.offsets.span_to_raw(cue[0], cue[1]) if cue else ("", "")
        content = doc.parts_text(span)
        rows.append({
            "doc_id": doc.id, "content_start": start, "content_end": end,
            "speaker": (speaker.get("canonical") or speaker.get("text") or "") if speaker else "",
            "speaker_start": s_start, "speaker_end": s_end, "cue_start": c_start, "cue_end": c_end,
            "relay": (a.get("relay") or {}).get("name", ""), "kind": a.get("kind", span.label),
            "probability": a.get("probability", ""),
            "content": " ".join(content.split()),
        })
    return rows
