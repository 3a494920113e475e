"""Reference text readers see exists in all seven platform languages, as loaded from the YAML files, and
the pages (instrument page, preparedness-test result and its PDF) show it in the reader's language."""

from __future__ import annotations

import html as htmllib
import io
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from interventures.apps.common.translated import tr
from interventures.apps.partnership import services
from interventures.apps.partnership.models import (
    Activity,
    Call,
    ExpectedResult,
    Objective,
    Organisation,
    PolicyInstrument,
    PriorityAxis,
    Project,
    Scheme,
    Weakness,
)

pytestmark = pytest.mark.django_db

OTHER_LANGS = [code for code, _ in settings.LANGUAGES if code != "en"]

# Every field a reader sees, per model: the loader's lists (one place), checked here row by row.
USER_FACING = [
    (Project, services.PROJECT_TEXT),
    (PolicyInstrument, services.INSTRUMENT_TEXT),
    (PriorityAxis, services.AXIS_TEXT),
    (Objective, services.OBJECTIVE_TEXT),
    (Scheme, services.SCHEME_TEXT),
    (Call, services.CALL_TEXT),
    (ExpectedResult, services.RESULT_TEXT),
    (Weakness, services.WEAKNESS_TEXT),
    (Activity, services.ACTIVITY_TEXT),
]
WORDED = [(PolicyInstrument, services.INSTRUMENT_WORDED), (Objective, services.OBJECTIVE_WORDED)]


@pytest.fixture
def loaded(db: Any) -> services.LoadReport:
    return services.partnership_reference_load()


def test_six_languages_are_the_platform_languages_but_english():
    assert sorted(OTHER_LANGS) == ["es", "hr", "hu", "it", "lt", "pl"]


@pytest.mark.parametrize(("model", "fields"), USER_FACING, ids=lambda v: getattr(v, "__name__", ""))
def test_every_user_facing_text_is_translated_into_every_language(loaded, model, fields):
    rows = list(model.objects.all())
    assert rows, model.__name__
    missing = []
    for obj in rows:
        for field in fields:
            base = getattr(obj, field)
            if not base:  # an empty English field (no beneficiaries stated) needs no translation
                continue
            for lang in OTHER_LANGS:
                text = (obj.translations.get(lang) or {}).get(field)
                if isinstance(base, list):
                    ok = isinstance(text, list) and len(text) == len(base) and all(t.strip() for t in text)
                else:
                    ok = isinstance(text, str) and text.strip() != ""
                if not ok:
                    missing.append(f"{model.__name__} {obj.pk} {field} {lang}")
    assert not missing, missing


@pytest.mark.parametrize(("model", "fields"), WORDED, ids=lambda v: getattr(v, "__name__", ""))
def test_figures_and_codes_that_hold_words_are_translated(loaded, model, fields):
    """ "2,48 billion €" and "PA3 objective 1" were English on every page; "117.878 €" needs nothing."""
    import re

    missing, checked = [], 0
    for obj in model.objects.all():
        for field in fields:
            if not re.search(r"[a-z]{3,}", getattr(obj, field) or ""):
                continue
            checked += 1
            for lang in OTHER_LANGS:
                if not ((obj.translations.get(lang) or {}).get(field) or "").strip():
                    missing.append(f"{model.__name__} {getattr(obj, field)!r} {lang}")
    assert checked, missing
    assert not missing, missing


def test_organisation_names_are_translated_except_proper_names(loaded):
    for organisation in Organisation.objects.exclude(slug="klaipeda-id"):
        assert set(organisation.translations) == set(OTHER_LANGS), organisation.slug


def test_official_local_programme_names_are_used(loaded):
    names = {i.slug: i.translations for i in PolicyInstrument.objects.all()}
    assert names["interreg-hu-hr"]["hu"]["name"] == (
        "Interreg V-A Magyarország–Horvátország Együttműködési Program 2014–2020"
    )
    assert (
        names["interreg-hu-hr"]["hr"]["name"] == "Program suradnje Interreg V-A Mađarska–Hrvatska 2014.–2020."
    )
    assert names["rop-podkarpackie"]["pl"]["name"] == (
        "Regionalny Program Operacyjny Województwa Podkarpackiego na lata 2014-2020"
    )
    assert names["ros-lombardia"]["it"]["name"] == "POR FESR Lombardia 2014-2020"
    assert (
        names["erdf-op-castilla-y-leon"]["es"]["name"]
        == "Programa Operativo FEDER de Castilla y León 2014-2020"
    )
    assert names["op-eu-funds-lithuania"]["lt"]["name"] == (
        "2014–2020 metų Europos Sąjungos fondų investicijų veiksmų programa"
    )


def test_the_english_base_text_is_kept(loaded):
    axis = PriorityAxis.objects.get(instrument__slug="interreg-hu-hr", code="PA1")
    assert axis.title == "Economic Development - Enhancing the competitiveness of SMEs"
    with translation.override("hu"):
        assert tr(axis, "title") == "Gazdaságfejlesztés – a kkv-k versenyképességének növelése"
    with translation.override("en"):
        assert tr(axis, "title") == axis.title


def test_supported_activities_follow_the_language(loaded):
    objective = Objective.objects.get(instrument__slug="op-eu-funds-lithuania", code="SO 3.2.1")
    with translation.override("lt"):
        assert objective.supported_activities_translated[2] == "Prekių ir paslaugų sertifikavimas."
    with translation.override("en"):
        assert objective.supported_activities_translated == objective.supported_activities


def test_a_translation_into_an_unknown_language_or_field_is_refused():
    with pytest.raises(services.ReferenceDataError, match="unknown language"):
        services._translations({"translations": {"de": {"title": "Titel"}}}, services.AXIS_TEXT, "axis")
    with pytest.raises(services.ReferenceDataError, match="no translatable field"):
        services._translations({"translations": {"hu": {"code": "X"}}}, services.AXIS_TEXT, "axis")


def test_reloading_the_translations_changes_nothing(loaded):
    again = services.partnership_reference_load()
    assert all(c.created == 0 and c.updated == 0 for c in again.counts.values()), again.counts


def test_the_export_carries_the_translations(loaded):
    import json

    from interventures.apps.partnership.exports import reference_document

    doc = json.loads(json.dumps(reference_document()))
    hu_hr = next(i for i in doc["instruments"] if i["slug"] == "interreg-hu-hr")
    assert (
        hu_hr["axes"][0]["translations"]["hr"]["title"]
        == "Gospodarski razvoj – jačanje konkurentnosti MSP-ova"
    )
    assert hu_hr["calls"][0]["translations"]["pl"]["title"].startswith("1. nabór")
    assert hu_hr["weaknesses"][0]["translations"]["es"]["text"]
    assert doc["project"]["translations"]["it"]["topic"] == "Competitività delle PMI"


def test_the_hungarian_instrument_page_is_hungarian_throughout(client, loaded):
    page = htmllib.unescape(client.get("/hu/partnership/instruments/interreg-hu-hr/").content.decode())
    for text in (
        "Interreg V-A Magyarország–Horvátország Együttműködési Program 2014–2020",
        "Gazdaságfejlesztés – a kkv-k versenyképességének növelése",
        "„Beneficiary Light” támogatási konstrukció",
        "HAMAG-BICRO (horvát ügynökség)",
        "A konstrukció végrehajtásának és irányításának javítása.",
    ):
        assert text in page, text
    for english in (
        "Improve the implementation and management of the scheme.",
        "cross-border cooperation (CBC)",
    ):
        assert english not in page, english


def reverse_in(lang: str, name: str, **kwargs: Any) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def _completed_test(region: Any, language: str) -> Any:
    from interventures.apps.assessment import services as assessment
    from interventures.core import capacity

    model = capacity.load_model()
    started = assessment.assessment_start(region=region, size_class="small", sector="C", language=language)
    assessment.answers_save(assessment=started, answers={i.id: i.options[1].id for i in model.items})
    return assessment.assessment_complete(assessment=started)


def test_the_croatian_result_page_and_pdf_name_the_instrument_in_croatian(client, loaded):
    from pypdf import PdfReader

    from interventures.apps.common.models import Region

    result = _completed_test(Region.objects.get(code="hu-hr"), "hr")
    page = htmllib.unescape(
        client.get(reverse_in("hr", "assessment:result", token=result.token)).content.decode()
    )
    assert "Program suradnje Interreg V-A Mađarska–Hrvatska 2014.–2020." in page
    assert "1. poziv sheme bespovratnih sredstava „Beneficiary Light“" in page
    assert "Interreg V-A Hungary–Croatia Co-operation Programme" not in page
    response = client.get(reverse_in("hr", "assessment:result_pdf", token=result.token))
    assert response.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Mađarska–Hrvatska" in " ".join(text.split())


def test_section_1_of_the_situation_analysis_report_is_in_the_report_language(loaded):
    from interventures.apps.analysis.report import build_document
    from interventures.apps.common.models import Region

    doc = build_document(region=Region.objects.get(code="podkarpackie"), lang="pl", report=None)
    context = doc.sections[0]
    text = " ".join(
        " ".join([*getattr(b, "items", []), *(" ".join(r) for r in getattr(b, "rows", []))])
        for b in context.blocks
    )
    for polish in (
        "Regionalny Program Operacyjny Województwa Podkarpackiego na lata 2014-2020",
        "PA1: Konkurencyjna i innowacyjna gospodarka",
        "Nabory na umiędzynarodowienie MŚP",
        "W programie współpracy transgranicznej PL–SK brakuje priorytetów dotyczących konkurencyjności MŚP.",
    ):
        assert polish in text, polish
