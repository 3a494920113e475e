"""Forms of the partner pages (upload, mapping, invitations, population figures)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from interventures.core.survey.tabular import IGNORE, LANGUAGE, RESPONDENT

from .models import ImportFormat, ImportMode

ENCODINGS = [
    ("", _("Detect automatically")),
    ("utf-8", "UTF-8"),
    ("utf-8-sig", _("UTF-8 with BOM")),
    ("cp1250", _("Windows-1250 (Central European)")),
    ("cp1252", _("Windows-1252 (Western European)")),
]
DELIMITERS = [("", _("Detect automatically")), (",", _("comma")), (";", _("semicolon")), ("\t", _("tab"))]


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), choices=ImportFormat.choices)
    mode = forms.ChoiceField(
        label=_("If some rows have errors"), choices=ImportMode.choices, initial=ImportMode.ALL_OR_NOTHING
    )
    encoding = forms.ChoiceField(label=_("Encoding"), choices=ENCODINGS, required=False)
    delimiter = forms.ChoiceField(label=_("Delimiter"), choices=DELIMITERS, required=False)


class MappingForm(forms.Form):
    """One select per column of the file: which question it answers."""

    def __init__(
        self,
        *args: Any,
        columns: list[str],
        mapping: dict[str, str],
        targets: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            ("", _("— choose —")),
            (IGNORE, _("ignore this column")),
            (RESPONDENT, _("respondent id or token")),
            (LANGUAGE, _("language")),
            *targets,
        ]
        known = {c[0] for c in choices}
        self.columns = columns
        for i, col in enumerate(columns):
            extra = [(mapping[col], mapping[col])] if mapping.get(col) and mapping[col] not in known else []
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=col, choices=choices + extra, required=False, initial=mapping.get(col, "")
            )

    def mapping(self) -> dict[str, str]:
        return {col: self.cleaned_data.get(f"col_{i}", "") for i, col in enumerate(self.columns)}


class InvitationForm(forms.Form):
    n = forms.IntegerField(label=_("Number of personal links"), min_value=1, max_value=5000)


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: region (or nuts), size_class (micro, small, medium, large), nace_section, count, source, year."
        ),
    )


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(label=_("XLSForm file (.xlsx, .xls or .csv)"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    questionnaire = forms.ChoiceField(label=_("Questionnaire"))
    region = forms.ChoiceField(label=_("Region"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.DateTimeField(
        label=_("Opens"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    target_n = forms.IntegerField(label=_("Target number of responses"), min_value=0, initial=0)
    public = forms.BooleanField(
        label=_("Anyone with the public link may answer"), required=False, initial=True
    )

    def __init__(
        self,
        *args: Any,
        questionnaires: list[tuple[str, str]],
        regions: list[tuple[str, str]] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].choices = questionnaires
        if regions is None:
            del self.fields["region"]
        else:
            self.fields["region"].choices = regions
            self.fields["region"].required = True
