"""Search and filters in two languages (the records' translations are searched too)."""

from __future__ import annotations

import pytest

from interventures.apps.learning.selectors import PracticeFilters, practice_list

pytestmark = pytest.mark.django_db


def slugs(**filters):
    return {p.slug for p in practice_list(None, PracticeFilters(**filters))}


def test_search_finds_a_practice_by_its_english_and_its_spanish_title(reference):
    assert slugs(q="export consortiums") == {"export-consortia-extremadura"}
    assert slugs(q="consorcios exportación") == {"export-consortia-extremadura"}
    assert slugs(q="CONSORCIOS exportacion") == {"export-consortia-extremadura"}  # case and accents


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
    assert slugs(q="consorcios", barrier="programme_language") == set()
    assert slugs(status="draft") == set()


def test_the_public_sees_validated_practices_only(reference):
    from interventures.apps.learning.models import GoodPractice

    GoodPractice.objects.create(slug="hidden-draft", title="Hidden draft", search_text=" hidden draft ")
    assert "hidden-draft" not in slugs(q="hidden")
