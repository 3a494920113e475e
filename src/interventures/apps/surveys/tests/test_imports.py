import io

import pytest
from openpyxl import Workbook

from interventures.apps.surveys import services
from interventures.apps.surveys.exports import rejected_csv
from interventures.apps.surveys.models import ImportStatus, Response
from interventures.apps.surveys.services import imports

HEADER = "respondent_id,employees,turnover,founded,exports,neighbours_only,where,us_share,comment"
GOOD = [
    'r1,12,"1,5",2001-03-04,yes,,hr us,30,Zsolnay',
    "r2,3,,,no,,,,",
    "r3,40,2.25,,yes,yes,hr,,",
]


def run(campaign, text_or_bytes, fmt="csv", mode="all_or_nothing", encoding=None, **kw):
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    job = services.import_upload(
        campaign=campaign, data=data, filename=f"f.{fmt}", fmt=fmt, mode=mode, encoding=encoding, **kw
    )
    return services.import_run(job=job)


def test_a_clean_csv_imports_every_row_with_typed_answers(campaign):
    job = run(campaign, "\n".join([HEADER, *GOOD]))
    assert (job.status, job.n_imported, job.n_rejected) == (ImportStatus.DONE, 3, 0)
    r1 = Response.objects.get(campaign=campaign, respondent_id="r1")
    assert r1.answers["turnover"] == "1.5"
    assert r1.answers["where"] == ["hr", "us"]
    assert r1.answers["comment"] == "Zsolnay"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8-sig", "Árvíztűrő tükörfúrógép"),
        ("cp1250", "Čakovec, Łódź, Győr"),
        ("cp1252", "Castilla y León, España"),
    ],
)
def test_encodings_are_detected(campaign, encoding, text):
    data = "\n".join([HEADER, f'r1,12,,,no,,,,"{text}"']).encode(encoding)
    job = run(campaign, data)
    assert job.options["encoding"] == encoding
    assert Response.objects.get(campaign=campaign).answers["comment"] == text


def test_a_chosen_encoding_that_does_not_fit_is_an_error(campaign):
    with pytest.raises(services.SurveyError, match="not valid utf-8"):
        run(campaign, "\n".join([HEADER, "r1,1,,,no,,,,Győr"]).encode("cp1250"), encoding="utf-8")


def test_semicolons_and_decimal_commas_are_understood(campaign):
    data = "respondent_id;employees;turnover;exports\nr1;5;1,75;no\nr2;6;2;no\n"
    job = run(campaign, data)
    assert job.options["delimiter"] == ";"
    assert job.n_imported == 2
    assert Response.objects.get(respondent_id="r1").answers["turnover"] == "1.75"


def test_all_or_nothing_imports_nothing_when_a_row_is_bad(campaign):
    job = run(campaign, "\n".join([HEADER, *GOOD, "r4,300,,,no,,,,"]))
    assert (job.status, job.n_imported, job.n_rejected) == (ImportStatus.REJECTED, 0, 1)
    assert job.n_held_back == 3
    assert Response.objects.filter(campaign=campaign).count() == 0
    (bad,) = job.rejected_rows.all()
    assert bad.row_number == 5
    assert bad.reasons[0]["code"] == "constraint"
    assert bad.reasons[0]["column"] == "employees"


def test_valid_rows_only_keeps_the_good_rows_and_the_reasons_for_the_bad(campaign):
    rows = [*GOOD, "r4,300,,,no,,,,", "r5,2,,,no,,hr,,", "r6,2,,,maybe,,,,", "r7,x,,,no,,,,", "r8,,,,no,,,,"]
    job = run(campaign, "\n".join([HEADER, *rows]), mode="valid_only")
    assert (job.status, job.n_imported, job.n_rejected) == (ImportStatus.DONE, 3, 5)
    codes = {r.row_number: [x["code"] for x in r.reasons] for r in job.rejected_rows.all()}
    assert codes == {
        5: ["constraint"],
        6: ["not_relevant"],
        7: ["not_a_choice"],
        8: ["not_integer"],
        9: ["required"],
    }
    csv_text = rejected_csv(job).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("row,reasons,reason_code,respondent_id,employees")
    assert "r5" in csv_text
    assert "skip logic" in csv_text


def test_duplicates_in_the_file_and_against_earlier_imports_are_rejected(campaign):
    run(campaign, "\n".join([HEADER, GOOD[0]]))
    job = run(campaign, "\n".join([HEADER, GOOD[0], GOOD[1], GOOD[1]]), mode="valid_only")
    reasons = {r.row_number: r.reasons[0]["code"] for r in job.rejected_rows.all()}
    assert reasons == {2: "duplicate", 4: "duplicate"}
    assert job.n_imported == 1


def test_a_missing_required_column_stops_the_import_before_it_starts(campaign):
    job = services.import_upload(
        campaign=campaign, data=b"respondent_id,employees\nr1,3\n", filename="f.csv", fmt="csv"
    )
    with pytest.raises(services.SurveyError) as err:
        services.import_run(job=job)
    assert any("required question 'exports'" in p for p in err.value.problems)


def test_an_unknown_column_must_be_mapped_or_ignored(campaign):
    job = services.import_upload(
        campaign=campaign, data=b"employees,exports,colour\n3,no,red\n", filename="f.csv", fmt="csv"
    )
    assert job.mapping["colour"] == ""
    with pytest.raises(services.SurveyError):
        services.import_run(job=job)
    services.import_set_mapping(job=job, mapping={"colour": "__ignore__"})
    assert services.import_run(job=job).n_imported == 1


def test_a_truncated_file_reports_the_broken_rows(campaign):
    text = "\n".join([HEADER, *GOOD]) + '\nr9,4,"1,'  # cut inside a quoted field
    with pytest.raises(services.SurveyError, match="truncated"):
        run(campaign, text)
    short = "\n".join([HEADER, GOOD[0], "r9,4,,"])
    job = run(campaign, short, mode="valid_only")
    (bad,) = job.rejected_rows.all()
    assert bad.reasons[0]["code"] == "cell_count"


def test_a_broken_xlsx_is_refused(campaign):
    with pytest.raises(services.SurveyError, match="xlsx"):
        run(campaign, b"PK\x03\x04broken", fmt="xlsx")


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_cells_keep_their_types(campaign):
    import datetime as dt

    data = _xlsx(
        [
            ["respondent_id", "employees", "turnover", "founded", "exports"],
            ["r1", 12, 1.5, dt.datetime(2001, 3, 4), "no"],  # noqa: DTZ001 - Excel cells carry no time zone
        ]
    )
    job = run(campaign, data, fmt="xlsx")
    assert job.n_imported == 1
    assert Response.objects.get().answers == {
        "employees": 12,
        "turnover": "1.5",
        "founded": "2001-03-04",
        "exports": "no",
        "n_markets": "0",
    }


def test_a_kobo_export_with_group_paths_and_labels_imports(campaign):
    data = _xlsx(
        [
            [
                "start",
                "end",
                "profile/employees",
                "exports",
                "trade/neighbours_only",
                "trade/where",
                "trade/where/hr",
                "trade/where/us",
                "trade/us_share",
                "n_markets",
                "_id",
                "_uuid",
                "_submission_time",
            ],
            [
                "2024-01-01",
                "2024-01-01",
                12,
                "Yes",
                "No",
                "Croatia United States",
                1,
                1,
                20,
                2,
                1,
                "uuid-1",
                "2024",
            ],
            ["2024-01-01", "2024-01-01", 3, "Nem", None, None, None, None, None, 0, 2, "uuid-2", "2024"],
        ]
    )
    job = services.import_upload(campaign=campaign, data=data, filename="kobo.xlsx", fmt="kobo")
    assert job.mapping["profile/employees"] == "employees"
    assert job.mapping["_uuid"] == "__respondent_id__"
    assert job.mapping["trade/where/hr"] == "__ignore__"
    job = services.import_run(job=job)
    assert job.n_imported == 2, list(job.rejected_rows.values_list("reasons", flat=True))
    r = Response.objects.get(respondent_id="uuid-1")
    assert r.answers["where"] == ["hr", "us"]
    assert r.answers["exports"] == "yes"
    assert Response.objects.get(respondent_id="uuid-2").answers["exports"] == "no"


def test_a_limesurvey_export_with_subquestion_columns_imports(campaign):
    text = "\n".join(
        [
            "id,submitdate,lastpage,startlanguage,seed,token,employees,exports,neighboursonly,where[hr],where[us],usshare",
            "1,2024-05-01 10:00:00,3,hu,123,tok-a,7,Y,N,Y,,",
            "2,,1,hu,124,tok-b,8,no,,,,",
        ]
    )
    job = services.import_upload(campaign=campaign, data=text.encode(), filename="lime.csv", fmt="limesurvey")
    assert job.mapping["where[hr]"] == "where[hr]"
    assert job.mapping["neighboursonly"] == "neighbours_only"
    job = services.import_run(job=services.import_set_mapping(job=job, mapping={}, mode="valid_only"))
    assert job.n_imported == 1
    r = Response.objects.get(respondent_id="tok-a")
    assert (r.answers["where"], r.language) == (["hr"], "hu")
    assert (r.answers["exports"], r.answers["neighbours_only"]) == ("yes", "no")  # LimeSurvey's Y/N
    reasons = {r.row_number: [x["code"] for x in r.reasons] for r in job.rejected_rows.all()}
    assert reasons[3] == ["incomplete"]


def test_a_crash_midway_leaves_the_database_as_it_was(campaign, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "_import_finish", crash)
    job = services.import_upload(
        campaign=campaign,
        data="\n".join([HEADER, *GOOD]).encode(),
        filename="f.csv",
        fmt="csv",
        mode="valid_only",
    )
    with pytest.raises(RuntimeError):
        services.import_run(job=job)
    job.refresh_from_db()
    assert Response.objects.filter(campaign=campaign).count() == 0
    assert job.status == ImportStatus.UPLOADED
    assert job.rejected_rows.count() == 0


def test_population_figures_upload_all_or_nothing(make_region):
    from interventures.apps.surveys.models import PopulationCount

    region = make_region("lombardia", "Lombardy")
    good = "region,nuts,size_class,nace_section,count,source,year\nlombardia,ITC4C,micro,C,1200,Test source,2021\n"
    assert services.population_upload(data=good.encode()) == 1
    assert services.population_upload(data=good.encode()) == 1  # re-upload updates, never duplicates
    assert PopulationCount.objects.get().region == region
    bad = good + "lombardia,ITC4C,huge,C,x,Test,2021\n"
    with pytest.raises(services.SurveyError) as err:
        services.population_upload(data=bad.encode())
    assert len(err.value.problems) == 1


def test_population_rows_given_by_nuts_code_find_their_region(make_region):
    from interventures.apps.surveys.models import PopulationCount

    region = make_region("castilla-y-leon", "Castilla y León")
    region.nuts = {"2021": ["ES41"]}
    region.save(update_fields=["nuts"])
    data = "nuts,size_class,nace_section,count,source,year\nES412,small,G,55,Test,2021\n"
    assert services.population_upload(data=data.encode()) == 1
    assert PopulationCount.objects.get().region == region


def test_a_token_already_answered_on_the_web_cannot_be_imported_again(campaign):
    (inv,) = services.invitations_create(campaign=campaign, n=1)
    r = services.response_start(campaign=campaign, key="web", invitation=inv)
    services.response_save_answers(response=r, answers={"employees": "1", "exports": "no"})
    services.response_submit(response=r)
    job = run(campaign, f"token,employees,exports\n{inv.token},2,no\n", mode="valid_only")
    assert job.n_imported == 0
    assert job.rejected_rows.get().reasons[0]["code"] == "duplicate"


def test_a_calculated_field_is_checked_against_its_calculation_and_integers_are_bounded(campaign):
    data = (
        b"respondent_id,employees,exports,where,n_markets\n"
        b"r1,3,yes,hr,1\n"
        b"r2,3,yes,hr,99999999999999999999\n"
        b"r3,99999999999999999999,no,,0\n"
    )
    job = services.import_upload(campaign=campaign, data=data, filename="c.csv", fmt="csv", mode="valid_only")
    services.import_set_mapping(job=job, mapping={"n_markets": "n_markets"})
    job = services.import_run(job=job)
    reasons = {r.row_number: r.reasons for r in job.rejected_rows.all()}
    assert job.n_imported == 1
    assert set(reasons) == {3, 4}
    assert [(x["column"], x["code"], x["params"]["expected"]) for x in reasons[3]] == [
        ("n_markets", "calculated", "1")
    ]
    assert [(x["column"], x["code"]) for x in reasons[4]] == [("employees", "out_of_range")]
    assert "outside the accepted range" in rejected_csv(job).decode("utf-8-sig")


@pytest.fixture
def nuts3_campaign(make_campaign, questionnaire):
    from interventures.core.survey import Question
    from interventures.core.survey.edit import add_question

    form = add_question(
        questionnaire.current.form, Question("nuts3", "text", {"en": "NUTS 3", "hu": "NUTS 3"})
    )
    services.questionnaire_revise(questionnaire=questionnaire, form=form)
    questionnaire.refresh_from_db()
    return make_campaign()


def test_nuts3_codes_are_checked_for_their_shape_and_against_the_classification(nuts3_campaign):
    from interventures.apps.classifications.models import NutsRegion

    NutsRegion.objects.create(code="HU231", version=2021, level=3, country="HU", name="Baranya")
    data = b"respondent_id,employees,exports,seat\nr1,3,no,HU231\nr2,3,no,HU23\nr3,3,no,HU999\n"
    job = services.import_upload(
        campaign=nuts3_campaign, data=data, filename="n.csv", fmt="csv", mode="valid_only"
    )
    services.import_set_mapping(job=job, mapping={"seat": "nuts3"})
    job = services.import_run(job=job)
    reasons = {r.row_number: [(x["column"], x["code"]) for x in r.reasons] for r in job.rejected_rows.all()}
    assert job.n_imported == 1
    assert reasons == {3: [("seat", "nuts3_format")], 4: [("seat", "nuts3_unknown")]}
    text = rejected_csv(job).decode("utf-8-sig")
    assert "Row 3, column seat: HU23 is not a NUTS 3 code" in text
    assert "Row 4, column seat: HU999 is not in the NUTS 3 classification" in text


# ---- nothing changed silently on import (issue #8, finding 8) -------------------------------------


def test_excel_unicode_text_utf16_imports_as_typed(campaign):
    """Excel's "Unicode text" (UTF-16 LE, BOM, tabs) used to be read as Windows-1252 garbage."""
    text = "respondent_id\temployees\texports\tcomment\nr1\t12\tno\tŁódź, Győr, Čakovec\n"
    job = run(campaign, text.encode("utf-16"))
    assert job.options["encoding"].startswith("utf-16")
    assert job.n_imported == 1
    assert Response.objects.get(campaign=campaign).answers["comment"] == "Łódź, Győr, Čakovec"


def test_a_nul_byte_in_a_cell_is_refused_with_a_translated_reason_and_never_stored(campaign):
    from django.utils import translation

    from interventures.apps.surveys.services.messages import reason_lines

    job = run(campaign, f"{HEADER}\nr1,12,,,no,,,,ab\x00c\n", mode="valid_only")
    assert (job.n_imported, job.n_rejected) == (0, 1)
    (row,) = job.rejected_rows.all()
    assert [(r["column"], r["code"]) for r in row.reasons] == [("comment", "control_character")]
    assert "\x00" not in row.raw["comment"]
    assert not Response.objects.filter(campaign=campaign).exists()
    with translation.override("hu"):
        (line,) = reason_lines(row.reasons)
    assert "vezérlőkaraktert (U+0000)" in line["text"]
    assert "\x00" not in rejected_csv(job).decode("utf-8-sig")


def test_an_xlsx_formula_saved_without_its_value_rejects_its_row_naming_the_cell(campaign):
    from django.utils import translation

    from interventures.apps.surveys.services.messages import reason_lines

    data = _xlsx([["respondent_id", "employees", "exports"], ["r1", "=3*4", "no"], ["r2", 5, "no"]])
    job = run(campaign, data, fmt="xlsx", mode="valid_only")
    assert (job.n_imported, job.n_rejected) == (1, 1)
    (row,) = job.rejected_rows.all()
    assert [(r["column"], r["code"]) for r in row.reasons] == [("employees", "formula_without_value")]
    assert row.raw["employees"] == "=3*4"
    with translation.override("pl"):
        (line,) = reason_lines(row.reasons)
    assert "komórka B2" in line["text"]
    assert "=3*4" in line["text"]
