"""The kind of an uploaded file told by its first bytes, which questions take it, and the choice
files of select_*_from_file read as pyxform reads them (CSV and XML, `parameters` columns)."""

from __future__ import annotations

import pytest

from interventures.core.survey import media
from interventures.core.survey.choicefiles import ChoiceFileError, read_choice_file, with_choice_files
from interventures.core.survey.tests.xlsforms import workbook
from interventures.core.survey.xlsform import read_xlsform


@pytest.mark.parametrize(
    ("head", "family", "extension"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image", ".jpg"),
        (b"\x89PNG\r\n\x1a\n\x00", "image", ".png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image", ".webp"),
        (b"\x00\x00\x00\x18ftypheic\x00", "image", ".heic"),
        (b"ID3\x04\x00", "audio", ".mp3"),
        (b"\x00\x00\x00\x20ftypM4A \x00", "audio", ".m4a"),
        (b"OggS\x00\x02", "audio", ".ogg"),
        (b"\x00\x00\x00\x18ftypmp42\x00", "video", ".mp4"),
        (b"\x00\x00\x00\x14ftyp3gp4\x00", "video", ".3gp"),
        (b"%PDF-1.7", "document", ".pdf"),
        (b"PK\x03\x04\x14\x00", "document", ".zip"),
        ("Bevétel, 2024\n".encode(), "document", ".txt"),
    ],
)
def test_a_files_kind_is_told_by_its_first_bytes(head: bytes, family: str, extension: str) -> None:
    kind = media.sniff(head)
    assert kind is not None
    assert (kind.family, kind.extension) == (family, extension)


def test_binary_without_a_known_signature_is_not_taken_and_each_question_takes_its_kind() -> None:
    assert media.sniff(b"\x00\x01\x02\x03MZ\x90\x00") is None
    assert media.sniff(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00") is None
    png, pdf = media.sniff(b"\x89PNG\r\n\x1a\n"), media.sniff(b"%PDF-1.4")
    assert png is not None
    assert pdf is not None
    assert media.takes("image", png, "a.png")
    assert not media.takes("image", pdf, "a.png")
    assert not media.takes("audio", png, "a.png")
    assert media.takes("file", pdf, "a.pdf", ".pdf,.docx")
    assert not media.takes("file", png, "a.png", ".pdf,.docx")
    assert media.takes("file", png, "a.png")
    assert media.clean_name("C:\\Users\\me\\..\\bolt fotó.jpg", png) == "bolt_fotó.jpg"
    assert media.clean_name("../", png) == "upload.png"


def _form() -> bytes:
    return workbook(
        [
            ["type", "name", "label", "parameters", "choice_filter"],
            ["select_one county", "county", "County"],
            ["select_one_from_file towns.csv", "town", "Town", "", "county = ${county}"],
            ["select_multiple_from_file sectors.xml", "sectors", "Sectors", "value=code label=title"],
            ["select_one_from_file sites.geojson", "site", "Site"],
        ],
        [["list_name", "name", "label"], ["county", "b", "Baranya"], ["county", "c", "Csongrád"]],
        [["form_title", "form_id"], ["Files", "files"]],
    )


def test_csv_and_xml_choice_files_are_read_as_pyxform_reads_them() -> None:
    form = read_xlsform(_form())
    towns = read_choice_file(
        form,
        "towns.csv",
        "name,label,label::Magyar (hu),county\npecs,Pécs,Pécs,b\nszeged,Szeged,,c\n".encode(),
    )
    assert towns == [
        {"name": "pecs", "label": {"en": "Pécs", "hu": "Pécs"}, "filters": {"county": "b"}},
        {"name": "szeged", "label": {"en": "Szeged"}, "filters": {"county": "c"}},
    ]
    xml = b"<root><item><code>agri</code><title>Agriculture</title></item><item><code>it</code><title>IT</title></item></root>"
    sectors = read_choice_file(form, "sectors.xml", xml)
    assert [(c["name"], c["label"]) for c in sectors] == [
        ("agri", {"en": "Agriculture"}),
        ("it", {"en": "IT"}),
    ]
    geojson = (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "s1", "geometry": '
        b'{"type": "Point", "coordinates": [18.2, 46.1]}, "properties": {"title": "Zsolnay quarter"}}]}'
    )
    sites = read_choice_file(form, "sites.geojson", geojson)
    assert [(c["name"], c["label"]) for c in sites] == [("s1", {"en": "Zsolnay quarter"})]
    asked = with_choice_files(form, {"towns.csv": towns, "sectors.xml": sectors, "other.csv": towns})
    assert [q.name for q in asked.asked()] == ["county", "town", "sectors"]
    assert [q.name for q in form.asked()] == ["county"]  # without the files: another tool's
    assert "other.csv" not in asked.choices


def test_a_choice_file_that_cannot_be_used_is_refused_with_its_reason() -> None:
    form = read_xlsform(_form())
    for name, data, code in (
        ("other.csv", b"name\na\n", "not_referenced"),
        ("towns.csv", b"code,label\na,A\n", "no_value_column"),
        ("towns.csv", b"name,label\n", "empty"),
        ("sectors.xml", b"<!DOCTYPE x [<!ENTITY a 'b'>]><root/>", "unreadable"),
        ("towns.csv", b"name\n" + b"a\n" * (1024 * 1024 + 1), "too_large"),
    ):
        with pytest.raises(ChoiceFileError) as caught:
            read_choice_file(form, name, data)
        assert caught.value.code == code, name
