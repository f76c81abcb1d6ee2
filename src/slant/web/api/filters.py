"""The article filters as one FastAPI dependency, shared by every list, chart, export and page.

The explorer's list, its charts, the JSON API's list and stats and the exports all narrow the
corpus the same way; they take their filters from :func:`article_filters`, so a filter that
works on the list works on its export and its charts, and the parameters are described once.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from slant.web.queries import ArticleFilters

#: a calendar date or nothing (an empty date box in a form sends ``date_from=``)
DAY_PATTERN = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"
SEARCH_HELP = ("Full-text search of titles and text. Words are all required (AND); `OR` between words "
               "accepts either (`NATO OR Putin`); \"double quotes\" find an exact phrase; results come in "
               "order of relevance unless `sort` says otherwise.")

def _day(value: str, name: str) -> str:
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise RequestValidationError([{"loc": ("query", name), "msg": "not a valid date (YYYY-MM-DD)",
                                       "type": "date_from_datetime_parsing"}]) from None


def article_filters(
    q: Annotated[str, Query(max_length=500, description=SEARCH_HELP)] = "",
    outlet: Annotated[str, Query(max_length=200, description="Only articles of this outlet (its exact name).")] = "",
    date_from: Annotated[str, Query(pattern=DAY_PATTERN, description="Published on or after this day (YYYY-MM-DD).")] = "",
    date_to: Annotated[str, Query(pattern=DAY_PATTERN, description="Published on or before this day (YYYY-MM-DD).")] = "",
    technique: Annotated[str, Query(max_length=200, description="Articles with at least one span of this "
                                    "persuasion technique (its id, e.g. `Loaded_Language`).")] = "",
    frame: Annotated[str, Query(max_length=200, description="Articles given this frame (e.g. `Economic`).")] = "",
    genre: Annotated[str, Query(max_length=200, description="Articles of this genre (`reporting`, `opinion`, `satire`).")] = "",
    speaker: Annotated[str, Query(max_length=200, description="Articles quoting this speaker (name, any case).")] = "",
    entity: Annotated[str, Query(max_length=200, description="Articles mentioning this person, organisation or place.")] = "",
    cluster: Annotated[str, Query(max_length=200, description="Articles of this story cluster (its id).")] = "",
) -> ArticleFilters:
    """The filters of a request (blank values do not filter; dates are checked)."""
    return ArticleFilters(q=q.strip(), outlet=outlet.strip(), date_from=_day(date_from.strip(), "date_from"),
                          date_to=_day(date_to.strip(), "date_to"), technique=technique.strip(),
                          frame=frame.strip(), genre=genre.strip(), speaker=speaker.strip(),
                          entity=entity.strip(), cluster=cluster.strip())


Filters = Annotated[ArticleFilters, Depends(article_filters)]
