"""Publication dates: find the candidates, settle day/month order from evidence, say how sure we are.

Sources, strongest first: a date the source gave (HTML meta, JSONL ``published``), a date in the
article's URL (``/2022/02/08/``), then dates in the text. Among text dates the one that looks like
the publication date wins: near the top, in a dateline ("Published ..."), in a "said ... Tuesday
(8/2/2022)" clause, written with its weekday, and not long before the other dates mentioned.

A numeric date such as ``8/2/2022`` reads as 8 February (D/M) or 2 August (M/D). Each piece of
evidence adds to a log-odds score for D/M and is written into ``DateEvidence.reasons``:

(a) a part above 12 decides; (b) the weekday next to it, when exactly one reading falls on it
(8 Feb 2022 and 2 Aug 2022 are *both* Tuesdays, so there it says nothing); (c) a date in the URL,
other numeric dates in the article written the same way (``15/03/2022`` beside ``08/02/2022`` is
D/M), a written date of the same day ("8 February 2022"); (e) dotted or dashed separators
(``8.2.2022`` is never American), the bracketed day-marker "Tuesday (8/2/2022)" of the Indonesian
press, the outlet's locale (the ``locale`` setting, or the URL's country domain: ``.co.uk``, ``.id``,
``.in`` mean D/M, ``.us`` M/D).

Leans add to the score but never settle the order alone: (c) written dates' style ("8 February"
leans D/M, "February 8" M/D) and numeric dates written another way (an unpadded ``3/15/2015`` in
the prose beside a template's ``01/03/2016``); (d) the months the article talks about ("In
December", "In January"): news is written shortly after the months it mentions, so the reading whose
month comes soonest after them leans ahead (right 0.58 of the time on dated news); (e) a ``.com``
domain leans M/D; (f) D/M, the order most of the world uses, when nothing else speaks. With leans
only, or leans outweighing the evidence, the date is not given.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from slant.clean.timestamps import _make_date, parse_timestamp, time_of_day, utc_instant  # noqa: F401 (utc_instant re-exported)
from slant.document import DateEvidence

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Speed: every finder starts with a character class or literal alternation (so the regex engine
# can skip ahead), and the context around a hit (weekday before, year after) is matched only at
# that hit. Month and weekday names must be capitalised, so "may", "sun" and "wed" in prose are not
# dates.
_WEEKDAY_NAMES = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                  r"Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)")
#: the middle and end of a numeric date: "/2/2022", ".2.2022", "-02-08"; the first number is read backwards
_NUMERIC_TAIL_RE = re.compile(r"([/.-])([0-9]{1,2})\1([0-9]{2,4})(?![0-9]|[-/.][0-9])")
#: a weekday right before a numeric date: "Tuesday (", "Tue, ", "Tuesday "
_WEEKDAY_BEFORE_NUMERIC_RE = re.compile(r"(?<![A-Za-z])(" + _WEEKDAY_NAMES + r")\.?,?\s*(\(\s*)?$")
_MONTH_NAME_RE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![A-Za-z])\.?")
_DAY_AFTER_MONTH_RE = re.compile(
    r"\s+([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])(?:,?\s+((?:19|20)[0-9]{2})(?![0-9]))?")
_DAY_BEFORE_MONTH_RE = re.compile(r"(?<![0-9.,])([0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_YEAR_AFTER_RE = re.compile(r",?\s+((?:19|20)[0-9]{2})(?![0-9])")
_WEEKDAY_BEFORE_NAMED_RE = re.compile(r"(?<![A-Za-z])(" + _WEEKDAY_NAMES + r")\.?,?\s+(?:the\s+)?$")
#: the word before a month name that makes it a mention of that month: "In December", "since January"
_MONTH_MENTION_BEFORE_RE = re.compile(
    r"(?:^|\W)(?:in|since|during|last|this|early|late|mid-?|until|till|through|from|of|before|after|"
    r"by|next|end of|beginning of)\s+$", re.IGNORECASE)
_FULL_MONTH_RE = re.compile(r"(January|February|March|April|May|June|July|August|September|October|"
                            r"November|December)(?![A-Za-z])")
_SAID_RE = re.compile(r"\b(?:said|says|told|stated|added|explained|quoted|reported|announced|"
                      r"wrote|according to)\b", re.IGNORECASE)
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[^\d])|"
                          r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[^\d])")
_DOMAIN_RE = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?P<tld>[a-z]{2,})(?::\d+)?(?:/|$)",
                        re.IGNORECASE)

#: country domains whose outlets write M/D; every other country domain is taken as D/M
MONTH_FIRST_TLDS = frozenset({"us", "ph", "fm", "pw", "mh"})
#: generic domains: mostly US outlets, so a weak lean towards M/D
GENERIC_TLDS = frozenset({"com", "org", "net", "news", "info", "co", "io", "tv"})
#: test and placeholder domains say nothing about the outlet
NEUTRAL_TLDS = frozenset({"example", "test", "invalid", "localhost", "local"})

# Log-odds weights for D/M (positive) over M/D (negative). Ordered by how much each piece of
# evidence should outvote the others: a matching weekday beats a locale guess; two consistent
# other dates beat a ".com" lean.
WEIGHT_WEEKDAY = 3.0
WEIGHT_URL_DATE = 4.0
WEIGHT_OTHER_NUMERIC = 2.0  # per unambiguous numeric date elsewhere written the same way (capped at two)
#: per unambiguous numeric date written another way ("3/15/2015" in the text beside a template's
#: "01/03/2016"): a quoted record or another hand, so only a lean
WEIGHT_OTHER_NUMERIC_UNLIKE = 1.0
WEIGHT_AGREEING_NAMED = 1.0  # the article writes one reading's day in words, with its year
WEIGHT_OTHER_NAMED = 0.4  # per "8 February"/"February 8" elsewhere, capped at three (a lean)
#: months mentioned (a lean). Measured on the PolNeAR texts (true dates) with a "Published dd/mm/yyyy"
#: line put in: where this rule spoke it was right 63 times, wrong 45 (0.58; 47/34 with recent-time
#: phrases): log-odds 0.34. It was 1.0-1.5, which alone gave 0.73-0.82
WEIGHT_MONTHS = 0.35
WEIGHT_SEPARATOR = 1.0  # "8.2.2022" / "8-2-2022": not an American way of writing dates
WEIGHT_BRACKETED = 1.5  # "Tuesday (8/2/2022)": the Indonesian/Malaysian press's style, D/M
WEIGHT_LOCALE = 1.5  # locale setting or a country domain
WEIGHT_GENERIC_DOMAIN = 0.4  # ".com": weakly American
WEIGHT_DEFAULT = 0.3  # nothing else: most of the world writes D/M

#: confidence of a date the source gave in ISO form; other given forms get GIVEN_CONFIDENCE - 0.05
GIVEN_CONFIDENCE = 0.95
#: a date in the URL path is nearly always the publication date
URL_CONFIDENCE = 0.85
#: below this confidence in its day/month order an ambiguous numeric date is not given: the
#: evidence then is only a ".com" lean (score 0.4: 0.599) or nothing at all (0.3: 0.574), a coin
#: flip; any real evidence (months mentioned, a dotted separator, a locale, other dates), even
#: against the lean, passes
ORDER_MIN_CONFIDENCE = 0.6


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    kind: str  # iso | numeric | named
    readings: list[tuple[str, date]] = field(default_factory=list)  # ("dm"/"md"/"ymd", date)
    weekday: int | None = None
    weekday_text: str = ""
    order: str = ""  # convention this candidate shows: "dm", "md" or "" (ambiguous / ISO)
    separator: str = ""
    has_year: bool = True
    #: how a numeric date is written: (separator, zero-padded?, year digits); padded is None when
    #: neither part is below 10 ("10/11/2015" could be either)
    style: tuple = ()
    bracketed: bool = False  # "Tuesday (8/2/2022)": the weekday with the date in brackets


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _same_style(a: tuple, b: tuple) -> bool:
    """Two numeric dates written the same way: same separator and year length, and not one
    zero-padded where the other is not."""
    if not a or not b:
        return False
    return a[0] == b[0] and a[2] == b[2] and (a[1] is None or b[1] is None or a[1] == b[1])


def _fmt(value: date) -> str:
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


def _first(day_first: bool) -> str:
    """The reading a piece of evidence speaks for, in words."""
    return "day first" if day_first else "month first"


def _weekday_number(name: str) -> int:
    return WEEKDAYS[name.lower().rstrip(".")]


def _numeric_candidates(text: str, found: list[_Candidate]) -> None:
    for m in _NUMERIC_TAIL_RE.finditer(text):
        start = m.start()
        while start > 0 and "0" <= text[start - 1] <= "9":
            start -= 1
        first = text[start:m.start()]
        if not 1 <= len(first) <= 4 or (start > 0 and text[start - 1] in "/.-"):
            continue
        sep, middle, last = m.group(1), int(m.group(2)), m.group(3)
        end = m.end()
        if len(first) == 4:  # 2022-02-08, 2022/2/8
            if len(last) > 2 or not "1900" <= first <= "2099":
                continue
            value = _make_date(int(first), middle, int(last))
            if value:
                found.append(_Candidate(start, end, text[start:end], "iso", [("ymd", value)],
                                        separator=sep))
            continue
        if len(first) > 2 or len(last) == 3 or (len(last) == 4 and not "1900" <= last <= "2099"):
            continue
        if len(last) == 2 and sep == ".":
            continue  # "1.5.22" is more often a version or a score than a date
        a, b, year = int(first), middle, _full_year(last)
        dm, md = _make_date(year, b, a), _make_date(year, a, b)
        readings = []
        if dm:
            readings.append(("dm", dm))
        if md and md != dm:
            readings.append(("md", md))
        if not readings:
            continue
        order = "dm" if a > 12 and dm else "md" if b > 12 and md else ""
        weekday = None
        weekday_text = ""
        bracketed = False
        before = _WEEKDAY_BEFORE_NUMERIC_RE.search(text, max(0, start - 16), start)
        if before:
            weekday_text = before.group(1)
            weekday = _weekday_number(weekday_text)
            if before.group(2) and end < len(text) and text[end] == ")":
                end += 1
                bracketed = True
            start = before.start(1)
        parts = (first, m.group(2))
        padded = (True if any(len(x) == 2 and x[0] == "0" for x in parts)
                  else False if any(len(x) == 1 for x in parts) else None)
        found.append(_Candidate(start, end, text[start:end], "numeric", readings, weekday,
                                weekday_text, order, sep, style=(sep, padded, len(last)),
                                bracketed=bracketed))


def _named_candidates(text: str, default_year: int | None, found: list[_Candidate]) -> None:
    for m in _MONTH_NAME_RE.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue
        month = MONTHS[m.group(1).lower()]
        start, end = m.start(), m.end()
        after = _DAY_AFTER_MONTH_RE.match(text, end)
        year_text = None
        if after:  # February 8, 2022
            order, day, year_text = "md", int(after.group(1)), after.group(2)
            end = after.end()
            if month == 5 and not year_text and not text[max(0, start - 2):start] == ", ":
                continue  # "May 5" without a year is too often "may 5 ..." in headlines (not after "CITY, ")
        else:
            before = _DAY_BEFORE_MONTH_RE.search(text, max(0, start - 12), start)
            if not before:
                continue
            order, day = "dm", int(before.group(1))
            start = before.start()
            year_match = _YEAR_AFTER_RE.match(text, end)
            if year_match:
                year_text, end = year_match.group(1), year_match.end()
        year = int(year_text) if year_text else default_year
        if year is None:
            continue
        value = _make_date(year, month, day)
        if not value:
            continue
        weekday, weekday_text = None, ""
        before_weekday = _WEEKDAY_BEFORE_NAMED_RE.search(text, max(0, start - 16), start)
        if before_weekday:
            weekday_text = before_weekday.group(1)
            weekday = _weekday_number(weekday_text)
            start = before_weekday.start(1)
        found.append(_Candidate(start, end, text[start:end], "named", [(order, value)], weekday,
                                weekday_text, order, has_year=bool(year_text)))


def _find_candidates(text: str, default_year: int | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    _numeric_candidates(text, found)
    _named_candidates(text, default_year, found)
    # Overlapping matches: keep the longest.
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            if cand.end - cand.start > kept[-1].end - kept[-1].start:
                kept[-1] = cand
            continue
        kept.append(cand)
    return kept


def _locale_order(locale: str | None, hints: list[str] | tuple[str, ...]) -> tuple[float, str]:
    """Log-odds for D/M from the locale setting or the outlet's domain, with the reason."""
    if locale:
        parts = re.split(r"[-_]", locale.strip().lower())
        region = parts[-1] if len(parts) > 1 else parts[0]
        if region in MONTH_FIRST_TLDS:
            return -WEIGHT_LOCALE, f"the locale {locale} writes the month first"
        if len(parts) > 1 or region not in ("en",):
            return WEIGHT_LOCALE, f"the locale {locale} writes the day first"
    for hint in hints:
        if not hint:
            continue
        m = _DOMAIN_RE.search(hint.strip())
        if not m:
            continue
        tld = m["tld"].lower()
        if tld in NEUTRAL_TLDS:
            continue
        if tld in MONTH_FIRST_TLDS:
            return -WEIGHT_LOCALE, f"the outlet's .{tld} address: such sites write the month first"
        if tld in GENERIC_TLDS:
            return -WEIGHT_GENERIC_DOMAIN, (f"the outlet's .{tld} address hints at a US site, which writes the "
                                            "month first (a hint only)")
        if len(tld) == 2:
            return WEIGHT_LOCALE, f"the outlet's .{tld} address: such sites write the day first"
    return 0.0, ""


def _url_date(hints: list[str] | tuple[str, ...]) -> tuple[date, str] | None:
    for hint in hints:
        if not hint or "/" not in hint:
            continue
        m = _URL_DATE_RE.search(hint)
        if m:
            y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
            value = _make_date(int(y), int(mo), int(d))
            if value:
                return value, hint
    return None


def _months_mentioned(text: str, skip: list[tuple[int, int]]) -> list[int]:
    months = []
    for m in _FULL_MONTH_RE.finditer(text):
        if any(s <= m.start() < e for s, e in skip):
            continue
        if _MONTH_MENTION_BEFORE_RE.search(text, max(0, m.start() - 14), m.start()):
            months.append(MONTHS[m.group(1).lower()])
    return months


def _decide_order(cand: _Candidate, others: list[_Candidate], months: list[int],
                  locale_bias: tuple[float, str],
                  url_value: date | None) -> tuple[date, float, list[str], list[str]]:
    """Pick the reading of an ambiguous numeric date; returns (date, confidence, reasons, alternatives)."""
    readings = dict(cand.readings)
    if len(cand.readings) == 1:
        key, value = cand.readings[0]
        if key == "ymd":
            return value, 0.98, ["written year, month, day: only one reading"], []
        if cand.kind == "named":
            return value, 0.98, ["the month is written as a word"], []
        part = "day" if key == "dm" else "month"
        other = "first" if key == "dm" else "second"
        if value.day == value.month:
            return value, 0.98, ["day and month are the same number: both readings agree"], []
        if cand.order:
            return value, 0.98, [f"the {other} number is above 12, so it is the day"], []
        return value, 0.98, [f"only one reading is a real date: the {part} comes {other}"], []
    dm, md = readings["dm"], readings["md"]
    reasons: list[str] = [f"{cand.text.strip()!r} can be {_fmt(dm)} (day first) or {_fmt(md)} (month first)"]
    score = 0.0
    # ``order`` sums the evidence about how this date is written (its convention); the rest
    # (months mentioned, written dates' style, a ".com" lean, numeric dates written another way)
    # only leans, and a lean alone never settles the order
    order = 0.0
    # (b) weekday
    if cand.weekday is not None:
        fits_dm, fits_md = dm.weekday() == cand.weekday, md.weekday() == cand.weekday
        name = WEEKDAY_NAMES[cand.weekday]
        if fits_dm and fits_md:
            reasons.append(f"both dates fall on a {name}, so the weekday does not decide")
        elif fits_dm or fits_md:
            order += WEIGHT_WEEKDAY if fits_dm else -WEIGHT_WEEKDAY
            reasons.append(f"only {_fmt(dm if fits_dm else md)} is a {name}: {_first(fits_dm)}")
        else:
            reasons.append(f"neither date is a {name}, so the weekday does not decide")
    # (c) other dates in the article, and a date in the URL
    if url_value is not None:
        if url_value == dm or url_value == md:
            order += WEIGHT_URL_DATE if url_value == dm else -WEIGHT_URL_DATE
            reasons.append(f"the web address holds {_fmt(url_value)}: {_first(url_value == dm)}")
    same = [o for o in others if o.kind == "numeric" and o.order and _same_style(o.style, cand.style)]
    unlike = [o for o in others if o.kind == "numeric" and o.order and not _same_style(o.style, cand.style)]
    numeric_dm = sum(1 for o in same if o.order == "dm")
    numeric_md = sum(1 for o in same if o.order == "md")
    if numeric_dm or numeric_md:
        order += WEIGHT_OTHER_NUMERIC * (min(numeric_dm, 2) - min(numeric_md, 2))
        reasons.append(f"other dates in figures written the same way: {numeric_dm} day first, "
                       f"{numeric_md} month first")
    unlike_dm = sum(1 for o in unlike if o.order == "dm")
    unlike_md = sum(1 for o in unlike if o.order == "md")
    if unlike_dm or unlike_md:
        score += WEIGHT_OTHER_NUMERIC_UNLIKE * (min(unlike_dm, 2) - min(unlike_md, 2))
        reasons.append(f"other dates in figures written another way (quoted from elsewhere?): "
                       f"{unlike_dm} day first, {unlike_md} month first (a hint only)")
    agree_dm = any(o.kind == "named" and o.has_year and o.readings[0][1] == dm for o in others)
    agree_md = any(o.kind == "named" and o.has_year and o.readings[0][1] == md for o in others)
    if agree_dm != agree_md:
        order += WEIGHT_AGREEING_NAMED if agree_dm else -WEIGHT_AGREEING_NAMED
        reasons.append(f"the article writes {_fmt(dm if agree_dm else md)} in words: {_first(agree_dm)}")
    named_dm = sum(1 for o in others if o.kind == "named" and o.order == "dm")
    named_md = sum(1 for o in others if o.kind == "named" and o.order == "md")
    if named_dm or named_md:
        score += WEIGHT_OTHER_NAMED * (min(named_dm, 3) - min(named_md, 3))
        reasons.append(f"dates in words: {named_dm} like '8 February', {named_md} like 'February 8' "
                       f"(a hint only)")
    # (d) months the article talks about
    if months:
        def gap(value: date) -> int:
            return min((value.month - m) % 12 for m in months)

        gap_dm, gap_md = gap(dm), gap(md)
        named = list(dict.fromkeys(MONTH_NAMES[m - 1] for m in months))
        names = " and ".join(filter(None, (", ".join(named[:-1]), named[-1])))
        if gap_dm != gap_md and min(gap_dm, gap_md) <= 3:
            prefer_dm = gap_dm < gap_md
            score += WEIGHT_MONTHS if prefer_dm else -WEIGHT_MONTHS
            chosen = dm if prefer_dm else md
            later = md if prefer_dm else dm
            reasons.append(f"the article talks about {names}; news is written soon after the months it talks "
                           f"about, and {MONTH_NAMES[chosen.month - 1]} follows them sooner than "
                           f"{MONTH_NAMES[later.month - 1]}: {_first(prefer_dm)} (a hint only)")
        else:
            reasons.append(f"the months the article talks about ({names}) do not decide")
    # (e) separator, the bracketed day-marker, and locale
    if cand.separator in ".-":
        order += WEIGHT_SEPARATOR
        reasons.append(f"US writers do not put '{cand.separator}' between a date's numbers: day first")
    if cand.bracketed:
        order += WEIGHT_BRACKETED
        reasons.append("a weekday with the date in brackets after it is how Indonesian and Malaysian papers "
                       "write dates: day first")
    locale_score, locale_reason = locale_bias
    if locale_score:
        if abs(locale_score) >= WEIGHT_LOCALE:
            order += locale_score
        else:
            score += locale_score
        reasons.append(locale_reason)
    elif score == 0.0 and order == 0.0:
        # (f) only when nothing at all has spoken
        score += WEIGHT_DEFAULT
        reasons.append("nothing else to go on: day first, as most of the world writes dates")
    score += order
    chosen, other = (dm, md) if score >= 0 else (md, dm)
    confidence = 1.0 / (1.0 + math.exp(-abs(score))) if score else 0.5
    reasons.append(f"read as {_fmt(chosen)}, {_first(score >= 0)} (weighing it all: {abs(score):.1f} "
                   f"for {_first(score >= 0)})")
    if order == 0.0 or (order > 0) != (score >= 0):
        # nothing about how the date is written says so: leans only, a guess (abstained on)
        confidence = min(confidence, ORDER_MIN_CONFIDENCE - 0.01)
        reasons.append("only hints, nothing in how the date is written: too unsure to give a date"
                       if order == 0.0 else
                       "the hints go against how the date is written: too unsure to give a date")
    return chosen, min(confidence, 0.97), reasons, [other.isoformat()]


#: A label that says the date next to it is the publication (or update) date.
_LABEL_RE = re.compile(r"(?<![\w-])(?:(?:this (?:article|story|piece|report) (?:was|is) )?"
                       r"(?P<pub>first published|originally published|published|posted|dated|date:|released|issued)|"
                       r"(?P<upd>last updated|updated|modified|last modified))"
                       r"(?:\s+by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
                       r"\s*(?:on(?:\s+the)?|at|in)?\s*:?\s*$", re.IGNORECASE)

#: What may come before a dateline's date on its line: a place ("LONDON,", "Jakarta,", "WASHINGTON, D.C.,"),
#: a byline ("By Jane Doe |", "Jane Doe -"), a separator. Nothing that reads like a sentence.
_DATELINE_BEFORE_RE = re.compile(
    r"^\s*(?:By\s+[^\n.]{1,60}?\s*[|,•·—–-]\s*|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"(?:\s*\([A-Za-z .]{1,25}\))?\s*(?:,|\s[—–-])\s*(?:[A-Z][\w.]*\s*,\s*)?|[|•·—–-]\s*)?$")
#: What may follow a dateline's date: an agency in brackets and a dash, a time, the end of the line.
_DATELINE_AFTER_RE = re.compile(
    r"\s*(?:,?\s*(?:at\s+)?[0-9]{1,2}[:.][0-9]{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|[+-][0-9]{2}:?[0-9]{2})?)?"
    r"\s*(?:\([A-Za-z .&/-]{1,40}\))?\s*(?:[-–—:|/•·]|$)", re.IGNORECASE)
#: "said ..., Tuesday (8/2/2022)": the day-marker of agency copy (common in translated Asian news)
_DAY_MARKER_RE = re.compile(r"\(\s*[0-9]")
#: the day-marker closes its clause: a full stop, comma or end of line follows
_ENDS_CLAUSE_RE = re.compile(r"\s*(?:[.,;]|$)", re.MULTILINE)
#: what may stand between a dateline's date and its time: "8 Feb 2022 14:05", ", at 4:12", " / 10:31", " | 14:05"
_TIME_AFTER_RE = re.compile(r"[ \t]*(?:,|/|\||-|–|—)?[ \t]*(?:at[ \t]+)?(?=\d{1,2}[:.]\d{2})")
#: characters before a date searched for its label ("This article was first published on ")
LABEL_WINDOW = 60
#: how far from a date its line's start and end are looked for (longer lines: run-on text)
LINE_WINDOW = 2000
#: a word right before a date that makes it the date of an event ("On July 6, 2015, Sanders said")
_EVENT_LEAD_RE = re.compile(r"\b(?:on|in|since|from|until|till|by|before|after|of|at|between|and|to|"
                            r"during|through)\s+(?:the\s+)?$", re.IGNORECASE)
_TWEET_BEFORE_RE = re.compile(r"\(@\w{1,30}\)\s*$")
#: lines at the top of an article where a date without a label may still be its date (headline,
#: standfirst, byline block); a line there with more words than this is a sentence of the story
TOP_LINES = 6
TOP_LINE_MAX_WORDS = 14

# Evidence kinds, strongest first: (rank, plain words, confidence that the date is the publication's)
_KINDS = {
    "label": (0, "it follows the label {label!r}", 0.97),
    "dateline": (1, "it opens the dateline, before the story starts", 0.95),
    "top": (2, "it is on a short line at the top of the article, with the headline or byline", 0.9),
    "updated": (3, "it follows the label {label!r}: the date of an update, the article may be older", 0.85),
    "day-marker": (4, "it closes a sentence that reports what someone said, the way news agencies date a "
                      "statement on the day it was made", 0.75),
}


def _publication_evidence(cand: _Candidate, text: str, top_end: int) -> tuple[str, str] | None:
    """Why ``cand`` is the publication date (an evidence kind and its words), or None when nothing
    positive says so: then it is the date of an event the article reports."""
    # The line is looked for within LINE_WINDOW characters only: in a run-on paragraph (a megabyte
    # with no line break) scanning to the line's ends for every date cost the square of its length.
    # A date further than that from its line's start cannot follow a label, a dateline or sit on a
    # short top line, so only the tweet and day-marker tests apply to it.
    newline = text.rfind("\n", max(0, cand.start - LINE_WINDOW), cand.start)
    long_line = newline < 0 and cand.start > LINE_WINDOW
    line_start = newline + 1 if not long_line else cand.start - LINE_WINDOW
    line_end = text.find("\n", cand.end, cand.end + LINE_WINDOW)
    line_end = min(len(text), cand.end + LINE_WINDOW) if line_end < 0 else line_end
    before = text[line_start:cand.start]
    if _TWEET_BEFORE_RE.search(before):
        return None  # the date of an embedded tweet ("— Jane Doe (@jane) March 3, 2021")
    if long_line:
        return _day_marker(cand, text, line_start)
    window = before[-LABEL_WINDOW:]
    label = _LABEL_RE.search(window)
    if label and _DATELINE_BEFORE_RE.match(before[:len(before) - len(window) + label.start()]):
        word = label.group(0).strip(" :")
        kind = "updated" if label.group("upd") else "label"
        return kind, _KINDS[kind][1].format(label=word)
    after_ok = _DATELINE_AFTER_RE.match(text, cand.end, line_end) is not None
    if cand.start < top_end and _DATELINE_BEFORE_RE.match(before) and after_ok:
        # only at the top: further down, "Rome, August 22, 2018" signs a letter the article quotes
        return "dateline", _KINDS["dateline"][1]
    if cand.start < top_end:
        line = text[line_start:line_end]
        words = len(line.split()) - len(cand.text.split())
        if (words <= TOP_LINE_MAX_WORDS and not _EVENT_LEAD_RE.search(before)
                and not line.rstrip().endswith((".", "?", "!", '"', "”", ":", ",", ";"))):
            return "top", _KINDS["top"][1]
    return _day_marker(cand, text, line_start)


def _day_marker(cand: _Candidate, text: str, line_start: int) -> tuple[str, str] | None:
    """The day-marker evidence: a weekday date right after a reported statement."""
    if (cand.kind == "numeric" and cand.weekday is not None and cand.has_year
            and _DAY_MARKER_RE.search(cand.text) and _ENDS_CLAUSE_RE.match(text, cand.end)):
        # only after a reporting verb of the same sentence ("..., Putin said, Tuesday (8/2/2022).");
        # "The vote on Tuesday (4/3/2021) was delayed" is an event
        sentence_start = max(line_start, text.rfind(". ", line_start, cand.start) + 1)
        if _SAID_RE.search(text, sentence_start, cand.start):
            return "day-marker", _KINDS["day-marker"][1]
    return None


#: a line with something on it; anchored at line starts, so a line of blanks is scanned once, not
#: from each of its positions (unanchored, 30,000 spaces took seconds)
_NONBLANK_LINE_RE = re.compile(r"^[^\n]*\S[^\n]*", re.M)


def _top_end(text: str) -> int:
    """Offset where the top of the article (its first TOP_LINES non-empty lines) ends."""
    seen, pos = 0, 0
    for m in _NONBLANK_LINE_RE.finditer(text):
        seen += 1
        pos = m.end()
        if seen >= TOP_LINES:
            break
    return pos


def resolve_date(text: str, *, raw_offset: int = 0, hints: list[str] | tuple[str, ...] = (),
                 locale: str | None = None, given: str = "",
                 given_method: str = "source:published", crawled: str = "") -> DateEvidence | None:
    """The publication date of an article, with the evidence for it, or None if none is found.

    A date in the text counts only on positive evidence: a label ("Published", "Updated"), a
    dateline ("LONDON, Feb. 8 (Reuters) -"), a short line at the top (a byline block), or the
    agency day-marker ("said ..., Tuesday (8/2/2022)"). Every other date is an event the article
    reports. A month and day without a year take the year only from the source's own dates (its
    URL, the crawl date), never from a year mentioned in the text.

    Args:
        text: the article text to search (usually the raw text; offsets refer to it).
        raw_offset: added to match offsets, when ``text`` is a slice of the raw input.
        hints: strings about the outlet (its URL, domain) used for locale and URL-path dates.
        locale: a locale such as "en-GB" or "en-US" that decides day/month order when text cannot.
        given: a date the source gave (HTML meta, JSONL "published"); it wins when it parses.
        given_method: the ``method`` recorded when ``given`` wins (e.g. "jsonl:published").
        crawled: when the page was fetched (WARC-Date): no publication comes later, and it gives
            the year to a dateline that has none.
    """
    locale_bias = _locale_order(locale, hints)
    url_hit = _url_date(hints)
    url_value = url_hit[0] if url_hit else None
    crawl = parse_timestamp(crawled) if crawled else None
    crawl_day = crawl.day if crawl else None
    context_year = url_value.year if url_value else (crawl_day.year if crawl_day else None)
    candidates = _find_candidates(text, context_year)
    months = _months_mentioned(text, [(c.start, c.end) for c in candidates])

    best_text: DateEvidence | None = None
    top_end = _top_end(text)
    found = []
    for cand in candidates:
        if not cand.has_year and context_year is None:
            continue
        why = _publication_evidence(cand, text, top_end)
        if why is not None:
            found.append((_KINDS[why[0]][0], cand.start, cand, why))
    found.sort(key=lambda f: (f[0], f[1]))
    events = len(candidates) - len(found)
    for _, _, cand, (kind, words) in found:
        others = [c for c in candidates if c is not cand]
        value, order_conf, reasons, alternatives = _decide_order(
            cand, others, months, locale_bias, url_value)
        if alternatives and order_conf < ORDER_MIN_CONFIDENCE:
            continue  # 3/4/2022 with only a ".com" lean or nothing to go on: a coin flip, not a date
        year_note = ""
        if not cand.has_year:
            if url_value is None and crawl_day is not None and value > crawl_day:
                value = _make_date(value.year - 1, value.month, value.day) or value
            year_note = (f"; the year {value.year} comes from "
                         + ("the web address" if url_value is not None else "the day the page was saved"))
        if crawl_day is not None and value > crawl_day:
            continue  # after the page was fetched: not its publication date
        method = "text:" + ("numeric" if cand.kind == "numeric" else cand.kind)
        if cand.weekday is not None:
            method += "-with-weekday"
        head = f"publication date because {words}{year_note}"
        if events:
            head += (f" ({events} other dates in the text are read as dates of events)" if events != 1 else
                     " (the other date in the text is read as the date of an event)")
        # a time printed right after the date ("8 February 2022 14:05 GMT", "March 3, 2021 at 4:12 p.m.")
        after = _TIME_AFTER_RE.match(text, cand.end)
        clock = time_of_day(text[after.end():after.end() + 40].split("\n", 1)[0], value) if after else None
        best_text = DateEvidence(
            value=value.isoformat(), method=method,
            confidence=round(order_conf * _KINDS[kind][2], 3), text=cand.text,
            raw_start=raw_offset + cand.start, raw_end=raw_offset + cand.end,
            reasons=[head] + reasons, alternatives=alternatives, at=clock[0] if clock else None,
            summary=f"from the text {cand.text.strip()!r}: {words}",
        )
        break

    parsed = parse_timestamp(given) if given else None
    if parsed is None and given.strip():
        # A free-text given date ("8/2/2022", "Feb 8, 2022"): read it with the article's evidence.
        given_candidates = [c for c in _find_candidates(given, context_year) if c.has_year or context_year]
        if given_candidates:
            value, conf, reasons, alternatives = _decide_order(
                given_candidates[0], candidates, months, locale_bias, url_value)
            if alternatives and conf < ORDER_MIN_CONFIDENCE:
                return best_text if url_hit is None else _url_evidence(url_hit, best_text)
            clock = time_of_day(given[given_candidates[0].end:], value)
            return DateEvidence(value.isoformat(), given_method, round(min(conf, 0.9), 3), given,
                                reasons=[f"given by the source as {given!r}"] + reasons,
                                alternatives=alternatives, at=clock[0] if clock else None,
                                summary=f"from the source's {_source_words(given_method)}: {given.strip()!r}")
    if parsed is not None:
        value = parsed.day
        conf = GIVEN_CONFIDENCE if parsed.how.startswith("an ISO") else GIVEN_CONFIDENCE - 0.05
        reasons = [f"given by the source as {given!r} ({parsed.how})"]
        alternatives = []
        if best_text and best_text.value != value.isoformat():
            reasons.append(f"the text suggests {best_text.value} ({best_text.text!r}); the source wins")
            alternatives.append(best_text.value)
        elif best_text:
            reasons.append(f"the text agrees ({best_text.text!r})")
            conf = max(conf, 0.98)
        return DateEvidence(value.isoformat(), given_method, conf, given, reasons=reasons,
                            alternatives=alternatives, at=parsed.at,
                            summary=f"from the source's {_source_words(given_method)}: {given.strip()!r}")
    if url_hit is not None:
        return _url_evidence(url_hit, best_text)
    return best_text


def _url_evidence(url_hit: tuple[date, str], best_text: DateEvidence | None) -> DateEvidence:
    """The URL-path date as evidence, agreeing with (or overruling) the text's date."""
    value, url = url_hit
    reasons = [f"the web address holds the date ({url})"]
    conf = URL_CONFIDENCE
    alternatives = []
    if best_text and best_text.value == value.isoformat():
        reasons.append(f"the text agrees ({best_text.text!r})")
        return DateEvidence(value.isoformat(), "url:path", 0.95, best_text.text,
                            best_text.raw_start, best_text.raw_end, reasons, [], at=best_text.at,
                            summary=f"from the date in the article's web address, and the text agrees ({best_text.text.strip()!r})")
    if best_text:
        reasons.append(f"the text suggests {best_text.value} ({best_text.text!r})")
        alternatives.append(best_text.value)
    return DateEvidence(value.isoformat(), "url:path", conf, url, reasons=reasons,
                        alternatives=alternatives, summary="from the date in the article's web address")


#: plain words for where a given date came from (the part of ``method`` after the colon is the field)
_FORMAT_WORDS = {"source": "field", "html": "web page metadata", "jsonl": "JSONL field", "json": "JSON field",
                 "text": "record field", "csv": "CSV column", "rss": "feed entry", "warc": "WARC record"}


def _source_words(method: str) -> str:
    kind, _, field_name = method.partition(":")
    where = _FORMAT_WORDS.get(kind, kind or "source")
    return f"{where} {field_name!r}" if field_name else where
