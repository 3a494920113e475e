"""Names of the analysis variables in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventures.apps.common.models import SizeClass
from interventures.core.capacity import load_model
from interventures.core.survey.standard import standard_form

from ..models import AnalysisRun
from ..selectors import run_forms

LISTS = ("barriers", "support", "needs", "size", "nace")


class Labels:
    """Names of the analysis variables in one language: dimensions from the capacity model, answer
    options from the questionnaire the run's campaigns used (a partner's adapted copy may rename or add
    options) over those of the standard questionnaire, the rest translated here."""

    def __init__(self, lang: str, *, run: AnalysisRun | None = None) -> None:
        self.lang = lang
        model = load_model()
        self.dimensions = {d.id: d.name.get(lang) or d.name["en"] for d in model.dimensions}
        forms = [standard_form(), *(run_forms(run=run) if run is not None else [])]
        self.choices: dict[str, dict[str, str]] = {name: {} for name in LISTS}
        for form in forms:
            for name in LISTS:
                for c in form.choices.get(name, ()):
                    self.choices[name][c.name] = c.label.get(lang) or c.label.get("en") or c.name
        self.fixed = {
            "CAP-overall": _("Overall capacity index"),
            "ACT-exports": _("Exporting SMEs"),
            "ACT-imports": _("Importing SMEs"),
            "ACT-cross_border": _("SMEs cooperating across the border"),
            "ACT-export_share": _("Share of exports in turnover, exporters (%)"),
            "PRG-aware": _("Know the programme's calls"),
            "PRG-applied": _("Applied to the programme's calls"),
            "PRG-granted": _("Received a grant from the programme's calls"),
        }

    def of(self, variable: str) -> str:
        if variable in self.fixed:
            return self.fixed[variable]
        section, key = variable.split("-", 1)
        if section == "CAP":
            return self.dimensions.get(key, key)
        if section == "BAR":
            return self.choices["barriers"].get(key, key)
        if section in ("AWA", "USE"):
            return self.choices["support"].get(key, key)
        if section == "NEED":
            return self.choices["needs"].get(key, key)
        return variable

    def size(self, code: str) -> str:
        if code == "other":
            return _("other (pooled for weighting)")
        return self.choices["size"].get(code) or str(dict(SizeClass.choices).get(code, code))

    def sector(self, code: str) -> str:
        if code == "other":
            return _("other (pooled for weighting)")
        return self.choices["nace"].get(code, code)
