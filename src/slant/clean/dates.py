"""Publication dates: find the candidates, settle day/month order from evidence, say how sure we are.

Sources, strongest first: a date the source gave (HTML meta, JSONL ``published``), a date in the
article's URL (``/2022/02/08/``), then dates in the text. Among text dates the one that looks like
the publication date wins: near the top, in a dateline ("Published ..."), in a "said ... Tuesday
(8/2/2022)" clause, written with its weekday, and not long before the other dates mentioned.

A numeric date such as ``8/2/2022`` reads as 8 February (D/M) or 2 August (M/D). Each piece of
evidence adds to a log-odds score for D/M and is written into ``DateEvidence.reasons``:

(a) a part above 12 decides; (b) the weekday next to it, when exactly one reading falls on it
(8 Feb 2022 and 2 Aug 2022 are *both* Tuesdays, so there it says nothing); (c) other dates in the
article (``15/3/2022`` is D/M, ``3/15/2022`` M/D, "8 February" leans D/M, "February 8" M/D) and a date
in the URL; (d) the months the article talks about ("In December", "In January", "last week"):
news is written shortly after the months it mentions, so the reading whose month comes soonest
after them is preferred; (e) the outlet's locale (the ``locale`` setting, or the URL's country
domain: ``.co.uk``, ``.id``, ``.in`` mean D/M, ``.us`` M/D, ``.com`` leans M/D) and dotted or dashed
separators (``8.2.2022`` is never American); (f) D/M, the order most of the world uses, when
nothing else speaks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime

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
#: phrases saying the article is about recent events, which makes the months mentioned recent too
_RECENT_RE = re.compile(
    r"\b(?:last|this|earlier this|past) (?:week|month|weekend|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b|\byesterday\b|\bon (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b",
    re.IGNORECASE,
)
_DATELINE_RE = re.compile(r"(?:published|posted|updated|dated?|first published|last updated)"
                          r"\s*(?:on|at)?\s*:?\s*$", re.IGNORECASE)
_SAID_RE = re.compile(r"\b(?:said|says|told|stated|added|explained|quoted|reported|announced|"
                      r"wrote|according to)\b", re.IGNORECASE)
_EVENT_BEFORE_RE = re.compile(r"\b(?:since|born|until|from|between|till|before)\s+(?:on\s+)?$",
                              re.IGNORECASE)
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[^\d])|"
                          r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[^\d])")
_DOMAIN_RE = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?P<tld>[a-z]{2,})(?::\d+)?(?:/|$)",
                        re.IGNORECASE)
_ISO_GIVEN_RE = re.compile(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ].*)?\s*$")
_BARE_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")

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
WEIGHT_OTHER_NUMERIC = 2.0  # per unambiguous numeric date elsewhere (capped at two): beats a domain guess
WEIGHT_OTHER_NAMED = 0.4  # per "8 February"/"February 8" elsewhere, capped at three
WEIGHT_MONTHS = 1.0  # months mentioned, 1.5 when recent-time phrases ("last week") back them
WEIGHT_SEPARATOR = 1.0  # "8.2.2022" / "8-2-2022": not an American way of writing dates
WEIGHT_LOCALE = 1.5  # locale setting or a country domain
WEIGHT_GENERIC_DOMAIN = 0.4  # ".com": weakly American
WEIGHT_DEFAULT = 0.3  # nothing else: most of the world writes D/M

#: confidence of a date the source gave in ISO form; other given forms get GIVEN_CONFIDENCE - 0.05
GIVEN_CONFIDENCE = 0.95
#: a date in the URL path is nearly always the publication date
URL_CONFIDENCE = 0.85


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


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _fmt(value: date) -> str:
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


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
        before = _WEEKDAY_BEFORE_NUMERIC_RE.search(text, max(0, start - 16), start)
        if before:
            weekday_text = before.group(1)
            weekday = _weekday_number(weekday_text)
            if before.group(2) and end < len(text) and text[end] == ")":
                end += 1
            start = before.start(1)
        found.append(_Candidate(start, end, text[start:end], "numeric", readings, weekday,
                                weekday_text, order, sep))


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
            if month == 5 and not year_text:
                continue  # "May 5" without a year is too often "may 5 ..." in headlines
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
            return -WEIGHT_LOCALE, f"locale {locale} writes month first (M/D)"
        if len(parts) > 1 or region not in ("en",):
            return WEIGHT_LOCALE, f"locale {locale} writes day first (D/M)"
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
            return -WEIGHT_LOCALE, f"outlet domain .{tld} writes month first (M/D)"
        if tld in GENERIC_TLDS:
            return -WEIGHT_GENERIC_DOMAIN, f"outlet domain .{tld} leans US, month first (M/D), weakly"
        if len(tld) == 2:
            return WEIGHT_LOCALE, f"outlet domain .{tld} writes day first (D/M)"
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


def _decide_order(cand: _Candidate, others: list[_Candidate], text: str, months: list[int],
                  locale_bias: tuple[float, str],
                  url_value: date | None) -> tuple[date, float, list[str], list[str]]:
    """Pick the reading of an ambiguous numeric date; returns (date, confidence, reasons, alternatives)."""
    readings = dict(cand.readings)
    if len(cand.readings) == 1:
        key, value = cand.readings[0]
        if key == "ymd":
            return value, 0.98, ["year-month-day order is unambiguous"], []
        if cand.kind == "named":
            return value, 0.98, ["month written as a word"], []
        part = "day" if key == "dm" else "month"
        other = "first" if key == "dm" else "second"
        if value.day == value.month:
            return value, 0.98, ["day and month are the same number: both orders agree"], []
        if cand.order:
            return value, 0.98, [f"(a) the {other} number is above 12, so it is the day: "
                                 f"{'D/M' if key == 'dm' else 'M/D'}"], []
        return value, 0.98, [f"only the {'D/M' if key == 'dm' else 'M/D'} reading is a real date "
                             f"(the {part} number comes {other})"], []
    dm, md = readings["dm"], readings["md"]
    reasons: list[str] = [f"{cand.text.strip()} reads as {_fmt(dm)} (D/M) or {_fmt(md)} (M/D)"]
    score = 0.0
    # (b) weekday
    if cand.weekday is not None:
        fits_dm, fits_md = dm.weekday() == cand.weekday, md.weekday() == cand.weekday
        name = WEEKDAY_NAMES[cand.weekday]
        if fits_dm and fits_md:
            reasons.append(f"(b) {name} fits both readings: no evidence")
        elif fits_dm or fits_md:
            score += WEIGHT_WEEKDAY if fits_dm else -WEIGHT_WEEKDAY
            reasons.append(f"(b) {name} fits only {_fmt(dm if fits_dm else md)}: "
                           f"{'D/M' if fits_dm else 'M/D'}")
        else:
            reasons.append(f"(b) {name} fits neither reading: no evidence")
    # (c) other dates in the article, and a date in the URL
    if url_value is not None:
        if url_value == dm or url_value == md:
            score += WEIGHT_URL_DATE if url_value == dm else -WEIGHT_URL_DATE
            reasons.append(f"(c) the URL holds {url_value.isoformat()}: "
                           f"{'D/M' if url_value == dm else 'M/D'}")
    numeric_dm = sum(1 for o in others if o.kind == "numeric" and o.order == "dm")
    numeric_md = sum(1 for o in others if o.kind == "numeric" and o.order == "md")
    named_dm = sum(1 for o in others if o.kind == "named" and o.order == "dm")
    named_md = sum(1 for o in others if o.kind == "named" and o.order == "md")
    if numeric_dm or numeric_md:
        delta = WEIGHT_OTHER_NUMERIC * (min(numeric_dm, 2) - min(numeric_md, 2))
        score += delta
        reasons.append(f"(c) other numeric dates in the article: {numeric_dm} day-first, "
                       f"{numeric_md} month-first")
    if named_dm or named_md:
        delta = WEIGHT_OTHER_NAMED * (min(named_dm, 3) - min(named_md, 3))
        score += delta
        reasons.append(f"(c) other written dates: {named_dm} like '8 February', "
                       f"{named_md} like 'February 8'")
    # (d) months the article talks about
    if months:
        def gap(value: date) -> int:
            return min((value.month - m) % 12 for m in months)

        gap_dm, gap_md = gap(dm), gap(md)
        names = ", ".join(dict.fromkeys(MONTH_NAMES[m - 1] for m in months))
        if gap_dm != gap_md and min(gap_dm, gap_md) <= 3:
            recent = _RECENT_RE.search(text)
            weight = WEIGHT_MONTHS * (1.5 if recent else 1.0)
            prefer_dm = gap_dm < gap_md
            score += weight if prefer_dm else -weight
            chosen = dm if prefer_dm else md
            reasons.append(f"(d) the article mentions {names}"
                           f"{f' and recent time ({recent.group(0)!r})' if recent else ''}; "
                           f"{MONTH_NAMES[chosen.month - 1]} comes soonest after: "
                           f"{'D/M' if prefer_dm else 'M/D'}")
        else:
            reasons.append(f"(d) the article mentions {names}: no evidence")
    # (e) separator and locale
    if cand.separator in ".-":
        score += WEIGHT_SEPARATOR
        reasons.append(f"(e) '{cand.separator}' separators are not a US way of writing dates: D/M")
    locale_score, locale_reason = locale_bias
    if locale_score:
        score += locale_score
        reasons.append(f"(e) {locale_reason}")
    elif score == 0.0:
        # (f) only when nothing at all has spoken
        score += WEIGHT_DEFAULT
        reasons.append("(f) no other evidence: D/M, as most of the world writes dates")
    chosen, other = (dm, md) if score >= 0 else (md, dm)
    confidence = 1.0 / (1.0 + math.exp(-abs(score))) if score else 0.5
    reasons.append(f"chose {'D/M' if score >= 0 else 'M/D'} (evidence score {score:+.1f})")
    return chosen, min(confidence, 0.97), reasons, [other.isoformat()]


def _publication_score(cand: _Candidate, text: str, latest: date) -> tuple[float, list[str]]:
    """How much ``cand`` looks like the publication date rather than a date of an event."""
    score, reasons = 0.0, []
    if cand.start < 400 or text.count("\n", 0, cand.start) <= 4:
        score += 1.5
        reasons.append("near the top")
    else:
        score += 0.5 * (1.0 - cand.start / max(1, len(text)))
    line_start = text.rfind("\n", 0, cand.start) + 1
    before = text[max(line_start, cand.start - 40):cand.start]
    if _DATELINE_RE.search(before):
        score += 1.5
        reasons.append("in a dateline")
    sentence_start = max(line_start, text.rfind(". ", 0, cand.start) + 1)
    if _SAID_RE.search(text, sentence_start, cand.start):
        score += 1.0
        reasons.append("in a 'said ...' clause")
    if cand.weekday is not None:
        score += 0.7
        reasons.append("written with its weekday")
    if not cand.has_year:
        score -= 0.5
    if _EVENT_BEFORE_RE.search(text[max(line_start, cand.start - 20):cand.start]):
        score -= 1.0
        reasons.append("follows 'since/from/until': an event date")
    best = max(v for _, v in cand.readings)
    if best >= latest:
        score += 0.5
        reasons.append("the latest date in the article")
    elif (latest - best).days > 60:
        score -= 0.5
    return score, reasons


def _parse_given(given: str) -> tuple[date, float, str] | None:
    given = given.strip()
    if not given:
        return None
    m = _ISO_GIVEN_RE.match(given)
    if m:
        value = _make_date(int(m[1]), int(m[2]), int(m[3]))
        if value:
            return value, GIVEN_CONFIDENCE, "ISO date"
    try:
        return parsedate_to_datetime(given).date(), GIVEN_CONFIDENCE - 0.05, "RFC 2822 date"
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(given).date(), GIVEN_CONFIDENCE, "ISO date"
    except ValueError:
        pass
    return None


def resolve_date(text: str, *, raw_offset: int = 0, hints: list[str] | tuple[str, ...] = (),
                 locale: str | None = None, given: str = "",
                 given_method: str = "source:published") -> DateEvidence | None:
    """The publication date of an article, with the evidence for it, or None if none is found.

    Args:
        text: the article text to search (usually the raw text; offsets refer to it).
        raw_offset: added to match offsets, when ``text`` is a slice of the raw input.
        hints: strings about the outlet (its URL, domain) used for locale and URL-path dates.
        locale: a locale such as "en-GB" or "en-US" that decides day/month order when text cannot.
        given: a date the source gave (HTML meta, JSONL "published"); it wins when it parses.
        given_method: the ``method`` recorded when ``given`` wins (e.g. "jsonl:published").
    """
    locale_bias = _locale_order(locale, hints)
    url_hit = _url_date(hints)
    url_value = url_hit[0] if url_hit else None
    years = [int(y) for y in _BARE_YEAR_RE.findall(text[:2000])]
    default_year = url_value.year if url_value else (max(set(years), key=years.count) if years else None)
    candidates = _find_candidates(text, default_year)
    months = _months_mentioned(text, [(c.start, c.end) for c in candidates])

    best_text: DateEvidence | None = None
    if candidates:
        latest = max(max(v for _, v in c.readings) for c in candidates)
        scored = []
        for cand in candidates:
            pub_score, pub_reasons = _publication_score(cand, text, latest)
            scored.append((pub_score, -cand.start, cand, pub_reasons))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        pub_score, _, cand, pub_reasons = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else None
        others = [c for c in candidates if c is not cand]
        value, order_conf, reasons, alternatives = _decide_order(
            cand, others, text, months, locale_bias, url_value)
        # How sure we are that this is the publication date and not an event date.
        margin = pub_score - runner_up if runner_up is not None else pub_score
        pub_conf = 0.55 + 0.4 * (1.0 - math.exp(-max(0.0, margin) / 1.5))
        method = "text:" + ("numeric" if cand.kind == "numeric" else cand.kind)
        if cand.weekday is not None:
            method += "-with-weekday"
        best_text = DateEvidence(
            value=value.isoformat(), method=method,
            confidence=round(order_conf * pub_conf, 3), text=cand.text,
            raw_start=raw_offset + cand.start, raw_end=raw_offset + cand.end,
            reasons=[f"publication date: {', '.join(pub_reasons) or 'the best of the dates found'}"
                     + (f" ({len(candidates)} dates found)" if len(candidates) > 1 else "")] + reasons,
            alternatives=alternatives,
        )

    parsed = _parse_given(given)
    if parsed is None and given.strip():
        # A free-text given date ("8/2/2022", "Feb 8, 2022"): read it with the article's evidence.
        given_candidates = _find_candidates(given, default_year)
        if given_candidates:
            value, conf, reasons, alternatives = _decide_order(
                given_candidates[0], candidates, text, months, locale_bias, url_value)
            return DateEvidence(value.isoformat(), given_method, round(min(conf, 0.9), 3), given,
                                reasons=[f"given by the source as {given!r}"] + reasons,
                                alternatives=alternatives)
    if parsed is not None:
        value, conf, how = parsed
        reasons = [f"given by the source as {given!r} ({how})"]
        alternatives = []
        if best_text and best_text.value != value.isoformat():
            reasons.append(f"the text suggests {best_text.value} ({best_text.text!r}); the source wins")
            alternatives.append(best_text.value)
        elif best_text:
            reasons.append(f"the text agrees ({best_text.text!r})")
            conf = max(conf, 0.98)
        return DateEvidence(value.isoformat(), given_method, conf, given, reasons=reasons,
                            alternatives=alternatives)
    if url_hit is not None:
        value, url = url_hit
        reasons = [f"the URL path holds the date ({url})"]
        conf = URL_CONFIDENCE
        alternatives = []
        if best_text and best_text.value == value.isoformat():
            reasons.append(f"the text agrees ({best_text.text!r})")
            conf = 0.95
            return DateEvidence(value.isoformat(), "url:path", conf, best_text.text,
                                best_text.raw_start, best_text.raw_end, reasons, [])
        if best_text:
            reasons.append(f"the text suggests {best_text.value} ({best_text.text!r})")
            alternatives.append(best_text.value)
        return DateEvidence(value.isoformat(), "url:path", conf, url, reasons=reasons,
                            alternatives=alternatives)
    return best_text
