"""Forms of the partner pages (upload, mapping, invitations, population figures)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.forms import choice_field
from interventures.core.survey.tabular import EXTRA, IGNORE, LANGUAGE, RESPONDENT

from .models import ImportFormat, ImportMode

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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
        choices: list[tuple[str, StrOrPromise]] = [
            ("", _("— choose —")),
            (IGNORE, _("ignore this column")),
            (EXTRA, _("keep (not a question of this form)")),
            (RESPONDENT, _("respondent id or token")),
            (LANGUAGE, _("language")),
            *targets,
        ]
        known = {c[0] for c in choices}
        self.columns = columns
        for i, col in enumerate(columns):
            extra: list[tuple[str, StrOrPromise]] = (
                [(mapping[col], mapping[col])] if mapping.get(col) and mapping[col] not in known else []
            )
            # The select is named by its column and described by the column's values and match.
            described = forms.Select(attrs={"aria-describedby": f"col_{i}-samples col_{i}-status"})
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=col,
                choices=choices + extra,
                required=False,
                initial=mapping.get(col, ""),
                widget=described,
            )

    def mapping(self) -> dict[str, str]:
        return {col: self.cleaned_data.get(f"col_{i}", "") for i, col in enumerate(self.columns)}


class InvitationForm(forms.Form):
    n = forms.IntegerField(label=_("Number of personal links"), min_value=1, max_value=5000)


def _codes(*names: str) -> str:
    return ", ".join(f"<code>{name}</code>" for name in names)


class PopulationUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The file's column names and codes are the same in every language: shown as code.
        self.fields["file"].help_text = mark_safe(  # noqa: S308 (only the fixed names below)
            _("Columns: %(region)s (or %(nuts)s), %(size)s (%(sizes)s), %(others)s.")
            % {
                "region": _codes("region"),
                "nuts": _codes("nuts"),
                "size": _codes("size_class"),
                "sizes": _codes("micro", "small", "medium", "large"),
                "others": _codes("nace_section", "count", "source", "year"),
            }
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
        choice_field(self, "questionnaire").choices = questionnaires
        if regions is None:
            del self.fields["region"]
        else:
            choice_field(self, "region").choices = regions
            self.fields["region"].required = True


# ---- the questionnaire editor ----------------------------------------------------------------------

LANGUAGE_NAMES = dict(settings.LANGUAGES)
TYPE_LABELS = {
    "select_one": _("Select one"),
    "select_multiple": _("Select many"),
    "integer": _("Whole number"),
    "decimal": _("Decimal number"),
    "text": _("Text"),
    "date": _("Date"),
    "note": _("Note (no answer)"),
    "begin_group": _("Section (group)"),
}
PARTNERSHIP_WIDE = "all"


def _language_choices(codes: list[str]) -> list[tuple[str, Any]]:
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in codes]


class QuestionnaireCopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)
    region = forms.ChoiceField(label=_("Owned by"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages of the copy"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every question needs a label in each language ticked; the labels in the other languages "
            "are kept and optional. You can change this later in the editor."
        ),
    )

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[str, str]] | None,
        languages: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if regions is None:  # a regional partner's copy belongs to its region
            del self.fields["region"]
        else:
            choice_field(self, "region").choices = [(PARTNERSHIP_WIDE, _("the whole partnership")), *regions]
            self.fields["region"].required = True
        choice_field(self, "languages").choices = _language_choices(languages)


class QuestionnaireLanguagesForm(forms.Form):
    """The languages a questionnaire declares (each question needs a label in each of them)."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of this questionnaire"),
        widget=forms.CheckboxSelectMultiple,
        choices=_language_choices([code for code, _name in settings.LANGUAGES]),
    )


def _language_fields(
    form: forms.Form,
    prefix: str,
    label: StrOrPromise,
    languages: list[str],
    required: list[str],
    initial: Any,
) -> None:
    """One text input per language, the questionnaire's own languages first."""
    for lang in languages:
        name = LANGUAGE_NAMES.get(lang, lang)
        form.fields[f"{prefix}_{lang}"] = forms.CharField(
            label=f"{label} ({name})",
            required=False,
            initial=(initial or {}).get(lang, ""),
            widget=forms.TextInput(attrs={"lang": lang}),
            help_text="" if lang in required else _("optional: not a language of this questionnaire"),
        )


def editor_languages(form_languages: list[str]) -> list[str]:
    """The questionnaire's languages, then the partnership's other languages."""
    return list(form_languages) + [code for code, _n in settings.LANGUAGES if code not in form_languages]


class QuestionEditForm(forms.Form):
    """Labels and hints per language, required flag, skip logic, constraint and choice labels of
    one question. Field names: label_<lang>, hint_<lang>, choice_<index>_<lang>."""

    required = forms.BooleanField(label=_("An answer is required"), required=False)
    relevant = forms.CharField(
        label=_("Shown only when (skip logic)"),
        required=False,
        help_text=_("An XLSForm expression, e.g. ${exports} = 'yes'. Empty: always shown."),
    )
    constraint = forms.CharField(
        label=_("Constraint"),
        required=False,
        help_text=_("An XLSForm expression on the answer (.), e.g. . >= 0 and . < 250."),
    )

    def __init__(
        self, *args: Any, question: Any, choices: list[Any], form_languages: list[str], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.languages = editor_languages(form_languages)
        self.declared = list(form_languages)
        kind = question.type
        _language_fields(self, "label", _("Label"), self.languages, form_languages, question.label)
        if kind not in ("begin_group", "note", "calculate"):
            _language_fields(self, "hint", _("Hint"), self.languages, form_languages, question.hint)
        self.fields["required"].initial = question.required
        self.fields["relevant"].initial = question.relevant
        self.fields["constraint"].initial = question.constraint
        if kind in ("begin_group", "note", "calculate"):
            del self.fields["required"]
            del self.fields["constraint"]
        self.choices = choices
        for i, choice in enumerate(choices):
            for lang in self.languages:
                self.fields[f"choice_{i}_{lang}"] = forms.CharField(
                    label=_("%(choice)s (%(language)s)")
                    % {"choice": choice.name, "language": LANGUAGE_NAMES.get(lang, lang)},
                    required=False,
                    initial=choice.label.get(lang, ""),
                    widget=forms.TextInput(attrs={"lang": lang}),
                )

    def texts(self, prefix: str) -> dict[str, str]:
        return {
            lang: self.cleaned_data.get(f"{prefix}_{lang}", "")
            for lang in self.languages
            if f"{prefix}_{lang}" in self.fields
        }

    def choice_labels(self) -> dict[str, dict[str, str]]:
        return {c.name: self.texts(f"choice_{i}") for i, c in enumerate(self.choices)}

    def language_rows(self, prefix: str, *, declared: bool = True) -> list[Any]:
        """The fields of the questionnaire's own languages (or, with declared=False, the others)."""
        return [
            self[f"{prefix}_{lang}"]
            for lang in self.languages
            if f"{prefix}_{lang}" in self.fields and (lang in self.declared) == declared
        ]

    @property
    def label_fields(self) -> list[Any]:
        return self.language_rows("label")

    @property
    def hint_fields(self) -> list[Any]:
        return self.language_rows("hint")

    def choice_rows(self) -> list[tuple[Any, list[Any]]]:
        return [(c, self.language_rows(f"choice_{i}")) for i, c in enumerate(self.choices)]

    @property
    def other_language_fields(self) -> list[Any]:
        """Labels, hints and choice labels in languages the questionnaire does not declare."""
        prefixes = ["label", "hint", *(f"choice_{i}" for i in range(len(self.choices)))]
        return [f for prefix in prefixes for f in self.language_rows(prefix, declared=False)]


class QuestionAddForm(forms.Form):
    """A new question: type, name, place, labels per language; for a select, an existing choice list
    or new choices written one per line as `name = label` in each language."""

    type = forms.ChoiceField(label=_("Question type"))
    name = forms.CharField(
        label=_("Name (variable)"),
        max_length=64,
        help_text=_("Letters, digits and _; starts with a letter. Used in exports and skip logic."),
    )
    position = forms.ChoiceField(label=_("Place"), required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    list_name = forms.ChoiceField(label=_("Choices"), required=False)

    def __init__(
        self,
        *args: Any,
        types: list[tuple[str, str]],
        positions: list[tuple[str, str]],
        lists: list[tuple[str, str]],
        form_languages: list[str],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.languages = editor_languages(form_languages)
        self.declared = list(form_languages)
        choice_field(self, "type").choices = types
        choice_field(self, "position").choices = positions
        choice_field(self, "list_name").choices = [("", _("new choices, written below")), *lists]
        _language_fields(self, "label", _("Label"), self.languages, form_languages, {})
        _language_fields(self, "hint", _("Hint"), self.languages, form_languages, {})
        for lang in self.languages:
            self.fields[f"choices_{lang}"] = forms.CharField(
                label=_("Choices in %(language)s") % {"language": LANGUAGE_NAMES.get(lang, lang)},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "lang": lang}),
                help_text=_("One per line: name = label, e.g. yes = Yes. Same names in every language."),
            )

    def texts(self, prefix: str) -> dict[str, str]:
        return {lang: self.cleaned_data.get(f"{prefix}_{lang}", "") for lang in self.languages}

    def language_rows(self, prefix: str, *, declared: bool = True) -> list[Any]:
        """The fields of the questionnaire's own languages (or, with declared=False, the others)."""
        return [self[f"{prefix}_{lang}"] for lang in self.languages if (lang in self.declared) == declared]

    @property
    def label_fields(self) -> list[Any]:
        return self.language_rows("label")

    @property
    def hint_fields(self) -> list[Any]:
        return self.language_rows("hint")

    @property
    def choices_fields(self) -> list[Any]:
        return self.language_rows("choices")

    @property
    def other_language_fields(self) -> list[Any]:
        """Labels, hints and choices in languages the questionnaire does not declare."""
        return [f for p in ("label", "hint", "choices") for f in self.language_rows(p, declared=False)]

    def new_choices(self) -> list[dict[str, Any]]:
        """Choices from the per-language text areas, in the order of their first appearance."""
        order: list[str] = []
        labels: dict[str, dict[str, str]] = {}
        for lang in self.languages:
            text = self.cleaned_data.get(f"choices_{lang}", "")
            for i, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                if "=" not in line:
                    self.add_error(
                        f"choices_{lang}",
                        _("Line %(n)s: write name = label.") % {"n": i},
                    )
                    continue
                name, label = (part.strip() for part in line.split("=", 1))
                if name not in labels:
                    order.append(name)
                    labels[name] = {}
                labels[name][lang] = label
        return [{"name": n, "label": labels[n]} for n in order]
