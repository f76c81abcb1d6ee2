"""The literal pre-test in front of the junk patterns: same answers as the bare regexes."""

import json
import re
from pathlib import Path

from slant.clean import junk, junk_categories
from slant.clean.literal_gate import GatedPattern, gated, required_literals

DATA = Path(__file__).parent / "data"


def test_required_literals_of_an_alternation_and_a_sequence():
    assert required_literals(re.compile(r"\b(?:said|told)\b", re.I)) == {"said", "told"}
    # the longest fixed run of a sequence; an optional part is never required
    assert required_literals(re.compile(r"(?:free )?newsletter\b", re.I)) == {"newsletter"}
    # one alternative without a literal leaves the pattern without a pre-test
    assert required_literals(re.compile(r"said|\d+")) is None
    assert gated(re.compile(r"\d+")).__class__ is re.Pattern


def test_the_pre_test_skips_only_lines_that_cannot_match():
    pattern = gated(re.compile(r"\b(?:said|according to)\b", re.I))
    assert isinstance(pattern, GatedPattern)
    assert not pattern.may_match("The council met on Tuesday.")
    assert pattern.search("Officials SAID so.").group(0) == "SAID"
    assert pattern.search("ACCORDING TO the report") is not None
    # characters the engine folds to an ASCII letter that str.lower() leaves alone
    for text in ("He \u017faid so.", "He sa\u0130d so.", "He sa\u0131d so."):
        assert pattern.may_match(text)
        assert (pattern.search(text) is None) == (pattern.regex.search(text) is None)


def _lines() -> list[str]:
    lines = []
    for path in sorted(DATA.glob("clean_*.json")):
        data = json.loads(path.read_text("utf-8"))
        lines += [line for group in data["junk"].values() for line in group]
        lines += list(data["content"]) + list(data["body"])
    lines += ["He \u017fubscribed.", "SAİD the editor", "\u212aeep reading", "Share on Facebook \u2014 ſhare"]
    return lines


def test_every_gated_pattern_answers_as_its_regex():
    patterns = [p for p in vars(junk_categories).values() if isinstance(p, GatedPattern)]
    patterns += [p for p in vars(junk).values() if isinstance(p, GatedPattern)]
    for cat in junk_categories._CATEGORIES:
        patterns += [getattr(cat, f) for f in ("topic", "weak", "action", "notice", "schedule", "product")
                     if isinstance(getattr(cat, f), GatedPattern)]
    patterns += [cue[4] for cue in junk.CUES if isinstance(cue[4], GatedPattern)]
    assert len(patterns) >= 30
    lines = _lines()
    for pattern in patterns:
        for line in lines:
            got = [m.span() for m in pattern.finditer(line)]
            assert got == [m.span() for m in pattern.regex.finditer(line)], (pattern.pattern[:60], line)


def test_split_alternatives_find_a_match_exactly_when_the_whole_pattern_does():
    lines = _lines()
    for found in list(junk_categories._TOPIC_FOUND.values()) + list(junk_categories._WEAK_FOUND.values()):
        whole = re.compile("|".join(getattr(p, "pattern") for p in found.parts), found.parts[0].flags)
        assert len(found.parts) >= 2
        for line in lines:
            assert (found.search(line) is None) == (whole.search(line) is None), (whole.pattern[:60], line)


def test_a_bracket_or_a_group_is_not_split():
    from slant.clean.literal_gate import top_level_alternatives

    assert top_level_alternatives(r"a[|]b|(?:c|d)|[]|]e|\|f") == ["a[|]b", "(?:c|d)", "[]|]e", r"\|f"]


def test_word_masks_open_the_bits_of_every_set_a_word_is_in():
    from slant.clean.literal_gate import WordMasks

    masks = WordMasks([{"share", "follow"}, {"cookie"}, {"share", "podcast"}])
    assert masks.opened(["please", "share", "this"]) == 0b101
    assert masks.opened({"cookie", "podcast"}) == 0b110
    assert masks.opened(["nothing", "here"]) == 0
    assert masks.opened([]) == 0


def test_first_chars_of_a_sequence_an_alternation_and_an_optional_start():
    from slant.clean.literal_gate import first_chars
    assert first_chars(r"^(?:by|written by)\s*$", re.I) == frozenset("bBwW")
    # an optional part's first characters and then what follows it
    assert first_chars(r"^\(?(?:photo|credit)", re.I) == frozenset("(pPcC")
    # a negated set, a dot or a pattern that may match nothing: any first character
    assert first_chars(r"^[^.!?]{1,30}$") is None
    assert first_chars(r"^.+") is None
    assert first_chars(r"^(?:ads?)?$") is None
    # a look-ahead is width zero: the character after it starts the match
    assert first_chars(r"^(?=\w)copyright", re.I) == frozenset("cC")
    # the engine's own case folding: the Kelvin sign and the long s fold to ASCII letters
    assert "k" in first_chars("\u212a", re.I) and "s" in first_chars("\u017f", re.I)


def test_the_anchored_cues_tried_by_first_character_answer_as_the_whole_regex():
    # every line of the junk sets, as is and collapsed: the same family (group) and the same span
    lines = []
    for path in sorted(DATA.glob("clean_*.json")):
        data = json.loads(path.read_text("utf-8"))
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                lines.extend(line.strip() for line in item.split("\n"))
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    lines += ["", "By", "Advertisement", "ſponsored", "\u212aeep reading", "Éditorial", "5 min read", "Home > News > World"]
    matched = 0
    for line in lines:
        whole = junk.ANCHORED_CUES.match(line)
        assert junk._anchored_cue(line) == (junk._ANCHORED_BY_GROUP[whole.lastgroup] if whole else None), line
        matched += whole is not None
    assert matched > 100
