"""Pagination helpers shared by the routers."""

from __future__ import annotations

from typing import Any

from ninja import Field
from ninja.pagination import LimitOffsetPagination as _NinjaLimitOffset


class Mapped:
    """A queryset seen through a function, sliced and counted as the paginator does (so that a
    page of a translated list costs one query, not the whole list)."""

    def __init__(self, qs: Any, fn: Any) -> None:
        self.qs, self.fn = qs, fn

    def count(self) -> int:
        return int(self.qs.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, s: slice) -> list[Any]:
        return [self.fn(x) for x in self.qs[s]]


MAX_OFFSET = 10**9
"""No list holds more rows; a larger offset (e.g. 7·10²⁵) would overflow the database's integers."""


class LimitOffsetPagination(_NinjaLimitOffset):
    """ninja's limit/offset pagination with the offset bounded (422 past MAX_OFFSET, not a 500)."""

    class Input(_NinjaLimitOffset.Input):
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
