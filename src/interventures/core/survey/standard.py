"""The standard Inter Ventures SME questionnaire: company profile, international activity, the
capacity model's items (the preparedness test), barriers, awareness and use of support, and support
needs, in the seven project languages (en hu hr it pl es lt).

Its source is the XLSForm workbook `data/standard-<edition>.xlsx`, the file analysts download and
load into KoboToolbox or ODK as it is. The platform reads it through its own XLSForm importer
(`xlsform.read_xlsform`), once per process. To change the questionnaire, edit the workbook (a new
edition gets a new file) and check it with `pytest core/survey/tests/test_standard.py`.

The capacity section carries its mapping to the capacity model in the question names, so the
workbook needs no column that KoboToolbox or ODK would not know: one group `cap_<dimension id>` per
dimension, holding one `select_one` question `cap_<item id>` per item, whose choices are the item's
options (and `dont_know` where the item allows it) with the model's labels. The settings' version,
`<edition>+capacity-<model version>`, names the model the section was written from;
`capacity_problems` checks the section against a model, and a test holds the workbook to the latest.

The NACE section titles of the `nace` choices are Eurostat's own translations (taken from
/work/shared/data/nace/nace_rev2_multilingual.csv; see SOURCES.md there).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from interventures.core.capacity import DONT_KNOW, CapacityModel

from .form import Form
from .xlsform import read_xlsform

STANDARD_ID = "interventures_sme"
DATA = Path(__file__).parent / "data"
STANDARD_XLSFORM = DATA / "standard-1.xlsx"
CAPACITY_PREFIX = "cap_"


@cache
def standard_form() -> Form:
    """The standard questionnaire, read from its XLSForm once per process (the Form is immutable)."""
    return read_xlsform(STANDARD_XLSFORM)


def standard_xlsform() -> tuple[str, bytes]:
    """The workbook as shipped, for download: its file name and its bytes."""
    return f"interventures-{STANDARD_XLSFORM.name}", STANDARD_XLSFORM.read_bytes()


def capacity_question_name(item_or_dimension_id: str) -> str:
    """The name of an item's question (or of a dimension's group) in the capacity section."""
    return f"{CAPACITY_PREFIX}{item_or_dimension_id}"


def capacity_problems(form: Form, model: CapacityModel) -> list[str]:
    """Where `form`'s capacity section differs from the capacity model: empty when every
    dimension is its group, every item its question, in the model's order, with the model's texts."""
    out: list[str] = []
    section = [q for q in form.questions if q.name.startswith(CAPACITY_PREFIX)]
    expected: list[tuple[str, str, tuple[str, ...]]] = []  # (name, type, group)
    for dim in model.dimensions:
        items = model.items_of(dim.id)
        if not items:
            continue
        group = capacity_question_name(dim.id)
        expected.append((group, "begin_group", ()))
        expected += [(capacity_question_name(i.id), "select_one", (group,)) for i in items]
        expected.append((group, "end_group", ()))
    found = [(q.name, q.type, q.group) for q in section]
    if found != expected:
        missing = sorted({e[0] for e in expected} - {f[0] for f in found})
        extra = sorted({f[0] for f in found} - {e[0] for e in expected})
        out.append(
            "the capacity section does not follow the model's dimensions and items"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; not in the model: {', '.join(extra)}" if extra else "")
        )
    names = {q.name for q in section}
    for dim in model.dimensions:
        name = capacity_question_name(dim.id)
        if name in names and dict(form.question(name).label) != dict(dim.name):
            out.append(f"{name}: the group's label is not the dimension's name")
    for item in model.items:
        name = capacity_question_name(item.id)
        if name not in names:
            continue
        q = form.question(name)
        if dict(q.label) != dict(item.text):
            out.append(f"{name}: the label is not the item's text")
        options = [(o.id, dict(o.label)) for o in item.options]
        if item.allow_dont_know:
            options.append((DONT_KNOW, dict(model.dont_know_label)))
        if [(c.name, dict(c.label)) for c in form.choices_for(q)] != options:
            out.append(f"{name}: the choices are not the item's options")
    return out
