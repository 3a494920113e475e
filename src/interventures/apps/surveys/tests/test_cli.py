from interventures.apps.surveys.models import Questionnaire, Response
from interventures.cli.main import main
from interventures.core.survey.tests.forms import small_form
from interventures.core.survey.xlsform import write_xlsform


def test_xlsform_import_and_export_round_trip(db, tmp_path, capsys):
    src = tmp_path / "form.xlsx"
    write_xlsform(small_form(), src)
    assert main(["xlsform", "import", str(src), "--name", "Imported"]) == 0
    q = Questionnaire.objects.get(name="Imported")
    out = tmp_path / "out.xlsx"
    assert main(["xlsform", "export", "--questionnaire", str(q.pk), "--out", str(out)]) == 0
    assert "questionnaire" in capsys.readouterr().out
    from interventures.core.survey.xlsform import read_xlsform

    assert read_xlsform(out.read_bytes()) == small_form()


def test_xlsform_import_reports_unsupported_rows(db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("survey,type,name,label\n,slider,loc,Where\n", encoding="utf-8")
    assert main(["xlsform", "import", str(bad)]) == 2
    assert "slider" in capsys.readouterr().err


def test_survey_import_and_export_commands(campaign, tmp_path, capsys):
    data = tmp_path / "r.csv"
    data.write_text("respondent_id,employees,exports\nr1,3,no\nr2,500,no\n", encoding="utf-8")
    rejected = tmp_path / "rejected.csv"
    code = main(
        [
            "survey",
            "import",
            "--campaign",
            str(campaign.pk),
            str(data),
            "--mode",
            "valid_only",
            "--rejected-out",
            str(rejected),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "2 rows, 1 imported, 1 rejected" in out
    assert "row 3" in out
    assert "500" in rejected.read_text(encoding="utf-8-sig")
    assert Response.objects.filter(campaign=campaign).count() == 1
    for fmt in ("csv", "xlsx", "sav", "parquet"):
        target = tmp_path / f"out.{fmt}"
        assert (
            main(["survey", "export", "--campaign", str(campaign.pk), "--format", fmt, "--out", str(target)])
            == 0
        )
        assert target.stat().st_size > 0


def test_unknown_campaign_is_a_clean_error(db, capsys):
    assert main(["survey", "export", "--campaign", "999999", "--format", "csv", "--out", "/tmp/x.csv"]) == 2
    assert "no campaign" in capsys.readouterr().err
