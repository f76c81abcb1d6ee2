"""Articles whose source names no outlet: how the store keeps them, and the one rule every view follows.

The store keeps "" (``documents.outlet TEXT NOT NULL DEFAULT ''``), not NULL: the key
``UNIQUE (content_hash, outlet)`` de-duplicates two copies of one outlet-less text only because ""
equals "" (SQL never finds two NULLs equal in a UNIQUE key). So "" is tested here, in SQL, and never
leaves the store layer as a name: :func:`null_outlets` makes it null for JSON and the exports, and
:func:`slant.render.outlet_name` puts it into words for pages and tables.

An outlet is stored stripped (:func:`stored_outlet`, in ``WriteSession.put``). Stores written before
may hold an outlet of only blank characters, which the pages always showed as "not named": the tests
here read it as not named too. That is a reading rule, not a migration: rewriting those rows to ""
would change their de-duplication key and could meet a row that already holds the same text as "".

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
#: characters an outlet of an older store may consist of and still name none (ASCII white space:
#: what SQL's TRIM is given below, so Python and SQL agree on which outlets are blank)
BLANK = " \t\n\r\x0b\x0c"
# All blank characters sort below "!" (0x21): a stored outlet below it is "" or may be blank, so the
# test reads an index range, not every row (the TRIM alone would make SQLite scan the table).
_BLANK_SQL = "char(32, 9, 10, 13, 11, 12)"


def stored_outlet(outlet: Any) -> str:
    """The outlet as the store keeps it: stripped, "" when the source names none (or only blanks)."""
    return str(outlet or "").strip()


def named(column: str) -> str:
    """SQL: the outlet in ``column``, NULL when not named (``COUNT(DISTINCT named(...))`` counts named outlets)."""
    return f"(CASE WHEN {is_not_named(column)} THEN NULL ELSE {column} END)"


def is_named(column: str) -> str:
    """SQL condition: the article in this row names its outlet."""
    return f"NOT {is_not_named(column)}"


def is_not_named(column: str) -> str:
    """SQL condition: the article in this row names no outlet ("", or only blanks in an older store)."""
    return f"({column} < '!' AND TRIM({column}, {_BLANK_SQL}) = '')"


def outlet_or_none(outlet: Any) -> Any:
    """A stored outlet as data leaving the store (JSON, exports): None when not named, else unchanged."""
    return None if isinstance(outlet, str) and not outlet.strip(BLANK) else outlet


def null_outlets(value: Any) -> Any:
    """``value`` (rows, or dicts and lists of rows) with every outlet column (``OUTLET_COLUMNS``) that
    holds "" as None, in lists too: a missing outlet is null in JSON, never an empty name."""
    if isinstance(value, dict):
        return {k: (([outlet_or_none(o) for o in v] if isinstance(v, list) else outlet_or_none(v))
                    if k in OUTLET_COLUMNS else null_outlets(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [null_outlets(v) for v in value]
    return value
