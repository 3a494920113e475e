"""Forms of the learning pages: they parse input; services write."""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from interventures.apps.common.forms import choice_field
from interventures.apps.common.translated import tr
from interventures.apps.partnership.models import Organisation
from interventures.core.learning.transferability import CRITERIA, SCALE_MAX, SCALE_MIN

from . import labels
from .models import (
    PRACTICE_TEXT,
    Event,
    FastTrackInitiative,
    Gender,
    GoodPractice,
    PracticeStatus,
    StakeholderType,
)

CRITERION_LABELS = {
    "instrument_fit": _("Fit with the region's policy instrument"),
    "resources": _("Resources available"),
    "stakeholders": _("Stakeholder support"),
    "legal_fit": _("Legal and administrative fit"),
    "gap_effect": _("Expected effect on the region's measured gaps"),
}
SCALE = [
    ("", _("not scored")),
    ("0", _("0 – not at all")),
    ("1", _("1 – weak")),
    ("2", _("2 – partial")),
    ("3", _("3 – good")),
    ("4", _("4 – full")),
]


class PracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    region = forms.ChoiceField(label=_("Partner region"), required=False)
    dimension = forms.ChoiceField(label=_("Capacity dimension"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    barrier = forms.ChoiceField(label=_("Barrier"), required=False)
    service = forms.ChoiceField(label=_("Service type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every: list[tuple[str, Any]] = [("", _("all"))]
        choice_field(self, "region").choices = every + regions
        choice_field(self, "dimension").choices = every + labels.dimensions()
        choice_field(self, "stage").choices = every + labels.stages()
        choice_field(self, "barrier").choices = every + labels.barriers()
        choice_field(self, "service").choices = every + labels.services()
        choice_field(self, "status").choices = every + list(PracticeStatus.choices)


class TransferabilityForm(forms.Form):
    final = forms.BooleanField(
        label=_("Final: every criterion is scored and the assessment is shown beside the other regions'"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            name = criterion.value
            self.fields[name] = forms.TypedChoiceField(
                label=CRITERION_LABELS[name],
                choices=SCALE,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{name}_note"] = forms.CharField(
                label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for criterion in CRITERIA:
            value = data.get(criterion.value)
            if value is not None and not SCALE_MIN <= value <= SCALE_MAX:
                self.add_error(criterion.value, _("Choose a score from 0 to 4."))
        if data.get("final") and any(data.get(c.value) is None for c in CRITERIA):
            self.add_error("final", _("A final assessment scores every criterion."))
        return data

    def scores(self) -> dict[str, int | None]:
        return {c.value: self.cleaned_data.get(c.value) for c in CRITERIA}

    def notes(self) -> dict[str, str]:
        return {c.value: self.cleaned_data.get(f"{c.value}_note") or "" for c in CRITERIA}

    def criterion_rows(self) -> list[tuple[Any, Any]]:
        return [(self[c.value], self[f"{c.value}_note"]) for c in CRITERIA]


TAG_FIELDS = {
    "dimensions": (_("Capacity dimensions it addresses"), labels.dimensions),
    "stages": (_("Stages it suits"), labels.stages),
    "barriers": (_("Barriers it addresses"), labels.barriers),
    "services": (_("Service types it uses"), labels.services),
}
TEXTAREAS = ("problem", "description", "resources", "evidence", "difficulties", "transfer")


class PracticeForm(forms.ModelForm):
    """Every field of an Interreg Europe good practice, its tags and its sources (one address a line).
    `regions` are those the user may file a practice under; `blank_region` whether a practice from
    outside the partnership may be filed (the coordinator's)."""

    sources_text = forms.CharField(
        label=_("Sources (one web address a line)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "region",
            "organisation",
            "country",
            "origin_region",
            "nuts",
            "interreg_project",
            "published_on",
            "problem",
            "description",
            "resources",
            "timescale",
            "evidence",
            "difficulties",
            "transfer",
            "contact",
        ]
        widgets = {
            **{f: forms.Textarea(attrs={"rows": 3}) for f in TEXTAREAS},
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(
        self, *args: Any, regions: Any, organisations: Any, blank_region: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        region.queryset = regions  # type: ignore[attr-defined]  # a ModelChoiceField
        region.required = not blank_region
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]  # idem
        for name, (label, choices) in TAG_FIELDS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=label, required=False, choices=choices(), widget=forms.CheckboxSelectMultiple
            )
            if self.instance.pk:
                self.initial.setdefault(name, list(getattr(self.instance, name) or []))
        if self.instance.pk:
            self.initial.setdefault("sources_text", "\n".join(self.instance.sources or []))
        for name in TEXTAREAS + ("title",):
            self.fields[name].required = name == "title"

    def clean_sources_text(self) -> list[str]:
        validate = URLValidator(schemes=["http", "https"])
        urls = [line.strip() for line in (self.cleaned_data.get("sources_text") or "").splitlines()]
        urls = [u for u in urls if u]
        for url in urls:
            try:
                validate(url)
            except ValidationError:
                raise ValidationError(
                    _("%(url)s is not a web address (http or https)."), params={"url": url}
                ) from None
        return urls

    def save(self, commit: bool = True) -> GoodPractice:
        practice = super().save(commit=False)
        for name in TAG_FIELDS:
            setattr(practice, name, list(self.cleaned_data.get(name) or []))
        practice.sources = self.cleaned_data.get("sources_text") or []
        return practice


class PracticeTranslationForm(forms.Form):
    """The practice's text in one language; an empty field shows the English text, marked as such."""

    def __init__(self, *args: Any, practice: GoodPractice, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in PRACTICE_TEXT:
            field = GoodPractice._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=getattr(field, "verbose_name", name),
                required=False,
                max_length=300 if name in ("title", "timescale") else 8000,
                widget=forms.Textarea(attrs={"rows": 3, "lang": lang})
                if name in TEXTAREAS
                else forms.TextInput(attrs={"lang": lang}),
                help_text=getattr(practice, name) or "",
            )

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in PRACTICE_TEXT}


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation (from the directory)"), queryset=Organisation.objects.none(), required=False
    )
    organisation_name = forms.CharField(
        label=_("Organisation, if it is not in the directory"), max_length=300, required=False
    )
    stakeholder_type = forms.ChoiceField(label=_("Stakeholder type"), choices=StakeholderType.choices)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNDISCLOSED)
    attended = forms.BooleanField(label=_("Attended"), required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]  # a ModelChoiceField


class ParticipantsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Participants list (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


USEFULNESS = [(str(n), str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        label=_("How useful was the event for your work? (1 not at all – 5 very)"),
        choices=USEFULNESS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    capacity_gain = forms.TypedChoiceField(
        label=_(
            "Did the event increase your professional capacity (knowledge, skills or contacts you use at work)?"
        ),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LessonForm(forms.Form):
    text = forms.CharField(
        label=_("Lesson learnt"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision = forms.CharField(
        label=_("Decision taken (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    practice: forms.ModelChoiceField[GoodPractice] = forms.ModelChoiceField(
        label=_("Good practice it draws on"), queryset=GoodPractice.objects.none(), required=False
    )
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation it concerns"), queryset=Organisation.objects.none(), required=False
    )
    finding = forms.RegexField(
        label=_("Finding it answers (figure identifier, e.g. SAR-hu-hr-BAR-prefinancing)"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        max_length=120,
        required=False,
        error_messages={"invalid": _("A figure identifier holds letters, digits and - _ . : only.")},
    )

    def __init__(self, *args: Any, practices: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = practices  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["practice"].label_from_instance = lambda p: tr(p, "title")  # type: ignore[attr-defined]  # idem
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]  # idem


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


# ---- events ------------------------------------------------------------------------------------


def time_zones() -> list[tuple[str, str]]:
    """The European time zones (the partnership's) and UTC, by name."""
    names = sorted(z for z in zoneinfo.available_timezones() if z.startswith("Europe/"))
    return [(z, z) for z in ["UTC", *names]]


# A new event's time zone, from its host region's first country (the five regions and their neighbours)
COUNTRY_ZONES = {
    "HU": "Europe/Budapest", "HR": "Europe/Zagreb", "IT": "Europe/Rome", "PL": "Europe/Warsaw",
    "ES": "Europe/Madrid", "LT": "Europe/Vilnius", "AT": "Europe/Vienna", "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava", "RS": "Europe/Belgrade", "CH": "Europe/Zurich", "FR": "Europe/Paris",
    "PT": "Europe/Lisbon", "LV": "Europe/Riga", "UA": "Europe/Kyiv",
}  # fmt: skip


LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _links_text(event: Event) -> str:
    return "\n".join(f"{link.title} | {link.url}" for link in event.links.all())


class EventForm(forms.ModelForm):
    """An event: times are typed as the clock shows them in the event's time zone."""

    starts = forms.DateTimeField(label=_("Starts (local time)"), input_formats=LOCAL_FORMATS, widget=LOCAL)
    ends = forms.DateTimeField(label=_("Ends (local time)"), input_formats=LOCAL_FORMATS, widget=LOCAL)
    agenda_text = forms.CharField(
        label=_("Agenda (one item a line)"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    links_text = forms.CharField(
        label=_("Links (one a line: title | web address)"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    closes = forms.DateTimeField(
        label=_("Registration closes (local time; empty: when the event starts)"),
        required=False,
        input_formats=LOCAL_FORMATS,
        widget=LOCAL,
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Good practices presented"),
        queryset=GoodPractice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "region",
            "timezone",
            "format",
            "location",
            "online_url",
            "description",
            "rsg_round",
            "published",
            "registration_open",
            "capacity",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    field_order = [
        "kind", "title", "region", "starts", "ends", "timezone", "format", "location", "online_url",
        "description", "agenda_text", "links_text", "practices", "rsg_round", "published",
        "registration_open", "closes", "capacity",
    ]  # fmt: skip

    def __init__(self, *args: Any, regions: Any, practices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]  # a ModelChoiceField
        practice_field = self.fields["practices"]
        practice_field.queryset = practices  # type: ignore[attr-defined]  # idem
        practice_field.label_from_instance = lambda p: tr(p, "title")  # type: ignore[attr-defined]  # idem
        self.fields["timezone"] = forms.ChoiceField(label=_("Time zone"), choices=time_zones())
        event = self.instance
        if not event.pk and len(regions) == 1:  # a regional partner files under its own region
            region = regions[0]
            self.initial["region"] = region.pk
            countries = region.countries or []
            if countries and countries[0] in COUNTRY_ZONES:
                self.initial["timezone"] = COUNTRY_ZONES[countries[0]]
        if event.pk:
            zone = zoneinfo.ZoneInfo(event.timezone)
            self.initial.setdefault("starts", event.starts_at.astimezone(zone).replace(tzinfo=None))
            self.initial.setdefault("ends", event.ends_at.astimezone(zone).replace(tzinfo=None))
            if event.registration_closes_at:
                self.initial.setdefault(
                    "closes", event.registration_closes_at.astimezone(zone).replace(tzinfo=None)
                )
            self.initial.setdefault("agenda_text", "\n".join(event.agenda or []))
            self.initial.setdefault("links_text", _links_text(event))
            self.initial.setdefault("practices", list(event.practices.values_list("pk", flat=True)))

    def clean_links_text(self) -> list[tuple[str, str]]:
        validate = URLValidator(schemes=["http", "https"])
        out = []
        for line in (self.cleaned_data.get("links_text") or "").splitlines():
            if not line.strip():
                continue
            title, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
            url = url.strip()
            try:
                validate(url)
            except ValidationError:
                raise ValidationError(
                    _("%(url)s is not a web address (http or https)."), params={"url": url}
                ) from None
            out.append(((title.strip() or url)[:200], url))
        if len(out) > 50:
            raise ValidationError(_("An event holds at most 50 links."))
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = data.get("timezone")
        if name:
            zone = zoneinfo.ZoneInfo(name)
            for local, field in (
                ("starts", "starts_at"),
                ("ends", "ends_at"),
                ("closes", "registration_closes_at"),
            ):
                value = data.get(local)
                setattr(
                    self.instance, field, value.replace(tzinfo=None).replace(tzinfo=zone) if value else None
                )
            if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
                self.add_error("ends", _("The event ends before it starts."))
        return data

    def save(self, commit: bool = True) -> Event:
        event = super().save(commit=False)
        event.agenda = [line.strip() for line in (self.cleaned_data.get("agenda_text") or "").splitlines()]
        return event


class MaterialForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT or ODP; at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt,.odp"}),
    )


class RegistrationForm(forms.Form):
    """Registering oneself for an event: the organisation picked from the directory, or typed."""

    submission = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Your registration link is sent to it."))
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation (from the directory)"), queryset=Organisation.objects.none(), required=False
    )
    organisation_name = forms.CharField(
        label=_("Organisation, if it is not in the directory"), max_length=300, required=False
    )
    stakeholder_type = forms.ChoiceField(label=_("Stakeholder type"), choices=StakeholderType.choices)
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        initial=Gender.UNDISCLOSED,
        help_text=_(
            "Counted only in totals of at least the minimum cell, for the attention the partnership gives to women in entrepreneurship."
        ),
    )
    listed = forms.BooleanField(
        label=_("Show my name and organisation in the event's list of participants"), required=False
    )
    privacy = forms.BooleanField(
        label=_(
            "I agree that the event's organisers (its host region's partner and the project's coordinator) keep these details for the event and its follow-up."
        ),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["organisation"].label_from_instance = lambda o: tr(o, "name")  # type: ignore[attr-defined]  # idem


# ---- fast-track initiatives ---------------------------------------------------------------------

FIGURE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")


class InitiativeForm(forms.ModelForm):
    figures_text = forms.CharField(
        label=_("Evidence: figure identifiers (one a line)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Good practices it draws on"),
        queryset=GoodPractice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = FastTrackInitiative
        fields = [
            "region",
            "title",
            "instrument",
            "weakness",
            "change",
            "event",
            "decision",
            "decided_on",
            "effect",
            "funds_concerned",
        ]
        widgets = {
            "change": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "effect": forms.Textarea(attrs={"rows": 2}),
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(
        self,
        *args: Any,
        regions: Any,
        instruments: Any,
        weaknesses: Any,
        events: Any,
        practices: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("region", regions),
            ("instrument", instruments),
            ("weakness", weaknesses),
            ("event", events),
            ("practices", practices),
        ):
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]  # model choice fields
        for name in ("instrument", "event", "weakness", "practices"):
            attr = {"weakness": "text"}.get(name, "name" if name == "instrument" else "title")
            self.fields[name].label_from_instance = lambda o, a=attr: tr(o, a)  # type: ignore[attr-defined]  # idem
        if self.instance.pk:
            self.initial.setdefault("figures_text", "\n".join(self.instance.evidence_figures or []))
            self.initial.setdefault("practices", list(self.instance.practices.values_list("pk", flat=True)))

    def clean_figures_text(self) -> list[str]:
        ids = [
            line.strip()
            for line in (self.cleaned_data.get("figures_text") or "").splitlines()
            if line.strip()
        ]
        for key in ids:
            if len(key) > 120 or not FIGURE_ID.match(key):
                raise ValidationError(
                    _("%(key)s is not a figure identifier (letters, digits and - _ . : only)."),
                    params={"key": key},
                )
        return ids

    def save(self, commit: bool = True) -> FastTrackInitiative:
        initiative = super().save(commit=False)
        initiative.evidence_figures = self.cleaned_data.get("figures_text") or []
        return initiative


class InitiativeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "status").choices = choices
