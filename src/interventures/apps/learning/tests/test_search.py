"""Search and filters in two languages (the records' translations are searched too)."""

from __future__ import annotations

import pytest

from interventures.apps.learning.selectors import PracticeFilters, practice_list

pytestmark = pytest.mark.django_db


def slugs(**filters):
    return {p.slug for p in practice_list(None, PracticeFilters(**filters))}


def test_search_finds_a_practice_by_its_english_and_its_spanish_title(reference):
    assert slugs(q="export consortiums") == {"export-consortia-extremadura"}
    # the Spanish title, and ERGO's Spanish description ("consorcios de exportación")
    spanish = {"export-consortia-extremadura", "ergo-emilia-romagna-go-global"}
    assert slugs(q="consorcios exportación") == spanish
    assert slugs(q="CONSORCIOS exportacion") == spanish  # case and accents


def test_search_in_hungarian_with_and_without_accents(reference):
    assert "b-light-hu-hr" in slugs(q="együttműködés")
    assert "b-light-hu-hr" in slugs(q="egyuttmukodes kkv")
    assert slugs(q="együttműködés nonexistentword") == set()


def test_filters_combine_with_the_query(reference):
    finance = slugs(dimension="finance")
    assert "b-light-hu-hr" in finance
    assert "pimex-extremadura" not in finance
    assert slugs(region="hu-hr") == {"b-light-hu-hr"}
    assert slugs(region="castilla-y-leon", dimension="support") == {
        "sodebur-technicians-network",
        "ceei-burgos-bic",
    }
    assert slugs(barrier="programme_language") == {"b-light-hu-hr"}
    assert slugs(q="extremadura", barrier="programme_language") == set()
    assert slugs(status="draft") == set()


def test_the_public_sees_validated_practices_only(reference):
    from interventures.apps.learning.models import GoodPractice

    GoodPractice.objects.create(slug="hidden-draft", title="Hidden draft", search_text=" hidden draft ")
    assert "hidden-draft" not in slugs(q="hidden")


def test_every_practice_reads_in_every_language_with_each_field_marked_by_its_language(reference, client):
    from django.utils import translation

    from interventures.apps.learning.models import PRACTICE_TEXT, GoodPractice

    practices = list(GoodPractice.objects.filter(is_reference=True))
    assert len(practices) == 16
    for p in practices:
        for lang in ("hu", "hr", "it", "pl", "es", "lt"):
            texts = p.translations[lang]
            for field in PRACTICE_TEXT:
                if getattr(p, field):  # every English field has its translation
                    assert texts.get(field) and texts[field] != getattr(p, field) or field == "title", (
                        p.slug,
                        lang,
                        field,
                    )
    b_light = GoodPractice.objects.get(slug="b-light-hu-hr")
    with translation.override("hr"):
        page = client.get(f"/hr/learning/practices/{b_light.slug}/").content.decode()
    assert b_light.translations["hr"]["difficulties"] in page
    assert f'<span lang="en">{b_light.problem}</span>' not in page  # no longer shown as English
    found = client.get("/pl/learning/practices/", {"q": "konsorcjów eksportowych"}).content.decode()
    assert "Emilia-Romagna Go Global" in found  # found by its Polish description alone
