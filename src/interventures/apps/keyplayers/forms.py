"""Forms of the directory pages: filters, an organisation, a service, a tie, a comment, a decision."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.languages import endonym
from interventures.apps.common.translated import tr
from interventures.apps.partnership.models import Call, Organisation, OrganisationType, PolicyInstrument
from interventures.core import capacity

from .models import WORKING_LANGUAGES, Cost, ImprovementStatus, ServiceType, TieKind


def _language_choices() -> list[tuple[str, str]]:
    return [(code, endonym(code)) for code in WORKING_LANGUAGES]


def _dimension_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    from interventures.apps.common.languages import base

    lang = base(get_language())
    model = capacity.load_model()
    return [(d.id, d.name.get(lang) or d.name["en"]) for d in model.dimensions]


def _stage_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    from interventures.apps.common.languages import base

    lang = base(get_language())
    model = capacity.load_model()
    return [(s.id, s.name.get(lang) or s.name["en"]) for s in model.stages]


def _set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101  # every filter here is a choice
    field.choices = choices


def _any(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("Any")), *choices]


# ---- translations of directory content: one field per language and translated field -------------


def _add_translation_fields(
    form: forms.Form, fields: dict[str, Any], initial: Mapping[str, Any] | None
) -> None:
    """`<field>_<lang>` for every language but English (the base fields hold English), filled from
    the entry's `translations`."""
    from interventures.apps.common.languages import codes

    stored = (initial or {}).get("translations") or {}
    for lang in codes():
        if lang == "en":
            continue
        for name, (label, textarea) in fields.items():
            key = f"{name}_{lang}"
            form.fields[key] = forms.CharField(
                label=_("%(field)s in %(language)s") % {"field": label, "language": endonym(lang)},
                required=False,
                max_length=4000 if textarea else 300,
                widget=forms.Textarea(attrs={"rows": 2, "lang": lang})
                if textarea
                else forms.TextInput(attrs={"lang": lang}),
            )
            form.initial.setdefault(key, (stored.get(lang) or {}).get(name, ""))


def _translations(form: forms.Form, names: tuple[str, ...], before: dict[str, Any] | None) -> dict[str, Any]:
    """The entry's translations after the form: the form's fields replace those of `names`, the rest
    (other fields' translations) is kept."""
    from interventures.apps.common.languages import codes

    out = {lang: dict(v) for lang, v in (before or {}).items() if isinstance(v, dict)}
    for lang in codes():
        if lang == "en":
            continue
        entry = out.setdefault(lang, {})
        for name in names:
            text = str(form.cleaned_data.get(f"{name}_{lang}") or "").strip()
            if text:
                entry[name] = text
            else:
                entry.pop(name, None)
        if not entry:
            out.pop(lang)
    return out


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    type = forms.ChoiceField(label=_("Type of organisation"), required=False)
    service_type = forms.ChoiceField(label=_("Type of service"), required=False)
    dimension = forms.ChoiceField(label=_("Capacity it builds"), required=False)
    stage = forms.ChoiceField(label=_("Stage it serves"), required=False)
    cost = forms.ChoiceField(label=_("Cost to the SME"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    cross_border = forms.BooleanField(label=_("Works across the border"), required=False)
    rsg = forms.BooleanField(label=_("In the Regional Stakeholder Group"), required=False)

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "region", _any(regions))
        _set_choices(self, "type", _any(OrganisationType.choices))
        _set_choices(self, "service_type", _any(ServiceType.choices))
        _set_choices(self, "dimension", _any(_dimension_choices()))
        _set_choices(self, "stage", _any(_stage_choices()))
        _set_choices(self, "cost", _any(Cost.choices))
        _set_choices(self, "language", _any(_language_choices()))


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    type = forms.ChoiceField(label=_("Type of organisation"), choices=OrganisationType.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    country = forms.CharField(label=_("Country code"), max_length=2, required=False)
    cross_border = forms.BooleanField(label=_("Works across the border"), required=False)
    cross_border_countries = forms.CharField(
        label=_("With which countries"),
        required=False,
        help_text=_("Country codes separated by commas, e.g. HR, SI"),
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=_language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contact = forms.CharField(label=_("Public contact"), max_length=200, required=False)
    rsg_member = forms.BooleanField(label=_("In the Regional Stakeholder Group"), required=False)
    published = forms.BooleanField(label=_("Published (the public sees it)"), required=False)

    TRANSLATED = ("name", "description")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_translation_fields(
            self, {"name": (_("Name"), False), "description": (_("Description"), True)}, self.initial
        )

    @classmethod
    def initial_for(cls, org: Organisation) -> dict[str, Any]:
        data = {name: getattr(org, name) for name in cls.base_fields}
        data["cross_border_countries"] = ", ".join(org.cross_border_countries or [])
        data["translations"] = org.translations or {}
        return data

    def values(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.base_fields}
        data["cross_border_countries"] = [
            c for c in data["cross_border_countries"].replace(";", ",").split(",")
        ]
        data["country"] = data["country"].upper()
        data["translations"] = _translations(self, self.TRANSLATED, self.initial.get("translations"))
        return data


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    service_type = forms.ChoiceField(label=_("Type of service"), choices=ServiceType.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    dimensions = forms.MultipleChoiceField(
        label=_("Capacity dimensions it builds"), widget=forms.CheckboxSelectMultiple, required=False
    )
    stages = forms.MultipleChoiceField(
        label=_("Stages it serves"), widget=forms.CheckboxSelectMultiple, required=False
    )
    cost = forms.ChoiceField(label=_("Cost to the SME"), choices=Cost.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=_language_choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    instrument = forms.ModelChoiceField(
        label=_("Funding policy instrument"), queryset=PolicyInstrument.objects.none(), required=False
    )
    call = forms.ModelChoiceField(label=_("Funding call"), queryset=Call.objects.none(), required=False)
    needs_cross_border = forms.BooleanField(label=_("Needs a partner across the border"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    TRANSLATED = ("name", "description")

    def __init__(self, *args: Any, region: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _add_translation_fields(
            self, {"name": (_("Name"), False), "description": (_("Description"), True)}, self.initial
        )
        _set_choices(self, "dimensions", _dimension_choices())
        _set_choices(self, "stages", _stage_choices())
        instrument = self.fields["instrument"]
        call = self.fields["call"]
        instrument.queryset = PolicyInstrument.objects.filter(region=region)  # type: ignore[attr-defined]
        instrument.label_from_instance = lambda obj: tr(obj, "name")  # type: ignore[attr-defined]
        call.queryset = Call.objects.filter(instrument__region=region)  # type: ignore[attr-defined]
        call.label_from_instance = lambda obj: tr(obj, "title")  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.base_fields}
        data["translations"] = _translations(self, self.TRANSLATED, self.initial.get("translations"))
        return data


class TieForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of tie"), choices=TieKind.choices)
    target = forms.ModelChoiceField(label=_("With"), queryset=Organisation.objects.none())
    strength = forms.TypedChoiceField(
        label=_("Strength"),
        choices=[
            ("", _("Not stated")),
            ("1", _("1 occasional")),
            ("2", _("2 regular")),
            ("3", _("3 strategic")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
    )
    start_date = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets  # type: ignore[attr-defined]
        self.fields["target"].label_from_instance = lambda obj: tr(obj, "name")  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=ImprovementStatus.choices)
    note = forms.CharField(
        label=_("Your wording"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )
    for_action_plan = forms.BooleanField(label=_("Carry into the Action Plan"), required=False)


def _table_file(label: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class DirectoryImportForm(forms.Form):
    """The three files of `interventures ecosystem import`, CSV or XLSX."""

    organisations = _table_file(_("Organisations (ORGS)"))
    services = _table_file(_("Services (SERVICES)"))
    ties = _table_file(_("Ties (TIES)"))
    replace = forms.BooleanField(
        label=_("Replace the region's directory"),
        required=False,
        help_text=_(
            "Removes the region's services and ties, and its organisations that are neither project partners "
            "nor in the files, before importing: the directory becomes what the files say."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("organisations", "services", "ties"):
            upload = data.get(name)
            if upload is not None and not str(upload.name).lower().endswith((".csv", ".xlsx")):
                self.add_error(name, _("Choose a .csv or .xlsx file."))
        return data
