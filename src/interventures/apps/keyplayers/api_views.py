"""JSON API of the key players directory: a region's analysis (the export's content) and one
organisation with its services and ties, as the caller may see them (the public: published entries)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from interventures.apps.accounts.permissions import visible
from interventures.apps.common.models import Region
from interventures.apps.partnership.models import Organisation

from . import selectors
from .exports import ecosystem_data


@require_GET
def region(request: HttpRequest, code: str) -> JsonResponse:
    found = Region.objects.filter(code=code, partner=True).first()
    if found is None:
        raise Http404
    return JsonResponse({"region": found.code, **ecosystem_data(user=request.user, region=found)})


@require_GET
def organisation(request: HttpRequest, slug: str) -> JsonResponse:
    org = selectors.organisation_get(user=request.user, slug=slug)
    seen = set(visible(request.user, Organisation.objects.all()).values_list("pk", flat=True))
    return JsonResponse(
        {
            "id": org.slug,
            "name": org.name,
            "translations": {
                lang: t.get("name") for lang, t in (org.translations or {}).items() if t.get("name")
            },
            "type": org.type,
            "region": org.region.code if org.region else None,
            "role": org.role or None,
            "nuts": [n.code for n in org.nuts_regions.all()],
            "cross_border": org.cross_border,
            "cross_border_countries": list(org.cross_border_countries or []),
            "languages": list(org.languages or []),
            "website": org.website,
            "contact": org.contact,
            "rsg_member": org.rsg_member,
            "demo": org.is_demo,
            "services": [
                {
                    "id": s.pk,
                    "name": s.name,
                    "service_type": s.service_type,
                    "dimensions": list(s.dimensions or []),
                    "stages": list(s.stages or []),
                    "cost": s.cost,
                    "languages": list(s.languages or []),
                    "instrument": s.instrument.slug if s.instrument else None,
                }
                for s in org.services.all()
            ],
            "ties": [
                {
                    "source": t.source.slug if t.source_id != org.pk else org.slug,
                    "target": t.target.slug if t.target_id != org.pk else org.slug,
                    "kind": t.kind,
                    "strength": t.strength,
                    "since": t.start_date.isoformat() if t.start_date else None,
                    "cross_border": t.cross_border,
                }
                for t in [*org.ties_out.all(), *org.ties_in.all()]
                if t.source_id in seen and t.target_id in seen
            ],
        }
    )
