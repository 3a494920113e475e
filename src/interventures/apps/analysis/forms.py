from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class SituationReportForm(forms.Form):
    strengths = forms.CharField(
        label=_("Strengths"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One point per line."),
    )
    weaknesses = forms.CharField(
        label=_("Weaknesses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One point per line."),
    )
    opportunities = forms.CharField(
        label=_("Opportunities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One point per line."),
    )
    threats = forms.CharField(
        label=_("Threats"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One point per line."),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Separate paragraphs with an empty line."),
    )
    published = forms.BooleanField(label=_("Published (visible to the public)"), required=False)

    @classmethod
    def initial_from(cls, swot: dict[str, list[str]], conclusions: str, published: bool) -> dict[str, Any]:
        return {
            **{k: "\n".join(v) for k, v in swot.items()},
            "conclusions": conclusions,
            "published": published,
        }

    def swot(self) -> dict[str, list[str]]:
        return {
            k: _lines(self.cleaned_data[k]) for k in ("strengths", "weaknesses", "opportunities", "threats")
        }
