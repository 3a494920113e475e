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


# Text without NUL or U+FEFF: a file whose bytes are a third zeros is UTF-16 (utf16_codec), a leading
# U+FEFF is a byte order mark by definition, and NUL in a cell is refused anyway (control characters).
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\ufeff"), max_size=40))
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
        "trade/where/hr": "where[hr]",  # no main column: the 0/1 column carries the answer
        "_uuid": "__respondent_id__",
    }
    both = auto_mapping(small_form(), ["trade/where", "trade/where/hr"], Format.KOBO)
    assert both == {"trade/where": "where", "trade/where/hr": "__ignore__"}


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
    assert table.columns == ("name", "size")
    assert len(table.rows) == 1


# ---- nothing changed silently (issue #8, finding 8) ---------------------------------------------


def _xlsx_bytes(
    rows: list[list[object]], *, cached: dict[str, str] | None = None, replace: dict[str, str] | None = None
) -> bytes:
    """An .xlsx as openpyxl writes it (formulas without a saved value); `cached` adds saved values
    to formula cells ({"C2": "4"}), as a spreadsheet program would; `replace` edits the XML text
    (openpyxl itself cuts text at 32,767 characters, other programs do not)."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Answers"
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    if not cached and not replace:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            for old, new in (replace or {}).items():
                data = data.replace(old.encode(), new.encode())
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                for cell, value in (cached or {}).items():
                    xml = re.sub(
                        rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/?>(</v>)?', rf"\1<v>{value}</v>", xml
                    )
                data = xml.encode()
            dst.writestr(item, data)
    return out.getvalue()


def _problems(table: object, columns: list[str]) -> list[tuple[str, str, dict[str, object]]]:
    from interventures.core.survey.tabular import parse_rows

    mapping = {c: c for c in columns}
    rows = parse_rows(small_form(), table, mapping, Format.CSV)  # type: ignore[arg-type]  # any object: not every table under test is a valid one
    return [(p.column, p.code, dict(p.params)) for row in rows for p in row.problems]


def test_an_xlsx_formula_saved_without_its_value_is_refused_naming_sheet_and_cell() -> None:
    """It used to be read as an empty cell: an answer silently lost."""
    from interventures.core.survey.tabular import read_xlsx

    table = read_xlsx(_xlsx_bytes([["employees", "exports"], ["=2+2", "no"], [5, "no"]]))
    assert _problems(table, ["employees", "exports"]) == [
        ("employees", "formula_without_value", {"sheet": "Answers", "cell": "A2", "formula": "=2+2"})
    ]


def test_an_xlsx_formula_with_its_saved_value_is_read_as_that_value() -> None:
    from interventures.core.survey.tabular import read_xlsx

    table = read_xlsx(_xlsx_bytes([["employees", "exports"], ["=2+2", "no"]], cached={"A2": "4"}))
    assert table.rows == ((2, (4, "no")),)
    assert _problems(table, ["employees", "exports"]) == []


def test_an_xlsx_column_name_that_is_an_unsaved_formula_refuses_the_file() -> None:
    from interventures.core.survey.tabular import read_xlsx

    with pytest.raises(TableError, match=r"sheet 'Answers', cell B1"):
        read_xlsx(_xlsx_bytes([["employees", "=A1"], [1, 2]]))


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x0b"])
def test_a_control_character_in_a_cell_is_refused_with_where_it_is(char: str) -> None:
    """A NUL byte in a comment used to be stored (and PostgreSQL cannot store it at all)."""
    from interventures.core.survey.tabular import parse_rows

    data = f'employees,exports,comment\n3,no,ab{char}c\n4,no,"tab\tand\r\nline ok"\n'.encode()
    table = read_csv(data)
    rows = parse_rows(
        small_form(),
        table,
        {"employees": "employees", "exports": "exports", "comment": "comment"},
        Format.CSV,
    )
    assert [(p.column, p.code, p.params["position"]) for p in rows[0].problems] == [
        ("comment", "control_character", 3)
    ]
    assert "comment" not in rows[0].answers
    assert char not in rows[0].raw["comment"]
    assert rows[1].problems == []
    assert rows[1].answers["comment"] == "tab\tand\r\nline ok"


def test_xlsx_text_cells_are_held_to_the_same_length_limit_as_csv_cells() -> None:
    from interventures.core.survey.tabular import MAX_CELL_LENGTH, read_xlsx

    long = "x" * (MAX_CELL_LENGTH + 1)
    from_xlsx = read_xlsx(
        _xlsx_bytes([["employees", "exports", "comment"], [3, "no", "LONG"]], replace={"LONG": long})
    )
    from_csv = read_csv(f"employees,exports,comment\n3,no,{long}\n".encode())
    expected = [("comment", "cell_too_long", {"length": MAX_CELL_LENGTH + 1, "limit": MAX_CELL_LENGTH})]
    assert _problems(from_xlsx, ["employees", "exports", "comment"]) == expected
    assert _problems(from_csv, ["employees", "exports", "comment"]) == expected
    ok = "y" * MAX_CELL_LENGTH
    assert _problems(read_csv(f"employees,exports,comment\n3,no,{ok}\n".encode()), ["comment"]) == []


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", "\ufeff"),
        ("utf-16-be", "\ufeff"),
        ("utf-16-le", ""),
        ("utf-16-be", ""),
    ],
)
def test_utf16_files_are_read_as_utf16_without_being_told(codec: str, bom: str) -> None:
    """Excel's "Unicode text" (UTF-16 LE with a byte order mark, tab-separated) used to be read as
    Windows-1252 garbage and then refused for a misleading reason."""
    text = "respondent_id\temployees\tcomment\nr1\t3\tŁódź, Győr, Čakovec\nr2\t4\tLeón\n"
    table = read_csv((bom + text).encode(codec))
    assert table.columns == ("respondent_id", "employees", "comment")
    assert table.delimiter == "\t"
    assert table.encoding.startswith("utf-16")
    assert [cells for _n, cells in table.rows] == [
        ("r1", "3", "Łódź, Győr, Čakovec"),
        ("r2", "4", "León"),
    ]


def test_a_utf16_file_read_again_with_its_detected_encoding_gives_the_same_table() -> None:
    data = "name\tsize\nA\tmicro\n".encode("utf-16")
    first = read_csv(data)
    again = read_csv(data, encoding=first.encoding)
    assert again.columns == first.columns == ("name", "size")
    assert again.rows == first.rows


def test_column_samples_are_a_few_distinct_values_in_file_order() -> None:
    from interventures.core.survey.tabular import Table, UnreadFormula, column_samples

    table = Table(
        columns=("a", "b", "c"),
        rows=(
            (2, ("x", None, UnreadFormula("Sheet1", "C2", "=A2*2"))),
            (3, ("x", "  two\nlines ", 1.5)),
            (4, ("y", "", 7)),
            (5, ("z", "b", 8)),
        ),
    )
    assert column_samples(table, k=2, width=5) == {
        "a": ["x", "y"],
        "b": ["two…", "b"],
        "c": ["=A2*2", "1.5"],
    }
