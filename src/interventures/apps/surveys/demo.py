"""Synthetic demo data: one campaign per partner region on the standard questionnaire, with a few
hundred to 1,500 synthetic responses each and synthetic population figures.

Everything is marked is_demo and labelled synthetic. The regional differences (export propensity,
barriers, awareness of the programme's calls) are invented parameters that make comparisons worth
looking at; they describe no real enterprise and are not findings. Idempotent: a region whose demo
campaign exists is skipped. Randomness comes from an explicit, seeded numpy Generator per region.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, TextIO

import numpy as np
from django.db import transaction
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from interventures.apps.common.models import Region
from interventures.apps.common.translated import in_every_language, tr
from interventures.core.capacity import load_model
from interventures.core.survey import Form, clean_response
from interventures.core.survey.validate import dump_values

from .models import Campaign, PopulationCount, Response, ResponseSource, ResponseStatus
from .services import campaign_create, questionnaire_ensure_standard

YEAR = 2021
# (stored as written; the population page shows it in the reader's language)
POPULATION_SOURCE = gettext_noop("Synthetic demo figures (not official statistics)")


@dataclass(frozen=True)
class Profile:
    n: int
    languages: tuple[str, ...]
    exports: float
    imports: float
    cross_border: float
    aware_calls: float
    maturity: float  # shifts answers to capacity items upwards (0–1)
    countries: tuple[str, ...]
    barrier_boost: tuple[str, ...]  # barriers more often named in this synthetic region
    # Capacity dimensions this synthetic region is weaker (< 0) or stronger (> 0) in, on the 0–1 scale;
    # loosely echoing the weaknesses the project summary names for each programme.
    dimension_shift: tuple[tuple[str, float], ...] = ()


PROFILES: dict[str, Profile] = {
    "hu-hr": Profile(
        900,
        ("hu", "hr", "en"),
        0.28,
        0.35,
        0.22,
        0.30,
        0.35,
        ("HR", "HU", "AT", "SI", "RS", "DE"),
        ("prefinancing", "programme_language", "admin"),
        (("finance", -0.12), ("people", -0.08), ("support", 0.05)),
    ),
    "lombardia": Profile(
        1500,
        ("it", "en"),
        0.55,
        0.50,
        0.30,
        0.45,
        0.65,
        ("CH", "FR", "DE", "AT", "ES", "non_eu"),
        ("regulation", "information"),
        (("digital", 0.06), ("networks", 0.05), ("support", -0.06)),
    ),
    "podkarpackie": Profile(
        700,
        ("pl", "en"),
        0.33,
        0.40,
        0.18,
        0.35,
        0.40,
        ("SK", "UA", "DE", "HU", "other_eu"),
        ("partners", "information", "finance"),
        (("networks", -0.1), ("experience", -0.05), ("support", -0.04)),
    ),
    "castilla-y-leon": Profile(
        1100,
        ("es", "en"),
        0.40,
        0.38,
        0.20,
        0.40,
        0.50,
        ("PT", "FR", "DE", "IT", "non_eu"),
        ("skills", "partners"),
        (("networks", -0.08), ("people", -0.05), ("strategy", 0.04)),
    ),
    "lt-klaipeda": Profile(
        400,
        ("lt", "en"),
        0.45,
        0.55,
        0.35,
        0.50,
        0.55,
        ("LV", "PL", "DE", "other_eu", "non_eu"),
        ("finance", "admin"),
        (("market", 0.06), ("finance", -0.06), ("digital", 0.04)),
    ),
}
SIZE_P = {"micro": 0.62, "small": 0.26, "medium": 0.10, "large": 0.02}
NACE_P = {"C": 0.22, "G": 0.22, "F": 0.12, "M": 0.12, "J": 0.08, "I": 0.08, "H": 0.06, "A": 0.05, "N": 0.05}
TURNOVER_BY_SIZE = {
    "micro": ["lt2m"],
    "small": ["lt2m", "2_10m"],
    "medium": ["2_10m", "10_50m"],
    "large": ["10_50m", "gt50m"],
}


def _pick(rng: np.random.Generator, probs: dict[str, float]) -> str:
    keys = list(probs)
    p = np.array([probs[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _some(rng: np.random.Generator, options: list[str], k_max: int, boost: tuple[str, ...] = ()) -> list[str]:
    weights = np.array([3.0 if o in boost else 1.0 for o in options])
    k = int(rng.integers(1, k_max + 1))
    idx = rng.choice(len(options), size=min(k, len(options)), replace=False, p=weights / weights.sum())
    return [options[i] for i in sorted(idx)]


def nuts3_codes(region: Region) -> list[str]:
    """The region's NUTS 3 codes (NUTS 2021) from the reference data: its own level-3 codes when it
    lists them (Hungary–Croatia, Klaipėda), else the level-3 regions under its NUTS 2 code."""
    from interventures.apps.classifications.models import NutsRegion

    codes = list((region.nuts or {}).get("2021", []))
    level3 = [c for c in codes if len(c) == 5]
    if level3:
        return sorted(level3)
    found: set[str] = set()
    for prefix in codes:
        found.update(
            NutsRegion.objects.filter(version=2021, level=3, code__startswith=prefix).values_list(
                "code", flat=True
            )
        )
    return sorted(found)


def synthetic_answers(
    form: Form, profile: Profile, rng: np.random.Generator, nuts3: list[str] | None = None
) -> dict[str, Any]:
    size = _pick(rng, SIZE_P)
    a: dict[str, Any] = {
        "size_class": size,
        "nace_section": _pick(rng, NACE_P),
        "year_founded": int(rng.integers(1990, 2021)),
        "turnover": str(rng.choice(TURNOVER_BY_SIZE[size])),
    }
    if nuts3:
        a["nuts3"] = nuts3[int(rng.integers(0, len(nuts3)))]
    bigger = {"micro": 0.0, "small": 0.12, "medium": 0.22, "large": 0.3}[size]
    a["exports"] = "yes" if rng.random() < profile.exports + bigger else "no"
    if a["exports"] == "yes":
        a["export_share"] = int(rng.integers(2, 80))
    a["imports"] = "yes" if rng.random() < profile.imports + bigger / 2 else "no"
    a["cross_border"] = "yes" if rng.random() < profile.cross_border else "no"
    if "yes" in (a["exports"], a["imports"], a["cross_border"]):
        a["countries"] = " ".join(_some(rng, list(profile.countries), 3))
    barrier_names = [c.name for c in form.choices["barriers"] if c.name != "none"]
    a["barriers"] = (
        "none" if rng.random() < 0.08 else " ".join(_some(rng, barrier_names, 3, profile.barrier_boost))
    )
    orgs = [c.name for c in form.choices["support"] if c.name != "none"]
    if rng.random() < 0.15:
        a["aware_support"] = "none"
    else:
        aware = _some(rng, orgs, 4, ("chamber", "regional_agency"))
        a["aware_support"] = " ".join(aware)
        if rng.random() < 0.6:
            a["used_support"] = " ".join(_some(rng, aware, min(2, len(aware))))
    a["programme_aware"] = "yes" if rng.random() < profile.aware_calls else "no"
    if a["programme_aware"] == "yes":
        a["programme_applied"] = _pick(rng, {"granted": 0.25, "not_granted": 0.2, "not_applied": 0.55})
    a["needs"] = " ".join(
        _some(
            rng,
            [c.name for c in form.choices["needs"]],
            3,
            ("prefinancing_help", "application_help")
            if "prefinancing" in profile.barrier_boost
            else ("partner_search",),
        )
    )
    # Answers to the capacity items hang together as real ones do: a firm-level capacity (higher for
    # larger firms), a firm × dimension deviation, then item noise, so that the dimensions have the
    # internal consistency (Cronbach's alpha) that real survey scales show.
    firm = rng.normal(0.0, 0.12) + bigger / 2
    shift = dict(profile.dimension_shift)
    dimension_effect: dict[str, float] = {}
    for q in form.questions:
        if q.name.startswith("cap_") and q.type == "select_one":
            choices = [c.name for c in form.choices_for(q)]
            scored = [c for c in choices if c != "dont_know"]
            if "dont_know" in choices and rng.random() < 0.05:
                a[q.name] = "dont_know"
                continue
            dim = _capacity_dimension().get(q.name, "")
            if dim not in dimension_effect:
                dimension_effect[dim] = shift.get(dim, 0.0) + rng.normal(0.0, 0.08)
            latent = profile.maturity + firm + dimension_effect[dim] + rng.normal(0.0, 0.17)
            pos = np.clip(latent, 0, 0.999)
            a[q.name] = scored[int(pos * len(scored))]
    return a


@functools.cache
def _capacity_dimension() -> dict[str, str]:
    """Survey question name (cap_<item>) → the capacity dimension the item measures."""
    return {f"cap_{item.id}": item.dimension for item in load_model().items}


def _language(profile: Profile, rng: np.random.Generator) -> str:
    own = [lang for lang in profile.languages if lang != "en"]
    return "en" if rng.random() < 0.05 else own[int(rng.integers(0, len(own)))]


def _population(region: Region, profile: Profile, rng: np.random.Generator) -> list[PopulationCount]:
    scale = profile.n * 40
    out = []
    for size, ps in SIZE_P.items():
        for section, pn in NACE_P.items():
            count = int(rng.poisson(max(scale * ps * pn, 1)))
            out.append(
                PopulationCount(
                    region=region,
                    nuts="",
                    size_class=size,
                    nace_section=section,
                    count=count,
                    source=POPULATION_SOURCE,
                    year=YEAR,
                    is_demo=True,
                )
            )
    return out


def campaign_name(region: Region) -> tuple[str, dict[str, dict[str, str]]]:
    """The demo campaign's name in every language (English, and the translations `tr` reads)."""
    return in_every_language(
        "name",
        lambda: (
            _("SME survey %(year)s – %(region)s (synthetic demo)")
            % {"year": YEAR, "region": tr(region, "name", get_language())}
        ),
    )


def load(*, out: TextIO) -> None:
    regions = {r.code: r for r in Region.objects.filter(code__in=list(PROFILES))}
    if not regions:
        out.write("surveys: no partner regions loaded; no demo campaigns.\n")
        return
    questionnaire = questionnaire_ensure_standard()
    version = questionnaire.current
    form = version.form
    for code, profile in PROFILES.items():
        region = regions.get(code)
        if region is None:
            continue
        name, translations = campaign_name(region)
        existing = Campaign.objects.filter(slug=f"demo-{code}").first()
        if existing is not None:
            if existing.translations != translations:  # a demo loaded before its names were translated
                existing.name, existing.translations = name, translations
                existing.save(update_fields=["name", "translations"])
            continue
        rng = np.random.default_rng(sum(map(ord, code)) * 7919)  # fixed per region: the same demo every time
        with transaction.atomic():
            campaign = campaign_create(
                region_id=region.pk,
                name=name,
                translations=translations,
                version=version,
                languages=[lang for lang in profile.languages if lang in form.languages],
                opens_at=dt.datetime(YEAR, 3, 1, tzinfo=dt.UTC),
                closes_at=None,  # open with no end date
                target_n=profile.n,
                slug=f"demo-{code}",
                is_demo=True,
            )
            responses = []
            nuts3 = nuts3_codes(region)
            start = dt.datetime(YEAR, 3, 1, 8, tzinfo=dt.UTC)
            for i in range(profile.n):
                values, errors = clean_response(form, synthetic_answers(form, profile, rng, nuts3))
                if errors:  # the generator and the form disagree: a bug, never silently stored
                    raise RuntimeError(f"synthetic response {i} for {code} is invalid: {errors[:3]}")
                responses.append(
                    Response(
                        campaign=campaign,
                        idempotency_key=f"demo-{i}",
                        status=ResponseStatus.SUBMITTED,
                        source=ResponseSource.DEMO,
                        language=_language(profile, rng),
                        answers=dump_values(form, values),
                        is_demo=True,
                        submitted_at=start + dt.timedelta(minutes=int(rng.integers(0, 60 * 24 * 90))),
                    )
                )
            Response.objects.bulk_create(responses, batch_size=1000)
            PopulationCount.objects.filter(region=region, is_demo=True, year=YEAR).delete()
            PopulationCount.objects.bulk_create(_population(region, profile, rng))
        out.write(f"surveys: demo campaign for {code} with {profile.n} synthetic responses.\n")
