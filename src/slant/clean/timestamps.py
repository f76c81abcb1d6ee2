"""Dates a source gives (JSONL/CSV fields, feed entries, HTML meta, WARC headers): the day, and the
time of day and zone when the source gives them.

``parse_timestamp`` reads what sources write (ISO 8601, RFC 2822, Unix timestamps) and keeps the
date-time as written, with its UTC offset (``Timestamp.at``); ``utc_instant`` turns that into the
UTC instant that orders copies published the same day. ``slant.clean.dates`` decides which date is
the publication's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_ISO_GIVEN_RE = re.compile(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ].*)?\s*$")


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A date the source gave, with its time of day and zone when it gave them."""

    day: date  # the date as the source wrote it (its own local date)
    at: str | None  # ISO date-time as written, normalised: "2022-02-08T14:05:00+01:00"; no offset when no zone
    how: str  # in plain words: "an ISO date and time with its zone"


#: A time of exactly 00:00:00 is what many systems write for a date alone: it says nothing about
#: the hour, and treating it as midnight would make every such copy "first" on its day.
_MIDNIGHT = (0, 0, 0)


def _timestamp(value: datetime, form: str) -> Timestamp:
    if (value.hour, value.minute, value.second) == _MIDNIGHT and not value.microsecond:
        return Timestamp(value.date(), None, f"{form} (a time of 00:00 is read as no time)")
    at = value.replace(microsecond=0).isoformat()
    zone = "with its zone" if value.tzinfo is not None else "without a zone"
    return Timestamp(value.date(), at, f"{form} with time {zone}")


#: zone abbreviations news sites print after a time, as hours east of UTC. Ambiguous ones (IST:
#: India, Ireland, Israel; CST: US or China) are left out: a time without a known zone stays naive.
ZONE_ABBREVIATIONS = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3,
    "est": -5, "edt": -4, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "akdt": -8,
    "hst": -10, "wib": 7, "sgt": 8, "hkt": 8, "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "nzst": 12,
    "nzdt": 13,
}
#: a time of day in free text: "14:05", "2:05 PM", "10.31 a.m.", "4:12 p.m. ET", with a zone after it
_TIME_RE = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d])\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?\s*"
    r"(?:\(?(?P<zone>[A-Za-z]{1,5})\)?(?![A-Za-z])\s*(?P<zoff>[+-]\d{1,2}(?::?\d{2})?)?|(?P<off>[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE)
#: RFC 2822 as feeds and HTTP headers write it; the parser is lenient, so only this shape goes to it
#: (it reads "Feb 8, 2022 2:05 PM" as 02:05)
_RFC2822_RE = re.compile(r"^\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?"
                         r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?)?\s*$")
_ISO_SLASHES_RE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?=$|[T ])")


def time_of_day(text: str, day: date) -> tuple[str, bool] | None:
    """The date-time ``day`` at the time of day written in ``text`` ("2:05 PM EST"), ISO, and
    whether its zone is known; None when ``text`` holds no time (or an impossible one)."""
    m = _TIME_RE.search(text)
    if not m:
        return None
    hour, minute, second = int(m["h"]), int(m["m"]), int(m["s"] or 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"][0].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    offset = None
    if m["off"]:
        sign, digits = m["off"][0], m["off"][1:].replace(":", "")
        offset = (1 if sign == "+" else -1) * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    elif m["zone"]:
        zone = m["zone"].lower()
        if zone in ZONE_ABBREVIATIONS:
            offset = timedelta(hours=ZONE_ABBREVIATIONS[zone])
            if m["zoff"]:  # "UTC+2", "GMT-05:00"
                digits = m["zoff"][1:].replace(":", "")
                extra = timedelta(hours=int(digits[:2] if len(digits) > 2 else digits),
                                  minutes=int(digits[2:]) if len(digits) > 2 else 0)
                offset += extra if m["zoff"][0] == "+" else -extra
    if offset is not None and abs(offset) >= timedelta(hours=24):
        return None  # no zone is a day or more from UTC ("+25:00", "UTC+30"): not a time we can keep
    value = datetime(day.year, day.month, day.day, hour, minute, second,
                     tzinfo=timezone(offset) if offset is not None else None)
    if (hour, minute, second) == _MIDNIGHT:
        return None
    return value.isoformat(), offset is not None


def parse_timestamp(given: str) -> Timestamp | None:
    """A date (and time and zone, when present) given by a source, or None if it does not parse.

    Reads ISO 8601 ("2022-02-08", "2022-02-08T14:05:00+01:00", "2022-02-08 14:05Z", also with a
    zone word, "2022-02-08 14:05 UTC", or a bracketed zone name after the offset), "2022/02/08",
    RFC 2822 ("Tue, 08 Feb 2022 14:05:00 +0100", as in RSS and HTTP headers) and Unix timestamps in
    seconds or milliseconds ("1644329100", read as UTC). Free-text dates are not read here
    (``resolve_date`` reads them with the article's evidence, and ``time_of_day`` their time).
    """
    given = given.strip()
    if not given:
        return None
    if given.isascii() and given.isdigit() and 9 <= len(given) <= 13:  # not "²²²…": int() refuses those
        # a Unix timestamp (a CSV "timestamp" column): seconds, or milliseconds when 13 digits
        seconds = int(given) / (1000 if len(given) == 13 else 1)
        try:
            instant = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return _timestamp(instant, "a Unix timestamp")
    given = re.sub(r"\[[A-Za-z_/+-]+\]$", "", given).strip()  # "...-05:00[America/New_York]"
    slashed = _ISO_SLASHES_RE.match(given)
    if slashed:
        given = f"{slashed[1]}-{int(slashed[2]):02d}-{int(slashed[3]):02d}" + given[slashed.end():]
    m = _ISO_GIVEN_RE.match(given)
    if m:
        value = _make_date(int(m[1]), int(m[2]), int(m[3]))
        if value is None:
            return None
        rest = given[10:].strip()
        if not rest:
            return Timestamp(value, None, "an ISO date")
        iso = given.replace(" ", "T", 1) if given[10:11] == " " else given
        if iso.endswith(("z", "Z")):
            iso = iso[:-1] + "+00:00"
        try:
            return _timestamp(datetime.fromisoformat(iso), "an ISO date")
        except ValueError:
            pass
        found = time_of_day(rest, value)  # "14:05:00 UTC", "T14:05 GMT"
        if found is not None:
            return _timestamp(datetime.fromisoformat(found[0]), "an ISO date")
        return Timestamp(value, None, f"an ISO date (its time {rest!r} could not be read)")
    if _RFC2822_RE.match(given):
        try:
            parsed = parsedate_to_datetime(given)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return _timestamp(parsed, "an RFC 2822 date")
    return None


def utc_instant(at: str | None) -> str | None:
    """The UTC instant of an ISO date-time, "YYYY-MM-DDTHH:MM:SSZ"; naive times are taken as UTC
    (without the "Z", so the two can be told apart). None when ``at`` is None or unreadable."""
    if not at:
        return None
    try:
        value = datetime.fromisoformat(at)
    except ValueError:
        return None
    if value.tzinfo is None:
        return value.replace(microsecond=0).isoformat()
    return value.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def given_publication(value: str) -> str:
    """A publication date a person typed (a form, an API field), normalised for the record:
    "2022-02-08", or the ISO date-time with its UTC offset when a time was given
    ("2022-02-08 14:05 CET" -> "2022-02-08T14:05:00+01:00"); "" for a blank value.

    Raises ValueError with a message for people when the value cannot be read, or when its time of
    day cannot: a time that was typed is never silently dropped.
    """
    value = value.strip()
    if not value:
        return ""
    stamp = parse_timestamp(value)
    if stamp is None or (stamp.at is None and "could not be read" in stamp.how):
        raise ValueError(f"{value[:80]!r} is not a date: write YYYY-MM-DD, or a date and time with its zone "
                         "such as 2022-02-08T14:05+01:00 or 2022-02-08 14:05 UTC")
    return stamp.at or stamp.day.isoformat()
