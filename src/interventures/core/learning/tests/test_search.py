from hypothesis import given
from hypothesis import strategies as st

from interventures.core.learning.search import matches, normalise, search_text, tag_needle, tag_text, tokens


def test_accents_and_case_are_folded_in_every_partner_language() -> None:
    assert normalise("Gyorsított ÜZLETI Együttműködés") == "gyorsitott uzleti egyuttmukodes"
    assert normalise("Međuregionalni sastanci, Đakovo") == "meduregionalni sastanci dakovo"
    assert normalise("Spotkania międzyregionalne – Łódź") == "spotkania miedzyregionalne lodz"
    assert normalise("Tarpregioniniai susitikimai Klaipėda") == "tarpregioniniai susitikimai klaipeda"
    assert normalise("Internacionalización") == "internacionalizacion"


def test_search_text_holds_each_word_once_between_spaces() -> None:
    text = search_text(["Export consortia", "Consorcios de exportación", None, "export"])
    assert text == " export consortia consorcios de exportacion "


def test_a_query_matches_when_every_token_occurs() -> None:
    text = search_text(["Consorcios de exportación", "Exportkonzorciumok"])
    assert matches(text, "EXPORTACIÓN consorcios")
    assert matches(text, "exportkonzorc")
    assert not matches(text, "exportación turismo")


def test_tokens_are_distinct_and_bounded() -> None:
    assert tokens("a a b") == ["a", "b"]
    assert len(tokens(" ".join(f"w{i}" for i in range(30)))) == 8


def test_tags_are_a_searchable_column() -> None:
    column = tag_text([("dim", "finance"), ("barrier", "programme language"), ("dim", "")])
    assert column == " barrier:programme-language dim:finance "
    assert tag_needle("dim", "Finance") in column
    assert tag_needle("dim", "fin") not in column


@given(st.text(max_size=60))
def test_normalising_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()
