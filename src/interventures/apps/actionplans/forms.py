"""Forms of the guided steps; choices are set from the plan's data in `__init__`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.forms import choice_field
from interventures.apps.partnership.models import Organisation

from . import evidence as kinds
from .models import ActionStatus, ChangeKind, ImprovementType


def _model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a ModelChoiceField")
    return field


class ContextForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Partner organisation"), required=False
    )
    other_organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), label=_("Other partner organisations involved"), required=False
    )
    contact = forms.CharField(label=_("Contact person"), max_length=300, required=False)
    improvement_type = forms.ChoiceField(label=_("Type of improvement"), required=False)
    context = forms.CharField(
        label=_("Policy context"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("organisation", "other_organisations"):
            _model_choice(self, name).queryset = organisations
        choice_field(self, "improvement_type").choices = [("", "—"), *ImprovementType.choices]


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    background = forms.CharField(
        label=_("Background: the lessons learnt that inspired it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    description = forms.CharField(
        label=_("The action"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"))
    key = forms.CharField(label=_("Identifier"), max_length=160)
    note = forms.CharField(label=_("How it supports the action"), max_length=400, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = [(k.code, k.label) for k in kinds.KINDS.values()]


class MoneyForm(forms.Form):
    players = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), label=_("Players involved"), required=False
    )
    timeframe = forms.CharField(label=_("Timeframe"), max_length=200, required=False)
    costs = forms.DecimalField(
        label=_("Costs (EUR)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    funding = forms.CharField(label=_("Funding sources"), max_length=400, required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self, "players").queryset = organisations


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    source = forms.CharField(label=_("Source"), max_length=300)


class CommentForm(forms.Form):
    section = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class MonitoringForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    obstacles = forms.CharField(
        label=_("Obstacles"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    evidence_url = forms.URLField(label=_("Evidence (link)"), required=False)


class ImprovementForm(forms.Form):
    kind = forms.ChoiceField(label=_("What changed"), choices=ChangeKind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    funds_influenced = forms.DecimalField(
        label=_("Structural Funds influenced (EUR)"), max_digits=16, decimal_places=2, min_value=0
    )
    evidence_url = forms.URLField(label=_("Evidence (link)"), required=False)
