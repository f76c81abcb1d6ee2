"""Speaker phrases: the noun phrase before or after a cue, a sentence's subject, and the cue words around them."""

from __future__ import annotations

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import Token, tokenize
from slant.analyze.entities import ROLE_OBJECT_HEADS, SERVING_HEADS
from slant.analyze.names import ROLE_PREPOSITIONS
from slant.analyze.quotes.model import Mention
from slant.clean.dates import MONTH_NAMES, WEEKDAY_NAMES


#: capitalised words that are verbs only; "States", "Reports" or "Claims" capitalised are names
_CAPITALISED_CUES = {"said", "says", "told", "tells", "added", "adds", "warned", "warns", "denied", "denies",
                     "insisted", "insists", "explained", "explains", "tweeted", "wrote", "writes", "stated"}


def _is_cue(tok: Token) -> bool:
    """Is ``tok`` a reporting verb here? (A capitalised "States" in "the United States" is not.)"""
    low = tok.lower
    return low in rules.CUE_FORMS and (not tok.is_cap or low in _CAPITALISED_CUES)


def _is_name_token(tok: Token) -> bool:
    return tok.is_cap and tok.lower not in rules.NOT_NAMES and tok.is_word


def _np_backward(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """Token range [a, b) of the noun phrase ending just before token ``end`` (a subject).

    Accepts a pronoun, a run of capitalised words (with "of", "al", hyphens), or a determiner
    phrase headed by a person or organisation noun ("the French leader", "Western officials").
    """
    b = end
    if b <= 0:
        return None
    last = tokens[b - 1]
    if last.lower in rules.PRONOUNS:
        return (b - 1, b)
    a = b
    head_ok = False
    while a > 0:
        tok = tokens[a - 1]
        low = tok.lower
        if _is_cue(tok):
            break  # a capitalised cue in a headline ("Obama Says …") is not part of a name
        if _is_name_token(tok) or (low in rules.NATIONALITIES and tok.is_cap):
            head_ok = True
            a -= 1
        elif low in rules.PERSON_NOUNS or low in rules.ORG_NOUNS:
            if a == b:
                head_ok = True
            a -= 1
        elif a < b and (low in rules.NAME_GLUE) and a - 1 > 0 and (
                _is_name_token(tokens[a - 2]) or tokens[a - 2].lower in rules.PERSON_NOUNS
                or tokens[a - 2].lower in rules.DETERMINERS):
            a -= 1
        elif a < b and (low in rules.DETERMINERS or low in rules.NATIONALITIES):
            a -= 1
            if low in ("the", "a", "an", "his", "her", "its", "their", "our"):
                break
        else:
            break
        if b - a > 9:
            return None
    # Adjectives between a determiner and the head: "a new poll", "the outgoing minister".
    if head_ok and a < b and a > 0 and tokens[a].lower not in rules.DETERMINERS:
        j = a
        while j > 0 and a - j < 3 and tokens[j - 1].is_word and tokens[j - 1].lower not in _NOT_HEADS \
                and not _is_cue(tokens[j - 1]) and tokens[j - 1].lower not in rules.DETERMINERS:
            j -= 1
        if j > 0 and tokens[j - 1].lower in ("the", "a", "an", "his", "her", "its", "their", "our"):
            a = j - 1
    # A determiner may be capitalised at a sentence start: "The spokesman said".
    while a < b and tokens[a].lower in rules.NOT_NAMES and tokens[a].lower not in rules.DETERMINERS:
        a += 1
    if a >= b or not head_ok:
        return _generic_np_backward(tokens, end)
    if tokens[b - 1].lower in rules.NAME_GLUE or tokens[b - 1].lower in rules.DETERMINERS:
        return None
    return (_role_before(tokens, a), b)


def _role_before(tokens: list[Token], a: int) -> int:
    """Where a name at token ``a`` that is the object of a role's preposition starts its phrase: at
    the role ("[The ambassador to] Russia", "[The head of] the UN", "[The wife of] Bill Clinton",
    "[The chief of staff to] President Obama", "[The director of the office of] Hillary Clinton"),
    who speaks there; else ``a``."""
    if a >= 4 and tokens[a - 1].lower == "and" and tokens[a - 2].is_cap:
        # "[Strategists for Barack Obama and] Hillary Clinton": the role serves both names (not "the
        # Organization for Economic Cooperation and Development", "the University of Chicago and
        # Professor Knittel": no role's noun before the preposition)
        first = _np_backward(tokens, a - 1)
        return first[0] if first is not None and first[1] == a - 1 and first[0] < a - 2 \
            and any(tokens[j].lower in ROLE_PREPOSITIONS and tokens[j - 1].lower in SERVING_HEADS
                    and tokens[j - 1].lower not in rules.TITLES for j in range(first[0] + 1, a - 2)) else a
    if a < 2 or tokens[a - 1].lower not in ROLE_PREPOSITIONS:
        return a
    head = tokens[a - 2].lower
    if head not in SERVING_HEADS and head not in rules.ORG_NOUNS:
        return a
    role = _np_backward(tokens, a - 1)
    if (role is None or role[1] != a - 1) and head in SERVING_HEADS and a >= 4 and tokens[a - 3].lower == "of" \
            and tokens[a - 4].lower in SERVING_HEADS:
        role = _np_backward(tokens, a - 3)  # "[The chief of staff to] President Obama"
        return role[0] if role is not None and role[1] == a - 3 else a
    if role is None or role[1] != a - 1:
        return a
    if head in SERVING_HEADS:
        return role[0]
    # an organisation's noun is the phrase only as the object of a role's own preposition ("the
    # director of [the office of] Hillary Clinton"), not "the office of Hillary Clinton said"
    return role[0] if any(t.lower in ROLE_PREPOSITIONS for t in tokens[role[0]:a - 2]) else a


_CLAUSE_STARTERS = {",", "but", "and", "—", "–", "--", ";", ":", "while", "though", "although", "because"}


#: lower-case words that cannot head a subject noun phrase
_NOT_HEADS = {"that", "which", "who", "it", "this", "there", "also", "not", "then", "so", "as", "is", "was",
              "be", "been", "have", "has", "had", "would", "will", "could", "should", "can", "may", "to",
              "of", "in", "on", "at", "for", "with", "by", "from", "and", "or", "but", "if", "when"}


def _generic_np_backward(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """A short common-noun subject at the start of its clause ("critics say", "But many experts say")."""
    if end <= 0:
        return None
    head = tokens[end - 1]
    if not head.is_word or head.lower in _NOT_HEADS or head.lower in rules.CUE_FORMS or head.text[:1].isdigit():
        return None
    a = end - 1
    while a > 0 and end - a < 6:
        prev = tokens[a - 1]
        if prev.lower in _CLAUSE_STARTERS or prev.text in _CLAUSE_STARTERS:
            break
        if not prev.is_word or prev.lower in _NOT_HEADS or prev.lower in rules.CUE_FORMS:
            return None
        a -= 1
    if a > 0 and not (tokens[a - 1].lower in _CLAUSE_STARTERS or tokens[a - 1].text in _CLAUSE_STARTERS):
        return None
    while a < end and tokens[a].lower in rules.NOT_NAMES and tokens[a].lower not in rules.DETERMINERS:
        a += 1
    return (a, end) if a < end else None


#: words opening a comma-fenced insertion between a subject and its verb that is no appositive:
#: "Clinton, at a later press gaggle, said", "The minister, in a statement, said"
_INSERTION_HEADS = {"at", "in", "on", "during", "after", "before", "while", "when", "asked", "speaking",
                    "like", "unlike", "however", "meanwhile", "too", "for", "through", "by"}
#: lower-case words that open an appositive after a name ("Elijah Cummings, chair of the Platform
#: Committee, said"); an appositive holding a person noun ("Al Cardenas, a former chairman") also is one
_APPOSITIVE_ROLES = {"chair", "chairwoman", "co-chair", "lobbyist", "partner", "member", "executive", "manager",
                     "adviser", "advisor", "aide", "owner", "deputy", "former", "longtime", "veteran", "senior",
                     "top", "co-founder", "fellow", "host", "organizer", "creator", "vice", "then-candidate"}


def _subject_before(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """The subject before token ``end``, including an appositive ("Phil Smith, a spokesman for X,")."""
    if end >= 4 and tokens[end - 1].text == ")":
        # "Rep. Gwen Moore (D-Wis.) said": a party or place tag after the name.
        for k in range(end - 2, max(0, end - 8), -1):
            if tokens[k].text == "(":
                rng = _np_backward(tokens, k)
                return (rng[0], end) if rng is not None else None
        return None
    rng = _np_backward(tokens, end)
    if rng is not None or end < 3 or tokens[end - 1].text not in (",", "—", "–", "--", "-"):
        return rng
    closer = tokens[end - 1].text
    for k in range(end - 2, max(0, end - 32), -1):
        if tokens[k].text == closer or (closer in "—–--" and tokens[k].text in ("—", "–", "--")):
            first = tokens[k + 1] if k + 1 < end - 1 else None
            # "Phil Smith, a spokesman for X,", "Obama, dedicating the museum on Saturday,"
            role = first is not None and first.text.islower() and k > 0 and (tokens[k - 1].is_cap or tokens[k - 1].text == ")") \
                and (first.lower in _APPOSITIVE_ROLES or any(t.lower in rules.PERSON_NOUNS for t in tokens[k + 1:end - 1]))
            if first is None or not (first.lower in ("a", "an", "the", "who") or first.is_cap or role
                                     or first.lower in rules.PERSON_NOUNS or first.text[:1].isdigit()
                                     or (first.text.islower() and first.text.endswith("ing"))
                                     or (first.text.islower() and (first.text.endswith("ed") or first.lower == "clad")
                                         and k + 2 < end and tokens[k + 2].lower in ("by", "in", "with"))
                                     or first.lower in _INSERTION_HEADS):
                return None
            # "Rep. Elijah Cummings (D-Md.), chair of …,": the party tag stays with the name
            head = _subject_before(tokens, k) if tokens[k - 1].text == ")" else _np_backward(tokens, k)
            if head is None or tokens[head[0]].lower in rules.PRONOUNS:
                return None
            if first is not None and first.lower in ("who", "whose"):
                # "Trump, who questioned the ruling, said …": the name speaks; the relative clause
                # is a statement of its own, not part of the speaker
                return head
            return (head[0], end - 1)
        if tokens[k].text in (".", ";", "“", "”", '"'):
            return None
    return None


def _subject_or_coordinated(tokens: list[Token], end: int, far: bool = False) -> tuple[int, int] | None:
    """The subject before token ``end``; for a second verb ("Mr. McKinley is bearish on loans and
    expects …"), the name or pronoun that opens the sentence; with ``far``, else the subject of
    the first verb of the verb phrases "and"/"but" joins (:func:`_coordinated_subject`)."""
    rng = _subject_before(tokens, end)
    if rng is None and end > 0 and tokens[end - 1].lower in ("and", "but"):
        found = _sentence_subject(tokens[:end - 1], coordinated=True)
        rng = found[0] if found is not None else None
        if rng is None and far:
            rng = _coordinated_subject(tokens, end - 1)
    return rng


#: words that open another clause between a subject's first verb and "and" + a second verb: the
#: second verb may belong to that clause, so no subject is read across them
_COORDINATION_BREAKS = {"that", "which", "who", "whom", "whose", "because", "if", "whether", "when", "while",
                        "although", "though", "since", "until", "unless", "where", "what", "how", "why", "so",
                        "than", "once", "before", "after", "as"}
#: tokens that may stand right before a coordinated clause's subject (a clause boundary)
_SUBJECT_OPENERS = {",", "—", "–", "--", "-", ";", ":", "(", ")", "when", "while", "as", "after", "before", "since",
                    "and", "but", "later", "then", "now", "meanwhile", "instead", "also", "ago", "today", "yesterday"}


def _coordinated_subject(tokens: list[Token], conj: int) -> tuple[int, int] | None:
    """The subject of the verb phrases that "and"/"but" at token ``conj`` joins, when it stands
    farther back than the sentence's opening phrase ("Sanders’ campaign launched a $1.5 million ad
    buy in California on Tuesday and announced …", "A few minutes later they reversed themselves,
    rushed everyone inside and said …", "… was underscored when Paul Ryan lamented … and
    criticized …"): the nearest past-form verb before ``conj`` (no clause word, cue or quote mark
    between) whose subject is a name, a pronoun or a noun phrase opening its clause."""
    j = conj - 1
    while j > 0 and conj - j <= 24:
        t = tokens[j]
        low = t.lower
        if t.text in ("”", '"'):
            # a short quoted fragment inside the first verb phrase ("lamented the “disheartened”
            # state of the campaign and criticized …") is words of that phrase
            k = next((n for n in range(j - 1, max(0, j - 10), -1) if tokens[n].text in ("“", '"')), None)
            if k is not None and k > 0 and not any(tokens[n].text in (".", "?", "!") for n in range(k + 1, j - 1)):
                j = k - 1
                continue
        if low in _COORDINATION_BREAKS or t.text in (";", ":", "“", "”", '"', ".", "?", "!") \
                or (_is_cue(t) and not low.endswith("ing") and _clause_between(tokens, j + 1, conj)) or low in _BE_FORMS:
            return None
        if t.text.islower() and t.is_word and (low in _IRREGULAR_VERBS or (low.endswith("ed") and len(low) > 4)) \
                and tokens[j - 1].lower not in rules.DETERMINERS and tokens[j - 1].lower not in ("to", "be", "been") \
                and not (low.endswith("ed") and tokens[j + 1].lower in ("by", "from", "with", "in")
                         and tokens[j - 1].lower not in _SUBJECT_PRONOUNS):  # "a haven shielded from …"
            b = _skip_adverbs_back(tokens, j)
            rng = _subject_before(tokens, b) if b > 0 else None
            if rng is not None and rng[0] >= 2 and tokens[rng[0] - 1].text in ("'", "’", "'s", "’s"):
                owner = _np_backward(tokens, rng[0] - 1)  # "Sanders’ campaign"
                rng = (owner[0], rng[1]) if owner is not None else None
            if rng is not None and any(tokens[n].lower in _COORDINATION_BREAKS or tokens[n].lower == "where"
                                       for n in range(rng[0], rng[1])):
                return None  # "a new Syria where Assad is allowed …": no subject of a clause of its own
            if rng is not None and tokens[rng[0]].lower not in rules.RELATIVES and (
                    rng[0] == 0 or tokens[rng[0] - 1].lower in _SUBJECT_OPENERS
                    or tokens[rng[0]].lower in _SUBJECT_PRONOUNS):
                return rng
            if rng is not None or b < j:
                return None  # a verb with another subject, or an auxiliary: not safely this one
        j -= 1
    return None


#: auxiliaries that show a clause has a verb (modals too); _ACTIVE_AUXILIARIES is the narrower set skipped before an act
_AUXILIARY_WORDS = {"has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "do",
                    "does", "did"}
#: auxiliaries, "be" in the present and past among them, that open a clause's verb phrase after its
#: subject ("…, but Democrats have pushed for …"; "…,” Mrs. Clinton has struggled to …": a main clause,
#: not a sign-off): read by the direct and the indirect rules alike
CLAUSE_AUXILIARIES = frozenset(_AUXILIARY_WORDS | {"is", "was", "are", "were"})


#: cue forms that are also plural nouns ("states", "reports", "claims", "notes", "points"): a cue
#: only with a subject before them (attribution_rules.CUE_FORMS); "remarks", "tweets", "fears",
#: "shows", "estimates", "tweet", "show" ("the show has not announced …") and the adjective
#: "pledged" ("pledged delegates") likewise
NOUN_HOMOGRAPH_CUES = frozenset({"states", "reports", "claims", "notes", "points", "remarks", "tweets", "tweet",
                                 "fears", "shows", "estimates", "pledged", "show"})
#: words that open a noun phrase: such a form right after one is its noun ("his remarks", "their
#: shows", "10 percentage points", "up eight points", "a pledged delegate")
_NOUN_OPENERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "these", "those", "every",
                           "each", "any", "no", "such", "several", "many", "numerous", "other", "both",
                           "recent", "earlier", "previous", "latest", "new", "second", "third", "last", "final", "percentage", "two", "three", "four",
                           "five", "six", "seven", "eight", "nine", "ten", "few"})
#: possessives among those openers: "his claims that the vote was rigged" names what was claimed
#: and whose claim it was (PolNeAR marks it); a bare determiner names no one ("The tweet that went
#: viral", "the claims that …": the noun)
_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your"})
#: the forms that, as nouns, take a content clause ("his claims that …", "her fears that …"); a
#: "that" after the others opens a relative clause ("his tweet that went viral")
_CONTENT_CLAUSE_NOUNS = frozenset({"claims", "reports", "remarks", "fears", "estimates", "notes"})
#: words after such a form that make it the noun ("states where …", "the next two states will …")
_DASHES = frozenset({"-", "–", "—"})
_AFTER_PLURAL_NOUN = frozenset({"where", "when", "who", "whose", "which"} | _DASHES)
#: relative words whose clause may have the cue's speaker as subject ("… that Trump claims will …")
_RELATIVE_OBJECTS = frozenset({"that", "who", "whom", "which"})


#: plurals without an "-s": a bare "show" after them is their verb ("the data show …")
_PLURALS_WITHOUT_S = frozenset({"data", "people", "media", "police", "men", "women", "children", "criteria"})
#: words that open a singular noun phrase ("the reality TV show", "his talk show", "a Trump tweet")
_SINGULAR_OPENERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "every",
                               "each", "another"})


def singular_noun_not_cue(tokens: list[Token], k: int) -> bool:
    """Is ``tokens[k]``, a bare "show" or "tweet", the noun here? It is when it closes a singular noun
    phrase: a determiner or possessive and up to three words before it that are no plural, verb,
    pronoun, adverb or clause word ("the reality TV show “The Apprentice”", "his talk show", "ABC’s
    TV show", "a Trump tweet"). The verb's bare form follows a plural or I/you/we/they ("polls
    show", "Documents leaked last week show", "Polls in New Hampshire show", "they tweet")."""
    if tokens[k].lower not in ("show", "tweet"):
        return False
    for j in range(k - 1, max(-1, k - 5), -1):
        t = tokens[j]
        low = t.lower
        if low in _SINGULAR_OPENERS or t.text in ("'s", "’s"):
            return True
        if not t.is_word or low in _NOT_HEADS or low in _AUXILIARY_WORDS or low in rules.PRONOUNS \
                or low in rules.ADVERBS or _is_ly_adverb(t) or low in _PLURALS_WITHOUT_S or _is_cue(t) \
                or (low.endswith("s") and (j == k - 1 or t.text.islower())) or low.endswith(("ed", "n't", "n’t")):
            return False
    return False


def plural_noun_not_cue(tokens: list[Token], k: int) -> bool:
    """Is ``tokens[k]``, a cue form that is also a plural noun, the noun here? It is right after a
    determiner, possessive or number ("His remarks indicated …", "up eight points"), except a
    possessive before ":" or a possessive content-clause noun before "that" ("his claims that …":
    what was claimed and whose claim it was). Otherwise it is when the next word is a verb of its
    own clause: an auxiliary ("Rust Belt states have suffered"), "that" and an auxiliary ("states
    that will hold contests"), a relative or time word ("states where he has built up
    organizations"), a dash or a lower-case -ing word ("the other states voting Tuesday"); never
    after a subject pronoun or "who"/"which" ("who he claims has been unfair", "it states that …")."""
    tok = tokens[k]
    if tok.lower not in NOUN_HOMOGRAPH_CUES:
        return False
    if k > 0 and (tokens[k - 1].lower in _NOUN_OPENERS or tokens[k - 1].text[:1].isdigit()) and not (
            tokens[k - 1].lower in _POSSESSIVES and k + 1 < len(tokens) and (tokens[k + 1].lower == ":" or (
                tokens[k + 1].lower == "that" and tok.lower in _CONTENT_CLAUSE_NOUNS))):
        # "His remarks indicated …", "walked back his remarks", "up eight points", "The tweet that
        # went viral": the noun (but "his claims that …" names what was claimed and whose claim it
        # was: PolNeAR's attribution, kept)
        return True
    if singular_noun_not_cue(tokens, k):
        return True
    if k + 1 >= len(tokens):
        return False
    if k > 0 and tokens[k - 1].lower in rules.PRONOUNS:
        return False
    if k > 1 and _is_name_token(tokens[k - 1]) and any(
            t.lower in _RELATIVE_OBJECTS for t in tokens[max(0, k - 4):k - 1]):
        return False  # a relative clause with a named subject: "a deal that Trump claims will create jobs"
    nxt = tokens[k + 1]
    if nxt.text in _DASHES:
        close = next((j for j in range(k + 2, min(k + 6, len(tokens))) if tokens[j].text in _DASHES), None)
        if close is not None and close + 1 < len(tokens) and tokens[close + 1].lower == "that":
            return False  # an aside between dashes, then the verb's "that": "The report notes - correctly - that …"
    if nxt.lower in CLAUSE_AUXILIARIES or nxt.lower in _AFTER_PLURAL_NOUN:
        return True
    if nxt.lower == "that" and k + 2 < len(tokens) and tokens[k + 2].lower in CLAUSE_AUXILIARIES:
        return True
    # "the other states voting Tuesday"; not a verb's object ("Reuters reports rising prices", "The governor claims
    # nothing has changed"): the -ing word follows a plural noun only after a lower-case word that is no person
    return (nxt.text.islower() and nxt.lower.endswith("ing") and len(nxt.lower) > 5 and not nxt.lower.endswith("thing")
            and k > 0 and tokens[k - 1].text.islower() and tokens[k - 1].lower not in rules.PERSON_NOUNS)


def _clause_between(tokens: list[Token], a: int, b: int) -> bool:
    """Is there a verb in ``tokens[a:b]`` (so a cue's content may be a clause that the second verb
    belongs to: "said voters wanted change and argued …"), not just a noun phrase object ("claimed
    momentum and argued …")?"""
    for t in tokens[a:b]:
        low = t.lower
        if not t.text.islower():
            continue
        if low in _BE_FORMS or low in _AUXILIARY_WORDS or low in _IRREGULAR_VERBS or low == "that" \
                or (low.endswith("ed") and len(low) > 4) or _is_cue(t):
            return True
    return False


def _np_forward(tokens: list[Token], start: int) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at token ``start`` ("said Putin", "said the minister")."""
    if start >= len(tokens):
        return None
    first = tokens[start]
    if first.lower in rules.PRONOUNS:
        return (start, start + 1)
    b = start
    seen_head = False
    while b < len(tokens):
        tok = tokens[b]
        low = tok.lower
        if _is_cue(tok) and b > start:
            break
        if _is_name_token(tok) or low in rules.PERSON_NOUNS or low in rules.ORG_NOUNS:
            seen_head = True
            b += 1
        elif low in rules.DETERMINERS or low in rules.NATIONALITIES:
            b += 1
        elif low in rules.NAME_GLUE and seen_head and b + 1 < len(tokens) and (
                _is_name_token(tokens[b + 1]) or tokens[b + 1].lower in rules.DETERMINERS):
            b += 1
        else:
            break
        if b - start > 9:
            return None
    while b > start and (tokens[b - 1].lower in rules.NAME_GLUE or tokens[b - 1].lower in rules.DETERMINERS):
        b -= 1
    return (start, b) if seen_head and b > start else None


_is_ly_adverb = rules.is_ly_adverb


def _skip_adverbs_back(tokens: list[Token], i: int) -> int:
    """Move left over adverbs, auxiliaries and comma-fenced adverbs ("Moscow, however, denied")."""
    while i > 0:
        low = tokens[i - 1].lower
        if low in rules.ADVERBS or _is_ly_adverb(tokens[i - 1]) or (low.endswith(("n't", "n’t")) and len(low) > 4):
            i -= 1  # (and a negated auxiliary: "Schumer wouldn’t say …")
        elif low == "," and i > 1 and tokens[i - 2].lower in rules.ADVERBS and i > 2 and tokens[i - 3].text == ",":
            i -= 3
        else:
            break
    return i


def _mention(text: str, tokens: list[Token], rng: tuple[int, int]) -> Mention:
    s, e = tokens[rng[0]].start, tokens[rng[1] - 1].end
    return Mention(s, e, text[s:e])


#: the words of a speaker phrase between a quote and its cue, at most
SPEAKER_RUN_WORDS = 9


#: prepositions a speaker phrase may hold ("a narrator in the ad", "a spokesman for the group")
_RUN_PREPOSITIONS = {"the", "of", "in", "for", "at", "from", "with"}


_RUN_STOPS = _NOT_HEADS - _RUN_PREPOSITIONS  # words that end a speaker run
_RUN_TAILS = _RUN_PREPOSITIONS - {"the"}  # words a speaker run never ends on


def _speaker_run(tokens: list[Token], i: int) -> int:
    """End of the run of speaker words from token ``i`` up to (not including) a cue: words that are
    no cue and no clause word, possessives, a parenthesised tag of up to 6 tokens, and up to two
    comma-fenced appositives when the cue follows them."""
    j = i
    while j < len(tokens) and j - i < SPEAKER_RUN_WORDS:
        tok = tokens[j]
        if tok.text in ("'s", "’s") and j > i:
            j += 1
        elif tok.text == "(" and j > i:
            close = next((k for k in range(j + 1, min(len(tokens), j + 7)) if tokens[k].text == ")"), None)
            if close is None:
                break
            j = close + 1
        elif tok.text == "," and j > i:
            # "Rep. Jim Jordan (R-Ohio), an oversight panel member, said", "Mr. King, 82, told me",
            # "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said"
            k = j
            for _ in range(2):
                if k + 1 >= len(tokens) or not (tokens[k + 1].lower in ("a", "an", "the", "one") or
                                                 tokens[k + 1].is_cap or tokens[k + 1].text[:1].isdigit()):
                    break
                close = next((c for c in range(k + 2, min(len(tokens), k + APPOSITIVE_TOKENS))
                              if tokens[c].text == ","), None)
                if close is None:
                    break
                if close + 1 < len(tokens) and _is_cue(tokens[close + 1]):
                    return close + 1
                k = close
            break
        elif tok.is_word and not _is_cue(tok) and (tok.lower not in _RUN_STOPS or (
                tok.lower == "to" and j > i and tokens[j - 1].lower in ROLE_OBJECT_HEADS)):
            j += 1  # ("…,” said the ambassador to Russia)
        else:
            break
    while j > i and tokens[j - 1].lower in _RUN_TAILS:
        j -= 1  # a phrase never ends on a preposition
    return j


def _name_and_verb_sign_off(tokens: list[Token], speaker_rng: tuple[int, int] | None, j: int,
                            quote_end_punct: str) -> bool:
    """“…,” Blige sings to Clinton; “…?” Graham asked: after a quote that ends in a comma, "?" or
    "!", a name or pronoun and a lower-case verb at token ``j`` sign it off even when the verb is in
    no cue list. A relative ("…,” which violated a statute") is no speaker."""
    if speaker_rng is None or j >= len(tokens) or quote_end_punct not in ",?!":
        return False
    verb = tokens[j]
    return (tokens[speaker_rng[0]].lower not in _NOT_SPEAKERS and verb.text.isalpha() and verb.text.islower()
            and verb.lower not in _NOT_VERBS and _verb_like(verb.lower))


#: words that open a sentence's lead-in phrase ("In recent weeks, Reid …"); the subject follows its comma
_LEAD_IN_HEADS = {"in", "on", "at", "after", "before", "during", "last", "earlier", "later", "since", "for",
                  "over", "then", "meanwhile", "however", "instead", "still", "now", "yesterday", "today"}


#: a word after the subject that is not its verb: the phrase goes on ("Trump and …", "Trump of …")
_NOT_VERBS = {"of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "the", "a", "an", "as",
              "that", "who", "which", "'s", "’s", "is", "was", "are", "were", "be", "not", "also"}


#: tokens of an appositive after the subject ("Dean, a former party chairman, poked …")
APPOSITIVE_TOKENS = 16


_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i"}


def _lead_in_end(toks: list[Token], i: int, limit: int) -> int | None:
    """Where the subject starts after a lead-in phrase opening at token ``i`` ("In recent weeks,
    Reid …"): after its comma (within 8 tokens, before ``limit``); ``i`` when no lead-in opens
    there; None for a lead-in without a comma."""
    if i == 0:
        i = _after_dateline(toks, limit)
    # "Continuing to explain his view, Carson …", "Hastily, the mayor …" (not "Boreing said …")
    opener = i + 1 < limit and toks[i].is_cap and toks[i].text.isalpha() and (
        (toks[i].lower.endswith("ing") and toks[i + 1].lower in _OPENER_NEXT) or
        (_is_ly_adverb(toks[i]) and toks[i + 1].text == ","))
    if i >= limit or (toks[i].lower not in _LEAD_IN_HEADS and toks[i].lower not in _MORE_LEAD_IN_HEADS
                      and not opener):
        return i
    comma = next((j for j in range(i + 1, min(limit, i + 12)) if toks[j].text == ","), None)
    if comma is None:
        return None
    # "At a rally in Portsmouth, N.H., on Tuesday, Senator Sanders …": a state or a day after the
    # comma is more of the lead-in, up to the comma that closes it
    while True:
        nxt = next((j for j in range(comma + 1, min(limit, comma + 5)) if toks[j].text == ","), None)
        if nxt is None or nxt == comma + 1:
            break
        piece = toks[comma + 1:nxt]
        place = all(t.is_cap for t in piece if t.is_word) and len(piece) <= 2
        day = piece[0].lower in ("on", "in", "last", "this", "early", "late") and any(
            t.lower in _WEEKDAYS or t.lower in ("week", "month", "year", "morning", "evening", "night") for t in piece)
        if not (place and nxt + 1 < limit and toks[nxt + 1].lower in ("on", "in", "at", "last", "this")) and not day:
            break
        comma = nxt
    return comma + 1


#: words after a participle opening a lead-in ("Continuing to …", "Speaking at …", "Taking the stage …")
_OPENER_NEXT = {"to", "at", "in", "on", "with", "for", "from", "about", "the", "a", "an", "his", "her", "their", "its",
                "up", "out", "back", "after", "before", "through", "over", "into", "off", "down", "aim", "questions"}
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                        "january", "february", "march", "april", "june", "july", "august", "september", "october",
                        "november", "december"}


def _after_dateline(toks: list[Token], limit: int) -> int:
    """The first token after a dateline opening the sentence ("WASHINGTON —", "PARIS, Aug 31
    (Reuters) -", "Washington (AFP) –"); 0 when there is none."""
    for j in range(min(limit, 12)):
        t = toks[j]
        if t.text in ("—", "–", "-", "--"):
            return j + 1 if j > 0 and toks[0].is_cap else 0
        if not (t.is_cap or t.text in (",", "(", ")", ".") or t.text.isdigit()
                or t.lower.rstrip(".") in _MONTH_ABBREVIATIONS):
            return 0
    return 0


#: prepositions opening a lead-in phrase before a sentence's subject ("By the end of the day, Mr.
#: Trump …", "Amid the uproar, …"), beside the time and place heads
_MORE_LEAD_IN_HEADS = {"by", "amid", "despite", "following", "with", "under", "throughout", "within", "unlike",
                       "like", "among", "asked", "speaking", "addressing", "responding", "from"}


def _sentence_subject(toks: list[Token], coordinated: bool = False) -> tuple[tuple[int, int], int] | None:
    """The subject opening a sentence's tokens (after a lead-in phrase, with its appositive) when
    it is a name, a person noun phrase or a personal pronoun and a word that can be a verb follows
    (after adverbs and auxiliaries): (subject range, verb index).

    ``coordinated``: the subject of a cue after "and"/"but" ("Mr. McKinley is bearish on loans
    and expects …"); the cue is the verb there, so after an auxiliary the first verb may be any
    word ("is bearish"), and a phrase ending in a name counts ("Democratic candidate Hillary
    Clinton")."""
    i = _lead_in_end(toks, 0, len(toks))
    if i is None:
        return None
    rng = _np_forward(toks, i)
    if rng is None:
        return None
    head = toks[rng[0]:rng[1]]
    if not (head[0].lower in _SUBJECT_PRONOUNS
            or all(t.is_cap or t.lower in rules.NAME_GLUE for t in head)
            or head[-1].lower in rules.PERSON_NOUNS
            or (coordinated and _is_name_token(head[-1]))):
        return None  # a name, a pronoun or a person ("The Republican nominee")
    k = rng[1]
    if k < len(toks) and toks[k].text == ",":
        close = next((j for j in range(k + 1, min(len(toks), k + APPOSITIVE_TOKENS)) if toks[j].text == ","), None)
        if close is None:
            return None
        k = close + 1
    after_subject = k
    k = _skip_adverbs_forward(toks, k)
    if k >= len(toks):
        return None
    if coordinated and k > after_subject:
        return rng, k  # "is bearish …, and expects": an auxiliary follows the subject
    verb = toks[k]
    if not verb.text.isalpha() or not verb.text.islower() or verb.lower in _NOT_VERBS or not _verb_like(verb.lower):
        return None
    return rng, k


#: common irregular past forms (a verb after a subject that neither ends in -ed nor -s)
_IRREGULAR_VERBS = {"said", "told", "wrote", "gone", "went", "made", "took", "gave", "put", "set", "sent",
                    "spent", "held", "kept", "left", "led", "met", "paid", "saw", "sought", "taught", "thought",
                    "brought", "began", "became", "came", "felt", "found", "got", "knew", "meant", "spoke",
                    "stood", "struck", "swore", "threw", "understood", "won", "lost", "shot", "built", "ran",
                    "rose", "hit", "let", "read", "cast", "drew", "fought", "sang", "sung", "tweeted",
                    # pasts only, never a noun or an adjective ("bit", "lay", "fed", "dove", "ground" and
                    # "wound" are left out): "Mrs. Clinton shook her head and said, ''No.''" (issue 13).
                    # ("chose" and "laid" were tried: on PolNeAR train they added two statements, both
                    # wrong: "Time Magazine chose Merkel as its “Person of the Year”")
                    "shook", "broke", "drove", "flew", "forgot", "froze", "grew", "heard", "hid",
                    "knelt", "rode", "sank", "slept", "sprang", "stole", "swung", "tore", "woke", "wept",
                    "bought", "caught", "sat", "ate", "blew", "dealt", "dug", "fled", "hung", "slid", "spun",
                    "stuck", "strode", "swam", "swept", "shrank", "shone", "clung", "crept", "withdrew",
                    "overcame", "undertook", "forgave", "arose", "awoke", "sped", "flung", "sold",
                    "lent", "leapt", "rang", "fell", "upheld", "withheld", "oversaw", "underwent", "foresaw"}


def past_form(low: str) -> bool:
    """A lower-cased word that reads as a past form: an irregular past, or "-ed" unless it is a noun
    of "-ed" spelling: one syllable before "eed" ("greed", "speed", "need", "creed"; "freed" is lost
    with them) or the noun "shed" after a consonant ("bloodshed", "watershed"; "pushed", "punished"
    have a vowel there)."""
    if low in _IRREGULAR_VERBS:
        return True
    if low.endswith("eed"):
        return any(c in "aeiouy" for c in low[:-3])  # "agreed", "decreed", "guaranteed"
    if low.endswith("shed"):
        return len(low) > 4 and low[-5] in "aeiou"
    return low.endswith("ed")


def _verb_like(word: str) -> bool:
    """Could this lower-case word be the finite verb after a subject ("called", "says", "gone",
    "rolling" after "is")? Nouns such as "history" or "plan" cannot."""
    return (word.endswith(("ed", "ing")) or word in _IRREGULAR_VERBS or
            (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3))


def _skip_adverbs_forward(tokens: list[Token], i: int) -> int:
    """Move right over adverbs and auxiliaries ("Reid has gone", "Obama is rolling out")."""
    while i < len(tokens) and tokens[i].lower in rules.ADVERBS:
        i += 1
    return i


_TELL = {"told", "tell", "tells", "telling"}


#: words that open no speaker phrase after a quote ("…,” which violated a statute")
_NOT_SPEAKERS = rules.RELATIVES | {"it", "this", "that", "there", "these", "those"}


_OBJECT_PRONOUNS = {"me", "us", "him", "her", "them", "you"}
#: days and when-words that may stand between a cue and what it says ("said Monday", "said again")
#: month names in lower case ("march", "september")
MONTH_WORDS = frozenset(month.lower() for month in MONTH_NAMES)
_WEEKDAYS = {day.lower() for day in WEEKDAY_NAMES} | {"yesterday", "today", "tonight", "earlier", "later", "again",
                                                    "recently", "previously", "also", "once"}
_PHRASE_HEADS = {"on", "in", "at", "during", "after", "before", "via", "from", "last", "this", "late", "early",
                 "while", "when", "through", "over", "to", "for", "with", "before"}


#: cues whose object is a statement only with a clause after them ("claimed responsibility" is not)
_SAY_VERBS = {"say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes", "wrote",
              "tweet", "tweets", "tweeted", "add", "adds", "added", "explain", "explains", "explained"}


_CLAUSE_WORDS = {"is", "are", "was", "were", "would", "will", "could", "can", "should", "must", "has", "have",
                 "had", "did", "does", "do", "may", "might", "be", "been", "being", "not", "that", "if",
                 "whether", "this", "it"}
_TIME_OR_RELAY_HEADS = {"on", "in", "at", "during", "after", "before", "last", "this", "earlier", "later",
                        "for", "via", "from", "late", "early", "yesterday", "today", "recently", "again",
                        "to", "while", "when", "through", "over"}
_PARTICIPLES = {"saying", "adding", "arguing", "claiming", "noting", "warning", "insisting", "explaining",
                "stating", "stressing", "telling", "writing", "asserting", "suggesting", "acknowledging",
                "admitting", "contending", "declaring", "alleging", "predicting", "announcing", "promising"}


#: adverbs between the comma and a participle cue ("…, even suggesting he may have been sabotaged")
_PARTICIPLE_ADVERBS = {"even", "also", "later", "again", "repeatedly", "instead", "while", "all", "before", "after"}


def _participle_comma(tokens: list[Token], k: int) -> int | None:
    """The index of the comma that a participle at token ``k`` follows, past adverbs such as
    "even" ("…, even suggesting he may have been sabotaged"); None when it follows none."""
    if not (tokens[k].text.islower() and tokens[k].text.endswith("ing")):
        return None
    j = k
    while j > 1 and tokens[j - 1].lower in _PARTICIPLE_ADVERBS:
        j -= 1
    return j - 1 if j >= 2 and tokens[j - 1].text == "," else None


def _participle_subject(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The sentence subject that a participle after a comma at token ``k`` belongs to ("Trump has
    tried to use the ad, accusing her …", "X rejected the request, saying …")."""
    comma = _participle_comma(tokens, k)
    if comma is None:
        return None
    i = 0
    while i < comma and (tokens[i].lower in ("but", "and", "however", "meanwhile", "still", "yet")
                         or tokens[i].text == ","):
        i += 1
    # "In 1986, the Supreme Court blocked …, citing …": the subject follows the lead-in's comma
    lead = _lead_in_end(tokens, i, comma)
    i = i if lead is None else lead
    rng = _np_forward(tokens, i)
    return rng if rng is not None else _generic_np_forward(tokens, i, comma + 1)


def _generic_np_forward(tokens: list[Token], i: int, limit: int) -> tuple[int, int] | None:
    """A short sentence-initial subject ("A New York judge", "The court") up to its verb."""
    j = i
    while j < limit and j - i < 6 and tokens[j].is_word and tokens[j].lower not in _NOT_HEADS - {"the"}:
        low = tokens[j].lower
        # No tagger here: a past-tense-looking word, an auxiliary or a cue ends the subject.
        if j > i and (low in rules.ADVERBS or low in rules.CUE_FORMS or (low.endswith("ed") and len(low) > 4)):
            break
        j += 1
    return (i, j) if j > i else None


# -- participle cues after an object ("proposals to NATO leaders seeking …") -----------------------

#: prepositions whose object is no speaker of a participle after it ("sent proposals to NATO
#: leaders seeking assurances …", "a letter to the board saying …", "gathered outside parliament on
#: Monday chanting …"): the participle hangs on the clause, so its subject speaks
#: ("with"/"without" are left out: "with Senator Sanders now pressing his attack …" is said by Sanders)
_OBJECT_PREPOSITIONS = {"to", "for", "from", "by", "at", "on", "in", "of", "among", "against", "toward",
                        "towards", "into", "onto", "about", "over", "under", "between", "through", "via", "upon",
                        "near", "outside", "inside", "across", "around", "behind", "beyond", "within"}
#: prepositions before a gerund cue whose speaker is the clause's subject ("left after saying …")
_GERUND_SUBORDINATORS = {"after", "before", "without", "since", "upon"}
#: prepositions naming the author of a text ("a new video from the group threatening …")
_AUTHOR_PREPOSITIONS = {"from", "by", "of"}
#: words before "of" that make "X of Y" the subject itself ("Hundreds of protesters chanting …")
_PARTITIVES = {"hundreds", "thousands", "dozens", "millions", "scores", "tens", "group", "groups", "crowd", "crowds",
               "number", "some", "many", "most", "all", "few", "several", "one", "two", "three", "majority", "lots",
               "handful", "members", "none", "each", "both", "half", "rest", "coalition", "delegation", "proportion",
               "share", "percent", "percentage", "fraction", "quarter", "third", "thirds", "per", "cent", "array",
               "range", "host", "slew", "raft", "chorus", "pair", "couple", "string", "wave", "series", "variety"}
#: nouns of a text or message: "a statement saying …" is said by its author, not by the statement
DOCUMENT_NOUNS = {"statement", "statements", "letter", "letters", "message", "messages", "note", "notes", "post",
                  "posts", "tweet", "tweets", "memo", "memos", "email", "emails", "e-mail", "release", "document",
                  "documents", "proposal", "proposals", "petition", "petitions", "resolution", "motion", "filing",
                  "notice", "leaflet", "leaflets", "banner", "banners", "sign", "signs", "placard", "placards",
                  "video", "videos", "recording", "recordings", "clip", "clips", "footage", "audio", "ad", "ads", "advert", "advertisement", "communique", "communiqué", "editorial",
                  "op-ed", "column", "decree", "order", "complaint", "lawsuit", "suit", "bill", "draft", "text",
                  "texts", "report", "reports", "request", "requests", "appeal", "appeals"}
#: words between the clause's verb and a participle's object that open another clause: the
#: participle may hang on that clause, so the subject is not safely the clause's
_CLAUSE_BREAKS = {"that", "which", "who", "whom", "whose", "where", "when", "while", "because", "if", "whether",
                  "after", "before", "since", "until", "as", "and", "but", "or", "than", "though", "although"}


def _is_participle(tok: Token) -> bool:
    """A lower-case "-ing" cue word ("seeking", "saying", "warning")."""
    return tok.text.islower() and tok.text.endswith("ing") and len(tok.text) > 4


def _preposition_before(tokens: list[Token], a: int) -> int | None:
    """The index of the preposition whose object is the noun phrase starting at token ``a``
    ("to US and NATO leaders", "to the board"); None when the phrase is no such object."""
    j = a
    while j > 0 and a - j < 8:
        prev = tokens[j - 1]
        low = prev.lower
        if low in _OBJECT_PREPOSITIONS and prev.text.islower():
            if low == "of" and j >= 2 and (tokens[j - 2].lower in _PARTITIVES or tokens[j - 2].text[:1].isdigit()):
                return None  # "Hundreds of protesters chanting …": the quantity is the subject
            return j - 1
        if low in ("and", "or", "&") or _is_name_token(prev) or low in rules.DETERMINERS \
                or low in rules.NATIONALITIES or low in rules.PERSON_NOUNS or low in rules.ORG_NOUNS \
                or (prev.is_word and low not in _NOT_HEADS and not _is_cue(prev) and low not in _IRREGULAR_VERBS
                    and not low.endswith("ed")):
            j -= 1
            continue
        return None
    return None


def _clause_subject(tokens: list[Token], end: int, verb_before: int) -> tuple[int, int] | None:
    """The subject of the clause that opens the sentence, when its verb comes before token
    ``verb_before`` and no other clause opens between that verb and token ``end`` ("In December,
    Moscow sent a series of proposals to …": Moscow); else the named subject right before the
    nearest verb (":func:`_verb_subject_before`); None when neither reads safely."""
    rng = _opening_subject(tokens, end, verb_before)
    return rng if rng is not None else _verb_subject_before(tokens, end)


def _verb_subject_before(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """“…,” Thiel wrote in a statement to …: the nearest past-form verb or cue before token
    ``end`` (no clause, punctuation or other verb between), and the name, person phrase or
    personal pronoun just before it that opens its clause."""
    j = end - 1
    while j > 0 and end - j <= 10:
        t = tokens[j]
        if t.lower in _CLAUSE_BREAKS or not (t.is_word or t.text in ("'s", "’s")):
            return None
        if t.text.islower() and (_is_cue(t) or t.lower in _IRREGULAR_VERBS
                                 or (t.lower.endswith("ed") and len(t.lower) > 4)) \
                and tokens[j - 1].lower not in rules.DETERMINERS:
            break
        j -= 1
    else:
        return None
    if j <= 0:
        return None
    rng = _np_backward(tokens, _skip_adverbs_back(tokens, j))
    if rng is None:
        return None
    head = tokens[rng[0]:rng[1]]
    if not (head[0].lower in _SUBJECT_PRONOUNS or all(x.is_cap or x.lower in rules.NAME_GLUE for x in head)
            or head[-1].lower in rules.PERSON_NOUNS):
        return None
    before = tokens[rng[0] - 1].text if rng[0] > 0 else ""
    if before not in ("", ",", "”", '"', "“", ";", ":", "—", "–") and tokens[rng[0] - 1].lower not in ("and", "but"):
        return None
    return rng


def _opening_subject(tokens: list[Token], end: int, verb_before: int) -> tuple[int, int] | None:
    """The subject of the clause that opens the sentence (see :func:`_clause_subject`)."""
    i = 0
    while i < end and (tokens[i].lower in ("but", "and", "however", "meanwhile", "still", "yet")
                       or tokens[i].text in (",", "(")):
        i += 1
    lead = _lead_in_end(tokens, i, end)
    if lead is None or lead >= end or tokens[lead].lower in _SUBORDINATORS:
        return None
    i = lead
    rng = _np_forward(tokens, i) or _plain_subject(tokens, i, end)
    if rng is None or tokens[rng[0]].lower in rules.RELATIVES or tokens[rng[0]].lower in ("it", "this", "there"):
        return None
    if rng[1] + 1 < end and tokens[rng[1]].lower == "of":
        # "Thousands of nurses wrote to …", "The head of the union sent …"
        tail = _np_forward(tokens, rng[1] + 1) or _generic_np_forward(tokens, rng[1] + 1, end)
        if tail is None:
            return None
        rng = (rng[0], tail[1])
    if tokens[rng[1] - 1].lower in DOCUMENT_NOUNS:
        return None  # "The notice was sent to members saying …": the text, not its author
    k = rng[1]
    if k < end and tokens[k].text == ",":
        # "Chris Carr, the party's political director, released a statement …"
        close = next((j for j in range(k + 1, min(end, k + APPOSITIVE_TOKENS)) if tokens[j].text == ","), None)
        if close is None:
            return None
        k = close + 1
    k = _skip_adverbs_forward(tokens, k)
    while k < verb_before and tokens[k].lower in _ACTIVE_AUXILIARIES:
        k = _skip_adverbs_forward(tokens, k + 1)  # "has sent", "had written" (never a passive "was sent")
    if k >= verb_before:
        return None
    verb = tokens[k]
    if not verb.text.isalpha() or not verb.text.islower() or verb.lower in _NOT_VERBS or not _verb_like(verb.lower):
        return None
    for j in range(k + 1, end):
        t = tokens[j]
        if t.lower in _CLAUSE_BREAKS or t.text in (",", ";", ":", "“", "”", '"', "—", "–", "(") or _is_cue(t):
            return None
        if t.text.islower() and (t.lower in _IRREGULAR_VERBS or (t.lower.endswith("ed") and len(t.lower) > 4)) \
                and tokens[j - 1].lower not in rules.DETERMINERS:
            return None  # another verb ("a set of" is a noun)
    return rng


#: the forms of "be" written out (indirect.py's passives; direct.py adds "get"/"got" for its own)
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
#: forms of "be" that make an "-ing" word a verb ("is demanding", "were warning"): contractions too
_BE_FORMS = _BE | {"am", "'s", "’s", "'re", "’re"}
#: words opening a subordinate clause: its subject is not the sentence's
_SUBORDINATORS = {"where", "when", "while", "if", "because", "as", "although", "though", "since", "after", "before",
                  "unless", "until", "whether", "once", "whereas", "that", "which", "who"}
#: auxiliaries between an active subject and its verb; not _AUXILIARY_WORDS (any verb's auxiliaries): no
#: can/could/should/may/might/must (a subject that has not acted), and the adverbs "also"/"then"
_ACTIVE_AUXILIARIES = {"has", "have", "had", "will", "would", "did", "does", "do", "also", "then"}


def _plain_subject(tokens: list[Token], i: int, end: int) -> tuple[int, int] | None:
    """A short common-noun subject opening a clause ("The rail union", "Local farmers") up to
    its verb: a past form, a cue or an auxiliary ends it."""
    j = i
    while j < end and j - i < 5 and tokens[j].is_word:
        low = tokens[j].lower
        if j > i and (low in _NOT_HEADS or low in rules.ADVERBS or _is_cue(tokens[j]) or low in _IRREGULAR_VERBS
                      or (low.endswith("ed") and len(low) > 4)):
            break
        if j == i and low in _NOT_HEADS:
            return None
        j += 1
    return (i, j) if j > i and tokens[j - 1].lower not in rules.DETERMINERS else None


def participle_object_speaker(tokens: list[Token], k: int,
                              rng: tuple[int, int] | None) -> tuple[tuple[int, int] | None, bool]:
    """The speaker of a participle cue at token ``k`` whose noun phrase before it is ``rng``.

    A noun phrase that is the object of a preposition ("Moscow sent proposals to US and NATO
    leaders seeking assurances …") or a text ("The ministry issued a statement saying …") does not
    speak the participle: the subject of the clause it hangs on does (Moscow, the ministry), and
    where that cannot be read safely nobody is named. Returns (speaker range, replaced): ``rng``
    and False when the rule does not apply.
    """
    if not _is_participle(tokens[k]) or (rng is not None and (rng[1] > k or tokens[rng[0]].lower in rules.PRONOUNS)):
        return rng, False
    if any(t.lower in _BE_FORMS for t in tokens[rng[1] if rng is not None else max(0, k - 3):k]):
        return rng, False  # "The city of Phoenix is demanding …": a verb, not a participle phrase
    if rng is None and (k == 0 or tokens[k - 1].text == ","):
        return rng, False  # "…, saying": the comma rule's (_participle_subject)
    if k > 0 and tokens[k - 1].lower in _GERUND_SUBORDINATORS \
            and tokens[k - 1].text.islower():
        # "Mr. Dale left the stage after saying …", "ended the meeting without saying why …": a gerund
        # after a subordinating preposition is said by the clause's subject (the speaker was "Mr. Dale
        # left the stage after"; PolNeAR train out of fold: speech +1, speakers right +1, precision up)
        who = _clause_subject(tokens, k - 1, k - 1)
        if who is None and rng is None:
            # "The union that organized the strike walked out … without saying …": the sentence's
            # subject before its relative clause (review r13c)
            who = _plain_subject(tokens, 0, k - 1)
            if who is not None and not (who[1] < k - 1 and tokens[who[1]].lower in ("that", "who")
                                        and tokens[who[1]].text.islower()):
                who = None
        if who is not None:
            # "…, a day after residents packed it without saying …": residents, after the subordinator
            cut = next((n for n in range(who[1] - 2, who[0] - 1, -1)
                        if tokens[n].lower in _SUBORDINATORS - {"as", "if"} and tokens[n].text.islower()), None)
            return ((who[0] if cut is None else cut + 1, who[1]), True)
        if rng is not None:
            return None, True  # "two weeks after aides quit without saying …": no safe subject, nobody named
    prep = _preposition_before(tokens, rng[0] if rng is not None else k)
    if prep is not None:
        if prep + 1 == k:
            # a gerund ("rallied supporters by warning …"), no participle after an object: the
            # clause's subject where it reads safely, else the rules as before
            who = _clause_subject(tokens, prep, prep)
            return (who, True) if who is not None else (rng, False)
        if tokens[prep].lower in _AUTHOR_PREPOSITIONS and prep > 0 and tokens[prep - 1].lower in DOCUMENT_NOUNS:
            # "a new video from the group threatening …": the author
            return (rng, False) if rng is not None else ((prep + 1, k), True)
        return _clause_subject(tokens, prep, prep), True
    if rng is not None and tokens[rng[1] - 1].lower in DOCUMENT_NOUNS:
        # "The ministry issued a statement saying …": its author, the subject of the clause
        # whose object it is ("A statement saying … was posted" names nobody)
        a = rng[1] - 1
        while a > 0 and rng[1] - a < 4 and tokens[a - 1].text.islower() and tokens[a - 1].is_word \
                and tokens[a - 1].lower not in _NOT_HEADS and not _is_cue(tokens[a - 1]) \
                and (tokens[a - 1].lower in rules.DETERMINERS or not _verb_like(tokens[a - 1].lower)):
            a -= 1
            if tokens[a].lower in rules.DETERMINERS:
                break
        return _clause_subject(tokens, a, a), True
    return rng, False


#: verbs that put out a statement ("X issued a statement saying …", "X said in a written statement")
_ISSUING = {"released", "issued", "sent", "posted", "published", "put", "gave", "read", "said", "told", "wrote",
            "added", "responded", "replied", "releases", "issues", "says", "tells", "writes", "adds"}
#: words between such a verb and the statement noun ("in a brief written statement")
_STATEMENT_MODIFIERS = {"a", "an", "the", "his", "her", "their", "its", "written", "joint", "brief", "short",
                        "separate", "prepared", "emailed", "e-mailed", "official", "new", "later", "lengthy", "out"}


def statement_issuer(text: str, mention: Mention, lo: int, hi: int) -> Mention | None:
    """The person or body who put out the statement ``mention`` names ("Secretary Martin Andanar
    released a statement saying …", "Jill Martin … said in a written statement in March that …",
    "Trump told the Washington Post in a written statement, …"): the subject of the verb the
    statement is the object of (or the occasion of); None when that reading does not hold."""
    words = mention.text.lower().split()
    if not words or words[-1] not in ("statement", "statements", "release", "letter"):
        return None
    tokens = tokenize(text, lo, hi)
    a = next((i for i, t in enumerate(tokens) if t.start >= mention.start), None)
    if a is None:
        return None
    while a < len(tokens) and tokens[a].end <= mention.end and tokens[a].lower in _STATEMENT_MODIFIERS:
        a += 1
    j = a
    while j > 0 and tokens[j - 1].lower in _STATEMENT_MODIFIERS:
        j -= 1
    if j > 0 and tokens[j - 1].lower == "in":
        j -= 1
        # "told the Washington Post in a written statement": the audience between verb and "in"
        k = j
        while k > 0 and j - k < 6 and (tokens[k - 1].is_cap or tokens[k - 1].lower in ("the", "of")) \
                and tokens[k - 1].lower not in _ISSUING:
            k -= 1
        if k < j and k > 0 and tokens[k - 1].lower in ("told", "tells"):
            j = k
    if j == 0 or tokens[j - 1].lower not in _ISSUING or not tokens[j - 1].text.islower():
        return None
    rng = _subject_or_coordinated(tokens, _skip_adverbs_back(tokens, j - 1), far=True)
    if rng is None or tokens[rng[0]].lower in rules.RELATIVES:
        return None
    return _mention(text, tokens, rng)
