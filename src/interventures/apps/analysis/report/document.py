"""The Situation Analysis Report of one region as plain content, laid out from its sections.

Sections 1–6, 9 and 10 are the analysis app's own (one builder per module in sections/). Any other
number (7 key players, 8 good practices) is written by the domain app that registered it in
apps/common/sections.py; a number nobody registered says that the part is not yet available."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interventures.apps.common import versions
from interventures.apps.common.documents import KEEP_SECONDS, layout_version
from interventures.apps.common.models import Region
from interventures.apps.common.sections import (
    Chart,
    Paragraph,
    Section,
    SectionContext,
    build_section,
    registered_numbers,
    section_provider,
    sections_state,
)
from interventures.apps.common.translated import tr
from interventures.apps.partnership.selectors import region_names
from interventures.core.situation.analysis import figure_id

from ..models import AnalysisRun, SituationReport
from ..selectors import run_latest, run_latest_by_region
from .context import ReportContext
from .sections import activity, barriers, capacity, conclusions, context, sample, support, swot


@dataclass
class SituationDocument:
    region: Region
    lang: str
    title: str
    subtitle: str
    notes: list[str]
    sections: list[Section]
    run: AnalysisRun | None
    report: SituationReport | None
    is_demo: bool
    generated_at: dt.datetime
    key: str = ""
    """What the document was built from, as a cache key (pages keep their rendered sections under it)."""

    def charts(self) -> Iterable[Chart]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Chart):
                    yield block


OWN: dict[int, Callable[[ReportContext], Section]] = {
    1: context.build,
    2: sample.build,
    3: activity.build,
    4: capacity.build,
    5: barriers.build,
    6: support.build,
    9: swot.build,
    10: conclusions.build,
}
"""The analysis app's own sections, by number."""

PENDING = {
    7: (
        "players",
        gettext_lazy("Key players"),
        gettext_lazy(
            "The directory of the regional ecosystem (support organisations and their services) is not yet available on the platform; this section will list the key players once it is."
        ),
    ),
    8: (
        "practices",
        gettext_lazy("Good practices relevant to the gaps"),
        gettext_lazy(
            "The good-practice collection is not yet available on the platform; this section will show the practices relevant to the gaps found above once it is."
        ),
    ),
}
"""Sections that another domain writes, and what the report says until that domain registers them."""


FROM_FIGURES = (2, 3, 4, 5, 6)
"""Sections written from the stored figures alone: the same until a run of this or another region is
made, so they are kept in the cache (charts and tables take most of a report's time to build)."""


def _from_figures(number: int, ctx: ReportContext) -> Section:
    digest = hashlib.sha256(ctx.fingerprint.encode()).hexdigest()[:32]
    key = f"iv-sar:{layout_version()}:{number}:{digest}"
    found = cache.get(key)
    if isinstance(found, Section):
        return found
    section = OWN[number](ctx)
    cache.set(key, section, KEEP_SECONDS)
    return section


def build_document(*, region: Region, lang: str, report: SituationReport | None) -> SituationDocument:
    """The report as it stands. The whole document is kept in the cache under a key made of the
    figures' fingerprint (the runs, language and minimum cell), which report text it shows, the
    content version (common/versions.py: any write of the partnership, the registered sections'
    apps or the report's texts changes it) and the layout version."""
    with translation.override(lang):
        run = run_latest(region=region)
        ctx = ReportContext(
            region=region,
            lang=lang,
            report=report,
            run=run,
            other_runs={code: r for code, r in run_latest_by_region().items() if code != region.code},
            region_names=region_names(lang),
        )
        shown = f"{report.pk}:{report.published}" if report is not None else "-"
        content = f"{ctx.fingerprint}|{shown}|{versions.token()}|{sections_state(region)}"
        key = f"iv-sar-doc:{layout_version()}:{hashlib.sha256(content.encode()).hexdigest()[:32]}"
        found = cache.get(key)
        if isinstance(found, SituationDocument):
            return replace(found, generated_at=timezone.now())
        document = replace(_build(ctx), key=key)
        cache.set(key, document, KEEP_SECONDS)
        return document


def _build(ctx: ReportContext) -> SituationDocument:
    region, lang, report, run = ctx.region, ctx.lang, ctx.report, ctx.run
    sections = []
    for number in sorted({*OWN, *PENDING, *registered_numbers()}):
        provider = section_provider(number)
        if number in FROM_FIGURES:
            sections.append(_from_figures(number, ctx))
        elif number in OWN:
            sections.append(OWN[number](ctx))
        elif provider is not None:
            sections.append(
                build_section(provider, SectionContext(region=region, lang=lang, figures=ctx.figures))
            )
        else:
            anchor, title, text = PENDING[number]
            sections.append(Section(number, anchor, str(title), [Paragraph(str(text), note=True)]))
    notes = [
        _("Every figure carries a stable identifier (e.g. %(example)s) that an Action Plan can cite.")
        % {"example": figure_id(region.code, "CAP-strategy")}
    ]
    if report is not None and not report.published:
        notes.append(_("Draft: not published."))
    return SituationDocument(
        region=region,
        lang=lang,
        title=_("Situation Analysis Report: %(region)s") % {"region": tr(region, "name", lang)},
        subtitle=_("SME internationalisation in the region, from the INTER VENTURES survey of SMEs"),
        notes=notes,
        sections=sections,
        run=run,
        report=report,
        is_demo=bool(run and run.is_demo) or bool(report and report.is_demo),
        generated_at=timezone.now(),
    )
