"""Pages: the region report and the comparison in all seven languages, opened from stored results;
who sees drafts and who edits; starting a run and following its status."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from interventures.apps.accounts.permissions import OPERATOR
from interventures.apps.analysis.models import AnalysisRun, SituationReport
from interventures.apps.analysis.services import analysis_run_create, analysis_run_execute

pytestmark = pytest.mark.django_db
LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")


def _url(name: str, lang: str = "en", *args: Any) -> str:
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.fixture
def published(analysed: Any) -> Any:
    region, run = analysed("hu-hr", n=45, large=3)
    SituationReport.objects.create(region=region, published=True, strengths=["Strong cluster base"])
    return region


@pytest.mark.parametrize("lang", LANGS)
def test_region_report_opens_in_every_language(client: Any, published: Any, lang: str) -> None:
    response = client.get(_url("analysis:region", lang, "hu-hr"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{lang}"' in html
    assert "SAR-hu-hr-CAP-finance" in html
    assert "Strong cluster base" in html
    with translation.override(lang):
        from django.utils.translation import gettext as _

        assert escape(_("Barriers to internationalisation, ranked")) in html
        assert escape(_("suppressed (n < %(min)s)") % {"min": 5}) in html  # the three large firms
        if lang != "en":
            assert _("Barriers to internationalisation, ranked") != "Barriers to internationalisation, ranked"


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_opens_in_every_language(client: Any, make_survey: Any, lang: str) -> None:
    make_survey("hu-hr", n=30, seed=1)
    make_survey("lombardia", n=30, seed=2)
    analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=None, start=False).pk)
    response = client.get(_url("analysis:comparison", lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert "SAR-ALL-CAP-finance-hu-hr-vs-lombardia" in html
    assert "SAR-ALL-CAP-finance-hu-hr" in html


def test_pages_read_stored_results_without_estimating(
    client: Any, published: Any, monkeypatch: Any, django_assert_max_num_queries: Any
) -> None:
    from interventures.core.situation import SituationAnalysis

    def forbidden(*_a: Any, **_k: Any) -> None:
        raise AssertionError("a page must not estimate")

    monkeypatch.setattr(SituationAnalysis, "run", forbidden)
    with django_assert_max_num_queries(40):
        assert client.get(_url("analysis:region", "en", "hu-hr")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(_url("analysis:comparison")).status_code == 200


def test_draft_is_hidden_from_the_public_and_other_regions(
    client: Any, analysed: Any, make_user: Any, make_region: Any
) -> None:
    region, _run = analysed("hu-hr", n=30)
    SituationReport.objects.create(region=region, published=False, strengths=["Draft point"])
    url = _url("analysis:region", "en", "hu-hr")
    assert client.get(url).status_code == 404
    client.force_login(make_user("regional_partner", region=make_region("lombardia")))
    assert client.get(url).status_code == 404
    assert client.get(_url("analysis:download", "en", "hu-hr", "csv")).status_code == 404
    for role in ("regional_partner", "stakeholder"):
        client.force_login(make_user(role, region=region))
        assert "Draft point" in client.get(url).content.decode()
    client.force_login(make_user("coordinator"))
    assert "Draft point" in client.get(url).content.decode()


def test_only_the_regions_partner_and_the_coordinator_edit(
    client: Any, analysed: Any, make_user: Any, make_region: Any
) -> None:
    region, _run = analysed("hu-hr", n=30)
    url = _url("analysis:edit", "en", "hu-hr")
    data = {
        "strengths": "One\nTwo",
        "weaknesses": "",
        "opportunities": "",
        "threats": "",
        "conclusions": "C",
        "published": "on",
        "lang": "en",
    }
    assert client.post(url, data).status_code in (302, 403, 404)
    assert not SituationReport.objects.exists()
    client.force_login(make_user("stakeholder", region=region))
    assert client.post(url, data).status_code == 403
    client.force_login(make_user("regional_partner", region=make_region("lombardia")))
    assert client.post(url, data).status_code == 404
    assert not SituationReport.objects.exists()
    client.force_login(make_user("regional_partner", region=region))
    assert client.post(url, data).status_code == 302
    report = SituationReport.objects.get(region=region)
    assert report.strengths == ["One", "Two"]
    assert report.published
    client.force_login(make_user("coordinator"))
    assert client.post(url, {**data, "strengths": "Three"}).status_code == 302
    client.logout()
    assert "Three" in client.get(_url("analysis:region", "en", "hu-hr")).content.decode()


def test_partner_starts_a_run_and_follows_its_status(
    client: Any, make_survey: Any, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    region = make_survey("hu-hr", n=30)
    client.force_login(make_user("regional_partner", region=region))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("analysis:run_start", "en", "hu-hr"))
    run = AnalysisRun.objects.get(region=region)
    assert response.status_code == 302
    assert response["Location"].endswith(_url("analysis:run", "en", run.pk))
    page = client.get(_url("analysis:run", "en", run.pk)).content.decode()
    assert "<progress" in page
    status = client.get(_url("analysis:run_status", "en", run.pk)).json()
    assert status == {
        "id": run.pk,
        "status": "done",
        "progress": 100,
        "stage": "done",
        "error": "",
        "finished": True,
    }


def test_public_and_other_regions_cannot_start_or_see_runs(
    client: Any, make_survey: Any, make_user: Any, make_region: Any
) -> None:
    region = make_survey("hu-hr", n=20)
    run = analysis_run_create(user=OPERATOR, region=region, start=False)
    assert client.post(_url("analysis:run_start", "en", "hu-hr")).status_code == 403
    assert client.get(_url("analysis:run_status", "en", run.pk)).status_code == 404
    client.force_login(make_user("regional_partner", region=make_region("lombardia")))
    assert client.post(_url("analysis:run_start", "en", "hu-hr")).status_code == 403
    assert client.post(_url("analysis:run_start", "en", "ALL")).status_code == 403
    assert client.get(_url("analysis:run", "en", run.pk)).status_code == 404


def test_comparison_links_only_the_reports_the_visitor_may_open(
    client: Any, make_region: Any, make_user: Any
) -> None:
    published, draft, unwritten = (
        make_region("hu-hr", "Alpha"),
        make_region("lombardia", "Beta"),
        make_region("lt-klaipeda", "Gamma"),
    )
    SituationReport.objects.create(region=published, published=True)
    SituationReport.objects.create(region=draft, published=False)
    links = [code for code, _name in client.get(_url("analysis:comparison")).context["region_links"]]
    assert links == ["hu-hr"]
    client.force_login(make_user("regional_partner", region=draft))
    links = [code for code, _name in client.get(_url("analysis:comparison")).context["region_links"]]
    assert sorted(links) == ["hu-hr", "lombardia"]
    client.force_login(make_user("coordinator"))
    links = [code for code, _name in client.get(_url("analysis:comparison")).context["region_links"]]
    assert sorted(links) == ["hu-hr", "lombardia", "lt-klaipeda"]
    assert unwritten.code in links


def test_an_overlong_swot_or_conclusion_is_refused_with_a_message(
    client: Any, analysed: Any, make_user: Any
) -> None:
    from interventures.apps.analysis.services import SWOT_POINT_MAX_CHARS

    region, _run = analysed("hu-hr", n=30)
    client.force_login(make_user("regional_partner", region=region))
    url = _url("analysis:edit", "en", "hu-hr")
    data = {
        "strengths": "",
        "weaknesses": "",
        "opportunities": "",
        "threats": "",
        "conclusions": "",
        "lang": "en",
    }
    for field, text, message in [
        ("strengths", "Short\n" + "x" * (SWOT_POINT_MAX_CHARS + 1), "Point 2 has 501 characters"),
        ("threats", "x" * 200_000, "at most 15030 characters"),
        ("conclusions", "c" * 200_000, "at most 10000 characters"),
    ]:
        response = client.post(url, {**data, field: text})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not SituationReport.objects.exists()


def test_partner_opens_the_editor_and_a_region_without_analysis(
    client: Any, make_region: Any, make_user: Any
) -> None:
    region = make_region("podkarpackie", "Podkarpackie")
    client.force_login(make_user("regional_partner", region=region))
    page = client.get(_url("analysis:region", "pl", "podkarpackie")).content.decode()
    with translation.override("pl"):
        from django.utils.translation import gettext as _

        assert escape(_("No analysis of this region's survey has been run yet.")) in page
    editor = client.get(_url("analysis:edit", "en", "podkarpackie") + "?lang=pl")
    assert editor.status_code == 200
    assert 'name="strengths"' in editor.content.decode()


def test_a_failed_run_shows_its_message(client: Any, make_survey: Any, make_user: Any) -> None:
    from interventures.apps.surveys.models import PopulationCount

    region = make_survey("hu-hr", n=20)
    PopulationCount.objects.filter(region=region).delete()
    run = analysis_run_execute(run_id=analysis_run_create(user=OPERATOR, region=region, start=False).pk)
    client.force_login(make_user("coordinator"))
    page = client.get(_url("analysis:run", "en", run.pk)).content.decode()
    assert "The analysis failed:" in page
    assert "population" in page
    assert client.get(_url("analysis:run_status", "en", run.pk)).json()["status"] == "failed"


def test_a_figure_caption_reads_as_two_sentences(client: Any, published: Any) -> None:
    import re

    html = client.get(_url("analysis:region", "en", "hu-hr")).content.decode()
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", html)
    assert captions
    for caption in captions:
        assert caption.endswith(". The table below gives the same numbers."), caption
        assert ".. " not in caption
