"""``/agreements``: agreements with their parties, people, topics, dates and evidence.

The agreements are filtered and ordered as IRIs (``kg.query.agreement_iris``);
only the page returned is written out, from each agreement's JSON, which the
view keeps once encoded (``kg.query.agreement_json``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import RunnerDep, SettingsDep, ViewDep
from api.pagination import PageDep
from kg import query as kq

router = APIRouter(tags=["agreements"])

EXAMPLE = {"total": 1, "limit": 50, "offset": 0, "next": None, "items": [{
    "iri": "https://w3id.org/energy-kg/id/agreement/2016-12-16-japan-rosatom-nuclear-energy",
    "label": "Japan–Rosatom memorandum on nuclear energy (2016)", "type": "Memorandum",
    "kind": "memorandum", "date": "2016-12-16",
    "parties": [{"iri": "https://w3id.org/energy-kg/id/country/JP", "label": "Japan",
                 "type": "Country"}],
    "topics": [{"iri": "https://w3id.org/energy-kg/id/topic/nuclear-energy",
                "label": "nuclear energy", "type": "Topic"}],
    "evidence": [{"quote": "…", "document": "https://w3id.org/energy-kg/id/document/…"}]}]}

Party = Annotated[str | None, Query(description="An actor: name (any language), ISO code or IRI.",
                                    examples=["Japan", "RU", "Rosatom"])]
Topic = Annotated[str | None, Query(description="A topic (narrower topics included).",
                                    examples=["nuclear energy", "Wasserstoff"])]
# The pattern states the form (months 01-12, days 01-31); whether the day exists in that
# month (2021-02-29) is checked by kg.view.window. Both answer 400.
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
Since = Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD.",
                                    pattern=DATE_PATTERN, examples=["2010"])]
Until = Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD.",
                                    pattern=DATE_PATTERN, examples=["2020-06"])]


@router.get("/agreements", summary="Agreements, oldest first, with filters",
            response_model=dict,
            responses={200: {"content": {"application/json": {"example": EXAMPLE}}}})
async def list_agreements(
    request: Request, view: ViewDep, runner: RunnerDep, settings: SettingsDep, page: PageDep,
    party: Party = None, topic: Topic = None, since: Since = None, until: Until = None,
    kind: Annotated[str | None, Query(
        description="memorandum, agreement, declaration_of_intent, treaty, partnership, "
                    "contract (or a class name such as Memorandum).")] = None,
) -> Response:
    def work(deadline: float) -> tuple[int, list[bytes]]:
        found = kq.agreement_iris(view, party=party, topic=topic, since=since, until=until,
                                  kind=kind)
        chunk = page.slice(found)
        if hasattr(view, "prefetch"):  # a remote store's index: read the page's records
            view.prefetch(chunk)
        return len(found), [kq.agreement_json(view, i) for i in chunk]

    total, items = await runner.run(work, timeout=settings.query_timeout)
    return page.json(request, total, items)
