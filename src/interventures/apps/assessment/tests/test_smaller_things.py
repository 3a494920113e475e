"""Issue #9's smaller things on the test's pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from interventures.apps.assessment import reports, services
from interventures.core import capacity

from .conftest import answers_at

pytestmark = pytest.mark.django_db

FOOTNOTE = "left out of your score"


def test_the_dont_know_footnote_only_on_steps_that_offer_dont_know(
    client: Client, regions: dict[str, Any]
) -> None:
    model = capacity.load_model()
    assessment = services.assessment_start(
        region=regions["hu-hr"], size_class="small", sector="C", language="en"
    )
    for number, dimension in enumerate(model.dimensions, start=1):
        page = client.get(f"/en/test/{assessment.token}/step/{number}/").content.decode()
        offers = any(item.allow_dont_know for item in model.items_of(dimension.id))
        assert (FOOTNOTE in page) == offers, dimension.id


@pytest.mark.parametrize("lang", ["en", "hr", "hu", "lt"])
def test_the_smes_own_bars_are_the_highlighted_ones_in_every_language(
    regions: dict[str, Any], lang: str
) -> None:
    model = capacity.load_model()
    assessment = services.assessment_start(
        region=regions["hu-hr"], size_class="small", sector="C", language=lang
    )
    services.answers_save(assessment=assessment, answers=answers_at(model, 2))
    report = reports.result_report(assessment=services.assessment_complete(assessment=assessment), lang=lang)
    # The regional average's name may sort first in the reader's language ("Regionalni prosjek" <
    # "Vaše poduzeće"); the SME's own series keeps the strong colour.
    rows = report.chart_rows() + [{"dimension": "x", "series": "Aaa regional average", "score": 1.0}]
    scale = reports.score_chart(rows)["encoding"]["color"]["scale"]
    assert scale["domain"] == [rows[0]["series"], "Aaa regional average"]
    assert scale["range"] == ["#1d4ed8", "#9ca3af"]


def test_the_resume_link_can_be_copied_or_e_mailed_to_oneself(
    client: Client, regions: dict[str, Any]
) -> None:
    """It was hidden in a closed box with no copy button and no way to e-mail it."""
    from urllib.parse import quote

    assessment = services.assessment_start(
        region=regions["hu-hr"], size_class="small", sector="C", language="hr"
    )
    page = client.get(f"/hr/test/{assessment.token}/step/1/").content.decode()
    assert '<details class="resume-link" open>' in page
    assert 'data-copy="#resume-url"' in page
    assert "Kopiraj poveznicu" in page
    link = f"http://testserver/hr/test/{assessment.token}/"
    assert f"body={quote(link, safe='')}" in page or f"body={quote(link)}" in page


# The analyst's notes on a call ("decreased … (a warning fact)") and the same notes for an SME owner.
ANALYST_WORDS = {
    "en": ["warning", "Announced."],
    "hu": ["figyelmeztető", "Meghirdették."],
    "hr": ["upozorenja", "Objavljen."],
    "it": ["allarme", "Pubblicato."],
    "pl": ["ostrzegawczy", "Ogłoszony."],
    "es": ["alerta", "Publicada."],
    "lt": ["įspėjamasis", "Paskelbtas."],
}


@pytest.mark.parametrize("lang", sorted(ANALYST_WORDS))
def test_the_regions_calls_are_described_for_an_sme_owner_in_every_language(
    client: Client, reference: dict[str, Any], model: capacity.CapacityModel, lang: str
) -> None:
    from interventures.apps.common.translated import tr
    from interventures.apps.partnership.models import Call

    assessment = services.assessment_start(
        region=reference["hu-hr"], size_class="small", sector="C", language=lang
    )
    services.answers_save(assessment=assessment, answers=answers_at(model, 1))
    services.assessment_complete(assessment=assessment)
    page = client.get(f"/{lang}/test/{assessment.token}/result/").content.decode()
    second = Call.objects.get(instrument__region__code="hu-hr", order=1)
    from django.utils import translation

    with translation.override(lang):
        plain = tr(second, "for_smes")
    assert plain
    assert plain in page.replace("&#x27;", "'")
    for word in ANALYST_WORDS[lang]:
        assert word not in page, word


def test_every_call_has_plain_words_for_smes(reference: dict[str, Any]) -> None:
    from interventures.apps.partnership.models import Call

    calls = list(Call.objects.all())
    assert calls
    assert all(call.for_smes for call in calls)
    assert not [c.title for c in calls if "warning" in c.for_smes or "(a " in c.for_smes]
