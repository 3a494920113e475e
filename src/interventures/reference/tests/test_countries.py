"""The country-name table covers every country the reference data names, in every language."""

from __future__ import annotations

from interventures.reference import files
from interventures.reference.countries import country_name, country_names

LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")


def test_every_country_of_the_nuts_and_esif_files_has_a_name_in_every_language() -> None:
    codes = {row["country"] for row in files.nuts_rows()}
    codes |= {row["member_state"] for row in files.esif_rows()} - {"TC"}
    for code in codes:
        names = [country_name(code, lang) for lang in LANGS]
        assert all(names), code
    assert all(set(entry) == set(LANGS) and all(entry.values()) for entry in country_names().values())


def test_aliases_unknown_codes_and_unknown_languages() -> None:
    assert country_name("GR", "hu") == country_name("EL", "hu") == "Görögország"
    assert country_name("ua", "pl") == "Ukraina"
    assert country_name("TC", "hr", "Interreg") == "Interreg"
    assert country_name("LT", "xx") == "Lithuania"
