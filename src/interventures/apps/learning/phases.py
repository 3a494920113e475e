"""The project's phases as this platform is configured: the project's dates are the source's
(partnership.Project, from reference/data/partnership.yaml); where phase 1 ends is not in the source,
so it is a setting (INTERVENTURES_PHASE_1_END) and every page that uses it says so."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from interventures.apps.partnership.selectors import project_get
from interventures.core.learning.plan import PROJECT_END, PROJECT_START, Phases

SETTING = "INTERVENTURES_PHASE_1_END"


def project_phases() -> Phases:
    """The project's span with the configured end of phase 1, or none (ImproperlyConfigured when the
    setting is not a day inside the project)."""
    project = project_get()
    start = getattr(project, "start_date", None) or PROJECT_START
    end = getattr(project, "end_date", None) or PROJECT_END
    raw = str(getattr(settings, SETTING, "") or "").strip()
    try:
        phase_1_end = dt.date.fromisoformat(raw) if raw else None
        return Phases(start=start, end=end, phase_1_end=phase_1_end)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{SETTING}={raw!r}: give a day (YYYY-MM-DD) within the project, before its last day"
        ) from exc
