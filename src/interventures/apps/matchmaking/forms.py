"""The partner-search profile form."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.languages import current
from interventures.apps.common.models import sme_choices
from interventures.core.capacity import load_model
from interventures.core.matching import TaxonomyError
from interventures.reference.countries import country_name, country_names

from .engine import taxonomy
from .models import Cooperation, OfferKind

# Working languages offered: the platform's seven and those of the border regions' neighbours.
WORKING_LANGUAGES = (
    "en",
    "hu",
    "hr",
    "it",
    "pl",
    "es",
    "lt",
    "de",
    "sk",
    "sl",
    "sr",
    "ro",
    "cs",
    "fr",
    "pt",
    "lv",
    "uk",
    "ru",
)
ENDONYMS = {
    "en": "English", "hu": "magyar", "hr": "hrvatski", "it": "italiano", "pl": "polski", "es": "español",
    "lt": "lietuvių", "de": "Deutsch", "sk": "slovenčina", "sl": "slovenščina", "sr": "srpski",
    "ro": "română", "cs": "čeština", "fr": "français", "pt": "português", "lv": "latviešu",
    "uk": "українська", "ru": "русский",
}  # fmt: skip
_NUTS3 = re.compile(r"^[A-Z]{2}[0-9A-Z]{3}$")


def _countries() -> list[tuple[str, str]]:
    lang = current()
    return sorted(((code, country_name(code, lang)) for code in country_names()), key=lambda c: c[1])


def _stages() -> list[tuple[str, Any]]:
    lang = current()
    return [("", _("Not known yet"))] + [
        (s.id, s.name.get(lang) or s.name["en"]) for s in load_model().stages
    ]


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name shown to partners"), max_length=200)
    country = forms.ChoiceField(label=_("Country"))
    nuts3 = forms.CharField(
        label=_("NUTS 3 code of your region"),
        required=False,
        max_length=5,
        help_text=_("Five characters, e.g. HU231."),
    )
    size_class = forms.ChoiceField(
        label=_("Size of your enterprise"), choices=[("", "–"), *sme_choices()], required=False
    )
    nace = forms.CharField(
        label=_("Your activities (NACE codes)"),
        required=False,
        max_length=200,
        help_text=_("Separated by semicolons, any level, e.g. C; 1071; 6201."),
    )
    year_founded = forms.IntegerField(label=_("Year founded"), required=False, min_value=1800, max_value=2100)
    languages = forms.MultipleChoiceField(
        label=_("Languages your team works in"),
        choices=[(c, ENDONYMS[c]) for c in WORKING_LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    stage = forms.ChoiceField(
        label=_("Readiness stage"), required=False, help_text=_("From your preparedness test.")
    )
    offers = forms.CharField(
        label=_("What you offer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("In your own words, in any of the platform's languages."),
    )
    offer_kinds = forms.MultipleChoiceField(
        label=_("You offer"), choices=OfferKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    seeks = forms.CharField(
        label=_("What you look for"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    seek_kinds = forms.MultipleChoiceField(
        label=_("You look for"),
        choices=OfferKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cooperation = forms.MultipleChoiceField(
        label=_("Kinds of cooperation you seek"),
        choices=Cooperation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: any kind."),
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Countries where you look for partners"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: the neighbouring country of your cross-border programme area."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)
    published = forms.BooleanField(
        label=_(
            "Publish my profile so that partners can find it (contact details stay hidden until both sides agree to meet)"
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = _countries()
        self.fields["country"].choices = countries  # type: ignore[attr-defined]
        self.fields["target_countries"].choices = countries  # type: ignore[attr-defined]
        self.fields["stage"].choices = _stages()  # type: ignore[attr-defined]

    def clean_nuts3(self) -> str:
        value = str(self.cleaned_data.get("nuts3") or "").strip().upper()
        if value and not _NUTS3.match(value):
            raise forms.ValidationError(_("A NUTS 3 code has five characters, e.g. HU231."))
        return value

    def clean_nace(self) -> list[str]:
        out = []
        for code in str(self.cleaned_data.get("nace") or "").split(";"):
            if not code.strip():
                continue
            try:
                out.append(taxonomy().normalise(code))
            except TaxonomyError as exc:
                raise forms.ValidationError(
                    _("%(code)s is not a NACE Rev. 2 code."), params={"code": code.strip()}
                ) from exc
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        nuts3, country = data.get("nuts3"), data.get("country")
        if nuts3 and country and not nuts3.startswith(country):
            self.add_error("nuts3", _("This NUTS 3 region is not in the country you chose."))
        return data
