"""Reference data: the partnership's regions, NUTS regions, NACE activities (public)."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from interventures.apps.classifications.selectors import NUTS_CURRENT, nace_get, nace_list, nuts_list
from interventures.apps.common import languages
from interventures.apps.common.selectors import partner_regions
from interventures.apps.common.translated import tr

from ..paging import LimitOffsetPagination, Mapped

router = Router(tags=["reference"])


class RegionOut(Schema):
    code: str
    name: str
    kind: str
    countries: list[str]
    neighbouring_countries: list[str]
    languages: list[str]
    nuts_level: int | None
    nuts: list[str]


def _region(region: Any, lang: str) -> dict[str, Any]:
    return {
        "code": region.code,
        "name": tr(region, "name", lang),
        "kind": region.kind,
        "countries": list(region.countries or []),
        "neighbouring_countries": list(region.neighbouring_countries or []),
        "languages": list(region.languages or []),
        "nuts_level": region.nuts_level,
        "nuts": [str(c) for c in (region.nuts or [])],
    }


def _lang(lang: str) -> str:
    return lang if lang in languages.codes() else "en"


@router.get("/regions", response=list[RegionOut], operation_id="regions_list")
def regions_list(request: HttpRequest, lang: str = "en") -> list[dict[str, Any]]:
    """The five partnership regions (names in `lang`)."""
    return [_region(r, _lang(lang)) for r in partner_regions()]


@router.get("/regions/{code}", response=RegionOut, operation_id="regions_get")
def regions_get(request: HttpRequest, code: str, lang: str = "en") -> dict[str, Any]:
    region = partner_regions().filter(code=code).first()
    if region is None:
        raise Http404
    return _region(region, _lang(lang))


class NutsOut(Schema):
    code: str
    version: int
    level: int
    country: str
    name: str
    border: str


class NutsFilter(Schema):
    version: int = Field(NUTS_CURRENT, description="NUTS version: 2016, 2021 or 2024")
    level: int | None = Field(None, ge=0, le=3)
    country: str = Field("", max_length=2)
    border: str = Field("", max_length=40, description="Eurostat border typology")
    q: str = Field("", max_length=100, description="code prefix or part of the name")


@router.get("/nuts", response=list[NutsOut], operation_id="nuts_list")
@paginate(LimitOffsetPagination)
def nuts(request: HttpRequest, filters: Query[NutsFilter]) -> Any:
    return nuts_list(**filters.dict())


class NaceOut(Schema):
    code: str
    level: int
    parent_code: str
    section: str
    title: str


class NaceFilter(Schema):
    level: int | None = Field(None, ge=1, le=4)
    section: str = Field("", max_length=1)
    parent: str = Field("", max_length=8)
    lang: str = Field("en", max_length=8)


def _nace(a: Any, lang: str) -> dict[str, Any]:
    return {
        "code": a.code,
        "level": a.level,
        "parent_code": a.parent_code,
        "section": a.section,
        "title": a.title(lang),
    }


@router.get("/nace", response=list[NaceOut], operation_id="nace_list")
@paginate(LimitOffsetPagination)
def nace(request: HttpRequest, filters: Query[NaceFilter]) -> Any:
    lang = _lang(filters.lang)
    rows = nace_list(level=filters.level, section=filters.section, parent=filters.parent)
    return Mapped(rows, lambda a: _nace(a, lang))


@router.get("/nace/{code}", response=NaceOut, operation_id="nace_get")
def nace_one(request: HttpRequest, code: str, lang: str = "en") -> dict[str, Any]:
    found = nace_get(code=code)
    if found is None:
        raise Http404
    return _nace(found, _lang(lang))
