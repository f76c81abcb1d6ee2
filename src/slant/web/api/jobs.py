"""Batch jobs: submit many articles, poll the status, fetch the results."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from slant.errors import InputError
from slant.web.api.common import problem_responses
from slant.web.api.deps import State, Writer
from slant.web.api.schemas import JobRequest, JobResults, JobStatus

router = APIRouter(tags=["jobs"])

JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="The job id.")]


@router.post("/jobs", summary="Submit a batch job", status_code=202, response_model=JobStatus, responses=problem_responses(401, 403, 413, 422, 429, 503))
def submit_job(body: JobRequest, response: Response, state: State, caller: Writer) -> JobStatus:
    """Queue a batch of articles for analysis (and storage with `store: true`); poll its status."""
    if len(body.items) > state.web.max_batch_items:
        raise InputError(f"the batch holds {len(body.items)} articles, over the limit of {state.web.max_batch_items}",
                         hint="split it into several jobs")
    if body.store:  # refused at submit, not after the job's analyses
        state.require_writable()
    items = [i.model_dump(exclude_none=True, mode="json") for i in body.items]
    job = state.jobs.submit(items, store=body.store, submitted_by=caller.client)
    response.headers["Location"] = f"/api/v1/jobs/{job.job_id}"
    return JobStatus(**job.status_dict())


@router.get("/jobs", summary="List batch jobs", response_model=list[JobStatus], responses=problem_responses(401, 403, 429))
def list_jobs(state: State, caller: Writer) -> list[JobStatus]:
    """The jobs this server remembers, newest first."""
    return [JobStatus(**j.status_dict()) for j in state.jobs.list()]


@router.get("/jobs/{job_id}", summary="A batch job's status", response_model=JobStatus, responses=problem_responses(401, 403, 404, 429))
def job_status(job_id: JobId, state: State, caller: Writer) -> JobStatus:
    """A job's status and progress."""
    return JobStatus(**state.jobs.get(job_id).status_dict())


@router.get("/jobs/{job_id}/results", summary="A batch job's results", response_model=JobResults, responses=problem_responses(401, 403, 404, 429))
def job_results(job_id: JobId, state: State, caller: Writer) -> JobResults:
    """Per article: the Document (or, with `store`, its stored id) or the error that stopped it."""
    job = state.jobs.get(job_id)
    return JobResults(job_id=job.job_id, status=job.status, results=list(job.results or []))
