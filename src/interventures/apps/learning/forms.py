"""Forms of the learning pages: they parse input; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.forms import choice_field
from interventures.core.learning.transferability import CRITERIA, SCALE_MAX, SCALE_MIN

from . import labels
from .models import GoodPractice, PracticeStatus

CRITERION_LABELS = {
    "instrument_fit": _("Fit with the region's policy instrument"),
    "resources": _("Resources available"),
    "stakeholders": _("Stakeholder support"),
    "legal_fit": _("Legal and administrative fit"),
    "gap_effect": _("Expected effect on the region's measured gaps"),
}
SCALE = [
    ("", _("not scored")),
    ("0", _("0 – not at all")),
    ("1", _("1 – weak")),
    ("2", _("2 – partial")),
    ("3", _("3 – good")),
    ("4", _("4 – full")),
]


class PracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    region = forms.ChoiceField(label=_("Partner region"), required=False)
    dimension = forms.ChoiceField(label=_("Capacity dimension"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    barrier = forms.ChoiceField(label=_("Barrier"), required=False)
    service = forms.ChoiceField(label=_("Service type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every: list[tuple[str, Any]] = [("", _("all"))]
        choice_field(self, "region").choices = every + regions
        choice_field(self, "dimension").choices = every + labels.dimensions()
        choice_field(self, "stage").choices = every + labels.stages()
        choice_field(self, "barrier").choices = every + labels.barriers()
        choice_field(self, "service").choices = every + labels.services()
        choice_field(self, "status").choices = every + list(PracticeStatus.choices)


class TransferabilityForm(forms.Form):
    final = forms.BooleanField(
        label=_("Final: every criterion is scored and the assessment is shown beside the other regions'"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            name = criterion.value
            self.fields[name] = forms.TypedChoiceField(
                label=CRITERION_LABELS[name],
                choices=SCALE,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{name}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for criterion in CRITERIA:
            value = data.get(criterion.value)
            if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
                self.add_error(criterion.value, _("Choose a score from 0 to 4."))
        if data.get("final") and any(data.get(c.value) is None for c in CRITERIA):
            self.add_error("final", _("A final assessment scores every criterion."))
        return data

    def scores(self) -> dict[str, int | None]:
        return {c.value: self.cleaned_data.get(c.value) for c in CRITERIA}

    def notes(self) -> dict[str, str]:
        return {c.value: self.cleaned_data.get(f"{c.value}_note") or "" for c in CRITERIA}

    def criterion_rows(self) -> list[tuple[Any, Any]]:
        return [(self[c.value], self[f"{c.value}_note"]) for c in CRITERIA]


class PracticeForm(forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "region",
            "organisation",
            "country",
            "origin_region",
            "problem",
            "description",
            "resources",
            "timescale",
            "evidence",
            "difficulties",
            "transfer",
            "contact",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ("problem", "description", "resources", "evidence", "difficulties", "transfer")
        }


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
