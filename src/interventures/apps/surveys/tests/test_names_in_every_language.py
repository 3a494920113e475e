"""Issue #9: names the platform gives surveys itself (the standard questionnaire, a copy's "(adapted)",
the demo's campaigns) are in the reader's language; what a partner types is shown as typed."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from interventures.apps.accounts.models import Role
from interventures.apps.common.translated import tr
from interventures.apps.surveys import demo, services
from interventures.apps.surveys.models import Campaign, PopulationCount

pytestmark = pytest.mark.django_db

OTHER_LANGS = [code for code, _name in settings.LANGUAGES if code != "en"]


def test_the_standard_questionnaire_is_named_in_every_language_of_its_form() -> None:
    standard = services.questionnaire_ensure_standard()
    form = standard.current.form
    assert standard.name == form.title_in("en")
    assert {lang: tr(standard, "name", lang) for lang in OTHER_LANGS} == {
        lang: form.title_in(lang) for lang in OTHER_LANGS
    }
    assert len({tr(standard, "name", lang) for lang in OTHER_LANGS}) == len(OTHER_LANGS)


def test_a_standard_questionnaire_made_before_its_name_was_translated_gets_the_translations() -> None:
    standard = services.questionnaire_ensure_standard()
    standard.translations = {}
    standard.save(update_fields=["translations"])
    again = services.questionnaire_ensure_standard()
    again.refresh_from_db()
    assert tr(again, "name", "hu") == again.current.form.title_in("hu")


def test_a_copy_is_adapted_in_every_language(client_as: Any) -> None:
    standard = services.questionnaire_ensure_standard()
    client, _user = client_as(Role.REGIONAL_PARTNER)
    with translation.override("hu"):
        url = reverse("surveys:questionnaire_detail", args=[standard.pk])
    client.post(url, {"action": "copy"})
    copy = standard.__class__.objects.get(copied_from=standard)
    for lang in ("en", *OTHER_LANGS):
        with translation.override(lang):
            assert tr(copy, "name", lang) == gettext("%(name)s (adapted)") % {
                "name": standard.current.form.title_in(lang)
            }


def test_a_name_the_partner_types_is_kept_as_typed(client_as: Any) -> None:
    standard = services.questionnaire_ensure_standard()
    client, _user = client_as(Role.REGIONAL_PARTNER)
    with translation.override("pl"):
        url = reverse("surveys:questionnaire_copy", args=[standard.pk])
    page = client.get(url).content.decode()
    proposed = services.questionnaire_adapted_name(standard)
    assert tr(proposed, "name", "pl") in page  # proposed in the reader's language
    client.post(url, {"name": "Ankieta MŚP Podkarpacie", "languages": ["en", "pl"]})
    copy = standard.__class__.objects.get(copied_from=standard)
    assert (copy.name, copy.translations) == ("Ankieta MŚP Podkarpacie", {})


def test_the_demo_campaigns_are_named_in_every_language(make_region: Any, monkeypatch: Any) -> None:
    make_region("hu-hr", "Hungary–Croatia").__class__.objects.filter(code="hu-hr").update(
        translations={"hu": {"name": "Magyarország–Horvátország"}, "hr": {"name": "Mađarska–Hrvatska"}}
    )
    monkeypatch.setattr(
        demo,
        "PROFILES",
        {"hu-hr": demo.PROFILES["hu-hr"].__class__(**{**demo.PROFILES["hu-hr"].__dict__, "n": 30})},
    )
    demo.load(out=io.StringIO())
    campaign = Campaign.objects.get(slug="demo-hu-hr")
    assert campaign.name == "SME survey 2021 – Hungary–Croatia (synthetic demo)"
    assert (
        tr(campaign, "name", "hu") == "Kkv-felmérés 2021 – Magyarország–Horvátország (szintetikus bemutató)"
    )
    assert tr(campaign, "name", "hr") == "Anketa MSP-ova 2021. – Mađarska–Hrvatska (sintetički demo)"
    assert set(campaign.translations) == set(OTHER_LANGS)
    # a demo loaded before its names were translated gets them on the next load
    Campaign.objects.filter(pk=campaign.pk).update(translations={})
    demo.load(out=io.StringIO())
    campaign.refresh_from_db()
    assert set(campaign.translations) == set(OTHER_LANGS)


def test_campaign_pages_show_the_name_and_languages_in_the_readers_language(
    client_as: Any, make_campaign: Any
) -> None:
    campaign = make_campaign(
        name="Autumn survey",
        languages=["en", "hu"],
        opens_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        translations={"hu": {"name": "Őszi felmérés"}},
    )
    client, _user = client_as(Role.COORDINATOR)
    with translation.override("hu"):
        detail = client.get(reverse("surveys:campaign_detail", args=[campaign.pk])).content.decode()
        listed = client.get(reverse("surveys:campaign_list")).content.decode()
    assert "Őszi felmérés" in detail
    assert "Őszi felmérés" in listed
    assert "Autumn survey" not in detail
    assert "angol, magyar" in detail  # the campaign's languages by name, not "en, hu"
    assert "2026. március 1." in detail  # the date as Hungarian writes it


def test_the_population_page_shows_column_names_as_code_and_the_demo_source_translated(
    client_as: Any, make_region: Any
) -> None:
    PopulationCount.objects.create(
        region=make_region(),
        size_class="small",
        nace_section="C",
        count=5,
        source=demo.POPULATION_SOURCE,
        year=2021,
        is_demo=True,
    )
    client, _user = client_as(Role.COORDINATOR)
    with translation.override("it"):
        page = client.get(reverse("surveys:population")).content.decode()
    assert "<code>size_class</code>" in page
    assert "Colonne:" in page
    assert "Dati sintetici dimostrativi" in page
    assert demo.POPULATION_SOURCE not in page
