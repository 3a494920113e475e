"""Synthetic partner-search profiles (flagged `is_demo`, and shown as synthetic on every page):
a few hundred companies in the five regions and across their borders, and a profile for each
region's demo SME, so that suggestions appear for each region. Idempotent."""

from __future__ import annotations

from typing import TextIO

import numpy as np
from django.db import transaction

from interventures.apps.accounts.models import Company
from interventures.apps.accounts.permissions import OPERATOR
from interventures.reference.borders import border_nuts3
from interventures.reference.files import read_yaml

from .engine import stages, taxonomy
from .models import Cooperation, PartnerProfile
from .services import ProfileData, profile_save, suggestions_refresh

PER_SIDE = 30
TITLE_LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")
LANGUAGE = {
    "HU": "hu",
    "HR": "hr",
    "IT": "it",
    "CH": "de",
    "PL": "pl",
    "SK": "sk",
    "ES": "es",
    "PT": "pt",
    "LT": "lt",
    "LV": "lv",
}
# divisions common among the partnership's SMEs (food, wood, metal, machinery, trade, tourism, ICT, engineering)
DIVISIONS = ("10", "11", "16", "25", "28", "31", "46", "55", "62", "71")
CHAIN = {
    "10": "46",
    "11": "46",
    "16": "31",
    "25": "28",
    "28": "25",
    "31": "16",
    "46": "10",
    "55": "10",
    "62": "71",
    "71": "62",
}


def _shortened(title: str, limit: int = 60) -> str:
    """A NACE title cut at a word, with an ellipsis, for a demo company's name."""
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


def _sides() -> list[tuple[str, list[str]]]:
    """(country, NUTS 3 codes) on each side of each region's border."""
    typology = border_nuts3()
    out = []
    for region in read_yaml("partnership.yaml")["regions"]:
        own = [str(c) for c in region["nuts"]["2024"]]
        for country in region["countries"]:
            codes = sorted(c for c in typology if c.startswith(country) and any(c.startswith(o) for o in own))
            out.append((country, codes or [c for c in own if c.startswith(country)]))
        for country in region["neighbouring_countries"]:
            if country in region["countries"]:
                continue
            codes = sorted(c for c, at in typology.items() if c.startswith(country) and at)
            if codes:
                out.append((country, codes))
    return out


@transaction.atomic
def load(*, out: TextIO) -> None:
    rng = np.random.default_rng(15)
    t = taxonomy()
    classes = {
        d: sorted(c for c, i in t.items.items() if i.level == 4 and c.startswith(d)) for d in DIVISIONS
    }
    ladder = stages()
    coops = [c.value for c in Cooperation]
    made_ids: list[int] = []
    for country, codes in _sides():
        lang = LANGUAGE.get(country, "en")
        text_lang = lang if lang in TITLE_LANGS else "en"
        for n in range(PER_SIDE):
            division = DIVISIONS[int(rng.integers(len(DIVISIONS)))]
            code = classes[division][int(rng.integers(len(classes[division])))]
            sought = classes[CHAIN[division]][int(rng.integers(len(classes[CHAIN[division]])))]
            nuts3 = codes[int(rng.integers(len(codes)))] if codes else ""
            # The activity's title in the company's language where NACE has it, else its code (an
            # English title would be English text on every other language's page).
            activity = (
                _shortened(t.items[code].titles.get(lang, f"NACE {code}"))
                if lang in TITLE_LANGS
                else f"NACE {code}"
            )
            name = f"Demo {country} {n + 1:02d} · {activity}"
            company, _ = Company.objects.get_or_create(
                name=f"Demo partner {country}-{n + 1:02d} (synthetic)",
                defaults={"country": country, "nuts3": nuts3, "is_demo": True},
            )
            if PartnerProfile.objects.filter(company=company).exists():
                continue
            languages = sorted({lang, "en"} if rng.random() < 0.6 else {lang})
            created = PartnerProfile.objects.create(
                company=company,
                is_demo=True,
                **ProfileData(
                    name=name,
                    country=country,
                    nuts3=nuts3,
                    size_class=str(rng.choice(["micro", "small", "medium"])),
                    nace=[code],
                    languages=languages,
                    stage=ladder[int(rng.integers(len(ladder)))],
                    offers=t.items[code].titles.get(text_lang, t.items[code].titles["en"]),
                    seeks=t.items[sought].titles.get(text_lang, t.items[sought].titles["en"]),
                    cooperation=sorted(rng.choice(coops, int(rng.integers(1, 3)), replace=False).tolist()),
                    contact_name=f"Demo contact {country}-{n + 1:02d}",
                    contact_email=f"demo-{country.lower()}-{n + 1:02d}@example.org",
                    published=True,
                ).__dict__,
            )
            made_ids.append(created.pk)
    # the demo SME of each region gets a published profile, so that its suggestions show
    for company in Company.objects.filter(is_demo=True, name__startswith="Demo SME "):
        if PartnerProfile.objects.filter(company=company).exists() or not company.country:
            continue
        saved = profile_save(
            user=OPERATOR,
            company=company,
            is_demo=True,
            data=ProfileData(
                name=company.name,
                country=company.country,
                nuts3=company.nuts3,
                nace=["10.71"],
                languages=[LANGUAGE.get(company.country, "en"), "en"],
                offers=t.items["10.71"].titles.get(
                    LANGUAGE.get(company.country, "en"), t.items["10.71"].titles["en"]
                ),
                seeks=t.items["46.38"].titles.get(
                    LANGUAGE.get(company.country, "en"), t.items["46.38"].titles["en"]
                ),
                contact_email=f"demo-sme-{company.pk}@example.org",
                published=True,
            ),
        )
        made_ids.append(saved.pk)
    # incrementally: other lists change only where demo profiles enter them
    changed = suggestions_refresh(profile_ids=made_ids) if made_ids else 0
    out.write(
        f"Partner search: {len(made_ids)} synthetic demo profiles added, suggestions refreshed in {changed} border pairs.\n"
    )
