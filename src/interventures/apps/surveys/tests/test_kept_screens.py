"""Issue #11 on screen: the questionnaire page says what the XLSForm keeps that the web form does not
do (questions not asked, missing translations, expressions not evaluated), in the reader's language;
the web form asks time, datetime and range with inputs of their kind; the new refusal codes have
messages in the catalogue."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils import translation

from interventures.apps.accounts.models import Role
from interventures.apps.surveys import services
from interventures.apps.surveys.services.messages import CELL_MESSAGES, reason_text
from interventures.core.survey.tests.xlsforms import hand_written_form, kobo_builder_form, odk_repeat_form
from interventures.core.survey.validate import MESSAGES
from interventures.core.survey.xlsform import read_xlsform


def _detail(client_as: Any, form_bytes: bytes, language: str = "en") -> str:
    q = services.questionnaire_create(name="Tools", form=read_xlsform(form_bytes), published=True)
    c, _user = client_as(Role.COORDINATOR)
    with translation.override(language):
        url = reverse("surveys:questionnaire_detail", args=[q.pk])
    return c.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_page_names_what_is_kept_but_not_asked_and_why(client_as: Any) -> None:
    page = _detail(client_as, kobo_builder_form())
    assert "Not asked on the web" in page
    assert re.search(r"<code>start</code> \(start\)[^<]*: filled in automatically", page)
    assert re.search(r"<code>deviceid</code> \(deviceid\)[^<]*: filled in automatically", page)
    assert "<code>staff</code> (integer)" not in page  # asked on the web: not listed
    assert "<code>shopfront</code> (image)" not in page  # a photo: asked on the web as an upload


def test_missing_translations_and_unevaluated_expressions_are_listed(client_as: Any) -> None:
    page = _detail(client_as, hand_written_form())
    assert "Question share: no label in" in page
    assert "Question region_name, column calculation" in page


def test_the_page_says_it_in_the_readers_language(client_as: Any) -> None:
    page = _detail(client_as, hand_written_form(), "hu")
    assert "Nem kérdezett a weben" in page  # its select_one_from_file, whose file is not attached
    assert "Not asked on the web" not in page
    # The repeat's questions are asked on the web: not listed as not asked.
    assert "ismétlődő csoportban" not in _detail(client_as, odk_repeat_form(), "hu")


def test_new_refusal_codes_have_messages_in_every_language() -> None:
    for code in ("not_time", "not_datetime", "not_geopoint", "not_instances"):
        assert code in CELL_MESSAGES
        assert str(CELL_MESSAGES[code]) == MESSAGES[code]
        with translation.override("pl"):
            assert str(CELL_MESSAGES[code]) != MESSAGES[code]
    reason = {
        "code": "not_time",
        "params": {"repeat": "site", "instance": 2},
        "message": MESSAGES["not_time"],
    }
    assert reason_text(reason) == "Repeat group site, instance 2: Not a time (use HH:MM)."
    nested = {**reason, "params": {"repeat": "contact", "instance": 1, "path": "partner[2]/contact[1]"}}
    assert reason_text(nested) == "Repeat group instance partner[2]/contact[1]: Not a time (use HH:MM)."
    with translation.override("hu"):
        assert reason_text(nested).startswith("Ismétlődő csoport példánya: partner[2]/contact[1]: ")


def test_time_datetime_and_range_get_inputs_of_their_kind(client: Any, make_region: Any) -> None:
    from interventures.core.survey.tests.xlsforms import workbook

    form = read_xlsform(
        workbook(
            [
                ["type", "name", "label", "parameters"],
                ["time", "opens", "Opens at"],
                ["datetime", "visited", "Visited"],
                ["range", "rating", "Rating", "start=1 end=5 step=1"],
            ],
            None,
            [["form_title", "form_id"], ["Kinds", "kinds"]],
        )
    )
    q = services.questionnaire_create(name="Kinds", form=form, published=True)
    campaign = services.campaign_create(
        region_id=make_region().pk, name="Kinds", version=q.current, public=True
    )
    url = client.get(reverse("surveys:start", args=[campaign.slug]))["Location"]
    page = client.get(url).content.decode()
    assert re.search(r'<input id="f-opens" name="opens" value=""\s+type="time"', page)
    assert re.search(r'<input id="f-visited" name="visited" value=""\s+type="datetime-local"', page)
    assert 'type="range" class="range-slider" data-for="f-rating" min="1" max="5" step="1"' in page
    assert 'id="f-rating" name="rating" value="" type="number" min="1" max="5" step="1"' in page
