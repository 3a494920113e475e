"""The forms an enterprise fills to get an account of its own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.forms import choice_field
from interventures.reference.countries import country_name, country_names

from .consent import CONSENT_TEXT


def _country_choices() -> list[tuple[str, str]]:
    lang = get_language() or "en"
    codes = sorted(country_names(), key=lambda code: country_name(code, lang))
    return [("", "—")] + [(code, country_name(code, lang)) for code in codes]


class SignupForm(UserCreationForm):
    """An SME's account: a user name, an e-mail address to confirm, the enterprise and its country."""

    email = forms.EmailField(label=_("E-mail address"), help_text=_("We send a link there to confirm it."))
    company = forms.CharField(label=_("Name of your enterprise"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=())
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    field_order = ["username", "email", "company", "country", "password1", "password2", "consent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "country").choices = _country_choices()
        # Django's own help texts are not translated into every platform language; these are.
        self.fields["username"].help_text = _("Letters, digits and @ . + - _, up to 150 characters.")
        self.fields["password1"].help_text = _(
            "At least 8 characters; not a common password, not only digits, not like your user name."
        )


class AccountDeleteForm(forms.Form):
    """Deleting one's account: the password confirms it is the holder."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ConsentForm(forms.Form):
    """Agreeing to a new version of the consent text."""

    agree = forms.BooleanField(label=_("I agree to this text"), required=True)
