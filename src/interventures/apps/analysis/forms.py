from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import CONCLUSIONS_MAX_CHARS, SWOT_POINT_MAX_CHARS, SWOT_POINTS_MAX

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Room for the largest list allowed, one point per line; longer text is refused before it is split.
SWOT_FIELD_MAX_CHARS = SWOT_POINTS_MAX * (SWOT_POINT_MAX_CHARS + 1)


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def _swot_field(label: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=SWOT_FIELD_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One point per line."),
    )


class SituationReportForm(forms.Form):
    strengths = _swot_field(_("Strengths"))
    weaknesses = _swot_field(_("Weaknesses"))
    opportunities = _swot_field(_("Opportunities"))
    threats = _swot_field(_("Threats"))
    conclusions = forms.CharField(
        label=_("Conclusions"),
        required=False,
        max_length=CONCLUSIONS_MAX_CHARS,
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

    def _clean_points(self, key: str) -> str:
        text: str = self.cleaned_data[key]
        points = _lines(text)
        if len(points) > SWOT_POINTS_MAX:
            raise forms.ValidationError(
                _("At most %(max)s points, one per line; this list has %(count)s.")
                % {"max": SWOT_POINTS_MAX, "count": len(points)}
            )
        for number, point in enumerate(points, 1):
            if len(point) > SWOT_POINT_MAX_CHARS:
                raise forms.ValidationError(
                    _("Point %(number)s has %(length)s characters; a point may have at most %(max)s.")
                    % {"number": number, "length": len(point), "max": SWOT_POINT_MAX_CHARS}
                )
        return text

    def clean_strengths(self) -> str:
        return self._clean_points("strengths")

    def clean_weaknesses(self) -> str:
        return self._clean_points("weaknesses")

    def clean_opportunities(self) -> str:
        return self._clean_points("opportunities")

    def clean_threats(self) -> str:
        return self._clean_points("threats")

    def swot(self) -> dict[str, list[str]]:
        return {
            k: _lines(self.cleaned_data[k]) for k in ("strengths", "weaknesses", "opportunities", "threats")
        }
