"""The reader of visible text and the English detector of the page check (test_untranslated.py): what
each one finds, what it leaves alone, and that real translations pass."""

from __future__ import annotations

import json

import pytest

from .visible_text import english_in, visible_texts


def texts(html: str) -> list[tuple[str, str, str]]:
    return [(t.text.strip(), t.lang, t.where) for t in visible_texts(html)]


def test_reads_text_and_the_attributes_a_reader_sees_or_hears() -> None:
    html = (
        '<html lang="hu"><head><title>Cím</title><meta name="description" content="Leírás"></head>'
        '<body><nav aria-label="Navigation"><a title="Home" href="/">Kezdőlap</a></nav>'
        '<img alt="Logo"><input placeholder="Search"><input type="submit" value="Save">'
        '<input type="text" value="typed by a user"><p data-saved="Saved just now" data-q="exports">x</p>'
        "</body></html>"
    )
    assert texts(html) == [
        ("Cím", "hu", "text"),
        ("Leírás", "hu", "meta description"),
        ("Navigation", "hu", "aria-label"),
        ("Home", "hu", "title"),
        ("Kezdőlap", "hu", "text"),
        ("Logo", "hu", "alt"),
        ("Search", "hu", "placeholder"),
        ("Save", "hu", "value"),
        ("Saved just now", "hu", "data-saved"),
        ("x", "hu", "text"),
    ]


def test_leaves_out_scripts_styles_code_and_text_marked_not_to_translate() -> None:
    html = (
        "<script>var a = 'The end';</script><style>p:after{content:'and'}</style>"
        "<template><p>Hidden for later</p></template><p>Név: <code>year_founded</code></p>"
        '<p>Verzió <span translate="no">1.0</span></p>'
    )
    assert texts(html) == [("Név:", "", "text"), ("Verzió", "", "text")]


def test_text_carries_the_language_it_is_marked_with() -> None:
    html = '<p>Összesen <span lang="en">970,474,516 €</span> <b>a</b></p><div lang="en-GB"><i>x</i></div>'
    assert texts(html) == [
        ("Összesen", "", "text"),
        ("970,474,516 €", "en", "text"),
        ("a", "", "text"),
        ("x", "en", "text"),
    ]


def test_reads_the_words_a_chart_draws_and_a_script_shows() -> None:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"region": "Regional average", "score": 40}]},
        "encoding": {"x": {"field": "score", "type": "quantitative", "title": "Pontszám"}},
        "mark": {"type": "bar", "color": "#1d4ed8"},
    }
    html = (
        f'<script type="application/json" data-chart-for="c">{json.dumps(spec)}</script>'
        '<script type="application/json" id="autosave-texts">{"saved": "Saved"}</script>'
    )
    assert sorted(t.text for t in visible_texts(html)) == ["Pontszám", "Regional average", "Saved"]


def test_unclosed_and_stray_tags_keep_the_language_right() -> None:
    html = '<ul><li lang="en">One<li>Kettő</ul></p><p>Három'
    assert [(t.text, t.lang) for t in visible_texts(html)] == [
        ("One", "en"),
        ("Kettő", "en"),  # <li> closes implicitly; the reader errs towards keeping the marked language
        ("Három", ""),
    ]


# ---- the detector -------------------------------------------------------------------------------

# Interface text left in English, as users found it on the partnership's pages (issue 9).
ENGLISH = [
    ("hu", "7 rows imported, 0 rejected.", {"rows", "imported", "rejected"}),
    ("pl", "Tytuł (2,48 billion €)", {"billion"}),
    ("it", "PA3 objective 1: Migliorare", {"objective"}),
    ("hr", "Regionalni program (ERDF)", {"ERDF"}),
    ("it", "Asse 40,000,000 €", {"40,000,000"}),
    ("pl", "Średnia 36.3", {"36.3"}),
    ("hu", "feltöltve (2 Dec 2026)", {"2 Dec 2026"}),
    ("es", "SME survey 2021 – Hungría–Croacia (synthetic demo)", {"SME", "survey", "synthetic"}),
    ("lt", "Sign in to keep the result", {"Sign", "in", "the", "result"}),
    ("hu", "Download the report", {"Download", "the", "report"}),
    ("it", "The programme's calls", {"The", "programme's", "calls"}),
]


@pytest.mark.parametrize(("lang", "text", "words"), ENGLISH)
def test_finds_english_words_acronyms_dates_and_number_formats(lang: str, text: str, words: set[str]) -> None:
    assert words <= set(english_in(text, lang)), english_in(text, lang)


# Real translations, with the words that look English but are words of that language, codes,
# identifiers, addresses and that language's own number and date formats.
TRANSLATED = [
    ("hu", "Jelentkezzen be, hogy az eredményt fiókjában megőrizze."),  # "be": a verbal prefix
    ("hu", "Mérje fel régiója kkv-it; a PA3-at tekinti kulcsfontosságúnak."),  # case endings
    ("hu", "Az export aránya az árbevételben (%), 2019. április 11., 1 234,5 €"),
    ("pl", "Region podkarpacki · Partner wiodący · eksport 40 000 000 €"),
    ("pl", "Zanim to zrobią, warto by zapytać"),  # "to", "by"
    ("it", "Il partner regionale, in Lombardia: budget 2,48 miliardi di € e file CSV"),
    ("it", "Le sue risposte sono state salvate. Password e account."),
    ("es", "La media regional, total 1.234,56 € (28,29 %), micro (0–9 personas)"),
    ("hr", "Regionalni operativni program EFRR-a/ESF-a, 2014.–2020., 60.824.406 €"),
    ("hr", "To je on, date su mu podatke; more je plavo"),
    ("lt", "Dalyvaukite per Europos įmonių tinklą, be pabaigos datos; ko iš to tikisi"),
    ("lt", "ERPF/ESF regioninė veiksmų programa, 2021-03-01"),
    ("hu", "SAR-hu-hr-CAP-overall, cap_exp_export_share, https://example.org/surveys/c/survey-a/"),
    ("it", 'Testo, ad es. {"hu": {"name": "…"}}; CCI 2014IT16RFOP012 · IT · SK vagy AT'),
]


@pytest.mark.parametrize(("lang", "text"), TRANSLATED)
def test_passes_real_translations(lang: str, text: str) -> None:
    assert english_in(text, lang) == []


def test_the_names_a_page_shows_as_codes_are_not_english() -> None:
    text = "ez után: „Exportál?” (exports) · support szerkesztése"
    assert set(english_in(text, "hu")) == {"exports", "support"}
    assert english_in(text, "hu", frozenset({"exports", "support"})) == []
