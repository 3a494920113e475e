from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGS = [code for code, _ in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LANGS)
def test_partnership_pages_render_in_every_language(client, reference_data, lang):
    with translation.override(lang):
        urls = [
            reverse("partnership:overview"),
            reverse("partnership:region", args=["hu-hr"]),
            reverse("partnership:instrument", args=["erdf-op-castilla-y-leon"]),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{lang}"' in response.content.decode()


def test_overview_shows_regions_figures_chart_and_activities(client, reference_data):
    html = client.get("/en/partnership/").content.decode()
    for text in (
        "Hungary–Croatia",
        "9,960,300\xa0€",
        "16.38\xa0%",
        "970,474,516\xa0€",
        "30.36\xa0%",
        "Pannon EGTC",
        "Thematic Study Visits",
        'id="addressed-share-chart"',
    ):
        assert text in html, text
    assert 'data-chart-for="addressed-share-chart"' in html  # the spec is real JSON, not escaped text


def test_region_names_follow_the_language(client, reference_data):
    assert "Magyarország–Horvátország" in client.get("/hu/partnership/").content.decode()
    assert "Castilla y León" in client.get("/es/partnership/regions/castilla-y-leon/").content.decode()


def test_instrument_page_shows_the_inconsistency_and_both_sources(client, reference_data):
    html = client.get("/en/partnership/instruments/erdf-op-castilla-y-leon/").content.decode()
    assert "Data inconsistency" in html
    assert "117.878 €" in html
    assert "669,877,226\xa0€" in html  # the ESIF total next to the seed's
    assert "177,878,430\xa0€" in html
    assert "0.02\xa0%" in html
    assert "differs" in html
    assert "Share of PA3 in the total" in html


def test_hungary_croatia_instrument_shows_scheme_and_calls(client, reference_data):
    html = client.get("/en/partnership/instruments/interreg-hu-hr/").content.decode()
    assert "Beneficiary Light" in html
    assert "HAMAG-BICRO" in html
    assert "7,600,000\xa0€" in html
    assert "Data inconsistency" not in html


def test_region_page_uses_a_bounded_number_of_queries(client, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert client.get("/en/partnership/regions/lt-klaipeda/").status_code == 200


def test_overview_uses_a_bounded_number_of_queries(client, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/en/partnership/").status_code == 200


def test_unknown_region_and_instrument_are_404(client, reference_data):
    assert client.get("/en/partnership/regions/atlantis/").status_code == 404
    assert client.get("/en/partnership/instruments/none/").status_code == 404


def test_pages_work_before_any_reference_data_is_loaded(client, db):
    assert client.get("/en/partnership/").status_code == 200


def test_region_page_names_its_nuts_regions_per_version(client, reference_data):
    html = client.get("/en/partnership/regions/hu-hr/").content.decode()
    assert "HU223 Zala" in html
    assert "HR04B Osječko-baranjska županija" in html
    assert "HR025 Osječko-baranjska županija" in html  # the same county in NUTS 2021
    assert "Pannon European Grouping of Territorial Cooperation" in html


def _row(html: str, region: str) -> str:
    import re

    return next(row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if region in row)


@pytest.mark.parametrize(
    ("path", "region"),
    [
        ("/en/partnership/", "Castile and León"),
        ("/hu/partnership/", "Kasztília és León"),
        ("/en/partnership/regions/castilla-y-leon/", "PA3"),
        ("/en/partnership/instruments/erdf-op-castilla-y-leon/", "PA3:"),
    ],
)
def test_a_figure_the_source_contradicts_carries_its_flag_wherever_it_appears(
    client, reference_data, path, region
):
    """Castilla y León's "117.878 € (28,29 %)" was flagged on the instrument page only."""
    html = client.get(path).content.decode()
    row = _row(html, region)
    assert "figure-flag" in row, row
    assert 'href="/' in row
    assert "/partnership/instruments/erdf-op-castilla-y-leon/#inconsistency-heading" in row
    # Figures the source does not contradict carry no flag.
    if path.endswith("partnership/"):
        assert "figure-flag" not in _row(html, "Lombard")


def test_the_overview_chart_says_which_region_it_leaves_out_and_flags_the_contradicted_share(
    client, reference_data
):
    html = client.get("/en/partnership/").content.decode()
    assert "Not in the chart: the source states no share for Podkarpackie." in html
    assert "Castile and Le\\u00f3n (inconsistent in the source)" in html  # the bar's label, in the JSON spec
    assert '"tickCount": 5' in html


@pytest.mark.parametrize(
    ("path", "present", "absent"),
    [
        ("/pl/partnership/regions/podkarpackie/", "2,48 mld €", "billion"),
        ("/pl/partnership/instruments/rop-podkarpackie/", "2,48 mld €", "billion"),
        ("/it/partnership/instruments/erdf-op-castilla-y-leon/", "PA3 obiettivo 1:", "PA3 objective"),
        (
            "/hu/partnership/instruments/erdf-op-castilla-y-leon/",
            "Konkrét célkitűzés (a kkv-k",
            "SO internationalisation",
        ),
        (
            "/es/partnership/instruments/rop-podkarpackie/",
            "PA1 – internacionalización",
            "PA1 – internationalisation",
        ),
        ("/it/partnership/instruments/erdf-op-castilla-y-leon/", "<td>FESR</td>", "<td>ERDF</td>"),
        ("/hr/partnership/instruments/interreg-hu-hr/", "<td>EFRR</td>", "<td>ERDF</td>"),
    ],
)
def test_stated_figures_objective_codes_and_funds_read_in_the_page_language(
    client, reference_data, path, present, absent
):
    """Seen on non-English pages: "(2,48 billion €)", "PA3 objective 1:", "ERDF" under FESR headers."""
    html = client.get(path).content.decode()
    assert present in html
    assert absent not in html


def test_figures_stated_in_the_english_source_are_marked_as_english(client, reference_data):
    """Lombardy's "970,474,516 €" and "€ 294,645,000 (30.36%)" are the source's own notation: on a
    Polish page they are marked `lang="en"` (beside the figure in the page's notation), not passed
    off as Polish; a stated figure that has a translation is shown translated and unmarked."""
    region = client.get("/pl/partnership/regions/lombardia/").content.decode()
    assert "970\u00a0474\u00a0516\u00a0€" in region or "970 474 516" in region
    assert '<span lang="en">970,474,516 €</span>' in region
    instrument = client.get("/pl/partnership/instruments/ros-lombardia/").content.decode()
    assert '<span lang="en">€ 294,645,000</span> (<span lang="en">30.36%</span>)' in instrument
    podkarpackie = client.get("/pl/partnership/instruments/rop-podkarpackie/").content.decode()
    assert "2,48 mld €" in podkarpackie
    assert '<span lang="en">2,48' not in podkarpackie
    english = client.get("/en/partnership/instruments/ros-lombardia/").content.decode()
    assert 'lang="en">€ 294,645,000' not in english  # an English page marks nothing


def test_region_page_names_its_languages_in_the_page_language(client, reference_data):
    html = client.get("/hr/partnership/regions/hu-hr/").content.decode()
    assert "mađarski, hrvatski" in html


def test_project_dates_are_written_as_the_page_language_writes_them(client, reference_data):
    assert "2019. augusztus 1." in client.get("/hu/partnership/").content.decode()
    assert "1 August 2019" in client.get("/en/partnership/").content.decode()
