from __future__ import annotations

import pytest
from django.template import Context, Template

SENTENCE = Template("{% load translated %}Instrument: {{ name|before_full_stop }}.")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Program suradnje Interreg V-A Mađarska–Hrvatska 2014.–2020.",
            "Instrument: Program suradnje Interreg V-A Mađarska–Hrvatska 2014.–2020.",
        ),
        ("Interreg V-A Hungary–Croatia", "Instrument: Interreg V-A Hungary–Croatia."),
        ("Wait...", "Instrument: Wait...."),  # an ellipsis is not an ordinal's stop: left alone
    ],
)
def test_a_name_that_ends_a_sentence_keeps_one_full_stop(name, expected):
    """Croatian ordinals end in a full stop; the sentence's own stop is not added to it."""
    assert SENTENCE.render(Context({"name": name})) == expected


class _Stated:
    """A reference object with one field translated into Hungarian only."""

    total_budget_stated = "2,48 billion €"
    translations = {"hu": {"total_budget_stated": "2,48 milliárd €"}}


STATED = Template('{% load translated %}{{ obj|tr_marked:"total_budget_stated" }}')


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "2,48 billion €"),
        ("hu", "2,48 milliárd €"),
        ("pl", '<span lang="en">2,48 billion €</span>'),  # no Polish: the English, marked as English
    ],
)
def test_a_text_without_a_translation_is_marked_as_english(lang, expected):
    from django.utils import translation

    with translation.override(lang):
        assert STATED.render(Context({"obj": _Stated()})) == expected


def test_a_marked_text_is_escaped():
    class Typed:
        name = "<b>A & B</b>"
        translations: dict = {}

    from django.utils import translation

    with translation.override("it"):
        html = Template('{% load translated %}{{ obj|tr_marked:"name" }}').render(Context({"obj": Typed()}))
    assert html == '<span lang="en">&lt;b&gt;A &amp; B&lt;/b&gt;</span>'


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Hungarian, Croatian, xx"), ("hr", "mađarski, hrvatski, xx"), ("it", "ungherese, croato, xx")],
)
def test_language_codes_are_shown_by_their_names_in_the_page_language(lang, expected):
    from django.utils import translation

    with translation.override(lang):
        html = Template("{% load translated %}{{ codes|language_names }}").render(
            Context({"codes": ["hu", "hr", "xx"]})
        )
    assert html == expected


def test_in_every_language_gives_english_and_each_translation():
    from django.utils.translation import gettext as _

    from interventures.apps.common.translated import in_every_language

    base, translations = in_every_language("name", lambda: _("Croatian"))
    assert base == "Croatian"
    assert translations["hr"] == {"name": "hrvatski"}
    assert set(translations) == {
        "hu",
        "hr",
        "it",
        "pl",
        "es",
        "lt",
    }
