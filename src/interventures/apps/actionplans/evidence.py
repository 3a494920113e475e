"""The kinds of evidence an action may cite, each with the resolver that finds its target.

A citation is a `kind` and a string `target_key` (a figure's identifier, a practice's slug, a
lesson's id ...). Each kind is registered once below with a resolver returning the target as it is
now (its label, its page, and the version and value the staleness rule compares), or None when the
target is gone. A new kind (the key players' gaps and improvement items) is one more `register`
call here, with a resolver that reads that app's selectors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from interventures.apps.analysis import selectors as analysis
from interventures.apps.assessment import selectors as assessment
from interventures.apps.assessment.models import Assessment
from interventures.apps.common.models import Region
from interventures.apps.common.translated import tr
from interventures.apps.keyplayers.models import Improvement
from interventures.apps.learning.models import FastTrackInitiative, GoodPractice, Lesson, Transferability
from interventures.core.actionplans import Cited

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Target:
    label: str
    url: str
    state: Cited


Resolver = Callable[[str], Target | None]


@dataclass(frozen=True)
class Kind:
    code: str
    label: StrOrPromise
    help: StrOrPromise
    resolve: Resolver


KINDS: dict[str, Kind] = {}


def register(code: str, label: StrOrPromise, help: StrOrPromise, resolve: Resolver) -> None:
    KINDS[code] = Kind(code, label, help, resolve)


def resolve(kind: str, key: str) -> Target | None:
    k = KINDS.get(kind)
    return k.resolve(key) if k is not None else None


def _url(name: str, *args: object) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _figure(key: str) -> Target | None:
    figure = analysis.figure_get(identifier=key)
    if figure is None:
        return None
    run = figure.run
    value = "suppressed" if figure.suppressed or figure.estimate is None else f"{figure.estimate:.6g}"
    url = _url("analysis:region", run.region.code) if run.region is not None else _url("analysis:comparison")
    return Target(key, f"{url}#{key}" if url else "", Cited(str(run.pk), value))


def _practice(key: str) -> Target | None:
    p = GoodPractice.objects.filter(slug=key).first()
    if p is None:
        return None
    return Target(tr(p, "title"), _url("learning:practice_detail", p.slug), Cited(p.status, p.status))


def _transferability(key: str) -> Target | None:
    slug, _sep, code = key.partition(":")
    a = (
        Transferability.objects.filter(practice__slug=slug, region__code=code)
        .select_related("practice", "region")
        .first()
    )
    if a is None:
        return None
    scores = ",".join(
        str(getattr(a, c)) for c in ("instrument_fit", "resources", "stakeholders", "legal_fit", "gap_effect")
    )
    label = f"{tr(a.practice, 'title')} → {a.region.label}"
    return Target(
        label, _url("learning:practice_detail", slug), Cited(a.updated_at.isoformat(), f"{scores};{a.final}")
    )


def _lesson(key: str) -> Target | None:
    lesson = Lesson.objects.filter(pk=int(key)).select_related("event").first() if key.isdigit() else None
    if lesson is None:
        return None
    text = tr(lesson, "text")
    return Target(text[:120], _url("learning:event_detail", lesson.event.uid), Cited("1", text))


def _initiative(key: str) -> Target | None:
    i = FastTrackInitiative.objects.filter(pk=int(key)).first() if key.isdigit() else None
    if i is None:
        return None
    return Target(tr(i, "title"), _url("learning:initiative_detail", i.pk), Cited(i.status, i.status))


def _preparedness(key: str) -> Target | None:
    """`<region code>:<dimension>`: the region's average preparedness score on a dimension, over
    completed tests, suppressed below the minimum cell (only the aggregate is ever cited)."""
    code, _sep, dimension = key.partition(":")
    region = Region.objects.filter(code=code).first()
    if region is None or not dimension:
        return None
    avg = assessment.dimension_averages(queryset=Assessment.objects.filter(region=region))
    score = None if avg.suppressed else avg.by_dimension.get(dimension)
    value = "suppressed" if score is None else f"{score:.1f}"
    return Target(f"{region.label}: {dimension}", _url("assessment:region_results"), Cited(str(avg.n), value))


def _improvement(key: str) -> Target | None:
    """`<region code>:<item key>`: an item of the region's key-players improvement list (proposed
    from an ecosystem gap). The label names the region and the kind of gap only: the partner's own
    wording stays on the region's page, which only the region's people see. The citation changes
    when the partner decides on the item or the latest computation no longer finds the gap."""
    code, _sep, item = key.partition(":")
    found = Improvement.objects.filter(region__code=code, key=item).select_related("region").first()
    if found is None:
        return None
    label = f"{found.region.label}: {found.get_kind_display()}"
    state = Cited(str(found.current), found.status)
    url = _url("keyplayers:region", code)
    return Target(label, f"{url}#improvements-heading" if url else "", state)


register(
    "figure",
    _("survey figure"),
    _("its identifier in the situation report, e.g. SAR-hu-hr-CAP-finance"),
    _figure,
)
register(
    "assessment",
    _("preparedness-test aggregate"),
    _("region code and dimension, e.g. hu-hr:finance"),
    _preparedness,
)
register("practice", _("good practice"), _("the practice's slug"), _practice)
register(
    "transferability",
    _("transferability assessment"),
    _("practice slug and receiving region, e.g. slug:hu-hr"),
    _transferability,
)
register("lesson", _("lesson learnt at an event"), _("the lesson's number"), _lesson)
register("initiative", _("fast-track initiative"), _("the initiative's number"), _initiative)
register(
    "improvement",
    _("key players improvement item"),
    _("region code and the item's key, e.g. hu-hr:no_service:digital:domestic"),
    _improvement,
)
