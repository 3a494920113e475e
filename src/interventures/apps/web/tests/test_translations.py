"""Every message catalogue of the platform is complete, and every page speaks the visitor's language.

The catalogue checks walk all .po files under src/interventures, so a domain that adds its own
catalogue is held to the same rules: no empty or fuzzy entry, and the placeholders of each
translation are exactly those of its English original (a missing `%(count)s` crashes at run time,
a `{name}` turned into `{nome}` prints a raw brace).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

PACKAGE_DIR = Path(settings.PACKAGE_DIR)
TRANSLATED_LANGS = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
CATALOGUES = sorted(p for p in PACKAGE_DIR.rglob("locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts)
LOCALE_DIRS = sorted({p.parents[2] for p in CATALOGUES})

# %(name)s / %(count)d, bare %s / %d, and str.format fields {name} / {0} / {}; "%%" is a literal.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}")


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def _id(path: Path) -> str:
    return str(path.relative_to(PACKAGE_DIR))


def test_the_platform_has_catalogues_to_check():
    assert CATALOGUES, "no .po file found under src/interventures"
    assert PACKAGE_DIR / "locale" in LOCALE_DIRS


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=_id)
def test_every_catalogue_exists_in_every_language_of_the_partnership(locale_dir):
    present = {p.name for p in locale_dir.iterdir() if (p / "LC_MESSAGES" / "django.po").exists()}
    assert set(TRANSLATED_LANGS) <= present, f"missing: {sorted(set(TRANSLATED_LANGS) - present)}"


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_catalogue_is_complete_and_keeps_placeholders(path):
    catalogue = polib.pofile(str(path))
    problems: list[str] = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            if not forms or not all(form.strip() for form in forms):
                problems.append(f"untranslated plural: {entry.msgid!r}")
                continue
            # A singular form may be used for 1, 21, 31… (hr, pl, lt), so each form keeps every name.
            wanted = set(placeholders(entry.msgid_plural))
            problems += [
                f"placeholders {sorted(set(placeholders(form)))} != {sorted(wanted)} in {entry.msgid_plural!r}"
                for form in forms
                if set(placeholders(form)) != wanted
            ]
        else:
            if not entry.msgstr.strip():
                problems.append(f"untranslated: {entry.msgid!r}")
                continue
            if placeholders(entry.msgstr) != placeholders(entry.msgid):
                problems.append(
                    f"placeholders {sorted(placeholders(entry.msgstr).elements())} != "
                    f"{sorted(placeholders(entry.msgid).elements())} in {entry.msgid!r}"
                )
    assert not problems, "\n".join(problems)


def test_placeholder_pattern_finds_each_kind_and_ignores_literal_percent():
    text = "%(count)s of %(total)d, %s and %d; {name} {0} {}; 100%% sure; 16,38 % share"
    assert sorted(placeholders(text).elements()) == sorted(
        ["%(count)s", "%(total)d", "%s", "%d", "{name}", "{0}", "{}"]
    )
    assert not placeholders('e.g. {"hu": {"name": "…"}}')


@pytest.mark.django_db
@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_home_page_heading_is_translated(client, lang):
    english = _h1(client.get("/en/").content.decode())
    translated = _h1(client.get(f"/{lang}/").content.decode())
    assert english == "Cross the border with your business"
    assert translated
    assert translated != english


@pytest.mark.django_db
@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_frame_strings_follow_the_page_language(client, lang):
    html = client.get(f"/{lang}/method/").content.decode()
    for english in ("Skip to main content", "About the method", "Change language", "Log in"):
        assert english not in html, f"{english!r} left in English on /{lang}/method/"


@pytest.mark.parametrize("lang", TRANSLATED_LANGS)
def test_language_names_of_the_settings_are_translated(lang):
    with translation.override(lang):
        names = {code: str(label) for code, label in settings.LANGUAGES}
    assert names["en"] != "English"
    assert names["hu"] != "Hungarian"
    assert names["lt"] != "Lithuanian"


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return match.group(1).strip() if match else ""
