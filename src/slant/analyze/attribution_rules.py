"""Word lists and small text helpers shared by the quote and entity components.

Everything here is deterministic and compiled once at import. The lists are English newsroom
usage: reporting verbs in all their inflections, the titles that precede names, the nouns that
can head a speaker phrase, and the outlets and platforms that relay statements.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass

# -- cues ----------------------------------------------------------------------------------------

_CUE_LEMMAS = {
    # lemma: inflected forms (irregulars written out; regulars built below)
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "write": "write writes wrote written writing",
    "tweet": "tweet tweets tweeted tweeting",
    "deny": "deny denies denied denying",
    "reply": "reply replies replied replying",
    "testify": "testify testifies testified testifying",
    "admit": "admit admits admitted admitting",
    "think": "think thinks thought",
    "argue": "argue argues argued arguing",
    "note": "note notes noted noting",
    "state": "states stated stating",
    "declare": "declare declares declared declaring",
    "announce": "announce announces announced announcing",
    "believe": "believe believes believed",
    "concede": "concede concedes conceded conceding",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "complain": "complain complains complained complaining",
    "estimate": "estimates estimated",
    "predict": "predict predicts predicted predicting",
    "promise": "promises promised",
    "vow": "vow vows vowed vowing",
    "pledge": "pledges pledged",
    "urge": "urge urges urged urging",
}
_REGULAR_CUES = (
    "add explain claim insist warn assert report confirm reveal stress emphasise emphasize recall "
    "comment remark respond answer allege contend maintain suggest accuse mention observe caution "
    "boast joke quip scoff post announce repeat reiterate acknowledge describe signal indicate "
    "counter retort exclaim shout whisper demand ask wonder speculate point"
)


def _inflect(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


CUE_FORMS: set[str] = set()
for _forms in _CUE_LEMMAS.values():
    CUE_FORMS.update(_forms.split())
for _verb in _REGULAR_CUES.split():
    CUE_FORMS.update(_inflect(_verb))
# Bare infinitives/present forms that are too often nouns or other senses to be cues on their own.
CUE_FORMS -= {"post", "posts", "report", "reports", "note", "notes", "state", "states", "point", "points",
              "answer", "answers", "comment", "comments", "signal", "signals", "promise", "claims",
              "claim", "counter", "ask", "mention", "demand", "describe", "joke", "continued",
              "thought", "think", "believe", "wonder", "indicate", "ask", "asked", "asking",
              "describe", "describes", "described", "describing", "repeat", "repeats", "repeated"}
CUE_FORMS |= {"reports", "claims", "says", "states", "notes", "points"}  # with a subject before them
#: belief, evidence and expectation verbs: attributions (PolNeAR counts them: "think", "found",
#: "shows" are among its 20 commonest cues outside the lists above) but only with a clause after
#: them ("the poll shows that …", "critics believe the plan …"), which the quote rules require
CLAUSE_CUES = {
    "think", "thinks", "thought", "believe", "believes", "believed", "found", "finds", "concluded",
    "concludes", "show", "shows", "showed", "hope", "hopes", "hoped", "fear", "fears", "feared",
    "expect", "expects", "expected", "know", "knows", "knew", "agreed", "agrees", "indicated", "indicates",
    "acknowledged", "predicted", "estimated", "suggested", "suggests", "argued", "argues", "reported",
    "learned", "recalled", "conceded", "worried", "worries", "doubt", "doubts", "doubted",
}
CUE_FORMS |= CLAUSE_CUES

#: words that may sit between a subject and its cue ("has repeatedly denied", "also added")
ADVERBS = {
    "also", "then", "later", "previously", "repeatedly", "reportedly", "publicly", "privately", "once",
    "again", "further", "earlier", "recently", "already", "often", "always", "never", "since",
    "has", "have", "had", "been", "was", "were", "is", "are", "will", "would", "could", "might", "may",
    "did", "does", "do", "not", "long", "strongly", "flatly", "firmly", "angrily", "quickly", "simply",
    "categorically", "vehemently", "openly", "subsequently", "initially", "first", "finally", "just",
    "however", "now", "still", "even", "had", "allegedly", "apparently", "clearly", "explicitly",
    "falsely", "wrongly", "correctly", "rightly", "officially", "formally", "personally", "consistently",
}
#: "X has been warning", "X have been warning for months": the cue may be a progressive form
PROGRESSIVE_AUX = {"been", "is", "are", "was", "were", "am"}

#: a phrase cue: "according to X" puts the speaker after the cue
ACCORDING_TO = re.compile(r"\b(?:[Aa]ccording to|[Aa]s (?:quoted|reported|cited) by|[Ii]n the words of)\b")

# -- speakers ------------------------------------------------------------------------------------

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_GROUP = {"they", "we", "it"}
PRONOUNS_FIRST = {"i"}
RELATIVES = {"who", "which"}
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | PRONOUNS_FIRST | RELATIVES

#: titles and honorifics stripped from a name to reach its canonical form
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "general", "chancellor", "premier",
    "king", "queen", "prince", "princess", "pope", "sen", "sen.", "senator", "rep", "rep.",
    "representative", "gov", "gov.", "governor", "mayor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
    "dr", "dr.", "prof", "prof.", "professor", "gen", "gen.", "col", "col.", "lt", "lt.", "adm",
    "adm.", "admiral", "judge", "justice", "ambassador", "foreign", "defence", "defense", "deputy",
    "chief", "spokesman", "spokeswoman", "spokesperson", "sir", "dame", "lord", "lady", "speaker",
    "leader", "commander", "colonel", "captain", "sheikh", "emir", "sultan", "ayatollah", "rev",
    "rev.", "reverend", "father", "bishop", "archbishop", "cardinal", "candidate", "nominee",
    "senior", "former", "acting", "interim", "state", "press", "envoy", "director", "chairman",
    "chairwoman", "ceo", "head", "official", "secretary-general", "attorney", "congressman",
    "congresswoman", "trade", "finance", "interior", "health", "economy", "of", "the",
}
#: a hyphenated title abbreviation is one token ("then-Sen.", "ex-Rep.": see _keeps_period) and a title too
TITLES |= {f"{prefix}-{title}" for prefix in ("then", "ex") for title in TITLES if title.endswith(".")}
#: nouns that can head a speaker phrase for a person ("the French leader", "a spokesman")
PERSON_NOUNS = {
    "president", "leader", "minister", "chancellor", "premier", "spokesman", "spokeswoman",
    "spokesperson", "official", "officials", "secretary", "senator", "governor", "mayor", "king", "queen",
    "pope", "ambassador", "envoy", "diplomat", "diplomats", "general", "commander", "chief", "head",
    "candidate", "nominee", "source", "sources", "expert", "experts", "analyst", "analysts", "lawmaker",
    "lawmakers", "politician", "politicians", "author", "authors", "researcher", "researchers",
    "scientist", "scientists", "economist", "economists", "lawyer", "lawyers", "attorney", "judge",
    "prosecutor", "prosecutors", "witness", "witnesses", "activist", "activists", "critic", "critics",
    "supporter", "supporters", "opponent", "opponents", "residents", "resident", "voters", "voter",
    "people", "man", "woman", "director", "chairman", "chairwoman", "ceo", "founder", "aide", "aides",
    "adviser", "advisers", "advisor", "advisors", "representative", "representatives", "congressman",
    "congresswoman", "officer", "officers", "police", "authorities", "leaders", "ministers",
    "campaign", "team", "negotiators", "observers", "insiders", "colleague", "colleagues", "doctor",
    "doctors", "professor", "democrats", "republicans", "strategist", "strategists", "investigators",
    "historian", "commentator", "columnist", "editor", "reporter", "correspondent", "pollster",
    "poll", "survey", "study", "report", "statement", "document", "documents", "memo", "letter",
    "heckler", "hecklers",
}
#: nouns of a person's relation to another, whom a preposition names ("the wife of Bill Clinton", "the
#: chief of staff to President Obama", "a close friend of Mr. Trump"): that other is not the speaker
RELATION_NOUNS = {
    "staff", "wife", "husband", "son", "daughter", "friend", "friends", "brother", "sister", "mother",
    "father", "widow", "widower", "spouse", "partner", "cousin", "nephew", "niece", "uncle", "aunt",
    "grandson", "granddaughter", "stepson", "stepdaughter", "fiancé", "fiancée", "girlfriend",
    "boyfriend", "ally", "allies", "confidant", "confidante", "associate", "associates", "biographer",
    "assistant", "deputy", "surrogate", "surrogates", "backer", "backers", "donor", "donors",
}
#: the person and relation nouns whose preposition names whom the speaker serves; not a document's
#: ("a letter to the transport board", "a report for the committee" name where it went)
SERVING_NOUNS = (PERSON_NOUNS | RELATION_NOUNS) - {
    "poll", "survey", "study", "report", "statement", "document", "documents", "memo", "letter"}
#: nouns heading an organisation phrase ("the ministry said", "the alliance claims")
ORG_NOUNS = {
    "government", "ministry", "department", "agency", "alliance", "bloc", "company", "firm", "group",
    "party", "administration", "kremlin", "council", "committee", "commission", "court", "army",
    "military", "office", "embassy", "union", "organisation", "organization", "bank", "board",
    "newspaper", "outlet", "channel", "network", "website", "service", "white", "house", "cabinet",
    "parliament", "congress", "senate", "regime", "coalition", "federation", "authority",
}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "these", "those",
               "some", "many", "several", "two", "three", "both", "other", "another", "one", "senior",
               "top", "western", "local", "foreign", "former", "unnamed", "anonymous", "independent"}
NAME_GLUE = {"of", "for", "de", "van", "von", "al", "bin", "da", "la", "le", "du", "&", "'s", "’s", "-"}
#: words that never belong to a speaker phrase even when capitalised (sentence-initial adverbs ...)
NOT_NAMES = {
    "however", "but", "and", "or", "so", "yet", "meanwhile", "still", "also", "then", "in", "on", "at",
    "after", "before", "when", "while", "if", "as", "because", "although", "though", "since", "last",
    "this", "that", "there", "here", "what", "why", "how", "where", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "earlier", "later",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "we", "our", "you", "your", "my", "it", "its", "no", "not", "yes",
    "i", "he", "she", "they", "his", "her", "their", "them", "us", "me", "the", "a", "an",
}

#: adjectives of nationality, for role nouns ("the Russian President") and titles ("French President")
NATIONALITIES = {
    "american": "US", "us": "US", "u.s.": "US", "british": "UK", "uk": "UK", "russian": "Russia",
    "french": "France", "german": "Germany", "ukrainian": "Ukraine", "chinese": "China", "italian": "Italy",
    "spanish": "Spain", "polish": "Poland", "turkish": "Turkey", "iranian": "Iran", "israeli": "Israel",
    "palestinian": "Palestine", "indian": "India", "japanese": "Japan", "korean": "Korea",
    "canadian": "Canada", "australian": "Australia", "belarusian": "Belarus", "georgian": "Georgia",
    "hungarian": "Hungary", "dutch": "Netherlands", "belgian": "Belgium", "swedish": "Sweden",
    "finnish": "Finland", "norwegian": "Norway", "danish": "Denmark", "greek": "Greece",
    "syrian": "Syria", "iraqi": "Iraq", "afghan": "Afghanistan", "libyan": "Libya", "saudi": "Saudi Arabia",
    "egyptian": "Egypt", "mexican": "Mexico", "brazilian": "Brazil", "serbian": "Serbia", "czech": "Czechia",
    "austrian": "Austria", "swiss": "Switzerland", "irish": "Ireland", "scottish": "Scotland",
    "european": "Europe", "venezuelan": "Venezuela",
}

# -- relays --------------------------------------------------------------------------------------

#: channels named without an article; "said on Twitter", "wrote on Telegram"
PLATFORMS = {
    "twitter", "x", "facebook", "telegram", "instagram", "youtube", "tiktok", "truth social", "weibo",
    "vkontakte", "linkedin", "threads", "mastodon", "reddit", "substack", "television", "tv", "radio",
    "state television", "state tv", "national television",
}
#: nouns that are an audience, not an outlet: "told reporters" has no relay
AUDIENCE_NOUNS = {
    "reporters", "journalists", "the press", "press", "lawmakers", "parliament", "congress", "supporters",
    "the audience", "an audience", "the crowd", "a crowd", "students", "the bbc's", "me", "us", "him",
    "her", "them", "the media", "media", "a news conference", "a press conference", "the conference",
    "delegates", "the committee", "the senate", "the court", "a rally", "the nation", "colleagues",
    "residents", "voters", "viewers", "listeners",
}
#: known outlets and agencies, checked first (names here need no capital-letter evidence)
KNOWN_OUTLETS = {
    "russia today", "rt", "reuters", "ap", "the associated press", "associated press", "afp",
    "agence france-presse", "bbc", "the bbc", "cnn", "fox news", "msnbc", "nbc", "abc", "cbs", "npr",
    "the new york times", "new york times", "the washington post", "washington post", "the guardian",
    "the times", "the telegraph", "al jazeera", "tass", "ria novosti", "interfax", "sputnik", "bloomberg",
    "the wall street journal", "wall street journal", "politico", "axios", "der spiegel", "le monde",
    "xinhua", "dpa", "efe", "ansa", "the independent", "sky news", "cnbc", "the financial times",
    "financial times", "the economist", "izvestia", "kommersant", "channel one", "rossiya 1",
    "the hill",  # (never "hill" alone: a surname)
}

#: "-ly" words that are not adverbs a subject could stand before ("Kelly", "rally", "family")
LY_NOT_ADVERBS = {"family", "rally", "ally", "italy", "july", "reply", "supply", "assembly", "belly", "bully",
                  "only", "early", "daily", "weekly", "monthly", "likely", "holy", "jelly", "lily"}


def is_ly_adverb(tok: "Token") -> bool:
    """A lower-case "-ly" word between subject and cue ("Morial forcefully told …")."""
    return len(tok.text) > 4 and tok.text.endswith("ly") and tok.text.islower() and tok.lower not in LY_NOT_ADVERBS


#: a word starts with a letter of any script ("Viganò", "Erdoğan"), then letters and digits joined by
#: . ' ’ - (with an optional final period); or a number; or one punctuation mark
_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:[.'’\-][^\W_]+)*\.?|\d+(?:[.,/:\-]\d+)*|[^\w\s]")


@dataclass(slots=True, init=False)
class Token:
    start: int
    end: int
    text: str
    lower: str

    def __init__(self, start: int, end: int, text: str) -> None:
        # written out: the generated __init__ and a __post_init__ call made tokenising 15% slower
        self.start = start
        self.end = end
        self.text = text
        self.lower = text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


#: per thread, the last texts tokenised whole, so the many small look-ups of one document slice
#: one token list (profiled: tokenising was 40% of the quote layer's time before this); keyed by
#: id(text), each entry holding its text so the id stays that text's
_CACHE = threading.local()
#: texts kept per thread: a document's text and its quote-mark-normalised twin alternate. Not more:
#: a token list that outlives a few documents reaches the garbage collector's oldest generation,
#: and keeping 64 documents' tokens made the quote layer 15% slower (PolNeAR, 504 texts)
_CACHED_TEXTS = 4
#: short strings (a relay name, a canonical name) are tokenised directly and never evict a document
_CACHE_MIN_CHARS = 200


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with absolute offsets.

    A trailing period stays on a word only for known abbreviations and initials ("Mr.", "U.S."),
    so "said." gives "said" and ".". The whole text is tokenised once and sliced; a range that
    cuts through a token is tokenised on its own.
    """
    end = len(text) if end is None else end
    if len(text) < _CACHE_MIN_CHARS:
        return _tokenize(text, start, end)
    recent = getattr(_CACHE, "recent", None)
    if recent is None:
        recent = _CACHE.recent = {}
    entry = recent.get(id(text))
    if entry is None or entry[0] is not text:
        tokens = _tokenize(text, 0, len(text))
        entry = (text, tokens, [t.start for t in tokens], [t.end for t in tokens])
        recent.pop(id(text), None)
        recent[id(text)] = entry
        while len(recent) > _CACHED_TEXTS:
            del recent[next(iter(recent))]  # the oldest goes first
    _, tokens, starts, ends = entry
    a = bisect.bisect_left(starts, start)
    b = bisect.bisect_left(starts, end)
    # Edges inside a token (or inside the gap-free run of one regex match) need a fresh read.
    if (a > 0 and ends[a - 1] > start) or (b > a and ends[b - 1] > end):
        return _tokenize(text, start, end)
    return tokens[a:b]


def _tokenize(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if len(word) > 1:
            last = word[-1]
            if last == "." and not _keeps_period(word):
                s, e = m.span()
                append(Token(s, e - 1, word[:-1]))
                append(Token(e - 1, e, "."))
                continue
            # "Russia's" -> "Russia" + "'s": the possessive is not part of a name.
            if last == "s" and len(word) > 2 and word[-2] in "'’" and word[0].isalpha():
                s, e = m.span()
                append(Token(s, e - 2, word[:-2]))
                append(Token(e - 2, e, word[-2:]))
                continue
        s, e = m.span()
        append(Token(s, e, word))
    return out


_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "adm.",
                  "st.", "jr.", "sr.", "rev.", "u.s.", "u.k.", "u.n.", "e.u.", "d.c.", "no.", "vs.", "inc.",
                  "corp.", "co.", "ltd.", "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
                  "a.m.", "p.m.", "etc.", "e.g.", "i.e.", "capt.", "sgt.", "maj.", "mt.", "ft."}


#: titles before a name; also kept whole after a hyphen: "then-Sen.", "ex-Rep.", "then-Lt. Gov."
_TITLE_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "adm.",
                        "rev.", "capt.", "sgt.", "maj."}


def _keeps_period(word: str) -> bool:
    lower = word.lower()
    if lower in _ABBREVIATIONS:
        return True
    tail = word.rpartition("-")[2]
    if "-" in word and tail[:1].isupper() and tail.lower() in _TITLE_ABBREVIATIONS:
        return True  # "then-Sen.", "ex-Rep." (a capitalised title; not "next-gen.")
    # Initials: "J." or "U.S."
    return _INITIALS.fullmatch(word) is not None


_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)|\n")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``: ends at . ! ? (not after abbreviations) and newlines.

    A period inside a quotation followed by a lower-case word ("…,” he said") does not end it.
    """
    end = len(text) if end is None else end
    spans = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        e = m.end()
        if m.group() != "\n":
            word_start = text.rfind(" ", s, m.start()) + 1
            word = text[max(word_start, s):m.start() + 1]
            if _keeps_period(word.strip("\"'“‘(")) and not word.lower().strip("\"'“‘(") in ("u.s.", "u.k."):
                continue
            following = text[e:e + 40].lstrip(" \t")
            if following[:1].islower():
                continue
        _append_trimmed(text, spans, s, e)
        s = e
    _append_trimmed(text, spans, s, end)
    return spans


def _append_trimmed(text: str, spans: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: runs of text between newlines (blank lines or single line breaks)."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        _append_trimmed(text, spans, m.start(), m.end())
    return spans
