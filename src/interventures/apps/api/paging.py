"""Pagination helpers shared by the routers."""

from __future__ import annotations

from typing import Any


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
