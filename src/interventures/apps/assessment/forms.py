"""Forms of the preparedness test: the SME's profile, one page of items, the partner's filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.forms import choice_field
from interventures.apps.common.models import Region, sme_choices
from interventures.core import capacity

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OTHER_REGION = "other"


class StartForm(forms.Form):
    """Who is taking the test: region (one of the five, or another EU border region), size, sector."""

    region = forms.ChoiceField(label=_("Your region"), widget=forms.RadioSelect)
    country = forms.CharField(
        label=_("Country code"),
        required=False,
        max_length=2,
        help_text=_("Two letters, as in NUTS codes, e.g. SK or AT."),
    )
    nuts3 = forms.CharField(
        label=_("NUTS 3 code of your region"),
        required=False,
        max_length=5,
        help_text=_("Five characters, e.g. SK042."),
    )
    size_class = forms.ChoiceField(
        label=_("Size of your enterprise"), choices=sme_choices, widget=forms.RadioSelect
    )
    sector = forms.ChoiceField(label=_("Main sector of activity (NACE section)"))

    def __init__(
        self, *args: Any, regions: Sequence[Region], sectors: Sequence[tuple[str, str]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.regions = {r.code: r for r in regions}
        choice_field(self, "region").choices = [(r.code, r.label) for r in regions] + [
            (OTHER_REGION, _("Another EU border region"))
        ]
        choice_field(self, "sector").choices = [("", _("Choose a sector"))] + [
            (code, f"{code} – {title}") for code, title in sectors
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("region") == OTHER_REGION:
            country = (data.get("country") or "").strip().upper()
            nuts3 = (data.get("nuts3") or "").strip().upper()
            if len(country) != 2 or not country.isalpha():
                self.add_error("country", _("Give the two-letter country code."))
            if len(nuts3) != 5 or not nuts3.startswith(country):
                self.add_error(
                    "nuts3", _("Give the five-character NUTS 3 code; it starts with the country code.")
                )
            data["country"], data["nuts3"] = country, nuts3
        return data

    def region_object(self) -> Region | None:
        return self.regions.get(self.cleaned_data["region"])


class PageForm(forms.Form):
    """The items of one dimension, a radio group each; every item may be left unanswered."""

    def __init__(
        self, *args: Any, items: Sequence[capacity.Item], lang: str, dont_know_label: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for item in items:
            choices = [(o.id, o.label[lang]) for o in item.options]
            if item.allow_dont_know:
                choices.append((capacity.DONT_KNOW, dont_know_label))
            self.fields[item.id] = forms.ChoiceField(
                label=item.text[lang],
                help_text=item.help.get(lang, ""),
                choices=choices,
                required=False,
                widget=forms.RadioSelect(attrs={"data-autosave": "1"}),
            )

    def answers(self) -> dict[str, str]:
        return {item_id: value for item_id, value in self.cleaned_data.items() if value}


class RegionFilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    size_class = forms.ChoiceField(label=_("Size"), required=False)

    def __init__(
        self, *args: Any, stages: Sequence[tuple[str, str]], sectors: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        every: list[tuple[str, StrOrPromise]] = [("", _("All"))]
        choice_field(self, "stage").choices = every + list(stages)
        choice_field(self, "sector").choices = every + [
            (code, f"{code} – {title}") for code, title in sectors
        ]
        choice_field(self, "size_class").choices = every + sme_choices()
