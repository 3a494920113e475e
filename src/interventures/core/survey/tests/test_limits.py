"""Issue #8, finding 5: a data file is refused before it can exhaust memory, CPU or the database."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from interventures.core.survey.tabular import Format, LimitError, Limits, check_upload, read_limited


def _xlsx(rows: int = 3) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["employees", "comment"])
    for i in range(rows):
        sheet.append([i, f"row {i}"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _zip_bomb(expanded: int) -> bytes:
    """A small file that looks like a workbook and unzips to `expanded` bytes of one repeated byte."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * expanded)
    return buf.getvalue()


def test_an_ordinary_workbook_and_csv_pass() -> None:
    assert len(read_limited(_xlsx(), Format.XLSX).rows) == 3
    assert len(read_limited(b"a,b\n1,2\n", Format.CSV).rows) == 1


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    bomb = _zip_bomb(5_000_000)
    assert len(bomb) < 20_000
    with pytest.raises(LimitError) as refused:
        check_upload(bomb, Format.XLSX)  # 5 MB from a few kB: a ratio far over 100
    assert refused.value.code == "expands_too_far"
    assert refused.value.params["size"] >= 5_000_000


def test_a_workbook_over_the_expanded_size_is_refused() -> None:
    with pytest.raises(LimitError, match="expands to"):
        check_upload(_xlsx(200), Format.XLSX, Limits(max_expanded_bytes=10_000))


def test_a_file_over_the_size_limit_is_refused_by_its_size() -> None:
    with pytest.raises(LimitError) as refused:
        read_limited(b"a\n" + b"1\n" * 600, Format.CSV, Limits(max_bytes=1_000))
    assert refused.value.code == "too_large"
    assert refused.value.params == {"size": 1202, "limit": 1000}


@pytest.mark.parametrize("fmt", [Format.CSV, Format.XLSX])
def test_rows_over_the_limit_are_refused_without_reading_the_rest(fmt: Format) -> None:
    data = _xlsx(50) if fmt == Format.XLSX else ("employees,comment\n" + "1,x\n" * 50).encode()
    with pytest.raises(LimitError) as refused:
        read_limited(data, fmt, Limits(max_rows=10))
    assert refused.value.code == "too_many_rows"
    assert refused.value.params["size"] == 11


def test_columns_over_the_limit_are_refused() -> None:
    header = ",".join(f"c{i}" for i in range(30))
    with pytest.raises(LimitError, match="30 columns"):
        read_limited(f"{header}\n{','.join('1' * 30)}\n".encode(), Format.CSV, Limits(max_columns=20))
