from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the tool that uses it."),
    )
    can_write = forms.BooleanField(
        label=_("May create (send responses and tests)"),
        required=False,
        help_text=_("Leave unticked for a token that only reads."),
    )
