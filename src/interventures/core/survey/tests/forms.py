"""A small form used by the core tests (shaped like a real SME questionnaire section)."""

from __future__ import annotations

from interventures.core.survey import Choice, Form, Question
from interventures.core.survey.form import with_group_paths


def small_form() -> Form:
    yn = (Choice("yes", {"en": "Yes", "hu": "Igen"}), Choice("no", {"en": "No", "hu": "Nem"}))
    countries = (
        Choice("hr", {"en": "Croatia", "hu": "Horvátország"}, {"near": "yes"}),
        Choice("hu", {"en": "Hungary", "hu": "Magyarország"}, {"near": "yes"}),
        Choice("us", {"en": "United States", "hu": "Egyesült Államok"}, {"near": "no"}),
    )
    questions = [
        Question("profile", "begin_group", {"en": "Profile", "hu": "Profil"}),
        Question(
            "employees",
            "integer",
            {"en": "Employees", "hu": "Alkalmazottak"},
            required=True,
            constraint=". >= 0 and . < 250",
            constraint_message={"en": "0 to 249", "hu": "0 és 249 között"},
        ),
        Question("turnover", "decimal", {"en": "Turnover (M EUR)", "hu": "Árbevétel (M EUR)"}),
        Question("founded", "date", {"en": "Founded", "hu": "Alapítva"}),
        Question("profile", "end_group"),
        Question(
            "exports", "select_one", {"en": "Exports?", "hu": "Exportál?"}, list_name="yn", required=True
        ),
        Question(
            "trade", "begin_group", {"en": "Trade", "hu": "Kereskedelem"}, relevant="${exports} = 'yes'"
        ),
        Question(
            "neighbours_only",
            "select_one",
            {"en": "Neighbours only?", "hu": "Csak szomszédok?"},
            list_name="yn",
        ),
        Question(
            "where",
            "select_multiple",
            {"en": "Where?", "hu": "Hová?"},
            list_name="countries",
            required=True,
            choice_filter="${neighbours_only} != 'yes' or near = 'yes'",
            constraint="count-selected(.) <= 2",
            constraint_message={"en": "At most two", "hu": "Legfeljebb kettő"},
        ),
        Question(
            "us_share",
            "integer",
            {"en": "US share %", "hu": "USA arány %"},
            relevant="selected(${where}, 'us')",
            constraint=". <= 100",
        ),
        Question("trade", "end_group"),
        Question("n_markets", "calculate", calculation="if(${exports} = 'yes', count-selected(${where}), 0)"),
        Question("comment", "text", {"en": "Comment", "hu": "Megjegyzés"}),
        Question("thanks", "note", {"en": "Thank you", "hu": "Köszönjük"}),
    ]
    return Form(
        id="small",
        version="1",
        title={"en": "Small form", "hu": "Kis kérdőív"},
        default_language="en",
        languages=("en", "hu"),
        questions=with_group_paths(questions),
        choices={"yn": yn, "countries": countries},
    )
