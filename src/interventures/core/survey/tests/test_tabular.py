import csv
import io
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from interventures.core.survey.tabular import (
    Format,
    TableError,
    auto_mapping,
    decode,
    read_csv,
    read_table,
    sniff_delimiter,
)

from .forms import small_form

ASCII = "abcdefghijklmnopqrstuvwxyz ABC,.-"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


CENTRAL = "áéíóöúüčšžđćőűŐŰłŁąĄęĘńśźżĆĐŚ"
CENTRAL_ONLY = "őűŐŰłŁąĄęĘćĆđĐśŚ"  # letters Windows-1252 would turn into symbols
WESTERN = "àèéìíòóùúáñüçÀÈÉÌÍÒÓÙÚÑ¿¡"


@given(st.text(alphabet=ASCII + CENTRAL, max_size=40), st.sampled_from(CENTRAL_ONLY))
def test_central_european_text_in_windows_1250_is_detected(text: str, letter: str) -> None:
    sample = text + letter
    # Bytes that happen to be valid UTF-8 are read as UTF-8 (by design: UTF-8 is tried first); that
    # takes a contrived text such as "Đł", which is also the UTF-8 of the Cyrillic "г".
    assume(not _is_utf8(sample.encode("cp1250")))
    assert decode(sample.encode("cp1250")) == (sample, "cp1250")


@given(st.text(alphabet=ASCII + WESTERN, min_size=1, max_size=40))
def test_western_text_in_windows_1252_reads_back_unchanged(text: str) -> None:
    assume(not _is_utf8(text.encode("cp1252")) or text.isascii())
    decoded, _encoding = decode(text.encode("cp1252"))
    assert decoded == text


@given(st.text(max_size=40))
def test_utf8_with_or_without_bom_is_read_as_utf8(text: str) -> None:
    assert decode(text.encode("utf-8"))[0] == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


cell = st.text(alphabet=ASCII + CENTRAL + ';"\n\t', max_size=20)


@settings(max_examples=60)
@given(
    st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t"]),
)
def test_any_cells_survive_a_csv_round_trip(rows: list[list[str]], delimiter: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["a", "b", "c"])
    writer.writerows(rows)
    table = read_csv(buf.getvalue().encode("utf-8"), delimiter=delimiter)
    kept = [list(cells) for _n, cells in table.rows]
    assert kept == [r for r in rows if any(c.strip() for c in r)]


def test_semicolons_are_sniffed() -> None:
    assert sniff_delimiter("a;b;c\n1;2,5;x\n3;4;y\n") == ";"


def test_kobo_group_paths_and_labels_map_to_questions() -> None:
    mapping = auto_mapping(
        small_form(), ["profile/employees", "Exportál?", "trade/where/hr", "_uuid"], Format.KOBO
    )
    assert mapping == {
        "profile/employees": "employees",
        "Exportál?": "exports",
        "trade/where/hr": "__ignore__",
        "_uuid": "__respondent_id__",
    }


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old Excel .xls"),
        (b"name,size\x00\x00\x01\x02binary", "not a text (CSV) file"),
    ],
)
def test_a_file_that_is_not_a_csv_is_refused_with_what_it_is(data: bytes, named: str) -> None:
    with pytest.raises(TableError, match=re.escape(named)):
        read_table(data, Format.CSV)


def test_a_utf16_csv_with_its_byte_order_mark_is_still_read_when_its_encoding_is_given() -> None:
    data = "name\tsize\nA\tmicro\n".encode("utf-16")
    table = read_csv(data, encoding="utf-16")
    assert table.columns == ("name", "size") and len(table.rows) == 1
