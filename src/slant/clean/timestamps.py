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
from datetime import date, datetime, timezone
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


def parse_timestamp(given: str) -> Timestamp | None:
    """A date (and time and zone, when present) given by a source, or None if it does not parse.

    Reads ISO 8601 ("2022-02-08", "2022-02-08T14:05:00+01:00", "2022-02-08 14:05Z"), RFC 2822
    ("Tue, 08 Feb 2022 14:05:00 +0100", as in RSS and HTTP headers) and Unix timestamps in seconds
    or milliseconds ("1644329100", read as UTC). Free-text dates are not read
    here (``resolve_date`` reads them with the article's evidence).
    """
    given = given.strip()
    if not given:
        return None
    if given.isdigit() and 9 <= len(given) <= 13:
        # a Unix timestamp (a CSV "timestamp" column): seconds, or milliseconds when 13 digits
        seconds = int(given) / (1000 if len(given) == 13 else 1)
        try:
            instant = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return _timestamp(instant, "a Unix timestamp")
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
            return Timestamp(value, None, f"an ISO date (its time {rest!r} could not be read)")
    try:
        parsed = parsedate_to_datetime(given)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _timestamp(parsed, "an RFC 2822 date")
    try:
        return _timestamp(datetime.fromisoformat(given), "an ISO date")
    except ValueError:
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
