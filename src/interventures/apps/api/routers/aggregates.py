"""Published figures of the Situation Analysis (public): the latest publishable run of a region, or
of the five-region comparison. A suppressed figure keeps only its identifier, the flag and the
reason: no value, no standard error, no interval and no count (as in the pages and the CSV)."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from interventures.apps.analysis import selectors
from interventures.apps.analysis.models import Figure
from interventures.apps.common.disclosure import min_cell
from interventures.apps.common.selectors import partner_regions

from ..paging import LimitOffsetPagination, Mapped

router = Router(tags=["aggregates"])

POOLED = "ALL"


class FigureOut(Schema):
    identifier: str
    run: int
    region: str = Field(..., description=f"region code, or {POOLED} for the five-region comparison")
    section: str
    variable: str
    kind: str
    domain_var: str
    domain: str
    other: str
    estimate: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n: int | None
    n_other: int | None
    p_value: float | None
    p_adjusted: float | None
    suppressed: bool
    suppressed_by: str


def published(f: Figure) -> dict[str, Any]:
    """A figure as it may be published: a suppressed one, or one resting on fewer respondents than
    the minimum cell now in force, carries no number."""
    hidden = f.suppressed or f.n < min_cell() or (f.kind == "difference" and f.n_other < min_cell())
    return {
        "identifier": f.identifier,
        "run": f.run_id,
        "region": f.run.scope,
        "section": f.section,
        "variable": f.variable,
        "kind": f.kind,
        "domain_var": f.domain_var,
        "domain": f.domain,
        "other": f.other,
        "estimate": None if hidden else f.estimate,
        "se": None if hidden else f.se,
        "ci_low": None if hidden else f.ci_low,
        "ci_high": None if hidden else f.ci_high,
        "n": None if hidden else f.n,
        "n_other": None if hidden or f.kind != "difference" else f.n_other,
        "p_value": None if hidden else f.p_value,
        "p_adjusted": None if hidden else f.p_adjusted,
        "suppressed": hidden,
        "suppressed_by": f.suppressed_by or ("n" if hidden else ""),
    }


class FigureFilter(Schema):
    region: str = Field(POOLED, max_length=20, description=f"a partnership region code, or {POOLED}")
    section: str = Field("", max_length=8)
    variable: str = Field("", max_length=80)
    include_suppressed: bool = True


@router.get("/figures", response=list[FigureOut], operation_id="figures_list")
@paginate(LimitOffsetPagination)
def figures(request: HttpRequest, filters: Query[FigureFilter]) -> Any:
    """The figures of the latest publishable run (none before the first analysis)."""
    region = None
    if filters.region != POOLED:
        region = partner_regions().filter(code=filters.region).first()
        if region is None:
            raise Http404
    qs = selectors.figure_list(run=selectors.run_latest(region=region)).select_related("run__region")
    if filters.section:
        qs = qs.filter(section=filters.section)
    if filters.variable:
        qs = qs.filter(variable=filters.variable)
    if not filters.include_suppressed:
        qs = qs.filter(suppressed=False, n__gte=min_cell())
    return Mapped(qs, published)


@router.get("/figures/{identifier}", response=FigureOut, operation_id="figures_get")
def figure(request: HttpRequest, identifier: str) -> dict[str, Any]:
    """A cited figure's current value (the latest publishable run that has it)."""
    found = selectors.figure_get(identifier=identifier)
    if found is None:
        raise Http404
    return published(found)
