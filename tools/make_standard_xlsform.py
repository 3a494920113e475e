"""One-off: write the standard questionnaire (then Python literals in core/survey/standard.py) as the
XLSForm workbook that is its source from now on (core/survey/data/standard-1.xlsx).

Run once from the repository root: `PYTHONPATH=src python tools/make_standard_xlsform.py`. It is
removed together with the literals; edit the workbook itself from now on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from interventures.core.capacity import load_model
from interventures.core.cells import xlsx_append
from interventures.core.survey.standard import standard_form

# The language names respondents see in the KoboToolbox/Enketo language switch: each in itself.
ENDONYMS = {
    "en": "English",
    "hu": "Magyar",
    "hr": "Hrvatski",
    "it": "Italiano",
    "pl": "Polski",
    "es": "Español",
    "lt": "Lietuvių",
}
XTYPE = {"begin_group": "begin group", "end_group": "end group"}


def column(base: str, lang: str) -> str:
    return f"{base}::{ENDONYMS[lang]} ({lang})"


def main(target: Path) -> None:
    form = standard_form(load_model())
    langs = list(form.languages)
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"

    def used(attr: str) -> bool:
        return any(getattr(q, attr) for q in form.questions)

    header: list[tuple[str, str, str | None]] = [("type", "type", None), ("name", "name", None)]
    header += [(column("label", lang), "label", lang) for lang in langs]
    if used("hint"):
        header += [(column("hint", lang), "hint", lang) for lang in langs]
    header += [(c, c, None) for c in ("required", "relevant", "constraint")]
    header += [(column("constraint_message", lang), "constraint_message", lang) for lang in langs]
    header += [(c, c, None) for c in ("calculation", "choice_filter") if used(c)]
    xlsx_append(survey, [h[0] for h in header])
    for q in form.questions:
        row: list[str | None] = []
        for _title, attr, lang in header:
            if attr == "type":
                xtype = XTYPE.get(q.type, q.type)
                row.append(f"{xtype} {q.list_name}" if q.list_name else xtype)
            elif attr == "name":
                row.append(None if q.type == "end_group" else q.name)
            elif lang is not None:
                row.append(getattr(q, attr).get(lang) or None)
            elif attr == "required":
                row.append("yes" if q.required else None)
            else:
                row.append(getattr(q, attr) or None)
        xlsx_append(survey, row)

    choices = wb.create_sheet("choices")
    xlsx_append(choices, ["list_name", "name"] + [column("label", lang) for lang in langs])
    for list_name, options in form.choices.items():
        for c in options:
            assert not c.filters
            xlsx_append(choices, [list_name, c.name] + [c.label.get(lang) or None for lang in langs])

    settings = wb.create_sheet("settings")
    title_columns = [
        column("form_title_translation", lang) for lang in langs if lang != form.default_language
    ]
    xlsx_append(settings, ["form_id", "version", "default_language", "style", "form_title", *title_columns])
    xlsx_append(
        settings,
        [
            form.id,
            form.version,
            f"{ENDONYMS[form.default_language]} ({form.default_language})",
            "pages",  # Enketo shows one top-level group per page, as the platform's own form does
            form.title[form.default_language],
            *[form.title[lang] for lang in langs if lang != form.default_language],
        ],
    )
    for ws in wb.worksheets:
        ws.freeze_panes = "C2" if ws.title != "settings" else None
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 10), 60)
    wb.save(target)


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path("src/interventures/core/survey/data/standard-1.xlsx")
    )
