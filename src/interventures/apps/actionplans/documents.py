"""An Action Plan as a file: an editable DOCX (python-docx) and a tagged PDF (WeasyPrint lays out an
HTML template, as the Situation Analysis Report and the preparedness result are made), in the
Interreg Europe template's parts and headings, with the evidence listed under each action.

A plan is written in one or more languages, one after the other (English and the region's
language, as the partner defends it before its managing authority): each copy has the interface in
its language and the plan's content in that language where the partner translated it, otherwise in
English, marked as English (`lang`) for spelling checkers and screen readers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from interventures.apps.common.languages import base
from interventures.apps.common.translated import tr

from . import selectors
from .models import Action, ActionPlan, ImprovementType, Indicator


@dataclass(frozen=True)
class Text:
    """A piece of the plan's content and the language it is written in."""

    text: str
    lang: str


def _written(obj: Any, name: str, lang: str) -> Text:
    """What a user wrote (a monitoring entry's progress) in the copy's language: the original when it
    is in that language, else its translation into it, else the original in its own language."""
    source = getattr(obj, "language", "") or "en"
    original = str(getattr(obj, name, "") or "")
    translated = ((getattr(obj, "translations", None) or {}).get(lang) or {}).get(name)
    if source != lang and translated:
        return Text(str(translated), lang)
    return Text(original, source)


def _t(obj: Any, name: str, lang: str) -> Text:
    translated = ((getattr(obj, "translations", None) or {}).get(lang) or {}).get(name)
    if translated:
        return Text(str(translated), lang)
    value = getattr(obj, name, "")
    return Text("" if value is None else str(value), "en")


@dataclass(frozen=True)
class IndicatorView:
    name: Text
    unit: Text
    baseline: str
    target: str
    source: Text


@dataclass(frozen=True)
class EvidenceView:
    kind: str
    key: str
    label: str
    note: Text
    flag: str


@dataclass(frozen=True)
class ActionView:
    number: int
    title: Text
    background: Text
    description: Text
    players: str
    timeframe: Text
    costs: str
    funding: Text
    indicators: list[IndicatorView]
    evidence: list[EvidenceView]
    monitoring: list[tuple[str, str, Text]]  # date, status, progress


@dataclass(frozen=True)
class PlanView:
    """The plan as one language's copy shows it (built under that language's translation)."""

    lang: str
    rows: list[tuple[str, str]]
    instrument: str
    improvement: str
    context: Text
    actions: list[ActionView] = field(default_factory=list)


def plan_languages(plan: ActionPlan, requested: Sequence[str] = ()) -> list[str]:
    """The languages of a copy: those requested that the platform has, else English and the
    region's languages (without repeats, in that order)."""
    known = {code for code, _name in settings.LANGUAGES}
    wanted = [base(c) for c in requested] or ["en", *(base(c) for c in plan.region.languages or [])]
    out: list[str] = []
    for code in wanted:
        if code in known and code not in out:
            out.append(code)
    return out or ["en"]


def _amount(value: Any, places: int = 2) -> str:
    return (
        "–" if value is None else number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    )


def _number(value: Any) -> str:
    text = format(value.normalize(), "f") if value is not None else ""
    if not text:
        return "–"
    places = len(text.split(".")[1]) if "." in text else 0
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def _indicator(i: Indicator, lang: str) -> IndicatorView:
    return IndicatorView(
        name=_t(i, "name", lang),
        unit=_t(i, "unit", lang),
        baseline=_number(i.baseline),
        target=_number(i.target),
        source=_t(i, "source", lang),
    )


def _action(n: int, a: Action, lang: str) -> ActionView:
    evidence = []
    for row in selectors.evidence_rows(a):
        flag = ""
        if row.freshness == "changed":
            flag = _("changed since it was cited")
        elif row.freshness == "gone":
            flag = _("no longer exists")
        evidence.append(
            EvidenceView(
                kind=row.kind_label,
                key=row.evidence.target_key,
                label=row.label,
                note=Text(row.evidence.note, row.evidence.language),
                flag=flag,
            )
        )
    return ActionView(
        number=n,
        title=_t(a, "title", lang),
        background=_t(a, "background", lang),
        description=_t(a, "description", lang),
        players=", ".join(tr(o, "name", lang) for o in a.players.all()) or "–",
        timeframe=_t(a, "timeframe", lang),
        costs=_amount(a.costs),
        funding=_t(a, "funding", lang),
        indicators=[_indicator(i, lang) for i in a.indicators.all()],
        evidence=evidence,
        monitoring=[
            (
                date_format(m.date, "SHORT_DATE_FORMAT"),
                str(m.get_status_display()),
                _written(m, "progress", lang),
            )
            for m in sorted(a.monitoring.all(), key=lambda m: (m.date, m.pk))
        ],
    )


def plan_view(plan: ActionPlan, *, lang: str) -> PlanView:
    """One language's copy of the plan (call it under `translation.override(lang)`)."""
    organisation = tr(plan.organisation, "name", lang) if plan.organisation is not None else "–"
    others = ", ".join(sorted(tr(o, "name", lang) for o in plan.other_organisations.all())) or "–"
    return PlanView(
        lang=lang,
        rows=[
            (_("Project"), "INTER VENTURES"),
            (_("Partner organisation"), organisation),
            (_("Other partner organisations involved"), others),
            (_("Country"), ", ".join(plan.region.countries or []) or "–"),
            (_("NUTS region"), tr(plan.region, "name", lang)),
            (_("Contact person"), plan.contact or "–"),
        ],
        instrument=tr(plan.instrument, "name", lang),
        improvement=str(dict(ImprovementType.choices).get(plan.improvement_type, "–")),
        context=_t(plan, "context", lang),
        actions=[_action(n, a, lang) for n, a in enumerate(plan.actions.all(), start=1)],
    )


def _views(plan: ActionPlan, languages: Sequence[str]) -> list[tuple[PlanView, dict[str, str]]]:
    """Each language's copy with the headings it is written under."""
    out = []
    for lang in languages:
        with translation.override(lang):
            out.append(
                (
                    plan_view(plan, lang=lang),
                    {
                        "title": _("Action Plan"),
                        "demo": _("Synthetic demo content: not a real Action Plan.") if plan.is_demo else "",
                        "part1": _("Part I – General information"),
                        "part2": _("Part II – Policy context"),
                        "part3": _("Part III – Details of the actions envisaged"),
                        "instrument": _("Policy instrument addressed"),
                        "improvement": _("Type of improvement"),
                        "background": _("Background"),
                        "action": _("Action"),
                        "players": _("Players involved"),
                        "timeframe": _("Timeframe"),
                        "costs": _("Costs (EUR)"),
                        "funding": _("Funding sources"),
                        "indicators": _("Indicators"),
                        "indicator": _("Indicator"),
                        "unit": _("Unit"),
                        "baseline": _("Baseline"),
                        "target": _("Target"),
                        "source": _("Source"),
                        "evidence": _("Evidence"),
                        "monitoring": _("Monitoring"),
                        "no_action": _("No action yet."),
                        "status": str(plan.get_status_display()),
                        "region": tr(plan.region, "name", lang),
                    },
                )
            )
    return out


def action_heading(lang: str, number: int, title: str) -> str:
    with translation.override(lang):
        return _("Action %(n)s: %(title)s") % {"n": number, "title": title}


# ---- DOCX ----------------------------------------------------------------------------------------


def _mark_runs(runs: Sequence[Any], lang: str) -> None:
    """Mark runs with the language they are written in (spelling, speech)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for run in runs:
        marker = OxmlElement("w:lang")
        marker.set(qn("w:val"), lang)
        run._element.get_or_add_rPr().append(marker)


def _mark(paragraph: Any, lang: str) -> Any:
    _mark_runs(paragraph.runs, lang)
    return paragraph


def plan_docx(plan: ActionPlan, *, lang: str = "", languages: Sequence[str] = ()) -> bytes:
    """The plan as DOCX: one copy per language, one after the other (a page break between)."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    langs = list(languages) or [lang or "en"]
    d = Document()
    d.styles["Normal"].font.name = "DejaVu Sans"
    d.styles["Normal"].font.size = Pt(10)
    d.core_properties.language = langs[0]
    for copy_no, (view, h) in enumerate(_views(plan, langs)):
        if copy_no:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _mark(d.add_heading(f"{h['title']}: {h['region']}", level=0), view.lang)
        if copy_no == 0:
            d.core_properties.title = f"{h['title']}: {h['region']}"
        _mark(d.add_paragraph(h["status"]), view.lang)
        if h["demo"]:
            _mark(d.add_paragraph(h["demo"]), view.lang)
        _mark(d.add_heading(h["part1"], level=1), view.lang)
        table = d.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in view.rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        _mark(d.add_heading(h["part2"], level=1), view.lang)
        _mark(d.add_paragraph(f"{h['instrument']}: {view.instrument}"), view.lang)
        _mark(d.add_paragraph(f"{h['improvement']}: {view.improvement}"), view.lang)
        _mark(d.add_paragraph(view.context.text), view.context.lang)
        _mark(d.add_heading(h["part3"], level=1), view.lang)
        if not view.actions:
            _mark(d.add_paragraph(h["no_action"]), view.lang)
        for a in view.actions:
            _mark(d.add_heading(action_heading(view.lang, a.number, a.title.text), level=2), a.title.lang)
            for field_label, content in (
                (h["background"], a.background),
                (h["action"], a.description),
                (h["players"], Text(a.players, view.lang)),
                (h["timeframe"], a.timeframe),
                (h["costs"], Text(a.costs, view.lang)),
                (h["funding"], a.funding),
            ):
                p = d.add_paragraph()
                lead = p.add_run(f"{field_label}: ")
                lead.bold = True
                _mark_runs([lead], view.lang)
                _mark_runs([p.add_run(content.text or "–")], content.lang)
            if a.indicators:
                _mark(d.add_heading(h["indicators"], level=3), view.lang)
                t = d.add_table(rows=1, cols=5)
                t.style = "Table Grid"
                heads = (h["indicator"], h["unit"], h["baseline"], h["target"], h["source"])
                for cell, heading in zip(t.rows[0].cells, heads, strict=True):
                    cell.text = heading
                for i in a.indicators:
                    cells = t.add_row().cells
                    values = (i.name.text, i.unit.text, i.baseline, i.target, i.source.text)
                    for cell, value in zip(cells, values, strict=True):
                        cell.text = value
            if a.evidence:
                _mark(d.add_heading(h["evidence"], level=3), view.lang)
                for e in a.evidence:
                    text = f"{e.kind}: {e.label}" + (f" ({e.key})" if e.label != e.key else "")
                    if e.note.text:
                        text += f" – {e.note.text}"
                    if e.flag:
                        text += f" [{e.flag}]"
                    d.add_paragraph(text, style="List Bullet")
            if a.monitoring:
                _mark(d.add_heading(h["monitoring"], level=3), view.lang)
                for date, status, progress in a.monitoring:
                    p = d.add_paragraph(style="List Bullet")
                    _mark_runs([p.add_run(f"{date}: {status}")], view.lang)
                    if progress.text:
                        _mark_runs([p.add_run(f" – {progress.text}")], progress.lang)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ---- PDF -----------------------------------------------------------------------------------------


def plan_html(plan: ActionPlan, *, languages: Sequence[str]) -> str:
    """Standalone HTML of the copies (the PDF's layout); each copy is marked with its language."""
    copies = []
    for view, h in _views(plan, languages):
        with translation.override(view.lang):
            copies.append(
                render_to_string(
                    "actionplans/_plan_print_copy.html",
                    {"view": view, "h": h, "plan": plan, "headings": _headings(view)},
                )
            )
    with translation.override(languages[0]):
        return render_to_string(
            "actionplans/plan_print.html",
            {"copies": copies, "lang": languages[0], "title": _views_title(plan, languages[0])},
        )


def _headings(view: PlanView) -> dict[int, str]:
    return {a.number: action_heading(view.lang, a.number, a.title.text) for a in view.actions}


def _views_title(plan: ActionPlan, lang: str) -> str:
    with translation.override(lang):
        return f"{_('Action Plan')}: {tr(plan.region, 'name', lang)}"


def plan_pdf(plan: ActionPlan, *, lang: str = "", languages: Sequence[str] = ()) -> bytes:
    """The plan as a tagged PDF (PDF/UA-1: headings, tables and the language of each copy are
    marked for screen readers). Built on each download: a plan is a few pages."""
    from weasyprint import HTML

    html = plan_html(plan, languages=list(languages) or [lang or "en"])
    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
