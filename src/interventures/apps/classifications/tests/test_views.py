from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LANGS = [code for code, _ in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LANGS)
def test_classification_pages_render_in_every_language(client, classifications, lang):
    for path in (
        "classifications/programmes/?q=croatia",
        "classifications/programmes/2014TC16RFCB008/",
        "classifications/nuts/border-regions/?country=HR",
    ):
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, path
        assert f'<html lang="{lang}"' in response.content.decode()


def test_programme_finder_lists_matches_with_totals(client, classifications):
    html = client.get("/en/classifications/programmes/?q=Hungary-Croatia").content.decode()
    assert "2014TC16RFCB008" in html
    assert "60,824,406\xa0€" in html
    assert "2014IT16RFOP012" not in html


def test_programme_page_shows_axes_as_numbers_and_chart(client, classifications):
    html = client.get("/en/classifications/programmes/2014IT16RFOP012/").content.decode()
    assert "294,645,000\xa0€" in html
    assert "970,474,516\xa0€" in html
    assert 'data-chart-for="programme-axes-chart"' in html


def test_unknown_programme_is_404(client, classifications):
    assert client.get("/en/classifications/programmes/2099XX00/").status_code == 404


def test_border_region_filter(client, classifications):
    html = client.get(
        "/en/classifications/nuts/border-regions/?country=HU&border=Land+border+(internal)"
    ).content.decode()
    assert "HU223" in html
    assert "Zala" in html
    assert "HR026" not in html


@pytest.mark.parametrize(
    ("lang", "italy", "hungary"),
    [
        ("en", "Italy", "Hungary"),
        ("hu", "Olaszország", "Magyarország"),
        ("hr", "Italija", "Mađarska"),
        ("it", "Italia", "Ungheria"),
        ("pl", "Włochy", "Węgry"),
        ("es", "Italia", "Hungría"),
        ("lt", "Italija", "Vengrija"),
    ],
)
def test_member_states_are_named_in_the_page_language(client, classifications, lang, italy, hungary):
    finder = client.get(f"/{lang}/classifications/programmes/").content.decode()
    assert f'<option value="IT">IT {italy}</option>' in finder
    programme = client.get(f"/{lang}/classifications/programmes/2014IT16RFOP012/").content.decode()
    assert f"· {italy} ·" in programme
    regions = client.get(f"/{lang}/classifications/nuts/border-regions/?country=HU").content.decode()
    assert f"<td>{hungary}</td>" in regions
    assert f"HU {hungary}</option>" in regions
    # The cooperation programmes (TC) are no country: they keep the source's name.
    assert '<option value="TC">TC Interreg</option>' in finder
