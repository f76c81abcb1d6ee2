"""Articles whose source names no outlet: how the store keeps them, and the one rule every view follows.

The store keeps "" (``documents.outlet TEXT NOT NULL DEFAULT ''``), not NULL: the key
``UNIQUE (content_hash, outlet)`` de-duplicates two copies of one outlet-less text only because ""
equals "" (SQL never finds two NULLs equal in a UNIQUE key). So "" is tested here, in SQL, and never
leaves the store layer as a name: :func:`null_outlets` makes it null for JSON and the exports, and
:func:`slant.render.outlet_name` puts it into words for pages and tables.

An outlet is stored stripped (:func:`stored_outlet`, in ``WriteSession.put``). Stores written before
may hold an outlet of only blank characters, which the pages always showed as "not named": the tests
here read it as not named too, and an outlet with blanks around its name ("Harbour Herald ") as that
name (:func:`named`: group, count and show outlets by it; :func:`is_outlet`: filter by it). Blank is one
set, ``BLANK``, in Python and SQL. That is a reading rule, not a migration: rewriting those rows would
change their de-duplication key and could meet a row that already holds the same text as "" (or the name).
Its cost: per-outlet tables group by stored spelling first (the outlet index's order), then by name;
filters and the blank test stay index searches (EXPLAIN QUERY PLAN: SEARCH ... documents_outlet_published).

The rule for per-outlet tables and charts (`slant stats`, the report, the JSON API, the web pages, the
claims tables): articles that name no outlet are not one outlet. Pooled, they would be ranked and
compared as if one newsroom had written them all, so they are left out of every per-outlet row and
counted once beside it (``no_outlet``: how many articles the per-outlet rows do not cover). Counts of
outlets count named outlets only; totals over articles count every article.
"""

from __future__ import annotations

from typing import Any

#: columns of the corpus tables (slant stats, the report, the exports) that hold an outlet's name
OUTLET_COLUMNS = frozenset({"outlet", "first_outlet", "outlet_a", "outlet_b", "relayed_by", "repeated_by"})
#: the stored outlet of an article whose source named none
NOT_NAMED = ""
#: the blank characters: every character Python's ``str.isspace`` accepts, which ``str.strip()`` removes
#: (:func:`stored_outlet` when writing, :func:`slant.render.outlet_name` when showing). SQL's TRIM is given
#: the same set (``_BLANK_SQL``), so Python and SQL agree on which outlets are blank and on an outlet's
#: name: "Harbour Herald " (padded, as older code stored it) is Harbour Herald, "\u00a0" is none.
#: Written out, not found by scanning all 1.1 million code points at import (40 ms in every process that
#: opens a store); a test checks it is that set.
BLANK = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
         "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_BLANK_SQL = f"char({', '.join(str(ord(c)) for c in BLANK)})"
#: the first blank character above ASCII's (U+0085): a string from "!" up to before it starts with no blank
_FIRST_WIDE_BLANK = f"char({min(ord(c) for c in BLANK if ord(c) > 32)})"


def _runs(chars: str) -> list[tuple[int, int]]:
    """Code points of ``chars`` as runs of consecutive ones, (first, last)."""
    runs: list[tuple[int, int]] = []
    for c in sorted(map(ord, chars)):
        if runs and c == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return runs


def _starts_blank(column: str) -> str:
    """SQL condition: ``column`` starts with a blank character, as ranges of the column's own order (SQLite
    compares UTF-8 bytes, which keep code point order): a search of the outlet index, where a TRIM alone
    would make SQLite read every row."""
    return " OR ".join(f"({column} >= char({a}) AND {column} < char({b + 1}))" for a, b in _runs(BLANK))


def stored_outlet(outlet: Any) -> str:
    """The outlet as the store keeps it: stripped, "" when the source names none (or only blanks)."""
    return str(outlet or "").strip()


def named(column: str) -> str:
    """SQL: the outlet in ``column`` as named, without the blanks an older store may keep around it; NULL
    when it names none. Group and count outlets by it (``COUNT(DISTINCT named(...))`` counts named outlets)."""
    # most outlets neither start nor end blank: they are taken as they are, without a TRIM (5x dearer)
    clean = f"{column} >= '!' AND {column} < {_FIRST_WIDE_BLANK} AND substr({column}, -1) >= '!' AND substr({column}, -1) < {_FIRST_WIDE_BLANK}"
    return f"(CASE WHEN {clean} THEN {column} ELSE NULLIF(TRIM({column}, {_BLANK_SQL}), '') END)"


def is_named(column: str) -> str:
    """SQL condition: the article in this row names its outlet (a condition on every row: it reads no index,
    so the blank start is tested with two comparisons, not :func:`is_not_named`'s ranges)."""
    return f"NOT (({column} < '!' OR {column} >= {_FIRST_WIDE_BLANK}) AND TRIM({column}, {_BLANK_SQL}) = '')"


def is_not_named(column: str) -> str:
    """SQL condition: the article in this row names no outlet ("", or only blanks in an older store)."""
    return f"(({column} = '' OR {_starts_blank(column)}) AND TRIM({column}, {_BLANK_SQL}) = '')"


#: times :func:`is_outlet`'s condition takes its parameter (give the name this many times after ``?``)
IS_OUTLET_PARAMS = 5


def is_outlet(column: str, param: str = "?") -> str:
    """SQL condition: the article in this row is the outlet named by ``param`` (the name as :func:`named`
    gives it; a ``?`` is given ``IS_OUTLET_PARAMS`` times, a named parameter once). Spellings of older
    stores with blanks around the name count too ("Harbour Herald ", " Harbour Herald"); the spellings it
    may be are found by index searches: the spellings that start with the name, and those that start blank.

    The spellings that start with the name are walked one distinct spelling at a time (``spelling``: each
    step one search of the outlet index for the next spelling), not one index entry per article: the name
    "The" of a store whose outlets are "The 1 Times" ... "The 49 Times" reads 50 spellings, not every
    article of those outlets (200,000 articles: 160 ms a call before, the pages call it several times)."""
    o, end = "o.outlet", f"{param} || char(1114111)"
    return (f"{column} IN (WITH RECURSIVE spelling(s) AS ("
            f"SELECT MIN(outlet) FROM documents WHERE outlet >= {param} AND outlet < {end} "
            f"UNION ALL SELECT (SELECT MIN(outlet) FROM documents WHERE outlet > s AND outlet < {end}) "
            f"FROM spelling WHERE s IS NOT NULL) "
            f"SELECT s FROM spelling WHERE TRIM(s, {_BLANK_SQL}) = {param} "
            f"UNION ALL SELECT {o} FROM documents o WHERE ({_starts_blank(o)}) AND TRIM({o}, {_BLANK_SQL}) = {param})")


def outlet_or_none(outlet: Any) -> Any:
    """A stored outlet as data leaving the store (JSON, exports): None when not named, else its name as
    :func:`named` says it (an older store's "Harbour Herald " is Harbour Herald, as every listing says)."""
    return (outlet.strip(BLANK) or None) if isinstance(outlet, str) else outlet


def null_outlets(value: Any) -> Any:
    """``value`` (rows, or dicts and lists of rows) with every outlet column (``OUTLET_COLUMNS``) that
    holds "" as None, in lists too: a missing outlet is null in JSON, never an empty name."""
    if isinstance(value, dict):
        return {k: (([outlet_or_none(o) for o in v] if isinstance(v, list) else outlet_or_none(v))
                    if k in OUTLET_COLUMNS else null_outlets(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [null_outlets(v) for v in value]
    return value
