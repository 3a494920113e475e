"""Demo: a synthetic key players directory for the five regions. The real partner organisations
(loaded from reference/data/partnership.yaml) are joined by invented organisations of realistic types
for each region, with services and ties; everything invented is flagged `is_demo` and labelled as demo
content on every page. Idempotent: a region that already has demo organisations is skipped."""

from __future__ import annotations

from typing import TextIO

import numpy as np
from django.db import transaction

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.common import versions
from interventures.apps.common.models import Region
from interventures.apps.common.translated import in_every_language
from interventures.apps.partnership.models import Organisation, PolicyInstrument
from interventures.core import capacity

from . import services
from .models import Service, ServiceType, TieKind

# (name in the region's language, type, country, cross-border countries, in the RSG)
DEMO_ORGS: dict[str, list[tuple[str, str, str, list[str], bool]]] = {
    "hu-hr": [
        ("Dél-dunántúli Kereskedelmi Kamara (példa)", "chamber", "HU", ["HR"], True),
        ("Drávamenti Klaszter (példa)", "cluster", "HU", ["HR"], False),
        ("Osječka gospodarska komora (primjer)", "chamber", "HR", ["HU"], True),
        ("Pécsi Egyetem Tudásközpont (példa)", "university", "HU", [], False),
        ("Baranyai Vállalkozásfejlesztési Alapítvány (példa)", "bank_fund", "HU", [], False),
    ],
    "lombardia": [
        ("Distretto Meccanico Lombardo (esempio)", "cluster", "IT", ["CH"], True),
        ("Sportello Internazionalizzazione Insubria (esempio)", "trade_promotion", "IT", ["CH"], False),
        ("Confidi Lombardia Estero (esempio)", "export_credit", "IT", [], False),
        ("Politecnico Trasferimento Tecnologico (esempio)", "university", "IT", [], False),
        ("Associazione Artigiani di Como (esempio)", "business_association", "IT", ["CH"], True),
    ],
    "podkarpackie": [
        ("Podkarpacka Izba Gospodarcza (przykład)", "chamber", "PL", ["SK", "UA"], True),
        ("Podkarpacki Klaster Lotniczy (przykład)", "cluster", "PL", [], True),
        ("Centrum Obsługi Inwestorów i Eksporterów (przykład)", "trade_promotion", "PL", ["UA"], False),
        ("Fundusz Poręczeń Podkarpacie (przykład)", "bank_fund", "PL", [], False),
        ("Punkt Enterprise Europe Network Rzeszów (przykład)", "een", "PL", ["SK"], False),
    ],
    "castilla-y-leon": [
        ("Cámara de Comercio de Burgos – servicio exterior (ejemplo)", "chamber", "ES", ["PT"], True),
        ("Agencia de Internacionalización de la región (ejemplo)", "trade_promotion", "ES", ["PT"], True),
        ("Clúster Agroalimentario del Duero (ejemplo)", "cluster", "ES", ["PT"], False),
        ("Universidad de Burgos – OTRI (ejemplo)", "university", "ES", [], False),
        ("Asociación de Empresarios del Norte (ejemplo)", "business_association", "ES", [], False),
    ],
    "lt-klaipeda": [
        ("Klaipėdos prekybos, pramonės ir amatų rūmai (pavyzdys)", "chamber", "LT", ["LV"], True),
        ("Jūrinis klasteris (pavyzdys)", "cluster", "LT", ["LV", "PL"], True),
        ("Eksporto konsultacijų centras (pavyzdys)", "consultancy", "LT", [], False),
        ("Klaipėdos universitetas – inovacijų centras (pavyzdys)", "university", "LT", [], False),
        ("Verslo garantijų fondas (pavyzdys)", "bank_fund", "LT", [], False),
    ],
}

# What each type of organisation typically offers: service type → capacity dimensions.
OFFERS: dict[str, list[tuple[str, list[str]]]] = {
    "chamber": [
        ("information", ["strategy", "market"]),
        ("fairs", ["market", "networks"]),
        ("certification", ["offer"]),
    ],
    "cluster": [("matchmaking", ["networks"]), ("training", ["people", "digital"])],
    "trade_promotion": [("market_intelligence", ["market"]), ("fairs", ["market", "networks"])],
    "export_credit": [("loans", ["finance"])],
    "bank_fund": [("loans", ["finance"]), ("grants", ["finance"])],
    "university": [("training", ["people", "offer"])],
    "business_association": [("information", ["strategy"]), ("legal_tax", ["support"])],
    "een": [("matchmaking", ["networks", "market"]), ("coaching", ["strategy"])],
    "consultancy": [("coaching", ["strategy", "finance"]), ("digital_export", ["digital"])],
    "egtc": [("matchmaking", ["networks"]), ("information", ["support"])],
    "development_agency": [("coaching", ["strategy", "experience"]), ("grants", ["finance"])],
    "bic": [("coaching", ["strategy", "offer"]), ("training", ["people"])],
    "municipality": [("information", ["support"])],
    "other": [("information", ["networks"])],
}


def _service_name(service_type: str) -> tuple[str, dict[str, dict[str, str]]]:
    return in_every_language("name", lambda: str(ServiceType(service_type).label))


@transaction.atomic
def load_region(region: Region, *, rng: np.random.Generator) -> int:
    if Organisation.objects.filter(region=region, is_demo=True).exists():
        return 0
    model = capacity.load_model()
    stage_ids = [s.id for s in model.stages]
    dims = {d.id for d in model.dimensions}
    instrument = PolicyInstrument.objects.filter(region=region).first()
    created = []
    for name, org_type, country, crossing, rsg in DEMO_ORGS.get(region.code, []):
        org = services.organisation_create(
            user=OPERATOR,
            region=region,
            values={
                "name": name,
                "type": org_type,
                "country": country,
                "cross_border": bool(crossing),
                "cross_border_countries": crossing,
                "languages": list(region.languages or []) + (["en"] if rng.random() < 0.5 else []),
                "rsg_member": rsg,
                "published": True,
            },
            is_demo=True,
        )
        created.append(org)
    partners = list(Organisation.objects.filter(region=region, is_demo=False))
    for org in partners + created:
        for service_type, service_dims in OFFERS.get(org.type or "other", OFFERS["other"]):
            first = int(rng.integers(0, 3))
            name, translations = _service_name(service_type)
            service = services.service_create(
                user=OPERATOR,
                organisation=org,
                values={
                    "name": name,
                    "service_type": service_type,
                    "dimensions": [d for d in service_dims if d in dims],
                    "stages": stage_ids[first : first + int(rng.integers(1, 4))],
                    "cost": str(rng.choice(["free", "subsidised", "paid"])),
                    # One service in ten is offered in English only: the improvement list finds it.
                    "languages": ["en"] if rng.random() < 0.1 else list(region.languages or []),
                    "instrument": instrument if service_type == "grants" else None,
                    "needs_cross_border": service_type == "matchmaking",
                },
                is_demo=True,
            )
            Service.objects.filter(pk=service.pk).update(translations=translations)
            versions.changed()
    everyone = partners + created
    kinds = list(TieKind.values)
    for i, org in enumerate(created):
        others = [o for o in everyone if o.pk != org.pk]
        for index in rng.choice(len(others), size=min(2, len(others)), replace=False):
            target = others[int(index)]
            try:
                services.tie_create(
                    user=OPERATOR,
                    source=org,
                    target=target,
                    kind=kinds[(i + target.pk) % len(kinds)],
                    strength=int(rng.integers(1, 4)),
                    cross_border=org.country != target.country,
                    is_demo=True,
                )
            except services.DirectoryError:
                continue
    return len(created)


def load(*, out: TextIO) -> None:
    rng = np.random.default_rng(2019)  # the project's start year: the same demo every time
    total = 0
    for region in Region.objects.filter(partner=True).order_by("order"):
        total += load_region(region, rng=rng)
        services.improvements_refresh(user=OPERATOR, region=region)
    out.write(f"key players: {total} demo organisations\n")
