"""Pagination of list endpoints: ``limit`` and ``offset`` in, a page object out.

Every list answer has the same shape::

    {"total": 123, "limit": 50, "offset": 0, "next": "/agreements?...&offset=50",
     "items": [...]}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from api.deps import get_settings


class Page:
    def __init__(self, limit: int, offset: int):
        self.limit, self.offset = limit, offset

    def apply(self, request: Request, items: Sequence, render: Callable[[Any], Any] = None,
              **extra) -> dict:
        """The page of ``items`` (rendered with ``render``) and the link to the next one."""
        chunk = items[self.offset:self.offset + self.limit]
        following = None
        if self.offset + self.limit < len(items):
            following = str(request.url.include_query_params(offset=self.offset + self.limit,
                                                             limit=self.limit))
        return {**extra, "total": len(items), "limit": self.limit, "offset": self.offset,
                "next": following,
                "items": [render(i) for i in chunk] if render else list(chunk)}

    def slice(self, items: Sequence) -> Sequence:
        """The items of this page."""
        return items[self.offset:self.offset + self.limit]

    def json(self, request: Request, total: int, items: Sequence[bytes],
             headers: dict[str, str] | None = None, shown: int | None = None,
             **extra) -> Response:
        """The same page as :meth:`apply` gives, written as JSON from the items' own JSON.

        ``items`` are the page's items, each already encoded (``kg.query.to_json`` or
        JSON kept per view revision), so the large part of the answer is joined, not
        built as dicts and encoded again. ``shown``: how many items the page holds when
        fewer than ``limit`` were kept (``next`` goes on after them).
        """
        following = None
        step = self.limit if shown is None else min(shown, self.limit)
        if self.offset + step < total:
            following = next_url(request, self.offset + step, self.limit)
        from kg.query import to_json  # noqa: PLC0415 - kg.query loads networkx

        head = to_json({**extra, "total": total, "limit": self.limit, "offset": self.offset,
                        "next": following})
        return Response(b"".join((head[:-1], b',"items":[', b",".join(items), b"]}")),
                        media_type="application/json", headers=headers)


def next_url(request: Request, offset: int, limit: int) -> str:
    """The request's URL with ``offset`` and ``limit`` set (as
    ``request.url.include_query_params(offset=..., limit=...)`` gives it, from the query
    string already parsed)."""
    pairs, done = [], set()
    for key, value in request.query_params.multi_items():
        if key in ("offset", "limit"):
            if key in done:
                continue
            done.add(key)
            value = str(offset if key == "offset" else limit)
        pairs.append((key, value))
    pairs += [(k, str(v)) for k, v in (("offset", offset), ("limit", limit)) if k not in done]
    return str(request.url.replace(query=urlencode(pairs)))


MAX_OFFSET = 2**53 - 1  # the largest integer every JSON reader keeps exactly (and orjson writes)


async def page(request: Request,
         limit: Annotated[int | None, Query(ge=1, description="Items per page.")] = None,
         offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0
         ) -> Page:
    settings = get_settings(request)
    return Page(min(limit or settings.page_size, settings.max_page_size), offset)


PageDep = Annotated[Page, Depends(page)]
