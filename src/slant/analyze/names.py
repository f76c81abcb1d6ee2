"""Names as readers write them: titles and qualifiers stripped, natural case, and whether a speaker
phrase is a name at all (pronouns, role nouns and quantities are not).

Used by the entity grouping (canonical names), by the store (the speaker a quote is counted under)
and by the corpus speaker linking (:mod:`slant.corpus.speakers`).
"""

from __future__ import annotations

import functools
import re

from slant.analyze import attribution_rules as rules

#: capitalised words that qualify a title before a person's name ("Senate Majority Leader Mitch
#: McConnell", "Democratic presidential nominee Hillary Clinton", "FBI Director James Comey"); they
#: are stripped only together with a title after them, never on their own
QUALIFIERS = {
    "senate", "house", "majority", "minority", "whip", "republican", "republicans", "democratic", "democrat",
    "gop", "presidential", "vice-presidential", "party", "campaign", "white", "u.s.", "us", "u.n.", "un",
    "national", "security", "homeland", "supreme", "court", "federal", "fbi", "cia", "nsa", "department",
    "assistant", "associate", "executive", "managing", "communications", "policy", "council", "committee",
    "intelligence", "armed", "services", "judiciary", "budget", "labor", "labour", "education", "energy",
    "environment", "treasury", "transportation", "agriculture", "commerce", "housing", "veterans", "affairs",
    "democratic-leaning", "independent", "libertarian", "green", "first", "lady", "district", "county", "city",
    "council", "board", "opposition", "shadow", "elect", "designate", "then", "then-", "ex", "current",
    "incoming", "outgoing", "retired", "longtime", "top", "chief", "senior", "deputy",
}
#: prepositions after a role whose object is what the role serves, not who holds it: "the ambassador
#: to Russia", "the head of the UN" name nobody by "Russia" or "the UN"
ROLE_PREPOSITIONS = frozenset({"to", "of", "for", "in", "at"})
#: party and political adjectives: capitalised, yet they make "the Republican nominee" a role, not a name
_POLITICAL = {"republican", "democratic", "democrat", "gop", "conservative", "liberal", "libertarian",
              "independent", "labour", "tory", "green"}
_DETERMINERS = rules.DETERMINERS | {"this", "that", "these", "those", "every", "each", "any", "no", "most", "all"}
_QUANTITY = re.compile(r"\d|\b(?:percent|per cent|%|million|billion|thousand|hundred|dozen)\b", re.I)
_NOT_NAME_WORDS = rules.PRONOUNS | rules.RELATIVES | {
    "that", "this", "there", "those", "these", "what", "someone", "somebody", "everyone", "nobody", "one",
    "you", "me", "us", "them", "him", "her", "himself", "herself", "themselves", "anyone", "others"}
#: short words that are words, not acronyms, in a headline's capitals ("CONGRESS HAS INVESTIGATED HIM")
_SHORT_WORDS = rules.NOT_NAMES | {"has", "had", "him", "her", "was", "are", "for", "and", "new", "not", "out",
                                  "off", "who", "why", "how", "all", "old", "big", "top", "war", "day", "man"}
_WORD = re.compile(r"[^\W_][\w.'’\-]*")
#: a name's Arabic article ("al-Assad", "el-Sisi"), as a pattern (also :mod:`slant.analyze.entities`'s)
ARABIC_ARTICLE = r"(?:al|el)"
#: the article and the capitalised word joined to it
ARTICLE_NAME = ARABIC_ARTICLE + r"-[A-Z]"
_ARTICLE_NAME = re.compile(ARTICLE_NAME)
#: a pronoun with its verb ("I've", "He’d", "We're", "Let's") is still the pronoun
_CONTRACTION = re.compile(r"^(\w+)['’](?:ve|d|re|m|ll|s)$")
#: words that name nobody even where an entity recogniser typed them (issue 13: "Everyone knows …"
#: typed ORG, "And", "I'm"): pronouns, indefinite pronouns and the words that never open a name
_NOBODY = _NOT_NAME_WORDS | rules.NOT_NAMES | {
    "everyone", "everybody", "anybody", "no-one", "none", "all", "both", "each", "either", "neither",
    "many", "most", "few", "several", "some", "another", "other", "let's"}
#: an outlet or employer with a possessive before a person's full name ("The Hill’s John Solomon",
#: "CNN's Jake Tapper"): the person is the name after it
POSSESSOR_BEFORE_NAME = re.compile(r"^(?:[\w.&\-]+\s+){0,3}?[\w.&\-]+['’]s\s+(?=[A-Z][\w.'’\-]*\s+[A-Z])")
#: titles and role nouns: a name made only of them is a role ("Pope", "the Cardinal"); the parties'
#: plurals among the role nouns are organisations when a recogniser types them so ("Democrats")
_ROLE_WORDS = rules.TITLES | (rules.PERSON_NOUNS - {"democrats", "republicans"})
#: a role's or a relation's noun before the preposition naming whom it serves ("adviser to", "wife of")
_SERVING_WORDS = frozenset(rules.SERVING_NOUNS)
#: the role words that, after an article in a name a recogniser typed as an organisation, name it:
#: one person's role written as a publication's name ("The Economist"), never a title ("President",
#: "Pope", "Vice": alone, a title is any of its holders, and one key would merge them all across a
#: corpus), a crowd, a document, an abbreviation or a title's qualifier ("Police", "People", "Report")
_ORG_NAME_WORDS = {w for w in _ROLE_WORDS - rules.TITLES if len(w) > 3 and w.isalpha() and not w.endswith("s")} - {
    "people", "police", "campaign", "team", "report", "statement", "study", "survey", "poll", "memo", "letter",
    "document", "source", "official", "head", "lady", "woman", "father", "acting", "former", "senior", "interim",
    "foreign", "deputy", "prime", "defence", "defense", "finance", "health", "interior", "trade", "economy",
    "state", "chief"}
#: groups by nationality, religion, ethnicity or party, in adjective or plural form: "Jewish",
#: "Catholics", "Americans", "Swedes", "African-Americans" name a group, never one person or
#: organisation (nationality adjectives come from ``rules.NATIONALITIES``; plurals by an "s")
_GROUP_WORDS = set(rules.NATIONALITIES) | _POLITICAL | {
    "jewish", "jew", "catholic", "christian", "muslim", "islamic", "protestant", "evangelical", "mormon",
    "hindu", "sikh", "buddhist", "orthodox", "zionist", "arab", "african", "asian", "latino", "latina",
    "hispanic", "swede", "turk", "dane", "pole", "finn", "scot", "brit", "english", "welsh",
    "dem", "democrat", "republican", "progressive", "anti-israel", "african-american", "ecuadorean",
    "guatemalan", "iranian", "mexican", "israeli", "pakistani", "nigerian", "lebanese", "jordanian",
    "yemeni", "kurd", "kurdish", "cuban", "colombian", "peruvian", "chilean", "argentine", "argentinian",
    "catalan", "basque", "filipino", "vietnamese", "thai", "indonesian", "malaysian", "somali",
    "ethiopian", "kenyan", "latin"}
#: words that count people or share them out ("Two-thirds of respondents", "Half of those polled"):
#: a phrase opening with one of them and no capital after it is a group, not someone
_SHARE_WORDS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
                "majority", "minority", "most", "few", "dozens", "hundreds", "thousands", "millions",
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty",
                "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "people", "residents", "voters"}


def title_prefix(words: list[str]) -> int:
    """How many leading ``words`` (lower case) are titles and their qualifiers, leaving at least one
    word: 2 for "president barack obama", 3 for "senate majority leader mitch mcconnell", 0 for
    "martin luther king" (a title word inside a name is kept) and for "armed american radio" or
    "district of columbia circuit" (qualifiers with no title after them are part of the name)."""
    if words and (words[-1] in rules.ORG_NOUNS or words[-1] in rules.PERSON_NOUNS):
        return 0  # "Justice Department", "White House", "the Republican nominee": nobody's title
    plain = 0  # titles and nationalities only, from the start ("French President", "Mr.")
    while plain < len(words) - 1 and (words[plain] in rules.TITLES or words[plain] in rules.NATIONALITIES):
        plain += 1
    cut = 0  # qualifiers too, up to a real title ("Senate Majority Leader")
    of_title = False  # a title's "of" complement ("Speaker of the House", "Director of National Intelligence")
    for i, w in enumerate(words[:-1]):
        if w in rules.TITLES and w not in ("of", "the"):
            cut = i + 1
        elif w == "of" and cut == i:
            of_title = True
        elif of_title and w != "the" and (w in QUALIFIERS or w in rules.NATIONALITIES):
            cut = i + 1  # (issue 13: "Speaker of the House Paul Ryan" was "House Paul Ryan")
        elif w not in QUALIFIERS and w not in rules.NATIONALITIES and w not in rules.TITLES:
            break
    return max(plain, cut)


def natural_case(name: str, kind: str = "PER") -> str:
    """A name written all in capitals (a headline's "ROBERT MUELLER") in natural case ("Robert
    Mueller"); acronyms ("FBI", "NATO", one word of at most 5 letters that is not a person) and
    names already in mixed case are kept."""
    if not name.isupper():  # some lower-case letter, or none cased at all
        return name
    words = name.split()
    if kind != "PER" and len(words) == 1 and sum(c.isalpha() for c in name) <= 5:
        return name

    def fix(word: str) -> str:
        if word.lower().rstrip(".") in ("u.s", "u.n", "u.k", "e.u") or (
                kind != "PER" and len(word) <= 3 and word.isalpha() and word.lower() not in _SHORT_WORDS):
            return word  # "U.S.", "ABC", "NBC News"
        return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), word)

    return " ".join(fix(w) for w in words)


def _base(word: str) -> str:
    """A word in lower case, a pronoun's contraction as the pronoun ("I’ve" -> "i")."""
    low = word.lower().replace("’", "'")
    m = _CONTRACTION.match(low)
    return m.group(1) if m and m.group(1) in _NOBODY else low


def _group_word(low: str) -> bool:
    """Whether a word names a group by nationality, religion, ethnicity or party ("jewish", "swedes")."""
    return low in _GROUP_WORDS or (low.endswith("s") and (low[:-1] in _GROUP_WORDS or (
        low.endswith("es") and low[:-2] in _GROUP_WORDS)))


def names_nobody(name: str, kind: str = "", written: str = "") -> bool:
    """Whether a name, even one an entity recogniser typed, is no one's: all its words are pronouns,
    words that never open a name, titles or role nouns ("Everyone", "And", "I'm", "Pope", "the
    Cardinal", "Mr"). Typed as an organisation (``kind`` "ORG") and ``written`` (the mention, else
    the name) with its article, one person's role noun is the organisation's name ("The Economist");
    a role alone, a title, a crowd, a document or a whole title is still no one's ("Critic",
    "President", "The President", "Vice", "Police", "People", "Health Secretary")."""
    words = _WORD.findall(name)
    if any(w.isupper() and w.isalpha() and len(w) > 1 for w in words):
        return False  # an acronym is a name, even one spelled like a pronoun ("US")
    lows = [_base(w) for w in words]
    said = [_base(w) for w in _WORD.findall(written or name)]
    if kind == "ORG" and len(said) == 2 and said[0] == "the" and said[1] in _ORG_NAME_WORDS - _NOBODY \
            and [w for w in lows if w != "the"] == said[1:]:
        return False  # "The Economist"
    return bool(lows) and all(w in _NOBODY or w in _ROLE_WORDS for w in lows)


#: words that count or size an amount ("41 percent", "about the same number", "nine in 10", "a third")
_AMOUNT_WORDS = {"percent", "%", "number", "numbers", "share", "proportion", "majority", "minority", "half",
                 "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "fraction", "dozen",
                 "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion"}
#: numbers in words: an amount in "one in four", but alone people ("the two said", "one told me")
_CARDINALS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
              "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
#: words that may stand beside an amount and name nobody ("about the same number", "nearly twice as many",
#: "only one in 10", "the other half")
_AMOUNT_GLUE = {"a", "an", "the", "same", "about", "around", "roughly", "nearly", "almost", "only", "just", "some",
                "another", "other", "double", "twice", "triple", "more", "fewer", "less", "than", "as", "many",
                "much", "over", "under", "up", "to", "in", "out", "per", "cent", "similar", "smaller", "larger",
                "large", "small", "slim", "narrow", "wide", "clear", "overwhelming", "bare", "combined", "total",
                "and", "or", "each", "every", "of", "those", "these", "this", "that"}


def names_an_amount(text: str) -> bool:
    """Whether a speaker phrase is an amount and nothing else ("41 percent", "about the same
    number", "nine in 10", "one in four", "a third"): a number, a count noun or a share, with
    only words that size it beside it; nobody is named, so it is never a speaker (issue 13). A
    phrase with a group in it ("41 percent of voters", "a majority of Republicans") names who, and
    a number in words alone stands for people ("the two said", "one told me")."""
    words = [w.lower() for w in re.findall(r"[\w%]+", text)]
    counted = False
    for w in words:
        if w[:1].isdigit() or w in _AMOUNT_WORDS:
            counted = True
        elif w not in _AMOUNT_GLUE and w not in _CARDINALS:
            return False
    return counted or ("in" in words and any(w in _CARDINALS for w in words))


def is_speaker_name(text: str, require_capital: bool = True) -> bool:
    """Whether an unresolved speaker phrase names someone: "Robert Mueller", "Reuters", "the White
    House" are names; "I", "Who", "they", "the Republican nominee", "officials", "41 percent" and
    "3rd Highest Ranked Dem" are not, nor a capital with only lower-case words after it ("Federal
    investigators", "Protesters marching through the streets": a capital that opens a sentence), nor
    a phrase headed by a lower-case noun ("New York businessman", "a Catholic prelate")."""
    # an Arabic name's article is written in lower case, the name is capitalised after it ("Bashar al-Assad")
    words = [w[:1].upper() + w[1:] if _ARTICLE_NAME.match(w) else w for w in _WORD.findall(text)]
    if not words or _QUANTITY.search(text):
        return False
    if names_nobody(text) or all(_group_word(_base(w)) for w in words):
        return False  # nobody's, or a group by nationality, religion or party ("Jewish", "Americans")
    if require_capital and len(words) > 1 and all(not w[:1].isupper() for w in words[1:]):
        return False
    if require_capital and len(words) > 1 and words[-1][:1].islower() and words[-1].replace("-", "").isalpha():
        return False  # a lower-case noun heads it: "New York businessman", "a Catholic prelate", "Las Vegas police"
    lows = [_base(w) for w in words]
    if lows[0] in _NOT_NAME_WORDS or (len(lows) == 1 and lows[0] in rules.NOT_NAMES):
        return False
    if lows[0] in _DETERMINERS and (lows[-1] in rules.PERSON_NOUNS or lows[-1] in rules.TITLES):
        return False  # "the French President", "a White House spokesman"
    if lows[0] in _DETERMINERS and len(words) > 1 and words[1][:1].islower() and require_capital:
        return False  # "a spokeswoman for Hillary Clinton", "a narrator in the Clinton ad"
    if any(w.endswith(("'s", "’s")) for w in words[:-1]) and words[-1][:1].islower():
        return False  # "Clinton’s campaign", "Trump's lawyer": a role of someone
    if lows[-1] in rules.PERSON_NOUNS and all(not w[:1].isupper() for w in words):
        return False  # "officials", "senior officials"
    if all(not w[:1].isupper() for w in words[1:]) and (
            lows[0] in rules.PERSON_NOUNS or all(p in _SHARE_WORDS for p in lows[0].split("-") if p)):
        return False  # "People briefed on the move", "Two-thirds of respondents": capital only as the sentence opens
    if len(lows) == 2 and lows[0] in _DETERMINERS and lows[1].endswith("s") and lows[1][:-1] in rules.NATIONALITIES:
        return False  # "Many Americans", "Most Britons"
    names = [w for w, low in zip(words, lows) if (w[:1].isupper() or not require_capital)
             and low not in rules.TITLES
             and low not in rules.NATIONALITIES and low not in _DETERMINERS and low not in _POLITICAL
             and low not in _NOT_NAME_WORDS]
    return bool(names)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a quotation (its capital says nothing)."""
    before = text[max(0, start - 40):start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:;\n" or start <= 40 and not text[:start].strip(" \t\"“‘'(")


def capital_only_at_sentence_start(text: str, start: int, end: int) -> bool:
    """Whether the one title-case word at ``text[start:end]`` is an ordinary word capitalised only
    because it opens its sentence: the text never writes it capitalised inside a sentence, and it is
    a plural ("Islanders plan a protest", "Readers wrote in") or the text also writes it in lower
    case ("Even …", "even"). A name is capitalised wherever it stands ("Reuters", "Sanders"), and a
    surname the recogniser missed ("Trump said …") is neither plural nor written in lower case."""
    word = text[start:end]
    if not (word[:1].isupper() and word[1:].islower() and word.replace("-", "").isalpha()):
        return False
    if not _opens_sentence(text, start):
        return False
    if not (word.endswith("s") and not word.endswith("ss")) and \
            _whole_word(word.lower()).search(text) is None:
        return False
    return not capitalised_inside_a_sentence(text, word)


@functools.lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    """``word`` as a whole word (not inside "Sanders'" or "anti-X"), compiled once per word."""
    return re.compile(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w-])")


def capitalised_inside_a_sentence(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` (as given, capitalised) somewhere that opens no sentence, line
    or quotation ("said Republicans"): there its capital is the writer's, not the sentence's."""
    return not all(_opens_sentence(text, m.start())
                   for m in _whole_word(word).finditer(text))


def _role_with_preposition(words: list[str]) -> bool:
    """Whether a phrase opens (after an article) with a role written in lower case and a preposition:
    "the head of the UN", "chairman of the Home Affairs Select Committee" (a title written as one,
    "Speaker of the House Paul Ryan", is stripped as a title instead)."""
    i = 1 if words and words[0].lower() in ("the", "a", "an") else 0
    if len(words) > i + 2 and words[i].islower() and words[i] in _ROLE_WORDS and words[i + 1] in ROLE_PREPOSITIONS:
        return True
    # "The wife of Bill Clinton", "A senior adviser to Donald Trump", "Aides to Clinton": the person
    # the role serves is not its holder (m15h), after lower-case words only; a title opening the
    # phrase is one ("Secretary of State John Kerry")
    for k in range(i, min(len(words) - 2, i + 4)):
        low = words[k].lower()
        if not words[k].islower() and (k > i or low in rules.TITLES):
            return False
        if low in _SERVING_WORDS and words[k + 1] in ROLE_PREPOSITIONS and (
                words[k].islower() or words[k + 2][:1].isupper()):  # ("Friends of the Earth" is a name)
            return True
    return False


def speaker_name(speaker: dict | str | None, article: str | None = None) -> tuple[str, bool]:
    """The name a quote's speaker is shown and counted under, and whether it is a name at all.

    A resolved speaker (an entity id) is its entity's canonical name, unless that names nobody
    (:func:`names_nobody`); an unresolved one is its phrase with titles stripped and natural case,
    counted only when :func:`is_speaker_name` and, given the ``article``'s text and the mention's
    offsets, when it is not one ordinary word capitalised only because it opens a sentence
    (:func:`capital_only_at_sentence_start`).
    """
    if not speaker:
        return "", False
    typed = isinstance(speaker, str)  # a record's speaker field, not a mention found in a text
    if typed:
        text, entity, canonical = speaker, None, None
    else:
        text = str(speaker.get("text") or speaker.get("name") or "")
        entity, canonical = speaker.get("entity"), speaker.get("canonical")
        if speaker.get("kind") == "document":
            return " ".join(str(canonical or text).split()), False  # a text or data, not someone
        if speaker.get("kind") == "surname":
            # a surname several people of the article share, the text not saying whose ("Mrs.
            # Clinton" beside Bill and Hillary Clinton): shown as written, never counted (issue 13)
            shown = canonical if speaker.get("resolved_by") in ("pronoun", "role") and canonical else text
            return " ".join(str(shown).split()), False
    if entity:
        kind = str(entity).split(":", 1)[0].upper()
        name = natural_case(" ".join(str(canonical or text).split()), kind)
        if kind == "PER":
            name = POSSESSOR_BEFORE_NAME.sub("", name)
        if not _WORD.search(name) or names_nobody(name, kind, " ".join(text.split())):  # no word at all, or nobody's
            return name, False
        return name, kind != "MISC" or is_speaker_name(name)
    phrase = " ".join(str(canonical or text).split())
    words = phrase.split()
    cut = title_prefix([w.lower() for w in words])
    if len(words) > 2 and words[0].lower() == "the":
        cut = max(cut, 1)  # "the White House" is counted with "White House"
    elif len(words) == 2 and words[0].lower() == "the" and cut == 1:
        # "The Hill", "the Kremlin" keep their article: one word after it is no person's surname (issue
        # 13: The Hill's quotes were counted with Katie Hill's "Hill"); the corpus linking counts "the
        # Kremlin" with the organisation "Kremlin" (slant.corpus.speakers.link_keys)
        cut = 0
    name = natural_case(" ".join(words[cut:]))
    if (cut and words[cut] in ROLE_PREPOSITIONS) or _role_with_preposition(words):
        return phrase, False  # "The ambassador to Russia", "the head of the UN": a role, not "to Russia", "UN"
    if not is_speaker_name(phrase if cut == 0 else name, require_capital=not typed):
        return phrase, False
    if article is not None and not typed and len(words) == 1 and isinstance(speaker.get("start"), int) \
            and article[speaker["start"]:speaker.get("end", -1)] == phrase \
            and capital_only_at_sentence_start(article, speaker["start"], speaker["end"]):
        return phrase, False
    return name, True
