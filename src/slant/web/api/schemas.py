"""Request and response schemas of the JSON API (separate from the store's rows)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from slant.clean.timestamps import given_publication
from slant.store.outlets import outlet_or_none

#: ids that callers may give: what a file stem or a JSONL id usually looks like, nothing that
#: could be read as a path or markup
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$"


#: when the article came out: a day, or a date-time with its zone (kept as meta.published_at, and
#: its UTC instant orders same-day copies), as the ingest path reads a source's date field
Published = Annotated[Annotated[str, Field(max_length=64)] | None,
                      AfterValidator(lambda v: given_publication(v) or None if v is not None else None),
                      Field(default=None, examples=["2026-03-01", "2026-03-01T09:30:00-05:00"],
                            description="When the article was published: YYYY-MM-DD, or an ISO date-time with its zone "
                                        "(2026-03-01T09:30:00-05:00, 2026-03-01 14:30 UTC); a time without a zone "
                                        "is kept as written. Unreadable values are refused (422).")]


#: an article's outlet in a response: null when the source named none (the store keeps "")
OutletName = Annotated[str | None, BeforeValidator(outlet_or_none),
                       Field(description="The outlet's name; null when the source named none.")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnalyzeRequest(Strict):
    """An article's text: title on the first line, as in a scraped text file."""

    text: str = Field(min_length=1, description="The article (plain text; HTML is detected and extracted).")
    id: str | None = Field(default=None, pattern=ID_PATTERN, description="The document id (default 'document').")


class ArticleIn(AnalyzeRequest):
    """An article to analyse and store, with what is known about it."""

    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    published: Published = None
    byline: str | None = Field(default=None, max_length=500)


class JobItem(Strict):
    text: str = Field(min_length=1)
    id: str | None = Field(default=None, pattern=ID_PATTERN)
    kind: Literal["text", "html"] | None = None
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    published: Published = None
    byline: str | None = Field(default=None, max_length=500)


class JobRequest(Strict):
    items: list[JobItem] = Field(min_length=1)
    store: StrictBool = Field(default=False, description="Store each analysed article in the corpus.")


class JobStatus(BaseModel):
    job_id: str
    status: Literal["queued", "running", "done", "failed"]
    created: str
    started: str | None
    finished: str | None
    total: int
    done: int
    failed: int
    store: bool
    error: str | None
    results_available: bool


class JobResults(BaseModel):
    job_id: str
    status: str
    results: list[dict[str, Any]]


class Stored(BaseModel):
    doc_id: str
    status: Literal["stored", "duplicate"]


class ArticleSummary(BaseModel):
    doc_id: str
    title: str
    outlet: OutletName
    published: str | None
    published_at: str | None = Field(default=None, description="ISO date-time as the source gave it (with its UTC offset when it gave a zone); null when only the day is known.")
    url: str
    source: str = Field(description="The ingested file's name (never the server's path to it), or the URL it came from.")
    techniques: int
    quotes: int
    cluster_id: str | None = Field(description="The article's story (a cluster of 2 or more near-duplicate articles), if any.")
    snippet: str = Field(description="Where a search matched (else the start of the text).")
    matches: list[tuple[int, int]] = Field(default_factory=list, description="The (start, end) character offsets "
                                           "of the searched words in the snippet.")


class Page(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int


class ArticleList(Page):
    items: list[ArticleSummary]
    filters: dict[str, str]


class Link(BaseModel):
    doc_id: str
    kind: str
    score: float | None
    title: str
    outlet: OutletName
    published: str | None
    published_at: str | None = Field(default=None, description="ISO date-time as the source gave it (with its UTC offset when it gave a zone); null when only the day is known.")


class ClusterRef(BaseModel):
    cluster_id: str
    size: int


class Related(BaseModel):
    doc_id: str
    duplicates: list[Link]
    cluster: ClusterRef | None


class ClusterSummary(BaseModel):
    cluster_id: str
    size: int
    outlets: int
    first_published: str | None
    last_published: str | None
    title: str | None


class ClusterList(Page):
    items: list[ClusterSummary]


class ClusterMember(BaseModel):
    doc_id: str
    title: str
    outlet: OutletName
    published: str | None
    published_at: str | None = Field(default=None, description="ISO date-time as the source gave it (with its UTC offset when it gave a zone); null when only the day is known.")
    url: str
    is_first: bool


class ClusterDetail(BaseModel):
    cluster_id: str
    size: int
    first_published: str | None
    first_published_at: str | None = Field(default=None, description="The first article's date-time, when its source gave a time.")
    first_uncertain: bool = Field(default=False, description="True when another copy came out the same day without a "
                                  "time of day, so which came first is not known.")
    undated: int = Field(default=0, description="Articles of the story without a known date.")
    outlets: list[str]
    articles: list[ClusterMember]
    links: list[dict[str, Any]]


class OutletSummary(BaseModel):
    outlet: str = Field(description="The outlet's name (articles that name no outlet are in no row: "
                                    "`/stats/summary` counts them as `no_outlet`).")
    articles: int
    first_published: str | None
    last_published: str | None
    technique_spans: int


class OutletProfile(BaseModel):
    outlet: str
    articles: int
    first_published: str | None
    last_published: str | None
    techniques: list[dict[str, Any]]
    genres: list[dict[str, Any]]
    frames: list[dict[str, Any]]
    speakers: list[dict[str, Any]]


class Summary(BaseModel):
    documents: int
    outlets: int = Field(description="Named outlets.")
    no_outlet: int = Field(default=0, description="Articles whose source named no outlet: counted in every total, "
                                                  "in no per-outlet row (they are not one outlet).")
    first_published: str | None
    last_published: str | None
    undated: int = Field(default=0, description="Articles without a known publication date.")
    technique_spans: int
    quotes: int
    entities: int
    clusters: int
    failures: int


class TechniqueCount(BaseModel):
    key: str = Field(description="The outlet or the month (YYYY-MM).")
    technique: str
    spans: int


class TechniqueStats(BaseModel):
    by: Literal["outlet", "month"]
    rows: list[TechniqueCount]
    articles: dict[str, int] = Field(description="Articles per outlet or month (the denominators).")
    undated: int = Field(default=0, description="By month: matching articles without a known date, left out of the rows.")
    no_outlet: int = Field(default=0, description="By outlet: matching articles whose source named no outlet, left out of "
                           "the rows (they are not one outlet).")


class Speaker(BaseModel):
    speaker: str
    speaker_key: str
    quotes: int
    articles: int
    outlets: int


class QuoteCredit(BaseModel):
    speaker: str = Field(description="A person the carriers credit the quote to.")
    articles: int = Field(description="How many of its articles credit it to them.")


class TravellingQuote(BaseModel):
    group_id: str
    text: str
    speaker: str = Field(description="The speaker the first carrier gives.")
    articles: int
    outlets: int
    first_seen: str | None
    speakers: list[QuoteCredit] = Field(
        default_factory=list, description="Every person the carriers credit it to, most articles first.")
    speakers_disagree: bool = Field(
        False, description="True when the carriers credit it to different people.")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    documents: int
    components: list[str]


class Me(BaseModel):
    authenticated: bool
    name: str | None
    scope: str | None
    read_access: Literal["public", "token"]
