"""Corpus statistics: totals, techniques per outlet or month, quoted speakers, travelling quotes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from slant.web import queries
from slant.web.api.common import paging, problem_responses
from slant.web.api.deps import Reader, State
from slant.web.api.filters import Filters
from slant.web.api.schemas import (
    ClusterDetail,
    ClusterList,
    OutletProfile,
    OutletSummary,
    Speaker,
    Summary,
    TechniqueStats,
    TravellingQuote,
)

router = APIRouter(tags=["stats"])


@router.get("/stats", responses=problem_responses(401, 422, 429), summary="Every corpus aggregate")
def all_stats(state: State, caller: Reader, f: Filters,
              top: Annotated[int, Query(ge=1, le=1000, description="Rows kept in each ranked list.")] = 20) -> dict:
    """Every aggregate at once: the same named row lists as `slant stats` (slant.corpus.stats.stats), over
    the articles matching the filters (the same filters as the article list and the exports): totals,
    techniques, quotes, speakers, stories and claims of those articles only. No filter: the whole corpus."""
    from slant.corpus.stats import stats as corpus_stats
    from slant.store.outlets import null_outlets

    store, active = state.reader(), tuple(sorted(f.active().items()))
    where = queries.where_clause(store.conn, f) if active else None
    return state.cached(("stats", top, active), lambda: null_outlets(corpus_stats(store, top=top, where=where)))


@router.get("/stats/summary", response_model=Summary, responses=problem_responses(401, 429), summary="Corpus totals")
def summary(state: State, caller: Reader) -> Summary:
    """Corpus totals."""
    conn = state.conn
    return Summary(**state.cached("summary", lambda: queries.summary(conn)))


@router.get("/stats/techniques", response_model=TechniqueStats, responses=problem_responses(401, 422, 429),
            summary="Technique spans per outlet or month")
def techniques(state: State, caller: Reader, f: Filters,
               by: Annotated[Literal["outlet", "month"], Query(description="Group by `outlet` or by `month` (YYYY-MM).")] = "outlet") -> TechniqueStats:
    """Technique spans per outlet or per month (YYYY-MM) over the articles matching the filters, with the
    articles of each outlet or month (divide to compare outlets of different sizes). By month, articles
    without a known date cannot be placed: `undated` says how many were left out. By outlet, articles whose
    source named no outlet are not one outlet: `no_outlet` says how many were left out."""
    conn, key = state.conn, tuple(sorted(f.active().items()))
    undated = no_outlet = 0
    if by == "outlet":
        rows = [{"key": r["outlet"], "technique": r["technique"], "spans": r["spans"]}
                for r in state.cached(("by_outlet", key), lambda: queries.techniques_by_outlet(conn, f))]
        articles = state.cached(("per_outlet", key), lambda: queries.articles_by_outlet(conn, f))
        no_outlet = state.cached(("no_outlet", key), lambda: queries.count_no_outlet(conn, f))
    else:
        rows = [{"key": r["month"], "technique": r["technique"], "spans": r["spans"]}
                for r in state.cached(("by_month", key), lambda: queries.techniques_by_month(conn, f))]
        articles = state.cached(("per_month", key), lambda: queries.articles_by_month(conn, f))
        undated = state.cached(("undated", key), lambda: queries.count_undated(conn, f))
    return TechniqueStats(by=by, rows=rows, articles=articles, undated=undated, no_outlet=no_outlet)


@router.get("/stats/speakers", response_model=list[Speaker], responses=problem_responses(401, 422, 429),
            summary="Most quoted speakers")
def speakers(state: State, caller: Reader, f: Filters,
             limit: Annotated[int, Query(ge=1, le=200, description="How many speakers.")] = 20) -> list[Speaker]:
    """The most quoted speakers in the articles matching the filters: quotes, articles and outlets quoting them."""
    conn = state.conn
    rows = state.cached(("speakers", tuple(sorted(f.active().items())), limit), lambda: queries.top_speakers(conn, f, limit))
    return [Speaker(**r) for r in rows]


@router.get("/stats/quotes", response_model=list[TravellingQuote], responses=problem_responses(401, 422, 429),
            summary="Quotes that travelled")
def travelling_quotes(state: State, caller: Reader, f: Filters,
                      limit: Annotated[int, Query(ge=1, le=200, description="How many quotes.")] = 20) -> list[TravellingQuote]:
    """Quotes that travelled (4+ words, carried by two or more outlets) among the articles matching the
    filters, as the stats page lists them. No filter: the whole corpus."""
    store, key = state.reader(), tuple(sorted(f.active().items()))
    rows = state.cached(("travelling", limit, key),
                        lambda: queries.in_filters(store, f, lambda s: queries.travelling_quotes(s.conn, limit)))
    return [TravellingQuote(**r) for r in rows]


@router.get("/clusters", response_model=ClusterList, responses=problem_responses(401, 422, 429), summary="List stories")
def clusters(state: State, caller: Reader,
             outlet: Annotated[str, Query(max_length=200, description="Only stories this outlet carried.")] = "",
             page: Annotated[int, Query(ge=1, le=100_000, description="The page, from 1.")] = 1,
             per_page: Annotated[int, Query(ge=1, le=200, description="Stories per page.")] = 25) -> ClusterList:
    """Story clusters (more than one article), largest first."""
    items, total = queries.list_clusters(state.conn, page=page, per_page=per_page, outlet=outlet)
    return ClusterList(items=items, **paging(total, page, per_page))


@router.get("/clusters/{cluster_id:path}", response_model=ClusterDetail, responses=problem_responses(401, 404, 429),
            summary="One story")
def cluster(cluster_id: Annotated[str, Path(min_length=1, max_length=300, description="The story's cluster id.")], state: State, caller: Reader) -> ClusterDetail:
    """One story cluster: its articles in publication order, the first one marked."""
    return ClusterDetail(**queries.cluster_detail(state.conn, cluster_id))


@router.get("/outlets", response_model=list[OutletSummary], responses=problem_responses(401, 429), summary="List outlets")
def outlets(state: State, caller: Reader) -> list[OutletSummary]:
    """Every named outlet in the corpus (articles that name none are no outlet: `/stats/summary` counts them)."""
    conn = state.conn
    return [OutletSummary(**r) for r in state.cached("outlets", lambda: queries.list_outlets(conn))]


@router.get("/outlets/{outlet:path}", response_model=OutletProfile, responses=problem_responses(401, 404, 429),
            summary="One outlet's profile")
def outlet(outlet: Annotated[str, Path(min_length=1, max_length=200, description="The outlet's name.")], state: State, caller: Reader) -> OutletProfile:
    """One outlet's profile: techniques, genres, frames, speakers."""
    conn = state.conn
    return OutletProfile(**state.cached(("outlet", outlet), lambda: queries.outlet_profile(conn, outlet)))
