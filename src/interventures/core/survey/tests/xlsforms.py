"""XLSForms as people write them, built with openpyxl: the KoboToolbox form builder's output, ODK
forms with repeats, groups and cascading selects, hand-written Excel forms with capitals, single
colons, comment rows and a missing translation. Each is a form pyxform converts (test_xlsform_spellings
checks that), so the platform must import it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

Rows = Sequence[Sequence[Any]]


def workbook(
    survey: Rows,
    choices: Rows | None = None,
    settings: Rows | None = None,
    **other_sheets: Rows,
) -> bytes:
    """An .xlsx with the given sheets (each a header row and rows), in XLSForm's order."""
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for r in survey:
        ws.append(list(r))
    for name, rows in (("choices", choices), ("settings", settings), *other_sheets.items()):
        if rows:
            sheet = wb.create_sheet(name)
            for r in rows:
                sheet.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def kobo_builder_form() -> bytes:
    """What KoboToolbox's form builder downloads: metadata rows first, `$kuid`/`$autoname`, an
    unsuffixed default label and a translation, `select_one LIST or_other`, a geopoint, a photo."""
    return workbook(
        [
            ["type", "name", "label", "label::Hrvatski (hr)", "required", "appearance", "$kuid", "$autoname"],
            ["start", "start", None, None, None, None, "k1", "start"],
            ["end", "end", None, None, None, None, "k2", "end"],
            ["today", "today", None, None, None, None, "k3", "today"],
            ["deviceid", "deviceid", None, None, None, None, "k4", "deviceid"],
            ["select_one sector or_other", "sector", "Sector", "Sektor", "true", "minimal", "k5", "sector"],
            ["integer", "staff", "Staff", "Zaposlenici", "true", None, "k6", "staff"],
            ["geopoint", "location", "Location", "Lokacija", "false", None, "k7", "location"],
            ["image", "shopfront", "Shop front", "Izlog", "false", None, "k8", "shopfront"],
            ["note", "thanks", "Thank you", "Hvala", None, None, "k9", "thanks"],
        ],
        [
            ["list_name", "name", "label", "label::Hrvatski (hr)", "$kuid"],
            ["sector", "manufacturing", "Manufacturing", "Proizvodnja", "c1"],
            ["sector", "services", "Services", "Usluge", "c2"],
        ],
        [
            ["form_title", "version", "default_language", "style"],
            ["SME survey", "vAbC123", "English (en)", "pages"],
        ],
    )


def odk_repeat_form() -> bytes:
    """An ODK form: a group, a repeat with a cascading select (choice_filter) inside, defaults,
    bind:: and body:: columns, guidance hints, a required message, media on choices,
    instance_name and other settings, an entities sheet."""
    return workbook(
        [
            [
                "type",
                "name",
                "label::English (en)",
                "label::Magyar (hu)",
                "hint::English (en)",
                "guidance_hint::English (en)",
                "required",
                "required_message::English (en)",
                "relevant",
                "constraint",
                "choice_filter",
                "default",
                "appearance",
                "repeat_count",
                "bind::odk:length",
                "body::accuracyThreshold",
                "calculation",
                "parameters",
            ],
            [
                "begin group",
                "firm",
                "Firm",
                "Cég",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "field-list",
            ],
            [
                "text",
                "firm_name",
                "Name",
                "Név",
                "Legal name",
                "As registered",
                "yes",
                "Needed",
                None,
                None,
                None,
                None,
                None,
                None,
                "3-60",
            ],
            ["date", "founded", "Founded", "Alapítva", None, None, None, None, None, ". < today()"],
            ["end group"],
            [
                "integer",
                "n_sites",
                "Sites",
                "Telephelyek",
                None,
                None,
                "yes",
                None,
                None,
                ". >= 0",
                None,
                "1",
            ],
            [
                "begin repeat",
                "site",
                "Site",
                "Telephely",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "${n_sites}",
            ],
            ["select_one country", "country", "Country", "Ország"],
            [
                "select_one city",
                "city",
                "City",
                "Város",
                None,
                None,
                "yes",
                None,
                None,
                None,
                "country=${country}",
            ],
            [
                "geopoint",
                "where",
                "Where",
                "Hol",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "10",
            ],
            [
                "range",
                "rating",
                "Rating",
                "Értékelés",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "start=1 end=5 step=1",
            ],
            ["end repeat"],
            ["time", "opening", "Opens at", "Nyitás"],
            ["datetime", "visited", "Visited", "Látogatás"],
            [
                "rank priorities_list",
                "priorities",
                "Priorities",
                "Prioritások",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            ["barcode", "vat_code", "VAT barcode", "Adószám vonalkód"],
            [
                "calculate",
                "site_count",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "count(${site})",
            ],
        ],
        [
            [
                "list_name",
                "name",
                "label::English (en)",
                "label::Magyar (hu)",
                "country",
                "image::English (en)",
            ],
            ["country", "hu", "Hungary", "Magyarország", None, "hu.png"],
            ["country", "hr", "Croatia", "Horvátország", None, "hr.png"],
            ["city", "pecs", "Pécs", "Pécs", "hu"],
            ["city", "zagreb", "Zagreb", "Zágráb", "hr"],
            ["city", "other", "Other", "Egyéb", "hu"],
            ["city", "other", "Other", "Egyéb", "hr"],
            ["priorities_list", "export", "Export", "Export"],
            ["priorities_list", "training", "Training", "Képzés"],
        ],
        [
            [
                "form_title",
                "form_id",
                "version",
                "default_language",
                "instance_name",
                "allow_choice_duplicates",
                "public_key",
                "submission_url",
            ],
            [
                "Sites",
                "sites_v2",
                "2024050101",
                "English (en)",
                "concat(${firm_name}, '-', ${n_sites})",
                "yes",
                "MIIBIjANBg",
                "https://example.org/submission",
            ],
        ],
        entities=[["list_name", "label"], ["firms", "${firm_name}"]],
    )


def hand_written_form() -> bytes:
    """A form typed in Excel: capitals in headers, `label:French` with one colon, `select one from`,
    a comment row, id_string, a nameless note, `required` as a condition, a translation missing,
    external_choices with select_one_external, select_one_from_file and pulldata()."""
    return workbook(
        [
            [
                "TYPE",
                "NAME",
                "LABEL::English (en)",
                "label:French",
                "REQUIRED",
                "Relevant",
                "calculation",
                "choice_filter",
            ],
            [None, "_comment_exports"],  # a comment row: the platform keeps it, pyxform wants none
            ["select one from yn", "exports", "Exports?", "Exporte ?", "yes"],
            [
                "select_one_from_file markets.csv",
                "market",
                "Main market",
                "Marché principal",
                "${exports} = 'yes'",
                "${exports} = 'yes'",
            ],
            ["integer", "share", "Export share %", None, "${exports} = 'yes'"],  # no French label
            ["note", None, "Next: your region", "Ensuite : votre région"],
            [
                "select_one_external county",
                "county",
                "County",
                "Comté",
                None,
                None,
                None,
                "region=${exports}",
            ],
            [
                "calculate",
                "region_name",
                None,
                None,
                None,
                None,
                "pulldata('regions', 'name', 'code', ${county})",
            ],
            ["select_multiple yn", "both", "Both?", "Les deux ?"],
        ],
        [
            ["LIST_NAME", "NAME", "LABEL::English (en)", "label:French"],
            ["yn", "yes", "Yes", "Oui"],
            ["yn", "no", "No", "Non"],
        ],
        [["id_string", "version", "form_title"], ["handmade", "3", "Hand made"]],
        external_choices=[["list_name", "name", "label", "region"], ["county", "baranya", "Baranya", "yes"]],
    )


def household_roster_form() -> bytes:
    """A KoboToolbox-style household roster: households (a repeat), each with its members (a repeat
    in the repeat, as many as the household's size says) with their own skip logic, constraint and
    cascading select, and the member's jobs (a third level the respondent adds)."""
    return workbook(
        [
            ["type", "name", "label", "required", "relevant", "constraint", "repeat_count", "choice_filter"],
            ["text", "village", "Village", "yes"],
            ["begin_repeat", "hh", "Household"],
            ["text", "head", "Head of household", "yes"],
            ["integer", "size", "Members", "yes", "", ". > 0 and . < 20"],
            ["select_one country", "country", "Country"],
            ["begin_repeat", "member", "Member", "", "", "", "${size}"],
            ["text", "member_name", "Name", "yes"],
            ["integer", "age", "Age", "", "", ". < 120"],
            ["select_one yn", "works", "Works?", "", "${age} >= 15"],
            ["select_one city", "city", "City", "", "", "", "", "country = ${country}"],
            ["begin_repeat", "job", "Job", "", "${works} = 'yes'"],
            ["text", "employer", "Employer", "yes"],
            ["end_repeat"],
            ["end_repeat"],
            ["end_repeat"],
        ],
        [
            ["list_name", "name", "label", "country"],
            ["yn", "yes", "Yes"],
            ["yn", "no", "No"],
            ["country", "hu", "Hungary"],
            ["country", "hr", "Croatia"],
            ["city", "pecs", "Pécs", "hu"],
            ["city", "osijek", "Osijek", "hr"],
        ],
        [["form_title", "form_id"], ["Households", "households"]],
    )


FORMS = {
    "kobo_builder": kobo_builder_form,
    "odk_repeat": odk_repeat_form,
    "hand_written": hand_written_form,
    "household_roster": household_roster_form,
}
