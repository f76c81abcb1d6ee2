"""Names as readers write them: titles and qualifiers stripped, natural case, and whether a speaker
phrase is a name at all (pronouns, role nouns and quantities are not).

Used by the entity grouping (canonical names), by the store (the speaker a quote is counted under)
and by the corpus speaker linking (:mod:`slant.corpus.speakers`).
"""

from __future__ import annotations

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
    for i, w in enumerate(words[:-1]):
        if w in rules.TITLES and w not in ("of", "the"):
            cut = i + 1
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


def is_speaker_name(text: str, require_capital: bool = True) -> bool:
    """Whether an unresolved speaker phrase names someone: "Robert Mueller", "Reuters", "the White
    House" are names; "I", "Who", "they", "the Republican nominee", "officials", "41 percent" and
    "3rd Highest Ranked Dem" are not."""
    words = _WORD.findall(text)
    if not words or _QUANTITY.search(text):
        return False
    lows = [w.lower() for w in words]
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


def speaker_name(speaker: dict | str | None) -> tuple[str, bool]:
    """The name a quote's speaker is shown and counted under, and whether it is a name at all.

    A resolved speaker (an entity id) is its entity's canonical name; an unresolved one is its
    phrase with titles stripped and natural case, counted only when :func:`is_speaker_name`.
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
    if entity:
        kind = str(entity).split(":", 1)[0].upper()
        name = natural_case(" ".join(str(canonical or text).split()), kind)
        if not _WORD.search(name):  # an entity whose mention and canonical name hold no word
            return name, False
        return name, kind != "MISC" or is_speaker_name(name)
    phrase = " ".join(str(canonical or text).split())
    words = phrase.split()
    cut = title_prefix([w.lower() for w in words])
    if cut == 0 and len(words) > 1 and words[0].lower() == "the":
        cut = 1  # "the White House" is counted with "White House"
    name = natural_case(" ".join(words[cut:]))
    if not is_speaker_name(phrase if cut == 0 else name, require_capital=not typed):
        return phrase, False
    return name, True
