"""``/review``: the review queue (:mod:`kg.review`) over HTTP.

``GET /review`` lists the items (pending by default; ``status=accepted``,
``rejected`` or ``all``), lowest confidence first, each with its quote, document,
the fact it is about (``subject``, ``predicate``, ``object``) and its statements.
``POST /review/{id}`` with ``{"decision": "accept"}`` or ``{"decision": "reject"}``
decides one (bearer token). ``GET /merges`` lists the merges entity
resolution made (:mod:`kg.resolve`), ``POST /merges/{key}/undo`` splits one
again (bearer token). Decisions run on the app's one writer thread.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request

from api.deps import RunnerDep, SettingsDep, StoreDep, TokenDep, WriterDep, read_body
from api.errors import UnsupportedMediaType
from api.pagination import PageDep
from kg import review
from kg.errors import InputError
from kg.namespaces import compact

router = APIRouter(tags=["review"])

ItemId = Annotated[str, Path(pattern=r"^[0-9a-f]{12}$", description="The review item's id.")]

REQUEST_BODY = {"required": True, "content": {"application/json": {
    "schema": {"type": "object", "required": ["decision"], "properties": {
        "decision": {"type": "string", "enum": ["accept", "reject"]}}},
    "example": {"decision": "accept"}}}}


def render(item: review.Item) -> dict:
    """An item as JSON: its fields, short names, and its statements as N-Triples lines."""
    body = item.to_dict()
    body["subject_name"] = compact(item.subject)
    body["predicate_name"] = compact(item.predicate)
    body["object_name"] = compact(item.object) if not item.object.startswith('"') else item.object
    body["statements"] = [f"{t.subject} {t.predicate} {t.object} ." for t in item.payload]
    return body


def render_merge(merge, status: str) -> dict:
    return {"key": merge.key, "kind": merge.kind, "status": status, "node": merge.source,
            "into": merge.target, "score": merge.score, "close_call": merge.close_call,
            "document": merge.document, "reasons": merge.reasons}


@router.get("/review", summary="The review queue: uncertain facts and close-call merges")
async def list_review(
    request: Request, store: StoreDep, runner: RunnerDep, settings: SettingsDep, page: PageDep,
    status: Annotated[Literal["pending", "accepted", "rejected", "all"], Query(
        description="Which items: pending (default), accepted, rejected or all.")] = "pending",
) -> dict:
    def work(deadline: float) -> list[review.Item]:
        return review.items(store, None if status == "all" else status)

    found = await runner.run(work, timeout=settings.query_timeout)
    return page.apply(request, found, render, threshold=settings.review_threshold)


@router.get("/merges", summary="Merges made by entity resolution")
async def list_merges(request: Request, store: StoreDep, runner: RunnerDep,
                      settings: SettingsDep, page: PageDep) -> dict:
    found = await runner.run(lambda deadline: review.merges(store),
                             timeout=settings.query_timeout)
    found.sort(key=lambda m: (m[0].score, m[0].key))
    return page.apply(request, found, lambda m: render_merge(*m))


@router.post("/review/{item}", summary="Accept or reject a review item (bearer token)",
             openapi_extra={"requestBody": REQUEST_BODY},
             responses={404: {"description": "No such review item"}})
async def decide(request: Request, item: ItemId, _: TokenDep, store: StoreDep,
                 writer: WriterDep, settings: SettingsDep) -> dict:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise UnsupportedMediaType("send the decision as application/json: "
                                   '{"decision": "accept"} or {"decision": "reject"}')
    raw = await read_body(request, 64 * 1024, "the decision has more than 64 KiB")
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(f"the JSON body is malformed: {exc}") from None
    decision = payload.get("decision") if isinstance(payload, dict) else None
    if decision not in review.DECISIONS:
        raise InputError('the body must be {"decision": "accept"} or {"decision": "reject"}')

    def work() -> dict:
        return render(review.decide(store, item, decision))

    return await writer.run(work, wait=max(settings.query_timeout, 60.0))


@router.post("/merges/{key}/undo", summary="Undo a merge of entity resolution "
                                                   "(bearer token)",
             responses={404: {"description": "No such merge"}})
async def undo(key: ItemId, _: TokenDep, store: StoreDep, writer: WriterDep,
               settings: SettingsDep) -> dict:
    def work() -> dict:
        merge = review.undo_merge(store, key)
        return render_merge(merge, "undone")

    return await writer.run(work, wait=max(settings.query_timeout, 60.0))
