"""The audit log's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.forms import choice_field
from interventures.apps.common.models import Region

from .models import Area, Kind


class AuditFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False, choices=())
    kind = forms.ChoiceField(label=_("What"), required=False, choices=())
    actor = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects.none())
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("all"))]
        choice_field(self, "area").choices = every + list(Area.choices)
        choice_field(self, "kind").choices = every + list(Kind.choices)
        region = self.fields["region"]
        if not isinstance(region, forms.ModelChoiceField):  # declared above: never
            raise TypeError(region)
        region.queryset = Region.objects.filter(partner=True).order_by("name")
        region.empty_label = str(_("all"))
