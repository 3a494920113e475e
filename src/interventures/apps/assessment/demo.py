"""Synthetic demo results of the preparedness test, so that regional averages and the partner's list
show something on a fresh installation. Every row is marked `is_demo` and describes no real
enterprise; the regional differences are invented for illustration, not taken from any survey."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

import numpy as np
from django.utils import timezone

from interventures.apps.accounts.models import Company
from interventures.apps.common.models import Region
from interventures.apps.common.selectors import partner_regions
from interventures.core import capacity

from . import services

PER_REGION = 60
SEED = 20190801  # the project's start date: any fixed seed would do
SHARE_RATE = 0.35
DONT_KNOW_RATE = 0.06
SKIP_RATE = 0.03
COUNTRY = {
    "hu-hr": "HU",
    "lombardia": "IT",
    "podkarpackie": "PL",
    "castilla-y-leon": "ES",
    "lt-klaipeda": "LT",
}
LANGUAGES = {
    "hu-hr": ["hu", "hr"],
    "lombardia": ["it"],
    "podkarpackie": ["pl"],
    "castilla-y-leon": ["es"],
    "lt-klaipeda": ["lt"],
}
# Invented mean readiness per region on a 0-1 scale, so that averages differ visibly between regions.
LEVEL = {"hu-hr": 0.35, "lombardia": 0.62, "podkarpackie": 0.42, "castilla-y-leon": 0.52, "lt-klaipeda": 0.47}
SIZES = ["micro", "small", "medium"]
SIZE_WEIGHTS = [0.55, 0.33, 0.12]
SIZE_BONUS = {"micro": -0.08, "small": 0.0, "medium": 0.1}
SECTORS = list("CFGHIJMN")


def _answers(
    rng: np.random.Generator, model: capacity.CapacityModel, ability: float, tilt: dict[str, float]
) -> dict[str, str]:
    answers: dict[str, str] = {}
    for item in model.items:
        draw = rng.random()
        if draw < SKIP_RATE:
            continue
        if item.allow_dont_know and draw < SKIP_RATE + DONT_KNOW_RATE:
            answers[item.id] = capacity.DONT_KNOW
            continue
        target = float(np.clip(ability + tilt[item.dimension] + rng.normal(0, 0.18), 0, 1))
        scores = np.array([o.score for o in item.options])
        answers[item.id] = item.options[int(np.argmin(np.abs(scores - target)))].id
    return answers


def build_specs(regions: list[Region]) -> list[services.CompletedSpec]:
    """The same specs on every run (fixed seed), so loading twice creates nothing new."""
    model = capacity.load_model()
    rng = np.random.default_rng(SEED)
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    specs = []
    for region in sorted(regions, key=lambda r: r.code):
        tilt = {d.id: float(rng.normal(0, 0.08)) for d in model.dimensions}
        for i in range(PER_REGION):
            size = str(rng.choice(SIZES, p=SIZE_WEIGHTS))
            ability = LEVEL[region.code] + SIZE_BONUS[size] + float(rng.normal(0, 0.12))
            specs.append(
                services.CompletedSpec(
                    client_key=f"demo-{region.code}-{i:03d}",
                    region=region,
                    size_class=size,
                    sector=str(rng.choice(SECTORS)),
                    language=str(rng.choice(LANGUAGES[region.code])),
                    answers=_answers(rng, model, ability, tilt),
                    completed_at=now - timedelta(days=int(rng.integers(1, 365))),
                    shared=bool(rng.random() < SHARE_RATE),
                    is_demo=True,
                )
            )
    return specs


def _companies(specs: list[services.CompletedSpec]) -> list[services.CompletedSpec]:
    """One synthetic company per demo result, created once."""
    names = {s.client_key: f"Synthetic SME {s.client_key[5:].upper()} (demo)" for s in specs}
    existing = dict(Company.objects.filter(is_demo=True, name__in=names.values()).values_list("name", "pk"))
    Company.objects.bulk_create(
        Company(name=names[s.client_key], country=COUNTRY[s.region.code], region=s.region, is_demo=True)
        for s in specs
        if s.region is not None and names[s.client_key] not in existing
    )
    by_name = {c.name: c for c in Company.objects.filter(is_demo=True, name__in=names.values())}
    return [
        services.CompletedSpec(**{**s.__dict__, "company": by_name.get(names[s.client_key])}) for s in specs
    ]


def load(*, out: TextIO) -> None:
    regions = list(partner_regions())
    if not regions:
        out.write("assessment: no partnership regions loaded; run `interventures reference load` first\n")
        return
    specs = _companies(build_specs(regions))
    created = services.assessments_import_completed(specs=specs)
    out.write(
        f"assessment: {created} synthetic demo results created ({len(specs) - created} already there)\n"
    )
